// RateState: what an exchange knows about us as one egress IP on one origin — the request weight
// used in its current window, and until when we must back off (after a 429) or are banned (after a
// 418). Every adapter on that origin shares one, so a ban seen by one connection stops every
// tenant's calls there instead of each key earning its own ban. It also counts the calls made to
// the origin by outcome ("ok", a Failure's name, or "held" for one not sent because of a hold), for
// the daemon's metrics. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
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
    /// When the used weight was reported (ms since the epoch): the minute it belongs to.
    int64_t weight_reported_ms = 0;
    int64_t backoff_until_ms = 0;
    int64_t banned_until_ms = 0;
    int64_t weight_limit = 0;  ///< per window, as the exchange published it; 0: not yet
    /// Calls since start, by outcome.
    std::map<std::string, int64_t, std::less<>> calls;
  };

  /// An error when no request may be sent at `now_ms` (banned, or backing off); nullopt if one
  /// may. `exchange` names it in the message.
  std::optional<base::Error> Refuse(int64_t now_ms, std::string_view exchange) const;
  /// Records the used weight a response reported at `now_ms` (-1: none).
  void RecordWeight(int64_t used_weight, int64_t now_ms);
  /// Records the request-weight limit the exchange publishes (Binance: exchangeInfo rateLimits).
  void RecordWeightLimit(int64_t limit);
  /// Holds every request until `until_ms`: kBanned (418) or kRateLimited (429).
  void Hold(Failure failure, int64_t until_ms);
  /// Takes in what the other nodes on this egress IP reported (the shared rate budget): their
  /// holds, and their used weight when it is of a later minute or larger in the same one.
  void Adopt(int64_t window_start_ms, int64_t used_weight, int64_t weight_limit,
             int64_t backoff_until_ms, int64_t banned_until_ms);
  /// Counts one call that ended in `outcome`.
  void CountCall(std::string_view outcome);
  Snapshot snapshot() const;

 private:
  mutable std::mutex mu_;
  Snapshot state_;  // GUARDED_BY(mu_)
};

}  // namespace amanah::exchange
