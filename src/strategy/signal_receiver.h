// SignalReceiver: the webhook plans' receiving end. Receive() answers a sender at once (well inside
// the 3 s senders such as TradingView wait): it authenticates the signal (the HMAC header, else
// the plan's secret in the body, compared in constant time), refuses a stale one (timestamp
// further than the plan's max_lag from now), a replayed one (an id the plan received before), and
// one on a pair the plan may not trade (not in its list, not approved on its connection, or not
// compliant under the screening) — each with its HTTP status and a clear reason, placing nothing —
// and queues the rest durably (plan.signal, committed before the answer). Drain() then places the
// queued signals, oldest first, each as one intent through the order engine's check chain, with an
// id derived from the plan and the signal id, so that a signal placed by a process that died
// before it recorded the outcome is not placed twice.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/asio/awaitable.hpp>

#include "engine/order_engine.h"
#include "keys/approved_pairs.h"
#include "keys/key_service.h"
#include "screen/screening.h"
#include "strategy/plan_service.h"
#include "strategy/signal.h"

namespace amanah::strategy {

/// Why a signal was refused, as the HTTP answer says it.
struct SignalRefusal {
  unsigned status = 400;
  std::string type;  ///< problem type slug: "bad-signature", "stale-signal", "replayed-signal", …
  std::string detail;
};

class SignalReceiver {
 public:
  struct Deps {
    store::Store& store;
    vault::Vault& vault;
    journal::Journal& journal;
    const base::Clock& clock;
    PlanService& plans;
    keys::PairApprovals& pairs;
    keys::KeyService& keys;
    engine::OrderEngine& engine;
    const screen::Screening& screening;
    base::Decimal fee_rate;
    bool allow_doubtful = false;
    bool require_approved_pairs = true;
  };
  explicit SignalReceiver(Deps deps) : d_(deps) {}

  /// One signal for the plan `plan_id`: the queued row, or why it was refused.
  std::variant<store::SignalRow, SignalRefusal> Receive(
      std::string_view plan_id, std::string_view body,
      const std::optional<std::string>& signature_header,
      const std::optional<std::string>& timestamp_header);

  /// Places up to `limit` queued signals; how many were settled (placed or refused).
  boost::asio::awaitable<base::Result<size_t>> Drain(size_t limit = 64);
  /// Drain every `poll` until `stop` is set.
  boost::asio::awaitable<void> Run(engine::Pause pause, std::chrono::milliseconds poll,
                                   const std::atomic<bool>& stop);

 private:
  boost::asio::awaitable<base::Result<void>> Place(store::SignalRow row);
  base::Result<void> Settle(store::SignalRow row, std::string state, std::string order_id,
                            std::string reason, const base::Decimal& spent);

  Deps d_;
};

/// The intent id of a plan's signal (order::DerivedIntentId of "amanah/signal-intent/v1", the
/// plan id and the signal id).
std::string SignalIntentId(std::string_view plan_id, std::string_view signal_id);

}  // namespace amanah::strategy
