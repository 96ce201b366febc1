// The OKX oracle: for 22 calls (limit buys and sells, IOC, FOK, post-only, market orders by base
// and by quote amount, cancel, an order's query, open orders, trades, an order's trades, the
// balance, the key's configuration, a ticker and the server time) the request
// our OKX adapter sends has the same method, path, query or JSON body (keys and values), and the
// same OK-ACCESS-KEY, OK-ACCESS-PASSPHRASE and OK-ACCESS-TIMESTAMP as the one the npm ccxt package
// builds for the same inputs at the same timestamp (ccxt's fetch is replaced, nothing is sent);
// our OK-ACCESS-SIGN equals ccxt's byte for byte (for a POST our body's bytes are ccxt's; for a
// GET the signature is taken over ccxt's query order).
#include <map>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "exchange/okx/okx_exchange.h"
#include "testing/ccxt_oracle.h"
#include "testing/fake_clock.h"
#include "testing/order_request.h"
#include "testing/recording_sender.h"
#include "testing/temp_dir.h"

namespace amanah::exchange::okx {
namespace {

namespace json = boost::json;
using testing::Drive;

constexpr int64_t kTimestamp = testing::FakeClock::kStartMillis;
constexpr std::string_view kApiKey = "5f3c1d2e-8a9b-4c7d-9e0f-1a2b3c4d5e6f";
constexpr std::string_view kSecret = "22582BD0CFF14C41EDBF1AB98506286D";
constexpr std::string_view kPassphrase = "Amanah-0racle!";

struct Call {
  std::string name;
  json::array ccxt;  // [method, args...]
  std::function<void(OkxExchange&)> ours;
};

OrderRequest On(OrderRequest o, std::string symbol) {
  o.symbol = std::move(symbol);
  return o;
}

OrderRequest ByQuote(OrderRequest o, std::string_view quote) {
  o.quantity.reset();
  o.quote_quantity = base::Decimal::Parse(quote).value();
  return o;
}

std::vector<Call> Calls() {
  using testing::OrderOf;
  const std::string btc = "BTC-USDT", eth = "ETH-USDT";
  return {
      {"limit-buy",
       {"createOrder", "BTC/USDT", "limit", "buy", 0.001, 60000, {{"clientOrderId", "amanah1"}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(
             On(OrderOf(Side::kBuy, OrderType::kLimit, "0.001", "60000", "amanah1"), btc)));
       }},
      {"limit-sell",
       {"createOrder",
        "BTC/USDT",
        "limit",
        "sell",
        0.0025,
        71000.5,
        {{"clientOrderId", "amanah2"}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(
             On(OrderOf(Side::kSell, OrderType::kLimit, "0.0025", "71000.5", "amanah2"), btc)));
       }},
      {"limit-buy-eth",
       {"createOrder", "ETH/USDT", "limit", "buy", 0.75, 3050.2, {{"clientOrderId", "amanah3"}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(
             On(OrderOf(Side::kBuy, OrderType::kLimit, "0.75", "3050.2", "amanah3"), eth)));
       }},
      {"limit-ioc",
       {"createOrder",
        "BTC/USDT",
        "limit",
        "buy",
        0.01,
        64000,
        {{"clientOrderId", "amanah4"}, {"timeInForce", "IOC"}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(On(
             OrderOf(Side::kBuy, OrderType::kLimit, "0.01", "64000", "amanah4", TimeInForce::kIoc),
             btc)));
       }},
      {"limit-fok",
       {"createOrder",
        "BTC/USDT",
        "limit",
        "sell",
        0.01,
        66000,
        {{"clientOrderId", "amanah5"}, {"timeInForce", "FOK"}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(On(
             OrderOf(Side::kSell, OrderType::kLimit, "0.01", "66000", "amanah5", TimeInForce::kFok),
             btc)));
       }},
      {"post-only",
       {"createOrder",
        "BTC/USDT",
        "limit",
        "buy",
        0.001,
        59000,
        {{"clientOrderId", "amanah6"}, {"postOnly", true}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(
             On(OrderOf(Side::kBuy, OrderType::kLimitMaker, "0.001", "59000", "amanah6"), btc)));
       }},
      {"market-buy-by-base",
       {"createOrder", "BTC/USDT", "market", "buy", 0.002, nullptr, {{"clientOrderId", "amanah7"}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(
             On(OrderOf(Side::kBuy, OrderType::kMarket, "0.002", std::nullopt, "amanah7"), btc)));
       }},
      {"market-sell",
       {"createOrder", "ETH/USDT", "market", "sell", 0.5, nullptr, {{"clientOrderId", "amanah8"}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(
             On(OrderOf(Side::kSell, OrderType::kMarket, "0.5", std::nullopt, "amanah8"), eth)));
       }},
      {"market-buy-by-quote",
       {"createOrder",
        "BTC/USDT",
        "market",
        "buy",
        1,
        nullptr,
        {{"clientOrderId", "amanah9"}, {"tgtCcy", "quote_ccy"}, {"cost", 100}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(On(
             ByQuote(OrderOf(Side::kBuy, OrderType::kMarket, "1", std::nullopt, "amanah9"), "100"),
             btc)));
       }},
      {"market-buy-by-quote-eth",
       {"createOrder",
        "ETH/USDT",
        "market",
        "buy",
        1,
        nullptr,
        {{"clientOrderId", "amanah10"}, {"tgtCcy", "quote_ccy"}, {"cost", 25.5}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(
             On(ByQuote(OrderOf(Side::kBuy, OrderType::kMarket, "1", std::nullopt, "amanah10"),
                        "25.5"),
                eth)));
       }},
      {"market-sell-by-quote",
       {"createOrder",
        "BTC/USDT",
        "market",
        "sell",
        40,
        nullptr,
        {{"clientOrderId", "amanah11"}, {"tgtCcy", "quote_ccy"}}},
       [=](OkxExchange& e) {
         Drive(e.PlaceOrder(On(
             ByQuote(OrderOf(Side::kSell, OrderType::kMarket, "1", std::nullopt, "amanah11"), "40"),
             btc)));
       }},
      {"cancel",
       {"cancelOrder", nullptr, "BTC/USDT", {{"clOrdId", "amanah1"}}},
       [=](OkxExchange& e) { Drive(e.CancelOrder(btc, "amanah1")); }},
      {"cancel-eth",
       {"cancelOrder", nullptr, "ETH/USDT", {{"clOrdId", "amanah3"}}},
       [=](OkxExchange& e) { Drive(e.CancelOrder(eth, "amanah3")); }},
      {"query",
       {"fetchOrder", nullptr, "BTC/USDT", {{"clOrdId", "amanah2"}}},
       [=](OkxExchange& e) { Drive(e.QueryOrder(btc, "amanah2")); }},
      {"open-orders",
       {"fetchOpenOrders", "BTC/USDT"},
       [=](OkxExchange& e) { Drive(e.OpenOrders(btc)); }},
      {"open-orders-eth",
       {"fetchOpenOrders", "ETH/USDT"},
       [=](OkxExchange& e) { Drive(e.OpenOrders(eth)); }},
      {"my-trades", {"fetchMyTrades", "BTC/USDT"}, [=](OkxExchange& e) { Drive(e.MyTrades(btc)); }},
      {"order-trades",
       {"fetchOrderTrades", "680800019749904384", "BTC/USDT"},
       [=](OkxExchange& e) { Drive(e.OrderTrades(btc, "680800019749904384")); }},
      {"balance", {"fetchBalance"}, [](OkxExchange& e) { Drive(e.Balances()); }},
      {"account-config",
       {"privateGetAccountConfig", json::object{}},
       [](OkxExchange& e) { Drive(e.Permissions()); }},
      {"ticker", {"fetchTicker", "BTC/USDT"}, [=](OkxExchange& e) { Drive(e.Ticker24h(btc)); }},
      {"time", {"fetchTime"}, [](OkxExchange& e) { Drive(e.ServerTime()); }},
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

std::vector<std::string> SortedParts(const std::string& query) {
  std::vector<std::string> parts;
  for (size_t start = 0; start < query.size();) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    parts.push_back(query.substr(start, end - start));
    start = end + 1;
  }
  std::sort(parts.begin(), parts.end());
  return parts;
}

OkxSigner OracleSigner() {
  return OkxSigner::Create(std::string(kApiKey), crypto::SecretBytes::CopyFrom(kSecret),
                           crypto::SecretBytes::CopyFrom(kPassphrase))
      .value();
}

TEST(OkxOracle, OurRequestsMatchCcxtsAndOurSignaturesEqualIts) {
  testing::TempDir dir;
  testing::FakeClock clock;
  json::array list;
  std::vector<Call> calls = Calls();
  for (const Call& c : calls) {
    json::array args(c.ccxt.begin() + 1, c.ccxt.end());
    list.push_back({{"name", c.name}, {"key", "hmac"}, {"call", c.ccxt[0]}, {"args", args}});
  }
  json::object input{
      {"timestamp", kTimestamp},
      {"keys", {{"hmac", {{"apiKey", kApiKey}, {"secret", kSecret}, {"password", kPassphrase}}}}},
      {"calls", list}};
  auto ccxt = testing::RunOracle("ccxt_okx_requests.mjs", input, dir);
  ASSERT_EQ(ccxt.size(), calls.size());
  int compared = 0, signed_compared = 0;
  for (const Call& call : calls) {
    SCOPED_TRACE(call.name);
    auto found = ccxt.find(call.name);
    ASSERT_NE(found, ccxt.end());
    const json::object& theirs = found->second;
    ASSERT_FALSE(theirs.contains("error")) << json::serialize(theirs);
    auto recorder = std::make_shared<testing::RecordingSender>();
    OkxExchange ours(recorder, OracleSigner(), clock);
    call.ours(ours);
    ASSERT_GE(recorder->sent.size(), 1u);
    const transport::Request& sent = recorder->sent.front();

    // Method, path and query.
    const std::string url = TheirText(theirs, "url");
    constexpr std::string_view kOrigin = "https://www.okx.com";
    ASSERT_TRUE(url.starts_with(kOrigin)) << url;
    const size_t q = url.find('?');
    const std::string their_path =
        url.substr(kOrigin.size(), q == std::string::npos ? q : q - kOrigin.size());
    const std::string their_query = q == std::string::npos ? "" : url.substr(q + 1);
    const size_t our_q = sent.target.find('?');
    const std::string our_query = our_q == std::string::npos ? "" : sent.target.substr(our_q + 1);
    EXPECT_EQ(sent.method, TheirText(theirs, "method"));
    EXPECT_EQ(sent.target.substr(0, our_q), their_path);
    EXPECT_EQ(SortedParts(our_query), SortedParts(their_query));

    // The same key, passphrase and timestamp (or none, on a public call).
    for (std::string_view h : {"OK-ACCESS-KEY", "OK-ACCESS-PASSPHRASE", "OK-ACCESS-TIMESTAMP"}) {
      EXPECT_EQ(HeaderOf(sent, h), TheirHeader(theirs, h)) << h;
    }
    std::string their_body;
    if (sent.method == "POST") {
      // The same JSON body, key by key; and, written in ccxt's order, the same bytes.
      their_body = TheirText(theirs, "body");
      boost::system::error_code their_ec, our_ec;
      json::value theirs_json = json::parse(their_body, their_ec);
      json::value ours_json = json::parse(sent.body, our_ec);
      ASSERT_FALSE(their_ec) << their_body;
      ASSERT_FALSE(our_ec) << sent.body;
      EXPECT_EQ(ours_json, theirs_json) << sent.body << "\n" << their_body;
      EXPECT_EQ(sent.body, their_body);
      EXPECT_EQ(HeaderOf(sent, "Content-Type"), "application/json");
    } else {
      EXPECT_TRUE(sent.body.empty());
    }
    if (TheirHeader(theirs, "OK-ACCESS-SIGN") != "<absent>") {
      EXPECT_EQ(TheirHeader(theirs, "OK-ACCESS-TIMESTAMP"), IsoMillis(kTimestamp));
      const std::string request_path = their_path + (their_query.empty() ? "" : "?" + their_query);
      EXPECT_EQ(
          OracleSigner().SignatureOf(PreHash(
              IsoMillis(kTimestamp), sent.method == "POST" ? HttpMethod::kPost : HttpMethod::kGet,
              request_path, their_body)),
          TheirHeader(theirs, "OK-ACCESS-SIGN"));
      if (sent.method == "POST" || our_query == their_query) {
        EXPECT_EQ(HeaderOf(sent, "OK-ACCESS-SIGN"), TheirHeader(theirs, "OK-ACCESS-SIGN"));
      }
      ++signed_compared;
    } else {
      EXPECT_EQ(HeaderOf(sent, "OK-ACCESS-SIGN"), "<absent>");
    }
    ++compared;
  }
  EXPECT_EQ(compared, 22);
  EXPECT_EQ(signed_compared, 20);
}

}  // namespace
}  // namespace amanah::exchange::okx
