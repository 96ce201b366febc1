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

void RateState::RecordWeight(int64_t used_weight, int64_t now_ms) {
  if (used_weight < 0) return;
  std::lock_guard lock(mu_);
  state_.used_weight = used_weight;
  state_.weight_reported_ms = now_ms;
}

void RateState::Adopt(int64_t window_start_ms, int64_t used_weight, int64_t weight_limit,
                      int64_t backoff_until_ms, int64_t banned_until_ms) {
  std::lock_guard lock(mu_);
  const int64_t own_window = state_.weight_reported_ms - state_.weight_reported_ms % 60'000;
  if (used_weight >= 0 && (window_start_ms > own_window ||
                           (window_start_ms == own_window && used_weight > state_.used_weight))) {
    state_.used_weight = used_weight;
    state_.weight_reported_ms = window_start_ms;
  }
  if (weight_limit > 0 && state_.weight_limit <= 0) state_.weight_limit = weight_limit;
  state_.backoff_until_ms = std::max(state_.backoff_until_ms, backoff_until_ms);
  state_.banned_until_ms = std::max(state_.banned_until_ms, banned_until_ms);
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

void RateState::CountCall(std::string_view outcome) {
  std::lock_guard lock(mu_);
  auto it = state_.calls.find(outcome);
  if (it == state_.calls.end()) it = state_.calls.emplace(std::string(outcome), 0).first;
  ++it->second;
}

RateState::Snapshot RateState::snapshot() const {
  std::lock_guard lock(mu_);
  return state_;
}

}  // namespace amanah::exchange
