#include "venues/binance/binance_json.h"

namespace amanah::paper::binance {

using base::Decimal;
using base::Rounding;
namespace json = boost::json;

std::string Fixed(const Decimal& value, int scale) {
  auto scaled = value.Rescale(scale, Rounding::kHalfEven);
  return scaled ? scaled->ToString() : value.ToString();
}

namespace {

std::string PriceText(const Market& m, int64_t ticks) {
  return Fixed(m.Price(ticks), m.spec().quote_precision);
}
std::string QtyText(const Market& m, int64_t lots) {
  return Fixed(m.Qty(lots), m.spec().base_precision);
}
std::string QuoteText(const Market& m, const Decimal& v) {
  return Fixed(v, m.spec().quote_precision);
}

std::string FilterDecimal(const Decimal& v) { return Fixed(v, 8); }

json::array Filters(const SymbolSpec& s) {
  json::array filters;
  filters.push_back({{"filterType", "PRICE_FILTER"},
                     {"minPrice", FilterDecimal(s.min_price)},
                     {"maxPrice", FilterDecimal(s.max_price)},
                     {"tickSize", FilterDecimal(s.tick_size)}});
  filters.push_back({{"filterType", "LOT_SIZE"},
                     {"minQty", FilterDecimal(s.min_qty)},
                     {"maxQty", FilterDecimal(s.max_qty)},
                     {"stepSize", FilterDecimal(s.step_size)}});
  filters.push_back({{"filterType", "MARKET_LOT_SIZE"},
                     {"minQty", FilterDecimal(s.market_min_qty)},
                     {"maxQty", FilterDecimal(s.market_max_qty)},
                     {"stepSize", FilterDecimal(s.market_step_size)}});
  filters.push_back({{"filterType", "NOTIONAL"},
                     {"minNotional", FilterDecimal(s.min_notional)},
                     {"applyMinToMarket", s.apply_min_to_market},
                     {"maxNotional", FilterDecimal(s.max_notional)},
                     {"applyMaxToMarket", s.apply_max_to_market},
                     {"avgPriceMins", 5}});
  filters.push_back({{"filterType", "MAX_NUM_ORDERS"}, {"maxNumOrders", s.max_num_orders}});
  filters.push_back({{"filterType", "TRAILING_DELTA"},
                     {"minTrailingAboveDelta", s.min_trailing_above_delta},
                     {"maxTrailingAboveDelta", s.max_trailing_above_delta},
                     {"minTrailingBelowDelta", s.min_trailing_below_delta},
                     {"maxTrailingBelowDelta", s.max_trailing_below_delta}});
  return filters;
}

}  // namespace

json::object SymbolJson(const Market& market) {
  const SymbolSpec& s = market.spec();
  json::array permission_sets;
  for (const auto& set : s.permission_sets) {
    json::array one;
    for (const auto& p : set) one.push_back(json::string(p));
    permission_sets.push_back(std::move(one));
  }
  bool spot = false;
  for (const auto& set : s.permission_sets)
    for (const auto& p : set) spot = spot || p == "SPOT";
  return json::object{
      {"symbol", s.symbol},
      {"status", s.status},
      {"baseAsset", s.base},
      {"baseAssetPrecision", s.base_precision},
      {"quoteAsset", s.quote},
      {"quotePrecision", s.quote_precision},
      {"quoteAssetPrecision", s.quote_precision},
      {"baseCommissionPrecision", 8},
      {"quoteCommissionPrecision", 8},
      {"orderTypes",
       json::array{"LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"}},
      {"icebergAllowed", false},
      {"ocoAllowed", false},
      {"otoAllowed", false},
      {"opoAllowed", false},
      {"quoteOrderQtyMarketAllowed", true},
      {"allowTrailingStop", true},
      {"cancelReplaceAllowed", false},
      {"amendAllowed", false},
      {"pegInstructionsAllowed", false},
      {"isSpotTradingAllowed", spot},
      {"isMarginTradingAllowed", s.margin_allowed},
      {"filters", Filters(s)},
      {"permissions", json::array{}},
      {"permissionSets", std::move(permission_sets)},
      {"defaultSelfTradePreventionMode", "NONE"},
      {"allowedSelfTradePreventionModes", json::array{"NONE"}},
  };
}

json::object NewOrderJson(const Market& m, const Order& o, const std::vector<Trade>& fills,
                          RespType type, json::storage_ptr sp) {
  // The hottest answer of the paper exchange: sized once, built in the caller's storage.
  json::object out(sp);
  out.reserve(type == RespType::kAck ? 5 : 19);
  out.emplace("symbol", o.symbol);
  out.emplace("orderId", o.id);
  out.emplace("orderListId", -1);
  out.emplace("clientOrderId", o.client_order_id);
  out.emplace("transactTime", o.time);
  if (type == RespType::kAck) return out;
  out.emplace("price", PriceText(m, o.price));
  out.emplace("origQty", QtyText(m, o.orig_qty));
  out.emplace("executedQty", QtyText(m, o.executed));
  out.emplace("origQuoteOrderQty", QuoteText(m, o.orig_quote_order_qty));
  out.emplace("cummulativeQuoteQty", QuoteText(m, o.cummulative_quote));
  out.emplace("status", OrderStatusName(o.status));
  out.emplace("timeInForce", TimeInForceName(o.tif));
  out.emplace("type", OrderTypeName(o.type));
  out.emplace("side", SideName(o.side));
  if (IsContingent(o.type)) {
    if (o.stop_price != 0) out.emplace("stopPrice", PriceText(m, o.stop_price));
    if (o.trailing_delta != 0) out.emplace("trailingDelta", o.trailing_delta);
  }
  out.emplace("workingTime", o.working ? o.working_time : -1);
  out.emplace("selfTradePreventionMode", "NONE");
  if (type == RespType::kFull) {
    json::array list(sp);
    list.reserve(fills.size());
    for (const Trade& t : fills) {
      json::object fill(sp);
      fill.reserve(5);
      fill.emplace("price", PriceText(m, t.price));
      fill.emplace("qty", QtyText(m, t.qty));
      fill.emplace("commission", Fixed(t.commission, 8));
      fill.emplace("commissionAsset", t.commission_asset);
      fill.emplace("tradeId", t.id);
      list.emplace_back(std::move(fill));
    }
    out.emplace("fills", std::move(list));
  }
  return out;
}

json::object OrderJson(const Market& m, const Order& o, bool query_field_order) {
  json::object out{{"symbol", o.symbol},
                   {"orderId", o.id},
                   {"orderListId", -1},
                   {"clientOrderId", o.client_order_id},
                   {"price", PriceText(m, o.price)},
                   {"origQty", QtyText(m, o.orig_qty)},
                   {"executedQty", QtyText(m, o.executed)},
                   {"cummulativeQuoteQty", QuoteText(m, o.cummulative_quote)},
                   {"status", OrderStatusName(o.status)},
                   {"timeInForce", TimeInForceName(o.tif)},
                   {"type", OrderTypeName(o.type)},
                   {"side", SideName(o.side)},
                   {"stopPrice", PriceText(m, o.stop_price)},
                   {"icebergQty", QtyText(m, 0)},
                   {"time", o.time},
                   {"updateTime", o.update_time},
                   {"isWorking", o.working}};
  const int64_t working_time = o.working ? o.working_time : -1;
  // The official examples order these two differently for GET /order and for the lists.
  if (query_field_order) {
    out["workingTime"] = working_time;
    out["origQuoteOrderQty"] = QuoteText(m, o.orig_quote_order_qty);
  } else {
    out["origQuoteOrderQty"] = QuoteText(m, o.orig_quote_order_qty);
    out["workingTime"] = working_time;
  }
  if (o.trailing_delta != 0) out["trailingDelta"] = o.trailing_delta;
  out["selfTradePreventionMode"] = "NONE";
  return out;
}

json::object CancelJson(const Market& m, const Order& o, std::string_view cancel_client_id,
                        int64_t transact_time) {
  return json::object{{"symbol", o.symbol},
                      {"origClientOrderId", o.client_order_id},
                      {"orderId", o.id},
                      {"orderListId", -1},
                      {"clientOrderId", cancel_client_id},
                      {"transactTime", transact_time},
                      {"price", PriceText(m, o.price)},
                      {"origQty", QtyText(m, o.orig_qty)},
                      {"executedQty", QtyText(m, o.executed)},
                      {"origQuoteOrderQty", QuoteText(m, o.orig_quote_order_qty)},
                      {"cummulativeQuoteQty", QuoteText(m, o.cummulative_quote)},
                      {"status", OrderStatusName(o.status)},
                      {"timeInForce", TimeInForceName(o.tif)},
                      {"type", OrderTypeName(o.type)},
                      {"side", SideName(o.side)},
                      {"selfTradePreventionMode", "NONE"}};
}

json::object TradeJson(const Market& m, const Trade& t) {
  return json::object{{"symbol", t.symbol},
                      {"id", t.id},
                      {"orderId", t.order_id},
                      {"orderListId", -1},
                      {"price", PriceText(m, t.price)},
                      {"qty", QtyText(m, t.qty)},
                      {"quoteQty", QuoteText(m, t.quote_qty)},
                      {"commission", Fixed(t.commission, 8)},
                      {"commissionAsset", t.commission_asset},
                      {"time", t.time},
                      {"isBuyer", t.is_buyer},
                      {"isMaker", t.is_maker},
                      {"isBestMatch", true}};
}

json::object AccountJson(const Account& a, bool omit_zero) {
  auto bps = [](const Decimal& rate) {
    return static_cast<int64_t>(rate.Mul(Decimal::FromInt(10000), Rounding::kHalfEven)
                                    .value()
                                    .Rescale(0, Rounding::kHalfEven)
                                    .value()
                                    .mantissa());
  };
  json::array balances;
  for (const auto& [asset, balance] : a.balances) {
    if (omit_zero && balance.free.IsZero() && balance.locked.IsZero()) continue;
    balances.push_back(
        {{"asset", asset}, {"free", Fixed(balance.free, 8)}, {"locked", Fixed(balance.locked, 8)}});
  }
  return json::object{
      {"makerCommission", bps(a.maker_rate)},
      {"takerCommission", bps(a.taker_rate)},
      {"buyerCommission", 0},
      {"sellerCommission", 0},
      {"commissionRates",
       {{"maker", Fixed(a.maker_rate, 8)},
        {"taker", Fixed(a.taker_rate, 8)},
        {"buyer", "0.00000000"},
        {"seller", "0.00000000"}}},
      {"canTrade", a.can_trade},
      {"canWithdraw", a.can_withdraw},
      {"canDeposit", a.can_deposit},
      {"brokered", false},
      {"requireSelfTradePrevention", false},
      {"preventSor", false},
      {"updateTime", a.update_time},
      {"accountType", "SPOT"},
      {"balances", std::move(balances)},
      {"permissions", json::array{"SPOT"}},
      {"uid", a.uid},
  };
}

json::object ApiRestrictionsJson(const ApiKey& k) {
  // Binance's names for the neutral flags (binance.md §2).
  const Permissions& p = k.permissions;
  return json::object{
      {"ipRestrict", !k.ip_whitelist.empty()},
      {"createTime", k.create_time},
      {"enableReading", p.read},
      {"enableWithdrawals", p.withdraw},
      {"enableInternalTransfer", p.internal_transfer},
      {"enableMargin", p.margin},
      {"enableFutures", p.futures},
      {"permitsUniversalTransfer", p.universal_transfer},
      {"enableVanillaOptions", p.options},
      {"enableFixApiTrade", p.fix_trade},
      {"enableFixReadOnly", p.fix_read},
      {"enableSpotAndMarginTrading", p.spot_trade},
      {"enablePortfolioMarginTrading", p.portfolio_margin},
  };
}

json::object ExecutionReportJson(const Market& m, const OrderEvent& event, int64_t execution_id) {
  const Order& o = event.order;
  std::string_view execution = "NEW";
  switch (event.execution) {
    case Execution::kNew:
      execution = "NEW";
      break;
    case Execution::kTrade:
      execution = "TRADE";
      break;
    case Execution::kCanceled:
      execution = "CANCELED";
      break;
    case Execution::kExpired:
      execution = "EXPIRED";
      break;
  }
  const Trade* t = event.trade ? &*event.trade : nullptr;
  json::object out{{"e", "executionReport"},
                   {"E", event.time},
                   {"s", o.symbol},
                   {"c", o.client_order_id},
                   {"S", SideName(o.side)},
                   {"o", OrderTypeName(o.type)},
                   {"f", TimeInForceName(o.tif)},
                   {"q", QtyText(m, o.orig_qty)},
                   {"p", PriceText(m, o.price)},
                   {"P", PriceText(m, o.stop_price)},
                   {"F", QtyText(m, 0)},
                   {"g", -1},
                   {"C", ""},
                   {"x", execution},
                   {"X", OrderStatusName(o.status)},
                   {"r", "NONE"},
                   {"i", o.id},
                   {"l", QtyText(m, t != nullptr ? t->qty : 0)},
                   {"z", QtyText(m, o.executed)},
                   {"L", PriceText(m, t != nullptr ? t->price : 0)},
                   {"n", t != nullptr ? Fixed(t->commission, 8) : std::string("0")},
                   {"N", t != nullptr ? json::value(t->commission_asset) : json::value(nullptr)},
                   {"T", t != nullptr ? t->time : o.update_time},
                   {"t", t != nullptr ? static_cast<int64_t>(t->id) : int64_t{-1}},
                   {"I", execution_id},
                   {"w", IsOpen(o.status) && o.working},
                   {"m", t != nullptr && t->is_maker},
                   {"M", false},
                   {"O", o.time},
                   {"Z", QuoteText(m, o.cummulative_quote)},
                   {"Y", QuoteText(m, t != nullptr ? t->quote_qty : Decimal())},
                   {"Q", QuoteText(m, o.orig_quote_order_qty)}};
  if (o.working) out["W"] = o.working_time;
  if (o.trailing_delta != 0) out["d"] = o.trailing_delta;
  out["V"] = "NONE";
  return out;
}

json::object AccountPositionJson(const BalanceEvent& event, int64_t account_update_time) {
  json::array balances;
  for (const auto& [asset, balance] : event.balances) {
    balances.push_back(
        {{"a", asset}, {"f", Fixed(balance.free, 8)}, {"l", Fixed(balance.locked, 8)}});
  }
  return json::object{{"e", "outboundAccountPosition"},
                      {"E", event.time},
                      {"u", account_update_time},
                      {"B", std::move(balances)}};
}

}  // namespace amanah::paper::binance
