// OrderEngine: intent → policy chain → durable `pending` with its client order id → sign → send →
// record the answer, each state change in one unit of work with its journal record.
//
// Fail closed: an order is signed only after every enforced check passed and its `pending` row
// and `order.intent` record are durable. A lost answer (timeout, 5xx after acceptance, a dropped
// connection) leaves the order `unknown`; it is settled by asking the exchange for its client
// order id, never by sending again — and an order the exchange does not know is concluded
// "never placed" only once its acceptance window (Binance: recvWindow) has passed, so a request
// still in flight cannot be placed behind our back. Before a connection takes a new order its
// unsettled ones are settled; at start-up SettleAll settles every tenant's. The same intent
// submitted twice places one order (the intent id is the primary key and the client order id).
//
// Coroutines on the transport's executor (transport::RunBlocking for the CLI). Calls for one
// connection should not overlap; different connections run concurrently.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>

#include "base/clock.h"
#include "base/random.h"
#include "engine/connection_activity.h"
#include "exchange/failure.h"
#include "exchange/http_request.h"
#include "journal/journal.h"
#include "keys/approved_pairs.h"
#include "keys/key_service.h"
#include "order/intent.h"
#include "order/lifecycle.h"
#include "policy/chain.h"
#include "policy/policy_options.h"
#include "store/store.h"
#include "vault/vault.h"

namespace amanah::engine {

/// Waits `d` on the caller's executor: a steady timer by default; tests inject one that moves
/// their fake clock instead of sleeping.
using Pause = std::function<boost::asio::awaitable<void>(std::chrono::milliseconds d)>;

struct SubmitOutcome {
  enum class Kind {
    kRejected,  ///< a check (or the exchange) refused it; `order` holds the rejected row
    kPlaced,    ///< the exchange accepted it; `order` holds where it stands
    kUnknown,   ///< sent, no answer; settled later by its client order id
    kDryRun,    ///< checked, not sent; `request` is exactly what would be signed and sent
    kExisting,  ///< this intent was submitted before; `order` is that order
  };
  Kind kind = Kind::kRejected;
  policy::ChainResult chain;
  std::optional<store::OrderRow> order;
  /// The exchange's refusal, or why the answer was lost.
  std::optional<exchange::Diagnosis> exchange_failure;
  std::optional<exchange::HttpRequest> request;
  /// Dry run: the exchange's test endpoint validated the order (else exchange_failure says why).
  bool exchange_validated = false;
};
std::string_view KindName(SubmitOutcome::Kind k);

/// The order was concluded never placed: the exchange does not know it and its acceptance window
/// passed (a stop between the durable `pending` and the send, or a request lost on the way).
bool NeverPlaced(const store::OrderRow& row);

/// What settling unknown and pending orders did.
struct SettleReport {
  size_t settled = 0;
  /// Orders still unsettled (the exchange could not be asked, or the window has not passed).
  std::vector<std::string> remaining;
  std::vector<std::string> problems;
};

class OrderEngine {
 public:
  struct Deps {
    store::Store& store;
    vault::Vault& vault;
    journal::Journal& journal;
    keys::KeyService& keys;
    keys::PairApprovals& pairs;
    const base::Clock& clock;
    base::Random& random;
    const policy::Chain& chain;
  };
  struct Options {
    policy::PolicyOptions policy;
    /// Margin over the exchange's acceptance window before "not found" means "never placed".
    std::chrono::milliseconds settle_margin{1000};
    /// How many times settlement waits for an acceptance window to pass.
    int settle_rounds = 3;
    /// How long the exchange's symbol list (filters) is reused before it is read again.
    std::chrono::seconds symbols_ttl{std::chrono::minutes(5)};
    /// How settlement waits (null: a steady timer).
    Pause pause;
  };

  OrderEngine(Deps deps, Options options) : d_(deps), options_(std::move(options)) {}

  /// A fresh intent with a new id for `tenant`.
  order::Intent NewIntent(store::TenantId tenant) const;

  /// Checks and (unless `dry_run`) places the intent. Errors: the intent's shape
  /// (kInvalidArgument), no such connection (kNotFound), an earlier order of the connection still
  /// unsettled (kUnavailable), the store or journal failing (nothing is sent then).
  boost::asio::awaitable<base::Result<SubmitOutcome>> Submit(order::Intent intent,
                                                             bool dry_run = false);
  /// Submit for an intent that stands for a decision made once — a plan's run, a webhook signal —
  /// and whose id is derived from it: when its order was concluded never placed (NeverPlaced),
  /// the intent is sent again under order::ResendIntentId, up to `attempts` orders in all; the
  /// outcome is the last one's. An existing order still unsettled is settled first (waiting for
  /// its acceptance window), so a second look never reports an order that may yet vanish.
  boost::asio::awaitable<base::Result<SubmitOutcome>> SubmitResending(order::Intent intent,
                                                                      int attempts = 3);
  /// Cancels one of our open orders by its id.
  boost::asio::awaitable<base::Result<store::OrderRow>> Cancel(store::TenantId tenant,
                                                               std::string order_id);
  /// Settles the unsettled orders of every tenant (start-up). With `wait_for_windows`, waits for
  /// the acceptance windows of orders the exchange does not know yet (up to settle_rounds times).
  boost::asio::awaitable<SettleReport> SettleAll(bool wait_for_windows = true);
  /// Cancels every open order of the connection on `symbol` in one request where the exchange
  /// has one, and records ours; the orders cancelled (ours and any others on the account).
  boost::asio::awaitable<base::Result<std::vector<exchange::OrderReport>>> CancelAll(
      store::TenantId tenant, std::string label, std::string symbol);
  /// The fills of one of our orders, as the exchange reports them.
  boost::asio::awaitable<base::Result<std::vector<exchange::TradeReport>>> Trades(
      store::TenantId tenant, std::string order_id);
  /// Asks the exchange where one of our orders stands now, and records it.
  boost::asio::awaitable<base::Result<store::OrderRow>> Refresh(store::TenantId tenant,
                                                                std::string order_id);

  /// Records what the exchange reports about one of our orders (reconciliation, a user-data
  /// stream): its state and fills, journaled as the transition's kind, in one unit. Unchanged
  /// reports change nothing; a move the lifecycle forbids is kFailedPrecondition.
  base::Result<store::OrderRow> Record(const store::OrderRow& row,
                                       const exchange::OrderReport& report);

  /// The tenant's orders (of one connection when `label` is given), newest first, each with its
  /// MAC checked.
  base::Result<std::vector<store::OrderRow>> List(const store::TenantId& tenant,
                                                  std::optional<std::string> label, bool open_only,
                                                  size_t limit = 1000);
  base::Result<store::OrderRow> Get(const store::TenantId& tenant, std::string_view order_id);

  const policy::Chain& chain() const { return d_.chain; }

 private:
  base::Result<store::Connection> FindConnection(const store::TenantId& tenant,
                                                 std::string_view label);
  base::Result<store::Connection> ConnectionOf(const store::OrderRow& row);
  // Moves a stored order to `to` with `update` applied, journaling `kind` (or the transition's own
  // kind), in one unit; the stored row must still be `row` (its MAC) and the move allowed.
  base::Result<store::OrderRow> Move(const store::OrderRow& row, order::State to,
                                     const exchange::OrderReport* report, std::string reason,
                                     std::optional<std::string_view> kind = std::nullopt);
  // Settles one pending/unknown order; the row it ends as (still unknown if it could not).
  boost::asio::awaitable<base::Result<store::OrderRow>> SettleOne(store::OrderRow row,
                                                                  exchange::SpotExchange& ex,
                                                                  bool& window_open);
  // Settles every unsettled order of one connection; kUnavailable if any remain.
  boost::asio::awaitable<base::Result<void>> SettleConnection(const store::Connection& c,
                                                              exchange::SpotExchange& ex,
                                                              int rounds);
  base::Result<store::OrderRow> InsertNew(const order::Intent& intent, const store::Connection& c,
                                          order::State state, std::string reason,
                                          const policy::ChainResult& chain);

  // The exchange's symbols, read at most once per symbols_ttl per exchange origin.
  boost::asio::awaitable<base::Result<std::vector<exchange::SymbolInfo>>> SymbolsOf(
      const store::Connection& c, exchange::SpotExchange& ex);

  Deps d_;
  Options options_;
  struct CachedSymbols {
    base::SystemTime read_at;
    std::vector<exchange::SymbolInfo> symbols;
  };
  ConnectionActivity activity_;
  std::mutex symbols_mu_;
  std::map<std::string, CachedSymbols> symbols_;  // GUARDED_BY(symbols_mu_), by exchange+endpoint
};

}  // namespace amanah::engine
