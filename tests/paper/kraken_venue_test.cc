// The paper exchange's Kraken venue without sockets: its answers carry the fields of Kraken's own
// examples (tests/paper/fixtures/kraken/, recursively, values the simulation's own) — time,
// system status, asset pairs, BalanceEx, TradeBalance, open positions, AddOrder, OpenOrders,
// QueryOrders, TradesHistory; the docs' own AddOrder request, signed as K1, is placed; each
// documented refusal has Kraken's exact string in Kraken's order of checks — the key
// (EAPI:Invalid key), the signature (EAPI:Invalid signature), the nonce, reused or going back
// (EAPI:Invalid nonce), the allow-list and the permission (EGeneral:Permission denied) — the REST
// counter (EAPI:Rate limit exceeded, and free again as it decays), maintenance (EService:
// Unavailable, HTTP 503), margin orders (EOrder:Cannot open position), an expired deadline, an
// unknown method and order rejections (EOrder:Order minimum not met, EOrder:Insufficient funds).
#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "admin/admin_api.h"
#include "base/random.h"
#include "core/exchange.h"
#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/sha2.h"
#include "paper/paper_fixture.h"
#include "testing/exchange_fixtures.h"
#include "testing/missing_fields.h"
#include "venues/kraken/kraken_venue.h"
#include "venues/venue_stage.h"

namespace amanah::paper::testing {
namespace {

namespace json = boost::json;
using amanah::testing::KrakenFixture;
using amanah::testing::MissingFields;

// K1's key material (kraken.md §1).
constexpr std::string_view kKrakenSecret =
    "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
constexpr std::string_view kKrakenKey = "HlFkEa2SKc8bvVsM0WNGCn4zdQGmBPX6VcUqn5jaAoRtxDxFBTx0bWx9";
constexpr std::string_view kKrakenReader =
    "ReadOnlyKeyOfPaperKrakenVenueTest0123456789abcdefABCDEF";

class KrakenVenueTest : public ::testing::Test {
 protected:
  KrakenVenueTest()
      : clock_(1767225600000),
        random_(7),
        exchange_(clock_, random_),
        venue_(exchange_),
        stage_(exchange_, venue_),
        admin_(exchange_, Venues({&venue_}), "test-token-0123456789") {
    auto lock = exchange_.Lock();
    auto scenario = json::parse(R"({
      "markets": [{"symbol": "BTCUSD", "base": "BTC", "quote": "USD", "tick_size": "0.1", "step_size": "0.00001",
                   "min_qty": "0.0001", "min_notional": "0.5", "start_price": "37000.0",
                   "volatility_bp": 0, "level_qty": "0.5"}],
      "accounts": [{"venue": "kraken", "name": "maryam", "balances": {"USD": "100000", "BTC": "0.1"},
                    "margin_loans": [{"asset": "BTC", "borrowed": "0.01", "interest": "0.0001"}]}],
      "keys": [
        {"name": "doc", "account": "maryam", "api_key": "HlFkEa2SKc8bvVsM0WNGCn4zdQGmBPX6VcUqn5jaAoRtxDxFBTx0bWx9",
         "secret": "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==",
         "permissions": {"read": true, "spot_trade": true}, "ip_whitelist": ["127.0.0.1"]},
        {"name": "reader", "account": "maryam", "api_key": "ReadOnlyKeyOfPaperKrakenVenueTest0123456789abcdefABCDEF",
         "secret": "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==",
         "permissions": {"read": true}, "ip_whitelist": ["198.51.100.9", "127.0.0.1"]}
      ]})")
                        .as_object();
    auto applied = admin_.Apply(scenario);
    EXPECT_TRUE(applied) << applied.error();
  }

  static std::string Sign(std::string_view path, std::string_view nonce, std::string_view body,
                          std::string_view secret = kKrakenSecret) {
    const auto digest = crypto::Sha256(crypto::AsBytes(std::string(nonce) + std::string(body)));
    std::string message(path);
    message.append(reinterpret_cast<const char*>(digest.data()), digest.size());
    return crypto::HmacSha512Base64(crypto::Base64Decode(secret).value(), crypto::AsBytes(message));
  }
  /// A private POST with `params` after the nonce (the next one unless given).
  HttpResponse Post(std::string method, std::string params = "", std::optional<uint64_t> nonce = {},
                    std::string key = std::string(kKrakenKey), std::string peer = "127.0.0.1",
                    std::string_view secret = kKrakenSecret) {
    const std::string path = "/0/private/" + method;
    const std::string n = std::to_string(nonce.value_or(++nonce_));
    const std::string body = "nonce=" + n + (params.empty() ? "" : "&" + params);
    HttpRequest r;
    r.method = "POST";
    r.peer_ip = std::move(peer);
    r.target = path;
    r.body = body;
    r.headers = {{"api-key", key}, {"api-sign", Sign(path, n, body, secret)}};
    return stage_.Handle(r);
  }
  HttpResponse Get(std::string target) {
    HttpRequest r;
    r.method = "GET";
    r.peer_ip = "127.0.0.1";
    r.target = std::move(target);
    return stage_.Handle(r);
  }
  /// The first error string, "" when none.
  static std::string ErrorOf(const HttpResponse& r) {
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    if (ec || !v.is_object()) return "<not json>";
    const json::value* e = v.get_object().if_contains("error");
    if (e == nullptr || !e->is_array()) return "<no error array>";
    if (e->as_array().empty()) return "";
    const json::value& first = e->as_array()[0];
    return first.is_string() ? std::string(first.get_string()) : "<not a string>";
  }
  json::value Result(const HttpResponse& r) {
    EXPECT_EQ(r.status, 200u) << r.body;
    EXPECT_EQ(ErrorOf(r), "") << r.body;
    boost::system::error_code ec;
    json::value v = json::parse(r.body, ec);
    const json::value* result =
        ec || !v.is_object() ? nullptr : v.get_object().if_contains("result");
    return result ? *result : json::value();
  }
  static json::value FixtureResult(const std::string& name) {
    boost::system::error_code ec;
    return At(json::parse(KrakenFixture(name), ec), "/result");
  }
  /// The value at JSON pointer `pointer` ("/descr/order"), or null — and a test failure naming the
  /// pointer — when it is not there.
  static json::value At(const json::value& v, const std::string& pointer) {
    boost::system::error_code ec;
    const json::value* found = v.find_pointer(pointer, ec);
    if (found == nullptr) {
      ADD_FAILURE() << pointer << " is missing in " << json::serialize(v);
      return json::value();
    }
    return *found;
  }
  /// The value of an object's first member (Kraken keys its lists by id), or null.
  static json::value First(const json::value& v) {
    const json::object* o = v.if_object();
    if (o == nullptr || o->empty()) {
      ADD_FAILURE() << "no first member in " << json::serialize(v);
      return json::value();
    }
    return o->begin()->value();
  }
  static size_t Size(const json::value& v) {
    const json::object* o = v.if_object();
    return o == nullptr ? 0 : o->size();
  }

  uint64_t nonce_ = 1616492376594;
  SettableClock clock_;
  base::SeededRandom random_;
  Exchange exchange_;
  kraken::KrakenVenue venue_;
  VenueStage stage_;
  AdminApi admin_;
};

TEST_F(KrakenVenueTest, K1TheDocsOwnRequestIsAccepted) {
  // The docs' example body, signed by K1's secret (its expected API-Sign checked in the
  // adapter's tests); the paper answers it — an order it places.
  HttpRequest r;
  r.method = "POST";
  r.peer_ip = "127.0.0.1";
  r.target = "/0/private/AddOrder";
  r.body = "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25";
  r.headers = {
      {"api-key", std::string(kKrakenKey)},
      {"api-sign",
       "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ=="}};
  const json::value placed = Result(stage_.Handle(r));
  EXPECT_EQ(At(placed, "/descr/order"), "buy 1.25 XBTUSD @ limit 37500");
}

TEST_F(KrakenVenueTest, AnswersCarryTheFieldsOfKrakensExamples) {
  EXPECT_EQ(MissingFields(FixtureResult("time.json"), Result(Get("/0/public/Time"))),
            std::vector<std::string>{});
  EXPECT_EQ(
      MissingFields(FixtureResult("system_status.json"), Result(Get("/0/public/SystemStatus"))),
      std::vector<std::string>{});
  // AssetPairs: the example's first pair's fields on ours.
  const json::value pairs = Result(Get("/0/public/AssetPairs?pair=XBTUSD"));
  const json::value want_pairs = FixtureResult("asset_pairs.json");
  json::value want_pair = First(want_pairs);
  if (json::object* o = want_pair.if_object()) o->erase("fee_volume_currency");
  EXPECT_EQ(MissingFields(want_pair, At(pairs, "/XBTUSD")), std::vector<std::string>{});
  EXPECT_EQ(At(pairs, "/XBTUSD/base"), "XXBT");
  EXPECT_EQ(At(pairs, "/XBTUSD/quote"), "ZUSD");
  EXPECT_EQ(At(pairs, "/XBTUSD/ordermin"), "0.0001");

  const json::value ex = Result(Post("BalanceEx"));
  const json::value want_ex = FixtureResult("balance_ex.json");
  EXPECT_EQ(MissingFields(At(want_ex, "/ZUSD"), At(ex, "/ZUSD")), std::vector<std::string>{});
  EXPECT_EQ(At(ex, "/XXBT/balance"), "0.1");
  EXPECT_EQ(MissingFields(FixtureResult("trade_balance.json"), Result(Post("TradeBalance"))),
            std::vector<std::string>{});
  const json::value positions = Result(Post("OpenPositions"));
  ASSERT_EQ(Size(positions), 1u);
  EXPECT_EQ(MissingFields(First(FixtureResult("open_positions.json")), First(positions)),
            std::vector<std::string>{});

  const json::value added =
      Result(Post("AddOrder", "pair=XBTUSD&type=buy&ordertype=limit&volume=0.01&price=30000"));
  EXPECT_EQ(MissingFields(FixtureResult("add_order_spot.json"), added), std::vector<std::string>{});
  EXPECT_EQ(At(added, "/descr/order"), "buy 0.01 XBTUSD @ limit 30000");
  const json::value txid_value = At(added, "/txid/0");
  ASSERT_TRUE(txid_value.is_string());
  const std::string txid(txid_value.get_string());
  const json::value open = Result(Post("OpenOrders"));
  const json::value want_open = First(At(FixtureResult("open_orders.json"), "/open"));
  EXPECT_EQ(MissingFields(want_open, At(open, "/open/" + txid)), std::vector<std::string>{});
  const json::value queried = Result(Post("QueryOrders", "txid=" + txid));
  EXPECT_EQ(At(queried, "/" + txid + "/status"), "open");

  Result(Post("AddOrder", "pair=XBTUSD&type=buy&ordertype=market&volume=0.001"));
  const json::value trades = Result(Post("TradesHistory"));
  const json::value want_trade = First(At(FixtureResult("trades_history.json"), "/trades"));
  ASSERT_GT(Size(At(trades, "/trades")), 0u);
  EXPECT_EQ(MissingFields(want_trade, First(At(trades, "/trades"))), std::vector<std::string>{});
}

TEST_F(KrakenVenueTest, AuthenticationRefusalsInKrakensOrder) {
  EXPECT_EQ(ErrorOf(Post("Balance", "", {}, "UnknownKeyUnknownKeyUnknownKeyUnknownKey0123456789")),
            "EAPI:Invalid key");
  const std::string other = crypto::Base64Encode(crypto::AsBytes(std::string(64, 'x')));
  EXPECT_EQ(ErrorOf(Post("Balance", "", {}, std::string(kKrakenKey), "127.0.0.1", other)),
            "EAPI:Invalid signature");
  EXPECT_EQ(ErrorOf(Post("Balance", "", 2000000000000)), "");
  EXPECT_EQ(ErrorOf(Post("Balance", "", 2000000000000)), "EAPI:Invalid nonce");  // reused
  EXPECT_EQ(ErrorOf(Post("Balance", "", 1999999999999)), "EAPI:Invalid nonce");  // went back
  EXPECT_EQ(ErrorOf(Post("Balance", "", 2000000000001, std::string(kKrakenKey), "192.0.2.1")),
            "EGeneral:Permission denied");  // not on the allow-list
  EXPECT_EQ(ErrorOf(Post("AddOrder", "pair=XBTUSD&type=buy&ordertype=market&volume=0.001",
                         3000000000000, std::string(kKrakenReader))),
            "EGeneral:Permission denied");  // read only
  EXPECT_EQ(ErrorOf(Post("Withdraw", "asset=XBT&key=x&amount=1", 3000000000001)),
            "EGeneral:Unknown method");
}

TEST_F(KrakenVenueTest, TheRestCounterFillsAndDecays) {
  {
    auto lock = exchange_.Lock();
    ASSERT_TRUE(venue_.SetLimits(json::object{{"counter_max", 4}, {"decay_per_s_percent", 100}}));
  }
  for (int i = 0; i < 4; ++i) EXPECT_EQ(ErrorOf(Post("Balance")), "") << i;
  EXPECT_EQ(ErrorOf(Post("Balance")), "EAPI:Rate limit exceeded");
  EXPECT_EQ(ErrorOf(Post("TradesHistory")), "EAPI:Rate limit exceeded");  // costs 2
  clock_.Advance(1000);                                                   // one unit decayed
  EXPECT_EQ(ErrorOf(Post("Balance")), "");
  EXPECT_EQ(ErrorOf(Post("Balance")), "EAPI:Rate limit exceeded");
  // Orders count on the trading limiter, not on this counter.
  EXPECT_EQ(ErrorOf(Post("AddOrder", "pair=XBTUSD&type=buy&ordertype=limit&volume=0.01&price=300")),
            "");
}

TEST_F(KrakenVenueTest, OrderRefusals) {
  EXPECT_EQ(ErrorOf(Post("AddOrder",
                         "pair=XBTUSD&type=buy&ordertype=limit&volume=0.01&price=30000"
                         "&leverage=2")),
            "EOrder:Cannot open position");
  EXPECT_EQ(ErrorOf(Post("AddOrder", "pair=XBTUSD&type=sell&ordertype=settle-position&volume=0")),
            "EOrder:Cannot open position");
  EXPECT_EQ(
      ErrorOf(Post("AddOrder", "pair=XBTUSD&type=buy&ordertype=limit&volume=0.00001&price=1")),
      "EOrder:Order minimum not met");
  EXPECT_EQ(ErrorOf(Post("AddOrder", "pair=XBTUSD&type=buy&ordertype=limit&volume=10&price=30000")),
            "EOrder:Insufficient funds");
  EXPECT_EQ(ErrorOf(Post("AddOrder", "pair=DOGEUSD&type=buy&ordertype=market&volume=1")),
            "EQuery:Unknown asset pair");
  EXPECT_EQ(ErrorOf(Post("AddOrder",
                         "pair=XBTUSD&type=buy&ordertype=limit&volume=0.01&price=300"
                         "&deadline=2025-12-31T23:59:00Z")),
            "EService:Deadline elapsed");
  // validate=true checks and places nothing.
  EXPECT_EQ(ErrorOf(Post("AddOrder",
                         "pair=XBTUSD&type=buy&ordertype=limit&volume=0.01&price=300"
                         "&validate=true")),
            "");
  EXPECT_EQ(Size(At(Result(Post("OpenOrders")), "/open")), 0u);
  EXPECT_EQ(ErrorOf(Post("CancelOrder", "txid=OAAAAA-AAAAA-AAAAAA")), "EOrder:Unknown order");
}

TEST_F(KrakenVenueTest, MaintenanceRefusesOrdersButNotReads) {
  {
    auto lock = exchange_.Lock();
    exchange_.SetMaintenance(true);
  }
  EXPECT_EQ(At(Result(Get("/0/public/SystemStatus")), "/status"), "maintenance");
  EXPECT_EQ(ErrorOf(Post("Balance")), "");
  HttpResponse r = Post("AddOrder", "pair=XBTUSD&type=buy&ordertype=limit&volume=0.01&price=300");
  EXPECT_EQ(r.status, 503u);
  EXPECT_EQ(ErrorOf(r), "EService:Unavailable");
}

}  // namespace
}  // namespace amanah::paper::testing
