#include "admin/admin_api.h"

#include <set>

#include <boost/json.hpp>

#include "core/state_json.h"
#include "crypto/constant_time.h"
#include "crypto/ed25519.h"
#include "crypto/rsa.h"

namespace amanah::paper {

namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr int64_t kDayMillis = 86'400'000;

HttpResponse Json(unsigned status, json::value body) {
  HttpResponse r;
  r.status = status;
  r.body = json::serialize(body);
  return r;
}

HttpResponse Fail(const Error& e) {
  unsigned status = 400;
  if (e.code() == ErrorCode::kNotFound) status = 404;
  if (e.code() == ErrorCode::kAlreadyExists) status = 409;
  if (e.code() == ErrorCode::kInternal) status = 500;
  return Json(status, json::object{{"error", ErrorCodeName(e.code())}, {"message", e.message()}});
}

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<json::object> Body(const HttpRequest& request) {
  if (request.body.empty()) return json::object{};
  boost::system::error_code ec;
  json::value v = json::parse(request.body, ec);
  if (ec || !v.is_object())
    return Error(ErrorCode::kInvalidArgument, "the body must be a JSON object");
  return v.as_object();
}

json::object CreatedJson(const AdminApi::CreatedKey& k) {
  json::object out{{"name", k.name}, {"api_key", k.api_key}, {"type", KeyTypeName(k.type)}};
  if (!k.secret.empty()) out["secret"] = k.secret;
  if (!k.private_key_pem.empty()) out["private_key"] = k.private_key_pem;
  return out;
}

}  // namespace

AdminApi::AdminApi(Exchange& exchange, binance::BinanceVenue& binance, std::string token)
    : exchange_(exchange), binance_(binance), token_(std::move(token)) {}

Result<Account*> AdminApi::AccountRef(const json::value& ref) {
  Account* account = nullptr;
  if (ref.is_string()) {
    account = exchange_.FindAccountByName(ref.as_string());
  } else if (ref.is_int64() || ref.is_uint64()) {
    account = exchange_.FindAccount(ref.to_number<uint64_t>());
  }
  if (account == nullptr)
    return Error(ErrorCode::kNotFound, "no such account: " + json::serialize(ref));
  return account;
}

Result<Account*> AdminApi::CreateAccount(const json::object& in) {
  std::string name;
  if (auto* n = in.if_contains("name"); n && n->is_string()) name = std::string(n->as_string());
  if (!name.empty() && exchange_.FindAccountByName(name) != nullptr)
    return Error(ErrorCode::kAlreadyExists, "account " + name + " exists already");
  std::optional<uint64_t> uid;
  if (auto* u = in.if_contains("uid")) {
    if (!u->is_int64() && !u->is_uint64())
      return Error(ErrorCode::kInvalidArgument, "uid must be an integer");
    uid = u->to_number<uint64_t>();
    if (exchange_.FindAccount(*uid) != nullptr)
      return Error(ErrorCode::kAlreadyExists, "uid exists already");
  }
  Account draft;
  AMANAH_TRY(Update(in, draft));  // validate everything before creating anything
  Account& account = exchange_.CreateAccount(name, uid);
  uint64_t id = account.uid;
  account = std::move(draft);
  account.uid = id;
  account.update_time = exchange_.NowMillis();
  return &account;
}

Result<AdminApi::CreatedKey> AdminApi::CreateKey(const json::object& in) {
  ApiKey key;
  json::object fields = in;
  const json::value* account_ref = fields.if_contains("account");
  if (account_ref == nullptr)
    return Error(ErrorCode::kInvalidArgument, "field 'account': required");
  AMANAH_ASSIGN_OR_RETURN(Account * account, AccountRef(*account_ref));
  fields.erase("account");
  int64_t days_ago = 0;
  if (auto* d = fields.if_contains("created_days_ago")) {
    if (!d->is_int64())
      return Error(ErrorCode::kInvalidArgument, "field 'created_days_ago': expected an integer");
    days_ago = d->as_int64();
    fields.erase("created_days_ago");
  }
  key.create_time = exchange_.NowMillis() - days_ago * kDayMillis;
  key.permissions.spot_and_margin_trading = false;
  AMANAH_TRY(Update(fields, key));
  key.account = account->uid;

  CreatedKey created;
  if (auto* n = in.if_contains("name"); n && n->is_string())
    created.name = std::string(n->as_string());
  if (key.api_key.empty()) key.api_key = exchange_.NewApiKeyId();
  if (key.api_key.size() != 64 || !std::all_of(key.api_key.begin(), key.api_key.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0;
      }))
    return Error(ErrorCode::kInvalidArgument,
                 "field 'api_key': Binance keys are 64 letters and digits");
  switch (key.type) {
    case KeyType::kHmac:
      if (key.secret.empty()) key.secret = exchange_.NewSecret();
      created.secret = key.secret;
      break;
    case KeyType::kEd25519:
      if (key.public_pem.empty()) {
        auto pair = crypto::Ed25519PrivateKey::Generate();
        auto pem = pair.ToPem();
        created.private_key_pem = std::string(pem.view());
        key.public_pem = pair.PublicKey().ToPem();
      } else if (!crypto::Ed25519PublicKey::FromPem(key.public_pem)) {
        return Error(ErrorCode::kInvalidArgument,
                     "field 'public_key': not an Ed25519 public key (PEM)");
      }
      break;
    case KeyType::kRsa:
      if (key.public_pem.empty()) {
        auto pair = crypto::RsaPrivateKey::Generate(2048);
        auto pem = pair.ToPem();
        created.private_key_pem = std::string(pem.view());
        key.public_pem = pair.PublicKey().ToPem();
      } else if (!crypto::RsaPublicKey::FromPem(key.public_pem)) {
        return Error(ErrorCode::kInvalidArgument,
                     "field 'public_key': not an RSA public key (PEM)");
      }
      break;
  }
  created.api_key = key.api_key;
  created.type = key.type;
  AMANAH_TRY(exchange_.AddKey(std::move(key)));
  return created;
}

Result<void> AdminApi::SetFaults(const json::object& in) {
  Faults& f = exchange_.faults();
  for (const auto& [name, value] : in) {
    if (!value.is_int64())
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': expected an integer");
    int64_t v = value.as_int64();
    if (name == "latency_ms") {
      f.latency_ms = std::clamp<int64_t>(v, 0, 120'000);
    } else if (name == "fail_before_accept") {
      f.fail_before_accept = static_cast<int>(std::max<int64_t>(0, v));
    } else if (name == "fail_after_accept") {
      f.fail_after_accept = static_cast<int>(std::max<int64_t>(0, v));
    } else if (name == "drop_after_accept") {
      f.drop_after_accept = static_cast<int>(std::max<int64_t>(0, v));
    } else if (name == "clock_skew_ms") {
      exchange_.SetClockSkew(v);
    } else {
      return Error(ErrorCode::kInvalidArgument, "field '" + std::string(name) + "': unknown fault");
    }
  }
  return {};
}

Result<void> AdminApi::SetLimits(const json::object& in) {
  binance::Limits limits = binance_.limits();
  for (const auto& [name, value] : in) {
    if (!value.is_int64() || value.as_int64() < 0)
      return Error(ErrorCode::kInvalidArgument,
                   "field '" + std::string(name) + "': expected a non-negative integer");
    int64_t v = value.as_int64();
    if (name == "weight_per_minute") {
      limits.weight_per_minute = v;
    } else if (name == "sapi_weight_per_minute") {
      limits.sapi_weight_per_minute = v;
    } else if (name == "orders_per_10s") {
      limits.orders_per_10s = v;
    } else if (name == "orders_per_day") {
      limits.orders_per_day = v;
    } else if (name == "ban_after") {
      limits.ban_after = static_cast<int>(v);
    } else {
      return Error(ErrorCode::kInvalidArgument, "field '" + std::string(name) + "': unknown limit");
    }
  }
  binance_.SetLimits(limits);
  return {};
}

Result<std::vector<AdminApi::CreatedKey>> AdminApi::Apply(const json::object& scenario) {
  auto list = [&](std::string_view name) -> Result<const json::array*> {
    auto* v = scenario.if_contains(name);
    if (v == nullptr) return static_cast<const json::array*>(nullptr);
    if (!v->is_array())
      return Error(ErrorCode::kInvalidArgument,
                   "'" + std::string(name) + "' must be a list of tables");
    return &v->as_array();
  };
  for (const auto& [name, _] : scenario) {
    if (name != "markets" && name != "accounts" && name != "keys" && name != "limits" &&
        name != "faults" && name != "exchange")
      return Error(ErrorCode::kInvalidArgument,
                   "unknown scenario section '" + std::string(name) + "'");
  }
  AMANAH_ASSIGN_OR_RETURN(const json::array* markets, list("markets"));
  std::vector<SymbolSpec> specs;
  for (size_t i = 0; markets && i < markets->size(); ++i) {
    SymbolSpec spec;
    if (!(*markets)[i].is_object())
      return Error(ErrorCode::kInvalidArgument,
                   "markets[" + std::to_string(i) + "] must be a table");
    auto ok = Update((*markets)[i].as_object(), spec);
    if (!ok) return ok.error().WithContext("markets[" + std::to_string(i) + "]");
    specs.push_back(std::move(spec));
  }
  for (SymbolSpec& spec : specs) AMANAH_TRY(exchange_.AddMarket(std::move(spec)));

  AMANAH_ASSIGN_OR_RETURN(const json::array* accounts, list("accounts"));
  for (size_t i = 0; accounts && i < accounts->size(); ++i) {
    if (!(*accounts)[i].is_object())
      return Error(ErrorCode::kInvalidArgument,
                   "accounts[" + std::to_string(i) + "] must be a table");
    auto ok = CreateAccount((*accounts)[i].as_object());
    if (!ok) return ok.error().WithContext("accounts[" + std::to_string(i) + "]");
  }
  std::vector<CreatedKey> created;
  AMANAH_ASSIGN_OR_RETURN(const json::array* keys, list("keys"));
  for (size_t i = 0; keys && i < keys->size(); ++i) {
    if (!(*keys)[i].is_object())
      return Error(ErrorCode::kInvalidArgument, "keys[" + std::to_string(i) + "] must be a table");
    auto key = CreateKey((*keys)[i].as_object());
    if (!key) return key.error().WithContext("keys[" + std::to_string(i) + "]");
    created.push_back(std::move(*key));
  }
  if (auto* limits = scenario.if_contains("limits"); limits && limits->is_object()) {
    AMANAH_TRY(SetLimits(limits->as_object()));
  }
  if (auto* faults = scenario.if_contains("faults"); faults && faults->is_object()) {
    AMANAH_TRY(SetFaults(faults->as_object()));
  }
  if (auto* ex = scenario.if_contains("exchange"); ex && ex->is_object()) {
    for (const auto& [name, value] : ex->as_object()) {
      if (name == "maintenance" && value.is_bool()) {
        exchange_.SetMaintenance(value.as_bool());
      } else {
        return Error(ErrorCode::kInvalidArgument,
                     "exchange." + std::string(name) + ": unknown or not a boolean");
      }
    }
  }
  return created;
}

json::object AdminApi::Snapshot() const {
  json::array accounts;
  for (const auto& [_, a] : exchange_.accounts()) accounts.push_back(ToJson(a));
  json::array keys;
  for (const auto& [_, k] : exchange_.keys()) keys.push_back(ToJson(k));
  json::array orders;
  for (const auto& [_, o] : exchange_.orders()) orders.push_back(ToJson(o));
  json::array trades;
  for (const auto& t : exchange_.trades()) trades.push_back(ToJson(t));
  const Faults& f = const_cast<Exchange&>(exchange_).faults();
  return json::object{{"format", "amanah-paper-snapshot/1"},
                      {"time", exchange_.NowMillis()},
                      {"maintenance", exchange_.maintenance()},
                      {"faults",
                       {{"latency_ms", f.latency_ms},
                        {"fail_before_accept", f.fail_before_accept},
                        {"fail_after_accept", f.fail_after_accept},
                        {"drop_after_accept", f.drop_after_accept},
                        {"clock_skew_ms", exchange_.clock_skew()}}},
                      {"accounts", std::move(accounts)},
                      {"keys", std::move(keys)},
                      {"orders", std::move(orders)},
                      {"trades", std::move(trades)},
                      {"next_order_id", exchange_.next_order_id()},
                      {"next_trade_id", exchange_.next_trade_id()}};
}

Result<void> AdminApi::Restore(const json::object& snap) {
  auto* format = snap.if_contains("format");
  if (format == nullptr || !format->is_string() || format->as_string() != "amanah-paper-snapshot/1")
    return Error(ErrorCode::kInvalidArgument,
                 "not an amanah-paper snapshot (format amanah-paper-snapshot/1)");
  // Parse everything first; the exchange changes only when the whole snapshot is good.
  std::vector<Account> accounts;
  std::vector<ApiKey> keys;
  std::map<uint64_t, Order> orders;
  std::deque<Trade> trades;
  try {
    for (const auto& a : snap.at("accounts").as_array()) {
      Account account;
      AMANAH_TRY(Update(a.as_object(), account));
      account.uid = a.as_object().at("uid").to_number<uint64_t>();
      account.update_time = a.as_object().at("update_time").to_number<int64_t>();
      accounts.push_back(std::move(account));
    }
    for (const auto& k : snap.at("keys").as_array()) {
      ApiKey key;
      AMANAH_TRY(Update(k.as_object(), key));
      keys.push_back(std::move(key));
    }
    for (const auto& o : snap.at("orders").as_array()) {
      AMANAH_ASSIGN_OR_RETURN(Order order, OrderFromJson(o.as_object()));
      if (exchange_.FindMarket(order.symbol) == nullptr)
        return Error(ErrorCode::kInvalidArgument,
                     "snapshot order on unknown symbol " + order.symbol);
      orders.emplace(order.id, std::move(order));
    }
    for (const auto& t : snap.at("trades").as_array()) {
      AMANAH_ASSIGN_OR_RETURN(Trade trade, TradeFromJson(t.as_object()));
      trades.push_back(std::move(trade));
    }
    uint64_t next_order = snap.at("next_order_id").to_number<uint64_t>();
    uint64_t next_trade = snap.at("next_trade_id").to_number<uint64_t>();
    bool maintenance = snap.at("maintenance").as_bool();
    json::object faults = snap.at("faults").as_object();

    std::set<uint64_t> uids;
    for (const Account& a : accounts) {
      if (!uids.insert(a.uid).second)
        return Error(ErrorCode::kInvalidArgument,
                     "snapshot has uid " + std::to_string(a.uid) + " twice");
    }
    std::set<std::string> key_ids;
    for (const ApiKey& k : keys) {
      if (!uids.contains(k.account) || !key_ids.insert(k.api_key).second)
        return Error(ErrorCode::kInvalidArgument,
                     "snapshot key for an unknown account, or a key twice");
    }
    for (const auto& [_, o] : orders) {
      if (!uids.contains(o.account))
        return Error(ErrorCode::kInvalidArgument, "snapshot order for an unknown account");
    }

    exchange_.Clear();
    for (Account& a : accounts) {
      Account& fresh = exchange_.CreateAccount(a.name, a.uid);
      fresh = std::move(a);
    }
    for (ApiKey& k : keys) AMANAH_TRY(exchange_.AddKey(std::move(k)));
    exchange_.RestoreOrders(std::move(orders), std::move(trades), next_order, next_trade);
    exchange_.SetMaintenance(maintenance);
    exchange_.faults() = Faults{};
    AMANAH_TRY(SetFaults(faults));
  } catch (const std::exception& e) {
    return Error(ErrorCode::kInvalidArgument, std::string("malformed snapshot: ") + e.what());
  }
  return {};
}

HttpResponse AdminApi::Handle(const HttpRequest& request) {
  auto auth = request.Header("authorization");
  std::string expected = "Bearer " + token_;
  if (!auth || !crypto::ConstantTimeEquals(*auth, expected))
    return Json(401, json::object{{"error", "unauthenticated"},
                                  {"message", "missing or wrong bearer token"}});
  auto body = Body(request);
  if (!body) return Fail(body.error());
  auto lock = exchange_.Lock();
  exchange_.AdvanceMarkets();
  auto seg = Segments(request.Path());
  const std::string& m = request.method;
  auto ok = [](json::value v = json::object{{"ok", true}}) { return Json(200, std::move(v)); };
  if (seg.empty() || seg[0] != "admin")
    return Fail(Error(ErrorCode::kNotFound, "unknown admin path"));
  seg.erase(seg.begin());

  if (seg.size() == 1 && seg[0] == "state" && m == "GET") {
    json::object state = Snapshot();
    for (auto& k : state["keys"].as_array()) {
      k.as_object().erase("secret");  // the state view never repeats secrets; snapshot does
    }
    return ok(std::move(state));
  }
  if (seg.size() == 1 && seg[0] == "snapshot" && m == "GET") return ok(Snapshot());
  if (seg.size() == 1 && seg[0] == "snapshot" && m == "PUT") {
    auto r = Restore(*body);
    return r ? ok() : Fail(r.error());
  }
  if (seg.size() == 1 && seg[0] == "accounts" && m == "POST") {
    auto account = CreateAccount(*body);
    return account ? ok(ToJson(**account)) : Fail(account.error());
  }
  if (seg.size() >= 2 && seg[0] == "accounts") {
    auto uid = json::value(std::strtoull(std::string(seg[1]).c_str(), nullptr, 10));
    auto account = seg[1].find_first_not_of("0123456789") == std::string_view::npos
                       ? AccountRef(uid)
                       : AccountRef(json::string(seg[1]));
    if (!account) return Fail(account.error());
    Account& a = **account;
    if (seg.size() == 2 && m == "GET") return ok(ToJson(a));
    if (seg.size() == 2 && m == "PATCH") {
      Account draft = a;
      auto r = Update(*body, draft);
      if (!r) return Fail(r.error());
      a = std::move(draft);
      return ok(ToJson(a));
    }
    if (seg.size() == 3 && seg[2] == "balances" && m == "PUT") {
      Account draft = a;
      auto r = Update(json::object{{"balances", *body}}, draft);
      if (!r) return Fail(r.error());
      a = std::move(draft);
      return ok(ToJson(a));
    }
    if (seg.size() == 3 && seg[2] == "margin-loans" && m == "POST") {
      Account draft = a;
      json::array loans;
      for (const auto& l : ToJson(a).at("margin_loans").as_array()) loans.push_back(l);
      loans.push_back(*body);
      auto r = Update(json::object{{"margin_loans", loans}}, draft);
      if (!r) return Fail(r.error());
      a = std::move(draft);
      return ok(ToJson(a));
    }
    if (seg.size() == 3 && seg[2] == "futures-positions" && m == "POST") {
      Account draft = a;
      json::array positions;
      for (const auto& p : ToJson(a).at("futures_positions").as_array()) positions.push_back(p);
      positions.push_back(*body);
      auto r = Update(json::object{{"futures_positions", positions}}, draft);
      if (!r) return Fail(r.error());
      a = std::move(draft);
      return ok(ToJson(a));
    }
    if (seg.size() == 3 && seg[2] == "orders" && m == "POST") {
      auto order = NewOrderFromJson(*body);
      if (!order) return Fail(order.error());
      order->placed_by_admin = true;
      auto placed = exchange_.PlaceOrder(a.uid, *order);
      if (!placed) {
        return Json(400, json::object{{"error", "rejected"},
                                      {"reason", static_cast<int>(placed.error().code)},
                                      {"detail", placed.error().detail}});
      }
      return ok(ToJson(placed->order));
    }
  }
  if (seg.size() == 1 && seg[0] == "keys" && m == "POST") {
    auto key = CreateKey(*body);
    return key ? ok(CreatedJson(*key)) : Fail(key.error());
  }
  if (seg.size() == 2 && seg[0] == "keys") {
    ApiKey* key = exchange_.FindKey(seg[1]);
    if (key == nullptr) return Fail(Error(ErrorCode::kNotFound, "no such API key"));
    if (m == "DELETE") {
      exchange_.DeleteKey(seg[1]);
      return ok();
    }
    if (m == "PATCH") {
      ApiKey draft = *key;
      for (const auto& [name, _] : *body) {
        if (name != "permissions" && name != "ip_whitelist" && name != "create_time")
          return Fail(Error(ErrorCode::kInvalidArgument,
                            "field '" + std::string(name) + "': cannot be changed"));
      }
      auto r = Update(*body, draft);
      if (!r) return Fail(r.error());
      *key = std::move(draft);
      json::object out = ToJson(*key);
      out.erase("secret");
      return ok(std::move(out));
    }
  }
  if (seg.size() == 1 && seg[0] == "maintenance" && m == "PUT") {
    auto* on = body->if_contains("on");
    if (on == nullptr || !on->is_bool())
      return Fail(Error(ErrorCode::kInvalidArgument, "field 'on': expected true or false"));
    exchange_.SetMaintenance(on->as_bool());
    return ok();
  }
  if (seg.size() == 1 && seg[0] == "faults" && m == "PUT") {
    auto r = SetFaults(*body);
    return r ? ok() : Fail(r.error());
  }
  if (seg.size() == 1 && seg[0] == "limits" && m == "PUT") {
    auto r = SetLimits(*body);
    return r ? ok() : Fail(r.error());
  }
  if (seg.size() == 1 && seg[0] == "limits" && m == "DELETE") {
    binance_.ResetRateLimits();
    return ok();
  }
  return Fail(
      Error(ErrorCode::kNotFound, "unknown admin call " + m + " " + std::string(request.Path())));
}

}  // namespace amanah::paper
