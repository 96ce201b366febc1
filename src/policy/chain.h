// Chain: the order policy — checks in a fixed order, each enforcing or in shadow mode, run over an
// order's facts until the first enforced reject (fail closed: the order is not signed). A check in
// shadow mode decides, is counted and reported (the engine journals it), but never blocks. The
// chain is immutable once built; its counters (one per check per outcome) are atomic, so one
// chain serves every connection from any thread.
#pragma once

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "policy/check.h"

namespace amanah::policy {

enum class Mode { kEnforce, kShadow };

/// What one check said about one order.
struct CheckOutcome {
  std::string check;
  Mode mode = Mode::kEnforce;
  bool ran = false;  ///< false: an earlier check rejected the order
  Decision decision;
};

struct ChainResult {
  std::vector<CheckOutcome> outcomes;
  /// The first enforced reject, if any (then the order must not be sent).
  std::optional<Reject> rejected;
  std::string rejected_by;
  bool passed() const { return !rejected.has_value(); }
  /// Shadow-mode checks that would have rejected.
  std::vector<const CheckOutcome*> ShadowRejects() const;
  boost::json::object ToJson() const;
};

struct CheckCounts {
  uint64_t passed = 0;
  uint64_t rejected = 0;
  uint64_t shadow_rejected = 0;
};

class Chain {
 public:
  class Builder {
   public:
    Builder& Add(std::unique_ptr<Check> check, Mode mode = Mode::kEnforce);
    /// Puts every check named in `shadow` in shadow mode; kInvalidArgument naming an unknown one.
    base::Result<void> SetShadow(const std::vector<std::string>& shadow);
    Chain Build() &&;

   private:
    std::vector<std::pair<std::unique_ptr<Check>, Mode>> checks_;
  };

  ChainResult Run(OrderFacts& facts) const;
  /// The counts of each check, in chain order.
  std::vector<std::pair<std::string, CheckCounts>> Counts() const;
  std::vector<std::string> Names() const;

 private:
  struct Link {
    std::unique_ptr<Check> check;
    Mode mode = Mode::kEnforce;
    mutable std::atomic<uint64_t> passed{0}, rejected{0}, shadow_rejected{0};
  };
  explicit Chain(std::vector<std::unique_ptr<Link>> links) : links_(std::move(links)) {}
  std::vector<std::unique_ptr<Link>> links_;
};

}  // namespace amanah::policy
