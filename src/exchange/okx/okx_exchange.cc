#include "exchange/okx/okx_exchange.h"

#include <algorithm>
#include <set>

#include "exchange/cancel_each.h"
#include "exchange/okx/okx_parse.h"
#include "exchange/rest_read.h"

namespace amanah::exchange::okx {

namespace net = boost::asio;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr int kMaxPages = 50;
constexpr size_t kPageSize = 100;

// The last item's `field` in data[] (OKX pages backwards from it with `after`); empty if none.
std::string LastOf(const base::JsonView& body, std::string_view field) {
  auto data = body.Array("data");
  if (!data || data->empty()) return {};
  auto value = data->back().String(field);
  return value ? *value : std::string();
}

}  // namespace

OkxExchange::OkxExchange(std::shared_ptr<transport::HttpSender> sender, OkxSigner signer,
                         const base::Clock& clock, std::shared_ptr<RateState> rate)
    : pipeline_(std::move(sender), std::make_unique<OkxDialect>(std::move(signer)), clock,
                std::move(rate)),
      clock_(clock) {}

Task<int64_t> OkxExchange::SyncTime() { return pipeline_.SyncTime(); }

Task<int64_t> OkxExchange::ServerTime() {
  const RestDialect& dialect = pipeline_.dialect();
  return ReadBody<int64_t>(pipeline_, dialect.TimeCall(), [&dialect](const base::JsonView& v) {
    return dialect.ReadServerTime(v);
  });
}

Task<SystemStatus> OkxExchange::Status() {
  return ReadBody<SystemStatus>(pipeline_, PublicGet("/api/v5/system/status"), ParseSystemStatus);
}

Task<std::vector<SymbolInfo>> OkxExchange::Symbols() {
  return ReadBody<std::vector<SymbolInfo>>(
      pipeline_, PublicGet("/api/v5/public/instruments", {{"instType", "SPOT"}}), ParseInstruments);
}

Task<Ticker> OkxExchange::Ticker24h(const std::string& symbol) {
  return ReadBody<Ticker>(pipeline_, PublicGet("/api/v5/market/ticker", {{"instId", symbol}}),
                          ParseTicker);
}

Task<std::vector<Candle>> OkxExchange::HourlyCandles(const std::string& symbol, int64_t start_ms,
                                                     int64_t end_ms) {
  // history-candles pages backwards: `after` = older than this time, up to 100 a page, newest
  // first. Walk back from the end of the range until its start is passed.
  std::vector<Candle> out;
  int64_t before_end = end_ms;
  for (int page = 0; page < 400 && before_end > start_ms; ++page) {
    Params params;  // built outside the co_await (GCC 12 and braced temporaries)
    params.emplace_back("instId", symbol);
    params.emplace_back("bar", "1H");
    params.emplace_back("after", std::to_string(before_end));
    params.emplace_back("limit", "100");
    RestCall call = PublicGet("/api/v5/market/history-candles", std::move(params));
    auto body = co_await pipeline_.Call(std::move(call));
    if (!body) co_return body.error();
    auto candles = ParseCandles(body->Root());
    if (!candles) co_return candles.error();
    if (candles->empty()) break;
    for (auto& c : *candles) {
      if (c.open_time_ms >= start_ms && c.open_time_ms < end_ms) out.push_back(c);
    }
    const int64_t oldest = candles->front().open_time_ms;  // returned oldest first
    if (oldest >= before_end) break;
    before_end = oldest;
    if (candles->size() < 100) break;
  }
  std::sort(out.begin(), out.end(),
            [](const Candle& a, const Candle& b) { return a.open_time_ms < b.open_time_ms; });
  out.erase(std::unique(
                out.begin(), out.end(),
                [](const Candle& a, const Candle& b) { return a.open_time_ms == b.open_time_ms; }),
            out.end());
  co_return out;
}

Task<std::vector<Balance>> OkxExchange::Balances() {
  return ReadBody<std::vector<Balance>>(pipeline_, SignedGet("/api/v5/account/balance"),
                                        ParseBalance);
}

Task<PermissionReport> OkxExchange::Permissions() {
  return ReadBody<PermissionReport>(pipeline_, SignedGet("/api/v5/account/config"),
                                    [](const base::JsonView& v) -> Result<PermissionReport> {
                                      AMANAH_ASSIGN_OR_RETURN(ConfigInfo info, ParseConfig(v));
                                      return std::move(info.report);
                                    });
}

Task<AccountState> OkxExchange::Account() {
  AccountState state;
  auto config =
      co_await ReadBody<ConfigInfo>(pipeline_, SignedGet("/api/v5/account/config"), ParseConfig);
  if (!config) co_return config.error();
  ApplyConfig(*config, state);

  auto balance = co_await pipeline_.Call(SignedGet("/api/v5/account/balance"));
  if (!balance) co_return balance.error();
  if (auto parsed = ParseDebts(balance->Root(), state); !parsed) co_return parsed.error();

  auto positions = co_await pipeline_.Call(SignedGet("/api/v5/account/positions"));
  if (!positions) co_return positions.error();
  if (auto parsed = ParsePositions(positions->Root(), state); !parsed) co_return parsed.error();
  co_return state;
}

Result<Params> OkxExchange::OrderBody(const OrderRequest& o) {
  if (o.client_order_id.empty())
    return Error(ErrorCode::kInvalidArgument, "an order needs a client order id");
  if (o.client_order_id.size() > 32 || !IsAlnumText(o.client_order_id)) {
    return Error(ErrorCode::kInvalidArgument,
                 "OKX's clOrdId is 1 to 32 letters and digits (no dashes)");
  }
  if (IsContingent(o.type) || o.trigger_price || o.trailing_bips) {
    return Error(ErrorCode::kInvalidArgument,
                 "stop-loss and take-profit orders are not offered on OKX: they are algo orders, "
                 "which Amanah does not sign; place a limit or market order");
  }
  Params p;
  p.reserve(8);
  p.emplace_back("instId", o.symbol);
  p.emplace_back("side", o.side == Side::kBuy ? "buy" : "sell");
  if (o.type == OrderType::kMarket) {
    p.emplace_back("ordType", "market");
    if (o.quantity) {
      p.emplace_back("sz", o.quantity->Normalized().ToString());
      p.emplace_back("tdMode", "cash");
      p.emplace_back("tgtCcy", "base_ccy");
    } else if (o.quote_quantity) {
      p.emplace_back("sz", o.quote_quantity->Normalized().ToString());
      p.emplace_back("tdMode", "cash");
      p.emplace_back("tgtCcy", "quote_ccy");
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "a market order needs a quantity or a quote quantity");
    }
  } else {
    if (!o.quantity) return Error(ErrorCode::kInvalidArgument, "a limit order needs a quantity");
    if (!o.price) return Error(ErrorCode::kInvalidArgument, "a limit order needs a price");
    p.emplace_back("ordType", o.type == OrderType::kLimitMaker ? "post_only"
                              : o.tif == TimeInForce::kIoc     ? "ioc"
                              : o.tif == TimeInForce::kFok     ? "fok"
                                                               : "limit");
    p.emplace_back("sz", o.quantity->Normalized().ToString());
    p.emplace_back("tdMode", "cash");
    p.emplace_back("tgtCcy", "base_ccy");
    p.emplace_back("px", o.price->Normalized().ToString());
  }
  p.emplace_back("clOrdId", o.client_order_id);
  return p;
}

Result<HttpRequest> OkxExchange::BuildOrder(const OrderRequest& order, int64_t timestamp_ms) const {
  AMANAH_ASSIGN_OR_RETURN(Params body, OrderBody(order));
  return pipeline_.Build(
      RestCall{HttpMethod::kPost, "/api/v5/trade/order", std::move(body), true, true},
      timestamp_ms);
}

Task<OrderReport> OkxExchange::PlaceOrder(const OrderRequest& order) {
  auto body = OrderBody(order);
  if (!body) co_return body.error();
  RestCall call{HttpMethod::kPost, "/api/v5/trade/order", std::move(*body), true, true};
  auto ack = co_await ReadBody<OrderAck>(pipeline_, std::move(call), ParseOrderAck);
  if (!ack) co_return ack.error();
  // OKX acknowledges the order only; its state comes from a query by the client id.
  auto report = co_await QueryOrder(order.symbol, order.client_order_id);
  if (report) co_return std::move(*report);
  co_return AcknowledgedReport(order, ack->order_id, ack->client_order_id, "live",
                               base::UnixMillis(clock_.Now()) + pipeline_.time_offset_ms());
}

Task<void> OkxExchange::TestOrder(const OrderRequest& order) {
  // OKX has no test endpoint for orders: the order is built and signed (the allow-list and the
  // field rules run), and the exchange's own checks are left to the real placement.
  auto built = BuildOrder(order, base::UnixMillis(clock_.Now()) + pipeline_.time_offset_ms());
  if (!built) co_return built.error();
  co_return Error(ErrorCode::kFailedPrecondition,
                  "OKX has no test endpoint for orders: the order was checked by Amanah and "
                  "signed, not by the exchange");
}

Task<OrderReport> OkxExchange::CancelOrder(const std::string& symbol,
                                           const std::string& client_order_id) {
  Params params{{"instId", symbol}, {"clOrdId", client_order_id}};
  RestCall call{HttpMethod::kPost, "/api/v5/trade/cancel-order", std::move(params), true, false};
  auto ack = co_await ReadBody<OrderAck>(pipeline_, std::move(call), ParseOrderAck);
  if (!ack) co_return ack.error();
  // "sCode 0 … is not strictly considered that the order has been canceled": read it back.
  co_return co_await QueryOrder(symbol, client_order_id);
}

Task<OrderReport> OkxExchange::QueryOrder(const std::string& symbol,
                                          const std::string& client_order_id) {
  Params params{{"instId", symbol}, {"clOrdId", client_order_id}};
  RestCall call = SignedGet("/api/v5/trade/order", std::move(params));
  auto orders =
      co_await ReadBody<std::vector<OrderReport>>(pipeline_, std::move(call), ParseOrders);
  if (!orders) co_return orders.error();
  for (auto& o : *orders) {
    if (o.client_order_id == client_order_id) co_return std::move(o);
  }
  co_return ExchangeFailure(
      ErrorCode::kNotFound, Failure::kNotFound,
      "OKX: no order " + client_order_id.substr(0, 40) + " on " + symbol.substr(0, 20), "51603",
      "Order does not exist.", 0);
}

Task<std::vector<OrderReport>> OkxExchange::Orders(std::string path, Params params) {
  std::vector<OrderReport> out;
  std::string after;
  for (int page = 0; page < kMaxPages; ++page) {
    Params p = params;
    if (!after.empty()) p.emplace_back("after", after);
    RestCall call = SignedGet(path, std::move(p));
    auto body = co_await pipeline_.Call(std::move(call));
    if (!body) co_return body.error();
    auto orders = ParseOrders(body->Root());
    if (!orders) co_return orders.error();
    for (auto& o : *orders) out.push_back(std::move(o));
    if (orders->size() < kPageSize) break;
    after = LastOf(body->Root(), "ordId");
    if (after.empty()) break;
  }
  co_return out;
}

Task<std::vector<OrderReport>> OkxExchange::OpenOrders(const std::string& symbol) {
  // The SPOT instId bounds the list (as ccxt's fetchOpenOrders sends it).
  Params params{{"instId", symbol}};
  return Orders("/api/v5/trade/orders-pending", std::move(params));
}

Task<std::vector<OrderReport>> OkxExchange::CancelAllOrders(const std::string& symbol) {
  return CancelEachOpen(*this, symbol);
}

Task<std::vector<OrderReport>> OkxExchange::OrderHistory(const std::string& symbol,
                                                         int64_t since_ms) {
  // orders-history holds the last 7 days of finished orders; the open ones are added after.
  Params params{{"instType", "SPOT"},
                {"instId", symbol},
                {"begin", std::to_string(std::max<int64_t>(since_ms, 0))},
                {"limit", std::to_string(kPageSize)}};
  auto done = co_await Orders("/api/v5/trade/orders-history", std::move(params));
  if (!done) co_return done.error();
  std::vector<OrderReport> out;
  std::set<std::string> seen;
  for (auto& o : *done) {
    if (o.time_ms >= since_ms && seen.insert(o.order_id).second) out.push_back(std::move(o));
  }
  auto open = co_await OpenOrders(symbol);
  if (!open) co_return open.error();
  for (auto& o : *open) {
    if (o.time_ms >= since_ms && seen.insert(o.order_id).second) out.push_back(std::move(o));
  }
  std::sort(out.begin(), out.end(),
            [](const OrderReport& a, const OrderReport& b) { return a.time_ms < b.time_ms; });
  co_return out;
}

Task<std::vector<TradeReport>> OkxExchange::Fills(Params params) {
  // fills-history reaches back 3 months (fills only 3 days); pages go back by billId.
  std::vector<TradeReport> out;
  std::string after;
  for (int page = 0; page < kMaxPages; ++page) {
    Params p = params;
    if (!after.empty()) p.emplace_back("after", after);
    RestCall call = SignedGet("/api/v5/trade/fills-history", std::move(p));
    auto body = co_await pipeline_.Call(std::move(call));
    if (!body) co_return body.error();
    auto trades = ParseFills(body->Root());
    if (!trades) co_return trades.error();
    for (auto& t : *trades) out.push_back(std::move(t));
    if (trades->size() < kPageSize) break;
    after = LastOf(body->Root(), "billId");
    if (after.empty()) break;
  }
  std::sort(out.begin(), out.end(),
            [](const TradeReport& a, const TradeReport& b) { return a.time_ms < b.time_ms; });
  co_return out;
}

Task<std::vector<TradeReport>> OkxExchange::MyTrades(const std::string& symbol) {
  Params params{{"instId", symbol}, {"instType", "SPOT"}};
  return Fills(std::move(params));
}

Task<std::vector<TradeReport>> OkxExchange::OrderTrades(const std::string& symbol,
                                                        const std::string& order_id) {
  Params params{{"instId", symbol}, {"instType", "SPOT"}, {"ordId", order_id}};
  return Fills(std::move(params));
}

net::awaitable<Diagnosis> OkxExchange::Diagnose(const Error& error) {
  // OKX tells an invalid key (50111), a wrong passphrase (50105), an unbound IP (50110) and a
  // missing permission (50120) apart itself: the default diagnosis of each is already exact.
  co_return DefaultDiagnosis(error);
}

}  // namespace amanah::exchange::okx
