#include "daemon/rate_budget_sync.h"

#include <spdlog/spdlog.h>

namespace amanah::daemon {

base::Result<size_t> RateBudgetSync::Sync() {
  const auto rates = registry_.Rates();
  if (rates.empty()) return size_t{0};
  return store_.Write([&](store::UnitOfWork& u) -> base::Result<size_t> {
    for (const auto& rate : rates) {
      const auto seen = rate.state->snapshot();
      store::RateBudget mine{rate.exchange,
                             rate.origin,
                             egress_ip_,
                             seen.weight_reported_ms - seen.weight_reported_ms % 60'000,
                             seen.used_weight,
                             seen.weight_limit,
                             seen.backoff_until_ms,
                             seen.banned_until_ms};
      AMANAH_ASSIGN_OR_RETURN(store::RateBudget shared, u.rate_budgets().Merge(mine));
      rate.state->Adopt(shared.window_start_ms, shared.used_weight, shared.weight_limit,
                        shared.backoff_until_ms, shared.banned_until_ms);
    }
    return rates.size();
  });
}

boost::asio::awaitable<void> RateBudgetSync::Run(engine::Pause pause,
                                                 std::chrono::milliseconds every,
                                                 const std::atomic<bool>& stop) {
  while (!stop.load()) {
    if (auto synced = Sync(); !synced) {
      spdlog::error("rate budgets: could not share with the other nodes: {}",
                    synced.error().ToString());
    }
    co_await pause(every);
  }
}

}  // namespace amanah::daemon
