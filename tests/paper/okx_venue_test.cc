// The paper exchange's OKX venue without sockets: every answer carries the fields of OKX's own
// example (tests/paper/fixtures/okx/, recursively, values the simulation's own); each documented
// refusal has OKX's exact code, text and HTTP status, in OKX's order of checks — an empty header
// (50103, 50106, 50107, 50104), the key (50111), the passphrase (50105), the timestamp's shape
// (50112) and age (50102), the signature (50113), the bound IP (50110), the permission (50120), the
// per-user limit per 2 s (50011, HTTP 429), maintenance (50001, HTTP 503) — and orders answer
// with OKX's codes in data[].sCode (51001, 51010, 51000, 51020, 51121, 51008, 51016, 51400, 51603),
// a batch partly accepted with code 2.
#include <cstdio>
#include <ctime>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "admin/admin_api.h"
#include "base/json_reader.h"
#include "base/random.h"
#include "core/exchange.h"
#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "paper/paper_fixture.h"
#include "testing/exchange_fixtures.h"
#include "testing/missing_fields.h"
#include "venues/okx/okx_venue.h"
#include "venues/venue_stage.h"

namespace amanah::paper::testing {
namespace {

namespace json = boost::json;
using amanah::testing::MissingFields;

constexpr std::string_view kOkxKey = "0b5e2f1c-3a4d-4e6f-8a9b-1c2d3e4f5a6b";
constexpr std::string_view kOkxReader = "1b5e2f1c-3a4d-4e6f-8a9b-1c2d3e4f5a6b";
constexpr std::string_view kOkxSecret = "22582BD0CFF14C41EDBF1AB98506286D";
constexpr std::string_view kOkxPhrase = "Paper-Phrase1";

// "2020-12-08T09:08:57.715Z" for `ms` (the client's side of OKX's timestamp, written here so that
// the paper's tests need nothing of Amanah's adapters).
std::string Iso(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms % 1000));
  return out;
}

struct Answer {
  unsigned status = 0;
  std::string code, msg, s_code, s_msg;  // the envelope's, and data[0]'s when it has them
};

class OkxVenueTest : public ::testing::Test {
 protected:
  OkxVenueTest()
      : clock_(1767225600000),
        random_(7),
        exchange_(clock_, random_),
        venue_(exchange_),
        stage_(exchange_, venue_),
        admin_(exchange_, Venues({&venue_}), "test-token-0123456789") {
    auto lock = exchange_.Lock();
    auto scenario = json::parse(R"({
      "markets": [{"symbol": "BTCUSDT", "base": "BTC", "quote": "USDT", "tick_size": "0.1", "step_size": "0.00001",
                   "min_qty": "0.0001", "max_qty": "100", "min_notional": "1", "start_price": "65000.0",
                   "volatility_bp": 0, "level_qty": "0.5"}],
      "accounts": [{"venue": "okx", "name": "maryam", "balances": {"USDT": "1000", "BTC": "0.1"},
                    "margin_loans": [{"asset": "USDT", "borrowed": "10", "interest": "0.01"}],
                    "futures_positions": [{"symbol": "BTC-USDT-SWAP", "position_amt": "2", "entry_price": "64000"}]}],
      "keys": [
        {"name": "doc", "account": "maryam", "api_key": "0b5e2f1c-3a4d-4e6f-8a9b-1c2d3e4f5a6b",
         "secret": "22582BD0CFF14C41EDBF1AB98506286D", "passphrase": "Paper-Phrase1",
         "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "reader", "account": "maryam", "api_key": "1b5e2f1c-3a4d-4e6f-8a9b-1c2d3e4f5a6b",
         "secret": "22582BD0CFF14C41EDBF1AB98506286D", "passphrase": "Paper-Phrase1",
         "permissions": {"read": true}, "ip_whitelist": ["198.51.100.9"]}
      ]})")
                        .as_object();
    auto applied = admin_.Apply(scenario);
    EXPECT_TRUE(applied) << applied.error();
  }

  /// A v5 request signed at the clock (or `timestamp`, an ISO text), or with `headers` as given.
  HttpResponse Send(std::string method, std::string target, std::string body = "",
                    std::string key = std::string(kOkxKey), std::string peer = "127.0.0.1",
                    std::optional<std::string> timestamp = std::nullopt,
                    std::string secret = std::string(kOkxSecret),
                    std::string phrase = std::string(kOkxPhrase)) {
    HttpRequest r;
    r.method = method;
    r.peer_ip = std::move(peer);
    r.target = target;
    r.body = body;
    if (!key.empty()) {
      const std::string ts = timestamp.value_or(Iso(clock_.ms()));
      const auto mac =
          crypto::HmacSha256(crypto::AsBytes(secret), crypto::AsBytes(ts + method + target + body));
      r.headers = {{"ok-access-key", key},
                   {"ok-access-sign", crypto::Base64Encode(mac)},
                   {"ok-access-timestamp", ts},
                   {"ok-access-passphrase", phrase}};
    }
    return stage_.Handle(r);
  }
  static Answer Read(const HttpResponse& r) {
    Answer a{r.status, "?", "?", "", ""};
    auto doc = base::JsonDocument::Parse(r.body, {"OKX venue answer"});
    if (!doc) return a;
    if (auto code = doc->Root().String("code")) a.code = *code;
    if (auto msg = doc->Root().String("msg")) a.msg = *msg;
    if (auto data = doc->Root().Array("data"); data && !data->empty()) {
      if (auto s = (*data)[0].OptionalString("sCode"); s && *s) a.s_code = **s;
      if (auto s = (*data)[0].OptionalString("sMsg"); s && *s) a.s_msg = **s;
    }
    return a;
  }
  json::value Ok(std::string method, std::string target, std::string body = "") {
    HttpResponse r = Send(std::move(method), std::move(target), std::move(body));
    EXPECT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(Read(r).code, "0") << r.body;
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    EXPECT_FALSE(ec) << r.body;
    return v;
  }
  static std::string Order(std::string side, std::string type, std::string sz, std::string px,
                           std::string cl, std::string td_mode = "cash") {
    json::object o{
        {"instId", "BTC-USDT"}, {"tdMode", td_mode}, {"side", side}, {"ordType", type}, {"sz", sz}};
    if (!px.empty()) o["px"] = px;
    if (!cl.empty()) o["clOrdId"] = cl;
    return json::serialize(o);
  }

  boost::system::error_code ec_;  // find_pointer's
  SettableClock clock_;
  base::SeededRandom random_;
  Exchange exchange_;
  okx::OkxVenue venue_;
  VenueStage stage_;
  AdminApi admin_;
};

TEST_F(OkxVenueTest, EveryAnswerHasTheFieldsOfOkxsExample) {
  auto fixture = [](const std::string& name) {
    boost::system::error_code ec;
    json::value v = json::parse(amanah::testing::OkxFixture(name), ec);
    EXPECT_FALSE(ec) << name << " is missing or not JSON";
    return v;
  };
  auto expect = [&](const std::string& name, const json::value& got) {
    SCOPED_TRACE(name);
    EXPECT_EQ(MissingFields(fixture(name), got), std::vector<std::string>{});
  };
  expect("public_time.json", Ok("GET", "/api/v5/public/time"));
  // The example has fields OKX added for other instrument types and auctions: the spot ones.
  json::value instruments = fixture("public_instruments_spot.json");
  if (json::value* item = instruments.find_pointer("/data/0", ec_); item && item->is_object()) {
    item->get_object().erase("instIdCode");
  }
  EXPECT_EQ(MissingFields(instruments, Ok("GET", "/api/v5/public/instruments?instType=SPOT")),
            std::vector<std::string>{});
  expect("account_config.json", Ok("GET", "/api/v5/account/config"));
  json::value balance = fixture("account_balance.json");
  // The detail fields of the paper's one wallet; the example's newer margin-mode extras aside.
  if (json::value* detail = balance.find_pointer("/data/0/details/0", ec_);
      detail && detail->is_object()) {
    for (const char* extra :
         {"autoLendStatus", "autoLendMtAmt", "colRes", "collateralEnabled", "collateralRestrict",
          "colBorrAutoConversion", "smtSyncEq", "spotCopyTradingEq", "rewardBal", "clSpotInUseAmt",
          "maxSpotInUse", "spotIsoBal", "spotBal", "openAvgPx", "accAvgPx", "spotUpl",
          "spotUplRatio", "totalPnl", "totalPnlRatio"}) {
      detail->get_object().erase(extra);
    }
  }
  EXPECT_EQ(MissingFields(balance, Ok("GET", "/api/v5/account/balance")),
            std::vector<std::string>{});
  expect("trade_order_place.json",
         Ok("POST", "/api/v5/trade/order", Order("buy", "limit", "0.001", "60000", "rest1")));
  ASSERT_EQ(
      Read(Send("POST", "/api/v5/trade/order", Order("buy", "market", "100", "", "mkt1"))).code,
      "0");
  expect("trade_order_details.json", Ok("GET", "/api/v5/trade/order?instId=BTC-USDT&clOrdId=mkt1"));
  expect("trade_orders_pending.json", Ok("GET", "/api/v5/trade/orders-pending?instType=SPOT"));
  expect("trade_fills.json", Ok("GET", "/api/v5/trade/fills?instType=SPOT"));
  expect("trade_cancel_order.json",
         Ok("POST", "/api/v5/trade/cancel-order", R"({"instId":"BTC-USDT","clOrdId":"rest1"})"));
  expect("asset_balances.json", Ok("GET", "/api/v5/asset/balances"));
}

TEST_F(OkxVenueTest, TheConfigurationSaysTheKeyAndTheAccount) {
  // data[0] of an answer, read with the checked reader.
  auto first = [&](const std::string& target) -> std::optional<base::JsonDocument> {
    auto doc = base::JsonDocument::Parse(json::serialize(Ok("GET", target)), {target});
    if (!doc) return std::nullopt;
    return std::move(*doc);
  };
  auto config = first("/api/v5/account/config");
  ASSERT_TRUE(config);
  auto c = config->Root().Array("data");
  ASSERT_TRUE(c && c->size() == 1u);
  EXPECT_EQ((*c)[0].String("perm"), "read_only,trade");
  EXPECT_EQ((*c)[0].String("ip"), "127.0.0.1");
  EXPECT_EQ((*c)[0].String("acctLv"), "1");
  EXPECT_EQ((*c)[0].Bool("autoLoan"), false);
  auto balance = first("/api/v5/account/balance?ccy=USDT");
  ASSERT_TRUE(balance);
  auto accounts = balance->Root().Array("data");
  ASSERT_TRUE(accounts && accounts->size() == 1u);
  auto details = (*accounts)[0].Array("details");
  ASSERT_TRUE(details && details->size() == 1u);
  EXPECT_EQ((*details)[0].String("liab"), "10");
  EXPECT_EQ((*details)[0].String("interest"), "0.01");
  auto positions = first("/api/v5/account/positions");
  ASSERT_TRUE(positions);
  auto list = positions->Root().Array("data");
  ASSERT_TRUE(list && list->size() == 1u);
  EXPECT_EQ((*list)[0].String("instType"), "SWAP");
}

TEST_F(OkxVenueTest, EachRefusalHasOkxsCodeTextAndStatus) {
  const std::string balance = "/api/v5/account/balance";
  auto empty = [&](const char* drop) {
    HttpRequest r;
    r.method = "GET";
    r.target = balance;
    r.peer_ip = "127.0.0.1";
    r.headers = {{"ok-access-key", std::string(kOkxKey)},
                 {"ok-access-sign", "x"},
                 {"ok-access-timestamp", Iso(clock_.ms())},
                 {"ok-access-passphrase", std::string(kOkxPhrase)}};
    std::erase_if(r.headers, [&](const auto& h) { return h.first == drop; });
    return Read(stage_.Handle(r));
  };
  const std::pair<const char*, const char*> kEmpty[] = {{"ok-access-key", "50103"},
                                                        {"ok-access-sign", "50106"},
                                                        {"ok-access-timestamp", "50107"},
                                                        {"ok-access-passphrase", "50104"}};
  for (const auto& [header, code] : kEmpty) {
    const Answer a = empty(header);
    EXPECT_EQ(a.status, 401u) << header;
    EXPECT_EQ(a.code, code) << header;
  }
  EXPECT_EQ(empty("ok-access-passphrase").msg,
            "Request header \"OK-ACCESS-PASSPHRASE\" can not be empty.");

  Answer a = Read(Send("GET", balance, "", "ffffffff-ffff-ffff-ffff-ffffffffffff"));
  EXPECT_EQ(a.status, 401u);
  EXPECT_EQ(a.code, "50111");
  EXPECT_EQ(a.msg, "Invalid OK-ACCESS-KEY.");
  a = Read(Send("GET", balance, "", std::string(kOkxKey), "127.0.0.1", std::nullopt,
                std::string(kOkxSecret), "wrong-phrase"));
  EXPECT_EQ(a.code, "50105");
  EXPECT_EQ(a.msg, "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.");
  a = Read(
      Send("GET", balance, "", std::string(kOkxKey), "127.0.0.1", std::to_string(clock_.ms())));
  EXPECT_EQ(a.code, "50112");  // milliseconds, not ISO 8601
  EXPECT_EQ(a.msg, "Invalid OK-ACCESS-TIMESTAMP.");
  a = Read(Send("GET", balance, "", std::string(kOkxKey), "127.0.0.1", Iso(clock_.ms() - 31'000)));
  EXPECT_EQ(a.status, 401u);
  EXPECT_EQ(a.code, "50102");
  EXPECT_EQ(a.msg, "Timestamp request expired.");
  a = Read(Send("GET", balance, "", std::string(kOkxKey), "127.0.0.1", Iso(clock_.ms() - 29'000)));
  EXPECT_EQ(a.code, "0");  // inside the 30 s
  a = Read(Send("GET", balance, "", std::string(kOkxKey), "127.0.0.1", std::nullopt,
                std::string(32, 'F')));
  EXPECT_EQ(a.code, "50113");
  EXPECT_EQ(a.msg, "Invalid signature.");
  // The query is signed as sent: the same request with its parameters reordered is not.
  {
    HttpRequest r;
    r.method = "GET";
    r.peer_ip = "127.0.0.1";
    r.target = "/api/v5/trade/orders-pending?instType=SPOT&instId=BTC-USDT";
    const std::string ts = Iso(clock_.ms());
    const auto mac = crypto::HmacSha256(
        crypto::AsBytes(kOkxSecret),
        crypto::AsBytes(ts + "GET/api/v5/trade/orders-pending?instId=BTC-USDT&instType=SPOT"));
    r.headers = {{"ok-access-key", std::string(kOkxKey)},
                 {"ok-access-sign", crypto::Base64Encode(mac)},
                 {"ok-access-timestamp", ts},
                 {"ok-access-passphrase", std::string(kOkxPhrase)}};
    EXPECT_EQ(Read(stage_.Handle(r)).code, "50113");
  }
  a = Read(Send("GET", balance, "", std::string(kOkxReader)));
  EXPECT_EQ(a.code, "50110");
  EXPECT_EQ(a.msg, "Your IP 127.0.0.1 is not included in your API key's IP whitelist.");
  a = Read(Send("POST", "/api/v5/trade/order", Order("buy", "market", "10", "", "ro1"),
                std::string(kOkxReader), "198.51.100.9"));
  EXPECT_EQ(a.status, 200u);
  EXPECT_EQ(a.code, "50120");
  EXPECT_EQ(a.msg, "This API key doesn't have permission to use this function");
  // Trade alone moves funds on OKX (the transfer endpoint answers a trade key): only Amanah's
  // signer stands between a key and this path.
  a = Read(
      Send("POST", "/api/v5/asset/transfer", R"({"ccy":"USDT","amt":"1","from":"18","to":"6"})"));
  EXPECT_EQ(a.code, "0");
  a = Read(Send("POST", "/api/v5/asset/withdrawal",
                R"({"ccy":"USDT","amt":"1","toAddr":"x","dest":"4"})"));
  EXPECT_EQ(a.code, "50120");
  EXPECT_EQ(Read(Send("GET", "/api/v5/account/nothing-here")).status, 404u);
  EXPECT_EQ(Read(Send("POST", "/api/v5/trade/order", "{not json")).code, "50002");

  // account/config: 5 requests per 2 s per user, then 50011 with HTTP 429.
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Read(Send("GET", "/api/v5/account/config")).code, "0");
  a = Read(Send("GET", "/api/v5/account/config"));
  EXPECT_EQ(a.status, 429u);
  EXPECT_EQ(a.code, "50011");
  clock_.Advance(2'000);
  EXPECT_EQ(Read(Send("GET", "/api/v5/account/config")).code, "0");

  {
    auto lock = exchange_.Lock();
    exchange_.SetMaintenance(true);
  }
  a = Read(Send("POST", "/api/v5/trade/order", Order("buy", "market", "10", "", "maint1")));
  EXPECT_EQ(a.status, 503u);
  EXPECT_EQ(a.code, "50001");
  EXPECT_EQ(Read(Send("GET", balance)).code, "0");  // reads answer in maintenance
}

TEST_F(OkxVenueTest, OrdersAnswerWithOkxsCodesInTheirData) {
  auto place = [&](const std::string& body) {
    return Read(Send("POST", "/api/v5/trade/order", body));
  };
  auto refused = [&](const std::string& body, const char* code) {
    const Answer a = place(body);
    EXPECT_EQ(a.code, "1") << body;
    EXPECT_EQ(a.msg, "Operation failed.") << body;
    EXPECT_EQ(a.s_code, code) << body << " → " << a.s_msg;
    return a;
  };
  json::object swap{{"instId", "BTC-USDT-SWAP"},
                    {"tdMode", "cross"},
                    {"side", "buy"},
                    {"ordType", "market"},
                    {"sz", "1"}};
  EXPECT_EQ(refused(json::serialize(swap), "51001").s_msg, "Instrument ID does not exist.");
  EXPECT_EQ(refused(Order("buy", "market", "10", "", "m1", "cross"), "51010").s_msg,
            "You can't complete this request under your current account mode.");
  json::object algo{{"instId", "BTC-USDT"}, {"tdMode", "cash"}, {"side", "buy"},
                    {"ordType", "limit"},   {"sz", "0.001"},    {"px", "60000"},
                    {"clOrdId", "a1"}};
  algo["attachAlgoOrds"] = json::array{json::object{{"tpTriggerPx", "70000"}, {"tpOrdPx", "-1"}}};
  EXPECT_EQ(refused(json::serialize(algo), "51000").s_msg, "Parameter attachAlgoOrds error");
  refused(Order("buy", "optimal_limit_ioc", "0.001", "60000", "o1"), "51000");
  EXPECT_EQ(refused(Order("buy", "limit", "0.00001", "60000", "s1"), "51020").s_msg,
            "Your order should meet or exceed the minimum order amount.");
  EXPECT_EQ(refused(Order("buy", "limit", "0.000105", "60000", "l1"), "51121").s_msg,
            "Order quantity must be a multiple of the lot size.");
  refused(Order("buy", "limit", "1", "60000", "b1"), "51008");          // 60 000 USDT of 1 000
  refused(Order("buy", "limit", "0.001", "60000", "bad-id"), "51000");  // clOrdId: alphanumerics

  ASSERT_EQ(place(Order("buy", "limit", "0.001", "60000", "dup1")).code, "0");
  EXPECT_EQ(refused(Order("buy", "limit", "0.001", "60000", "dup1"), "51016").s_msg,
            "Client order ID already exists.");
  Answer a = Read(
      Send("POST", "/api/v5/trade/cancel-order", R"({"instId":"BTC-USDT","clOrdId":"nosuch"})"));
  EXPECT_EQ(a.code, "1");
  EXPECT_EQ(a.s_code, "51400");
  a = Read(Send("GET", "/api/v5/trade/order?instId=BTC-USDT&clOrdId=nosuch"));
  EXPECT_EQ(a.code, "51603");
  EXPECT_EQ(a.msg, "Order does not exist.");

  // A batch: one accepted, one refused → code 2, each order's own sCode.
  const std::string batch = "[" + Order("buy", "limit", "0.001", "59000", "bt1") + "," +
                            Order("buy", "limit", "0.00001", "59000", "bt2") + "]";
  HttpResponse r = Send("POST", "/api/v5/trade/batch-orders", batch);
  EXPECT_EQ(Read(r).code, "2") << r.body;
  auto doc = base::JsonDocument::Parse(r.body, {"batch answer"});
  ASSERT_TRUE(doc) << doc.error();
  auto items = doc->Root().Array("data");
  ASSERT_TRUE(items && items->size() == 2u) << r.body;
  EXPECT_EQ((*items)[0].String("sCode"), "0");
  EXPECT_EQ((*items)[1].String("sCode"), "51020");
}

}  // namespace
}  // namespace amanah::paper::testing
