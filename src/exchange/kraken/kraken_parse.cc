#include "exchange/kraken/kraken_parse.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace amanah::exchange::kraken {

using base::Decimal;
using base::Error;
using base::ErrorCode;
using base::JsonView;
using base::Result;

namespace {

// The shortest text that reads back as `d`: the digits as written when they were at most 15
// significant digits.
Result<Decimal> FromNumber(const JsonView& v, double d) {
  if (!std::isfinite(d)) return v.Problem("is not a finite number");
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  if (ec != std::errc()) return v.Problem("is not a number Amanah can read exactly");
  const std::string_view text(buf, static_cast<size_t>(end - buf));
  size_t digits = 0;
  bool leading = true;
  for (char c : text) {
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++digits;
  }
  if (digits > 15)
    return v.Problem("is a JSON number with more than 15 digits: send it as a string");
  auto parsed = Decimal::Parse(text);
  if (!parsed) return v.Problem("is not a decimal number");
  return parsed->Normalized();
}

Result<Decimal> DecimalOfValue(const JsonView& v) {
  if (v.IsString()) {
    AMANAH_ASSIGN_OR_RETURN(std::string text, v.AsString());
    // Kraken signs some amounts ("+154186.9728" in positions' net).
    std::string_view t = text;
    if (t.starts_with('+')) t.remove_prefix(1);
    auto parsed = Decimal::Parse(t);
    if (!parsed) return v.Problem("is not a decimal number");
    return *parsed;
  }
  const auto& raw = v.raw();
  if (raw.is_int64()) return Decimal::FromInt(raw.as_int64());
  if (raw.is_uint64()) return v.Problem("is out of range");
  if (raw.is_double()) return FromNumber(v, raw.as_double());
  return v.Problem("is not a decimal number");
}

Result<int64_t> MillisOfValue(const JsonView& v) {
  const auto& raw = v.raw();
  double seconds = 0;
  if (raw.is_int64()) {
    seconds = static_cast<double>(raw.as_int64());
  } else if (raw.is_double()) {
    seconds = raw.as_double();
  } else if (raw.is_string()) {
    AMANAH_ASSIGN_OR_RETURN(std::string text, v.AsString());
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return v.Problem("is not a count of seconds");
    }
  } else {
    return v.Problem("is not a count of seconds");
  }
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 1e11) {
    return v.Problem("is not a count of seconds since 1970");
  }
  return static_cast<int64_t>(std::llround(seconds * 1000.0));
}

std::set<std::string> Words(std::string_view name) {
  std::set<std::string> out;
  std::string word;
  for (char c : name) {
    if (c == '-' || c == '_' || c == ' ') {
      if (!word.empty()) out.insert(word);
      word.clear();
    } else {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!word.empty()) out.insert(word);
  return out;
}

Decimal DecimalOr(const Result<Decimal>& d) { return d ? *d : Decimal(); }

}  // namespace

Result<Decimal> AmountOf(const JsonView& object, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(JsonView v, object.Field(name));
  return DecimalOfValue(v);
}

Result<int64_t> SecondsAsMillis(const JsonView& object, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(JsonView v, object.Field(name));
  return MillisOfValue(v);
}

std::string NeutralAsset(std::string_view altname) {
  if (altname == "XBT") return "BTC";
  if (altname == "XDG") return "DOGE";
  return std::string(altname);
}

Result<std::map<std::string, std::string>> ParseAssets(const JsonView& result) {
  std::map<std::string, std::string> out;
  AMANAH_ASSIGN_OR_RETURN(auto members, result.Members());
  for (const auto& [id, asset] : members) {
    AMANAH_ASSIGN_OR_RETURN(std::string altname, asset.String("altname"));
    out[id] = NeutralAsset(altname);
  }
  return out;
}

namespace {

std::string AssetName(const std::map<std::string, std::string>& assets, const std::string& id) {
  auto it = assets.find(id);
  return it != assets.end() ? it->second : NeutralAsset(id);
}

// 10^-places, as Kraken's *_decimals fields mean it.
Result<Decimal> StepOfPlaces(const JsonView& pair, std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(int64_t places, pair.Int(name));
  if (places < 0 || places > Decimal::kMaxScale) {
    AMANAH_ASSIGN_OR_RETURN(JsonView f, pair.Field(name));
    return f.Problem("is not a number of decimal places (0 to 18)");
  }
  return Decimal::FromUnits(1, static_cast<int>(places));
}

}  // namespace

Result<std::vector<SymbolInfo>> ParseAssetPairs(const JsonView& result,
                                                const std::map<std::string, std::string>& assets,
                                                std::vector<PairNames>* names) {
  std::vector<SymbolInfo> out;
  AMANAH_ASSIGN_OR_RETURN(auto members, result.Members());
  for (const auto& [id, pair] : members) {
    // Dark-pool pairs (".d") are not on the order book.
    if (id.ends_with(".d")) continue;
    SymbolInfo s;
    AMANAH_ASSIGN_OR_RETURN(s.symbol, pair.String("altname"));
    AMANAH_ASSIGN_OR_RETURN(std::string base, pair.String("base"));
    AMANAH_ASSIGN_OR_RETURN(std::string quote, pair.String("quote"));
    s.base = AssetName(assets, base);
    s.quote = AssetName(assets, quote);
    AMANAH_ASSIGN_OR_RETURN(auto status, pair.OptionalString("status"));
    s.status = status ? *status : "online";
    s.trading = s.status == "online";
    AMANAH_ASSIGN_OR_RETURN(auto aclass, pair.OptionalString("aclass_base"));
    s.spot = !aclass || *aclass == "currency";
    if (auto tick = pair.OptionalField("tick_size"); tick && *tick) {
      AMANAH_ASSIGN_OR_RETURN(s.tick_size, DecimalOfValue(**tick));
    } else {
      AMANAH_ASSIGN_OR_RETURN(s.tick_size, StepOfPlaces(pair, "pair_decimals"));
    }
    AMANAH_ASSIGN_OR_RETURN(s.step_size, StepOfPlaces(pair, "lot_decimals"));
    AMANAH_ASSIGN_OR_RETURN(s.min_qty, AmountOf(pair, "ordermin"));
    if (pair.Has("costmin")) {
      AMANAH_ASSIGN_OR_RETURN(s.min_notional, AmountOf(pair, "costmin"));
    }
    s.order_types = {"limit", "market", "limit_maker", "stop_loss_limit", "take_profit_limit"};
    if (names != nullptr) names->push_back(PairNames{id, s.symbol});
    out.push_back(std::move(s));
  }
  return out;
}

Result<SystemStatus> ParseSystemStatus(const JsonView& result) {
  AMANAH_ASSIGN_OR_RETURN(std::string status, result.String("status"));
  return SystemStatus{status == "online", status};
}

Result<std::vector<Balance>> ParseBalanceEx(const JsonView& result,
                                            const std::map<std::string, std::string>& assets,
                                            std::vector<Debt>* debts) {
  std::vector<Balance> out;
  AMANAH_ASSIGN_OR_RETURN(auto members, result.Members());
  for (const auto& [id, entry] : members) {
    AMANAH_ASSIGN_OR_RETURN(Decimal balance, AmountOf(entry, "balance"));
    Decimal hold;
    if (entry.Has("hold_trade")) {
      AMANAH_ASSIGN_OR_RETURN(hold, AmountOf(entry, "hold_trade"));
    }
    if (debts != nullptr && entry.Has("credit_used")) {
      AMANAH_ASSIGN_OR_RETURN(Decimal used, AmountOf(entry, "credit_used"));
      if (used.IsPositive()) debts->push_back(Debt{AssetName(assets, id), used, Decimal()});
    }
    if (balance.IsZero() && hold.IsZero()) continue;
    AMANAH_ASSIGN_OR_RETURN(Decimal free, balance.Sub(hold));
    out.push_back(Balance{AssetName(assets, id), free, hold});
  }
  return out;
}

bool ApplyPermission(std::string_view name, PermissionReport& p) {
  const std::set<std::string> w = Words(name);
  const auto has = [&](const char* word) { return w.count(word) != 0; };
  if (has("funds") && has("query")) {
    p.reading = Flag::kOn;
    return true;
  }
  if (has("withdraw")) {
    p.withdrawals = Flag::kOn;
    return true;
  }
  if (has("funds") && (has("add") || has("deposit"))) {
    p.deposit = Flag::kOn;
    return true;
  }
  if (has("earn")) {
    p.earn = Flag::kOn;
    return true;
  }
  if (has("trades") && has("modify")) {
    p.spot_trading = Flag::kOn;
    return true;
  }
  // Reads and cancels: needed or harmless.
  if (has("trades") && (has("query") || has("close") || has("cancel"))) return true;
  if (has("ledger") || (has("export") && has("data")) || has("websocket")) return true;
  return false;
}

void ApplyStructuralLimits(PermissionReport& p) {
  p.futures = Flag::kOff;
  p.options = Flag::kOff;
  p.leveraged_tokens = Flag::kOff;
  p.portfolio_margin = Flag::kOff;
  // Margin orders (leverage, reduce_only, margin) and wallet and account transfers are reachable
  // through Create & Modify Orders and Query Funds; Amanah's signer refuses them before signing
  // (the driver's notes say so), and the account state shows any margin in use.
  p.margin = Flag::kOff;
  p.internal_transfer = Flag::kOff;
  p.universal_transfer = Flag::kOff;
}

Result<KeyInfo> ParseApiKeyInfo(const JsonView& result) {
  KeyInfo info;
  PermissionReport& p = info.report;
  AMANAH_ASSIGN_OR_RETURN(auto name, result.OptionalString("apiKeyName"));
  if (name) info.name = *name;
  AMANAH_ASSIGN_OR_RETURN(auto iban, result.OptionalString("iban"));
  if (iban) info.iban = *iban;
  AMANAH_ASSIGN_OR_RETURN(auto permissions, result.Array("permissions"));
  p.reading = Flag::kOff;
  p.spot_trading = Flag::kOff;
  p.withdrawals = Flag::kOff;
  p.deposit = Flag::kOff;
  p.earn = Flag::kOff;
  for (const JsonView& item : permissions) {
    AMANAH_ASSIGN_OR_RETURN(std::string perm, item.AsString());
    info.permissions.push_back(perm);
    if (!ApplyPermission(perm, p)) {
      // A permission Amanah does not know is taken to cross the boundary until shown otherwise.
      p.extra.push_back(PermissionReport::Extra{perm.substr(0, 64), Flag::kOn, true});
    }
  }
  ApplyStructuralLimits(p);
  p.read_only = p.spot_trading != Flag::kOn;
  AMANAH_ASSIGN_OR_RETURN(auto ips, result.Array("ipAllowlist"));
  std::vector<std::string> list;
  for (const JsonView& ip : ips) {
    AMANAH_ASSIGN_OR_RETURN(std::string text, ip.AsString());
    list.push_back(text);
  }
  p.ip_restricted = !list.empty();
  p.ip_list = std::move(list);
  if (result.Has("createdTime")) {
    AMANAH_ASSIGN_OR_RETURN(p.created_at_ms, SecondsAsMillis(result, "createdTime"));
  }
  if (result.Has("validUntil")) {
    AMANAH_ASSIGN_OR_RETURN(int64_t until, SecondsAsMillis(result, "validUntil"));
    if (until > 0) p.expires_at_ms = until;  // "0": no expiry
  }
  return info;
}

Result<void> ParseTradeBalance(const JsonView& result, AccountState& state) {
  AMANAH_ASSIGN_OR_RETURN(Decimal margin, AmountOf(result, "m"));
  if (margin.IsPositive()) {
    state.total_liability = margin;
    state.total_liability_unit = "USD of margin in use (TradeBalance m)";
    state.margin_mode = Flag::kOn;
  }
  return {};
}

Result<void> ParseOpenPositions(const JsonView& result, AccountState& state) {
  AMANAH_ASSIGN_OR_RETURN(auto members, result.Members());
  for (const auto& [id, pos] : members) {
    AMANAH_ASSIGN_OR_RETURN(std::string pair, pos.String("pair"));
    AMANAH_ASSIGN_OR_RETURN(std::string type, pos.String("type"));
    AMANAH_ASSIGN_OR_RETURN(Decimal vol, AmountOf(pos, "vol"));
    Decimal closed;
    if (pos.Has("vol_closed")) {
      AMANAH_ASSIGN_OR_RETURN(closed, AmountOf(pos, "vol_closed"));
    }
    AMANAH_ASSIGN_OR_RETURN(Decimal open, vol.Sub(closed));
    if (open.IsZero()) continue;
    state.positions.push_back(Position{pair, "margin", type == "sell" ? open.Negated() : open});
    state.margin_mode = Flag::kOn;
  }
  return {};
}

Result<std::string> ParseAddOrder(const JsonView& result) {
  AMANAH_ASSIGN_OR_RETURN(auto txids, result.Array("txid"));
  if (txids.empty()) {
    AMANAH_ASSIGN_OR_RETURN(JsonView f, result.Field("txid"));
    return f.Problem("is empty");
  }
  return txids[0].AsString();
}

OrderStatus MapOrderStatus(std::string_view word, const Decimal& /*vol*/, const Decimal& vol_exec) {
  if (word == "pending") return OrderStatus::kNew;
  if (word == "open") {
    return vol_exec.IsPositive() ? OrderStatus::kPartiallyFilled : OrderStatus::kNew;
  }
  // "closed" is Kraken's filled (a viqc order's vol is in the quote: no comparison with vol_exec).
  if (word == "closed") return OrderStatus::kFilled;
  if (word == "canceled") return OrderStatus::kCanceled;
  if (word == "expired") return OrderStatus::kExpired;
  return OrderStatus::kUnknown;
}

Result<OrderReport> ParseOrder(const std::string& txid, const JsonView& order) {
  OrderReport r;
  r.order_id = txid;
  AMANAH_ASSIGN_OR_RETURN(JsonView descr, order.Field("descr"));
  AMANAH_ASSIGN_OR_RETURN(r.symbol, descr.String("pair"));
  AMANAH_ASSIGN_OR_RETURN(std::string side, descr.String("type"));
  r.side = side == "sell" ? Side::kSell : Side::kBuy;
  AMANAH_ASSIGN_OR_RETURN(auto cl, order.OptionalString("cl_ord_id"));
  if (cl) r.client_order_id = *cl;
  AMANAH_ASSIGN_OR_RETURN(r.exchange_status, order.String("status"));
  AMANAH_ASSIGN_OR_RETURN(r.orig_qty, AmountOf(order, "vol"));
  AMANAH_ASSIGN_OR_RETURN(r.executed_qty, AmountOf(order, "vol_exec"));
  AMANAH_ASSIGN_OR_RETURN(r.cumulative_quote, AmountOf(order, "cost"));
  AMANAH_ASSIGN_OR_RETURN(r.price, AmountOf(descr, "price"));
  AMANAH_ASSIGN_OR_RETURN(r.time_ms, SecondsAsMillis(order, "opentm"));
  r.status = MapOrderStatus(r.exchange_status, r.orig_qty, r.executed_qty);
  return r;
}

Result<std::vector<OrderReport>> ParseOrders(const JsonView& result, std::string_view member) {
  JsonView list = result;
  if (!member.empty()) {
    AMANAH_ASSIGN_OR_RETURN(list, result.Field(member));
  }
  std::vector<OrderReport> out;
  AMANAH_ASSIGN_OR_RETURN(auto members, list.Members());
  for (const auto& [txid, order] : members) {
    AMANAH_ASSIGN_OR_RETURN(OrderReport r, ParseOrder(txid, order));
    out.push_back(std::move(r));
  }
  std::sort(out.begin(), out.end(),
            [](const OrderReport& a, const OrderReport& b) { return a.time_ms < b.time_ms; });
  return out;
}

Result<std::vector<TradeReport>> ParseTrades(const JsonView& result, std::string_view member,
                                             const std::map<std::string, std::string>& symbols) {
  JsonView list = result;
  if (!member.empty()) {
    AMANAH_ASSIGN_OR_RETURN(list, result.Field(member));
  }
  std::vector<TradeReport> out;
  AMANAH_ASSIGN_OR_RETURN(auto members, list.Members());
  for (const auto& [txid, trade] : members) {
    TradeReport t;
    t.trade_id = txid;
    AMANAH_ASSIGN_OR_RETURN(std::string pair, trade.String("pair"));
    auto it = symbols.find(pair);
    t.symbol = it != symbols.end() ? it->second : pair;
    AMANAH_ASSIGN_OR_RETURN(t.order_id, trade.String("ordertxid"));
    AMANAH_ASSIGN_OR_RETURN(t.price, AmountOf(trade, "price"));
    AMANAH_ASSIGN_OR_RETURN(t.qty, AmountOf(trade, "vol"));
    AMANAH_ASSIGN_OR_RETURN(t.quote_qty, AmountOf(trade, "cost"));
    AMANAH_ASSIGN_OR_RETURN(t.commission, AmountOf(trade, "fee"));
    AMANAH_ASSIGN_OR_RETURN(std::string type, trade.String("type"));
    t.is_buyer = type == "buy";
    AMANAH_ASSIGN_OR_RETURN(t.time_ms, SecondsAsMillis(trade, "time"));
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(),
            [](const TradeReport& a, const TradeReport& b) { return a.time_ms < b.time_ms; });
  return out;
}

Result<Ticker> ParseTicker(const JsonView& result, const std::string& symbol) {
  AMANAH_ASSIGN_OR_RETURN(auto members, result.Members());
  if (members.empty()) return result.Problem("has no pair");
  const JsonView& t = members[0].second;
  AMANAH_ASSIGN_OR_RETURN(auto last, t.Array("c"));
  AMANAH_ASSIGN_OR_RETURN(auto volume, t.Array("v"));
  AMANAH_ASSIGN_OR_RETURN(auto vwap, t.Array("p"));
  if (last.empty() || volume.size() < 2 || vwap.size() < 2) {
    return t.Problem("lacks c[0], v[1] or p[1]");
  }
  Ticker out;
  out.symbol = symbol;
  AMANAH_ASSIGN_OR_RETURN(out.last_price, DecimalOfValue(last[0]));
  AMANAH_ASSIGN_OR_RETURN(Decimal base_volume, DecimalOfValue(volume[1]));
  AMANAH_ASSIGN_OR_RETURN(Decimal average, DecimalOfValue(vwap[1]));
  out.quote_volume_24h = DecimalOr(base_volume.Mul(average, base::Rounding::kDown));
  return out;
}

Result<std::vector<Candle>> ParseOhlc(const JsonView& result) {
  AMANAH_ASSIGN_OR_RETURN(auto members, result.Members());
  std::vector<Candle> out;
  for (const auto& [name, rows] : members) {
    if (name == "last") continue;
    AMANAH_ASSIGN_OR_RETURN(auto list, rows.AsArray());
    for (const JsonView& row : list) {
      AMANAH_ASSIGN_OR_RETURN(auto cells, row.AsArray());
      if (cells.size() < 5) return row.Problem("has fewer than 5 cells");
      Candle c;
      AMANAH_ASSIGN_OR_RETURN(c.open_time_ms, MillisOfValue(cells[0]));
      AMANAH_ASSIGN_OR_RETURN(c.open, DecimalOfValue(cells[1]));
      AMANAH_ASSIGN_OR_RETURN(c.high, DecimalOfValue(cells[2]));
      AMANAH_ASSIGN_OR_RETURN(c.low, DecimalOfValue(cells[3]));
      AMANAH_ASSIGN_OR_RETURN(c.close, DecimalOfValue(cells[4]));
      out.push_back(c);
    }
    break;
  }
  std::sort(out.begin(), out.end(),
            [](const Candle& a, const Candle& b) { return a.open_time_ms < b.open_time_ms; });
  return out;
}

}  // namespace amanah::exchange::kraken
