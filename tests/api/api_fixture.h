// The API in process — Api::Handle called directly, no sockets — on a test environment whose
// Binance endpoint is an in-process paper exchange, with two tenants ("alpha", "beta") each with an
// owner, an operator and a viewer, and helpers to call routes as a session (cookie + CSRF token) or
// a bearer token. Password hashing is made cheap (argon2id m=8 KiB, t=1) for the tests' sake.
#pragma once

#include <gtest/gtest.h>

#include <mutex>

#include <boost/json.hpp>

#include "access/access_service.h"
#include "api/api.h"
#include "base/json_reader.h"
#include "testing/paper_server.h"
#include "testing/test_environment.h"
#include "transport/run_blocking.h"

namespace amanah::api {

inline constexpr std::string_view kApiScenario = R"({
  "markets": [
    {"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
     "min_qty": "0.00001", "min_notional": "5", "start_price": "65000.00", "volatility_bp": 0, "level_qty": "1"}
  ],
  "accounts": [{"name": "aisha", "balances": {"USDT": "2500", "BTC": "0.25"}},
               {"name": "bilal", "balances": {"USDT": "1000"}}],
  "keys": [
    {"name": "alpha-key", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "beta-key", "account": "bilal", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]},
    {"name": "alpha-key2", "account": "aisha", "permissions": {"reading": true, "spot_and_margin_trading": true}, "ip_whitelist": ["127.0.0.1"]}
  ]})";

inline constexpr std::string_view kPassword = "correct horse battery";

struct Response {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string content_type;

  std::optional<std::string> Header(std::string_view name) const {
    for (const auto& [k, v] : headers) {
      if (k == name) return v;
    }
    return std::nullopt;
  }
  boost::json::value Json() const {
    boost::json::error_code ec;
    auto v = boost::json::parse(body, ec);
    EXPECT_FALSE(ec) << body;
    return v;
  }
  /// The value at `path` ("order.id", "[0].kind", "checks.passed") through the checked reader: a
  /// missing or mistyped step is an error naming it, never an exception.
  base::Result<boost::json::value> At(std::string_view path) const {
    AMANAH_ASSIGN_OR_RETURN(auto doc, base::JsonDocument::Parse(body, {"the answer"}));
    base::JsonView v = doc.Root();
    while (!path.empty()) {
      if (path.front() == '.') path.remove_prefix(1);
      if (path.front() == '[') {
        const size_t close = path.find(']');
        const size_t index = std::stoul(std::string(path.substr(1, close - 1)));
        AMANAH_ASSIGN_OR_RETURN(auto items, v.AsArray());
        if (index >= items.size()) return v.Problem("has no item " + std::to_string(index));
        v = items[index];
        path.remove_prefix(close + 1);
      } else {
        const size_t end = path.find_first_of(".[");
        AMANAH_ASSIGN_OR_RETURN(v, v.Field(path.substr(0, end)));
        path.remove_prefix(end == std::string_view::npos ? path.size() : end);
      }
    }
    return v.raw();
  }
  base::Result<std::string> Str(std::string_view path) const {
    AMANAH_ASSIGN_OR_RETURN(auto v, At(path));
    if (!v.is_string())
      return base::Fail(base::ErrorCode::kDataLoss, std::string(path) + " is not a string");
    return std::string(v.as_string());
  }
  /// How many items the array at `path` ("" for the answer itself) has.
  base::Result<size_t> Size(std::string_view path = "") const {
    AMANAH_ASSIGN_OR_RETURN(auto v, At(path));
    if (!v.is_array())
      return base::Fail(base::ErrorCode::kDataLoss, std::string(path) + " is not an array");
    return v.as_array().size();
  }
};

/// How a request is authenticated.
struct Client {
  std::optional<std::string> cookie;  ///< the session token
  std::optional<std::string> csrf;
  std::optional<std::string> bearer;
  bool send_csrf = true;
};

class ApiFixture : public ::testing::Test {
 protected:
  ApiFixture() : ApiFixture(config::EnvVars{}) {}
  /// With `extra` variables over the fixture's own.
  explicit ApiFixture(const config::EnvVars& extra)
      : paper_(kApiScenario), env_(true, Merged(Vars(paper_.url()), extra)) {
    ApiOptions options;
    options.access_log = [this](const std::string& line) {
      std::lock_guard lock(log_mu_);  // requests may be answered on several threads at once
      log_lines_.push_back(line);
    };
    auto api = Api::Create(env_.env(), std::move(options));
    EXPECT_TRUE(api) << api.error();
    api_ = std::move(*api);
    for (const auto& tenant : {"alpha", "beta"}) {
      for (auto [role, name] : {std::pair{store::UserRole::kOwner, "owner"},
                                std::pair{store::UserRole::kOperator, "operator"},
                                std::pair{store::UserRole::kViewer, "viewer"}}) {
        auto added = access().AddUser(store::TenantId(tenant), {std::string(tenant) + "-" + name,
                                                                std::string(kPassword), role});
        EXPECT_TRUE(added) << added.error();
      }
    }
  }

  static config::EnvVars Vars(const std::string& paper_url) {
    return {{"AMANAH_BINANCE_ENDPOINT", paper_url},
            {"AMANAH_EGRESS_IPS", "127.0.0.1"},
            {"AMANAH_PASSWORD_MEMORY_KIB", "8"},
            {"AMANAH_PASSWORD_ITERATIONS", "1"},
            {"AMANAH_POLICY_MIN_QUOTE_VOLUME_24H", "0"}};
  }

  static config::EnvVars Merged(config::EnvVars vars, const config::EnvVars& extra) {
    for (const auto& [k, v] : extra) vars[k] = v;
    return vars;
  }

  access::AccessService& access() { return *env_.env().access().value(); }

  Response Call(const std::string& method, const std::string& target, const std::string& body = "",
                const Client* client = nullptr) {
    server::HttpRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    r.peer_ip = peer_;
    if (!body.empty()) r.headers.emplace_back("content-type", "application/json");
    if (client) {
      if (client->cookie) r.headers.emplace_back("cookie", "amanah_session=" + *client->cookie);
      if (client->cookie && client->csrf && client->send_csrf) {
        r.headers.emplace_back("x-csrf-token", *client->csrf);
      }
      if (client->bearer) r.headers.emplace_back("authorization", "Bearer " + *client->bearer);
    }
    server::HttpResponse out = transport::RunBlocking(env_.env().io(), api_->Handle(r));
    Response response{out.status, out.headers, out.body, out.content_type};
    responses_.push_back(response.body);
    for (const auto& [k, v] : response.headers) responses_.push_back(v);
    return response;
  }

  /// Logs in as `name`: the session cookie and CSRF token, read from the answer.
  Client Login(const std::string& name) {
    Response r =
        Call("POST", "/api/v1/session",
             boost::json::serialize(boost::json::object{{"name", name}, {"password", kPassword}}));
    EXPECT_EQ(r.status, 200u) << r.body;
    Client c;
    auto cookie = r.Header("Set-Cookie").value_or("");
    const size_t eq = cookie.find('='), semi = cookie.find(';');
    if (eq != std::string::npos) c.cookie = cookie.substr(eq + 1, semi - eq - 1);
    c.csrf = r.Str("csrf_token").value();
    return c;
  }

  /// A bearer token for `name` with `scopes`.
  Client Token(const std::string& name, access::Scopes scopes) {
    auto who = access().Local(name);
    EXPECT_TRUE(who) << who.error();
    auto issued = access().CreateToken(*who, "test", scopes, std::chrono::hours(24));
    EXPECT_TRUE(issued) << issued.error();
    Client c;
    c.bearer = issued->secret;
    return c;
  }

  /// Connects the paper key `key` for `tenant` as `label` (through the service, not the API).
  void ConnectDirect(const std::string& tenant, const std::string& label, const std::string& key) {
    const auto& k = paper_.key(key);
    keys::KeyInput input{
        "binance", label,
        exchange::KeyMaterial{k.api_key, "hmac", crypto::SecretBytes::CopyFrom(k.secret),
                              std::nullopt},
        std::nullopt};
    auto outcome = transport::RunBlocking(
        env_.env().io(), env_.keys().Connect(store::TenantId(tenant), std::move(input)));
    ASSERT_EQ(outcome.kind, keys::ConnectOutcome::Kind::kAccepted)
        << (outcome.failure ? outcome.failure->explanation : "refused");
  }

  testing::PaperServer paper_;
  testing::TestEnvironment env_;
  std::string peer_ = "127.0.0.1";  ///< the client address Call() sends from
  std::unique_ptr<Api> api_;
  std::mutex log_mu_;
  std::vector<std::string> log_lines_;  // GUARDED_BY(log_mu_) while requests are in flight
  std::vector<std::string> responses_;  ///< every body and header value answered
};

}  // namespace amanah::api
