#include "exchange/kraken/kraken_exchange.h"

#include <algorithm>
#include <set>

#include "base/utc_time.h"
#include "exchange/cancel_each.h"
#include "exchange/kraken/kraken_parse.h"
#include "exchange/rest_read.h"

namespace amanah::exchange::kraken {

namespace net = boost::asio;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr int kMaxPages = 40;
constexpr size_t kPageSize = 50;

RestCall PrivatePost(std::string path, Params params = {}, bool places_order = false) {
  return RestCall{HttpMethod::kPost, std::move(path), std::move(params), true, places_order};
}

std::string Text(const base::Decimal& d) { return d.Normalized().ToString(); }

Error NoSuchOrder(const std::string& symbol, const std::string& client_order_id) {
  return ExchangeFailure(
      ErrorCode::kNotFound, Failure::kNotFound,
      "Kraken: no order " + client_order_id.substr(0, 40) + " on " + symbol.substr(0, 20), "EOrder",
      "EOrder:Unknown order", 0);
}

}  // namespace

KrakenExchange::KrakenExchange(std::shared_ptr<transport::HttpSender> sender, KrakenSigner signer,
                               const base::Clock& clock, std::shared_ptr<NonceSource> nonces,
                               std::shared_ptr<RateState> rate)
    : pipeline_(std::move(sender), std::make_unique<KrakenDialect>(std::move(signer)), clock,
                std::move(rate)),
      dialect_(static_cast<const KrakenDialect*>(&pipeline_.dialect())),
      clock_(clock),
      nonces_(std::move(nonces)),
      nonce_key_("kraken " + dialect_->signer().api_key()) {}

net::awaitable<Result<base::JsonDocument>> KrakenExchange::Private(RestCall call) {
  auto turn = co_await nonces_->TakeTurn(nonce_key_);
  if (!turn) co_return turn.error();
  dialect_->set_turn(&*turn);
  auto body = co_await pipeline_.Call(std::move(call));
  dialect_->set_turn(nullptr);
  co_return body;
}

template <class T, class Parse>
Task<T> KrakenExchange::ReadPrivate(RestCall call, Parse parse) {
  auto body = co_await Private(std::move(call));
  if (!body) co_return body.error();
  auto result = body->Root().Field("result");
  if (!result) co_return result.error();
  co_return parse(*result);
}

Task<std::vector<SymbolInfo>> KrakenExchange::FetchNames() {
  RestCall assets_call = PublicGet("/0/public/Assets");
  auto assets = co_await pipeline_.Call(std::move(assets_call));
  if (!assets) co_return assets.error();
  auto assets_result = assets->Root().Field("result");
  if (!assets_result) co_return assets_result.error();
  auto names = ParseAssets(*assets_result);
  if (!names) co_return names.error();
  RestCall pairs_call = PublicGet("/0/public/AssetPairs");
  auto pairs = co_await pipeline_.Call(std::move(pairs_call));
  if (!pairs) co_return pairs.error();
  auto pairs_result = pairs->Root().Field("result");
  if (!pairs_result) co_return pairs_result.error();
  std::vector<PairNames> pair_names;
  auto symbols = ParseAssetPairs(*pairs_result, *names, &pair_names);
  if (!symbols) co_return symbols.error();
  assets_ = std::move(*names);
  for (const PairNames& p : pair_names) symbols_[p.id] = p.altname;
  names_loaded_ = true;
  co_return std::move(*symbols);
}

Task<bool> KrakenExchange::LoadNames() {
  if (names_loaded_) co_return true;
  auto fetched = co_await FetchNames();
  if (!fetched) co_return fetched.error();
  co_return true;
}

Task<int64_t> KrakenExchange::SyncTime() { return pipeline_.SyncTime(); }

Task<int64_t> KrakenExchange::ServerTime() {
  const RestDialect& dialect = pipeline_.dialect();
  return ReadBody<int64_t>(pipeline_, dialect.TimeCall(), [&dialect](const base::JsonView& v) {
    return dialect.ReadServerTime(v);
  });
}

Task<SystemStatus> KrakenExchange::Status() {
  return ReadBody<SystemStatus>(pipeline_, PublicGet("/0/public/SystemStatus"),
                                [](const base::JsonView& v) -> Result<SystemStatus> {
                                  AMANAH_ASSIGN_OR_RETURN(auto result, v.Field("result"));
                                  return ParseSystemStatus(result);
                                });
}

Task<std::vector<SymbolInfo>> KrakenExchange::Symbols() { return FetchNames(); }

Task<Ticker> KrakenExchange::Ticker24h(const std::string& symbol) {
  Params params{{"pair", symbol}};
  RestCall call = PublicGet("/0/public/Ticker", std::move(params));
  auto body = co_await pipeline_.Call(std::move(call));
  if (!body) co_return body.error();
  auto result = body->Root().Field("result");
  if (!result) co_return result.error();
  co_return ParseTicker(*result, symbol);
}

Task<std::vector<Candle>> KrakenExchange::HourlyCandles(const std::string& symbol, int64_t start_ms,
                                                        int64_t end_ms) {
  // OHLC answers up to 720 candles from `since`; `last` says where the next page starts.
  std::vector<Candle> out;
  int64_t since_s = start_ms / 1000;
  for (int page = 0; page < 200; ++page) {
    Params params;
    params.emplace_back("pair", symbol);
    params.emplace_back("interval", "60");
    params.emplace_back("since", std::to_string(since_s));
    RestCall call = PublicGet("/0/public/OHLC", std::move(params));
    auto body = co_await pipeline_.Call(std::move(call));
    if (!body) co_return body.error();
    auto result = body->Root().Field("result");
    if (!result) co_return result.error();
    auto candles = ParseOhlc(*result);
    if (!candles) co_return candles.error();
    bool beyond = false;
    for (const Candle& c : *candles) {
      if (c.open_time_ms >= start_ms && c.open_time_ms < end_ms) out.push_back(c);
      if (c.open_time_ms >= end_ms) beyond = true;
    }
    if (candles->empty() || beyond) break;
    const int64_t next = candles->back().open_time_ms / 1000 + 1;
    if (next <= since_s) break;
    since_s = next;
  }
  std::sort(out.begin(), out.end(),
            [](const Candle& a, const Candle& b) { return a.open_time_ms < b.open_time_ms; });
  out.erase(std::unique(
                out.begin(), out.end(),
                [](const Candle& a, const Candle& b) { return a.open_time_ms == b.open_time_ms; }),
            out.end());
  co_return out;
}

Task<std::vector<Balance>> KrakenExchange::Balances() {
  auto loaded = co_await LoadNames();
  if (!loaded) co_return loaded.error();
  RestCall call = PrivatePost("/0/private/BalanceEx");
  auto parse = [this](const base::JsonView& v) { return ParseBalanceEx(v, assets_); };
  co_return co_await ReadPrivate<std::vector<Balance>>(std::move(call), parse);
}

Task<PermissionReport> KrakenExchange::Permissions() {
  RestCall call = PrivatePost("/0/private/GetApiKeyInfo");
  auto info = co_await ReadPrivate<KeyInfo>(std::move(call), ParseApiKeyInfo);
  if (info) {
    account_id_ = info->iban;  // Account() need not ask again
    co_return std::move(info->report);
  }
  // A Kraken (or a deployment of it) that does not know the method: probe instead. Anything else
  // — a refused key, a network failure — is the answer.
  const Failure f = FailureOf(info.error());
  if (f != Failure::kBadRequest && f != Failure::kNotFound) co_return info.error();
  co_return co_await ProbePermissions();
}

Task<PermissionReport> KrakenExchange::ProbePermissions() {
  PermissionReport p;
  ApplyStructuralLimits(p);
  RestCall balance = PrivatePost("/0/private/Balance");
  auto reading = co_await Probe(std::move(balance));
  if (!reading) co_return reading.error();
  p.reading = *reading;
  RestCall withdraw = PrivatePost("/0/private/WithdrawMethods");
  auto withdrawals = co_await Probe(std::move(withdraw));
  if (!withdrawals) co_return withdrawals.error();
  p.withdrawals = *withdrawals;
  Params deposit_params{{"asset", "XBT"}};
  RestCall deposit = PrivatePost("/0/private/DepositMethods", std::move(deposit_params));
  auto deposits = co_await Probe(std::move(deposit));
  if (!deposits) co_return deposits.error();
  p.deposit = *deposits;
  // Create & Modify Orders: an order Kraken only validates, far below any market. One refused
  // for its funds, size or pair got past the permission check.
  Params order{{"pair", "XBTUSD"},   {"type", "buy"}, {"ordertype", "limit"},
               {"volume", "0.0001"}, {"price", "1"},  {"validate", "true"}};
  RestCall validate = PrivatePost("/0/private/AddOrder", std::move(order));
  auto trading = co_await Probe(std::move(validate));
  if (!trading) co_return trading.error();
  p.spot_trading = *trading;
  p.read_only = p.spot_trading != Flag::kOn;
  // Earn and the IP allow-list cannot be probed: they stay unknown, with the manual check.
  co_return p;
}

Task<Flag> KrakenExchange::Probe(RestCall call) {
  auto body = co_await Private(std::move(call));
  if (body) co_return Flag::kOn;
  const Failure f = FailureOf(body.error());
  if (f == Failure::kPermissionMissing) co_return Flag::kOff;
  if (f == Failure::kOrderRejected || f == Failure::kBadRequest) co_return Flag::kOn;
  co_return body.error();
}

Task<AccountState> KrakenExchange::Account() {
  AccountState state;
  state.can_trade = Flag::kUnknown;
  state.account_type = "spot";
  state.margin_mode = Flag::kOff;
  state.auto_borrow = Flag::kOff;
  RestCall trade_call = PrivatePost("/0/private/TradeBalance");
  auto trade = co_await Private(std::move(trade_call));
  if (!trade) co_return trade.error();
  auto trade_result = trade->Root().Field("result");
  if (!trade_result) co_return trade_result.error();
  if (auto parsed = ParseTradeBalance(*trade_result, state); !parsed) co_return parsed.error();

  RestCall positions_call = PrivatePost("/0/private/OpenPositions");
  auto positions = co_await Private(std::move(positions_call));
  if (!positions) co_return positions.error();
  auto positions_result = positions->Root().Field("result");
  if (!positions_result) co_return positions_result.error();
  if (auto parsed = ParseOpenPositions(*positions_result, state); !parsed) {
    co_return parsed.error();
  }

  auto loaded = co_await LoadNames();
  if (!loaded) co_return loaded.error();
  RestCall balance_call = PrivatePost("/0/private/BalanceEx");
  auto balance = co_await Private(std::move(balance_call));
  if (!balance) co_return balance.error();
  auto balance_result = balance->Root().Field("result");
  if (!balance_result) co_return balance_result.error();
  if (auto parsed = ParseBalanceEx(*balance_result, assets_, &state.debts); !parsed) {
    co_return parsed.error();
  }
  // The account id: GetApiKeyInfo's iban (Kraken's public account id), read by Permissions()
  // when an audit has just run it, else asked for now (when Kraken answers it).
  if (account_id_.empty()) {
    RestCall info_call = PrivatePost("/0/private/GetApiKeyInfo");
    auto info = co_await ReadPrivate<KeyInfo>(std::move(info_call), ParseApiKeyInfo);
    if (info) account_id_ = info->iban;
  }
  state.account_id = account_id_;
  state.can_trade = Flag::kOn;
  co_return state;
}

Result<Params> KrakenExchange::OrderBody(const OrderRequest& o, int64_t timestamp_ms) {
  if (o.client_order_id.empty()) {
    return Error(ErrorCode::kInvalidArgument, "an order needs a client order id");
  }
  const bool short_uuid =
      o.client_order_id.size() == 32 &&
      std::all_of(o.client_order_id.begin(), o.client_order_id.end(),
                  [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  const bool free_text = o.client_order_id.size() <= 18 && IsAlnumText(o.client_order_id);
  if (!short_uuid && !free_text) {
    return Error(ErrorCode::kInvalidArgument,
                 "Kraken's cl_ord_id is 32 hexadecimal digits or up to 18 letters and digits");
  }
  if (o.trailing_bips) {
    return Error(ErrorCode::kInvalidArgument,
                 "trailing orders are not offered on Kraken by Amanah; place a limit, market, "
                 "stop-loss-limit or take-profit-limit order");
  }
  if (o.tif == TimeInForce::kFok) {
    return Error(ErrorCode::kInvalidArgument,
                 "Kraken has no fill-or-kill time in force (GTC, IOC or GTD)");
  }
  Params p;
  p.reserve(10);
  p.emplace_back("pair", o.symbol);
  p.emplace_back("type", o.side == Side::kBuy ? "buy" : "sell");
  std::string flags;
  switch (o.type) {
    case OrderType::kMarket:
      p.emplace_back("ordertype", "market");
      if (o.quantity) {
        p.emplace_back("volume", Text(*o.quantity));
      } else if (o.quote_quantity) {
        // Volume in the quote currency (viqc), as ccxt sends a cost.
        p.emplace_back("volume", Text(*o.quote_quantity));
        flags = "viqc";
      } else {
        return Error(ErrorCode::kInvalidArgument,
                     "a market order needs a quantity or a quote quantity");
      }
      p.emplace_back("cl_ord_id", o.client_order_id);
      break;
    case OrderType::kLimit:
    case OrderType::kLimitMaker:
      if (!o.quantity) return Error(ErrorCode::kInvalidArgument, "a limit order needs a quantity");
      if (!o.price) return Error(ErrorCode::kInvalidArgument, "a limit order needs a price");
      p.emplace_back("ordertype", "limit");
      p.emplace_back("volume", Text(*o.quantity));
      p.emplace_back("cl_ord_id", o.client_order_id);
      p.emplace_back("price", Text(*o.price));
      if (o.type == OrderType::kLimitMaker) flags = "post";
      break;
    case OrderType::kStopLossLimit:
    case OrderType::kTakeProfitLimit:
      if (!o.quantity || !o.price || !o.trigger_price) {
        return Error(ErrorCode::kInvalidArgument,
                     "a stop-loss-limit or take-profit-limit order needs a quantity, a price and "
                     "a trigger price");
      }
      p.emplace_back("ordertype",
                     o.type == OrderType::kStopLossLimit ? "stop-loss-limit" : "take-profit-limit");
      p.emplace_back("volume", Text(*o.quantity));
      p.emplace_back("cl_ord_id", o.client_order_id);
      p.emplace_back("price", Text(*o.trigger_price));
      p.emplace_back("price2", Text(*o.price));
      break;
  }
  if (o.tif == TimeInForce::kIoc) p.emplace_back("timeinforce", "IOC");
  if (!flags.empty()) p.emplace_back("oflags", flags);
  p.emplace_back(
      "deadline",
      base::UtcTime(base::SystemTime(std::chrono::milliseconds(timestamp_ms + kDeadlineMs))));
  return p;
}

Result<HttpRequest> KrakenExchange::BuildOrder(const OrderRequest& order,
                                               int64_t timestamp_ms) const {
  AMANAH_ASSIGN_OR_RETURN(Params body, OrderBody(order, timestamp_ms));
  return pipeline_.Build(PrivatePost("/0/private/AddOrder", std::move(body), true), timestamp_ms);
}

Task<OrderReport> KrakenExchange::PlaceOrder(const OrderRequest& order) {
  const int64_t now = base::UnixMillis(clock_.Now()) + pipeline_.time_offset_ms();
  auto body = OrderBody(order, now);
  if (!body) co_return body.error();
  RestCall call = PrivatePost("/0/private/AddOrder", std::move(*body), true);
  auto txid = co_await ReadPrivate<std::string>(std::move(call), ParseAddOrder);
  if (!txid) co_return txid.error();
  // Kraken acknowledges the order with its txid only; its state comes from a query.
  auto report = co_await QueryOrder(order.symbol, order.client_order_id);
  if (report) co_return std::move(*report);
  co_return AcknowledgedReport(order, *txid, order.client_order_id, "pending", now);
}

Task<void> KrakenExchange::TestOrder(const OrderRequest& order) {
  const int64_t now = base::UnixMillis(clock_.Now()) + pipeline_.time_offset_ms();
  auto body = OrderBody(order, now);
  if (!body) co_return body.error();
  body->emplace_back("validate", "true");
  RestCall call = PrivatePost("/0/private/AddOrder", std::move(*body), false);
  auto answer = co_await Private(std::move(call));
  if (!answer) co_return answer.error();
  co_return Result<void>();
}

Task<OrderReport> KrakenExchange::CancelOrder(const std::string& symbol,
                                              const std::string& client_order_id) {
  Params params{{"cl_ord_id", client_order_id}};
  RestCall call = PrivatePost("/0/private/CancelOrder", std::move(params));
  auto answer = co_await Private(std::move(call));
  if (!answer) co_return answer.error();
  co_return co_await QueryOrder(symbol, client_order_id);
}

Task<OrderReport> KrakenExchange::QueryOrder(const std::string& symbol,
                                             const std::string& client_order_id) {
  for (const char* which : {"open", "closed"}) {
    Params params{{"cl_ord_id", client_order_id}};
    RestCall call =
        PrivatePost(std::string("/0/private/") +
                        (std::string_view(which) == "open" ? "OpenOrders" : "ClosedOrders"),
                    std::move(params));
    const std::string member = which;
    auto parse = [&member](const base::JsonView& v) { return ParseOrders(v, member); };
    auto orders = co_await ReadPrivate<std::vector<OrderReport>>(std::move(call), parse);
    if (!orders) co_return orders.error();
    for (auto& o : *orders) {
      if (o.client_order_id == client_order_id || o.client_order_id.empty()) {
        o.client_order_id = client_order_id;
        co_return std::move(o);
      }
    }
  }
  co_return NoSuchOrder(symbol, client_order_id);
}

Task<std::vector<OrderReport>> KrakenExchange::OpenOrders(const std::string& symbol) {
  RestCall call = PrivatePost("/0/private/OpenOrders");
  auto parse = [](const base::JsonView& v) { return ParseOrders(v, "open"); };
  auto orders = co_await ReadPrivate<std::vector<OrderReport>>(std::move(call), parse);
  if (!orders) co_return orders.error();
  std::vector<OrderReport> out;
  for (auto& o : *orders) {
    if (o.symbol == symbol) out.push_back(std::move(o));
  }
  co_return out;
}

Task<std::vector<OrderReport>> KrakenExchange::CancelAllOrders(const std::string& symbol) {
  return CancelEachOpen(*this, symbol);
}

Task<std::vector<OrderReport>> KrakenExchange::Closed(Params params) {
  std::vector<OrderReport> out;
  for (int page = 0; page < kMaxPages; ++page) {
    Params p = params;
    p.emplace_back("ofs", std::to_string(page * kPageSize));
    RestCall call = PrivatePost("/0/private/ClosedOrders", std::move(p));
    auto parse = [](const base::JsonView& v) { return ParseOrders(v, "closed"); };
    auto orders = co_await ReadPrivate<std::vector<OrderReport>>(std::move(call), parse);
    if (!orders) co_return orders.error();
    for (auto& o : *orders) out.push_back(std::move(o));
    if (orders->size() < kPageSize) break;
  }
  co_return out;
}

Task<std::vector<OrderReport>> KrakenExchange::OrderHistory(const std::string& symbol,
                                                            int64_t since_ms) {
  Params params{{"start", std::to_string(std::max<int64_t>(since_ms, 0) / 1000)}};
  auto done = co_await Closed(std::move(params));
  if (!done) co_return done.error();
  std::vector<OrderReport> out;
  std::set<std::string> seen;
  for (auto& o : *done) {
    if (o.symbol == symbol && o.time_ms >= since_ms && seen.insert(o.order_id).second) {
      out.push_back(std::move(o));
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

Task<std::vector<TradeReport>> KrakenExchange::Trades(int64_t since_ms) {
  auto loaded = co_await LoadNames();
  if (!loaded) co_return loaded.error();
  std::vector<TradeReport> out;
  for (int page = 0; page < kMaxPages; ++page) {
    Params p;
    if (since_ms > 0) p.emplace_back("start", std::to_string(since_ms / 1000));
    p.emplace_back("ofs", std::to_string(page * kPageSize));
    RestCall call = PrivatePost("/0/private/TradesHistory", std::move(p));
    auto parse = [this](const base::JsonView& v) { return ParseTrades(v, "trades", symbols_); };
    auto trades = co_await ReadPrivate<std::vector<TradeReport>>(std::move(call), parse);
    if (!trades) co_return trades.error();
    for (auto& t : *trades) out.push_back(std::move(t));
    if (trades->size() < kPageSize) break;
  }
  std::sort(out.begin(), out.end(),
            [](const TradeReport& a, const TradeReport& b) { return a.time_ms < b.time_ms; });
  co_return out;
}

Task<std::vector<TradeReport>> KrakenExchange::MyTrades(const std::string& symbol) {
  auto trades = co_await Trades(0);
  if (!trades) co_return trades.error();
  std::vector<TradeReport> out;
  for (auto& t : *trades) {
    if (t.symbol == symbol) out.push_back(std::move(t));
  }
  co_return out;
}

Task<std::vector<TradeReport>> KrakenExchange::OrderTrades(const std::string& symbol,
                                                           const std::string& order_id) {
  auto trades = co_await Trades(0);
  if (!trades) co_return trades.error();
  std::vector<TradeReport> out;
  for (auto& t : *trades) {
    if (t.symbol == symbol && t.order_id == order_id) out.push_back(std::move(t));
  }
  co_return out;
}

net::awaitable<Diagnosis> KrakenExchange::Diagnose(const Error& error) {
  co_return DefaultDiagnosis(error);
}

}  // namespace amanah::exchange::kraken
