#include "exchange/bybit/bybit_exchange.h"

#include <algorithm>
#include <set>

#include "exchange/bybit/bybit_parse.h"
#include "exchange/cancel_each.h"
#include "exchange/rest_read.h"

namespace amanah::exchange::bybit {

namespace net = boost::asio;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr int kMaxPages = 50;
constexpr int64_t kWeekMs = 7 * 86'400'000LL;

}  // namespace

BybitExchange::BybitExchange(std::shared_ptr<transport::HttpSender> sender, BybitSigner signer,
                             const base::Clock& clock, int64_t recv_window_ms,
                             std::shared_ptr<RateState> rate)
    : pipeline_(std::move(sender),
                std::make_unique<BybitDialect>(std::move(signer), recv_window_ms), clock,
                std::move(rate)),
      clock_(clock),
      recv_window_ms_(recv_window_ms) {}

Task<int64_t> BybitExchange::SyncTime() { return pipeline_.SyncTime(); }

Task<int64_t> BybitExchange::ServerTime() {
  const RestDialect& dialect = pipeline_.dialect();
  return ReadBody<int64_t>(pipeline_, dialect.TimeCall(), [&dialect](const base::JsonView& v) {
    return dialect.ReadServerTime(v);
  });
}

Task<SystemStatus> BybitExchange::Status() {
  return ReadBody<SystemStatus>(pipeline_, PublicGet("/v5/system/status"), ParseSystemStatus);
}

Task<std::vector<SymbolInfo>> BybitExchange::Symbols() {
  return ReadBody<std::vector<SymbolInfo>>(
      pipeline_, PublicGet("/v5/market/instruments-info", {{"category", "spot"}}),
      ParseInstruments);
}

Task<Ticker> BybitExchange::Ticker24h(const std::string& symbol) {
  return ReadBody<Ticker>(
      pipeline_, PublicGet("/v5/market/tickers", {{"category", "spot"}, {"symbol", symbol}}),
      ParseTicker);
}

Task<std::vector<Candle>> BybitExchange::HourlyCandles(const std::string& symbol, int64_t start_ms,
                                                       int64_t end_ms) {
  std::vector<Candle> out;
  int64_t from = start_ms;
  // 1000 candles a page, until the range is read or a page comes back short.
  for (int page = 0; page < 100 && from < end_ms; ++page) {
    Params params;  // built outside the co_await (GCC 12 and braced temporaries)
    params.emplace_back("category", "spot");
    params.emplace_back("symbol", symbol);
    params.emplace_back("interval", "60");
    params.emplace_back("start", std::to_string(from));
    params.emplace_back("end", std::to_string(end_ms - 1));
    params.emplace_back("limit", "1000");
    RestCall call = PublicGet("/v5/market/kline", std::move(params));
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

Task<std::vector<Balance>> BybitExchange::Balances() {
  return ReadBody<std::vector<Balance>>(
      pipeline_, SignedGet("/v5/account/wallet-balance", {{"accountType", "UNIFIED"}}),
      ParseWalletBalance);
}

Task<PermissionReport> BybitExchange::Permissions() {
  return ReadBody<PermissionReport>(pipeline_, SignedGet("/v5/user/query-api"),
                                    [](const base::JsonView& v) -> Result<PermissionReport> {
                                      AMANAH_ASSIGN_OR_RETURN(KeyInfo info, ParseQueryApi(v));
                                      return std::move(info.report);
                                    });
}

Task<AccountState> BybitExchange::Account() {
  AccountState state;
  auto key = co_await pipeline_.Call(SignedGet("/v5/user/query-api"));
  if (!key) co_return key.error();
  auto info = ParseQueryApi(key->Root());
  if (!info) co_return info.error();
  state.account_id = info->user_id;

  auto account = co_await pipeline_.Call(SignedGet("/v5/account/info"));
  if (!account) co_return account.error();
  if (auto parsed = ParseAccountInfo(account->Root(), state); !parsed) co_return parsed.error();

  Params wallet_params{{"accountType", "UNIFIED"}};
  RestCall wallet_call = SignedGet("/v5/account/wallet-balance", std::move(wallet_params));
  auto wallet = co_await pipeline_.Call(std::move(wallet_call));
  if (!wallet) co_return wallet.error();
  if (auto parsed = ParseDebts(wallet->Root(), state); !parsed) co_return parsed.error();

  // What a spot-only key may be refused (10005) is a check the user makes by hand, never a pass.
  auto margin = co_await pipeline_.Call(SignedGet("/v5/spot-margin-trade/state"));
  if (margin) {
    if (auto parsed = ParseSpotMarginState(margin->Root(), state); !parsed) {
      co_return parsed.error();
    }
  } else if (FailureOf(margin.error()) == Failure::kPermissionMissing) {
    state.unreadable.push_back(
        UnreadableCheck{"SPOT_MARGIN_NOT_READABLE", "the key cannot read whether spot margin is on",
                        "riba", "with spot margin on, an order can borrow what the balance lacks",
                        "On Bybit: Trade → Spot → check that the 'Margin' switch is off."});
  } else {
    co_return margin.error();
  }

  struct Scope {
    const char* category;
    const char* settle_coin;
  };
  static constexpr Scope kScopes[] = {
      {"linear", "USDT"}, {"linear", "USDC"}, {"inverse", nullptr}, {"option", nullptr}};
  bool unreadable = false;
  for (const Scope& scope : kScopes) {
    Params params;
    params.emplace_back("category", scope.category);
    if (scope.settle_coin != nullptr) params.emplace_back("settleCoin", scope.settle_coin);
    RestCall call = SignedGet("/v5/position/list", std::move(params));
    auto positions = co_await pipeline_.Call(std::move(call));
    if (!positions) {
      if (FailureOf(positions.error()) != Failure::kPermissionMissing) {
        co_return positions.error();
      }
      unreadable = true;
      continue;
    }
    if (auto parsed = ParsePositions(positions->Root(), scope.category, state); !parsed) {
      co_return parsed.error();
    }
  }
  if (unreadable) {
    state.unreadable.push_back(UnreadableCheck{
        "DERIVATIVES_POSITIONS_NOT_READABLE",
        "a spot-only key cannot read derivatives or options positions", "maysir",
        "positions opened with another key would not be visible here",
        "On Bybit: Assets → Unified Trading → Positions: check that no derivatives or options "
        "position is open."});
  }
  co_return state;
}

Result<Params> BybitExchange::OrderBody(const OrderRequest& o) {
  if (o.client_order_id.empty())
    return Error(ErrorCode::kInvalidArgument, "an order needs a client order id");
  if (o.client_order_id.size() > 36)
    return Error(ErrorCode::kInvalidArgument, "Bybit's orderLinkId is at most 36 characters");
  if (IsContingent(o.type) || o.trigger_price || o.trailing_bips) {
    return Error(ErrorCode::kInvalidArgument,
                 "stop-loss and take-profit orders are not offered on Bybit yet: place a limit "
                 "or market order");
  }
  Params p;
  p.reserve(9);
  p.emplace_back("category", "spot");
  p.emplace_back("symbol", o.symbol);
  p.emplace_back("side", o.side == Side::kBuy ? "Buy" : "Sell");
  p.emplace_back("orderType", o.type == OrderType::kMarket ? "Market" : "Limit");
  if (o.type == OrderType::kMarket) {
    if (o.quantity) {
      p.emplace_back("qty", o.quantity->Normalized().ToString());
      p.emplace_back("marketUnit", "baseCoin");
    } else if (o.quote_quantity) {
      p.emplace_back("qty", o.quote_quantity->Normalized().ToString());
      // A spot market buy is by quote value unless it says otherwise (Bybit's default, and what
      // ccxt sends); a sell by quote value must say so.
      if (o.side == Side::kSell) p.emplace_back("marketUnit", "quoteCoin");
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "a market order needs a quantity or a quote quantity");
    }
  } else {
    if (!o.quantity) return Error(ErrorCode::kInvalidArgument, "a limit order needs a quantity");
    if (!o.price) return Error(ErrorCode::kInvalidArgument, "a limit order needs a price");
    p.emplace_back("qty", o.quantity->Normalized().ToString());
    p.emplace_back("price", o.price->Normalized().ToString());
    p.emplace_back("timeInForce", o.type == OrderType::kLimitMaker ? "PostOnly"
                                  : o.tif == TimeInForce::kIoc     ? "IOC"
                                  : o.tif == TimeInForce::kFok     ? "FOK"
                                                                   : "GTC");
  }
  p.emplace_back("orderLinkId", o.client_order_id);
  return p;
}

Result<HttpRequest> BybitExchange::BuildOrder(const OrderRequest& order,
                                              int64_t timestamp_ms) const {
  AMANAH_ASSIGN_OR_RETURN(Params body, OrderBody(order));
  return pipeline_.Build(
      RestCall{HttpMethod::kPost, "/v5/order/create", std::move(body), true, true}, timestamp_ms);
}

Task<OrderReport> BybitExchange::PlaceOrder(const OrderRequest& order) {
  auto body = OrderBody(order);
  if (!body) co_return body.error();
  RestCall call{HttpMethod::kPost, "/v5/order/create", std::move(*body), true, true};
  auto ack = co_await ReadBody<OrderAck>(pipeline_, std::move(call), ParseOrderAck);
  if (!ack) co_return ack.error();
  // Bybit acknowledges the order only; its state comes from a query by the client id.
  auto report = co_await QueryOrder(order.symbol, order.client_order_id);
  if (report) co_return std::move(*report);
  co_return AcknowledgedReport(order, ack->order_id, ack->order_link_id, "New",
                               base::UnixMillis(clock_.Now()) + pipeline_.time_offset_ms());
}

Task<void> BybitExchange::TestOrder(const OrderRequest& order) {
  // Bybit has no test endpoint for spot orders: the order is built and signed (the allow-list
  // and the field rules run), and the exchange's own checks are left to the real placement.
  auto built = BuildOrder(order, base::UnixMillis(clock_.Now()) + pipeline_.time_offset_ms());
  if (!built) co_return built.error();
  co_return Error(ErrorCode::kFailedPrecondition,
                  "Bybit has no test endpoint for spot orders: the order was checked by Amanah "
                  "and signed, not by the exchange");
}

Task<OrderReport> BybitExchange::CancelOrder(const std::string& symbol,
                                             const std::string& client_order_id) {
  Params params{{"category", "spot"},
                {"symbol", symbol},
                {"orderLinkId", client_order_id},
                {"orderFilter", "Order"}};
  RestCall call{HttpMethod::kPost, "/v5/order/cancel", std::move(params), true, false};
  auto ack = co_await ReadBody<OrderAck>(pipeline_, std::move(call), ParseOrderAck);
  if (!ack) co_return ack.error();
  co_return co_await QueryOrder(symbol, client_order_id);
}

Task<OrderReport> BybitExchange::QueryOrder(const std::string& symbol,
                                            const std::string& client_order_id) {
  // realtime answers open and recently closed orders by id; history reaches back 7 days.
  static constexpr const char* kPaths[] = {"/v5/order/realtime", "/v5/order/history"};
  for (const char* path : kPaths) {
    Params params{{"category", "spot"}, {"symbol", symbol}, {"orderLinkId", client_order_id}};
    RestCall call = SignedGet(path, std::move(params));
    auto orders =
        co_await ReadBody<std::vector<OrderReport>>(pipeline_, std::move(call), ParseOrders);
    if (!orders) co_return orders.error();
    for (auto& o : *orders) {
      if (o.client_order_id == client_order_id) co_return std::move(o);
    }
  }
  co_return ExchangeFailure(
      ErrorCode::kNotFound, Failure::kNotFound,
      "Bybit: no order " + client_order_id.substr(0, 40) + " on " + symbol.substr(0, 20), "170213",
      "Order does not exist.", 0);
}

Task<std::vector<OrderReport>> BybitExchange::Orders(std::string path, Params params) {
  std::vector<OrderReport> out;
  std::string cursor;
  for (int page = 0; page < kMaxPages; ++page) {
    Params p = params;
    if (!cursor.empty()) p.emplace_back("cursor", cursor);
    RestCall call = SignedGet(path, std::move(p));
    auto body = co_await pipeline_.Call(std::move(call));
    if (!body) co_return body.error();
    auto orders = ParseOrders(body->Root());
    if (!orders) co_return orders.error();
    for (auto& o : *orders) out.push_back(std::move(o));
    auto next = NextCursor(body->Root());
    if (!next) co_return next.error();
    if (next->empty() || orders->empty()) break;
    cursor = std::move(*next);
  }
  co_return out;
}

Task<std::vector<OrderReport>> BybitExchange::OpenOrders(const std::string& symbol) {
  // openOnly=0 (open orders only) is the default; pages of 20, followed by their cursor.
  Params params{{"category", "spot"}, {"symbol", symbol}};
  return Orders("/v5/order/realtime", std::move(params));
}

Task<std::vector<OrderReport>> BybitExchange::CancelAllOrders(const std::string& symbol) {
  return CancelEachOpen(*this, symbol);
}

Task<std::vector<OrderReport>> BybitExchange::OrderHistory(const std::string& symbol,
                                                           int64_t since_ms) {
  // History looks at most 7 days at a time: walk the windows from `since_ms` to now, then add
  // the open orders it may not list yet.
  const int64_t now = base::UnixMillis(clock_.Now()) + pipeline_.time_offset_ms();
  std::vector<OrderReport> out;
  std::set<std::string> seen;
  // Bybit keeps two years of order history: nothing older can be read.
  const int64_t first = std::max<int64_t>(since_ms, now - 730 * int64_t{86'400'000});
  for (int64_t from = first; from <= now; from += kWeekMs) {
    Params params{{"category", "spot"},
                  {"symbol", symbol},
                  {"startTime", std::to_string(from)},
                  {"endTime", std::to_string(from + kWeekMs - 1)},
                  {"limit", "50"}};
    auto page = co_await Orders("/v5/order/history", std::move(params));
    if (!page) co_return page.error();
    for (auto& o : *page) {
      if (o.time_ms >= since_ms && seen.insert(o.order_id).second) out.push_back(std::move(o));
    }
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

Task<std::vector<TradeReport>> BybitExchange::Executions(Params params) {
  std::vector<TradeReport> out;
  std::string cursor;
  for (int page = 0; page < kMaxPages; ++page) {
    Params p = params;
    if (!cursor.empty()) p.emplace_back("cursor", cursor);
    RestCall call = SignedGet("/v5/execution/list", std::move(p));
    auto body = co_await pipeline_.Call(std::move(call));
    if (!body) co_return body.error();
    auto trades = ParseExecutions(body->Root());
    if (!trades) co_return trades.error();
    for (auto& t : *trades) out.push_back(std::move(t));
    auto next = NextCursor(body->Root());
    if (!next) co_return next.error();
    if (next->empty()) break;
    cursor = std::move(*next);
  }
  std::sort(out.begin(), out.end(),
            [](const TradeReport& a, const TradeReport& b) { return a.time_ms < b.time_ms; });
  co_return out;
}

Task<std::vector<TradeReport>> BybitExchange::MyTrades(const std::string& symbol) {
  Params params{{"category", "spot"}, {"symbol", symbol}, {"execType", "Trade"}};
  return Executions(std::move(params));
}

Task<std::vector<TradeReport>> BybitExchange::OrderTrades(const std::string& symbol,
                                                          const std::string& order_id) {
  Params params{
      {"category", "spot"}, {"symbol", symbol}, {"execType", "Trade"}, {"orderId", order_id}};
  return Executions(std::move(params));
}

net::awaitable<Diagnosis> BybitExchange::Diagnose(const Error& error) {
  // Bybit tells an invalid key (10003), an unbound IP (10010) and a missing permission (10005)
  // apart itself: the default diagnosis of each is already exact.
  co_return DefaultDiagnosis(error);
}

}  // namespace amanah::exchange::bybit
