// Metrics: the daemon's counters and gauges in the Prometheus text exposition format (version
// 0.0.4) for `/metrics` — families declared once with their help text, series by label values
// (escaped as the format requires). Counters only grow; gauges are set when scraped. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace amanah::api {

using Labels = std::vector<std::pair<std::string_view, std::string_view>>;

class Metrics {
 public:
  enum class Type { kCounter, kGauge };
  /// Declares a family (before its first series).
  void Declare(std::string_view name, Type type, std::string_view help);
  void Add(std::string_view name, const Labels& labels, double delta = 1);
  void Set(std::string_view name, const Labels& labels, double value);
  /// Drops every series of a gauge family (before setting it afresh at a scrape).
  void Clear(std::string_view name);
  /// The value of one series (0 if it has none); for tests.
  double Value(std::string_view name, const Labels& labels) const;
  std::string Render() const;

 private:
  struct Family {
    Type type = Type::kCounter;
    std::string help;
    std::map<std::string, double> series;  // by rendered label set
  };
  static std::string LabelText(const Labels& labels);

  mutable std::mutex mu_;
  std::map<std::string, Family, std::less<>> families_;  // GUARDED_BY(mu_)
};

}  // namespace amanah::api
