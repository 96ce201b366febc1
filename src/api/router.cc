#include "api/router.h"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>

#include "base/check.h"

namespace amanah::api {

namespace json = boost::json;
using base::ErrorCode;

namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

/// Percent-decodes one path segment; none if it is not valid percent-encoding.
std::optional<std::string> Decode(std::string_view segment) {
  auto pct = boost::urls::make_pct_string_view(segment);
  if (!pct) return std::nullopt;
  return pct->decode();
}

}  // namespace

const std::string& Call::Param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  AMANAH_CHECK(false, "route has no parameter " + std::string(name));
  static const std::string kNone;
  return kNone;
}

std::optional<std::string> Call::Query(std::string_view name) const {
  auto url = boost::urls::parse_origin_form(request.target);
  if (!url) return std::nullopt;
  for (auto param : url->params()) {
    if (param.key == name) return std::string(param.value);
  }
  return std::nullopt;
}

base::Result<json::value> Call::JsonBody() const {
  auto type = request.Header("content-type");
  if (!type || !type->starts_with("application/json")) {
    return base::Fail(ErrorCode::kInvalidArgument,
                      "send the body as JSON, with Content-Type: application/json");
  }
  json::error_code ec;
  json::value body = json::parse(request.body, ec);
  if (ec) return base::Fail(ErrorCode::kInvalidArgument, "the body is not JSON: " + ec.message());
  if (!body.is_object())
    return base::Fail(ErrorCode::kInvalidArgument, "the body must be a JSON object");
  return body;
}

const access::Principal& Call::Who() const {
  AMANAH_CHECK(principal != nullptr, "a public route asked who is calling");
  return *principal;
}

void Router::Add(std::string method, std::string pattern, Guard guard, RouteHandler handler) {
  Route route{std::move(method), std::move(pattern), guard, std::move(handler), {}};
  for (auto s : Split(route.pattern)) route.segments.emplace_back(s);
  routes_.push_back(std::move(route));
}

Router::Match Router::Find(std::string_view method, std::string_view path) const {
  Match out;
  const auto parts = Split(path);
  for (const auto& route : routes_) {
    if (route.segments.size() != parts.size()) continue;
    std::vector<std::pair<std::string, std::string>> params;
    bool ok = true;
    for (size_t i = 0; ok && i < parts.size(); ++i) {
      const std::string& want = route.segments[i];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
        auto value = Decode(parts[i]);
        ok = value && !value->empty();
        if (ok) params.emplace_back(want.substr(1, want.size() - 2), std::move(*value));
      } else {
        ok = want == parts[i];
      }
    }
    if (!ok) continue;
    if (route.method == method) {
      out.route = &route;
      out.params = std::move(params);
      out.allow.clear();
      return out;
    }
    if (!out.allow.empty()) out.allow += ", ";
    out.allow += route.method;
  }
  return out;
}

server::HttpResponse Json(unsigned status, const json::value& body) {
  server::HttpResponse out;
  out.status = status;
  out.content_type = "application/json";
  out.body = json::serialize(body);
  return out;
}

std::string_view PathOf(std::string_view target) { return target.substr(0, target.find('?')); }

}  // namespace amanah::api
