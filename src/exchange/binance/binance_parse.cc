#include "exchange/binance/binance_parse.h"

#include <algorithm>

namespace amanah::exchange::binance {

using base::Decimal;
using base::JsonView;
using base::Result;

namespace {

// Type-check fields Binance documents but Amanah does not use, so that a body that lost or changed
// one is refused like a body that lost a field we read.
Result<void> Ints(const JsonView& o, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) AMANAH_TRY(o.Int(n));
  return {};
}
Result<void> Bools(const JsonView& o, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) AMANAH_TRY(o.Bool(n));
  return {};
}
Result<void> Strings(const JsonView& o, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) AMANAH_TRY(o.String(n));
  return {};
}
Result<void> Decimals(const JsonView& o, std::initializer_list<std::string_view> names) {
  for (std::string_view n : names) AMANAH_TRY(o.DecimalString(n));
  return {};
}
Result<void> StringArray(const JsonView& o, std::string_view name, std::vector<std::string>* out) {
  AMANAH_ASSIGN_OR_RETURN(auto items, o.Array(name));
  for (const JsonView& item : items) {
    AMANAH_ASSIGN_OR_RETURN(std::string s, item.AsString());
    if (out) out->push_back(std::move(s));
  }
  return {};
}

}  // namespace

std::string_view BinanceOrderType(OrderType type) {
  switch (type) {
    case OrderType::kLimit:
      return "LIMIT";
    case OrderType::kMarket:
      return "MARKET";
    case OrderType::kLimitMaker:
      return "LIMIT_MAKER";
    case OrderType::kStopLossLimit:
      return "STOP_LOSS_LIMIT";
    case OrderType::kTakeProfitLimit:
      return "TAKE_PROFIT_LIMIT";
  }
  return "?";
}

std::optional<OrderType> OrderTypeOf(std::string_view binance_word) {
  for (OrderType t : {OrderType::kLimit, OrderType::kMarket, OrderType::kLimitMaker,
                      OrderType::kStopLossLimit, OrderType::kTakeProfitLimit}) {
    if (BinanceOrderType(t) == binance_word) return t;
  }
  return std::nullopt;
}

OrderStatus MapOrderStatus(std::string_view w) {
  if (w == "NEW" || w == "PENDING_NEW") return OrderStatus::kNew;
  if (w == "PARTIALLY_FILLED") return OrderStatus::kPartiallyFilled;
  if (w == "FILLED") return OrderStatus::kFilled;
  if (w == "CANCELED") return OrderStatus::kCanceled;
  if (w == "PENDING_CANCEL") return OrderStatus::kPendingCancel;
  if (w == "REJECTED") return OrderStatus::kRejected;
  if (w == "EXPIRED" || w == "EXPIRED_IN_MATCH") return OrderStatus::kExpired;
  return OrderStatus::kUnknown;
}

Result<int64_t> ParseServerTime(const JsonView& body) { return body.Int("serverTime"); }

Result<SystemStatus> ParseSystemStatus(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(int64_t status, body.Int("status"));
  AMANAH_ASSIGN_OR_RETURN(std::string msg, body.String("msg"));
  if (status != 0 && status != 1) {
    AMANAH_ASSIGN_OR_RETURN(JsonView field, body.Field("status"));
    return field.Problem("is " + std::to_string(status) +
                         ", expected 0 (normal) or 1 (maintenance)");
  }
  return SystemStatus{status == 0, std::move(msg)};
}

Result<Ticker> ParseTicker24h(const JsonView& body) {
  Ticker t;
  AMANAH_ASSIGN_OR_RETURN(t.symbol, body.String("symbol"));
  AMANAH_ASSIGN_OR_RETURN(t.last_price, body.DecimalString("lastPrice"));
  AMANAH_ASSIGN_OR_RETURN(t.quote_volume_24h, body.DecimalString("quoteVolume"));
  return t;
}

Result<std::vector<Candle>> ParseKlines(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto rows, body.AsArray());
  std::vector<Candle> out;
  for (const JsonView& row : rows) {
    AMANAH_ASSIGN_OR_RETURN(auto cells, row.AsArray());
    if (cells.size() < 5) return row.Problem("has fewer than 5 members");
    Candle c;
    AMANAH_ASSIGN_OR_RETURN(c.open_time_ms, cells[0].AsInt());
    AMANAH_ASSIGN_OR_RETURN(c.open, cells[1].AsDecimalString());
    AMANAH_ASSIGN_OR_RETURN(c.high, cells[2].AsDecimalString());
    AMANAH_ASSIGN_OR_RETURN(c.low, cells[3].AsDecimalString());
    AMANAH_ASSIGN_OR_RETURN(c.close, cells[4].AsDecimalString());
    out.push_back(c);
  }
  return out;
}

Result<std::optional<int64_t>> ParseWeightLimit(const JsonView& body) {
  std::optional<int64_t> out;
  if (!body.Has("rateLimits")) return out;
  AMANAH_ASSIGN_OR_RETURN(auto limits, body.Array("rateLimits"));
  for (const JsonView& l : limits) {
    AMANAH_ASSIGN_OR_RETURN(std::string type, l.String("rateLimitType"));
    AMANAH_ASSIGN_OR_RETURN(std::string interval, l.String("interval"));
    AMANAH_ASSIGN_OR_RETURN(int64_t num, l.Int("intervalNum"));
    AMANAH_ASSIGN_OR_RETURN(int64_t limit, l.Int("limit"));
    if (type == "REQUEST_WEIGHT" && interval == "MINUTE" && num == 1 && limit > 0) out = limit;
  }
  return out;
}

Result<std::vector<SymbolInfo>> ParseExchangeInfo(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto symbols, body.Array("symbols"));
  std::vector<SymbolInfo> out;
  out.reserve(symbols.size());
  for (const JsonView& s : symbols) {
    SymbolInfo info;
    AMANAH_ASSIGN_OR_RETURN(info.symbol, s.String("symbol"));
    AMANAH_ASSIGN_OR_RETURN(info.status, s.String("status"));
    AMANAH_ASSIGN_OR_RETURN(info.base, s.String("baseAsset"));
    AMANAH_ASSIGN_OR_RETURN(info.quote, s.String("quoteAsset"));
    AMANAH_ASSIGN_OR_RETURN(bool spot_allowed, s.Bool("isSpotTradingAllowed"));
    AMANAH_ASSIGN_OR_RETURN(auto sets, s.OptionalField("permissionSets"));
    if (sets) {
      AMANAH_ASSIGN_OR_RETURN(auto list, sets->AsArray());
      for (const JsonView& set : list) {
        AMANAH_ASSIGN_OR_RETURN(auto items, set.AsArray());
        for (const JsonView& p : items) {
          AMANAH_ASSIGN_OR_RETURN(std::string name, p.AsString());
          info.permissions.push_back(std::move(name));
        }
      }
    }
    if (s.Has("permissions")) AMANAH_TRY(StringArray(s, "permissions", &info.permissions));
    const auto& p = info.permissions;
    info.spot = spot_allowed || std::find(p.begin(), p.end(), "SPOT") != p.end();
    info.trading = info.status == "TRADING";
    if (s.Has("orderTypes")) {
      std::vector<std::string> types;
      AMANAH_TRY(StringArray(s, "orderTypes", &types));
      for (const std::string& t : types) {
        if (auto ours = OrderTypeOf(t)) info.order_types.emplace_back(OrderTypeName(*ours));
      }
    }
    if (s.Has("allowTrailingStop")) {
      AMANAH_ASSIGN_OR_RETURN(info.trailing_allowed, s.Bool("allowTrailingStop"));
    }
    AMANAH_ASSIGN_OR_RETURN(auto filters, s.Array("filters"));
    for (const JsonView& f : filters) {
      AMANAH_ASSIGN_OR_RETURN(std::string type, f.String("filterType"));
      if (type == "PRICE_FILTER") {
        AMANAH_ASSIGN_OR_RETURN(info.tick_size, f.DecimalString("tickSize"));
        AMANAH_ASSIGN_OR_RETURN(info.min_price, f.DecimalString("minPrice"));
        AMANAH_ASSIGN_OR_RETURN(info.max_price, f.DecimalString("maxPrice"));
      } else if (type == "LOT_SIZE") {
        AMANAH_ASSIGN_OR_RETURN(info.step_size, f.DecimalString("stepSize"));
        AMANAH_ASSIGN_OR_RETURN(info.min_qty, f.DecimalString("minQty"));
        AMANAH_ASSIGN_OR_RETURN(info.max_qty, f.DecimalString("maxQty"));
      } else if (type == "MARKET_LOT_SIZE") {
        AMANAH_ASSIGN_OR_RETURN(info.market_step_size, f.DecimalString("stepSize"));
        AMANAH_ASSIGN_OR_RETURN(info.market_min_qty, f.DecimalString("minQty"));
        AMANAH_ASSIGN_OR_RETURN(info.market_max_qty, f.DecimalString("maxQty"));
      } else if (type == "NOTIONAL") {
        AMANAH_ASSIGN_OR_RETURN(info.min_notional, f.DecimalString("minNotional"));
        AMANAH_ASSIGN_OR_RETURN(info.max_notional, f.DecimalString("maxNotional"));
      } else if (type == "MIN_NOTIONAL") {
        AMANAH_ASSIGN_OR_RETURN(info.min_notional, f.DecimalString("minNotional"));
      } else if (type == "MAX_NUM_ORDERS") {
        AMANAH_ASSIGN_OR_RETURN(info.max_open_orders, f.Int("maxNumOrders"));
      } else if (type == "TRAILING_DELTA") {
        AMANAH_ASSIGN_OR_RETURN(info.min_trailing_above, f.Int("minTrailingAboveDelta"));
        AMANAH_ASSIGN_OR_RETURN(info.max_trailing_above, f.Int("maxTrailingAboveDelta"));
        AMANAH_ASSIGN_OR_RETURN(info.min_trailing_below, f.Int("minTrailingBelowDelta"));
        AMANAH_ASSIGN_OR_RETURN(info.max_trailing_below, f.Int("maxTrailingBelowDelta"));
      }
    }
    out.push_back(std::move(info));
  }
  return out;
}

Result<std::vector<Balance>> ParseBalances(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto list, body.Array("balances"));
  std::vector<Balance> out;
  for (const JsonView& b : list) {
    Balance balance;
    AMANAH_ASSIGN_OR_RETURN(balance.asset, b.String("asset"));
    AMANAH_ASSIGN_OR_RETURN(balance.free, b.DecimalString("free"));
    AMANAH_ASSIGN_OR_RETURN(balance.locked, b.DecimalString("locked"));
    if (!balance.free.IsZero() || !balance.locked.IsZero()) out.push_back(std::move(balance));
  }
  return out;
}

Result<AccountState> ParseSpotAccount(const JsonView& body) {
  AccountState state;
  AMANAH_TRY(Ints(body, {"makerCommission", "takerCommission", "buyerCommission",
                         "sellerCommission", "updateTime"}));
  AMANAH_ASSIGN_OR_RETURN(JsonView rates, body.Field("commissionRates"));
  AMANAH_TRY(Decimals(rates, {"maker", "taker", "buyer", "seller"}));
  AMANAH_TRY(Bools(
      body, {"canWithdraw", "canDeposit", "brokered", "requireSelfTradePrevention", "preventSor"}));
  AMANAH_ASSIGN_OR_RETURN(bool can_trade, body.Bool("canTrade"));
  state.can_trade = FlagOf(can_trade);
  AMANAH_ASSIGN_OR_RETURN(state.account_type, body.String("accountType"));
  AMANAH_TRY(ParseBalances(body));
  AMANAH_TRY(StringArray(body, "permissions", nullptr));
  AMANAH_ASSIGN_OR_RETURN(int64_t uid, body.Int("uid"));
  state.account_id = std::to_string(uid);
  return state;
}

Result<void> ParseMarginAccount(const JsonView& body, AccountState& state) {
  AMANAH_ASSIGN_OR_RETURN(bool created, body.Bool("created"));
  AMANAH_TRY(body.Bool("borrowEnabled"));
  AMANAH_TRY(Bools(body, {"tradeEnabled", "transferInEnabled", "transferOutEnabled"}));
  AMANAH_TRY(Decimals(body, {"marginLevel", "totalAssetOfBtc", "totalNetAssetOfBtc"}));
  AMANAH_TRY(body.String("accountType"));
  AMANAH_ASSIGN_OR_RETURN(Decimal liability, body.DecimalString("totalLiabilityOfBtc"));
  // borrowEnabled is not an auto-borrow: spot orders never borrow on Binance; borrowing is a margin
  // call the key may not make (its margin permission is audited, the signer refuses margin paths).
  state.margin_mode = FlagOf(created);
  state.auto_borrow = Flag::kOff;
  if (liability.IsPositive()) {
    state.total_liability = liability;
    state.total_liability_unit = "BTC";
  }
  AMANAH_ASSIGN_OR_RETURN(auto assets, body.Array("userAssets"));
  for (const JsonView& a : assets) {
    Debt d;
    AMANAH_ASSIGN_OR_RETURN(d.asset, a.String("asset"));
    AMANAH_ASSIGN_OR_RETURN(d.borrowed, a.DecimalString("borrowed"));
    AMANAH_ASSIGN_OR_RETURN(d.interest, a.DecimalString("interest"));
    AMANAH_TRY(Decimals(a, {"free", "locked", "netAsset"}));
    if (d.borrowed.IsPositive() || d.interest.IsPositive()) state.debts.push_back(std::move(d));
  }
  return {};
}

Result<PermissionReport> ParseApiRestrictions(const JsonView& o) {
  PermissionReport r;
  struct Map {
    std::string_view name;
    Flag PermissionReport::*field;
  };
  static constexpr Map kMap[] = {
      {"enableReading", &PermissionReport::reading},
      {"enableSpotAndMarginTrading", &PermissionReport::spot_trading},
      {"enableMargin", &PermissionReport::margin},
      {"enableFutures", &PermissionReport::futures},
      {"enableVanillaOptions", &PermissionReport::options},
      {"enablePortfolioMarginTrading", &PermissionReport::portfolio_margin},
      {"enableWithdrawals", &PermissionReport::withdrawals},
      {"enableInternalTransfer", &PermissionReport::internal_transfer},
      {"permitsUniversalTransfer", &PermissionReport::universal_transfer},
  };
  for (const Map& m : kMap) {
    AMANAH_ASSIGN_OR_RETURN(bool on, o.Bool(m.name));
    r.*(m.field) = FlagOf(on);
  }
  AMANAH_TRY(Bools(o, {"enableFixApiTrade", "enableFixReadOnly"}));
  AMANAH_ASSIGN_OR_RETURN(bool restricted, o.Bool("ipRestrict"));
  r.ip_restricted = restricted;
  AMANAH_ASSIGN_OR_RETURN(r.created_at_ms, o.Int("createTime"));
  AMANAH_ASSIGN_OR_RETURN(r.expires_at_ms, o.OptionalInt("tradingAuthorityExpirationTime"));
  // Binance has no leveraged-token, deposit or earn flag on a key: its leveraged tokens are spot
  // symbols (screened out by SpotSymbol and the screen), deposits are not an API permission.
  r.leveraged_tokens = Flag::kOff;
  r.deposit = Flag::kOff;
  r.earn = Flag::kOff;
  return r;
}

Result<OrderReport> ParseOrder(const JsonView& o, OrderShape shape) {
  OrderReport r;
  AMANAH_ASSIGN_OR_RETURN(r.symbol, o.String("symbol"));
  AMANAH_ASSIGN_OR_RETURN(int64_t id, o.Int("orderId"));
  r.order_id = std::to_string(id);
  AMANAH_TRY(o.Int("orderListId"));
  AMANAH_ASSIGN_OR_RETURN(std::string client, o.String("clientOrderId"));
  if (shape == OrderShape::kCanceled) {
    // A cancel names the order by origClientOrderId; its clientOrderId is the cancel's own.
    AMANAH_ASSIGN_OR_RETURN(r.client_order_id, o.String("origClientOrderId"));
  } else {
    r.client_order_id = std::move(client);
  }
  AMANAH_ASSIGN_OR_RETURN(r.exchange_status, o.String("status"));
  r.status = MapOrderStatus(r.exchange_status);
  AMANAH_ASSIGN_OR_RETURN(r.price, o.DecimalString("price"));
  AMANAH_ASSIGN_OR_RETURN(r.orig_qty, o.DecimalString("origQty"));
  AMANAH_ASSIGN_OR_RETURN(r.executed_qty, o.DecimalString("executedQty"));
  AMANAH_ASSIGN_OR_RETURN(r.cumulative_quote, o.DecimalString("cummulativeQuoteQty"));
  AMANAH_TRY(Decimals(o, {"origQuoteOrderQty"}));
  AMANAH_TRY(Strings(o, {"timeInForce", "type", "selfTradePreventionMode"}));
  AMANAH_ASSIGN_OR_RETURN(std::string side, o.String("side"));
  if (side != "BUY" && side != "SELL") {
    AMANAH_ASSIGN_OR_RETURN(JsonView field, o.Field("side"));
    return field.Problem("is \"" + side + "\", expected BUY or SELL");
  }
  r.side = side == "BUY" ? Side::kBuy : Side::kSell;
  switch (shape) {
    case OrderShape::kPlaced: {
      AMANAH_ASSIGN_OR_RETURN(r.time_ms, o.Int("transactTime"));
      AMANAH_TRY(o.Int("workingTime"));
      AMANAH_ASSIGN_OR_RETURN(auto fills, o.Array("fills"));
      for (const JsonView& f : fills) {
        AMANAH_TRY(Decimals(f, {"price", "qty", "commission"}));
        AMANAH_TRY(f.String("commissionAsset"));
        AMANAH_TRY(f.Int("tradeId"));
      }
      break;
    }
    case OrderShape::kQueried: {
      AMANAH_ASSIGN_OR_RETURN(r.time_ms, o.Int("time"));
      AMANAH_TRY(Ints(o, {"updateTime", "workingTime"}));
      AMANAH_TRY(Decimals(o, {"stopPrice", "icebergQty"}));
      AMANAH_TRY(o.Bool("isWorking"));
      break;
    }
    case OrderShape::kCanceled: {
      AMANAH_ASSIGN_OR_RETURN(r.time_ms, o.Int("transactTime"));
      break;
    }
  }
  return r;
}

namespace {

Result<std::vector<OrderReport>> ParseOrderList(const JsonView& body, OrderShape shape) {
  AMANAH_ASSIGN_OR_RETURN(auto list, body.AsArray());
  std::vector<OrderReport> out;
  out.reserve(list.size());
  for (const JsonView& o : list) {
    AMANAH_ASSIGN_OR_RETURN(OrderReport r, ParseOrder(o, shape));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

Result<std::vector<OrderReport>> ParseOrders(const JsonView& body) {
  return ParseOrderList(body, OrderShape::kQueried);
}

Result<std::vector<OrderReport>> ParseCanceledOrders(const JsonView& body) {
  return ParseOrderList(body, OrderShape::kCanceled);
}

Result<std::vector<TradeReport>> ParseTrades(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto list, body.AsArray());
  std::vector<TradeReport> out;
  out.reserve(list.size());
  for (const JsonView& t : list) {
    TradeReport r;
    AMANAH_ASSIGN_OR_RETURN(r.symbol, t.String("symbol"));
    AMANAH_ASSIGN_OR_RETURN(int64_t id, t.Int("id"));
    r.trade_id = std::to_string(id);
    AMANAH_ASSIGN_OR_RETURN(int64_t order, t.Int("orderId"));
    r.order_id = std::to_string(order);
    AMANAH_TRY(t.Int("orderListId"));
    AMANAH_ASSIGN_OR_RETURN(r.price, t.DecimalString("price"));
    AMANAH_ASSIGN_OR_RETURN(r.qty, t.DecimalString("qty"));
    AMANAH_ASSIGN_OR_RETURN(r.quote_qty, t.DecimalString("quoteQty"));
    AMANAH_ASSIGN_OR_RETURN(r.commission, t.DecimalString("commission"));
    AMANAH_ASSIGN_OR_RETURN(r.commission_asset, t.String("commissionAsset"));
    AMANAH_ASSIGN_OR_RETURN(r.time_ms, t.Int("time"));
    AMANAH_ASSIGN_OR_RETURN(r.is_buyer, t.Bool("isBuyer"));
    AMANAH_TRY(Bools(t, {"isMaker", "isBestMatch"}));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace amanah::exchange::binance
