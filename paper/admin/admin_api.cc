#include "admin/admin_api.h"

#include <charconv>
#include <set>

#include <boost/json.hpp>

#include "base/json_reader.h"
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
  AMANAH_ASSIGN_OR_RETURN(
      base::JsonDocument document,
      base::JsonDocument::Parse(request.body, {"request body", ErrorCode::kInvalidArgument}));
  if (!document.Root().IsObject())
    return Error(ErrorCode::kInvalidArgument, "the body must be a JSON object");
  return std::move(document.mutable_value().as_object());
}

/// An account named in a path: its uid (digits) or its name.
json::value AccountPathRef(std::string_view segment) {
  uint64_t uid = 0;
  auto [end, error] = std::from_chars(segment.data(), segment.data() + segment.size(), uid);
  if (!segment.empty() && error == std::errc() && end == segment.data() + segment.size())
    return json::value(uid);
  return json::value(json::string(segment));
}

json::object CreatedJson(const AdminApi::CreatedKey& k) {
  json::object out{{"name", k.name}, {"api_key", k.api_key}, {"type", KeyTypeName(k.type)}};
  if (!k.secret.empty()) out["secret"] = k.secret;
  if (!k.private_key_pem.empty()) out["private_key"] = k.private_key_pem;
  if (!k.passphrase.empty()) out["passphrase"] = k.passphrase;
  return out;
}

}  // namespace

AdminApi::AdminApi(Exchange& exchange, Venues venues, std::string token)
    : exchange_(exchange), venues_(std::move(venues)), token_(std::move(token)) {}

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
  if (draft.venue.empty() && venues_.all().size() == 1) draft.venue = venues_.all()[0]->name();
  if (draft.venue.empty())
    return Error(ErrorCode::kInvalidArgument, "field 'venue': required, one of " + venues_.Names());
  if (venues_.Find(draft.venue) == nullptr)
    return Error(ErrorCode::kInvalidArgument, "field 'venue': '" + draft.venue +
                                                  "' is not served here (" + venues_.Names() + ")");
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
  if (days_ago < 0 || days_ago > 36500)
    return Error(ErrorCode::kInvalidArgument, "field 'created_days_ago': 0 to 36500");
  key.create_time = exchange_.NowMillis() - days_ago * kDayMillis;
  key.permissions.spot_trade = false;
  AMANAH_TRY(Update(fields, key));
  key.account = account->uid;
  if (!key.venue.empty() && key.venue != account->venue)
    return Error(ErrorCode::kInvalidArgument,
                 "field 'venue': the account is on " + account->venue + ", its keys are too");
  key.venue = account->venue;
  Venue* venue = venues_.Find(key.venue);
  if (venue == nullptr)
    return Error(ErrorCode::kInvalidArgument, "no venue " + key.venue + " is served here");

  CreatedKey created;
  if (auto* n = in.if_contains("name"); n && n->is_string())
    created.name = std::string(n->as_string());
  if (key.api_key.empty()) key.api_key = venue->NewKeyId(exchange_);
  if (key.passphrase.empty()) key.passphrase = venue->NewPassphrase(exchange_);
  AMANAH_TRY(venue->CheckKey(key));
  created.passphrase = key.passphrase;
  switch (key.type) {
    case KeyType::kHmac:
      if (key.secret.empty()) key.secret = venue->NewSecret(exchange_);
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
    } else if (name == "streams_down") {
      f.streams_down = v != 0;
    } else if (name == "clock_skew_ms") {
      exchange_.SetClockSkew(v);
    } else {
      return Error(ErrorCode::kInvalidArgument, "field '" + std::string(name) + "': unknown fault");
    }
  }
  return {};
}

Result<void> AdminApi::SetLimits(const json::object& in) {
  std::vector<std::pair<Venue*, json::object>> before;
  for (const auto& [name, limits] : in) {
    Venue* venue = venues_.Find(name);
    if (venue == nullptr)
      return Error(ErrorCode::kInvalidArgument, "limits: '" + std::string(name) +
                                                    "' is not a venue served here (" +
                                                    venues_.Names() + ")");
    if (!limits.is_object())
      return Error(ErrorCode::kInvalidArgument,
                   "limits." + std::string(name) + ": expected a table of limits");
    before.emplace_back(venue, venue->Limits());
  }
  for (size_t i = 0; i < before.size(); ++i) {
    Venue* venue = before[i].first;
    auto set = venue->SetLimits(in.at(venue->name()).as_object());
    if (!set) {
      for (size_t j = 0; j < i; ++j) (void)before[j].first->SetLimits(before[j].second);
      return set.error().WithContext("limits." + std::string(venue->name()));
    }
  }
  return {};
}

Result<void> AdminApi::SetExchange(const json::object& in) {
  Retention retention = exchange_.retention();
  std::optional<bool> maintenance;
  for (const auto& [name, value] : in) {
    if (name == "maintenance") {
      if (!value.is_bool())
        return Error(ErrorCode::kInvalidArgument, "exchange.maintenance: expected true or false");
      maintenance = value.as_bool();
    } else if (name == "retain_closed_orders" || name == "retain_trades") {
      bool integer = value.is_int64() || (value.is_uint64() && value.as_uint64() <= INT64_MAX);
      int64_t n = integer ? value.to_number<int64_t>() : -1;
      if (n < 0 || n > 100'000'000)
        return Error(ErrorCode::kInvalidArgument,
                     "exchange." + std::string(name) + ": expected an integer 0 to 100000000");
      size_t count = static_cast<size_t>(n);
      (name == "retain_trades" ? retention.trades : retention.closed_orders) = count;
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "exchange." + std::string(name) +
                       ": unknown (maintenance, retain_closed_orders, retain_trades)");
    }
  }
  if (maintenance) exchange_.SetMaintenance(*maintenance);
  exchange_.SetRetention(retention);
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
  for (std::string_view section : {"limits", "faults", "exchange"}) {
    const json::value* v = scenario.if_contains(section);
    if (v != nullptr && !v->is_object())
      return Error(ErrorCode::kInvalidArgument, "'" + std::string(section) + "' must be a table");
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
  if (auto* limits = scenario.if_contains("limits")) AMANAH_TRY(SetLimits(limits->as_object()));
  if (auto* faults = scenario.if_contains("faults")) AMANAH_TRY(SetFaults(faults->as_object()));
  if (auto* ex = scenario.if_contains("exchange")) AMANAH_TRY(SetExchange(ex->as_object()));
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
  return json::object{{"format", "amanah-paper-snapshot/2"},
                      {"time", exchange_.NowMillis()},
                      {"maintenance", exchange_.maintenance()},
                      {"retention",
                       {{"retain_closed_orders", exchange_.retention().closed_orders},
                        {"retain_trades", exchange_.retention().trades}}},
                      {"faults",
                       {{"latency_ms", f.latency_ms},
                        {"fail_before_accept", f.fail_before_accept},
                        {"fail_after_accept", f.fail_after_accept},
                        {"drop_after_accept", f.drop_after_accept},
                        {"streams_down", f.streams_down ? 1 : 0},
                        {"clock_skew_ms", exchange_.clock_skew()}}},
                      {"accounts", std::move(accounts)},
                      {"keys", std::move(keys)},
                      {"orders", std::move(orders)},
                      {"trades", std::move(trades)},
                      {"next_order_id", exchange_.next_order_id()},
                      {"next_trade_id", exchange_.next_trade_id()}};
}

Result<void> AdminApi::Restore(const json::object& snapshot) {
  base::JsonDocument document(json::value(snapshot), {"snapshot", ErrorCode::kInvalidArgument});
  base::JsonView root = document.Root();
  AMANAH_ASSIGN_OR_RETURN(std::string format, root.String("format"));
  // Version 1 predates venues: everything in it was Binance's.
  bool v1 = format == "amanah-paper-snapshot/1";
  if (!v1 && format != "amanah-paper-snapshot/2")
    return Error(ErrorCode::kInvalidArgument,
                 "not an amanah-paper snapshot (format amanah-paper-snapshot/2 or /1)");
  auto object_of = [](const base::JsonView& v) -> Result<const json::object*> {
    if (!v.IsObject()) return v.Problem("is not an object");
    return &v.raw().as_object();
  };
  // Read everything first; the exchange changes only when the whole snapshot is good.
  std::vector<Account> accounts;
  std::set<uint64_t> uids;
  AMANAH_ASSIGN_OR_RETURN(std::vector<base::JsonView> account_views, root.Array("accounts"));
  for (const base::JsonView& view : account_views) {
    AMANAH_ASSIGN_OR_RETURN(const json::object* fields, object_of(view));
    Account account;
    auto read = Update(*fields, account);
    if (!read) return read.error().WithContext(view.path());
    AMANAH_ASSIGN_OR_RETURN(int64_t uid, view.Int("uid"));
    AMANAH_ASSIGN_OR_RETURN(account.update_time, view.Int("update_time"));
    if (uid <= 0 || !uids.insert(static_cast<uint64_t>(uid)).second)
      return view.Problem("has a uid that is not positive or not unique");
    account.uid = static_cast<uint64_t>(uid);
    if (v1) account.venue = "binance";
    if (venues_.Find(account.venue) == nullptr)
      return view.Problem("is on venue '" + account.venue + "', not served here");
    accounts.push_back(std::move(account));
  }
  auto venue_of = [&](uint64_t uid) -> const std::string* {
    for (const Account& a : accounts) {
      if (a.uid == uid) return &a.venue;
    }
    return nullptr;
  };
  std::vector<ApiKey> keys;
  std::set<std::string> key_ids;
  AMANAH_ASSIGN_OR_RETURN(std::vector<base::JsonView> key_views, root.Array("keys"));
  for (const base::JsonView& view : key_views) {
    AMANAH_ASSIGN_OR_RETURN(const json::object* fields, object_of(view));
    ApiKey key;
    auto read = Update(*fields, key);
    if (!read) return read.error().WithContext(view.path());
    const std::string* venue = venue_of(key.account);
    if (venue == nullptr || !key_ids.insert(key.api_key).second)
      return view.Problem("is for an unknown account, or appears twice");
    if (v1) key.venue = *venue;
    if (key.venue != *venue) return view.Problem("is not on its account's venue");
    keys.push_back(std::move(key));
  }
  std::map<uint64_t, Order> orders;
  AMANAH_ASSIGN_OR_RETURN(std::vector<base::JsonView> order_views, root.Array("orders"));
  for (const base::JsonView& view : order_views) {
    AMANAH_ASSIGN_OR_RETURN(Order order, OrderFromJson(view));
    if (exchange_.FindMarket(order.symbol) == nullptr || !uids.contains(order.account))
      return view.Problem("is on an unknown symbol or account");
    uint64_t id = order.id;
    if (!orders.emplace(id, std::move(order)).second) return view.Problem("repeats an order id");
  }
  std::deque<Trade> trades;
  AMANAH_ASSIGN_OR_RETURN(std::vector<base::JsonView> trade_views, root.Array("trades"));
  for (const base::JsonView& view : trade_views) {
    AMANAH_ASSIGN_OR_RETURN(Trade trade, TradeFromJson(view));
    if (!uids.contains(trade.account)) return view.Problem("is for an unknown account");
    trades.push_back(std::move(trade));
  }
  AMANAH_ASSIGN_OR_RETURN(int64_t next_order, root.Int("next_order_id"));
  AMANAH_ASSIGN_OR_RETURN(int64_t next_trade, root.Int("next_trade_id"));
  if (next_order <= 0 || next_trade <= 0 ||
      (!orders.empty() && static_cast<uint64_t>(next_order) <= orders.rbegin()->first))
    return Error(ErrorCode::kInvalidArgument, "snapshot: next_order_id/next_trade_id too small");
  AMANAH_ASSIGN_OR_RETURN(bool maintenance, root.Bool("maintenance"));
  AMANAH_ASSIGN_OR_RETURN(base::JsonView faults_view, root.Field("faults"));
  AMANAH_ASSIGN_OR_RETURN(const json::object* faults, object_of(faults_view));
  AMANAH_ASSIGN_OR_RETURN(std::optional<base::JsonView> retention_view,
                          root.OptionalField("retention"));
  json::object retention;
  if (retention_view) {
    AMANAH_ASSIGN_OR_RETURN(const json::object* r, object_of(*retention_view));
    retention = *r;
  }
  // Check the faults and retention on copies before anything changes.
  Faults saved_faults = exchange_.faults();
  int64_t saved_skew = exchange_.clock_skew();
  auto faults_ok = SetFaults(*faults);
  exchange_.faults() = saved_faults;
  exchange_.SetClockSkew(saved_skew);
  if (!faults_ok) return faults_ok.error().WithContext("snapshot faults");
  retention["maintenance"] = maintenance;
  // Validated here; applying it early is harmless, the state is replaced below.
  if (auto ok = SetExchange(retention); !ok) return ok.error().WithContext("snapshot retention");

  exchange_.Clear();
  for (Account& a : accounts) {
    Account& fresh = exchange_.CreateAccount(a.name, a.uid);
    fresh = std::move(a);
  }
  for (ApiKey& k : keys) AMANAH_TRY(exchange_.AddKey(std::move(k)));
  exchange_.RestoreOrders(std::move(orders), std::move(trades), static_cast<uint64_t>(next_order),
                          static_cast<uint64_t>(next_trade));
  exchange_.faults() = Faults{};
  AMANAH_TRY(SetFaults(*faults));
  return SetExchange(retention);  // trims the restored history to the retention
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
      k.as_object().erase("passphrase");
    }
    return ok(std::move(state));
  }
  if (seg.size() == 1 && seg[0] == "stats" && m == "GET") {
    return ok(json::object{{"orders_placed", exchange_.order_count()},
                           {"orders_kept", exchange_.orders().size()},
                           {"trades_kept", exchange_.trades().size()},
                           {"accounts", exchange_.accounts().size()},
                           {"keys", exchange_.keys().size()}});
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
    auto account = AccountRef(AccountPathRef(seg[1]));
    if (!account) return Fail(account.error());
    Account& a = **account;
    if (seg.size() == 2 && m == "GET") return ok(ToJson(a));
    if (seg.size() == 2 && m == "PATCH") {
      Account draft = a;
      auto r = Update(*body, draft);
      if (!r) return Fail(r.error());
      if (draft.venue != a.venue)
        return Fail(Error(ErrorCode::kInvalidArgument, "field 'venue': cannot be changed"));
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
      out.erase("passphrase");
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
  if (seg.size() == 1 && seg[0] == "limits" && m == "GET") {
    json::object limits;
    for (const Venue* venue : venues_.all()) limits[venue->name()] = venue->Limits();
    return ok(std::move(limits));
  }
  if (seg.size() == 1 && seg[0] == "limits" && m == "DELETE") {
    for (Venue* venue : venues_.all()) venue->ResetRateLimits();
    return ok();
  }
  if (seg.size() == 1 && seg[0] == "exchange" && m == "PUT") {
    auto r = SetExchange(*body);
    return r ? ok() : Fail(r.error());
  }
  return Fail(
      Error(ErrorCode::kNotFound, "unknown admin call " + m + " " + std::string(request.Path())));
}

}  // namespace amanah::paper
