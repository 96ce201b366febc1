#include "exchange/bybit/bybit_parse.h"

#include <algorithm>
#include <charconv>

#include "base/utc_time.h"
#include "exchange/parse_fields.h"

namespace amanah::exchange::bybit {

using base::Decimal;
using base::Error;
using base::ErrorCode;
using base::JsonView;
using base::Result;

namespace {

Result<std::vector<JsonView>> List(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(JsonView result, body.Field("result"));
  return result.Array("list");
}

Result<Side> SideOf(const JsonView& o) {
  AMANAH_ASSIGN_OR_RETURN(std::string side, o.String("side"));
  if (side == "Buy") return Side::kBuy;
  if (side == "Sell") return Side::kSell;
  AMANAH_ASSIGN_OR_RETURN(JsonView field, o.Field("side"));
  return field.Problem("is \"" + side.substr(0, 16) + "\", expected Buy or Sell");
}

}  // namespace

Result<SystemStatus> ParseSystemStatus(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto list, List(body));
  SystemStatus s{true, "normal"};
  for (const JsonView& m : list) {
    AMANAH_ASSIGN_OR_RETURN(std::string state, m.String("state"));
    AMANAH_ASSIGN_OR_RETURN(std::string title, m.String("title"));
    AMANAH_ASSIGN_OR_RETURN(auto products, m.Array("product"));
    AMANAH_ASSIGN_OR_RETURN(auto services, m.Array("serviceTypes"));
    if (state != "ongoing") continue;
    // product 2 is Spot; serviceTypes 1 and 2 are trading and trading over HTTP.
    bool spot = products.empty(), trading = services.empty();
    for (const JsonView& p : products) {
      AMANAH_ASSIGN_OR_RETURN(int64_t v, p.AsInt());
      spot = spot || v == 2;
    }
    for (const JsonView& t : services) {
      AMANAH_ASSIGN_OR_RETURN(int64_t v, t.AsInt());
      trading = trading || v == 1 || v == 2;
    }
    if (spot && trading) return SystemStatus{false, "maintenance: " + title};
  }
  return s;
}

Result<std::vector<SymbolInfo>> ParseInstruments(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto list, List(body));
  std::vector<SymbolInfo> out;
  out.reserve(list.size());
  for (const JsonView& i : list) {
    SymbolInfo s;
    AMANAH_ASSIGN_OR_RETURN(s.symbol, i.String("symbol"));
    AMANAH_ASSIGN_OR_RETURN(s.base, i.String("baseCoin"));
    AMANAH_ASSIGN_OR_RETURN(s.quote, i.String("quoteCoin"));
    AMANAH_ASSIGN_OR_RETURN(s.status, i.String("status"));
    s.trading = s.status == "Trading";
    s.spot = true;
    s.permissions = {"SPOT"};
    AMANAH_ASSIGN_OR_RETURN(std::string margin, i.String("marginTrading"));
    if (margin != "none") s.permissions.push_back("MARGIN");
    AMANAH_ASSIGN_OR_RETURN(JsonView lot, i.Field("lotSizeFilter"));
    AMANAH_ASSIGN_OR_RETURN(s.step_size, lot.DecimalString("basePrecision"));
    AMANAH_ASSIGN_OR_RETURN(s.min_qty, lot.DecimalString("minOrderQty"));
    AMANAH_ASSIGN_OR_RETURN(auto max_limit, lot.OptionalDecimalString("maxLimitOrderQty"));
    AMANAH_ASSIGN_OR_RETURN(auto max_qty, lot.OptionalDecimalString("maxOrderQty"));
    s.max_qty = max_limit ? *max_limit : max_qty ? *max_qty : Decimal();
    AMANAH_ASSIGN_OR_RETURN(auto max_market, lot.OptionalDecimalString("maxMarketOrderQty"));
    if (max_market) s.market_max_qty = *max_market;
    AMANAH_ASSIGN_OR_RETURN(s.min_notional, lot.DecimalString("minOrderAmt"));
    AMANAH_ASSIGN_OR_RETURN(auto max_amount, lot.OptionalDecimalString("maxOrderAmt"));
    if (max_amount) s.max_notional = *max_amount;
    AMANAH_ASSIGN_OR_RETURN(JsonView price, i.Field("priceFilter"));
    AMANAH_ASSIGN_OR_RETURN(s.tick_size, price.DecimalString("tickSize"));
    s.min_price = s.tick_size;
    s.order_types = {"limit", "market", "limit_maker"};
    out.push_back(std::move(s));
  }
  return out;
}

Result<Ticker> ParseTicker(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto list, List(body));
  if (list.size() != 1) {
    AMANAH_ASSIGN_OR_RETURN(JsonView result, body.Field("result"));
    return result.Problem("holds " + std::to_string(list.size()) + " tickers, expected one");
  }
  Ticker t;
  AMANAH_ASSIGN_OR_RETURN(t.symbol, list[0].String("symbol"));
  AMANAH_ASSIGN_OR_RETURN(t.last_price, list[0].DecimalString("lastPrice"));
  AMANAH_ASSIGN_OR_RETURN(t.quote_volume_24h, list[0].DecimalString("turnover24h"));
  return t;
}

Result<std::vector<Candle>> ParseKlines(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto list, List(body));
  return CandlesFromRows(list);
}

Result<std::vector<Balance>> ParseWalletBalance(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto accounts, List(body));
  std::vector<Balance> out;
  for (const JsonView& a : accounts) {
    AMANAH_ASSIGN_OR_RETURN(auto coins, a.Array("coin"));
    for (const JsonView& c : coins) {
      Balance b;
      AMANAH_ASSIGN_OR_RETURN(b.asset, c.String("coin"));
      AMANAH_ASSIGN_OR_RETURN(Decimal wallet, c.DecimalString("walletBalance"));
      AMANAH_ASSIGN_OR_RETURN(b.locked, DecimalOrZero(c, "locked"));
      AMANAH_ASSIGN_OR_RETURN(b.free, wallet.Sub(b.locked));
      if (b.free.IsNegative()) b.free = Decimal();
      if (wallet.IsZero() && b.locked.IsZero()) continue;
      out.push_back(std::move(b));
    }
  }
  return out;
}

Result<KeyInfo> ParseQueryApi(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(JsonView r, body.Field("result"));
  KeyInfo info;
  PermissionReport& p = info.report;
  AMANAH_ASSIGN_OR_RETURN(int64_t read_only, r.Int("readOnly"));
  if (read_only != 0 && read_only != 1) {
    AMANAH_ASSIGN_OR_RETURN(JsonView field, r.Field("readOnly"));
    return field.Problem("is neither 0 nor 1");
  }
  p.read_only = read_only == 1;
  AMANAH_ASSIGN_OR_RETURN(JsonView groups, r.Field("permissions"));
  if (!groups.IsObject()) return groups.Problem("is not an object");
  // Every group the key holds, by name; a group Amanah does not know is an extra, forbidden.
  auto has = [&](std::string_view group, std::string_view entry) -> Result<bool> {
    AMANAH_ASSIGN_OR_RETURN(auto g, groups.OptionalField(group));
    if (!g) return false;
    AMANAH_ASSIGN_OR_RETURN(auto items, g->AsArray());
    for (const JsonView& item : items) {
      AMANAH_ASSIGN_OR_RETURN(std::string name, item.AsString());
      if (entry.empty() || name == entry) return true;
    }
    return false;
  };
  p.reading = Flag::kOn;  // this very call read the key
  AMANAH_ASSIGN_OR_RETURN(bool spot, has("Spot", "SpotTrade"));
  p.spot_trading = FlagOf(spot && read_only == 0);
  AMANAH_ASSIGN_OR_RETURN(bool contract, has("ContractTrade", ""));
  AMANAH_ASSIGN_OR_RETURN(bool derivatives, has("Derivatives", ""));
  p.futures = FlagOf(contract || derivatives);
  AMANAH_ASSIGN_OR_RETURN(bool options, has("Options", ""));
  p.options = FlagOf(options);
  AMANAH_ASSIGN_OR_RETURN(bool withdraw, has("Wallet", "Withdraw"));
  p.withdrawals = FlagOf(withdraw);
  AMANAH_ASSIGN_OR_RETURN(bool sub_transfer, has("Wallet", "SubMemberTransfer"));
  AMANAH_ASSIGN_OR_RETURN(bool sub_list, has("Wallet", "SubMemberTransferList"));
  p.internal_transfer = FlagOf(sub_transfer || sub_list);
  AMANAH_ASSIGN_OR_RETURN(bool account_transfer, has("Wallet", "AccountTransfer"));
  p.universal_transfer = FlagOf(account_transfer);
  AMANAH_ASSIGN_OR_RETURN(bool earn, has("Earn", ""));
  p.earn = FlagOf(earn);
  // Bybit's key has no separate switch for these: margin is the account's spot-margin mode (read
  // by the account state), leveraged tokens and portfolio margin are refused by the signer, and
  // deposits need the Wallet group, whose every entry is checked above or below.
  p.margin = Flag::kOff;
  p.leveraged_tokens = Flag::kOff;
  p.portfolio_margin = Flag::kOff;
  p.deposit = Flag::kOff;
  static constexpr std::string_view kKnown[] = {"Spot",    "ContractTrade", "Derivatives",
                                                "Options", "Wallet",        "Earn"};
  for (const auto& [name, value] : groups.raw().as_object()) {
    const std::string_view group(name.data(), name.size());
    if (std::find(std::begin(kKnown), std::end(kKnown), group) != std::end(kKnown)) {
      if (group != "Wallet") continue;
    }
    AMANAH_ASSIGN_OR_RETURN(JsonView g, groups.Field(group));
    AMANAH_ASSIGN_OR_RETURN(auto items, g.AsArray());
    if (group == "Wallet") {
      // Wallet entries beyond the three transfer/withdraw ones above.
      for (const JsonView& item : items) {
        AMANAH_ASSIGN_OR_RETURN(std::string entry, item.AsString());
        if (entry != "Withdraw" && entry != "SubMemberTransfer" &&
            entry != "SubMemberTransferList" && entry != "AccountTransfer") {
          p.extra.push_back({"Wallet: " + entry.substr(0, 40), Flag::kOn, true});
        }
      }
      continue;
    }
    p.extra.push_back({std::string(group.substr(0, 40)), FlagOf(!items.empty()), true});
  }
  AMANAH_ASSIGN_OR_RETURN(auto ips, r.Array("ips"));
  std::vector<std::string> bound;
  for (const JsonView& ip : ips) {
    AMANAH_ASSIGN_OR_RETURN(std::string text, ip.AsString());
    if (!text.empty()) bound.push_back(std::move(text));
  }
  // ["*"] (or nothing) is a key bound to no address.
  const bool unbound = bound.empty() || (bound.size() == 1 && bound[0] == "*");
  p.ip_restricted = !unbound;
  if (!unbound) p.ip_list = std::move(bound);
  AMANAH_ASSIGN_OR_RETURN(auto created, r.OptionalString("createdAt"));
  if (created && !created->empty()) {
    AMANAH_ASSIGN_OR_RETURN(base::SystemTime t, base::ParseUtcTime(*created));
    p.created_at_ms = base::UnixMillis(t);
  }
  AMANAH_ASSIGN_OR_RETURN(auto expires, r.OptionalString("expiredAt"));
  if (expires && !expires->empty()) {
    AMANAH_ASSIGN_OR_RETURN(base::SystemTime t, base::ParseUtcTime(*expires));
    const int64_t ms = base::UnixMillis(t);
    if (ms > 0) p.expires_at_ms = ms;  // 1970-01-01T00:00:00Z: no expiry
  }
  AMANAH_ASSIGN_OR_RETURN(JsonView uid, r.Field("userID"));
  AMANAH_ASSIGN_OR_RETURN(info.user_id, uid.AsIdText());
  return info;
}

Result<void> ParseAccountInfo(const JsonView& body, AccountState& state) {
  AMANAH_ASSIGN_OR_RETURN(JsonView r, body.Field("result"));
  AMANAH_ASSIGN_OR_RETURN(int64_t status, r.Int("unifiedMarginStatus"));
  AMANAH_ASSIGN_OR_RETURN(std::string margin_mode, r.String("marginMode"));
  state.account_type =
      (status == 1 ? "classic" : "unified") + std::string(" (") + margin_mode + ")";
  state.can_trade = Flag::kOn;
  return {};
}

Result<void> ParseSpotMarginState(const JsonView& body, AccountState& state) {
  AMANAH_ASSIGN_OR_RETURN(JsonView r, body.Field("result"));
  AMANAH_ASSIGN_OR_RETURN(std::string mode, r.String("spotMarginMode"));
  if (mode != "0" && mode != "1") {
    AMANAH_ASSIGN_OR_RETURN(JsonView field, r.Field("spotMarginMode"));
    return field.Problem("is neither \"0\" nor \"1\"");
  }
  // With spot margin on, a spot order borrows what the balance lacks.
  state.margin_mode = FlagOf(mode == "1");
  state.auto_borrow = FlagOf(mode == "1");
  return {};
}

Result<void> ParseDebts(const JsonView& body, AccountState& state) {
  AMANAH_ASSIGN_OR_RETURN(auto accounts, List(body));
  for (const JsonView& a : accounts) {
    AMANAH_ASSIGN_OR_RETURN(auto coins, a.Array("coin"));
    for (const JsonView& c : coins) {
      Debt d;
      AMANAH_ASSIGN_OR_RETURN(d.asset, c.String("coin"));
      AMANAH_ASSIGN_OR_RETURN(Decimal borrow, DecimalOrZero(c, "borrowAmount"));
      AMANAH_ASSIGN_OR_RETURN(Decimal spot, DecimalOrZero(c, "spotBorrow"));
      AMANAH_ASSIGN_OR_RETURN(d.interest, DecimalOrZero(c, "accruedInterest"));
      d.borrowed =
          borrow.IsPositive() ? borrow : spot;  // spot liabilities are part of borrowAmount
      if (d.borrowed.IsPositive() || d.interest.IsPositive()) state.debts.push_back(std::move(d));
    }
  }
  return {};
}

Result<void> ParsePositions(const JsonView& body, std::string_view category, AccountState& state) {
  AMANAH_ASSIGN_OR_RETURN(auto list, List(body));
  for (const JsonView& p : list) {
    Position pos;
    AMANAH_ASSIGN_OR_RETURN(pos.symbol, p.String("symbol"));
    AMANAH_ASSIGN_OR_RETURN(Decimal size, DecimalOrZero(p, "size"));
    if (size.IsZero()) continue;
    AMANAH_ASSIGN_OR_RETURN(std::string side, p.String("side"));
    pos.size = side == "Sell" ? size.Abs().Negated() : size;
    pos.kind = category == "option" ? "option" : "perpetual";
    if (category != "option" && pos.symbol.find('-') != std::string::npos) pos.kind = "futures";
    state.positions.push_back(std::move(pos));
  }
  return {};
}

Result<OrderAck> ParseOrderAck(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(JsonView r, body.Field("result"));
  OrderAck ack;
  AMANAH_ASSIGN_OR_RETURN(ack.order_id, r.String("orderId"));
  AMANAH_ASSIGN_OR_RETURN(ack.order_link_id, r.String("orderLinkId"));
  return ack;
}

OrderStatus MapOrderStatus(std::string_view w) {
  if (w == "New" || w == "Untriggered" || w == "Triggered") return OrderStatus::kNew;
  if (w == "PartiallyFilled") return OrderStatus::kPartiallyFilled;
  if (w == "Filled") return OrderStatus::kFilled;
  if (w == "Cancelled" || w == "PartiallyFilledCanceled" || w == "Deactivated")
    return OrderStatus::kCanceled;
  if (w == "Rejected") return OrderStatus::kRejected;
  return OrderStatus::kUnknown;
}

Result<std::vector<OrderReport>> ParseOrders(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto list, List(body));
  std::vector<OrderReport> out;
  out.reserve(list.size());
  for (const JsonView& o : list) {
    OrderReport r;
    AMANAH_ASSIGN_OR_RETURN(r.symbol, o.String("symbol"));
    AMANAH_ASSIGN_OR_RETURN(r.order_id, o.String("orderId"));
    AMANAH_ASSIGN_OR_RETURN(r.client_order_id, o.String("orderLinkId"));
    AMANAH_ASSIGN_OR_RETURN(r.side, SideOf(o));
    AMANAH_ASSIGN_OR_RETURN(r.exchange_status, o.String("orderStatus"));
    r.status = MapOrderStatus(r.exchange_status);
    AMANAH_ASSIGN_OR_RETURN(r.price, DecimalOrZero(o, "price"));
    AMANAH_ASSIGN_OR_RETURN(r.orig_qty, DecimalOrZero(o, "qty"));
    AMANAH_ASSIGN_OR_RETURN(r.executed_qty, DecimalOrZero(o, "cumExecQty"));
    AMANAH_ASSIGN_OR_RETURN(r.cumulative_quote, DecimalOrZero(o, "cumExecValue"));
    // A spot market order sized in quote value (marketUnit quoteCoin, a market buy's default)
    // writes that value as its qty: its base quantity is what it filled.
    AMANAH_ASSIGN_OR_RETURN(std::string type, o.String("orderType"));
    AMANAH_ASSIGN_OR_RETURN(auto unit, o.OptionalString("marketUnit"));
    const bool by_quote = type == "Market" && ((unit && *unit == "quoteCoin") ||
                                               ((!unit || unit->empty()) && r.side == Side::kBuy));
    if (by_quote) r.orig_qty = r.executed_qty;
    AMANAH_ASSIGN_OR_RETURN(r.time_ms, MillisText(o, "createdTime"));
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::vector<TradeReport>> ParseExecutions(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(auto list, List(body));
  std::vector<TradeReport> out;
  out.reserve(list.size());
  for (const JsonView& t : list) {
    AMANAH_ASSIGN_OR_RETURN(std::string type, t.String("execType"));
    if (type != "Trade") continue;  // funding, settlement and the like are not spot fills
    TradeReport r;
    AMANAH_ASSIGN_OR_RETURN(r.symbol, t.String("symbol"));
    AMANAH_ASSIGN_OR_RETURN(r.trade_id, t.String("execId"));
    AMANAH_ASSIGN_OR_RETURN(r.order_id, t.String("orderId"));
    AMANAH_ASSIGN_OR_RETURN(r.price, t.DecimalString("execPrice"));
    AMANAH_ASSIGN_OR_RETURN(r.qty, t.DecimalString("execQty"));
    AMANAH_ASSIGN_OR_RETURN(r.quote_qty, t.DecimalString("execValue"));
    AMANAH_ASSIGN_OR_RETURN(r.commission, DecimalOrZero(t, "execFee"));
    AMANAH_ASSIGN_OR_RETURN(r.commission_asset, t.String("feeCurrency"));
    AMANAH_ASSIGN_OR_RETURN(r.time_ms, MillisText(t, "execTime"));
    AMANAH_ASSIGN_OR_RETURN(Side side, SideOf(t));
    r.is_buyer = side == Side::kBuy;
    out.push_back(std::move(r));
  }
  return out;
}

Result<std::string> NextCursor(const JsonView& body) {
  AMANAH_ASSIGN_OR_RETURN(JsonView r, body.Field("result"));
  AMANAH_ASSIGN_OR_RETURN(auto cursor, r.OptionalString("nextPageCursor"));
  return cursor ? *cursor : std::string();
}

}  // namespace amanah::exchange::bybit
