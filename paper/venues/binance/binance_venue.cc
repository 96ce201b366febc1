#include "venues/binance/binance_venue.h"

#include <algorithm>
#include <array>

#include <boost/json.hpp>

#include "crypto/constant_time.h"
#include "crypto/ed25519.h"
#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/rsa.h"
#include "venues/binance/binance_error.h"
#include "venues/binance/binance_json.h"
#include "venues/binance/binance_params.h"

namespace amanah::paper::binance {

namespace json = boost::json;
using base::Decimal;

template <typename T>
using Answer = boost::system::result<T, BinanceError>;

namespace {

constexpr int64_t kMaxRecvWindow = 60000;
constexpr std::string_view kDecimalRange = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
constexpr std::string_view kSymbolRange = "^[A-Z0-9-_.]{1,20}$";
constexpr std::string_view kClientIdRange = "^[a-zA-Z0-9-_]{1,36}$";

enum class Security { kNone, kSigned };
enum class Need { kNothing, kReading, kTrade, kMargin, kFutures, kWithdraw, kUniversalTransfer };

bool Matches(std::string_view text, size_t max, auto allowed) {
  if (text.empty() || text.size() > max) return false;
  return std::all_of(text.begin(), text.end(), [&](char c) { return allowed(c); });
}

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

Answer<Decimal> DecimalParam(std::string_view name, std::string_view text) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  auto digits = [](std::string_view part) {
    return Matches(part, 20, [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(whole) || (dot != std::string_view::npos && !digits(fraction)))
    return IllegalChars(name, kDecimalRange);
  auto value = Decimal::Parse(text);
  if (!value) return IllegalChars(name, kDecimalRange);
  return *value;
}

Answer<int64_t> IntParam(std::string_view name, std::string_view text) {
  if (!Matches(text, 19, [](char c) { return c >= '0' && c <= '9'; })) return MandatoryParam(name);
  return std::stoll(std::string(text));
}

}  // namespace

struct BinanceVenue::Context {
  const HttpRequest& request;
  BinanceParams params;
  ApiKey* key = nullptr;
  Account* account = nullptr;
  const RateLimiter* orders_10s = nullptr;  ///< the account's order counters, for /rateLimit/order
  const RateLimiter* orders_1d = nullptr;
  int64_t now = 0;

  Answer<std::string_view> Required(std::string_view name) const {
    auto value = params.Get(name);
    if (!value || value->empty()) return MandatoryParam(name);
    return *value;
  }
};

using Handler = Answer<json::value> (*)(Exchange&, BinanceVenue::Context&);

struct BinanceVenue::Route {
  std::string_view method;
  std::string_view path;
  Security security;
  Need need;
  int64_t (*weight)(const BinanceParams&);
  Handler handler;
  bool places_order = false;
};

namespace {

using Ctx = BinanceVenue::Context;

int64_t W1(const BinanceParams&) { return 1; }
int64_t W2Or4(const BinanceParams& p) { return p.Has("symbol") || p.Has("symbols") ? 2 : 4; }
int64_t W4(const BinanceParams&) { return 4; }
int64_t W10(const BinanceParams&) { return 10; }
int64_t W20(const BinanceParams&) { return 20; }
int64_t W40(const BinanceParams&) { return 40; }
int64_t WOpenOrders(const BinanceParams& p) { return p.Has("symbol") ? 6 : 80; }
int64_t WMyTrades(const BinanceParams& p) { return p.Has("orderId") ? 5 : 20; }
int64_t WDepth(const BinanceParams& p) {
  int64_t limit = 100;
  if (auto text = p.Get("limit")) limit = std::atoll(std::string(*text).c_str());
  if (limit <= 100) return 5;
  if (limit <= 500) return 25;
  if (limit <= 1000) return 50;
  return 250;
}

Answer<Market*> SymbolParam(Exchange& ex, const Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view symbol, c.Required("symbol"));
  if (!Matches(symbol, 20, [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
               ch == '.';
      }))
    return IllegalChars("symbol", kSymbolRange);
  Market* market = ex.FindMarket(symbol);
  if (market == nullptr) return BadSymbol();
  return market;
}

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
  }
  return UnknownError();
}

// ---- public market data

Answer<json::value> Ping(Exchange&, Ctx&) { return json::object{}; }

Answer<json::value> Time(Exchange& ex, Ctx&) {
  return json::object{{"serverTime", ex.NowMillis()}};
}

Answer<json::value> ExchangeInfo(Exchange& ex, Ctx& c) {
  json::array symbols;
  std::vector<std::string> wanted;
  if (auto one = c.params.Get("symbol")) wanted.emplace_back(*one);
  if (auto many = c.params.Get("symbols")) {
    boost::system::error_code ec;
    json::value parsed = json::parse(*many, ec);  // ["BTCUSDT","ETHUSDT"]
    if (ec) return IllegalChars("symbols", "JSON array of symbols");
    auto list = json::try_value_to<std::vector<std::string>>(parsed);
    if (!list) return IllegalChars("symbols", "JSON array of symbols");
    wanted.insert(wanted.end(), list->begin(), list->end());
  }
  for (const auto& name : wanted) {
    if (ex.FindMarket(name) == nullptr) return BadSymbol();
  }
  for (const auto& [name, market] : ex.markets()) {
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), name) == wanted.end()) continue;
    symbols.push_back(SymbolJson(market));
  }
  return json::object{
      {"timezone", "UTC"},
      {"serverTime", ex.NowMillis()},
      {"rateLimits", json::array{}},
      {"exchangeFilters", json::array{}},
      {"symbols", std::move(symbols)},
  };
}

Answer<json::value> Depth(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  int64_t limit = 100;
  if (auto text = c.params.Get("limit")) {
    AMANAH_ASSIGN_OR_RETURN(limit, IntParam("limit", *text));
    limit = std::clamp<int64_t>(limit, 1, 5000);
  }
  auto side = [&](Side s) {
    json::array levels;
    for (const auto& level : m->Depth(s, static_cast<size_t>(limit))) {
      levels.push_back(json::array{Fixed(m->Price(level.price), m->spec().quote_precision),
                                   Fixed(m->Qty(level.qty), m->spec().base_precision)});
    }
    return levels;
  };
  return json::object{{"lastUpdateId", static_cast<int64_t>(m->step()) * 1000 +
                                           static_cast<int64_t>(ex.trades().size())},
                      {"bids", side(Side::kBuy)},
                      {"asks", side(Side::kSell)}};
}

template <typename F>
Answer<json::value> PerSymbol(Exchange& ex, Ctx& c, F one) {
  if (c.params.Has("symbol")) {
    AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
    return one(*m);
  }
  json::array all;
  for (const auto& [_, market] : ex.markets()) all.push_back(one(market));
  return all;
}

Answer<json::value> TickerPrice(Exchange& ex, Ctx& c) {
  return PerSymbol(ex, c, [](const Market& m) -> json::value {
    return json::object{{"symbol", m.spec().symbol},
                        {"price", Fixed(m.Price(m.last_price()), m.spec().quote_precision)}};
  });
}

Answer<json::value> BookTicker(Exchange& ex, Ctx& c) {
  return PerSymbol(ex, c, [](const Market& m) -> json::value {
    auto bid = m.Depth(Side::kBuy, 1);
    auto ask = m.Depth(Side::kSell, 1);
    int q = m.spec().quote_precision;
    int b = m.spec().base_precision;
    auto price = [&](const auto& v) {
      return Fixed(v.empty() ? Decimal() : m.Price(v[0].price), q);
    };
    auto qty = [&](const auto& v) { return Fixed(v.empty() ? Decimal() : m.Qty(v[0].qty), b); };
    return json::object{{"symbol", m.spec().symbol},
                        {"bidPrice", price(bid)},
                        {"bidQty", qty(bid)},
                        {"askPrice", price(ask)},
                        {"askQty", qty(ask)}};
  });
}

std::optional<int64_t> IntervalMillis(std::string_view interval) {
  static constexpr std::array<std::pair<std::string_view, int64_t>, 14> kIntervals{{
      {"1s", 1000},
      {"1m", 60'000},
      {"3m", 180'000},
      {"5m", 300'000},
      {"15m", 900'000},
      {"30m", 1'800'000},
      {"1h", 3'600'000},
      {"2h", 7'200'000},
      {"4h", 14'400'000},
      {"6h", 21'600'000},
      {"8h", 28'800'000},
      {"12h", 43'200'000},
      {"1d", 86'400'000},
      {"1w", 604'800'000},
  }};
  for (const auto& [name, ms] : kIntervals) {
    if (name == interval) return ms;
  }
  return std::nullopt;
}

Answer<json::value> Klines(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(std::string_view interval_text, c.Required("interval"));
  auto interval = IntervalMillis(interval_text);
  if (!interval) return InvalidInterval();
  int64_t limit = 500;
  int64_t start = INT64_MIN;
  int64_t end = INT64_MAX;
  if (auto t = c.params.Get("limit")) {
    AMANAH_ASSIGN_OR_RETURN(limit, IntParam("limit", *t));
    limit = std::clamp<int64_t>(limit, 1, 1000);
  }
  if (auto t = c.params.Get("startTime")) {
    AMANAH_ASSIGN_OR_RETURN(start, IntParam("startTime", *t));
  }
  if (auto t = c.params.Get("endTime")) {
    AMANAH_ASSIGN_OR_RETURN(end, IntParam("endTime", *t));
  }
  struct Bucket {
    int64_t open_time;
    Market::Candle candle;
  };
  std::vector<Bucket> buckets;
  for (const Market::Candle& step : m->history()) {
    if (step.open_time < start || step.open_time > end) continue;
    int64_t open = step.open_time - step.open_time % *interval;
    if (buckets.empty() || buckets.back().open_time != open) {
      buckets.push_back(Bucket{open, step});
      continue;
    }
    Market::Candle& k = buckets.back().candle;
    k.high = std::max(k.high, step.high);
    k.low = std::min(k.low, step.low);
    k.close = step.close;
    k.volume += step.volume;
    k.quote_units += step.quote_units;
    k.trades += step.trades;
  }
  // With startTime the oldest come first; otherwise the most recent `limit`.
  size_t first = 0;
  if (buckets.size() > static_cast<size_t>(limit)) {
    first = c.params.Has("startTime") ? 0 : buckets.size() - static_cast<size_t>(limit);
  }
  size_t last = std::min(buckets.size(), first + static_cast<size_t>(limit));
  const SymbolSpec& s = m->spec();
  json::array out;
  for (size_t i = first; i < last; ++i) {
    const auto& [open_time, k] = buckets[i];
    Decimal quote_volume =
        Decimal::FromUnits(k.quote_units * s.tick_size.mantissa() * s.step_size.mantissa(),
                           s.tick_size.scale() + s.step_size.scale())
            .value();
    out.push_back(json::array{
        open_time, Fixed(m->Price(k.open), s.quote_precision),
        Fixed(m->Price(k.high), s.quote_precision), Fixed(m->Price(k.low), s.quote_precision),
        Fixed(m->Price(k.close), s.quote_precision), Fixed(m->Qty(k.volume), s.base_precision),
        open_time + *interval - 1, Fixed(quote_volume, s.quote_precision), k.trades,
        Fixed(Decimal(), s.base_precision), Fixed(Decimal(), s.quote_precision), "0"});
  }
  return out;
}

Answer<json::value> SystemStatus(Exchange& ex, Ctx&) {
  if (ex.maintenance()) return json::object{{"status", 1}, {"msg", "system_maintenance"}};
  return json::object{{"status", 0}, {"msg", "normal"}};
}

// ---- account and orders

Answer<json::value> AccountInfo(Exchange&, Ctx& c) {
  bool omit = c.params.Get("omitZeroBalances").value_or("false") == "true";
  return AccountJson(*c.account, omit);
}

Answer<json::value> ApiRestrictions(Exchange&, Ctx& c) { return ApiRestrictionsJson(*c.key); }

struct ParsedOrder {
  NewOrder order;
  std::optional<RespType> resp_type;
};

Answer<ParsedOrder> ParseNewOrder(Exchange& ex, Ctx& c) {
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
  } else {
    return InvalidOrderType();
  }
  if (o.type == OrderType::kLimit) {
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
    if (!qty && !quote) return MandatoryParam("quantity");
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

Answer<json::value> PlaceOrder(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(ParsedOrder parsed, ParseNewOrder(ex, c));
  auto placed = ex.PlaceOrder(c.account->uid, parsed.order);
  if (!placed) return FromRejection(placed.error(), false);
  RespType type = parsed.resp_type.value_or(
      parsed.order.type == OrderType::kLimitMaker ? RespType::kAck : RespType::kFull);
  return NewOrderJson(*ex.FindMarket(parsed.order.symbol), placed->order, placed->fills, type);
}

Answer<json::value> TestOrder(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(ParsedOrder parsed, ParseNewOrder(ex, c));
  auto tested = ex.TestOrder(c.account->uid, parsed.order);
  if (!tested) return FromRejection(tested.error(), false);
  return json::object{};
}

struct OrderRef {
  Market* market;
  uint64_t order_id = 0;
  std::string client_id;
};

Answer<OrderRef> ParseOrderRef(Exchange& ex, Ctx& c) {
  OrderRef ref;
  AMANAH_ASSIGN_OR_RETURN(ref.market, SymbolParam(ex, c));
  auto id = c.params.Get("orderId");
  auto client = c.params.Get("origClientOrderId");
  if (!id && !client) return MandatoryParam("orderId");
  if (id) {
    AMANAH_ASSIGN_OR_RETURN(int64_t value, IntParam("orderId", *id));
    ref.order_id = static_cast<uint64_t>(value);
  }
  if (client) ref.client_id = std::string(*client);
  return ref;
}

Answer<json::value> QueryOrder(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(OrderRef ref, ParseOrderRef(ex, c));
  auto order =
      ex.QueryOrder(c.account->uid, ref.market->spec().symbol, ref.order_id, ref.client_id);
  if (!order) return FromRejection(order.error(), false);
  return OrderJson(*ref.market, *order, true);
}

Answer<json::value> CancelOrder(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(OrderRef ref, ParseOrderRef(ex, c));
  auto order =
      ex.CancelOrder(c.account->uid, ref.market->spec().symbol, ref.order_id, ref.client_id);
  if (!order) return FromRejection(order.error(), true);
  std::string cancel_id(c.params.Get("newClientOrderId").value_or(""));
  if (cancel_id.empty()) cancel_id = ex.NewApiKeyId().substr(0, 22);
  return CancelJson(*ref.market, *order, cancel_id, ex.NowMillis());
}

Answer<json::value> OpenOrders(Exchange& ex, Ctx& c) {
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

Answer<json::value> CancelOpenOrders(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  json::array out;
  for (const Order& o : ex.OpenOrders(c.account->uid, m->spec().symbol)) {
    auto canceled = ex.CancelOrder(c.account->uid, o.symbol, o.id, "");
    if (canceled)
      out.push_back(CancelJson(*m, *canceled, ex.NewApiKeyId().substr(0, 22), ex.NowMillis()));
  }
  if (out.empty()) return CancelRejected();
  return out;
}

Answer<int64_t> LimitParam(const Ctx& c, int64_t fallback) {
  int64_t limit = fallback;
  if (auto t = c.params.Get("limit")) {
    AMANAH_ASSIGN_OR_RETURN(limit, IntParam("limit", *t));
  }
  return std::clamp<int64_t>(limit, 1, 1000);
}

Answer<json::value> AllOrders(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, LimitParam(c, 500));
  int64_t from = 0;
  if (auto t = c.params.Get("orderId")) {
    AMANAH_ASSIGN_OR_RETURN(from, IntParam("orderId", *t));
  }
  std::vector<Order> orders = ex.AllOrders(c.account->uid, m->spec().symbol);
  std::erase_if(orders, [&](const Order& o) { return static_cast<int64_t>(o.id) < from; });
  size_t first = from > 0 || orders.size() <= static_cast<size_t>(limit)
                     ? 0
                     : orders.size() - static_cast<size_t>(limit);
  json::array out;
  for (size_t i = first; i < orders.size() && out.size() < static_cast<size_t>(limit); ++i)
    out.push_back(OrderJson(*m, orders[i], false));
  return out;
}

Answer<json::value> MyTrades(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(Market * m, SymbolParam(ex, c));
  AMANAH_ASSIGN_OR_RETURN(int64_t limit, LimitParam(c, 500));
  int64_t order_id = -1;
  int64_t from_id = 0;
  if (auto t = c.params.Get("orderId")) {
    AMANAH_ASSIGN_OR_RETURN(order_id, IntParam("orderId", *t));
  }
  if (auto t = c.params.Get("fromId")) {
    AMANAH_ASSIGN_OR_RETURN(from_id, IntParam("fromId", *t));
  }
  std::vector<Trade> trades = ex.MyTrades(c.account->uid, m->spec().symbol);
  std::erase_if(trades, [&](const Trade& t) {
    return (order_id >= 0 && static_cast<int64_t>(t.order_id) != order_id) ||
           static_cast<int64_t>(t.id) < from_id;
  });
  size_t first = from_id > 0 || trades.size() <= static_cast<size_t>(limit)
                     ? 0
                     : trades.size() - static_cast<size_t>(limit);
  json::array out;
  for (size_t i = first; i < trades.size() && out.size() < static_cast<size_t>(limit); ++i)
    out.push_back(TradeJson(*m, trades[i]));
  return out;
}

Answer<json::value> RateLimitOrder(Exchange&, Ctx& c) {
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

// ---- the non-spot endpoints a compliant key is refused on

Answer<json::value> MarginAccount(Exchange&, Ctx& c) {
  const Account& a = *c.account;
  json::array assets;
  bool debt = false;
  for (const MarginLoan& loan : a.margin_loans) {
    debt = debt || loan.borrowed.IsPositive() || loan.interest.IsPositive();
    Decimal net = loan.borrowed.Add(loan.interest).value().Negated();
    assets.push_back({{"asset", loan.asset},
                      {"borrowed", Fixed(loan.borrowed, 8)},
                      {"free", "0.00000000"},
                      {"interest", Fixed(loan.interest, 8)},
                      {"locked", "0.00000000"},
                      {"netAsset", Fixed(net, 8)}});
  }
  // Liability in BTC is only reported as non-zero when there is debt; the paper exchange does not
  // price every asset in BTC, so it reports the borrowed amount of BTC loans and 1 sat otherwise.
  Decimal liability;
  for (const MarginLoan& loan : a.margin_loans) {
    if (loan.asset == "BTC")
      liability = liability.Add(loan.borrowed).value().Add(loan.interest).value();
  }
  if (debt && liability.IsZero()) liability = Decimal::Parse("0.00000001").value();
  return json::object{{"created", !a.margin_loans.empty()},
                      {"borrowEnabled", c.key->permissions.margin},
                      {"marginLevel", debt ? "1.50000000" : "999.00000000"},
                      {"collateralMarginLevel", debt ? "1.50000000" : "999.00000000"},
                      {"totalAssetOfBtc", "0.00000000"},
                      {"totalLiabilityOfBtc", Fixed(liability, 8)},
                      {"totalNetAssetOfBtc", Fixed(liability.Negated(), 8)},
                      {"totalCollateralValueInUSDT", "0.00000000"},
                      {"tradeEnabled", c.key->permissions.spot_and_margin_trading},
                      {"transferInEnabled", c.key->permissions.margin},
                      {"transferOutEnabled", c.key->permissions.margin},
                      {"accountType", "MARGIN_1"},
                      {"userAssets", std::move(assets)}};
}

Answer<json::value> MarginOrder(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(ParsedOrder parsed, ParseNewOrder(ex, c));
  // Margin orders are accepted (the key is allowed to) but not matched: the paper exchange only
  // needs to prove that the permission is enforced. The account records a loan-free margin order.
  return json::object{{"symbol", parsed.order.symbol},
                      {"orderId", ex.order_count() + 1'000'000'000},
                      {"clientOrderId", parsed.order.client_order_id},
                      {"transactTime", ex.NowMillis()},
                      {"isIsolated", false}};
}

Answer<json::value> FuturesAccount(Exchange&, Ctx& c) {
  const Account& a = *c.account;
  json::array positions;
  for (const FuturesPosition& p : a.futures_positions) {
    positions.push_back({{"symbol", p.symbol},
                         {"positionAmt", Fixed(p.position_amt, 3)},
                         {"entryPrice", Fixed(p.entry_price, 2)},
                         {"positionSide", "BOTH"}});
  }
  std::string wallet = Fixed(a.futures_wallet, 8);
  return json::object{
      {"totalWalletBalance", wallet},
      {"totalUnrealizedProfit", "0.00000000"},
      {"totalMarginBalance", wallet},
      {"availableBalance", wallet},
      {"assets", json::array{json::object{{"asset", "USDT"}, {"walletBalance", wallet}}}},
      {"positions", std::move(positions)}};
}

Answer<json::value> FuturesPositionRisk(Exchange&, Ctx& c) {
  json::array out;
  for (const FuturesPosition& p : c.account->futures_positions) {
    out.push_back({{"symbol", p.symbol},
                   {"positionAmt", Fixed(p.position_amt, 3)},
                   {"entryPrice", Fixed(p.entry_price, 2)},
                   {"leverage", "10"},
                   {"positionSide", "BOTH"}});
  }
  return out;
}

Answer<json::value> Withdraw(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view coin, c.Required("coin"));
  AMANAH_ASSIGN_OR_RETURN(std::string_view address, c.Required("address"));
  AMANAH_ASSIGN_OR_RETURN(std::string_view amount_text, c.Required("amount"));
  AMANAH_ASSIGN_OR_RETURN(Decimal amount, DecimalParam("amount", amount_text));
  (void)address;
  Balance& balance = c.account->balances[std::string(coin)];
  if (balance.free < amount || !amount.IsPositive())
    return NewOrderRejected("Account has insufficient balance for requested action.");
  balance.free = balance.free.Sub(amount).value();
  return json::object{{"id", ex.NewApiKeyId().substr(0, 32)}};
}

Answer<json::value> UniversalTransfer(Exchange& ex, Ctx& c) {
  AMANAH_ASSIGN_OR_RETURN(std::string_view type, c.Required("type"));
  AMANAH_ASSIGN_OR_RETURN(std::string_view asset, c.Required("asset"));
  AMANAH_ASSIGN_OR_RETURN(std::string_view amount_text, c.Required("amount"));
  AMANAH_ASSIGN_OR_RETURN(Decimal amount, DecimalParam("amount", amount_text));
  Balance& spot = c.account->balances[std::string(asset)];
  if (type == "MAIN_UMFUTURE") {
    if (spot.free < amount)
      return NewOrderRejected("Account has insufficient balance for requested action.");
    spot.free = spot.free.Sub(amount).value();
    c.account->futures_wallet = c.account->futures_wallet.Add(amount).value();
  } else if (type == "UMFUTURE_MAIN") {
    if (c.account->futures_wallet < amount)
      return NewOrderRejected("Account has insufficient balance for requested action.");
    c.account->futures_wallet = c.account->futures_wallet.Sub(amount).value();
    spot.free = spot.free.Add(amount).value();
  } else {
    return IllegalChars("type", "MAIN_UMFUTURE or UMFUTURE_MAIN");
  }
  return json::object{{"tranId", ex.NowMillis()}};
}

constexpr BinanceVenue::Route kRoutes[] = {
    {"GET", "/api/v3/ping", Security::kNone, Need::kNothing, W1, Ping},
    {"GET", "/api/v3/time", Security::kNone, Need::kNothing, W1, Time},
    {"GET", "/api/v3/exchangeInfo", Security::kNone, Need::kNothing, W20, ExchangeInfo},
    {"GET", "/api/v3/depth", Security::kNone, Need::kNothing, WDepth, Depth},
    {"GET", "/api/v3/ticker/price", Security::kNone, Need::kNothing, W2Or4, TickerPrice},
    {"GET", "/api/v3/ticker/bookTicker", Security::kNone, Need::kNothing, W2Or4, BookTicker},
    {"GET", "/api/v3/klines", Security::kNone, Need::kNothing, W2Or4, Klines},
    {"GET", "/sapi/v1/system/status", Security::kNone, Need::kNothing, W1, SystemStatus},
    {"GET", "/api/v3/account", Security::kSigned, Need::kReading, W20, AccountInfo},
    {"POST", "/api/v3/order", Security::kSigned, Need::kTrade, W1, PlaceOrder, true},
    {"POST", "/api/v3/order/test", Security::kSigned, Need::kTrade, W1, TestOrder},
    {"GET", "/api/v3/order", Security::kSigned, Need::kReading, W4, QueryOrder},
    {"DELETE", "/api/v3/order", Security::kSigned, Need::kTrade, W1, CancelOrder},
    {"GET", "/api/v3/openOrders", Security::kSigned, Need::kReading, WOpenOrders, OpenOrders},
    {"DELETE", "/api/v3/openOrders", Security::kSigned, Need::kTrade, W1, CancelOpenOrders},
    {"GET", "/api/v3/allOrders", Security::kSigned, Need::kReading, W20, AllOrders},
    {"GET", "/api/v3/myTrades", Security::kSigned, Need::kReading, WMyTrades, MyTrades},
    {"GET", "/api/v3/rateLimit/order", Security::kSigned, Need::kReading, W40, RateLimitOrder},
    {"GET", "/sapi/v1/account/apiRestrictions", Security::kSigned, Need::kNothing, W1,
     ApiRestrictions},
    {"GET", "/sapi/v1/margin/account", Security::kSigned, Need::kReading, W10, MarginAccount},
    {"POST", "/sapi/v1/margin/order", Security::kSigned, Need::kMargin, W1, MarginOrder, true},
    {"GET", "/fapi/v2/account", Security::kSigned, Need::kFutures, W1, FuturesAccount},
    {"GET", "/fapi/v2/positionRisk", Security::kSigned, Need::kFutures, W1, FuturesPositionRisk},
    {"POST", "/sapi/v1/capital/withdraw/apply", Security::kSigned, Need::kWithdraw, W1, Withdraw},
    {"POST", "/sapi/v1/asset/transfer", Security::kSigned, Need::kUniversalTransfer, W1,
     UniversalTransfer},
};

bool Permitted(const ApiKey& key, Need need) {
  const Permissions& p = key.permissions;
  switch (need) {
    case Need::kNothing:
      return true;
    case Need::kReading:
      return p.reading;
    case Need::kTrade:
      return p.reading && p.spot_and_margin_trading;
    case Need::kMargin:
      return p.reading && p.spot_and_margin_trading && p.margin;
    case Need::kFutures:
      return p.reading && p.futures;
    // Binance allows withdrawals only on IP-restricted keys.
    case Need::kWithdraw:
      return p.reading && p.withdrawals && !key.ip_whitelist.empty();
    case Need::kUniversalTransfer:
      return p.reading && p.universal_transfer;
  }
  return false;
}

bool SignatureValid(const ApiKey& key, const BinanceParams& params) {
  const std::string& payload = params.payload();
  const std::string& signature = params.signature();
  switch (key.type) {
    case KeyType::kHmac: {
      std::string expected =
          crypto::HmacSha256Hex(crypto::AsBytes(key.secret), crypto::AsBytes(payload));
      std::string given = signature;
      for (char& ch : given) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      return crypto::ConstantTimeEquals(expected, given);
    }
    case KeyType::kEd25519: {
      auto raw = crypto::Base64Decode(signature);
      auto pub = crypto::Ed25519PublicKey::FromPem(key.public_pem);
      return raw && pub && pub->Verify(crypto::AsBytes(payload), *raw);
    }
    case KeyType::kRsa: {
      auto raw = crypto::Base64Decode(signature);
      auto pub = crypto::RsaPublicKey::FromPem(key.public_pem);
      return raw && pub && pub->VerifyPkcs1Sha256(crypto::AsBytes(payload), *raw);
    }
  }
  return false;
}

Answer<int64_t> RecvWindowMillis(const BinanceParams& params) {
  auto text = params.Get("recvWindow");
  if (!text) return int64_t{5000};
  AMANAH_ASSIGN_OR_RETURN(Decimal window, DecimalParam("recvWindow", *text));
  if (window.scale() > 3) return IllegalChars("recvWindow", "up to 3 decimals");
  if (window > Decimal::FromInt(kMaxRecvWindow)) return BadRecvWindow();
  // Whole milliseconds are what the comparison needs; the fraction can only widen the window.
  return static_cast<int64_t>(window.Rescale(0, base::Rounding::kCeiling).value().mantissa());
}

Answer<ApiKey*> Authenticate(Exchange& ex, const Ctx& c) {
  auto header = c.request.Header("x-mbx-apikey");
  if (!header || !Matches(*header, 64, IsAlnum) || header->size() != 64) return BadApiKeyFormat();
  ApiKey* key = ex.FindKey(*header);
  if (key == nullptr) return RejectedMbxKey();
  if (!key->ip_whitelist.empty() && std::find(key->ip_whitelist.begin(), key->ip_whitelist.end(),
                                              c.request.peer_ip) == key->ip_whitelist.end())
    return RejectedMbxKey();
  AMANAH_ASSIGN_OR_RETURN(std::string_view ts_text, c.Required("timestamp"));
  AMANAH_ASSIGN_OR_RETURN(int64_t timestamp, IntParam("timestamp", ts_text));
  if (timestamp > 100'000'000'000'000) timestamp /= 1000;  // microseconds
  AMANAH_ASSIGN_OR_RETURN(int64_t window, RecvWindowMillis(c.params));
  if (c.params.signature().empty()) return MandatoryParam("signature");
  int64_t now = ex.NowMillis();
  if (timestamp >= now + 1000) return InvalidTimestampAhead();
  if (now - timestamp > window) return InvalidTimestampWindow();
  if (!SignatureValid(*key, c.params)) return InvalidSignature();
  return key;
}

void AddHeader(HttpResponse& r, std::string name, int64_t value) {
  r.headers.emplace_back(std::move(name), std::to_string(value));
}

}  // namespace

BinanceVenue::BinanceVenue(Exchange& exchange, Limits limits)
    : exchange_(exchange),
      limits_(limits),
      weight_(limits.weight_per_minute, 60'000, limits.ban_after),
      sapi_weight_(limits.sapi_weight_per_minute, 60'000, 0),
      orders_10s_(limits.orders_per_10s, 10'000, 0),
      orders_1d_(limits.orders_per_day, 86'400'000, 0) {}

void BinanceVenue::SetLimits(const Limits& limits) {
  limits_ = limits;
  weight_ = RateLimiter(limits.weight_per_minute, 60'000, limits.ban_after);
  sapi_weight_ = RateLimiter(limits.sapi_weight_per_minute, 60'000, 0);
  orders_10s_ = RateLimiter(limits.orders_per_10s, 10'000, 0);
  orders_1d_ = RateLimiter(limits.orders_per_day, 86'400'000, 0);
}

void BinanceVenue::ResetRateLimits() { SetLimits(limits_); }

HttpResponse BinanceVenue::Handle(const HttpRequest& request) {
  auto lock = exchange_.Lock();
  exchange_.AdvanceMarkets();
  Faults& faults = exchange_.faults();
  auto finish = [&](HttpResponse response) {
    response.delay = std::chrono::milliseconds(faults.latency_ms);
    return response;
  };

  std::string_view path = request.Path();
  const Route* route = nullptr;
  for (const Route& r : kRoutes) {
    if (r.path == path && r.method == request.method) route = &r;
  }
  if (route == nullptr) return finish(NotFound().ToResponse());

  auto params = BinanceParams::Parse(request.Query(), request.body);
  if (!params) return finish(params.error().ToResponse());
  Context c{request, std::move(*params)};
  c.orders_10s = &orders_10s_;
  c.orders_1d = &orders_1d_;

  // Request weight per IP, counted before anything else as Binance does.
  int64_t now = exchange_.NowMillis();
  c.now = now;
  bool sapi = path.starts_with("/sapi/");
  RateLimiter& weight = sapi ? sapi_weight_ : weight_;
  RateLimiter::Decision used = weight.Add(request.peer_ip, route->weight(c.params), now);
  auto weight_headers = [&](HttpResponse& r) {
    AddHeader(r, sapi ? "X-SAPI-USED-IP-WEIGHT-1M" : "X-MBX-USED-WEIGHT-1M", used.used);
  };
  if (!used.allowed) {
    HttpResponse r = used.banned ? IpBanned(used.banned_until).ToResponse()
                                 : TooMuchWeight(weight.limit()).ToResponse();
    weight_headers(r);
    AddHeader(r, "Retry-After", (used.retry_after_ms + 999) / 1000);
    return finish(std::move(r));
  }
  auto fail = [&](const BinanceError& e) {
    HttpResponse r = e.ToResponse();
    weight_headers(r);
    return finish(std::move(r));
  };

  if (route->security == Security::kSigned) {
    auto key = Authenticate(exchange_, c);
    if (!key) return fail(key.error());
    c.key = *key;
    if (!Permitted(*c.key, route->need)) return fail(RejectedMbxKey());
    c.account = exchange_.FindAccount(c.key->account);
    if (c.account == nullptr) return fail(RejectedMbxKey());
  }

  bool trading = route->need == Need::kTrade || route->places_order;
  if (trading && exchange_.maintenance()) return fail(ServiceShuttingDown());

  std::string account_key = c.account ? std::to_string(c.account->uid) : std::string();
  if (route->places_order) {
    auto ten = orders_10s_.Add(account_key, 1, now);
    auto day = orders_1d_.Add(account_key, 1, now);
    if (!ten.allowed || !day.allowed) {
      HttpResponse r = (!ten.allowed ? TooManyOrders(orders_10s_.limit(), "10 SECOND")
                                     : TooManyOrders(orders_1d_.limit(), "1 DAY"))
                           .ToResponse();
      weight_headers(r);
      AddHeader(r, "Retry-After", ((!ten.allowed ? ten : day).retry_after_ms + 999) / 1000);
      return finish(std::move(r));
    }
    if (faults.fail_before_accept > 0) {
      --faults.fail_before_accept;
      return fail(Timeout());
    }
  }

  Answer<json::value> answer = route->handler(exchange_, c);
  if (!answer) return fail(answer.error());

  HttpResponse response;
  response.body = json::serialize(*answer);
  weight_headers(response);
  if (route->places_order) {
    AddHeader(response, "X-MBX-ORDER-COUNT-10S", orders_10s_.Used(account_key, now));
    AddHeader(response, "X-MBX-ORDER-COUNT-1D", orders_1d_.Used(account_key, now));
    if (faults.fail_after_accept > 0) {
      --faults.fail_after_accept;
      return fail(UnexpectedResponse());
    }
    if (faults.drop_after_accept > 0) {
      --faults.drop_after_accept;
      response.drop = true;
    }
  }
  return finish(std::move(response));
}

}  // namespace amanah::paper::binance
