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
  return Bad("type", "expected LIMIT, MARKET or LIMIT_MAKER");
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
  return json::object{{"reading", p.reading},
                      {"spot_and_margin_trading", p.spot_and_margin_trading},
                      {"withdrawals", p.withdrawals},
                      {"internal_transfer", p.internal_transfer},
                      {"margin", p.margin},
                      {"futures", p.futures},
                      {"universal_transfer", p.universal_transfer},
                      {"vanilla_options", p.vanilla_options},
                      {"portfolio_margin", p.portfolio_margin},
                      {"fix_api_trade", p.fix_api_trade},
                      {"fix_read_only", p.fix_read_only}};
}

Result<void> Update(const json::object& in, Permissions& p) {
  struct Flag {
    std::string_view name;
    bool Permissions::*member;
  };
  static constexpr Flag kFlags[] = {
      {"reading", &Permissions::reading},
      {"spot_and_margin_trading", &Permissions::spot_and_margin_trading},
      {"withdrawals", &Permissions::withdrawals},
      {"internal_transfer", &Permissions::internal_transfer},
      {"margin", &Permissions::margin},
      {"futures", &Permissions::futures},
      {"universal_transfer", &Permissions::universal_transfer},
      {"vanilla_options", &Permissions::vanilla_options},
      {"portfolio_margin", &Permissions::portfolio_margin},
      {"fix_api_trade", &Permissions::fix_api_trade},
      {"fix_read_only", &Permissions::fix_read_only},
  };
  for (const auto& [name, value] : in) {
    const Flag* flag = nullptr;
    for (const Flag& f : kFlags) {
      if (f.name == name) flag = &f;
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
                      {"can_trade", a.can_trade},
                      {"can_withdraw", a.can_withdraw},
                      {"can_deposit", a.can_deposit},
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
    } else if (name == "can_trade") {
      AMANAH_ASSIGN_OR_RETURN(a.can_trade, BoolField(value, name));
    } else if (name == "can_withdraw") {
      AMANAH_ASSIGN_OR_RETURN(a.can_withdraw, BoolField(value, name));
    } else if (name == "can_deposit") {
      AMANAH_ASSIGN_OR_RETURN(a.can_deposit, BoolField(value, name));
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
  json::object out{{"api_key", k.api_key},           {"account", k.account},
                   {"type", KeyTypeName(k.type)},    {"permissions", ToJson(k.permissions)},
                   {"ip_whitelist", std::move(ips)}, {"create_time", k.create_time}};
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
                      {"placed_by_admin", o.placed_by_admin}};
}

Result<Order> OrderFromJson(const json::object& in) {
  Order o;
  try {
    o.id = in.at("id").to_number<uint64_t>();
    o.account = in.at("account").to_number<uint64_t>();
    o.symbol = std::string(in.at("symbol").as_string());
    o.client_order_id = std::string(in.at("client_order_id").as_string());
    AMANAH_ASSIGN_OR_RETURN(o.side, SideFrom(in.at("side").as_string()));
    AMANAH_ASSIGN_OR_RETURN(o.type, TypeFrom(in.at("type").as_string()));
    AMANAH_ASSIGN_OR_RETURN(o.tif, TifFrom(in.at("time_in_force").as_string()));
    o.price = in.at("price").to_number<int64_t>();
    o.orig_qty = in.at("orig_qty").to_number<int64_t>();
    o.executed = in.at("executed").to_number<int64_t>();
    AMANAH_ASSIGN_OR_RETURN(o.cummulative_quote,
                            DecimalField(in.at("cummulative_quote"), "cummulative_quote"));
    AMANAH_ASSIGN_OR_RETURN(o.orig_quote_order_qty,
                            DecimalField(in.at("orig_quote_order_qty"), "orig_quote_order_qty"));
    AMANAH_ASSIGN_OR_RETURN(o.locked, DecimalField(in.at("locked"), "locked"));
    AMANAH_ASSIGN_OR_RETURN(o.status, StatusFrom(in.at("status").as_string()));
    o.time = in.at("time").to_number<int64_t>();
    o.update_time = in.at("update_time").to_number<int64_t>();
    o.placed_by_admin = in.at("placed_by_admin").as_bool();
  } catch (const std::exception& e) {
    return Bad("orders", std::string("malformed order: ") + e.what());
  }
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

Result<Trade> TradeFromJson(const json::object& in) {
  Trade t;
  try {
    t.id = in.at("id").to_number<uint64_t>();
    t.account = in.at("account").to_number<uint64_t>();
    t.order_id = in.at("order_id").to_number<uint64_t>();
    t.symbol = std::string(in.at("symbol").as_string());
    t.price = in.at("price").to_number<int64_t>();
    t.qty = in.at("qty").to_number<int64_t>();
    AMANAH_ASSIGN_OR_RETURN(t.quote_qty, DecimalField(in.at("quote_qty"), "quote_qty"));
    AMANAH_ASSIGN_OR_RETURN(t.commission, DecimalField(in.at("commission"), "commission"));
    t.commission_asset = std::string(in.at("commission_asset").as_string());
    t.time = in.at("time").to_number<int64_t>();
    t.is_buyer = in.at("is_buyer").as_bool();
    t.is_maker = in.at("is_maker").as_bool();
  } catch (const std::exception& e) {
    return Bad("trades", std::string("malformed trade: ") + e.what());
  }
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
    } else {
      return Bad(name, "unknown order field");
    }
  }
  if (o.symbol.empty()) return Bad("symbol", "required");
  if (o.type != OrderType::kMarket && !o.price)
    return Bad("price", "required for LIMIT and LIMIT_MAKER");
  if (!o.quantity && !(o.type == OrderType::kMarket && o.quote_order_qty))
    return Bad("quantity", "required (or quote_order_qty for MARKET)");
  return o;
}

}  // namespace amanah::paper
