// The Bybit oracle: for 30 calls (limit buys and sells, IOC, FOK, post-only, market orders by base
// and by quote amount, cancel, an order's query, open orders, trades, an order's trades, the
// balance and the key's own permissions; HMAC and RSA keys) the request our Bybit adapter sends
// has the same method, path, query or JSON body (keys and values), and the same X-BAPI-API-KEY,
// X-BAPI-TIMESTAMP and X-BAPI-RECV-WINDOW as the one the npm ccxt package builds for the same
// inputs at the same timestamp (ccxt's fetch is replaced, nothing is sent); and with ccxt's body
// or query order our signature equals ccxt's X-BAPI-SIGN byte for byte.
#include <map>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "crypto/rsa.h"
#include "exchange/bybit/bybit_exchange.h"
#include "testing/ccxt_oracle.h"
#include "testing/fake_clock.h"
#include "testing/order_request.h"
#include "testing/recording_sender.h"
#include "testing/temp_dir.h"

namespace amanah::exchange::bybit {
namespace {

namespace json = boost::json;
using testing::Drive;

constexpr int64_t kTimestamp = testing::FakeClock::kStartMillis;
constexpr std::string_view kApiKey = "Amanah0racleKey018";
constexpr std::string_view kSecret = "Amanah0racleSecret0123456789abcdefgh";

struct Call {
  std::string name;
  json::array ccxt;  // [method, args...]
  std::function<void(BybitExchange&)> ours;
};

std::vector<Call> Calls() {
  return {
      {"limit-buy",
       {"createOrder",
        "BTC/USDT",
        "limit",
        "buy",
        0.001,
        60000,
        {{"clientOrderId", "amanah-1"}, {"timeInForce", "GTC"}}},
       [](BybitExchange& e) {
         Drive(e.PlaceOrder(
             testing::OrderOf(Side::kBuy, OrderType::kLimit, "0.001", "60000", "amanah-1")));
       }},
      {"limit-sell",
       {"createOrder",
        "BTC/USDT",
        "limit",
        "sell",
        0.0025,
        71000.5,
        {{"clientOrderId", "amanah-2"}, {"timeInForce", "GTC"}}},
       [](BybitExchange& e) {
         Drive(e.PlaceOrder(
             testing::OrderOf(Side::kSell, OrderType::kLimit, "0.0025", "71000.5", "amanah-2")));
       }},
      {"limit-ioc",
       {"createOrder",
        "BTC/USDT",
        "limit",
        "buy",
        0.01,
        64000,
        {{"clientOrderId", "amanah-3"}, {"timeInForce", "IOC"}}},
       [](BybitExchange& e) {
         Drive(e.PlaceOrder(testing::OrderOf(Side::kBuy, OrderType::kLimit, "0.01", "64000",
                                             "amanah-3", TimeInForce::kIoc)));
       }},
      {"limit-fok",
       {"createOrder",
        "BTC/USDT",
        "limit",
        "sell",
        0.01,
        66000,
        {{"clientOrderId", "amanah-4"}, {"timeInForce", "FOK"}}},
       [](BybitExchange& e) {
         Drive(e.PlaceOrder(testing::OrderOf(Side::kSell, OrderType::kLimit, "0.01", "66000",
                                             "amanah-4", TimeInForce::kFok)));
       }},
      {"post-only",
       {"createOrder",
        "BTC/USDT",
        "limit",
        "buy",
        0.001,
        59000,
        {{"clientOrderId", "amanah-5"}, {"postOnly", true}}},
       [](BybitExchange& e) {
         Drive(e.PlaceOrder(
             testing::OrderOf(Side::kBuy, OrderType::kLimitMaker, "0.001", "59000", "amanah-5")));
       }},
      {"market-buy",
       {"createOrder",
        "BTC/USDT",
        "market",
        "buy",
        0.002,
        nullptr,
        {{"clientOrderId", "amanah-6"}}},
       [](BybitExchange& e) {
         Drive(e.PlaceOrder(
             testing::OrderOf(Side::kBuy, OrderType::kMarket, "0.002", std::nullopt, "amanah-6")));
       }},
      {"market-sell",
       {"createOrder", "ETH/USDT", "market", "sell", 0.5, nullptr, {{"clientOrderId", "amanah-7"}}},
       [](BybitExchange& e) {
         OrderRequest o =
             testing::OrderOf(Side::kSell, OrderType::kMarket, "0.5", std::nullopt, "amanah-7");
         o.symbol = "ETHUSDT";
         Drive(e.PlaceOrder(o));
       }},
      {"market-buy-by-quote",
       {"createOrder",
        "BTC/USDT",
        "market",
        "buy",
        0,
        nullptr,
        {{"clientOrderId", "amanah-8"}, {"cost", 100}}},
       [](BybitExchange& e) {
         OrderRequest o =
             testing::OrderOf(Side::kBuy, OrderType::kMarket, "1", std::nullopt, "amanah-8");
         o.quantity.reset();
         o.quote_quantity = base::Decimal::Parse("100").value();
         Drive(e.PlaceOrder(o));
       }},
      {"cancel",
       {"cancelOrder", nullptr, "BTC/USDT", {{"orderLinkId", "amanah-1"}}},
       [](BybitExchange& e) { Drive(e.CancelOrder("BTCUSDT", "amanah-1")); }},
      {"query",
       {"fetchOpenOrder", nullptr, "BTC/USDT", {{"orderLinkId", "amanah-2"}}},
       [](BybitExchange& e) { Drive(e.QueryOrder("BTCUSDT", "amanah-2")); }},
      {"open-orders",
       {"fetchOpenOrders", "BTC/USDT"},
       [](BybitExchange& e) { Drive(e.OpenOrders("BTCUSDT")); }},
      {"my-trades",
       {"fetchMyTrades", "BTC/USDT"},
       [](BybitExchange& e) { Drive(e.MyTrades("BTCUSDT")); }},
      {"order-trades",
       {"fetchOrderTrades", "1321003749386327552", "BTC/USDT"},
       [](BybitExchange& e) { Drive(e.OrderTrades("BTCUSDT", "1321003749386327552")); }},
      {"balance", {"fetchBalance"}, [](BybitExchange& e) { Drive(e.Balances()); }},
      {"query-api",
       {"privateGetV5UserQueryApi", json::object{}},
       [](BybitExchange& e) { Drive(e.Permissions()); }},
  };
}

std::string HeaderOf(const transport::Request& r, std::string_view name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return v;
  }
  return "<absent>";
}

// A string field of ccxt's captured request, "<absent>" when it is missing or not a string.
std::string TheirText(const json::object& o, std::string_view name) {
  const json::value* v = o.if_contains(name);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : "<absent>";
}

std::string TheirHeader(const json::object& theirs, std::string_view name) {
  const json::value* headers = theirs.if_contains("headers");
  return headers != nullptr && headers->is_object() ? TheirText(headers->get_object(), name)
                                                    : "<absent>";
}

class BybitOracle : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_pem_ = new std::string(crypto::RsaPrivateKey::Generate(2048).ToPem().view());
  }
  static void TearDownTestSuite() { delete rsa_pem_; }

  std::string SecretOf(const std::string& key) const {
    return key == "hmac" ? std::string(kSecret) : *rsa_pem_;
  }

  BybitSigner Signer(const std::string& key) const {
    return BybitSigner::Create(
               key == "hmac" ? BybitSigner::KeyType::kHmac : BybitSigner::KeyType::kRsa,
               std::string(kApiKey), crypto::SecretBytes::CopyFrom(SecretOf(key)))
        .value();
  }

  static std::string* rsa_pem_;
  testing::TempDir dir_;
  testing::FakeClock clock_;
};
std::string* BybitOracle::rsa_pem_ = nullptr;

TEST_F(BybitOracle, OurRequestsMatchCcxtsAndOurSignaturesEqualItsInItsOrder) {
  json::array list;
  std::vector<std::pair<std::string, Call>> calls;
  for (const std::string key : {"hmac", "rsa"}) {
    for (Call& c : Calls()) {
      json::array args(c.ccxt.begin() + 1, c.ccxt.end());
      list.push_back(
          {{"name", key + "/" + c.name}, {"key", key}, {"call", c.ccxt[0]}, {"args", args}});
      calls.emplace_back(key, std::move(c));
    }
  }
  json::object input{{"timestamp", kTimestamp},
                     {"keys",
                      {{"hmac", {{"apiKey", kApiKey}, {"secret", kSecret}}},
                       {"rsa", {{"apiKey", kApiKey}, {"secret", *rsa_pem_}}}}},
                     {"calls", list}};
  auto ccxt = testing::RunOracle("ccxt_bybit_requests.mjs", input, dir_);
  ASSERT_EQ(ccxt.size(), calls.size());
  int compared = 0;
  for (const auto& [key, call] : calls) {
    SCOPED_TRACE(key + "/" + call.name);
    auto found = ccxt.find(key + "/" + call.name);
    ASSERT_NE(found, ccxt.end());
    const json::object& theirs = found->second;
    ASSERT_FALSE(theirs.contains("error")) << json::serialize(theirs);
    auto recorder = std::make_shared<testing::RecordingSender>();
    BybitExchange ours(recorder, Signer(key), clock_);
    call.ours(ours);
    ASSERT_GE(recorder->sent.size(), 1u);
    const transport::Request& sent = recorder->sent.front();

    // Method and path.
    const std::string url = TheirText(theirs, "url");
    ASSERT_TRUE(url.starts_with("https://api.bybit.com/")) << url;
    const size_t q = url.find('?');
    const std::string their_path = url.substr(21, q == std::string::npos ? q : q - 21);
    EXPECT_EQ(sent.method, TheirText(theirs, "method"));
    EXPECT_EQ(sent.target.substr(0, sent.target.find('?')), their_path);
    // The same key, timestamp and receive window.
    for (std::string_view h : {"X-BAPI-API-KEY", "X-BAPI-TIMESTAMP", "X-BAPI-RECV-WINDOW"}) {
      EXPECT_EQ(HeaderOf(sent, h), TheirHeader(theirs, h)) << h;
    }
    EXPECT_EQ(TheirHeader(theirs, "X-BAPI-TIMESTAMP"), std::to_string(kTimestamp));

    std::string their_payload;
    if (sent.method == "POST") {
      // The same JSON body, key by key (ccxt orders its keys otherwise), as application/json.
      their_payload = TheirText(theirs, "body");
      boost::system::error_code their_ec, our_ec;
      json::value theirs_body = json::parse(their_payload, their_ec);
      json::value ours_body = json::parse(sent.body, our_ec);
      ASSERT_FALSE(their_ec) << their_payload;
      ASSERT_FALSE(our_ec) << sent.body;
      EXPECT_EQ(ours_body, theirs_body) << sent.body << "\n" << their_payload;
      EXPECT_EQ(HeaderOf(sent, "Content-Type"), "application/json");
    } else {
      // The same query parameters (order may differ).
      their_payload = q == std::string::npos ? "" : url.substr(q + 1);
      const std::string our_query = sent.target.find('?') == std::string::npos
                                        ? ""
                                        : sent.target.substr(sent.target.find('?') + 1);
      auto split = [](std::string s) {
        std::vector<std::string> parts;
        for (size_t start = 0; start < s.size();) {
          size_t end = s.find('&', start);
          if (end == std::string::npos) end = s.size();
          parts.push_back(s.substr(start, end - start));
          start = end + 1;
        }
        std::sort(parts.begin(), parts.end());
        return parts;
      };
      EXPECT_EQ(split(our_query), split(their_payload));
      EXPECT_TRUE(sent.body.empty());
    }
    // Signed in ccxt's order, our signature is ccxt's byte for byte.
    const BybitSigner signer = Signer(key);
    EXPECT_EQ(signer.SignatureOf(StringToSign(kTimestamp, kApiKey, 5000, their_payload)),
              TheirHeader(theirs, "X-BAPI-SIGN"));
    ++compared;
  }
  EXPECT_EQ(compared, 30);
}

}  // namespace
}  // namespace amanah::exchange::bybit
