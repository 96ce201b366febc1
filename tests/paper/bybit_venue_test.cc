// The paper exchange's Bybit venue without sockets: every answer carries the fields of Bybit's own
// example (tests/paper/fixtures/bybit/, recursively, values the simulation's own); each documented
// refusal has Bybit's exact code and text — the key (10003), the signature (10004), the time
// window (10002), the bound IP (10010), the permission (10005), the per-account limit (10006,
// with the X-Bapi-Limit headers), the IP limit (HTTP 403) — and the symbol rules and orders answer
// with the spot codes (1701xx).
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "admin/admin_api.h"
#include "base/json_reader.h"
#include "base/random.h"
#include "core/exchange.h"
#include "crypto/hmac.h"
#include "paper/paper_fixture.h"
#include "testing/exchange_fixtures.h"
#include "testing/missing_fields.h"
#include "venues/bybit/bybit_venue.h"
#include "venues/venue_stage.h"

namespace amanah::paper::testing {
namespace {

namespace json = boost::json;

constexpr std::string_view kKey = "PaperBybitKey00018";
constexpr std::string_view kSecret = "PaperBybitSecret00000000000000000036";

using amanah::testing::MissingFields;

class BybitVenueTest : public ::testing::Test {
 protected:
  BybitVenueTest()
      : clock_(1767225600000),
        random_(7),
        exchange_(clock_, random_),
        venue_(exchange_),
        stage_(exchange_, venue_),
        admin_(exchange_, Venues({&venue_}), "test-token-0123456789") {
    auto lock = exchange_.Lock();
    auto scenario = json::parse(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.01", "step_size": "0.00001",
                   "min_qty": "0.0001", "max_qty": "100", "min_notional": "5", "start_price": "65000.00",
                   "volatility_bp": 0, "level_qty": "0.5"}],
      "accounts": [{"name": "yusuf", "balances": {"USDT": "1000", "BTC": "0.1"},
                    "margin_loans": [{"asset": "USDT", "borrowed": "10", "interest": "0.01"}]}],
      "keys": [
        {"name": "doc", "account": "yusuf", "api_key": "PaperBybitKey00018", "secret": "PaperBybitSecret00000000000000000036",
         "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "reader", "account": "yusuf", "api_key": "PaperBybitReader18", "secret": "PaperBybitSecret00000000000000000036",
         "permissions": {"read": true}},
        {"name": "wide", "account": "yusuf", "api_key": "PaperBybitWide0018", "secret": "PaperBybitSecret00000000000000000036",
         "permissions": {"read": true, "spot_trade": true, "futures": true, "withdraw": true}}
      ]})")
                        .as_object();
    auto applied = admin_.Apply(scenario);
    EXPECT_TRUE(applied) << applied.error();
  }

  /// A v5 request: a GET's query or a POST's body, signed at the clock (or `timestamp`).
  HttpResponse Send(std::string method, std::string path, std::string payload,
                    std::string key = std::string(kKey), std::string peer = "127.0.0.1",
                    std::optional<int64_t> timestamp = std::nullopt,
                    std::string secret = std::string(kSecret)) {
    HttpRequest r;
    r.method = method;
    r.peer_ip = std::move(peer);
    r.target = path;
    if (method == "POST") {
      r.body = payload;
    } else if (!payload.empty()) {
      r.target += "?" + payload;
    }
    if (!key.empty()) {
      const std::string ts = std::to_string(timestamp.value_or(clock_.ms()));
      const std::string sign = crypto::HmacSha256Hex(crypto::AsBytes(secret),
                                                     crypto::AsBytes(ts + key + "5000" + payload));
      r.headers = {{"x-bapi-api-key", key},
                   {"x-bapi-timestamp", ts},
                   {"x-bapi-recv-window", "5000"},
                   {"x-bapi-sign", sign}};
    }
    return stage_.Handle(r);
  }
  json::value Ok(std::string method, std::string path, std::string payload) {
    HttpResponse r = Send(std::move(method), std::move(path), std::move(payload));
    EXPECT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(Code(r).first, 0) << r.body;
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
  }
  /// The envelope's retCode and retMsg, read with the checked reader ({-1, why} when unreadable).
  static std::pair<int64_t, std::string> Code(const HttpResponse& r) {
    auto doc = base::JsonDocument::Parse(r.body, {"Bybit venue answer"});
    if (!doc) return {-1, doc.error().message()};
    auto code = doc->Root().Int("retCode");
    auto msg = doc->Root().String("retMsg");
    if (!code || !msg) return {-1, !code ? code.error().message() : msg.error().message()};
    return {*code, *msg};
  }
  static json::object Limit(std::string symbol, std::string side, std::string qty,
                            std::string price, std::string link) {
    return json::object{{"category", "spot"},   {"symbol", symbol}, {"side", side},
                        {"orderType", "Limit"}, {"qty", qty},       {"price", price},
                        {"orderLinkId", link}};
  }

  SettableClock clock_;
  base::SeededRandom random_;
  Exchange exchange_;
  bybit::BybitVenue venue_;
  VenueStage stage_;
  AdminApi admin_;
};

TEST_F(BybitVenueTest, EveryAnswerHasTheFieldsOfBybitsExample) {
  auto fixture = [](const std::string& name) {
    boost::system::error_code ec;
    json::value v = json::parse(amanah::testing::BybitFixture(name), ec);
    EXPECT_FALSE(ec) << name << " is missing or not JSON";
    return v;
  };
  auto expect = [&](const std::string& name, const json::value& got) {
    SCOPED_TRACE(name);
    EXPECT_EQ(MissingFields(fixture(name), got), std::vector<std::string>{});
  };
  expect("market_time.json", Ok("GET", "/v5/market/time", ""));
  expect("instruments_info_spot.json", Ok("GET", "/v5/market/instruments-info", "category=spot"));
  expect("account_wallet_balance.json",
         Ok("GET", "/v5/account/wallet-balance", "accountType=UNIFIED"));
  expect("user_query_api.json", Ok("GET", "/v5/user/query-api", ""));
  expect("account_info.json", Ok("GET", "/v5/account/info", ""));
  expect("spot_margin_state.json", Ok("GET", "/v5/spot-margin-trade/state", ""));
  expect("order_create.json",
         Ok("POST", "/v5/order/create",
            json::serialize(Limit("BTCUSDT", "Buy", "0.001", "60000", "rest-1"))));
  ASSERT_EQ(Send("POST", "/v5/order/create",
                 json::serialize(json::object{{"category", "spot"},
                                              {"symbol", "BTCUSDT"},
                                              {"side", "Buy"},
                                              {"orderType", "Market"},
                                              {"qty", "10"}}))
                .status,
            200u);
  json::value open = Ok("GET", "/v5/order/realtime", "category=spot&symbol=BTCUSDT");
  // The example is a linear order: the fields a spot order has too.
  json::value example = fixture("order_realtime.json");
  json::object* item = nullptr;
  if (auto* result = example.is_object() ? example.get_object().if_contains("result") : nullptr;
      result != nullptr && result->is_object()) {
    if (auto* list = result->get_object().if_contains("list");
        list != nullptr && list->is_array() && !list->get_array().empty() &&
        list->get_array()[0].is_object()) {
      item = &list->get_array()[0].get_object();
    }
  }
  ASSERT_NE(item, nullptr) << "order_realtime.json has no result.list[0]";
  (*item)["cumFeeDetail"] = json::object{};  // keyed by the fee's asset
  for (const char* linear_only : {"orderIv", "positionIdx"}) item->erase(linear_only);
  EXPECT_EQ(MissingFields(example, open), std::vector<std::string>{});
  expect("execution_list.json", Ok("GET", "/v5/execution/list", "category=spot&symbol=BTCUSDT"));
  expect("order_cancel.json",
         Ok("POST", "/v5/order/cancel",
            R"({"category":"spot","symbol":"BTCUSDT","orderLinkId":"rest-1"})"));
  {
    auto lock = exchange_.Lock();
    exchange_.SetMaintenance(true);
  }
  expect("system_status.json", Ok("GET", "/v5/system/status", ""));
}

TEST_F(BybitVenueTest, EachRefusalHasBybitsCodeAndText) {
  const std::string wallet = "accountType=UNIFIED";
  EXPECT_EQ(Code(Send("GET", "/v5/account/wallet-balance", wallet, "NoSuchKey000000018")),
            (std::pair<int64_t, std::string>{
                10003,
                "API key is invalid. Check whether the key and domain are matched, there are 4 "
                "env: mainnet, testnet, mainnet-demo, testnet-demo"}));
  EXPECT_EQ(Code(Send("GET", "/v5/account/wallet-balance", wallet, std::string(kKey), "127.0.0.1",
                      std::nullopt, std::string(36, 'x'))),
            (std::pair<int64_t, std::string>{
                10004, "Error sign, please check your signature generation algorithm."}));
  EXPECT_EQ(
      Code(Send("GET", "/v5/account/wallet-balance", wallet, std::string(kKey), "127.0.0.1",
                clock_.ms() - 6000)),
      (std::pair<int64_t, std::string>{10002, "The request time exceeds the time window range."}));
  EXPECT_EQ(Code(Send("GET", "/v5/account/wallet-balance", wallet, std::string(kKey), "127.0.0.1",
                      clock_.ms() + 1000))
                .first,
            10002);  // timestamp < server_time + 1000
  EXPECT_EQ(Code(Send("GET", "/v5/account/wallet-balance", wallet, std::string(kKey), "10.0.0.9")),
            (std::pair<int64_t, std::string>{
                10010, "Unmatched IP, please check your API key's bound IP addresses."}));
  const json::object order_body = Limit("BTCUSDT", "Buy", "0.001", "60000", "r-1");
  const std::string order = json::serialize(order_body);
  EXPECT_EQ(Code(Send("POST", "/v5/order/create", order, "PaperBybitReader18")),
            (std::pair<int64_t, std::string>{
                10005, "Permission denied, please check your API key permissions."}));
  // Withdrawals and transfers need their own permissions; a spot key is refused.
  const std::string withdraw = R"({"coin":"USDT","chain":"ETH","address":"0xabc","amount":"10"})";
  EXPECT_EQ(Code(Send("POST", "/v5/asset/withdraw/create", withdraw)).first, 10005);
  EXPECT_EQ(
      Code(
          Send(
              "POST", "/v5/asset/transfer/inter-transfer",
              R"({"transferId":"t1","coin":"USDT","amount":"1","fromAccountType":"UNIFIED","toAccountType":"FUND"})"))
          .first,
      10005);
  EXPECT_EQ(Code(Send("POST", "/v5/asset/withdraw/create", withdraw, "PaperBybitWide0018")).first,
            0);  // …and a key that has it withdraws
  // Spot margin and derivatives orders.
  json::object margin = order_body;
  margin["isLeverage"] = 1;
  EXPECT_EQ(Code(Send("POST", "/v5/order/create", json::serialize(margin))).first, 10001);
  json::object linear = order_body;
  linear["category"] = "linear";
  EXPECT_EQ(Code(Send("POST", "/v5/order/create", json::serialize(linear))).first, 10005);
  EXPECT_EQ(Send("GET", "/v5/no/such/path", "", "").status, 404u);
}

TEST_F(BybitVenueTest, SymbolRulesAndOrdersAnswerWithSpotCodes) {
  auto code = [&](std::string qty, std::string price, std::string link = "") {
    json::object o = Limit("BTCUSDT", "Buy", qty, price, link);
    if (link.empty()) o.erase("orderLinkId");
    return Code(Send("POST", "/v5/order/create", json::serialize(o)));
  };
  EXPECT_EQ(code("0.00001", "60000"),
            (std::pair<int64_t, std::string>{170136, "Order quantity lower than the minimum."}));
  EXPECT_EQ(code("0.000105", "60000"),
            (std::pair<int64_t, std::string>{170137, "Order volume decimal too long"}));
  EXPECT_EQ(code("0.001", "60000.001"),
            (std::pair<int64_t, std::string>{170134, "Order price decimal too long."}));
  EXPECT_EQ(code("0.0001", "100"),
            (std::pair<int64_t, std::string>{170140, "Order value exceeded lower limit"}));
  EXPECT_EQ(code("0.05", "60000"),
            (std::pair<int64_t, std::string>{170131, "Balance insufficient "}));
  EXPECT_EQ(code("200", "1"), (std::pair<int64_t, std::string>{170124, "Order amount too large."}));
  EXPECT_EQ(code("0.001", "60000", "once").first, 0);
  EXPECT_EQ(code("0.001", "60000", "once"),
            (std::pair<int64_t, std::string>{170141, "Duplicate clientOrderId"}));
  EXPECT_EQ(Code(Send("POST", "/v5/order/create",
                      json::serialize(Limit("NOPEUSDT", "Buy", "1", "1", "x")))),
            (std::pair<int64_t, std::string>{170121, "Invalid symbol."}));
  EXPECT_EQ(Code(Send("POST", "/v5/order/cancel",
                      R"({"category":"spot","symbol":"BTCUSDT","orderLinkId":"never"})")),
            (std::pair<int64_t, std::string>{170213, "Order does not exist."}));
}

TEST_F(BybitVenueTest, PerAccountLimitsAreReportedAndEnforced) {
  HttpResponse first = Send("GET", "/v5/user/query-api", "");
  ASSERT_EQ(Code(first).first, 0);
  EXPECT_EQ(HeaderOf(first, "X-Bapi-Limit"), "10");
  EXPECT_EQ(HeaderOf(first, "X-Bapi-Limit-Status"), "9");
  for (int i = 0; i < 9; ++i) ASSERT_EQ(Code(Send("GET", "/v5/user/query-api", "")).first, 0);
  HttpResponse refused = Send("GET", "/v5/user/query-api", "");
  EXPECT_EQ(Code(refused), (std::pair<int64_t, std::string>{
                               10006, "Too many visits. Exceeded the API Rate Limit."}));
  EXPECT_EQ(HeaderOf(refused, "X-Bapi-Limit-Reset-Timestamp"),
            std::to_string((clock_.ms() / 1000 + 1) * 1000));
  clock_.Advance(1000);
  EXPECT_EQ(Code(Send("GET", "/v5/user/query-api", "")).first, 0);
  // 600 requests in 5 s per IP, then HTTP 403.
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(venue_.SetLimits(json::object{{"ip_requests_per_5s", 3}}));
  }
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Send("GET", "/v5/market/time", "", "").status, 200u);
  HttpResponse banned = Send("GET", "/v5/market/time", "", "");
  EXPECT_EQ(banned.status, 403u);
  EXPECT_EQ(Code(banned).second, "access too frequent");
}

}  // namespace
}  // namespace amanah::paper::testing
