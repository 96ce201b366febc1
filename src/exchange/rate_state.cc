#include "exchange/rate_state.h"

#include <algorithm>

namespace amanah::exchange {

std::optional<base::Error> RateState::Refuse(int64_t now_ms, std::string_view exchange) const {
  std::lock_guard lock(mu_);
  if (state_.banned_until_ms > now_ms) {
    return ExchangeFailure(base::ErrorCode::kRateLimited, Failure::kBanned,
                           std::string(exchange) + " banned this IP until " +
                               std::to_string(state_.banned_until_ms) +
                               " (ms since epoch); not sending",
                           "418", "banned", state_.banned_until_ms);
  }
  if (state_.backoff_until_ms > now_ms) {
    return ExchangeFailure(base::ErrorCode::kRateLimited, Failure::kRateLimited,
                           "backing off after a 429 for " +
                               std::to_string((state_.backoff_until_ms - now_ms + 999) / 1000) +
                               " more s (Retry-After); not sending",
                           "429", "rate limited", state_.backoff_until_ms);
  }
  return std::nullopt;
}

void RateState::RecordWeight(int64_t used_weight) {
  if (used_weight < 0) return;
  std::lock_guard lock(mu_);
  state_.used_weight = used_weight;
}

void RateState::RecordWeightLimit(int64_t limit) {
  if (limit <= 0) return;
  std::lock_guard lock(mu_);
  state_.weight_limit = limit;
}

void RateState::Hold(Failure failure, int64_t until_ms) {
  std::lock_guard lock(mu_);
  int64_t& field = failure == Failure::kBanned ? state_.banned_until_ms : state_.backoff_until_ms;
  field = std::max(field, until_ms);
}

RateState::Snapshot RateState::snapshot() const {
  std::lock_guard lock(mu_);
  return state_;
}

}  // namespace amanah::exchange
