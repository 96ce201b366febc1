// Kraken's spot order endpoints on the paper exchange (kraken.md §4): AddOrder (also with
// validate=true, which checks and does not place), CancelOrder and CancelAll, OpenOrders,
// ClosedOrders, QueryOrders, TradesHistory and QueryTrades, mapped onto the venue-neutral
// Exchange. Orders are spot only: `leverage` other than "none", `margin`, `reduce_only` and
// settle-position are answered "EOrder:Cannot open position" (the paper exchange does not lend).
// Client ids (cl_ord_id) are a UUID, 32 hex digits, or up to 18 ASCII characters, as Kraken
// takes them. Rejections carry Kraken's strings (kraken.md §7).
#include <algorithm>
#include <map>

#include <boost/json.hpp>

#include "venues/kraken/kraken_routes.h"

namespace amanah::paper::kraken {

namespace json = boost::json;
using base::Decimal;

namespace {

KrakenError FromRejection(const Rejection& r) {
  switch (r.code) {
    case RejectCode::kUnknownSymbol:
      return UnknownPair();
    case RejectCode::kMarketClosed:
      return KrakenError("EService:Market in cancel_only mode");
    case RejectCode::kFilter:
      if (r.detail == "PRICE_FILTER") return KrakenError("EOrder:Invalid price");
      if (r.detail == "NOTIONAL") return CostMinimum();
      if (r.detail == "MAX_NUM_ORDERS") return KrakenError("EOrder:Orders limit exceeded");
      if (r.detail == "LOT_SIZE" || r.detail == "MARKET_LOT_SIZE") return OrderMinimum();
      return InvalidArguments("volume");
    case RejectCode::kInsufficientBalance:
      return InsufficientFunds();
    case RejectCode::kDuplicateClientOrderId:
      return InvalidArguments("cl_ord_id");
    case RejectCode::kWouldTake:
      // Kraken accepts a post-only order that would take and cancels it; the paper refuses it.
      return KrakenError("EOrder:Post only order");
    case RejectCode::kAccountCannotTrade:
      return PermissionDenied();
    case RejectCode::kUnknownOrder:
    case RejectCode::kNotOpen:
      return UnknownOrder();
    case RejectCode::kWouldTrigger:
    case RejectCode::kNoTrigger:
      return InvalidArguments("price");
  }
  return InternalError();
}

bool ValidClOrdId(std::string_view id) {
  auto hex = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(),
                       [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; });
  };
  if (id.size() == 32 && hex(id)) return true;
  if (id.size() == 36 && id[8] == '-' && id[13] == '-' && id[18] == '-' && id[23] == '-') {
    std::string compact;
    for (char ch : id) {
      if (ch != '-') compact += ch;
    }
    return compact.size() == 32 && hex(compact);
  }
  return !id.empty() && id.size() <= 18 && std::all_of(id.begin(), id.end(), [](char ch) {
    return static_cast<unsigned char>(ch) > 0x20 && static_cast<unsigned char>(ch) < 0x7f;
  });
}

std::string_view StatusWord(const Order& o) {
  switch (o.status) {
    case OrderStatus::kNew:
    case OrderStatus::kPartiallyFilled:
      return "open";
    case OrderStatus::kFilled:
      return "closed";
    case OrderStatus::kExpired:
      return "expired";
    case OrderStatus::kRejected:
    case OrderStatus::kCanceled:
      return "canceled";
  }
  return "canceled";
}

std::string_view TypeWord(const Order& o) {
  switch (o.type) {
    case OrderType::kMarket:
      return "market";
    case OrderType::kStopLossLimit:
      return "stop-loss-limit";
    case OrderType::kTakeProfitLimit:
      return "take-profit-limit";
    case OrderType::kLimit:
    case OrderType::kLimitMaker:
      return "limit";
  }
  return "limit";
}

// The order's fees and its trades' txids.
std::pair<Decimal, json::array> FillsOf(const Exchange& ex, const Order& o) {
  Decimal sum;
  json::array trades;
  for (const Trade& t : ex.MyTrades(o.account, o.symbol)) {
    if (t.order_id != o.id) continue;
    auto s = sum.Add(t.commission);
    if (s) sum = *s;
    trades.push_back(json::string(TradeTxid(t.id)));
  }
  return {sum, std::move(trades)};
}

json::object OrderJson(const Exchange& ex, const Market& m, const Order& o) {
  const bool by_quote = o.type == OrderType::kMarket && o.orig_quote_order_qty.IsPositive();
  const Decimal vol = by_quote ? o.orig_quote_order_qty : m.Qty(o.orig_qty);
  const Decimal executed = m.Qty(o.executed);
  Decimal avg;
  if (o.executed > 0) {
    auto a =
        o.cummulative_quote.Div(executed, m.spec().tick_size.scale(), base::Rounding::kHalfEven);
    if (a) avg = *a;
  }
  const bool contingent =
      o.type == OrderType::kStopLossLimit || o.type == OrderType::kTakeProfitLimit;
  const std::string price = Text(contingent ? m.Price(o.stop_price) : m.Price(o.price));
  const std::string price2 = contingent ? Text(m.Price(o.price)) : "0";
  std::string oflags = o.type == OrderType::kLimitMaker ? "post,fciq" : "fciq";
  if (by_quote) oflags += ",viqc";
  const std::string side = o.side == Side::kBuy ? "buy" : "sell";
  const std::string text =
      side + " " + Text(vol) + " " + PairName(m) + " @ " +
      (o.type == OrderType::kMarket ? std::string("market") : "limit " + Text(m.Price(o.price)));
  auto [fees, trades] = FillsOf(ex, o);
  json::object out{
      {"refid", nullptr},
      {"userref", 0},
      {"cl_ord_id", o.client_order_id},
      {"status", StatusWord(o)},
      {"opentm", Seconds(o.time)},
      {"starttm", 0},
      {"expiretm", 0},
      {"descr", json::object{{"pair", PairName(m)},
                             {"type", side},
                             {"ordertype", TypeWord(o)},
                             {"price", o.type == OrderType::kMarket ? std::string("0") : price},
                             {"price2", price2},
                             {"leverage", "none"},
                             {"order", text},
                             {"close", ""}}},
      {"vol", Text(vol)},
      {"vol_exec", Text(executed)},
      {"cost", Text(o.cummulative_quote)},
      {"fee", Text(fees)},
      {"price", Text(avg)},
      {"stopprice", contingent ? price : "0.00000"},
      {"limitprice", contingent ? price2 : "0.00000"},
      {"misc", ""},
      {"oflags", oflags},
      {"trades", std::move(trades)},
  };
  if (!IsOpen(o.status)) {
    out["closetm"] = Seconds(o.update_time);
    out["reason"] = o.status == OrderStatus::kCanceled ? json::value("User requested") : nullptr;
  }
  return out;
}

// The order AddOrder's parameters describe.
Got<NewOrder> Describe(Exchange& ex, const KrakenRequest& c, Market** market) {
  // Spot only: no margin, no positions.
  if (auto leverage = c.Get("leverage"); leverage && *leverage != "none" && !leverage->empty()) {
    return CannotOpenPosition();
  }
  for (const char* flag : {"reduce_only", "margin"}) {
    if (auto v = c.Get(flag); v && *v != "false" && *v != "0" && !v->empty()) {
      return CannotOpenPosition();
    }
  }
  AMANAH_ASSIGN_OR_RETURN(Market * m, PairParam(ex, c));
  *market = m;
  NewOrder o;
  o.symbol = m->spec().symbol;
  AMANAH_ASSIGN_OR_RETURN(std::string_view side, Required(c, "type"));
  if (side != "buy" && side != "sell") return InvalidArguments("type");
  o.side = side == "buy" ? Side::kBuy : Side::kSell;
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, Required(c, "ordertype"));
  if (type == "settle-position") return CannotOpenPosition();
  AMANAH_ASSIGN_OR_RETURN(Decimal volume, DecimalParam(c, "volume"));
  if (!volume.IsPositive()) return InvalidArguments("volume");
  const std::string_view flags = c.Get("oflags").value_or("");
  const bool viqc = flags.find("viqc") != std::string_view::npos;
  const bool post = flags.find("post") != std::string_view::npos;
  const std::string_view tif = c.Get("timeinforce").value_or("GTC");
  if (tif != "GTC" && tif != "IOC" && tif != "GTD") return InvalidArguments("timeinforce");
  o.tif = tif == "IOC" ? TimeInForce::kIoc : TimeInForce::kGtc;
  if (type == "market") {
    o.type = OrderType::kMarket;
    o.tif = TimeInForce::kIoc;
    if (viqc) {
      o.quote_order_qty = volume;
    } else {
      o.quantity = volume;
    }
  } else if (type == "limit") {
    AMANAH_ASSIGN_OR_RETURN(Decimal price, DecimalParam(c, "price"));
    if (!price.IsPositive()) return InvalidArguments("price");
    o.price = price;
    o.quantity = volume;
    o.type = post ? OrderType::kLimitMaker : OrderType::kLimit;
  } else if (type == "stop-loss-limit" || type == "take-profit-limit") {
    AMANAH_ASSIGN_OR_RETURN(Decimal trigger, DecimalParam(c, "price"));
    AMANAH_ASSIGN_OR_RETURN(Decimal limit, DecimalParam(c, "price2"));
    if (!trigger.IsPositive() || !limit.IsPositive()) return InvalidArguments("price");
    o.stop_price = trigger;
    o.price = limit;
    o.quantity = volume;
    o.type = type == "stop-loss-limit" ? OrderType::kStopLossLimit : OrderType::kTakeProfitLimit;
  } else {
    return InvalidArguments("ordertype");
  }
  if (o.quantity && *o.quantity < m->spec().min_qty) return OrderMinimum();
  if (auto id = c.Get("cl_ord_id"); id && !id->empty()) {
    if (!ValidClOrdId(*id)) return InvalidArguments("cl_ord_id");
    o.client_order_id = std::string(*id);
  }
  if (auto deadline = c.Get("deadline"); deadline && !deadline->empty()) {
    auto at = ParseRfc3339(*deadline);
    if (!at) return InvalidArguments("deadline");
    if (*at < c.now) return KrakenError("EService:Deadline elapsed");
  }
  return o;
}

// The account's orders on every market, each with its market.
std::vector<std::pair<const Market*, Order>> AllOf(Exchange& ex, const KrakenRequest& c,
                                                   bool open) {
  std::vector<std::pair<const Market*, Order>> out;
  for (const auto& [name, m] : ex.markets()) {
    std::vector<Order> orders = open ? ex.OpenOrders(c.account->uid, m.spec().symbol)
                                     : ex.AllOrders(c.account->uid, m.spec().symbol);
    for (Order& o : orders) {
      if (!open && IsOpen(o.status)) continue;
      out.emplace_back(&m, std::move(o));
    }
  }
  return out;
}

KrakenReply Listed(Exchange& ex, KrakenRequest& c, bool open) {
  const std::string_view cl = c.Get("cl_ord_id").value_or("");
  AMANAH_ASSIGN_OR_RETURN(int64_t start, IntParam(c, "start", 0));
  AMANAH_ASSIGN_OR_RETURN(int64_t end, IntParam(c, "end", INT64_MAX / 1000));
  AMANAH_ASSIGN_OR_RETURN(int64_t ofs, IntParam(c, "ofs", 0));
  if (ofs < 0) return InvalidArguments("ofs");
  auto found = AllOf(ex, c, open);
  // Newest first, as Kraken lists them.
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.second.id > b.second.id; });
  json::object orders;
  int64_t count = 0, skipped = 0;
  for (const auto& [m, o] : found) {
    if (!cl.empty() && o.client_order_id != cl) continue;
    if (o.time / 1000 < start || o.time / 1000 > end) continue;
    ++count;
    if (!open && skipped++ < ofs) continue;
    if (!open && orders.size() >= 50) continue;
    orders[OrderTxid(o.id)] = OrderJson(ex, *m, o);
  }
  if (open) return json::object{{"open", std::move(orders)}};
  return json::object{{"closed", std::move(orders)}, {"count", count}};
}

json::object TradeJson(const Market& m, const Trade& t) {
  return json::object{{"ordertxid", OrderTxid(t.order_id)},
                      {"postxid", "TKH2SE-M7IF5-CFI7LT"},
                      {"pair", PairName(m)},
                      {"time", Seconds(t.time)},
                      {"type", t.is_buyer ? "buy" : "sell"},
                      {"ordertype", "limit"},
                      {"price", Text(m.Price(t.price))},
                      {"cost", Text(t.quote_qty)},
                      {"fee", Text(t.commission)},
                      {"vol", Text(m.Qty(t.qty))},
                      {"margin", "0.00000"},
                      {"misc", ""},
                      {"trade_id", static_cast<int64_t>(t.id)},
                      {"maker", t.is_maker}};
}

}  // namespace

KrakenReply AddOrder(Exchange& ex, KrakenRequest& c) {
  Market* m = nullptr;
  AMANAH_ASSIGN_OR_RETURN(NewOrder o, Describe(ex, c, &m));
  const std::string side = o.side == Side::kBuy ? "buy" : "sell";
  const Decimal vol = o.quantity ? *o.quantity : o.quote_order_qty.value_or(Decimal());
  const std::string text =
      side + " " + Text(vol) + " " + PairName(*m) + " @ " +
      (o.type == OrderType::kMarket ? std::string("market") : "limit " + Text(*o.price));
  if (auto v = c.Get("validate"); v && (*v == "true" || *v == "1")) {
    auto checked = ex.TestOrder(c.account->uid, o);
    if (!checked) return FromRejection(checked.error());
    return json::object{{"descr", json::object{{"order", text}}}};
  }
  auto placed = ex.PlaceOrder(c.account->uid, o);
  if (!placed) return FromRejection(placed.error());
  return json::object{{"descr", json::object{{"order", text}}},
                      {"txid", json::array{json::string(OrderTxid(placed->order.id))}}};
}

KrakenReply CancelOrder(Exchange& ex, KrakenRequest& c) {
  const std::string_view cl = c.Get("cl_ord_id").value_or("");
  const std::string_view txid = c.Get("txid").value_or("");
  if (cl.empty() && txid.empty()) return InvalidArguments("txid");
  for (const auto& [name, m] : ex.markets()) {
    const uint64_t id = txid.empty() ? 0 : IdOfTxid(txid, 'O');
    if (!txid.empty() && id == 0) return UnknownOrder();
    auto order = ex.QueryOrder(c.account->uid, m.spec().symbol, id, id == 0 ? cl : "");
    if (!order) continue;
    if (!IsOpen(order->status)) return json::object{{"count", 0}, {"pending", false}};
    auto done = ex.CancelOrder(c.account->uid, m.spec().symbol, order->id, "");
    if (!done) return FromRejection(done.error());
    return json::object{{"count", 1}, {"pending", false}};
  }
  return UnknownOrder();
}

KrakenReply CancelAll(Exchange& ex, KrakenRequest& c) {
  int64_t count = 0;
  for (const auto& [m, o] : AllOf(ex, c, true)) {
    if (ex.CancelOrder(c.account->uid, m->spec().symbol, o.id, "")) ++count;
  }
  return json::object{{"count", count}};
}

KrakenReply OpenOrders(Exchange& ex, KrakenRequest& c) { return Listed(ex, c, true); }

KrakenReply ClosedOrders(Exchange& ex, KrakenRequest& c) { return Listed(ex, c, false); }

KrakenReply QueryOrders(Exchange& ex, KrakenRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view txids, Required(c, "txid"));
  json::object out;
  std::string_view rest = txids;
  int n = 0;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view one = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (++n > 50) return InvalidArguments("txid");
    const uint64_t id = IdOfTxid(one, 'O');
    if (id == 0) return InvalidArguments("txid");
    for (const auto& [name, m] : ex.markets()) {
      auto order = ex.QueryOrder(c.account->uid, m.spec().symbol, id, "");
      if (order) out[OrderTxid(id)] = OrderJson(ex, m, *order);
    }
  }
  return out;
}

KrakenReply TradesHistory(Exchange& ex, KrakenRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(int64_t start, IntParam(c, "start", 0));
  AMANAH_ASSIGN_OR_RETURN(int64_t end, IntParam(c, "end", INT64_MAX / 1000));
  AMANAH_ASSIGN_OR_RETURN(int64_t ofs, IntParam(c, "ofs", 0));
  if (ofs < 0) return InvalidArguments("ofs");
  std::vector<std::pair<const Market*, Trade>> rows;
  for (const auto& [name, m] : ex.markets()) {
    for (Trade& t : ex.MyTrades(c.account->uid, m.spec().symbol)) {
      if (t.time / 1000 < start || t.time / 1000 > end) continue;
      rows.emplace_back(&m, std::move(t));
    }
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.second.id > b.second.id; });
  json::object trades;
  const int64_t count = static_cast<int64_t>(rows.size());
  for (int64_t i = ofs; i < count && i < ofs + 50; ++i) {
    const auto& [m, t] = rows[static_cast<size_t>(i)];
    trades[TradeTxid(t.id)] = TradeJson(*m, t);
  }
  return json::object{{"trades", std::move(trades)}, {"count", count}};
}

KrakenReply QueryTrades(Exchange& ex, KrakenRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view txids, Required(c, "txid"));
  json::object out;
  std::string_view rest = txids;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view one = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const uint64_t id = IdOfTxid(one, 'T');
    for (const auto& [name, m] : ex.markets()) {
      for (const Trade& t : ex.MyTrades(c.account->uid, m.spec().symbol)) {
        if (t.id == id) out[TradeTxid(id)] = TradeJson(m, t);
      }
    }
  }
  return out;
}

}  // namespace amanah::paper::kraken
