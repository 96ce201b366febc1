#include "order/intent_input.h"

#include <cctype>

namespace amanah::order {

namespace {

base::Result<std::optional<base::Decimal>> Amount(const std::string& text, std::string_view what) {
  if (text.empty()) return std::optional<base::Decimal>();
  auto d = base::Decimal::Parse(text);
  if (!d) {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      std::string(what) + " \"" + text.substr(0, 64) +
                          "\" is not a decimal number: " + d.error().message());
  }
  return std::optional<base::Decimal>(*d);
}

}  // namespace

base::Result<Intent> BuildIntent(const IntentInput& in, Intent i) {
  if (!in.id.empty()) i.id = in.id;
  i.connection_label = in.connection;
  i.symbol = in.pair;
  for (char& c : i.symbol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (in.side == "buy") {
    i.side = exchange::Side::kBuy;
  } else if (in.side == "sell") {
    i.side = exchange::Side::kSell;
  } else {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      "the side \"" + in.side.substr(0, 32) + "\" is not buy or sell");
  }
  AMANAH_ASSIGN_OR_RETURN(i.quantity, Amount(in.quantity, "the quantity"));
  AMANAH_ASSIGN_OR_RETURN(i.quote_amount, Amount(in.quote_amount, "the quote amount"));
  AMANAH_ASSIGN_OR_RETURN(i.limit_price, Amount(in.limit, "the limit price"));
  AMANAH_ASSIGN_OR_RETURN(i.trigger_price, Amount(in.trigger, "the trigger price"));
  if (in.trailing_bips != 0) i.trailing_bips = in.trailing_bips;
  const std::string type = in.type.empty() ? (i.limit_price ? "limit" : "market") : in.type;
  auto parsed_type = exchange::ParseOrderType(type);
  if (!parsed_type) {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      "the order type \"" + type.substr(0, 32) +
                          "\" is not limit, market, limit_maker, stop_loss_limit or "
                          "take_profit_limit");
  }
  i.type = *parsed_type;
  auto tif = exchange::ParseTimeInForce(in.tif);
  if (!tif) {
    return base::Fail(base::ErrorCode::kInvalidArgument,
                      "the time in force \"" + in.tif.substr(0, 32) + "\" is not gtc, ioc or fok");
  }
  i.tif = *tif;
  return i;
}

}  // namespace amanah::order
