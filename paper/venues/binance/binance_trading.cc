// Binance's signed account and spot order endpoints on the paper exchange: account, API-key
// restrictions, new order (and test order), query, cancel, open orders, all orders, my trades and
// the order rate limit (binance.md §3-§5), mapped onto the venue-neutral Exchange.
#include "venues/binance/binance_trading.h"

#include <algorithm>

#include <boost/json.hpp>

#include "venues/binance/binance_json.h"

namespace amanah::paper::binance {

namespace json = boost::json;
using base::Decimal;

namespace {

constexpr std::string_view kClientIdRange = "^[a-zA-Z0-9-_]{1,36}$";

BinanceError FromRejection(const Rejection& r, bool cancel) {
  switch (r.code) {
    case RejectCode::kUnknownSymbol:
      return BadSymbol();
    case RejectCode::kMarketClosed:
      return NewOrderRejected("Market is closed.");
    case RejectCode::kFilter:
      return FilterFailure(r.detail);
    case RejectCode::kInsufficientBalance:
      return NewOrderRejected("Account has insufficient balance for requested action.");
    case RejectCode::kDuplicateClientOrderId:
      return NewOrderRejected("Duplicate order sent.");
    case RejectCode::kWouldTake:
      return NewOrderRejected("Order would immediately match and take.");
    case RejectCode::kAccountCannotTrade:
      return NewOrderRejected("This action is disabled on this account.");
    case RejectCode::kUnknownOrder:
      return cancel ? CancelRejected() : NoSuchOrder();
    case RejectCode::kNotOpen:
      return CancelRejected();
    case RejectCode::kWouldTrigger:
      return NewOrderRejected("Stop price would trigger immediately.");
    case RejectCode::kNoTrigger:
      return EitherParam("stopPrice", "trailingDelta");
  }
  return UnknownError();
}

}  // namespace

Answer<json::value> AccountInfo(Exchange&, BinanceRequest& c) {
  bool omit = c.params.Get("omitZeroBalances").value_or("false") == "true";
  return AccountJson(*c.account, omit);
}

Answer<json::value> ApiRestrictions(Exchange&, BinanceRequest& c) {
  return ApiRestrictionsJson(*c.key);
}

Answer<ParsedOrder> ParseNewOrder(Exchange& ex, BinanceRequest& c) {
  ParsedOrder parsed;
  NewOrder& o = parsed.order;
  AMANAH_ASSIGN_OR_RETURN(Market * market, SymbolParam(ex, c));
  o.symbol = market->spec().symbol;
  AMANAH_ASSIGN_OR_RETURN(std::string_view side, c.Required("side"));
  if (side == "BUY") {
    o.side = Side::kBuy;
  } else if (side == "SELL") {
    o.side = Side::kSell;
  } else {
    return InvalidSide();
  }
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, c.Required("type"));
  if (type == "LIMIT") {
    o.type = OrderType::kLimit;
  } else if (type == "MARKET") {
    o.type = OrderType::kMarket;
  } else if (type == "LIMIT_MAKER") {
    o.type = OrderType::kLimitMaker;
  } else if (type == "STOP_LOSS_LIMIT") {
    o.type = OrderType::kStopLossLimit;
  } else if (type == "TAKE_PROFIT_LIMIT") {
    o.type = OrderType::kTakeProfitLimit;
  } else {
    return InvalidOrderType();  // STOP_LOSS and TAKE_PROFIT (market on trigger) are not offered
  }
  if (IsContingent(o.type)) {
    const bool stop = c.params.Has("stopPrice");
    const bool trailing = c.params.Has("trailingDelta");
    if (!stop && !trailing) return EitherParam("stopPrice", "trailingDelta");
    if (stop) {
      AMANAH_ASSIGN_OR_RETURN(std::string_view text, c.Required("stopPrice"));
      AMANAH_ASSIGN_OR_RETURN(o.stop_price, DecimalParam("stopPrice", text));
    }
    if (trailing) {
      AMANAH_ASSIGN_OR_RETURN(std::string_view text, c.Required("trailingDelta"));
      AMANAH_ASSIGN_OR_RETURN(o.trailing_delta, IntParam("trailingDelta", text));
      if (o.trailing_delta <= 0) return InvalidParam("trailingDelta");
    }
  } else if (c.params.Has("stopPrice")) {
    return NotRequired("stopPrice");
  } else if (c.params.Has("trailingDelta")) {
    return NotRequired("trailingDelta");
  }
  if (o.type == OrderType::kLimit || IsContingent(o.type)) {
    AMANAH_ASSIGN_OR_RETURN(std::string_view tif, c.Required("timeInForce"));
    if (tif == "GTC") {
      o.tif = TimeInForce::kGtc;
    } else if (tif == "IOC") {
      o.tif = TimeInForce::kIoc;
    } else if (tif == "FOK") {
      o.tif = TimeInForce::kFok;
    } else {
      return InvalidTif();
    }
  } else if (c.params.Has("timeInForce")) {
    return NotRequired("timeInForce");
  }
  if (o.type == OrderType::kMarket) {
    if (c.params.Has("price")) return NotRequired("price");
    bool qty = c.params.Has("quantity");
    bool quote = c.params.Has("quoteOrderQty");
    if (qty && quote) return InvalidCombination();
    if (!qty && !quote) return EitherParam("quantity", "quoteOrderQty");
    if (quote) {
      AMANAH_ASSIGN_OR_RETURN(std::string_view text, c.Required("quoteOrderQty"));
      AMANAH_ASSIGN_OR_RETURN(o.quote_order_qty, DecimalParam("quoteOrderQty", text));
    }
  } else {
    AMANAH_ASSIGN_OR_RETURN(std::string_view price, c.Required("price"));
    AMANAH_ASSIGN_OR_RETURN(o.price, DecimalParam("price", price));
    if (c.params.Has("quoteOrderQty")) return NotRequired("quoteOrderQty");
  }
  if (!o.quote_order_qty) {
    AMANAH_ASSIGN_OR_RETURN(std::string_view qty, c.Required("quantity"));
    AMANAH_ASSIGN_OR_RETURN(o.quantity, DecimalParam("quantity", qty));
  }
  if (auto id = c.params.Get("newClientOrderId")) {
    if (!Matches(*id, 36, [](char ch) { return IsAlnum(ch) || ch == '-' || ch == '_'; }))
      return IllegalChars("newClientOrderId", kClientIdRange);
    o.client_order_id = std::string(*id);
  }
  if (auto resp = c.params.Get("newOrderRespType")) {
    if (*resp == "ACK") {
      parsed.resp_type = RespType::kAck;
    } else if (*resp == "RESULT") {
      parsed.resp_type = RespType::kResult;
    } else if (*resp == "FULL") {
      parsed.resp_type = RespType::kFull;
    } else {
      return IllegalChars("newOrderRespType", "ACK, RESULT or FULL");
    }
  }
  return parsed;
}

Answer<json::value> PlaceOrder(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(ParsedOrder parsed, ParseNewOrder(ex, c));
  auto placed = ex.PlaceOrder(c.account->uid, parsed.order);
  if (!placed) return FromRejection(placed.error(), false);
  RespType type = parsed.resp_type.value_or(
      // "MARKET and LIMIT order types default to FULL, all other orders default to ACK."
      parsed.order.type == OrderType::kLimit || parsed.order.type == OrderType::kMarket
          ? RespType::kFull
          : RespType::kAck);
  return NewOrderJson(*ex.FindMarket(parsed.order.symbol), placed->order, placed->fills, type,
                      c.storage);
}

Answer<json::value> TestOrder(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(ParsedOrder parsed, ParseNewOrder(ex, c));
  auto tested = ex.TestOrder(c.account->uid, parsed.order);
  if (!tested) return FromRejection(tested.error(), false);
  return json::object{};
}

namespace {

struct OrderRef {
  Market* market;
  uint64_t order_id = 0;
  std::string client_id;
};

Answer<OrderRef> ParseOrderRef(Exchange& ex, BinanceRequest& c) {
  OrderRef ref;
  AMANAH_ASSIGN_OR_RETURN(ref.market, SymbolParam(ex, c));
  auto id = c.params.Get("orderId");
  auto client = c.params.Get("origClientOrderId");
  if (!id && !client) return EitherParam("orderId", "origClientOrderId");
  if (id) {
    AMANAH_ASSIGN_OR_RETURN(int64_t value, IntParam("orderId", *id));
    ref.order_id = static_cast<uint64_t>(value);
  }
  if (client) ref.client_id = std::string(*client);
  return ref;
}

}  // namespace

Answer<json::value> QueryOrder(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(OrderRef ref, ParseOrderRef(ex, c));
  auto order =
      ex.QueryOrder(c.account->uid, ref.market->spec().symbol, ref.order_id, ref.client_id);
  if (!order) return FromRejection(order.error(), false);
  return OrderJson(*ref.market, *order, true);
}

Answer<json::value> CancelOrder(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(OrderRef ref, ParseOrderRef(ex, c));
  auto order =
      ex.CancelOrder(c.account->uid, ref.market->spec().symbol, ref.order_id, ref.client_id);
  if (!order) return FromRejection(order.error(), true);
  std::string cancel_id(c.params.Get("newClientOrderId").value_or(""));
  if (cancel_id.empty()) cancel_id = ex.RandomAlnum(22);
  return CancelJson(*ref.market, *order, cancel_id, ex.NowMillis());
}

Answer<json::value> OpenOrders(Exchange& ex, BinanceRequest& c) {
  std::optional<std::string_view> symbol;
  if (c.params.Has("symbol")) {
    AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
    symbol = m->spec().symbol;
  }
  json::array out;
  for (const Order& o : ex.OpenOrders(c.account->uid, symbol))
    out.push_back(OrderJson(*ex.FindMarket(o.symbol), o, false));
  return out;
}

Answer<json::value> CancelOpenOrders(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  json::array out;
  for (const Order& o : ex.OpenOrders(c.account->uid, m->spec().symbol)) {
    auto canceled = ex.CancelOrder(c.account->uid, o.symbol, o.id, "");
    if (canceled) out.push_back(CancelJson(*m, *canceled, ex.RandomAlnum(22), ex.NowMillis()));
  }
  if (out.empty()) return CancelRejected();
  return out;
}

namespace {

constexpr int64_t kDayMs = 86'400'000;

// startTime/endTime of allOrders and myTrades: at most 24 h apart; one of them alone opens a 24 h
// window from (or up to) it. No time parameter: no time filter.
Answer<std::pair<int64_t, int64_t>> TimeWindow(BinanceRequest& c) {
  std::optional<int64_t> start, end;
  if (auto t = c.params.Get("startTime")) {
    AMANAH_ASSIGN_OR_RETURN(start, IntParam("startTime", *t));
  }
  if (auto t = c.params.Get("endTime")) {
    AMANAH_ASSIGN_OR_RETURN(end, IntParam("endTime", *t));
  }
  if (start && end && (*end < *start || *end - *start > kDayMs)) return LookupIntervalTooBig();
  if (start && !end) end = *start + kDayMs;
  if (end && !start) start = *end - kDayMs;
  return std::pair<int64_t, int64_t>(start.value_or(INT64_MIN), end.value_or(INT64_MAX));
}

}  // namespace

Answer<json::value> AllOrders(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, LimitParam(c, 500, 1000));
  int64_t from = 0;
  if (auto t = c.params.Get("orderId")) {
    AMANAH_ASSIGN_OR_RETURN(from, IntParam("orderId", *t));
  }
  AMANAH_ASSIGN_OR_RETURN(auto window, TimeWindow(c));
  std::vector<Order> orders = ex.AllOrders(c.account->uid, m->spec().symbol);
  std::erase_if(orders, [&](const Order& o) {
    return static_cast<int64_t>(o.id) < from || o.time < window.first || o.time > window.second;
  });
  size_t first =
      from > 0 || c.params.Has("startTime") || orders.size() <= static_cast<size_t>(limit)
          ? 0
          : orders.size() - static_cast<size_t>(limit);
  json::array out;
  for (size_t i = first; i < orders.size() && out.size() < static_cast<size_t>(limit); ++i)
    out.push_back(OrderJson(*m, orders[i], false));
  return out;
}

Answer<json::value> MyTrades(Exchange& ex, BinanceRequest& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, LimitParam(c, 500, 1000));
  int64_t order_id = -1;
  int64_t from_id = 0;
  if (auto t = c.params.Get("orderId")) {
    AMANAH_ASSIGN_OR_RETURN(order_id, IntParam("orderId", *t));
  }
  if (auto t = c.params.Get("fromId")) {
    AMANAH_ASSIGN_OR_RETURN(from_id, IntParam("fromId", *t));
  }
  AMANAH_ASSIGN_OR_RETURN(auto window, TimeWindow(c));
  std::vector<Trade> trades = ex.MyTrades(c.account->uid, m->spec().symbol);
  std::erase_if(trades, [&](const Trade& t) {
    return (order_id >= 0 && static_cast<int64_t>(t.order_id) != order_id) ||
           static_cast<int64_t>(t.id) < from_id || t.time < window.first || t.time > window.second;
  });
  size_t first = from_id > 0 || trades.size() <= static_cast<size_t>(limit)
                     ? 0
                     : trades.size() - static_cast<size_t>(limit);
  json::array out;
  for (size_t i = first; i < trades.size() && out.size() < static_cast<size_t>(limit); ++i)
    out.push_back(TradeJson(*m, trades[i]));
  return out;
}

Answer<json::value> RateLimitOrder(Exchange&, BinanceRequest& c) {
  std::string account = std::to_string(c.account->uid);
  auto entry = [&](const RateLimiter& limiter, std::string_view interval, int num) {
    return json::object{{"rateLimitType", "ORDERS"},
                        {"interval", interval},
                        {"intervalNum", num},
                        {"limit", limiter.limit()},
                        {"count", limiter.Used(account, c.now)}};
  };
  return json::array{entry(*c.orders_10s, "SECOND", 10), entry(*c.orders_1d, "DAY", 1)};
}

}  // namespace amanah::paper::binance
