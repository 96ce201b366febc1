#include "core/state_json.h"

#include <boost/json.hpp>

namespace amanah::paper {

namespace json = boost::json;
using base::Decimal;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

Error Bad(std::string_view field, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument,
               "field '" + std::string(field) + "': " + std::string(why));
}

Result<bool> BoolField(const json::value& v, std::string_view name) {
  if (!v.is_bool()) return Bad(name, "expected true or false");
  return v.as_bool();
}

Result<int64_t> IntField(const json::value& v, std::string_view name) {
  if (v.is_int64()) return v.as_int64();
  if (v.is_uint64() && v.as_uint64() <= INT64_MAX) return static_cast<int64_t>(v.as_uint64());
  return Bad(name, "expected an integer");
}

Result<std::string> StringField(const json::value& v, std::string_view name) {
  if (!v.is_string()) return Bad(name, "expected a string");
  return std::string(v.as_string());
}

std::string Text(const Decimal& d) { return d.ToString(); }

// Calls `apply(value)` for `name` if present.
template <typename F>
Result<void> Field(const json::object& in, std::string_view name, F apply) {
  auto found = in.find(name);
  if (found == in.end()) return {};
  return apply(found->value());
}

Result<Side> SideFrom(std::string_view s) {
  if (s == "BUY") return Side::kBuy;
  if (s == "SELL") return Side::kSell;
  return Bad("side", "expected BUY or SELL");
}

Result<OrderType> TypeFrom(std::string_view s) {
  if (s == "LIMIT") return OrderType::kLimit;
  if (s == "MARKET") return OrderType::kMarket;
  if (s == "LIMIT_MAKER") return OrderType::kLimitMaker;
  if (s == "STOP_LOSS_LIMIT") return OrderType::kStopLossLimit;
  if (s == "TAKE_PROFIT_LIMIT") return OrderType::kTakeProfitLimit;
  return Bad("type", "expected LIMIT, MARKET, LIMIT_MAKER, STOP_LOSS_LIMIT or TAKE_PROFIT_LIMIT");
}

Result<TimeInForce> TifFrom(std::string_view s) {
  if (s == "GTC") return TimeInForce::kGtc;
  if (s == "IOC") return TimeInForce::kIoc;
  if (s == "FOK") return TimeInForce::kFok;
  return Bad("time_in_force", "expected GTC, IOC or FOK");
}

Result<OrderStatus> StatusFrom(std::string_view s) {
  for (auto status : {OrderStatus::kNew, OrderStatus::kPartiallyFilled, OrderStatus::kFilled,
                      OrderStatus::kCanceled, OrderStatus::kRejected, OrderStatus::kExpired}) {
    if (OrderStatusName(status) == s) return status;
  }
  return Bad("status", "unknown order status");
}

}  // namespace

Result<Decimal> DecimalField(const json::value& v, std::string_view name) {
  if (v.is_string()) {
    auto d = Decimal::Parse(v.as_string());
    if (!d) return Bad(name, d.error().message());
    return *d;
  }
  if (v.is_int64()) return Decimal::FromInt(v.as_int64());
  return Bad(name, "expected a decimal string such as \"0.01\"");
}

json::object ToJson(const Permissions& p) {
  json::object out;
  for (const PermissionName& name : PermissionNames()) {
    if (!name.alias) out[name.name] = p.*(name.member);
  }
  return out;
}

Result<void> Update(const json::object& in, Permissions& p) {
  for (const auto& [name, value] : in) {
    const PermissionName* flag = nullptr;
    for (const PermissionName& candidate : PermissionNames()) {
      if (candidate.name == name) flag = &candidate;
    }
    if (flag == nullptr) return Bad(name, "unknown permission");
    AMANAH_ASSIGN_OR_RETURN(p.*(flag->member), BoolField(value, name));
  }
  return {};
}

json::object ToJson(const Account& a) {
  json::object balances;
  for (const auto& [asset, b] : a.balances)
    balances[asset] = json::object{{"free", Text(b.free)}, {"locked", Text(b.locked)}};
  json::array loans;
  for (const auto& l : a.margin_loans)
    loans.push_back(
        {{"asset", l.asset}, {"borrowed", Text(l.borrowed)}, {"interest", Text(l.interest)}});
  json::array positions;
  for (const auto& p : a.futures_positions)
    positions.push_back({{"symbol", p.symbol},
                         {"position_amt", Text(p.position_amt)},
                         {"entry_price", Text(p.entry_price)}});
  return json::object{{"uid", a.uid},
                      {"name", a.name},
                      {"venue", a.venue},
                      {"can_trade", a.can_trade},
                      {"can_withdraw", a.can_withdraw},
                      {"can_deposit", a.can_deposit},
                      {"spot_margin", a.spot_margin},
                      {"auto_borrow", a.auto_borrow},
                      {"maker_rate", Text(a.maker_rate)},
                      {"taker_rate", Text(a.taker_rate)},
                      {"balances", std::move(balances)},
                      {"margin_loans", std::move(loans)},
                      {"futures_positions", std::move(positions)},
                      {"futures_wallet", Text(a.futures_wallet)},
                      {"update_time", a.update_time}};
}

Result<void> Update(const json::object& in, Account& a) {
  for (const auto& [name, value] : in) {
    if (name == "uid" || name == "update_time") continue;  // assigned by the exchange
    if (name == "name") {
      AMANAH_ASSIGN_OR_RETURN(a.name, StringField(value, name));
    } else if (name == "venue") {
      AMANAH_ASSIGN_OR_RETURN(a.venue, StringField(value, name));
    } else if (name == "can_trade") {
      AMANAH_ASSIGN_OR_RETURN(a.can_trade, BoolField(value, name));
    } else if (name == "can_withdraw") {
      AMANAH_ASSIGN_OR_RETURN(a.can_withdraw, BoolField(value, name));
    } else if (name == "can_deposit") {
      AMANAH_ASSIGN_OR_RETURN(a.can_deposit, BoolField(value, name));
    } else if (name == "spot_margin") {
      AMANAH_ASSIGN_OR_RETURN(a.spot_margin, BoolField(value, name));
    } else if (name == "auto_borrow") {
      AMANAH_ASSIGN_OR_RETURN(a.auto_borrow, BoolField(value, name));
    } else if (name == "maker_rate") {
      AMANAH_ASSIGN_OR_RETURN(a.maker_rate, DecimalField(value, name));
    } else if (name == "taker_rate") {
      AMANAH_ASSIGN_OR_RETURN(a.taker_rate, DecimalField(value, name));
    } else if (name == "futures_wallet") {
      AMANAH_ASSIGN_OR_RETURN(a.futures_wallet, DecimalField(value, name));
    } else if (name == "balances") {
      // {"USDT": "1000"} sets free; {"USDT": {"free": "1000", "locked": "0"}} sets both.
      if (!value.is_object()) return Bad(name, "expected a table of asset = amount");
      for (const auto& [asset, amount] : value.as_object()) {
        Balance& b = a.balances[std::string(asset)];
        if (amount.is_object()) {
          AMANAH_TRY(Field(amount.as_object(), "free", [&](const json::value& v) -> Result<void> {
            AMANAH_ASSIGN_OR_RETURN(b.free, DecimalField(v, "free"));
            return {};
          }));
          AMANAH_TRY(Field(amount.as_object(), "locked", [&](const json::value& v) -> Result<void> {
            AMANAH_ASSIGN_OR_RETURN(b.locked, DecimalField(v, "locked"));
            return {};
          }));
        } else {
          AMANAH_ASSIGN_OR_RETURN(b.free, DecimalField(amount, asset));
        }
        if (b.free.IsNegative() || b.locked.IsNegative())
          return Bad(asset, "a balance cannot be negative");
      }
    } else if (name == "margin_loans") {
      if (!value.is_array()) return Bad(name, "expected a list");
      a.margin_loans.clear();
      for (const auto& item : value.as_array()) {
        if (!item.is_object()) return Bad(name, "expected tables");
        const auto& o = item.as_object();
        MarginLoan loan;
        if (!o.contains("asset") || !o.contains("borrowed"))
          return Bad(name, "needs asset and borrowed");
        AMANAH_ASSIGN_OR_RETURN(loan.asset, StringField(o.at("asset"), "asset"));
        AMANAH_ASSIGN_OR_RETURN(loan.borrowed, DecimalField(o.at("borrowed"), "borrowed"));
        if (o.contains("interest")) {
          AMANAH_ASSIGN_OR_RETURN(loan.interest, DecimalField(o.at("interest"), "interest"));
        }
        a.margin_loans.push_back(std::move(loan));
      }
    } else if (name == "futures_positions") {
      if (!value.is_array()) return Bad(name, "expected a list");
      a.futures_positions.clear();
      for (const auto& item : value.as_array()) {
        if (!item.is_object()) return Bad(name, "expected tables");
        const auto& o = item.as_object();
        FuturesPosition p;
        if (!o.contains("symbol") || !o.contains("position_amt"))
          return Bad(name, "needs symbol and position_amt");
        AMANAH_ASSIGN_OR_RETURN(p.symbol, StringField(o.at("symbol"), "symbol"));
        AMANAH_ASSIGN_OR_RETURN(p.position_amt, DecimalField(o.at("position_amt"), "position_amt"));
        if (o.contains("entry_price")) {
          AMANAH_ASSIGN_OR_RETURN(p.entry_price, DecimalField(o.at("entry_price"), "entry_price"));
        }
        a.futures_positions.push_back(std::move(p));
      }
    } else {
      return Bad(name, "unknown account field");
    }
  }
  return {};
}

json::object ToJson(const ApiKey& k) {
  json::array ips;
  for (const auto& ip : k.ip_whitelist) ips.push_back(json::string(ip));
  json::object out{{"api_key", k.api_key},
                   {"venue", k.venue},
                   {"account", k.account},
                   {"type", KeyTypeName(k.type)},
                   {"permissions", ToJson(k.permissions)},
                   {"ip_whitelist", std::move(ips)},
                   {"create_time", k.create_time}};
  if (!k.passphrase.empty()) out["passphrase"] = k.passphrase;
  if (k.type == KeyType::kHmac) {
    out["secret"] = k.secret;
  } else {
    out["public_key"] = k.public_pem;
  }
  return out;
}

Result<void> Update(const json::object& in, ApiKey& k) {
  for (const auto& [name, value] : in) {
    if (name == "api_key") {
      AMANAH_ASSIGN_OR_RETURN(k.api_key, StringField(value, name));
    } else if (name == "account") {
      AMANAH_ASSIGN_OR_RETURN(int64_t uid, IntField(value, name));
      k.account = static_cast<uint64_t>(uid);
    } else if (name == "type") {
      AMANAH_ASSIGN_OR_RETURN(std::string type, StringField(value, name));
      for (char& c : type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (type == "HMAC") {
        k.type = KeyType::kHmac;
      } else if (type == "ED25519") {
        k.type = KeyType::kEd25519;
      } else if (type == "RSA") {
        k.type = KeyType::kRsa;
      } else {
        return Bad(name, "expected hmac, ed25519 or rsa");
      }
    } else if (name == "venue") {
      AMANAH_ASSIGN_OR_RETURN(k.venue, StringField(value, name));
    } else if (name == "passphrase") {
      AMANAH_ASSIGN_OR_RETURN(k.passphrase, StringField(value, name));
    } else if (name == "secret") {
      AMANAH_ASSIGN_OR_RETURN(k.secret, StringField(value, name));
    } else if (name == "public_key") {
      AMANAH_ASSIGN_OR_RETURN(k.public_pem, StringField(value, name));
    } else if (name == "permissions") {
      if (!value.is_object()) return Bad(name, "expected a table of flags");
      AMANAH_TRY(Update(value.as_object(), k.permissions));
    } else if (name == "ip_whitelist") {
      if (!value.is_array()) return Bad(name, "expected a list of IP addresses");
      k.ip_whitelist.clear();
      for (const auto& ip : value.as_array()) {
        AMANAH_ASSIGN_OR_RETURN(std::string text, StringField(ip, name));
        k.ip_whitelist.push_back(std::move(text));
      }
    } else if (name == "create_time") {
      AMANAH_ASSIGN_OR_RETURN(k.create_time, IntField(value, name));
    } else if (name == "name" || name == "private_key") {
      continue;  // scenario bookkeeping, not part of the key
    } else {
      return Bad(name, "unknown key field");
    }
  }
  return {};
}

Result<void> Update(const json::object& in, SymbolSpec& s) {
  for (const auto& entry : in) {
    std::string_view name = entry.key();
    const json::value& value = entry.value();
    auto dec = [&](Decimal& out) -> Result<void> {
      AMANAH_ASSIGN_OR_RETURN(out, DecimalField(value, name));
      if (out.IsNegative()) return Bad(name, "cannot be negative");
      return {};
    };
    auto integer = [&](auto& out, int64_t lo, int64_t hi) -> Result<void> {
      AMANAH_ASSIGN_OR_RETURN(int64_t v, IntField(value, name));
      if (v < lo || v > hi)
        return Bad(name, "out of range " + std::to_string(lo) + ".." + std::to_string(hi));
      out = static_cast<std::remove_reference_t<decltype(out)>>(v);
      return {};
    };
    if (name == "symbol") {
      AMANAH_ASSIGN_OR_RETURN(s.symbol, StringField(value, name));
    } else if (name == "base") {
      AMANAH_ASSIGN_OR_RETURN(s.base, StringField(value, name));
    } else if (name == "quote") {
      AMANAH_ASSIGN_OR_RETURN(s.quote, StringField(value, name));
    } else if (name == "status") {
      AMANAH_ASSIGN_OR_RETURN(s.status, StringField(value, name));
      if (s.status != "TRADING" && s.status != "HALT" && s.status != "BREAK")
        return Bad(name, "expected TRADING, HALT or BREAK");
    } else if (name == "base_precision") {
      AMANAH_TRY(integer(s.base_precision, 0, 18));
    } else if (name == "quote_precision") {
      AMANAH_TRY(integer(s.quote_precision, 0, 18));
    } else if (name == "margin_allowed") {
      AMANAH_ASSIGN_OR_RETURN(s.margin_allowed, BoolField(value, name));
    } else if (name == "permission_sets") {
      if (!value.is_array()) return Bad(name, "expected a list of lists, e.g. [[\"SPOT\"]]");
      s.permission_sets.clear();
      for (const auto& set : value.as_array()) {
        if (!set.is_array()) return Bad(name, "expected a list of lists");
        std::vector<std::string> one;
        for (const auto& p : set.as_array()) {
          AMANAH_ASSIGN_OR_RETURN(std::string text, StringField(p, name));
          one.push_back(std::move(text));
        }
        s.permission_sets.push_back(std::move(one));
      }
    } else if (name == "tick_size") {
      AMANAH_TRY(dec(s.tick_size));
    } else if (name == "min_price") {
      AMANAH_TRY(dec(s.min_price));
    } else if (name == "max_price") {
      AMANAH_TRY(dec(s.max_price));
    } else if (name == "step_size") {
      AMANAH_TRY(dec(s.step_size));
    } else if (name == "min_qty") {
      AMANAH_TRY(dec(s.min_qty));
    } else if (name == "max_qty") {
      AMANAH_TRY(dec(s.max_qty));
    } else if (name == "market_step_size") {
      AMANAH_TRY(dec(s.market_step_size));
    } else if (name == "market_min_qty") {
      AMANAH_TRY(dec(s.market_min_qty));
    } else if (name == "market_max_qty") {
      AMANAH_TRY(dec(s.market_max_qty));
    } else if (name == "min_notional") {
      AMANAH_TRY(dec(s.min_notional));
    } else if (name == "max_notional") {
      AMANAH_TRY(dec(s.max_notional));
    } else if (name == "apply_min_to_market") {
      AMANAH_ASSIGN_OR_RETURN(s.apply_min_to_market, BoolField(value, name));
    } else if (name == "apply_max_to_market") {
      AMANAH_ASSIGN_OR_RETURN(s.apply_max_to_market, BoolField(value, name));
    } else if (name == "max_num_orders") {
      AMANAH_TRY(integer(s.max_num_orders, 0, 100000));
    } else if (name == "min_trailing_above_delta") {
      AMANAH_TRY(integer(s.min_trailing_above_delta, 1, 9999));
    } else if (name == "max_trailing_above_delta") {
      AMANAH_TRY(integer(s.max_trailing_above_delta, 1, 9999));
    } else if (name == "min_trailing_below_delta") {
      AMANAH_TRY(integer(s.min_trailing_below_delta, 1, 9999));
    } else if (name == "max_trailing_below_delta") {
      AMANAH_TRY(integer(s.max_trailing_below_delta, 1, 9999));
    } else if (name == "start_price") {
      AMANAH_TRY(dec(s.start_price));
    } else if (name == "volatility_bp") {
      AMANAH_TRY(integer(s.volatility_bp, 0, 10000));
    } else if (name == "seed") {
      AMANAH_TRY(integer(s.seed, 0, INT64_MAX));
    } else if (name == "step_millis") {
      AMANAH_TRY(integer(s.step_millis, 0, 86'400'000));
    } else if (name == "spread_bp") {
      AMANAH_TRY(integer(s.spread_bp, 0, 10000));
    } else if (name == "depth_levels") {
      AMANAH_TRY(integer(s.depth_levels, 1, 1000));
    } else if (name == "level_qty") {
      AMANAH_TRY(dec(s.level_qty));
    } else if (name == "quote_volume_24h") {
      AMANAH_TRY(dec(s.crowd_quote_volume_24h));
    } else if (name == "replay") {
      if (!value.is_array()) return Bad(name, "expected a list of prices");
      s.replay.clear();
      for (const auto& p : value.as_array()) {
        AMANAH_ASSIGN_OR_RETURN(Decimal price, DecimalField(p, name));
        s.replay.push_back(price);
      }
    } else if (name == "replay_csv") {
      continue;  // resolved by the scenario loader into `replay`
    } else {
      return Bad(name, "unknown market field");
    }
  }
  if (s.symbol.empty() || s.base.empty() || s.quote.empty())
    return Bad("symbol", "symbol, base and quote are required");
  if (s.base + s.quote != s.symbol)
    return Bad("symbol", s.symbol + " is not base followed by quote");
  return {};
}

json::object ToJson(const Order& o) {
  return json::object{{"id", o.id},
                      {"account", o.account},
                      {"symbol", o.symbol},
                      {"client_order_id", o.client_order_id},
                      {"side", SideName(o.side)},
                      {"type", OrderTypeName(o.type)},
                      {"time_in_force", TimeInForceName(o.tif)},
                      {"price", o.price},
                      {"orig_qty", o.orig_qty},
                      {"executed", o.executed},
                      {"cummulative_quote", Text(o.cummulative_quote)},
                      {"orig_quote_order_qty", Text(o.orig_quote_order_qty)},
                      {"locked", Text(o.locked)},
                      {"status", OrderStatusName(o.status)},
                      {"time", o.time},
                      {"update_time", o.update_time},
                      {"placed_by_admin", o.placed_by_admin},
                      {"stop_price", o.stop_price},
                      {"trailing_delta", o.trailing_delta},
                      {"working", o.working},
                      {"extreme", o.extreme},
                      {"working_time", o.working_time}};
}

Result<Order> OrderFromJson(const base::JsonView& in) {
  Order o;
  AMANAH_ASSIGN_OR_RETURN(int64_t id, in.Int("id"));
  AMANAH_ASSIGN_OR_RETURN(int64_t account, in.Int("account"));
  if (id <= 0 || account < 0) return in.Problem("has a negative or zero id");
  o.id = static_cast<uint64_t>(id);
  o.account = static_cast<uint64_t>(account);
  AMANAH_ASSIGN_OR_RETURN(o.symbol, in.String("symbol"));
  AMANAH_ASSIGN_OR_RETURN(o.client_order_id, in.String("client_order_id"));
  AMANAH_ASSIGN_OR_RETURN(std::string side, in.String("side"));
  AMANAH_ASSIGN_OR_RETURN(o.side, SideFrom(side));
  AMANAH_ASSIGN_OR_RETURN(std::string type, in.String("type"));
  AMANAH_ASSIGN_OR_RETURN(o.type, TypeFrom(type));
  AMANAH_ASSIGN_OR_RETURN(std::string tif, in.String("time_in_force"));
  AMANAH_ASSIGN_OR_RETURN(o.tif, TifFrom(tif));
  AMANAH_ASSIGN_OR_RETURN(o.price, in.Int("price"));
  AMANAH_ASSIGN_OR_RETURN(o.orig_qty, in.Int("orig_qty"));
  AMANAH_ASSIGN_OR_RETURN(o.executed, in.Int("executed"));
  if (o.price < 0 || o.orig_qty < 0 || o.executed < 0 || o.executed > o.orig_qty)
    return in.Problem("has a negative price or quantity, or more executed than ordered");
  AMANAH_ASSIGN_OR_RETURN(o.cummulative_quote, in.DecimalString("cummulative_quote"));
  AMANAH_ASSIGN_OR_RETURN(o.orig_quote_order_qty, in.DecimalString("orig_quote_order_qty"));
  AMANAH_ASSIGN_OR_RETURN(o.locked, in.DecimalString("locked"));
  AMANAH_ASSIGN_OR_RETURN(std::string status, in.String("status"));
  AMANAH_ASSIGN_OR_RETURN(o.status, StatusFrom(status));
  AMANAH_ASSIGN_OR_RETURN(o.time, in.Int("time"));
  AMANAH_ASSIGN_OR_RETURN(o.update_time, in.Int("update_time"));
  AMANAH_ASSIGN_OR_RETURN(o.placed_by_admin, in.Bool("placed_by_admin"));
  o.working_time = o.time;
  if (in.Has("working")) {  // snapshots before contingent orders have none of these
    AMANAH_ASSIGN_OR_RETURN(o.stop_price, in.Int("stop_price"));
    AMANAH_ASSIGN_OR_RETURN(o.trailing_delta, in.Int("trailing_delta"));
    AMANAH_ASSIGN_OR_RETURN(o.working, in.Bool("working"));
    AMANAH_ASSIGN_OR_RETURN(o.extreme, in.Int("extreme"));
    AMANAH_ASSIGN_OR_RETURN(o.working_time, in.Int("working_time"));
  }
  if (o.stop_price < 0 || o.trailing_delta < 0 || o.trailing_delta >= 10000 || o.extreme < 0)
    return in.Problem("has a negative stop price or extreme, or a trailing delta outside 0..9999");
  if (!o.working && (!IsContingent(o.type) || !IsOpen(o.status)))
    return in.Problem("waits for a trigger but is not an open STOP_LOSS_LIMIT/TAKE_PROFIT_LIMIT");
  if (!IsContingent(o.type) && (o.stop_price != 0 || o.trailing_delta != 0))
    return in.Problem("has a stop price or trailing delta but is not a contingent type");
  return o;
}

json::object ToJson(const Trade& t) {
  return json::object{{"id", t.id},
                      {"account", t.account},
                      {"order_id", t.order_id},
                      {"symbol", t.symbol},
                      {"price", t.price},
                      {"qty", t.qty},
                      {"quote_qty", Text(t.quote_qty)},
                      {"commission", Text(t.commission)},
                      {"commission_asset", t.commission_asset},
                      {"time", t.time},
                      {"is_buyer", t.is_buyer},
                      {"is_maker", t.is_maker}};
}

Result<Trade> TradeFromJson(const base::JsonView& in) {
  Trade t;
  AMANAH_ASSIGN_OR_RETURN(int64_t id, in.Int("id"));
  AMANAH_ASSIGN_OR_RETURN(int64_t account, in.Int("account"));
  AMANAH_ASSIGN_OR_RETURN(int64_t order_id, in.Int("order_id"));
  if (id <= 0 || account < 0 || order_id <= 0) return in.Problem("has a negative or zero id");
  t.id = static_cast<uint64_t>(id);
  t.account = static_cast<uint64_t>(account);
  t.order_id = static_cast<uint64_t>(order_id);
  AMANAH_ASSIGN_OR_RETURN(t.symbol, in.String("symbol"));
  AMANAH_ASSIGN_OR_RETURN(t.price, in.Int("price"));
  AMANAH_ASSIGN_OR_RETURN(t.qty, in.Int("qty"));
  if (t.price < 0 || t.qty <= 0) return in.Problem("has a negative price or quantity");
  AMANAH_ASSIGN_OR_RETURN(t.quote_qty, in.DecimalString("quote_qty"));
  AMANAH_ASSIGN_OR_RETURN(t.commission, in.DecimalString("commission"));
  AMANAH_ASSIGN_OR_RETURN(t.commission_asset, in.String("commission_asset"));
  AMANAH_ASSIGN_OR_RETURN(t.time, in.Int("time"));
  AMANAH_ASSIGN_OR_RETURN(t.is_buyer, in.Bool("is_buyer"));
  AMANAH_ASSIGN_OR_RETURN(t.is_maker, in.Bool("is_maker"));
  return t;
}

Result<NewOrder> NewOrderFromJson(const json::object& in) {
  NewOrder o;
  for (const auto& [name, value] : in) {
    if (name == "symbol") {
      AMANAH_ASSIGN_OR_RETURN(o.symbol, StringField(value, name));
    } else if (name == "side") {
      AMANAH_ASSIGN_OR_RETURN(std::string s, StringField(value, name));
      AMANAH_ASSIGN_OR_RETURN(o.side, SideFrom(s));
    } else if (name == "type") {
      AMANAH_ASSIGN_OR_RETURN(std::string s, StringField(value, name));
      AMANAH_ASSIGN_OR_RETURN(o.type, TypeFrom(s));
    } else if (name == "time_in_force") {
      AMANAH_ASSIGN_OR_RETURN(std::string s, StringField(value, name));
      AMANAH_ASSIGN_OR_RETURN(o.tif, TifFrom(s));
    } else if (name == "quantity") {
      AMANAH_ASSIGN_OR_RETURN(o.quantity, DecimalField(value, name));
    } else if (name == "quote_order_qty") {
      AMANAH_ASSIGN_OR_RETURN(o.quote_order_qty, DecimalField(value, name));
    } else if (name == "price") {
      AMANAH_ASSIGN_OR_RETURN(o.price, DecimalField(value, name));
    } else if (name == "client_order_id") {
      AMANAH_ASSIGN_OR_RETURN(o.client_order_id, StringField(value, name));
    } else if (name == "stop_price") {
      AMANAH_ASSIGN_OR_RETURN(o.stop_price, DecimalField(value, name));
    } else if (name == "trailing_delta") {
      AMANAH_ASSIGN_OR_RETURN(o.trailing_delta, IntField(value, name));
      if (o.trailing_delta <= 0 || o.trailing_delta >= 10000)
        return Bad(name, "expected BIPS from 1 to 9999");
    } else {
      return Bad(name, "unknown order field");
    }
  }
  if (o.symbol.empty()) return Bad("symbol", "required");
  if (o.type != OrderType::kMarket && !o.price)
    return Bad("price", "required for every type but MARKET");
  if (IsContingent(o.type) && !o.stop_price && o.trailing_delta == 0)
    return Bad("stop_price", "a STOP_LOSS_LIMIT or TAKE_PROFIT_LIMIT needs it or trailing_delta");
  if (!IsContingent(o.type) && (o.stop_price || o.trailing_delta != 0))
    return Bad("stop_price", "only STOP_LOSS_LIMIT and TAKE_PROFIT_LIMIT take a trigger");
  if (!o.quantity && !(o.type == OrderType::kMarket && o.quote_order_qty))
    return Bad("quantity", "required (or quote_order_qty for MARKET)");
  return o;
}

}  // namespace amanah::paper
