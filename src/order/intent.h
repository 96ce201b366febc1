// OrderIntent: what a user, a plan or a webhook asks Amanah to do on one connection — a spot order
// in the exchange's own symbol, by quantity or (MARKET buys) by quote amount. Its id is 16 random
// bytes as 32 lowercase hex characters, which is also the client order id every one of the four
// exchanges accepts (Binance ≤ 36 of [.A-Z:/a-z0-9_-], Bybit ≤ 36, OKX ≤ 32 alphanumerics, Kraken's
// cl_ord_id ≤ 36 / a UUID; see reference/exchanges/SUMMARY.md), so an order is settled by it when
// an answer is lost and the same intent submitted twice places one order. Values.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "base/decimal.h"
#include "base/random.h"
#include "base/result.h"
#include "exchange/order.h"
#include "store/records.h"

namespace amanah::order {

enum class Source { kManual, kPlan, kWebhook };
std::string_view SourceName(Source s);
std::optional<Source> ParseSource(std::string_view name);

struct Intent {
  std::string id;  ///< 32 lowercase hex; the client order id
  store::TenantId tenant;
  std::string connection_label;
  std::string symbol;  ///< the exchange's own ("BTCUSDT")
  exchange::Side side = exchange::Side::kBuy;
  exchange::OrderType type = exchange::OrderType::kLimit;
  exchange::TimeInForce tif = exchange::TimeInForce::kGtc;
  std::optional<base::Decimal> quantity;      ///< base asset
  std::optional<base::Decimal> quote_amount;  ///< MARKET buys by quote instead of quantity
  std::optional<base::Decimal> limit_price;   ///< every type but MARKET
  /// Stop-loss / take-profit limit: the stop price (or, trailing, the activation price).
  std::optional<base::Decimal> trigger_price;
  std::optional<int64_t> trailing_bips;  ///< trailing stop: the delta, 1–9999 BIPS
  Source source = Source::kManual;
  std::string source_ref;  ///< plan or webhook id
};

/// A fresh intent id (and client order id).
std::string NewIntentId(base::Random& random);
/// An intent id derived from what the intent stands for — a plan's run slot, a webhook signal —
/// so that deciding it again gives the same id and the engine places it once: 32 lowercase hex of
/// SHA-256(purpose ‖ "\n" ‖ each part ‖ "\n" …).
std::string DerivedIntentId(std::string_view purpose,
                            std::initializer_list<std::string_view> parts);
/// The id under which an intent is sent again after its order of attempt `attempt` (1 for the
/// first id) was concluded never placed: DerivedIntentId("amanah/resend-intent/v1", {first id,
/// attempt}), so a second look after a crash finds the same resend.
std::string ResendIntentId(std::string_view first_id, int attempt);
/// 32 lowercase hex characters.
bool IsIntentId(std::string_view id);

/// kInvalidArgument naming what is wrong with the intent's shape (before any check runs): a
/// positive quantity xor quote amount, a quote amount only on MARKET, a positive limit price on
/// every type but MARKET and none on MARKET, a trigger price or trailing delta on stop-loss and
/// take-profit orders and on no other, a well-formed id and symbol.
base::Result<void> Validate(const Intent& intent);

/// The request sent to the exchange.
exchange::OrderRequest ToRequest(const Intent& intent);

/// The stored row of a new intent on `connection` at `now`, in state `state`.
store::OrderRow ToRow(const Intent& intent, const store::Connection& connection,
                      std::string_view state, base::SystemTime now);
/// The intent a stored row holds.
base::Result<Intent> FromRow(const store::OrderRow& row, std::string connection_label);

/// The intent as JSON, for the journal and `--json`.
boost::json::object ToJson(const Intent& intent);
/// A stored order as JSON (intent, state, exchange id, fills, reason).
boost::json::object RowJson(const store::OrderRow& row);

}  // namespace amanah::order
