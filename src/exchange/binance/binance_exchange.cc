#include "exchange/binance/binance_exchange.h"

#include "exchange/binance/binance_account_stream.h"

#include <charconv>

#include "exchange/query_writer.h"
#include "exchange/rest_read.h"

#include "crypto/encoding.h"
#include "exchange/binance/binance_parse.h"

namespace amanah::exchange::binance {

namespace net = boost::asio;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

std::string_view SideText(Side s) { return s == Side::kBuy ? "BUY" : "SELL"; }

bool KeyRefusal(const Error& e) {
  const Failure f = FailureOf(e);
  return f == Failure::kKeyRefused || f == Failure::kKeyInvalid;
}

}  // namespace

BinanceExchange::BinanceExchange(std::shared_ptr<transport::HttpSender> sender,
                                 RequestSigner signer, const base::Clock& clock,
                                 int64_t recv_window_ms, std::shared_ptr<RateState> rate,
                                 transport::Transport* streams, std::string origin)
    : pipeline_(std::move(sender),
                std::make_unique<BinanceDialect>(std::move(signer), recv_window_ms), clock,
                std::move(rate)),
      clock_(clock),
      recv_window_ms_(recv_window_ms),
      streams_(streams),
      origin_(std::move(origin)) {}

Task<std::unique_ptr<AccountStream>> BinanceExchange::OpenAccountStream() {
  if (streams_ == nullptr || origin_.empty()) {
    co_return Error(ErrorCode::kFailedPrecondition,
                    "this adapter was opened without a transport for streams");
  }
  const auto& dialect = static_cast<const BinanceDialect&>(pipeline_.dialect());
  const int64_t now = base::UnixMillis(clock_.Now()) + pipeline_.time_offset_ms();
  co_return co_await OpenBinanceAccountStream(*streams_, WebSocketApiUrl(origin_), dialect.signer(),
                                              now, recv_window_ms_);
}

Task<int64_t> BinanceExchange::SyncTime() { return pipeline_.SyncTime(); }

Task<int64_t> BinanceExchange::ServerTime() {
  return ReadBody<int64_t>(pipeline_, PublicGet("/api/v3/time"), ParseServerTime);
}

Task<SystemStatus> BinanceExchange::Status() {
  return ReadBody<SystemStatus>(pipeline_, PublicGet("/sapi/v1/system/status"), ParseSystemStatus);
}

Task<std::vector<SymbolInfo>> BinanceExchange::Symbols() {
  // The same answer publishes the request-weight limit the rate budget counts against.
  return ReadBody<std::vector<SymbolInfo>>(
      pipeline_, PublicGet("/api/v3/exchangeInfo"),
      [this](const base::JsonView& body) -> Result<std::vector<SymbolInfo>> {
        AMANAH_ASSIGN_OR_RETURN(std::optional<int64_t> limit, ParseWeightLimit(body));
        if (limit) pipeline_.rate().RecordWeightLimit(*limit);
        return ParseExchangeInfo(body);
      });
}

Task<Ticker> BinanceExchange::Ticker24h(const std::string& symbol) {
  return ReadBody<Ticker>(pipeline_, PublicGet("/api/v3/ticker/24hr", {{"symbol", symbol}}),
                          ParseTicker24h);
}

Task<std::vector<Candle>> BinanceExchange::HourlyCandles(const std::string& symbol,
                                                         int64_t start_ms, int64_t end_ms) {
  std::vector<Candle> out;
  int64_t from = start_ms;
  // 1000 candles a page (weight 2 each), until the range is read or a page comes back short.
  for (int page = 0; page < 100 && from < end_ms; ++page) {
    Params params;  // built outside the co_await (GCC 12 and braced temporaries)
    params.emplace_back("symbol", symbol);
    params.emplace_back("interval", "1h");
    params.emplace_back("startTime", std::to_string(from));
    params.emplace_back("endTime", std::to_string(end_ms - 1));
    params.emplace_back("limit", "1000");
    RestCall call = PublicGet("/api/v3/klines", std::move(params));
    auto body = co_await pipeline_.Call(std::move(call));
    if (!body) co_return body.error();
    auto candles = ParseKlines(body->Root());
    if (!candles) co_return candles.error();
    for (auto& c : *candles) {
      if (c.open_time_ms >= from && c.open_time_ms < end_ms) out.push_back(c);
    }
    if (candles->size() < 1000 || candles->empty()) break;
    from = candles->back().open_time_ms + 1;
  }
  co_return out;
}

Task<std::vector<Balance>> BinanceExchange::Balances() {
  return ReadBody<std::vector<Balance>>(pipeline_, SignedGet("/api/v3/account"), ParseBalances);
}

Task<PermissionReport> BinanceExchange::Permissions() {
  return ReadBody<PermissionReport>(pipeline_, SignedGet("/sapi/v1/account/apiRestrictions"),
                                    ParseApiRestrictions);
}

Task<AccountState> BinanceExchange::Account() {
  auto spot = co_await pipeline_.Call(SignedGet("/api/v3/account"));
  if (!spot) co_return spot.error();
  auto state = ParseSpotAccount(spot->Root());
  if (!state) co_return state.error();
  auto margin = co_await pipeline_.Call(SignedGet("/sapi/v1/margin/account"));
  if (!margin) co_return margin.error();
  if (auto parsed = ParseMarginAccount(margin->Root(), *state); !parsed) co_return parsed.error();
  state->unreadable.push_back(UnreadableCheck{
      "FUTURES_ACCOUNT_NOT_READABLE",
      "a spot-only key cannot read futures positions or the futures wallet", "maysir",
      "positions opened with another key would not be visible here",
      "On Binance: Derivatives → check that no futures position is open and the futures wallet "
      "is empty."});
  co_return std::move(*state);
}

namespace {

// An order's parameters in the order Binance documents them, each given to `add(name, value,
// escape)`: the one source of both OrderParams (a list) and EncodeOrder (the encoded string, no
// list). `escape` is false for the values this function writes itself (our literals and decimal
// digits, all unreserved characters), so the encoder scans only what came from outside.
template <class Add>
Result<void> WriteOrderParams(const OrderRequest& o, Add&& add) {
  if (o.client_order_id.empty())
    return Error(ErrorCode::kInvalidArgument, "an order needs a client order id");
  add("symbol", o.symbol, true);
  add("side", SideText(o.side), false);
  add("type", BinanceOrderType(o.type), false);
  const bool contingent = IsContingent(o.type);
  if (o.type == OrderType::kLimit || contingent) {
    add("timeInForce",
        o.tif == TimeInForce::kGtc   ? "GTC"
        : o.tif == TimeInForce::kIoc ? "IOC"
                                     : "FOK",
        false);
  }
  if (o.quantity) {
    add("quantity", o.quantity->Normalized().ToText().view(), false);
  } else if (o.quote_quantity && o.type == OrderType::kMarket) {
    add("quoteOrderQty", o.quote_quantity->Normalized().ToText().view(), false);
  } else {
    return Error(ErrorCode::kInvalidArgument,
                 "an order needs a quantity (or a quote quantity for MARKET)");
  }
  if (o.type != OrderType::kMarket) {
    if (!o.price) return Error(ErrorCode::kInvalidArgument, "a limit order needs a price");
    add("price", o.price->Normalized().ToText().view(), false);
  }
  if (contingent) {
    if (!o.trigger_price && !o.trailing_bips) {
      return Error(ErrorCode::kInvalidArgument,
                   "a stop-loss or take-profit order needs a trigger price or a trailing delta");
    }
    if (o.trigger_price) add("stopPrice", o.trigger_price->Normalized().ToText().view(), false);
    if (o.trailing_bips) {
      char digits[24];
      auto end = std::to_chars(digits, digits + sizeof digits, *o.trailing_bips).ptr;
      add("trailingDelta", std::string_view(digits, static_cast<size_t>(end - digits)), false);
    }
  } else if (o.trigger_price || o.trailing_bips) {
    return Error(ErrorCode::kInvalidArgument,
                 "only stop-loss and take-profit orders take a trigger price or trailing delta");
  }
  add("newClientOrderId", o.client_order_id, true);
  add("newOrderRespType", "FULL", false);
  return {};
}

}  // namespace

Result<Params> BinanceExchange::OrderParams(const OrderRequest& o) {
  Params p;
  p.reserve(9);
  AMANAH_TRY(WriteOrderParams(o, [&p](std::string_view name, std::string_view value, bool) {
    p.emplace_back(name, value);
  }));
  return p;
}

Result<std::string> BinanceExchange::EncodeOrder(const OrderRequest& o) {
  QueryWriter out;
  AMANAH_TRY(
      WriteOrderParams(o, [&out](std::string_view name, std::string_view value, bool escape) {
        if (escape) {
          out.Add(name, value);
        } else {
          out.AddUnescaped(name, value);
        }
      }));
  return out.str();
}

Result<HttpRequest> BinanceExchange::BuildOrder(const OrderRequest& order,
                                                int64_t timestamp_ms) const {
  AMANAH_ASSIGN_OR_RETURN(std::string encoded, EncodeOrder(order));
  return pipeline_.Build(
      RestCall{HttpMethod::kPost, "/api/v3/order", {}, true, true, std::move(encoded)},
      timestamp_ms);
}

Task<OrderReport> BinanceExchange::PlaceOrder(const OrderRequest& order) {
  auto encoded = EncodeOrder(order);
  if (!encoded) co_return encoded.error();
  // Named, not a braced temporary inside co_await: GCC 12 frees such a temporary twice.
  RestCall call{HttpMethod::kPost, "/api/v3/order", {}, true, true, std::move(*encoded)};
  co_return co_await ReadBody<OrderReport>(pipeline_, std::move(call), [](const base::JsonView& v) {
    return ParseOrder(v, OrderShape::kPlaced);
  });
}

Task<void> BinanceExchange::TestOrder(const OrderRequest& order) {
  auto encoded = EncodeOrder(order);
  if (!encoded) co_return encoded.error();
  RestCall call{HttpMethod::kPost, "/api/v3/order/test", {}, true, false, std::move(*encoded)};
  auto body = co_await pipeline_.Call(std::move(call));
  if (!body) co_return body.error();
  co_return Result<void>();
}

Task<OrderReport> BinanceExchange::CancelOrder(const std::string& symbol,
                                               const std::string& client_order_id) {
  return ReadBody<OrderReport>(
      pipeline_,
      RestCall{HttpMethod::kDelete,
               "/api/v3/order",
               {{"symbol", symbol}, {"origClientOrderId", client_order_id}},
               true,
               false},
      [](const base::JsonView& v) { return ParseOrder(v, OrderShape::kCanceled); });
}

Task<OrderReport> BinanceExchange::QueryOrder(const std::string& symbol,
                                              const std::string& client_order_id) {
  return ReadBody<OrderReport>(
      pipeline_,
      SignedGet("/api/v3/order", {{"symbol", symbol}, {"origClientOrderId", client_order_id}}),
      [](const base::JsonView& v) { return ParseOrder(v, OrderShape::kQueried); });
}

Task<std::vector<OrderReport>> BinanceExchange::OpenOrders(const std::string& symbol) {
  return ReadBody<std::vector<OrderReport>>(
      pipeline_, SignedGet("/api/v3/openOrders", {{"symbol", symbol}}), ParseOrders);
}

Task<std::vector<OrderReport>> BinanceExchange::CancelAllOrders(const std::string& symbol) {
  return ReadBody<std::vector<OrderReport>>(
      pipeline_,
      RestCall{HttpMethod::kDelete, "/api/v3/openOrders", {{"symbol", symbol}}, true, false},
      ParseCanceledOrders);
}

Task<std::vector<OrderReport>> BinanceExchange::OrderHistory(const std::string& symbol,
                                                             int64_t since_ms) {
  // allOrders looks at most 24 h at a time: walk the windows from `since_ms` to now.
  constexpr int64_t kDayMs = 86'400'000;
  const int64_t now = base::UnixMillis(clock_.Now()) + pipeline_.time_offset_ms();
  std::vector<OrderReport> out;
  for (int64_t from = since_ms; from <= now; from += kDayMs) {
    Params p{{"symbol", symbol},
             {"startTime", std::to_string(from)},
             {"endTime", std::to_string(from + kDayMs - 1)},
             {"limit", "1000"}};
    RestCall call = SignedGet("/api/v3/allOrders", std::move(p));  // named: see PlaceOrder
    auto page =
        co_await ReadBody<std::vector<OrderReport>>(pipeline_, std::move(call), ParseOrders);
    if (!page) co_return page.error();
    for (auto& o : *page) out.push_back(std::move(o));
  }
  co_return out;
}

Task<std::vector<TradeReport>> BinanceExchange::MyTrades(const std::string& symbol) {
  return ReadBody<std::vector<TradeReport>>(
      pipeline_, SignedGet("/api/v3/myTrades", {{"symbol", symbol}}), ParseTrades);
}

Task<std::vector<TradeReport>> BinanceExchange::OrderTrades(const std::string& symbol,
                                                            const std::string& order_id) {
  return ReadBody<std::vector<TradeReport>>(
      pipeline_, SignedGet("/api/v3/myTrades", {{"symbol", symbol}, {"orderId", order_id}}),
      ParseTrades);
}

net::awaitable<Diagnosis> BinanceExchange::Diagnose(const Error& error) {
  Diagnosis d = DefaultDiagnosis(error);
  if (!KeyRefusal(error)) co_return d;
  // Binance answers a deleted key, a key used from a non-whitelisted IP and a missing permission
  // all with -2015. Reading the key's own restrictions needs neither reading nor trading
  // permission, so it tells a missing permission apart from the other two.
  auto permissions = co_await Permissions();
  if (permissions) {
    std::string off;
    if (permissions->reading != Flag::kOn) off += " 'Enable Reading'";
    d.failure = Failure::kPermissionMissing;
    d.explanation = "The key exists and this IP may use it, but a permission it needs is off:" +
                    (off.empty() ? std::string(" check the key's permissions") : off) +
                    ". Turn it on in Binance's API management, then run `amanah audit`.";
    co_return d;
  }
  if (!KeyRefusal(permissions.error())) co_return DefaultDiagnosis(permissions.error());
  d.failure = Failure::kKeyOrIpRefused;
  d.explanation =
      "The key was deleted, or this machine's IP is not on its whitelist (Binance answers both "
      "with " +
      permissions.error().exchange()->code +
      "). Check the key on Binance's API-management page: if it is gone, connect a new key; if it "
      "is there, whitelist this machine's egress IP.";
  co_return d;
}

}  // namespace amanah::exchange::binance
