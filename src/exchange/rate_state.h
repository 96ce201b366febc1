// RateState: what an exchange knows about us as one egress IP on one origin — the request weight
// used in its current window, and until when we must back off (after a 429) or are banned (after a
// 418). Every adapter on that origin shares one, so a ban seen by one connection stops every
// tenant's calls there instead of each key earning its own ban. Thread-safe.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.h"
#include "exchange/failure.h"

namespace amanah::exchange {

class RateState {
 public:
  struct Snapshot {
    int64_t used_weight = -1;  ///< -1: never reported
    int64_t backoff_until_ms = 0;
    int64_t banned_until_ms = 0;
    int64_t weight_limit = 0;  ///< per window, as the exchange published it; 0: not yet
  };

  /// An error when no request may be sent at `now_ms` (banned, or backing off); nullopt if one
  /// may. `exchange` names it in the message.
  std::optional<base::Error> Refuse(int64_t now_ms, std::string_view exchange) const;
  /// Records the used weight a response reported (-1: none).
  void RecordWeight(int64_t used_weight);
  /// Records the request-weight limit the exchange publishes (Binance: exchangeInfo rateLimits).
  void RecordWeightLimit(int64_t limit);
  /// Holds every request until `until_ms`: kBanned (418) or kRateLimited (429).
  void Hold(Failure failure, int64_t until_ms);
  Snapshot snapshot() const;

 private:
  mutable std::mutex mu_;
  Snapshot state_;  // GUARDED_BY(mu_)
};

}  // namespace amanah::exchange
