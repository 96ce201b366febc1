#include "exchange/binance/binance_exchange.h"

#include <boost/json.hpp>

namespace amanah::exchange::binance {

namespace json = boost::json;
using base::Decimal;
using base::Error;
using base::ErrorCode;
using base::ExchangeError;
using base::Result;

namespace {

Result<Decimal> Dec(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string())
    return Error(ErrorCode::kDataLoss, "Binance response lacks decimal '" + std::string(key) + "'");
  auto d = Decimal::Parse(v->as_string());
  if (!d)
    return Error(ErrorCode::kDataLoss,
                 "Binance sent a malformed decimal in '" + std::string(key) + "'");
  return *d;
}

std::string Str(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  return {};
}

int64_t Int(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v && v->is_int64()) return v->as_int64();
  if (v && v->is_uint64()) return static_cast<int64_t>(v->as_uint64());
  return 0;
}

Flag FlagOf(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_bool()) return Flag::kUnknown;
  return v->as_bool() ? Flag::kOn : Flag::kOff;
}

Result<OrderReport> ParseOrder(const json::value& v) {
  const json::object* o = v.if_object();
  if (o == nullptr)
    return Error(ErrorCode::kDataLoss, "Binance sent an order that is not an object");
  OrderReport r;
  r.symbol = Str(*o, "symbol");
  r.order_id = Str(*o, "orderId");
  r.client_order_id = Str(*o, "clientOrderId");
  if (o->contains("origClientOrderId")) r.client_order_id = Str(*o, "origClientOrderId");
  r.status = Str(*o, "status");
  if (o->contains("price")) {
    AMANAH_ASSIGN_OR_RETURN(r.price, Dec(*o, "price"));
  }
  if (o->contains("origQty")) {
    AMANAH_ASSIGN_OR_RETURN(r.orig_qty, Dec(*o, "origQty"));
  }
  if (o->contains("executedQty")) {
    AMANAH_ASSIGN_OR_RETURN(r.executed_qty, Dec(*o, "executedQty"));
  }
  if (o->contains("cummulativeQuoteQty")) {
    AMANAH_ASSIGN_OR_RETURN(r.cumulative_quote, Dec(*o, "cummulativeQuoteQty"));
  }
  r.time_ms = o->contains("transactTime") ? Int(*o, "transactTime") : Int(*o, "time");
  return r;
}

std::string_view SideText(Side s) { return s == Side::kBuy ? "BUY" : "SELL"; }

}  // namespace

Error MapBinanceError(unsigned status, const json::value* body, std::string_view what,
                      bool is_order) {
  int code = 0;
  std::string msg;
  if (body && body->is_object()) {
    const auto& o = body->as_object();
    if (auto* c = o.if_contains("code"); c && c->is_int64()) code = static_cast<int>(c->as_int64());
    if (auto* m = o.if_contains("msg"); m && m->is_string()) msg = std::string(m->as_string());
  }
  ExchangeError exchange{code != 0 ? std::to_string(code) : "HTTP " + std::to_string(status), msg};
  std::string prefix = std::string(what) + ": ";
  auto e = [&](ErrorCode c, std::string text) { return Error(c, prefix + text, exchange); };
  switch (code) {
    case -2014:
      return e(ErrorCode::kUnauthenticated, "the API key is malformed");
    case -2015:
      return e(ErrorCode::kPermissionDenied,
               "the key was refused: invalid or deleted key, our IP not on its whitelist, or a "
               "permission missing");
    case -1022:
      return e(ErrorCode::kUnauthenticated,
               "the signature was refused: wrong secret or private key");
    case -1021:
      return e(ErrorCode::kFailedPrecondition,
               "our clock and the exchange's disagree beyond recvWindow (clock skew)");
    case -1003:
      return e(ErrorCode::kRateLimited, status == 418
                                            ? "this IP is banned for exceeding the request weight"
                                            : "request weight limit reached");
    case -1015:
      return e(ErrorCode::kRateLimited, "order rate limit reached");
    case -1016:
      return e(ErrorCode::kUnavailable,
               "the exchange is in maintenance or shutting this service down");
    case -1006:
    case -1007:
      return e(is_order ? ErrorCode::kOutcomeUnknown : ErrorCode::kUnavailable,
               is_order
                   ? "execution status unknown: query the order by its client id, do not resend"
                   : "the exchange timed out");
    case -2013:
    case -2011:
      return e(ErrorCode::kNotFound,
               code == -2013 ? "no such order"
                             : "the order was not canceled (unknown or no longer open)");
    case -1121:
      return e(ErrorCode::kInvalidArgument, "unknown symbol");
    case -1013:
      return e(ErrorCode::kInvalidArgument, "the order breaks a symbol filter");
    case -2010:
      return e(ErrorCode::kFailedPrecondition, "the order was rejected");
    default:
      break;
  }
  if (status == 429 || status == 418) return e(ErrorCode::kRateLimited, "rate limited");
  if (status >= 500)
    return e(is_order ? ErrorCode::kOutcomeUnknown : ErrorCode::kUnavailable,
             "the exchange failed (HTTP " + std::to_string(status) + ")");
  return e(ErrorCode::kInvalidArgument, "the request was refused");
}

BinanceExchange::BinanceExchange(transport::HttpClient& http, RequestSigner signer,
                                 const base::Clock& clock, int64_t recv_window_ms)
    : BinanceExchange([&http](const transport::Request& r) { return http.Send(r); },
                      std::move(signer), clock, recv_window_ms) {}

BinanceExchange::BinanceExchange(Sender sender, RequestSigner signer, const base::Clock& clock,
                                 int64_t recv_window_ms)
    : send_(std::move(sender)),
      signer_(std::move(signer)),
      clock_(clock),
      recv_window_ms_(recv_window_ms) {}

Result<json::value> BinanceExchange::Send(const HttpRequest& request, bool is_order) {
  int64_t now = base::UnixMillis(clock_.Now());
  if (banned_until_ms_ > now)
    return Error(ErrorCode::kRateLimited, "Binance banned this IP until " +
                                              std::to_string(banned_until_ms_) +
                                              " (ms since epoch); not sending");
  if (backoff_until_ms_ > now)
    return Error(ErrorCode::kRateLimited,
                 "backing off after a 429 for " +
                     std::to_string((backoff_until_ms_ - now + 999) / 1000) +
                     " more s (Retry-After); not sending");
  transport::Request out{std::string(MethodName(request.method)),
                         request.path + (request.query.empty() ? "" : "?" + request.query),
                         request.headers, request.body};
  AMANAH_ASSIGN_OR_RETURN(transport::Response response, send_(out));
  if (auto w = response.Header("x-mbx-used-weight-1m"))
    used_weight_ = std::atoll(std::string(*w).c_str());
  boost::system::error_code ec;
  json::value body = json::parse(response.body, ec);
  if (response.status == 200 && !ec) return body;
  Error error =
      MapBinanceError(response.status, ec ? nullptr : &body,
                      std::string(MethodName(request.method)) + " " + request.path, is_order);
  if (response.status == 418 || response.status == 429) {
    int64_t wait_s = 60;
    if (auto retry = response.Header("retry-after"))
      wait_s = std::max<int64_t>(1, std::atoll(std::string(*retry).c_str()));
    (response.status == 418 ? banned_until_ms_ : backoff_until_ms_) = now + wait_s * 1000;
    return Error(error.code(),
                 error.message() + "; wait " + std::to_string(wait_s) + " s before trying again",
                 *error.exchange());
  }
  if (response.status == 200)
    return Error(ErrorCode::kDataLoss, "Binance sent a body that is not JSON");
  return error;
}

Result<json::value> BinanceExchange::Call(HttpMethod method, std::string_view path,
                                          const Params& params, bool sign) {
  bool is_order = method == HttpMethod::kPost && path == "/api/v3/order";
  if (!sign) {
    AMANAH_ASSIGN_OR_RETURN(HttpRequest request, RequestSigner::Public(method, path, params));
    return Send(request, false);
  }
  for (int attempt = 0;; ++attempt) {
    int64_t ts = base::UnixMillis(clock_.Now()) + offset_ms_;
    AMANAH_ASSIGN_OR_RETURN(HttpRequest request,
                            signer_.Sign(method, path, params, ts, recv_window_ms_));
    auto result = Send(request, is_order);
    // -1021: the exchange refused the request for its timestamp, so it did nothing; re-sync and
    // send once more. A second refusal is reported as clock skew.
    if (!result && attempt == 0 && result.error().exchange() &&
        result.error().exchange()->code == "-1021") {
      AMANAH_TRY(SyncTime());
      continue;
    }
    return result;
  }
}

Result<int64_t> BinanceExchange::SyncTime() {
  int64_t before = base::UnixMillis(clock_.Now());
  AMANAH_ASSIGN_OR_RETURN(json::value v, Call(HttpMethod::kGet, "/api/v3/time", {}, false));
  int64_t after = base::UnixMillis(clock_.Now());
  if (!v.is_object()) return Error(ErrorCode::kDataLoss, "Binance /time is not an object");
  int64_t server = Int(v.as_object(), "serverTime");
  offset_ms_ = server - (before + after) / 2;
  return offset_ms_;
}

Result<int64_t> BinanceExchange::ServerTime() {
  AMANAH_ASSIGN_OR_RETURN(json::value v, Call(HttpMethod::kGet, "/api/v3/time", {}, false));
  return Int(v.as_object(), "serverTime");
}

Result<bool> BinanceExchange::SystemNormal() {
  AMANAH_ASSIGN_OR_RETURN(json::value v,
                          Call(HttpMethod::kGet, "/sapi/v1/system/status", {}, false));
  if (!v.is_object()) return Error(ErrorCode::kDataLoss, "Binance system status is not an object");
  return Int(v.as_object(), "status") == 0;
}

Result<std::vector<SymbolInfo>> BinanceExchange::Symbols() {
  AMANAH_ASSIGN_OR_RETURN(json::value v, Call(HttpMethod::kGet, "/api/v3/exchangeInfo", {}, false));
  std::vector<SymbolInfo> out;
  const json::value* list = v.is_object() ? v.as_object().if_contains("symbols") : nullptr;
  if (list == nullptr || !list->is_array())
    return Error(ErrorCode::kDataLoss, "exchangeInfo has no symbols");
  for (const auto& item : list->as_array()) {
    const json::object& s = item.as_object();
    SymbolInfo info{Str(s, "symbol"),
                    Str(s, "baseAsset"),
                    Str(s, "quoteAsset"),
                    Str(s, "status"),
                    {},
                    false,
                    {},
                    {},
                    {},
                    {},
                    {},
                    {},
                    {},
                    {}};
    if (auto* sets = s.if_contains("permissionSets"); sets && sets->is_array()) {
      for (const auto& set : sets->as_array())
        for (const auto& p : set.as_array()) info.permissions.emplace_back(p.as_string());
    }
    info.spot = std::find(info.permissions.begin(), info.permissions.end(), "SPOT") !=
                    info.permissions.end() ||
                (s.contains("isSpotTradingAllowed") && s.at("isSpotTradingAllowed").as_bool());
    if (auto* filters = s.if_contains("filters"); filters && filters->is_array()) {
      for (const auto& f : filters->as_array()) {
        const json::object& fo = f.as_object();
        std::string type = Str(fo, "filterType");
        if (type == "PRICE_FILTER") {
          AMANAH_ASSIGN_OR_RETURN(info.tick_size, Dec(fo, "tickSize"));
          AMANAH_ASSIGN_OR_RETURN(info.min_price, Dec(fo, "minPrice"));
          AMANAH_ASSIGN_OR_RETURN(info.max_price, Dec(fo, "maxPrice"));
        } else if (type == "LOT_SIZE") {
          AMANAH_ASSIGN_OR_RETURN(info.step_size, Dec(fo, "stepSize"));
          AMANAH_ASSIGN_OR_RETURN(info.min_qty, Dec(fo, "minQty"));
          AMANAH_ASSIGN_OR_RETURN(info.max_qty, Dec(fo, "maxQty"));
        } else if (type == "NOTIONAL" || type == "MIN_NOTIONAL") {
          AMANAH_ASSIGN_OR_RETURN(info.min_notional, Dec(fo, "minNotional"));
          if (fo.contains("maxNotional")) {
            AMANAH_ASSIGN_OR_RETURN(info.max_notional, Dec(fo, "maxNotional"));
          }
        }
      }
    }
    out.push_back(std::move(info));
  }
  return out;
}

Result<std::vector<Balance>> BinanceExchange::Balances() {
  AMANAH_ASSIGN_OR_RETURN(json::value v, Call(HttpMethod::kGet, "/api/v3/account", {}, true));
  std::vector<Balance> out;
  for (const auto& b : v.as_object().at("balances").as_array()) {
    const json::object& o = b.as_object();
    Balance balance{Str(o, "asset"), {}, {}};
    AMANAH_ASSIGN_OR_RETURN(balance.free, Dec(o, "free"));
    AMANAH_ASSIGN_OR_RETURN(balance.locked, Dec(o, "locked"));
    if (!balance.free.IsZero() || !balance.locked.IsZero()) out.push_back(std::move(balance));
  }
  return out;
}

Result<PermissionReport> BinanceExchange::Permissions() {
  AMANAH_ASSIGN_OR_RETURN(json::value v,
                          Call(HttpMethod::kGet, "/sapi/v1/account/apiRestrictions", {}, true));
  if (!v.is_object()) return Error(ErrorCode::kDataLoss, "apiRestrictions is not an object");
  const json::object& o = v.as_object();
  PermissionReport r;
  r.reading = FlagOf(o, "enableReading");
  r.spot_trading = FlagOf(o, "enableSpotAndMarginTrading");
  r.margin = FlagOf(o, "enableMargin");
  r.futures = FlagOf(o, "enableFutures");
  r.options = FlagOf(o, "enableVanillaOptions");
  r.portfolio_margin = FlagOf(o, "enablePortfolioMarginTrading");
  r.withdrawals = FlagOf(o, "enableWithdrawals");
  r.internal_transfer = FlagOf(o, "enableInternalTransfer");
  r.universal_transfer = FlagOf(o, "permitsUniversalTransfer");
  if (auto* ip = o.if_contains("ipRestrict"); ip && ip->is_bool()) r.ip_restricted = ip->as_bool();
  if (o.contains("createTime")) r.created_at_ms = Int(o, "createTime");
  return r;
}

Result<AccountState> BinanceExchange::Account() {
  AMANAH_ASSIGN_OR_RETURN(json::value spot, Call(HttpMethod::kGet, "/api/v3/account", {}, true));
  const json::object& s = spot.as_object();
  AccountState state;
  state.account_id = Str(s, "uid");
  state.can_trade = s.contains("canTrade") && s.at("canTrade").as_bool();
  state.account_type = Str(s, "accountType");
  AMANAH_ASSIGN_OR_RETURN(json::value margin,
                          Call(HttpMethod::kGet, "/sapi/v1/margin/account", {}, true));
  const json::object& m = margin.as_object();
  state.margin_account = m.contains("created") && m.at("created").as_bool();
  if (m.contains("totalLiabilityOfBtc")) {
    AMANAH_ASSIGN_OR_RETURN(state.margin_liability_btc, Dec(m, "totalLiabilityOfBtc"));
  }
  if (auto* assets = m.if_contains("userAssets"); assets && assets->is_array()) {
    for (const auto& a : assets->as_array()) {
      const json::object& ao = a.as_object();
      MarginDebt d{Str(ao, "asset"), {}, {}};
      AMANAH_ASSIGN_OR_RETURN(d.borrowed, Dec(ao, "borrowed"));
      AMANAH_ASSIGN_OR_RETURN(d.interest, Dec(ao, "interest"));
      if (d.borrowed.IsPositive() || d.interest.IsPositive())
        state.margin_debts.push_back(std::move(d));
    }
  }
  return state;
}

Result<Params> BinanceExchange::OrderParams(const OrderRequest& o) {
  if (o.client_order_id.empty())
    return Error(ErrorCode::kInvalidArgument, "an order needs a client order id");
  Params p{{"symbol", o.symbol}, {"side", std::string(SideText(o.side))}};
  switch (o.type) {
    case OrderType::kLimit:
      p.emplace_back("type", "LIMIT");
      break;
    case OrderType::kMarket:
      p.emplace_back("type", "MARKET");
      break;
    case OrderType::kLimitMaker:
      p.emplace_back("type", "LIMIT_MAKER");
      break;
  }
  if (o.type == OrderType::kLimit) {
    p.emplace_back("timeInForce", o.tif == TimeInForce::kGtc   ? "GTC"
                                  : o.tif == TimeInForce::kIoc ? "IOC"
                                                               : "FOK");
  }
  if (o.quantity) {
    p.emplace_back("quantity", o.quantity->ToNormalizedString());
  } else if (o.quote_quantity && o.type == OrderType::kMarket) {
    p.emplace_back("quoteOrderQty", o.quote_quantity->ToNormalizedString());
  } else {
    return Error(ErrorCode::kInvalidArgument,
                 "an order needs a quantity (or a quote quantity for MARKET)");
  }
  if (o.type != OrderType::kMarket) {
    if (!o.price) return Error(ErrorCode::kInvalidArgument, "a limit order needs a price");
    p.emplace_back("price", o.price->ToNormalizedString());
  }
  p.emplace_back("newClientOrderId", o.client_order_id);
  p.emplace_back("newOrderRespType", "FULL");
  return p;
}

Result<HttpRequest> BinanceExchange::BuildOrder(const OrderRequest& order,
                                                int64_t timestamp_ms) const {
  AMANAH_ASSIGN_OR_RETURN(Params p, OrderParams(order));
  return signer_.Sign(HttpMethod::kPost, "/api/v3/order", p, timestamp_ms, recv_window_ms_);
}

Result<OrderReport> BinanceExchange::PlaceOrder(const OrderRequest& order) {
  AMANAH_ASSIGN_OR_RETURN(Params p, OrderParams(order));
  AMANAH_ASSIGN_OR_RETURN(json::value v, Call(HttpMethod::kPost, "/api/v3/order", p, true));
  return ParseOrder(v);
}

Result<OrderReport> BinanceExchange::CancelOrder(const std::string& symbol,
                                                 const std::string& client_order_id) {
  AMANAH_ASSIGN_OR_RETURN(json::value v,
                          Call(HttpMethod::kDelete, "/api/v3/order",
                               {{"symbol", symbol}, {"origClientOrderId", client_order_id}}, true));
  return ParseOrder(v);
}

Result<OrderReport> BinanceExchange::QueryOrder(const std::string& symbol,
                                                const std::string& client_order_id) {
  AMANAH_ASSIGN_OR_RETURN(json::value v,
                          Call(HttpMethod::kGet, "/api/v3/order",
                               {{"symbol", symbol}, {"origClientOrderId", client_order_id}}, true));
  return ParseOrder(v);
}

Result<std::vector<OrderReport>> BinanceExchange::OpenOrders(const std::string& symbol) {
  AMANAH_ASSIGN_OR_RETURN(json::value v,
                          Call(HttpMethod::kGet, "/api/v3/openOrders", {{"symbol", symbol}}, true));
  std::vector<OrderReport> out;
  for (const auto& o : v.as_array()) {
    AMANAH_ASSIGN_OR_RETURN(OrderReport r, ParseOrder(o));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<TradeReport>> BinanceExchange::MyTrades(const std::string& symbol) {
  AMANAH_ASSIGN_OR_RETURN(json::value v,
                          Call(HttpMethod::kGet, "/api/v3/myTrades", {{"symbol", symbol}}, true));
  std::vector<TradeReport> out;
  for (const auto& t : v.as_array()) {
    const json::object& o = t.as_object();
    TradeReport r;
    r.symbol = Str(o, "symbol");
    r.trade_id = Str(o, "id");
    r.order_id = Str(o, "orderId");
    AMANAH_ASSIGN_OR_RETURN(r.price, Dec(o, "price"));
    AMANAH_ASSIGN_OR_RETURN(r.qty, Dec(o, "qty"));
    AMANAH_ASSIGN_OR_RETURN(r.quote_qty, Dec(o, "quoteQty"));
    AMANAH_ASSIGN_OR_RETURN(r.commission, Dec(o, "commission"));
    r.commission_asset = Str(o, "commissionAsset");
    r.time_ms = Int(o, "time");
    r.is_buyer = o.contains("isBuyer") && o.at("isBuyer").as_bool();
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace amanah::exchange::binance
