#include "api/metrics.h"

#include <cmath>
#include <cstdio>

#include "base/check.h"

namespace amanah::api {

namespace {

void Escape(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

std::string Number(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<int64_t>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::string Metrics::LabelText(const Labels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    out += labels[i].first;
    out += "=\"";
    Escape(out, labels[i].second);
    out += '"';
  }
  out += '}';
  return out;
}

void Metrics::Declare(std::string_view name, Type type, std::string_view help) {
  std::lock_guard lock(mu_);
  auto& f = families_[std::string(name)];
  f.type = type;
  f.help = std::string(help);
}

void Metrics::Add(std::string_view name, const Labels& labels, double delta) {
  std::string key = LabelText(labels);
  std::lock_guard lock(mu_);
  auto it = families_.find(name);
  AMANAH_CHECK(it != families_.end(), "metric " + std::string(name) + " was not declared");
  it->second.series[key] += delta;
}

void Metrics::Set(std::string_view name, const Labels& labels, double value) {
  std::string key = LabelText(labels);
  std::lock_guard lock(mu_);
  auto it = families_.find(name);
  AMANAH_CHECK(it != families_.end(), "metric " + std::string(name) + " was not declared");
  it->second.series[key] = value;
}

void Metrics::Clear(std::string_view name) {
  std::lock_guard lock(mu_);
  auto it = families_.find(name);
  if (it != families_.end()) it->second.series.clear();
}

double Metrics::Value(std::string_view name, const Labels& labels) const {
  std::string key = LabelText(labels);
  std::lock_guard lock(mu_);
  auto it = families_.find(name);
  if (it == families_.end()) return 0;
  auto s = it->second.series.find(key);
  return s == it->second.series.end() ? 0 : s->second;
}

std::string Metrics::Render() const {
  std::string out;
  std::lock_guard lock(mu_);
  for (const auto& [name, f] : families_) {
    out += "# HELP " + name + " " + f.help + "\n";
    out += "# TYPE " + name + (f.type == Type::kCounter ? " counter\n" : " gauge\n");
    for (const auto& [labels, value] : f.series) out += name + labels + " " + Number(value) + "\n";
  }
  return out;
}

}  // namespace amanah::api
