// RateLimiter: fixed-window counters keyed by a string (an IP, or an account), as Binance counts
// request weight per IP per minute and orders per account per 10 s and per day. A key over its
// limit too often is banned for a growing time (2 min doubling up to 3 days, as Binance documents).
// Not thread-safe; guarded by the Exchange lock.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace amanah::paper {

class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    bool banned = false;  ///< refused because the key is banned
    int64_t used = 0;     ///< usage in the current window, after this request
    int64_t retry_after_ms = 0;
    int64_t banned_until = 0;  ///< ms since epoch, when banned
  };

  /// `limit` per window of `window_ms`; `ban_after` violations in a row (0 = never) start a ban.
  RateLimiter(int64_t limit, int64_t window_ms, int ban_after)
      : limit_(limit), window_ms_(window_ms), ban_after_(ban_after) {}

  /// Adds `cost` for `key` at `now_ms` and says whether the request may proceed.
  Decision Add(const std::string& key, int64_t cost, int64_t now_ms);
  /// Usage of `key` in the current window, without adding.
  int64_t Used(const std::string& key, int64_t now_ms) const;
  void set_limit(int64_t limit) { limit_ = limit; }
  int64_t limit() const { return limit_; }
  int64_t window_ms() const { return window_ms_; }
  void Reset() { counters_.clear(); }

 private:
  struct Counter {
    int64_t window = -1;
    int64_t used = 0;
    int violations = 0;
    int bans = 0;
    int64_t banned_until = 0;
  };
  int64_t limit_;
  int64_t window_ms_;
  int ban_after_;
  std::unordered_map<std::string, Counter> counters_;
};

}  // namespace amanah::paper
