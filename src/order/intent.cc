#include "order/intent.h"

#include "crypto/sha2.h"

#include <array>
#include <cctype>

#include "crypto/encoding.h"
#include "exchange/symbol_name.h"

namespace amanah::order {
namespace {

namespace json = boost::json;
using base::ErrorCode;

void PutDecimal(json::object& o, std::string_view key, const std::optional<base::Decimal>& d) {
  if (d) o[key] = d->ToString();
}

}  // namespace

std::string_view SourceName(Source s) {
  switch (s) {
    case Source::kManual:
      return "manual";
    case Source::kPlan:
      return "plan";
    case Source::kWebhook:
      return "webhook";
  }
  return "?";
}

std::optional<Source> ParseSource(std::string_view name) {
  for (Source s : {Source::kManual, Source::kPlan, Source::kWebhook}) {
    if (SourceName(s) == name) return s;
  }
  return std::nullopt;
}

std::string DerivedIntentId(std::string_view purpose,
                            std::initializer_list<std::string_view> parts) {
  crypto::Sha256Hasher h;
  h.Update(purpose);
  for (std::string_view p : parts) h.Update("\n").Update(p);
  const crypto::Sha256Digest digest = h.Finish();
  return crypto::HexEncode(crypto::ByteView(digest.data(), 16));
}

std::string ResendIntentId(std::string_view first_id, int attempt) {
  return DerivedIntentId("amanah/resend-intent/v1", {first_id, std::to_string(attempt)});
}

std::string NewIntentId(base::Random& random) {
  std::array<uint8_t, 16> bytes{};
  random.Fill(bytes);
  return crypto::HexEncode(bytes);
}

bool IsIntentId(std::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

base::Result<void> Validate(const Intent& i) {
  auto bad = [](std::string message) {
    return base::Error(ErrorCode::kInvalidArgument, std::move(message));
  };
  if (!IsIntentId(i.id)) return bad("an order's id must be 32 lowercase hex characters");
  if (i.symbol.empty() || i.symbol.size() > 32) return bad("the order names no valid symbol");
  if (!exchange::IsSymbolName(i.symbol)) {
    return bad("the symbol \"" + i.symbol + "\" has a character no exchange uses");
  }
  if (i.quantity.has_value() == i.quote_amount.has_value()) {
    return bad("give either a quantity or a quote amount");
  }
  if (i.quantity && !i.quantity->IsPositive()) return bad("the quantity must be positive");
  if (i.quote_amount) {
    if (!i.quote_amount->IsPositive()) return bad("the quote amount must be positive");
    if (i.type != exchange::OrderType::kMarket) {
      return bad("a quote amount is for market orders; a limit order takes a quantity");
    }
  }
  if (i.type == exchange::OrderType::kMarket) {
    if (i.limit_price) return bad("a market order takes no limit price");
  } else {
    if (!i.limit_price) return bad("a limit order needs a limit price (--limit)");
    if (!i.limit_price->IsPositive()) return bad("the limit price must be positive");
  }
  if (exchange::IsContingent(i.type)) {
    if (!i.trigger_price && !i.trailing_bips) {
      return bad(
          "a stop-loss or take-profit order needs a trigger price (--trigger) or a "
          "trailing delta (--trailing)");
    }
    if (i.trigger_price && !i.trigger_price->IsPositive()) {
      return bad("the trigger price must be positive");
    }
    if (i.trailing_bips && (*i.trailing_bips < 1 || *i.trailing_bips > 9999)) {
      return bad("the trailing delta is in BIPS, from 1 (0.01%) to 9999");
    }
  } else if (i.trigger_price || i.trailing_bips) {
    return bad("only stop-loss and take-profit orders take a trigger price or trailing delta");
  }
  return {};
}

exchange::OrderRequest ToRequest(const Intent& i) {
  exchange::OrderRequest r;
  r.symbol = i.symbol;
  r.side = i.side;
  r.type = i.type;
  r.tif = i.tif;
  r.quantity = i.quantity;
  r.quote_quantity = i.quote_amount;
  r.price = i.limit_price;
  r.trigger_price = i.trigger_price;
  r.trailing_bips = i.trailing_bips;
  r.client_order_id = i.id;
  return r;
}

store::OrderRow ToRow(const Intent& i, const store::Connection& connection, std::string_view state,
                      base::SystemTime now) {
  store::OrderRow row;
  row.id = i.id;
  row.tenant = i.tenant;
  row.connection = connection.id;
  row.exchange = connection.exchange;
  row.symbol = i.symbol;
  row.side = exchange::SideName(i.side);
  row.type = exchange::OrderTypeName(i.type);
  row.time_in_force = exchange::TimeInForceName(i.tif);
  row.quantity = i.quantity;
  row.quote_amount = i.quote_amount;
  row.limit_price = i.limit_price;
  row.trigger_price = i.trigger_price;
  row.trailing_bips = i.trailing_bips;
  row.source = SourceName(i.source);
  row.source_ref = i.source_ref;
  row.state = state;
  row.created_at = now;
  row.updated_at = now;
  return row;
}

base::Result<Intent> FromRow(const store::OrderRow& row, std::string connection_label) {
  auto side = exchange::ParseSide(row.side);
  auto type = exchange::ParseOrderType(row.type);
  auto tif = exchange::ParseTimeInForce(row.time_in_force);
  auto source = ParseSource(row.source);
  if (!side || !type || !tif || !source) {
    return base::Fail(ErrorCode::kDataLoss, "order " + row.id +
                                                " has an unknown side, type, "
                                                "time in force or source");
  }
  Intent i;
  i.id = row.id;
  i.tenant = row.tenant;
  i.connection_label = std::move(connection_label);
  i.symbol = row.symbol;
  i.side = *side;
  i.type = *type;
  i.tif = *tif;
  i.quantity = row.quantity;
  i.quote_amount = row.quote_amount;
  i.limit_price = row.limit_price;
  i.trigger_price = row.trigger_price;
  i.trailing_bips = row.trailing_bips;
  i.source = *source;
  i.source_ref = row.source_ref;
  return i;
}

json::object ToJson(const Intent& i) {
  json::object o{{"id", i.id},
                 {"connection", i.connection_label},
                 {"symbol", i.symbol},
                 {"side", exchange::SideName(i.side)},
                 {"type", exchange::OrderTypeName(i.type)},
                 {"time_in_force", exchange::TimeInForceName(i.tif)},
                 {"source", SourceName(i.source)}};
  PutDecimal(o, "quantity", i.quantity);
  PutDecimal(o, "quote_amount", i.quote_amount);
  PutDecimal(o, "limit_price", i.limit_price);
  PutDecimal(o, "trigger_price", i.trigger_price);
  if (i.trailing_bips) o["trailing_bips"] = *i.trailing_bips;
  if (!i.source_ref.empty()) o["source_ref"] = i.source_ref;
  return o;
}

json::object RowJson(const store::OrderRow& r) {
  json::object o{{"id", r.id},
                 {"connection_id", r.connection.value()},
                 {"exchange", r.exchange},
                 {"symbol", r.symbol},
                 {"side", r.side},
                 {"type", r.type},
                 {"time_in_force", r.time_in_force},
                 {"source", r.source},
                 {"state", r.state},
                 {"executed_qty", r.executed_qty.ToString()},
                 {"cumulative_quote", r.cumulative_quote.ToString()},
                 {"created_at_ms", base::UnixMillis(r.created_at)},
                 {"updated_at_ms", base::UnixMillis(r.updated_at)}};
  PutDecimal(o, "quantity", r.quantity);
  PutDecimal(o, "quote_amount", r.quote_amount);
  PutDecimal(o, "limit_price", r.limit_price);
  PutDecimal(o, "trigger_price", r.trigger_price);
  if (r.trailing_bips) o["trailing_bips"] = *r.trailing_bips;
  if (!r.source_ref.empty()) o["source_ref"] = r.source_ref;
  if (!r.exchange_order_id.empty()) o["exchange_order_id"] = r.exchange_order_id;
  if (!r.reason.empty()) o["reason"] = r.reason;
  return o;
}

}  // namespace amanah::order
