#include "core/rate_limiter.h"

#include <algorithm>

namespace amanah::paper {

namespace {
constexpr int64_t kFirstBanMs = 2 * 60 * 1000;
constexpr int64_t kLongestBanMs = 3 * 24 * 60 * 60 * 1000LL;
}  // namespace

RateLimiter::Decision RateLimiter::Add(const std::string& key, int64_t cost, int64_t now_ms) {
  Counter& counter = counters_[key];
  Decision decision;
  if (counter.banned_until > now_ms) {
    decision.allowed = false;
    decision.banned = true;
    decision.banned_until = counter.banned_until;
    decision.retry_after_ms = counter.banned_until - now_ms;
    decision.used = counter.used;
    return decision;
  }
  int64_t window = now_ms / window_ms_;
  if (window != counter.window) {
    counter.window = window;
    counter.used = 0;
  }
  counter.used += cost;
  decision.used = counter.used;
  if (counter.used <= limit_) {
    counter.violations = 0;
    return decision;
  }
  decision.allowed = false;
  decision.retry_after_ms = (window + 1) * window_ms_ - now_ms;
  if (ban_after_ > 0 && ++counter.violations >= ban_after_) {
    int64_t length = std::min(kLongestBanMs, kFirstBanMs << std::min(counter.bans, 20));
    ++counter.bans;
    counter.violations = 0;
    counter.banned_until = now_ms + length;
    decision.banned = true;
    decision.banned_until = counter.banned_until;
    decision.retry_after_ms = length;
  }
  return decision;
}

int64_t RateLimiter::Used(const std::string& key, int64_t now_ms) const {
  auto found = counters_.find(key);
  if (found == counters_.end() || found->second.window != now_ms / window_ms_) return 0;
  return found->second.used;
}

}  // namespace amanah::paper
