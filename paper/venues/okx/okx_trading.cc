// OKX's spot order endpoints on the paper exchange: place (single and batch, acknowledged with the
// order's ids and each order's sCode/sMsg), cancel, order details, pending orders, the 7-day
// order history and fills (okx.md §4), mapped onto the venue-neutral Exchange. Only tdMode
// "cash" trades: the paper exchange does not lend. Rejections carry OKX's codes and texts
// (okx.md §5, §7).
#include <algorithm>
#include <charconv>
#include <map>

#include <boost/json.hpp>

#include "venues/okx/okx_routes.h"

namespace amanah::paper::okx {

namespace json = boost::json;
using base::Decimal;

namespace {

constexpr int64_t kDayMs = 86'400'000;

OkxError FromRejection(const Rejection& r, const Market* m) {
  switch (r.code) {
    case RejectCode::kUnknownSymbol:
      return {51001, "Instrument ID does not exist."};
    case RejectCode::kMarketClosed:
      return {51001, "Instrument ID does not exist."};
    case RejectCode::kFilter:
      if (r.detail == "PRICE_FILTER") return ParamError("px");
      if (r.detail == "NOTIONAL")
        return {51020, "Your order should meet or exceed the minimum order amount."};
      if (r.detail == "MAX_NUM_ORDERS" || r.detail == "MARKET_LOT_SIZE")
        return {51005, "Your order amount exceeds the max order amount."};
      return {51121, "Order quantity must be a multiple of the lot size."};
    case RejectCode::kInsufficientBalance:
      return {51008, "Order failed. Insufficient " +
                         (m ? m->spec().quote + "/" + m->spec().base : std::string("")) +
                         " balance in account"};
    case RejectCode::kDuplicateClientOrderId:
      return {51016, "Client order ID already exists."};
    case RejectCode::kWouldTake:
      // OKX accepts such an order and cancels it at once (cancelSource 31); the paper refuses it.
      return {51000, "Parameter px error: the post_only order would take liquidity"};
    case RejectCode::kAccountCannotTrade:
      return NoPermission();
    case RejectCode::kUnknownOrder:
    case RejectCode::kNotOpen:
      return {51400,
              "Order cancellation failed as the order has been filled, canceled or does not "
              "exist."};
    case RejectCode::kWouldTrigger:
    case RejectCode::kNoTrigger:
      return ParamError("ordType");
  }
  return SystemError();
}

bool ValidClOrdId(std::string_view id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) != 0;
  });
}

std::string_view StateWord(const Order& o) {
  switch (o.status) {
    case OrderStatus::kNew:
      return "live";
    case OrderStatus::kPartiallyFilled:
      return "partially_filled";
    case OrderStatus::kFilled:
      return "filled";
    case OrderStatus::kRejected:
    case OrderStatus::kCanceled:
    case OrderStatus::kExpired:
      return "canceled";
  }
  return "canceled";
}

std::string_view OrdTypeWord(const Order& o) {
  if (o.type == OrderType::kMarket) return "market";
  if (o.type == OrderType::kLimitMaker) return "post_only";
  return o.tif == TimeInForce::kIoc ? "ioc" : o.tif == TimeInForce::kFok ? "fok" : "limit";
}

struct Fee {
  Decimal amount;
  std::string asset;
  int64_t last_px = 0, last_sz = 0;  ///< ticks and lots
  int64_t last_time = 0;
  std::string last_trade;
};

// Each order's fees and last fill, from the account's trades on the symbol.
std::map<uint64_t, Fee> FeesOf(const Exchange& ex, uint64_t account, std::string_view symbol) {
  std::map<uint64_t, Fee> out;
  for (const Trade& t : ex.MyTrades(account, symbol)) {
    Fee& f = out[t.order_id];
    auto sum = f.amount.Add(t.commission);
    if (sum) f.amount = *sum;
    f.asset = t.commission_asset;
    if (t.time >= f.last_time) {
      f.last_time = t.time;
      f.last_px = t.price;
      f.last_sz = t.qty;
      f.last_trade = std::to_string(t.id);
    }
  }
  return out;
}

json::object OrderJson(const Market& m, const Order& o, const std::map<uint64_t, Fee>& fees) {
  const bool by_quote = o.type == OrderType::kMarket && o.orig_quote_order_qty.IsPositive();
  const Decimal size = by_quote ? o.orig_quote_order_qty : m.Qty(o.orig_qty);
  const Decimal executed = m.Qty(o.executed);
  Decimal avg;
  if (o.executed > 0) {
    auto a = o.cummulative_quote.Div(executed, m.spec().tick_size.scale() + 4,
                                     base::Rounding::kHalfEven);
    if (a) avg = *a;
  }
  auto fee = fees.find(o.id);
  const bool filled_any = fee != fees.end();
  return json::object{
      {"accFillSz", Text(executed)},
      {"algoClOrdId", ""},
      {"algoId", ""},
      {"attachAlgoClOrdId", ""},
      {"attachAlgoOrds", json::array{}},
      {"avgPx", o.executed > 0 ? Text(avg) : std::string()},
      {"cTime", Ms(o.time)},
      {"cancelSource", o.status == OrderStatus::kCanceled ? "1" : ""},
      {"cancelSourceReason", o.status == OrderStatus::kCanceled ? "Order canceled by user" : ""},
      {"category", "normal"},
      {"ccy", ""},
      {"clOrdId", o.client_order_id},
      {"fee", filled_any ? "-" + Text(fee->second.amount) : std::string("0")},
      {"feeCcy", filled_any ? fee->second.asset : m.spec().quote},
      {"fillPx", filled_any ? Text(m.Price(fee->second.last_px)) : std::string()},
      {"fillSz", filled_any ? Text(m.Qty(fee->second.last_sz)) : std::string("0")},
      {"fillTime", filled_any ? Ms(fee->second.last_time) : std::string()},
      {"instId", InstId(m)},
      {"instType", "SPOT"},
      {"isTpLimit", "false"},
      {"lever", ""},
      {"linkedAlgoOrd", json::object{{"algoId", ""}}},
      {"ordId", std::to_string(o.id)},
      {"ordType", OrdTypeWord(o)},
      {"pnl", "0"},
      {"posSide", "net"},
      {"px", o.type == OrderType::kMarket ? std::string() : Text(m.Price(o.price))},
      {"pxType", ""},
      {"pxUsd", ""},
      {"pxVol", ""},
      {"quickMgnType", ""},
      {"rebate", "0"},
      {"rebateCcy", m.spec().quote},
      {"reduceOnly", "false"},
      {"side", o.side == Side::kBuy ? "buy" : "sell"},
      {"slOrdPx", ""},
      {"slTriggerPx", ""},
      {"slTriggerPxType", ""},
      {"source", ""},
      {"state", StateWord(o)},
      {"stpId", ""},
      {"stpMode", "cancel_maker"},
      {"sz", Text(size)},
      {"tag", ""},
      {"tdMode", "cash"},
      {"tgtCcy", o.type == OrderType::kMarket ? (by_quote ? "quote_ccy" : "base_ccy") : ""},
      {"tpOrdPx", ""},
      {"tpTriggerPx", ""},
      {"tpTriggerPxType", ""},
      {"tradeId", filled_any ? fee->second.last_trade : std::string()},
      {"tradeQuoteCcy", m.spec().quote},
      {"uTime", Ms(o.update_time)},
  };
}

// One order's result in `data`: its ids and sCode/sMsg.
json::object Item(std::string_view cl_ord_id, std::string_view ord_id, std::string_view tag,
                  int64_t now, int64_t code, std::string_view msg) {
  return json::object{
      {"clOrdId", cl_ord_id},          {"ordId", ord_id}, {"tag", tag}, {"ts", Ms(now)},
      {"sCode", std::to_string(code)}, {"sMsg", msg}};
}

// Places the order `c.params` describes; the placed order, or OKX's refusal.
Got<Order> Place(Exchange& ex, const OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, InstParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(std::string_view td_mode, Required(c, "tdMode"));
  if (td_mode != "cash") {
    if (td_mode != "cross" && td_mode != "isolated") return ParamError("tdMode");
    // Margin on a SPOT instrument: not in Spot mode without borrowing, and never on paper.
    return OkxError{51010, "You can't complete this request under your current account mode."};
  }
  if (c.Get("attachAlgoOrds")) return ParamError("attachAlgoOrds");
  if (auto reduce = c.Get("reduceOnly"); reduce && *reduce != "false") {
    return ParamError("reduceOnly");
  }
  NewOrder o;
  o.symbol = m->spec().symbol;
  AMANAH_ASSIGN_OR_RETURN(std::string_view side, Required(c, "side"));
  if (side != "buy" && side != "sell") return ParamError("side");
  o.side = side == "buy" ? Side::kBuy : Side::kSell;
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, Required(c, "ordType"));
  AMANAH_ASSIGN_OR_RETURN(Decimal sz, DecimalParam(c, "sz"));
  if (!sz.IsPositive()) return ParamError("sz");
  if (type == "market") {
    o.type = OrderType::kMarket;
    o.tif = TimeInForce::kIoc;
    // A spot market buy is sized in the quote currency unless tgtCcy says otherwise; a sell in
    // the base currency.
    const std::string_view unit =
        c.Get("tgtCcy").value_or(o.side == Side::kBuy ? "quote_ccy" : "base_ccy");
    if (unit == "quote_ccy") {
      o.quote_order_qty = sz;
    } else if (unit == "base_ccy") {
      o.quantity = sz;
    } else {
      return ParamError("tgtCcy");
    }
  } else if (type == "limit" || type == "post_only" || type == "ioc" || type == "fok") {
    if (auto unit = c.Get("tgtCcy"); unit && *unit != "base_ccy" && *unit != "quote_ccy") {
      return ParamError("tgtCcy");
    }
    AMANAH_ASSIGN_OR_RETURN(Decimal px, DecimalParam(c, "px"));
    if (!px.IsPositive()) return ParamError("px");
    o.price = px;
    o.quantity = sz;
    o.type = type == "post_only" ? OrderType::kLimitMaker : OrderType::kLimit;
    o.tif = type == "ioc"   ? TimeInForce::kIoc
            : type == "fok" ? TimeInForce::kFok
                            : TimeInForce::kGtc;
  } else {
    return ParamError("ordType");
  }
  if (o.quantity) {
    const SymbolSpec& s = m->spec();
    if (*o.quantity < s.min_qty)
      return OkxError{51020, "Your order should meet or exceed the minimum order amount."};
    if (s.max_qty.IsPositive() && *o.quantity > s.max_qty)
      return OkxError{51005, "Your order amount exceeds the max order amount."};
  }
  if (auto id = c.Get("clOrdId"); id && !id->empty()) {
    if (!ValidClOrdId(*id)) return ParamError("clOrdId");
    o.client_order_id = std::string(*id);
  }
  if (auto tag = c.Get("tag"); tag && (tag->size() > 16 || !ValidClOrdId(*tag))) {
    if (!tag->empty()) return ParamError("tag");
  }
  auto placed = ex.PlaceOrder(c.account->uid, o);
  if (!placed) return FromRejection(placed.error(), m);
  return placed->order;
}

// The result item for one order placement.
std::pair<json::object, bool> PlaceItem(Exchange& ex, const OkxRequest& c) {
  const std::string cl(c.Get("clOrdId").value_or(""));
  const std::string tag(c.Get("tag").value_or(""));
  auto order = Place(ex, c);
  if (!order) {
    return {Item(cl, "", tag, c.now, order.error().code, order.error().message), false};
  }
  return {Item(order->client_order_id, std::to_string(order->id), tag, c.now, 0, "Order placed"),
          true};
}

OkxAnswer OrderAnswer(json::array items, size_t ok) {
  const size_t n = items.size();
  OkxAnswer answer(std::move(items));
  answer.order_times = true;
  if (ok == n) return answer;
  answer.code = ok == 0 ? 1 : 2;
  answer.msg = ok == 0 ? (n == 1 ? "Operation failed." : "All operations failed")
                       : "Bulk operation partially succeeded.";
  return answer;
}

// The order named by ordId or clOrdId on the market.
Got<Order> Named(Exchange& ex, const OkxRequest& c, Market& m, int64_t not_found_code,
                 std::string_view not_found) {
  const std::string_view id_text = c.Get("ordId").value_or("");
  const std::string_view cl = c.Get("clOrdId").value_or("");
  if (id_text.empty() && cl.empty()) return ParamMissing("ordId");
  uint64_t id = 0;
  if (!id_text.empty()) {
    auto parsed = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
    if (parsed.ec != std::errc() || parsed.ptr != id_text.data() + id_text.size() || id == 0) {
      return OkxError{not_found_code, std::string(not_found)};
    }
  }
  auto found = ex.QueryOrder(c.account->uid, m.spec().symbol, id, id == 0 ? cl : "");
  if (!found) return OkxError{not_found_code, std::string(not_found)};
  return *found;
}

// The markets a query covers: the instrument named, or every one.
Got<std::vector<const Market*>> Markets(Exchange& ex, const OkxRequest& c) {
  std::vector<const Market*> out;
  if (auto inst = c.Get("instId"); inst && !inst->empty()) {
    AMANAH_ASSIGN_OR_RETURN(Market * m, MarketOf(ex, *inst));
    out.push_back(m);
    return out;
  }
  for (const auto& [name, m] : ex.markets()) out.push_back(&m);
  return out;
}

// after/before: ids older / newer than the one given (OKX's pagination by ordId or billId).
Got<std::pair<uint64_t, uint64_t>> Bounds(const OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(int64_t after, IntParam(c, "after", INT64_MAX, 0, INT64_MAX));
  AMANAH_ASSIGN_OR_RETURN(int64_t before, IntParam(c, "before", 0, 0, INT64_MAX));
  return std::pair{static_cast<uint64_t>(after), static_cast<uint64_t>(before)};
}

OkxReply ListOrders(Exchange& ex, OkxRequest& c, bool history) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, InstType(c, history));
  if (!type.empty() && type != "SPOT") return json::array{};
  AMANAH_ASSIGN_OR_RETURN(auto markets, Markets(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, IntParam(c, "limit", 100, 1, 100));
  AMANAH_ASSIGN_OR_RETURN(auto bounds, Bounds(c));
  AMANAH_ASSIGN_OR_RETURN(int64_t begin, IntParam(c, "begin", 0, 0, INT64_MAX));
  AMANAH_ASSIGN_OR_RETURN(int64_t end, IntParam(c, "end", INT64_MAX, 0, INT64_MAX));
  const std::string_view state = c.Get("state").value_or("");
  const std::string_view ord_type = c.Get("ordType").value_or("");
  std::vector<std::pair<const Market*, Order>> found;
  for (const Market* m : markets) {
    const std::string& symbol = m->spec().symbol;
    std::vector<Order> orders =
        history ? ex.AllOrders(c.account->uid, symbol) : ex.OpenOrders(c.account->uid, symbol);
    for (Order& o : orders) {
      if (history && (IsOpen(o.status) || o.time < c.now - 7 * kDayMs)) continue;
      if (o.id >= bounds.first || o.id <= bounds.second) continue;
      if (o.time < begin || o.time > end) continue;
      if (!state.empty() && StateWord(o) != state) continue;
      if (!ord_type.empty() && OrdTypeWord(o) != ord_type) continue;
      found.emplace_back(m, std::move(o));
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.second.id > b.second.id; });
  if (found.size() > static_cast<size_t>(limit)) found.resize(static_cast<size_t>(limit));
  json::array list;
  std::map<std::string, std::map<uint64_t, Fee>> fees;
  for (const auto& [m, o] : found) {
    auto f = fees.find(o.symbol);
    if (f == fees.end()) f = fees.emplace(o.symbol, FeesOf(ex, c.account->uid, o.symbol)).first;
    list.push_back(OrderJson(*m, o, f->second));
  }
  return list;
}

}  // namespace

OkxReply PlaceOrder(Exchange& ex, OkxRequest& c) {
  if (!c.body.is_object()) return BodyError();
  auto [item, ok] = PlaceItem(ex, c);
  return OrderAnswer(json::array{std::move(item)}, ok ? 1 : 0);
}

OkxReply BatchOrders(Exchange& ex, OkxRequest& c) {
  if (!c.body.is_array()) return BodyError();
  const json::array& orders = c.body.get_array();
  if (orders.empty()) return ParamMissing("data");
  if (orders.size() > 20) return ParamError("data");
  json::array items;
  size_t ok = 0;
  for (const json::value& v : orders) {
    if (!v.is_object()) return BodyError();
    OkxRequest one{c.http, {}, {}};
    one.key = c.key;
    one.account = c.account;
    one.now = c.now;
    one.body = v;
    for (const auto& [name, value] : v.get_object()) {
      if (value.is_string()) {
        one.params.emplace_back(std::string(name), std::string(value.get_string()));
      } else if (!value.is_null()) {
        one.params.emplace_back(std::string(name), json::serialize(value));
      }
    }
    auto [item, placed] = PlaceItem(ex, one);
    if (placed) ++ok;
    items.push_back(std::move(item));
  }
  return OrderAnswer(std::move(items), ok);
}

OkxReply CancelOrder(Exchange& ex, OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, InstParam(ex, c));
  constexpr std::string_view kGone =
      "Order cancellation failed as the order has been filled, canceled or does not exist.";
  const std::string cl(c.Get("clOrdId").value_or(""));
  auto order = Named(ex, c, *m, 51400, kGone);
  if (!order && order.error().code != 51400) return order.error();
  Got<Order> cancelled = order;
  if (order) {
    auto done = ex.CancelOrder(c.account->uid, m->spec().symbol, order->id, "");
    cancelled = done ? Got<Order>(*done) : Got<Order>(FromRejection(done.error(), m));
  }
  if (!cancelled) {
    const std::string id(c.Get("ordId").value_or(""));
    return OrderAnswer(
        json::array{Item(cl, id, "", c.now, cancelled.error().code, cancelled.error().message)}, 0);
  }
  return OrderAnswer(json::array{Item(cancelled->client_order_id, std::to_string(cancelled->id), "",
                                      c.now, 0, "")},
                     1);
}

OkxReply OrderDetails(Exchange& ex, OkxRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, InstParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(Order o, Named(ex, c, *m, 51603, "Order does not exist."));
  return json::array{OrderJson(*m, o, FeesOf(ex, c.account->uid, o.symbol))};
}

OkxReply OrdersPending(Exchange& ex, OkxRequest& c) { return ListOrders(ex, c, false); }

OkxReply OrdersHistory(Exchange& ex, OkxRequest& c) { return ListOrders(ex, c, true); }

OkxReply Fills(Exchange& ex, OkxRequest& c) {
  const bool history = c.http.Path().ends_with("fills-history");
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, InstType(c, history));
  if (!type.empty() && type != "SPOT") return json::array{};
  AMANAH_ASSIGN_OR_RETURN(auto markets, Markets(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, IntParam(c, "limit", 100, 1, 100));
  AMANAH_ASSIGN_OR_RETURN(auto bounds, Bounds(c));
  AMANAH_ASSIGN_OR_RETURN(int64_t begin, IntParam(c, "begin", 0, 0, INT64_MAX));
  AMANAH_ASSIGN_OR_RETURN(int64_t end, IntParam(c, "end", INT64_MAX, 0, INT64_MAX));
  const int64_t reach = c.now - (history ? 90 : 3) * kDayMs;
  const std::string_view order_id = c.Get("ordId").value_or("");
  struct Row {
    const Market* market;
    Trade trade;
  };
  std::vector<Row> rows;
  for (const Market* m : markets) {
    for (Trade& t : ex.MyTrades(c.account->uid, m->spec().symbol)) {
      if (!order_id.empty() && std::to_string(t.order_id) != order_id) continue;
      if (t.time < reach || t.time < begin || t.time > end) continue;
      if (t.id >= bounds.first || t.id <= bounds.second) continue;
      rows.push_back(Row{m, std::move(t)});
    }
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.trade.id != b.trade.id ? a.trade.id > b.trade.id
                                    : a.trade.is_buyer && !b.trade.is_buyer;
  });
  if (rows.size() > static_cast<size_t>(limit)) rows.resize(static_cast<size_t>(limit));
  json::array list;
  for (const Row& r : rows) {
    const Trade& t = r.trade;
    const Market& m = *r.market;
    auto order = ex.QueryOrder(c.account->uid, t.symbol, t.order_id, "");
    Decimal fee_rate;
    if (t.quote_qty.IsPositive() && t.commission.IsPositive()) {
      const Decimal base = t.commission_asset == m.spec().quote ? t.quote_qty : m.Qty(t.qty);
      auto rate = t.commission.Div(base, 6, base::Rounding::kHalfEven);
      if (rate) fee_rate = rate->Negated();
    }
    list.push_back(json::object{
        {"side", t.is_buyer ? "buy" : "sell"},
        {"fillSz", Text(m.Qty(t.qty))},
        {"fillPx", Text(m.Price(t.price))},
        {"fillPxVol", ""},
        {"fillFwdPx", ""},
        {"fee", t.commission.IsZero() ? std::string("0") : "-" + Text(t.commission)},
        {"fillPnl", "0"},
        {"ordId", std::to_string(t.order_id)},
        {"feeRate", Text(fee_rate)},
        {"instType", "SPOT"},
        {"fillPxUsd", ""},
        {"instId", InstId(m)},
        {"clOrdId", order ? order->client_order_id : std::string()},
        {"posSide", "net"},
        {"billId", std::to_string(t.id)},
        {"subType", t.is_buyer ? "1" : "2"},
        {"fillMarkVol", ""},
        {"tag", ""},
        {"fillTime", Ms(t.time)},
        {"execType", t.is_maker ? "M" : "T"},
        {"fillIdxPx", ""},
        {"tradeId", std::to_string(t.id)},
        {"fillMarkPx", ""},
        {"feeCcy", t.commission_asset},
        {"ts", Ms(t.time)},
        {"tradeQuoteCcy", m.spec().quote},
    });
  }
  return list;
}

}  // namespace amanah::paper::okx
