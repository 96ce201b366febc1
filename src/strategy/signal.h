// Signal: one trading signal a charting tool (TradingView, and the like) sends to a webhook plan,
// as the alert bodies people already write:
//
//   {"id": "{{strategy.order.id}}-{{timenow}}", "action": "buy" | "sell",
//    "pair": "BTCUSDT" (or "ticker"), "timestamp": "2026-12-02T09:30:00Z" | 1796203800 (s or ms),
//    one of "quote_amount": "25" (buys), "quantity": "0.001", "percent": "10" (of the free quote
//    balance for a buy, of the free base balance for a sell),
//    "secret": "…" (when the sender cannot sign: TradingView)}
//
// A sender that can sign puts the time in X-Amanah-Timestamp and HMAC-SHA256(secret, timestamp ‖
// "." ‖ body) as lowercase hex in X-Amanah-Signature ("sha256=" prefix allowed), and leaves the
// secret out of the body. Values; parsing never throws.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "base/clock.h"
#include "base/decimal.h"
#include "base/json_reader.h"
#include "base/result.h"
#include "exchange/order.h"

namespace amanah::strategy {

struct Signal {
  std::string id;
  exchange::Side side = exchange::Side::kBuy;
  std::string symbol;
  std::optional<base::Decimal> quote_amount;
  std::optional<base::Decimal> quantity;
  std::optional<base::Decimal> percent;  ///< 0 < percent ≤ 100
  base::SystemTime sent_at;
};

/// kInvalidArgument naming the member that is wrong. `header_time` (X-Amanah-Timestamp) is used
/// when the body has no timestamp.
base::Result<Signal> ParseSignal(const base::JsonView& body,
                                 const std::optional<std::string>& header_time);
/// A time as senders write it: RFC 3339 UTC ("2026-12-02T09:30:00Z", fractions allowed) or Unix
/// seconds or milliseconds (as a number or a string of digits).
base::Result<base::SystemTime> ParseSignalTime(const base::JsonView& at);

/// The signal as stored (canonical members; never the secret) and back.
boost::json::object SignalJson(const Signal& s);
base::Result<Signal> SignalFromJson(const base::JsonView& stored);

}  // namespace amanah::strategy
