// Bybit's spot order endpoints on the paper exchange: create and cancel (acknowledged with the
// order's ids, as Bybit's asynchronous placement answers), open and recent orders, order history
// and executions (bybit.md §4), mapped onto the venue-neutral Exchange. Rejections carry Bybit's
// spot codes and texts (bybit.md §5, §7).
#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "venues/bybit/bybit_routes.h"

namespace amanah::paper::bybit {

namespace json = boost::json;
using base::Decimal;

namespace {

constexpr int64_t kWeekMs = 7 * 86'400'000LL;

BybitError FromRejection(const Rejection& r) {
  switch (r.code) {
    case RejectCode::kUnknownSymbol:
      return {170121, "Invalid symbol."};
    case RejectCode::kMarketClosed:
      return {170157, "The trading pair is not available for api trading"};
    case RejectCode::kFilter:
      if (r.detail == "PRICE_FILTER") return {170134, "Order price decimal too long."};
      if (r.detail == "NOTIONAL") return {170140, "Order value exceeded lower limit"};
      if (r.detail == "MAX_NUM_ORDERS") return {170124, "Order amount too large."};
      return {170137, "Order volume decimal too long"};
    case RejectCode::kInsufficientBalance:
      return {170131, "Balance insufficient "};
    case RejectCode::kDuplicateClientOrderId:
      return {170141, "Duplicate clientOrderId"};
    case RejectCode::kWouldTake:
      return {170218, "The LIMIT-MAKER order is rejected due to invalid price."};
    case RejectCode::kAccountCannotTrade:
      return PermissionDenied();
    case RejectCode::kUnknownOrder:
    case RejectCode::kNotOpen:
      return {170213, "Order does not exist."};
    case RejectCode::kWouldTrigger:
    case RejectCode::kNoTrigger:
      return ParamError("conditional spot orders are not offered by the paper exchange");
  }
  return ServerError();
}

bool ValidLinkId(std::string_view id) {
  return !id.empty() && id.size() <= 36 && std::all_of(id.begin(), id.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '-' || ch == '_';
  });
}

std::string_view StatusWord(const Order& o) {
  switch (o.status) {
    case OrderStatus::kNew:
      return "New";
    case OrderStatus::kPartiallyFilled:
      return "PartiallyFilled";
    case OrderStatus::kFilled:
      return "Filled";
    case OrderStatus::kRejected:
      return "Rejected";
    case OrderStatus::kCanceled:
    case OrderStatus::kExpired:
      return o.executed > 0 ? "PartiallyFilledCanceled" : "Cancelled";
  }
  return "Rejected";
}

std::string_view TifWord(const Order& o) {
  if (o.type == OrderType::kMarket) return "IOC";
  if (o.type == OrderType::kLimitMaker) return "PostOnly";
  return o.tif == TimeInForce::kIoc ? "IOC" : o.tif == TimeInForce::kFok ? "FOK" : "GTC";
}

struct Fee {
  Decimal amount;
  std::string asset;
};

// Each order's fees, from the account's trades on the symbol.
std::map<uint64_t, Fee> FeesOf(const Exchange& ex, uint64_t account, std::string_view symbol) {
  std::map<uint64_t, Fee> out;
  for (const Trade& t : ex.MyTrades(account, symbol)) {
    Fee& f = out[t.order_id];
    auto sum = f.amount.Add(t.commission);
    if (sum) f.amount = *sum;
    f.asset = t.commission_asset;
  }
  return out;
}

json::object OrderJson(const Market& m, const Order& o, const std::map<uint64_t, Fee>& fees) {
  const bool by_quote = o.type == OrderType::kMarket && o.orig_quote_order_qty.IsPositive();
  const Decimal qty = by_quote ? o.orig_quote_order_qty : m.Qty(o.orig_qty);
  const Decimal executed = m.Qty(o.executed);
  const bool open = IsOpen(o.status);
  const Decimal leaves = open ? m.Qty(o.orig_qty - o.executed) : Decimal();
  Decimal avg;
  if (o.executed > 0) {
    auto a = o.cummulative_quote.Div(executed, m.spec().tick_size.scale() + 4,
                                     base::Rounding::kHalfEven);
    if (a) avg = *a;
  }
  Decimal leaves_value;
  if (open) {
    auto v = m.Price(o.price).Mul(leaves, base::Rounding::kHalfEven);
    if (v) leaves_value = *v;
  }
  auto fee = fees.find(o.id);
  json::object fee_detail;
  if (fee != fees.end() && !fee->second.asset.empty()) {
    fee_detail[fee->second.asset] = Text(fee->second.amount);
  }
  return json::object{
      {"orderId", std::to_string(o.id)},
      {"orderLinkId", o.client_order_id},
      {"blockTradeId", ""},
      {"symbol", o.symbol},
      {"price", o.type == OrderType::kMarket ? std::string("0") : Text(m.Price(o.price))},
      {"qty", Text(qty)},
      {"side", o.side == Side::kBuy ? "Buy" : "Sell"},
      {"isLeverage", "0"},
      {"positionIdx", 0},
      {"orderStatus", StatusWord(o)},
      {"cancelType", o.status == OrderStatus::kCanceled ? "CancelByUser" : "UNKNOWN"},
      {"rejectReason", "EC_NoError"},
      {"avgPrice", Text(avg)},
      {"leavesQty", Text(leaves)},
      {"leavesValue", Text(leaves_value)},
      {"cumExecQty", Text(executed)},
      {"cumExecValue", Text(o.cummulative_quote)},
      {"cumExecFee", fee != fees.end() ? Text(fee->second.amount) : std::string("0")},
      {"timeInForce", TifWord(o)},
      {"orderType", o.type == OrderType::kMarket ? "Market" : "Limit"},
      {"stopOrderType", ""},
      {"orderIv", ""},
      {"marketUnit", o.type == OrderType::kMarket ? (by_quote ? "quoteCoin" : "baseCoin") : ""},
      {"triggerPrice", "0"},
      {"takeProfit", "0"},
      {"stopLoss", "0"},
      {"tpTriggerBy", ""},
      {"slTriggerBy", ""},
      {"triggerDirection", 0},
      {"triggerBy", ""},
      {"lastPriceOnCreated", ""},
      {"reduceOnly", false},
      {"closeOnTrigger", false},
      {"smpType", "None"},
      {"smpGroup", 0},
      {"smpOrderId", ""},
      {"tpslMode", ""},
      {"tpLimitPrice", ""},
      {"slLimitPrice", ""},
      {"placeType", ""},
      {"createdTime", std::to_string(o.time)},
      {"updatedTime", std::to_string(o.update_time)},
      {"cumFeeDetail", std::move(fee_detail)},
  };
}

// A page of `items` from the cursor (an offset Bybit's clients pass back unchanged).
template <class T>
Got<std::pair<std::vector<T>, std::string>> Page(const BybitRequest& c, std::vector<T> items,
                                                 int64_t limit) {
  AMANAH_ASSIGN_OR_RETURN(int64_t offset, IntParam(c, "cursor", 0, 0, INT32_MAX));
  std::vector<T> page;
  for (size_t i = static_cast<size_t>(offset);
       i < items.size() && page.size() < static_cast<size_t>(limit); ++i) {
    page.push_back(std::move(items[i]));
  }
  const size_t next = static_cast<size_t>(offset) + page.size();
  return std::pair{std::move(page), next < items.size() ? std::to_string(next) : std::string()};
}

// The symbols a query covers: the one named, or every market.
Got<std::vector<const Market*>> Markets(Exchange& ex, const BybitRequest& c) {
  std::vector<const Market*> out;
  if (c.Get("symbol")) {
    AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
    out.push_back(m);
    return out;
  }
  for (const auto& [name, m] : ex.markets()) out.push_back(&m);
  return out;
}

json::value ListJson(json::array list, std::string cursor) {
  return json::object{
      {"category", "spot"}, {"list", std::move(list)}, {"nextPageCursor", std::move(cursor)}};
}

// Orders by id or client id, or `all` of them (open or every one) newest first, one page.
BybitReply ListOrders(Exchange& ex, BybitRequest& c, bool history) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Category(c));
  if (category != "spot") return ListJson(json::array{}, "");
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, IntParam(c, "limit", 20, 1, 50));
  AMANAH_ASSIGN_OR_RETURN(auto markets, Markets(ex, c));
  const auto id_text = c.Get("orderId");
  uint64_t id = 0;
  if (id_text && !id_text->empty()) {
    auto parsed = std::from_chars(id_text->data(), id_text->data() + id_text->size(), id);
    if (parsed.ec != std::errc()) id = UINT64_MAX;  // no such order
  }
  const std::string_view link = c.Get("orderLinkId").value_or("");
  const bool by_id = id != 0 || !link.empty();
  int64_t start = 0, end = INT64_MAX;
  if (history && !by_id) {
    AMANAH_ASSIGN_OR_RETURN(end, IntParam(c, "endTime", c.now, 0, INT64_MAX));
    AMANAH_ASSIGN_OR_RETURN(start, IntParam(c, "startTime", end - kWeekMs, 0, INT64_MAX));
    if (end < start || end - start > kWeekMs) {
      return ParamError("startTime and endTime must be at most 7 days apart");
    }
  }
  // openOnly=0 (the default): open orders only; 1: closed ones too. By id, always.
  AMANAH_ASSIGN_OR_RETURN(int64_t open_only, IntParam(c, "openOnly", 0, 0, 2));
  const bool closed_too = history || by_id || open_only != 0;
  const std::string_view status = c.Get("orderStatus").value_or("");
  std::vector<std::pair<const Market*, Order>> found;
  for (const Market* m : markets) {
    const std::string& symbol = m->spec().symbol;
    std::vector<Order> orders =
        closed_too ? ex.AllOrders(c.account->uid, symbol) : ex.OpenOrders(c.account->uid, symbol);
    for (Order& o : orders) {
      if (id != 0 && o.id != id) continue;
      if (!link.empty() && o.client_order_id != link) continue;
      if (!by_id && open_only == 1 && !history && IsOpen(o.status)) continue;
      if (o.time < start || o.time > end) continue;
      if (!status.empty() && StatusWord(o) != status) continue;
      found.emplace_back(m, std::move(o));
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.second.id > b.second.id; });
  AMANAH_ASSIGN_OR_RETURN(auto page, Page(c, std::move(found), limit));
  json::array list;
  std::map<std::string, std::map<uint64_t, Fee>> fees;
  for (const auto& [m, o] : page.first) {
    auto f = fees.find(o.symbol);
    if (f == fees.end()) f = fees.emplace(o.symbol, FeesOf(ex, c.account->uid, o.symbol)).first;
    list.push_back(OrderJson(*m, o, f->second));
  }
  return ListJson(std::move(list), std::move(page.second));
}

}  // namespace

BybitReply CreateOrder(Exchange& ex, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Category(c));
  if (category != "spot") {
    // Derivatives need their permission first, and the paper exchange lists none.
    if (!c.key->permissions.futures && !c.key->permissions.options) return PermissionDenied();
    return ParamError("the paper exchange lists spot instruments only");
  }
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  const std::string_view leverage = c.Get("isLeverage").value_or("0");
  if (leverage != "0") {
    if (leverage != "1") return ParamError("isLeverage must be 0 or 1");
    if (!c.account->spot_margin) {
      return ParamError("isLeverage=1 needs spot margin trading switched on");
    }
    return ParamError("the paper exchange does not lend: margin orders are not offered");
  }
  if (auto filter = c.Get("orderFilter"); filter && *filter != "Order") {
    return ParamError("orderFilter " + std::string(*filter).substr(0, 20) +
                      " is not offered by the paper exchange");
  }
  NewOrder o;
  o.symbol = m->spec().symbol;
  AMANAH_ASSIGN_OR_RETURN(std::string_view side, Required(c, "side"));
  if (side != "Buy" && side != "Sell") return ParamError("side must be Buy or Sell");
  o.side = side == "Buy" ? Side::kBuy : Side::kSell;
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, Required(c, "orderType"));
  if (type != "Market" && type != "Limit") return ParamError("orderType must be Market or Limit");
  AMANAH_ASSIGN_OR_RETURN(Decimal qty, DecimalParam(c, "qty"));
  if (!qty.IsPositive()) return ParamError("qty must be positive");
  const std::string_view tif = c.Get("timeInForce").value_or("GTC");
  if (type == "Market") {
    o.type = OrderType::kMarket;
    o.tif = TimeInForce::kIoc;
    // Spot market buys are by quote value unless marketUnit says otherwise; sells by base.
    const std::string_view unit =
        c.Get("marketUnit").value_or(o.side == Side::kBuy ? "quoteCoin" : "baseCoin");
    if (unit == "quoteCoin") {
      o.quote_order_qty = qty;
    } else if (unit == "baseCoin") {
      o.quantity = qty;
    } else {
      return ParamError("marketUnit must be baseCoin or quoteCoin");
    }
  } else {
    AMANAH_ASSIGN_OR_RETURN(Decimal price, DecimalParam(c, "price"));
    o.price = price;
    o.quantity = qty;
    if (tif == "PostOnly") {
      o.type = OrderType::kLimitMaker;
    } else if (tif == "GTC" || tif == "IOC" || tif == "FOK") {
      o.type = OrderType::kLimit;
      o.tif = tif == "IOC"   ? TimeInForce::kIoc
              : tif == "FOK" ? TimeInForce::kFok
                             : TimeInForce::kGtc;
    } else {
      return ParamError("timeInForce must be GTC, IOC, FOK or PostOnly");
    }
  }
  if (o.quantity) {
    const SymbolSpec& s = m->spec();
    if (*o.quantity < s.min_qty)
      return BybitError{170136, "Order quantity lower than the minimum."};
    if (s.max_qty.IsPositive() && *o.quantity > s.max_qty) {
      return BybitError{170124, "Order amount too large."};
    }
  }
  if (auto link = c.Get("orderLinkId")) {
    if (!ValidLinkId(*link)) {
      return ParamError("orderLinkId: at most 36 letters, digits, dashes and underscores");
    }
    // Spot client ids are unique for ever, not only among open orders.
    if (ex.QueryOrder(c.account->uid, o.symbol, 0, *link)) {
      return BybitError{170141, "Duplicate clientOrderId"};
    }
    o.client_order_id = std::string(*link);
  }
  auto placed = ex.PlaceOrder(c.account->uid, o);
  if (!placed) return FromRejection(placed.error());
  return json::object{{"orderId", std::to_string(placed->order.id)},
                      {"orderLinkId", placed->order.client_order_id}};
}

BybitReply CancelOrder(Exchange& ex, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Category(c));
  if (category != "spot") return BybitError{110001, "Order does not exist"};
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  const std::string_view id_text = c.Get("orderId").value_or("");
  const std::string_view link = c.Get("orderLinkId").value_or("");
  if (id_text.empty() && link.empty()) return ParamError("orderId or orderLinkId is required");
  if (auto filter = c.Get("orderFilter"); filter && *filter != "Order") {
    return BybitError{170213, "Order does not exist."};  // no conditional orders here
  }
  uint64_t id = 0;
  if (!id_text.empty()) {
    auto parsed = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (parsed.ec != std::errc() || parsed.ptr != id_text.data() + id_text.size() || id == 0) {
      return BybitError{170213, "Order does not exist."};
    }
  }
  auto cancelled = ex.CancelOrder(c.account->uid, m->spec().symbol, id, link);
  if (!cancelled) return FromRejection(cancelled.error());
  return json::object{{"orderId", std::to_string(cancelled->id)},
                      {"orderLinkId", cancelled->client_order_id}};
}

BybitReply OpenOrders(Exchange& ex, BybitRequest& c) { return ListOrders(ex, c, false); }

BybitReply OrderHistory(Exchange& ex, BybitRequest& c) { return ListOrders(ex, c, true); }

BybitReply Executions(Exchange& ex, BybitRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view category, Category(c));
  if (category != "spot") return ListJson(json::array{}, "");
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, IntParam(c, "limit", 50, 1, 100));
  AMANAH_ASSIGN_OR_RETURN(auto markets, Markets(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t end, IntParam(c, "endTime", c.now, 0, INT64_MAX));
  AMANAH_ASSIGN_OR_RETURN(int64_t start, IntParam(c, "startTime", end - kWeekMs, 0, INT64_MAX));
  if (end < start || end - start > kWeekMs) {
    return ParamError("startTime and endTime must be at most 7 days apart");
  }
  const std::string_view order_id = c.Get("orderId").value_or("");
  // Spot executions are all trades; another execType (Funding, Settle, …) lists none.
  const bool trades_wanted = c.Get("execType").value_or("Trade") == "Trade";
  struct Row {
    const Market* market;
    Trade trade;
  };
  std::vector<Row> rows;
  for (const Market* m : markets) {
    if (!trades_wanted) break;
    for (Trade& t : ex.MyTrades(c.account->uid, m->spec().symbol)) {
      if (!order_id.empty() && std::to_string(t.order_id) != order_id) continue;
      if (t.time < start || t.time > end) continue;
      rows.push_back(Row{m, std::move(t)});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.trade.time != b.trade.time ? a.trade.time > b.trade.time : a.trade.id > b.trade.id;
  });
  AMANAH_ASSIGN_OR_RETURN(auto page, Page(c, std::move(rows), limit));
  json::array list;
  for (const Row& r : page.first) {
    const Trade& t = r.trade;
    const Market& m = *r.market;
    auto order = ex.QueryOrder(c.account->uid, t.symbol, t.order_id, "");
    const Decimal price = m.Price(t.price);
    Decimal fee_rate;
    if (t.quote_qty.IsPositive() && t.commission.IsPositive()) {
      const Decimal base = t.commission_asset == m.spec().quote ? t.quote_qty : m.Qty(t.qty);
      auto rate = t.commission.Div(base, 6, base::Rounding::kHalfEven);
      if (rate) fee_rate = *rate;
    }
    list.push_back(json::object{
        {"symbol", t.symbol},
        {"orderId", std::to_string(t.order_id)},
        {"orderLinkId", order ? order->client_order_id : std::string()},
        {"side", t.is_buyer ? "Buy" : "Sell"},
        {"orderPrice", order && order->type != OrderType::kMarket ? Text(m.Price(order->price))
                                                                  : std::string("0")},
        {"orderQty", order ? Text(m.Qty(order->orig_qty)) : std::string("0")},
        {"leavesQty", order && IsOpen(order->status)
                          ? Text(m.Qty(order->orig_qty - order->executed))
                          : std::string("0")},
        {"orderType", order && order->type == OrderType::kMarket ? "Market" : "Limit"},
        {"stopOrderType", ""},
        {"execFee", Text(t.commission)},
        {"feeCurrency", t.commission_asset},
        {"execId", std::to_string(t.id)},
        {"execPrice", Text(price)},
        {"execQty", Text(m.Qty(t.qty))},
        {"execType", "Trade"},
        {"execValue", Text(t.quote_qty)},
        {"execTime", std::to_string(t.time)},
        {"feeRate", Text(fee_rate)},
        {"tradeIv", ""},
        {"markIv", ""},
        {"markPrice", Text(price)},
        {"indexPrice", ""},
        {"underlyingPrice", ""},
        {"blockTradeId", ""},
        {"closedSize", ""},
        {"extraFees", ""},
        {"isMaker", t.is_maker},
        {"seq", static_cast<int64_t>(t.id)},
    });
  }
  return ListJson(std::move(list), std::move(page.second));
}

}  // namespace amanah::paper::bybit
