// The oracle: for 30 calls (limit and market orders both ways, IOC, by quote amount, stop-loss and
// take-profit limit orders with a stop price and trailing, cancel, query,
// open orders, trades, account, key permissions; HMAC and Ed25519 keys) the request our Binance
// adapter sends has the same method, path, parameters and values and the same X-MBX-APIKEY as the
// one the npm ccxt package builds for the same inputs at the same timestamp (ccxt's fetch is
// replaced, nothing is sent); and with ccxt's parameter order our signature equals ccxt's byte for
// byte. ccxt is installed unchanged by ./dev setup (tests/paper/clients).
#include <map>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "crypto/ed25519.h"
#include "crypto/encoding.h"
#include "exchange/binance/binance_exchange.h"
#include "exchange/query_writer.h"
#include "testing/ccxt_oracle.h"
#include "testing/fake_clock.h"
#include "testing/order_request.h"
#include "testing/recording_sender.h"
#include "testing/temp_dir.h"
#include "transport/run_blocking.h"

#include "testing/binance_doc_key.h"

namespace amanah::exchange::binance {
namespace {

namespace json = boost::json;
constexpr int64_t kTimestamp = testing::FakeClock::kStartMillis;

Params Decode(std::string_view raw) {
  Params out;
  size_t start = 0;
  while (start < raw.size()) {
    size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view pair = raw.substr(start, end - start);
    size_t eq = pair.find('=');
    out.emplace_back(crypto::PercentDecode(pair.substr(0, eq)).value(),
                     crypto::PercentDecode(pair.substr(eq + 1)).value());
    start = end + 1;
  }
  return out;
}

using testing::Drive;

struct Call {
  std::string name;
  std::string key;   // "hmac" or "ed25519"
  json::array ccxt;  // [method, args...]
  std::function<void(BinanceExchange&)> ours;
};

std::vector<Call> Calls(const std::string& key) {
  json::object cid = {{"clientOrderId", "amanah-" + key + "-1"}};
  std::vector<Call> calls = {
      {"limit-buy",
       key,
       {"createOrder",
        "BTC/USDT",
        "limit",
        "buy",
        0.001,
        60000,
        {{"clientOrderId", "amanah-" + key + "-1"}}},
       [key](BinanceExchange& e) {
         Drive(e.PlaceOrder(testing::OrderOf(Side::kBuy, OrderType::kLimit, "0.001", "60000",
                                             "amanah-" + key + "-1")));
       }},
      {"limit-sell",
       key,
       {"createOrder",
        "BTC/USDT",
        "limit",
        "sell",
        0.0025,
        71000.5,
        {{"clientOrderId", "amanah-" + key + "-2"}}},
       [key](BinanceExchange& e) {
         Drive(e.PlaceOrder(testing::OrderOf(Side::kSell, OrderType::kLimit, "0.0025", "71000.5",
                                             "amanah-" + key + "-2")));
       }},
      {"limit-ioc",
       key,
       {"createOrder",
        "BTC/USDT",
        "limit",
        "buy",
        0.01,
        64000,
        {{"clientOrderId", "amanah-" + key + "-3"}, {"timeInForce", "IOC"}}},
       [key](BinanceExchange& e) {
         Drive(e.PlaceOrder(testing::OrderOf(Side::kBuy, OrderType::kLimit, "0.01", "64000",
                                             "amanah-" + key + "-3", TimeInForce::kIoc)));
       }},
      {"market-buy",
       key,
       {"createOrder",
        "BTC/USDT",
        "market",
        "buy",
        0.002,
        nullptr,
        {{"clientOrderId", "amanah-" + key + "-4"}}},
       [key](BinanceExchange& e) {
         Drive(e.PlaceOrder(testing::OrderOf(Side::kBuy, OrderType::kMarket, "0.002", std::nullopt,
                                             "amanah-" + key + "-4")));
       }},
      {"market-sell",
       key,
       {"createOrder",
        "BTC/USDT",
        "market",
        "sell",
        0.003,
        nullptr,
        {{"clientOrderId", "amanah-" + key + "-5"}}},
       [key](BinanceExchange& e) {
         Drive(e.PlaceOrder(testing::OrderOf(Side::kSell, OrderType::kMarket, "0.003", std::nullopt,
                                             "amanah-" + key + "-5")));
       }},
      {"market-sell-eth",
       key,
       {"createOrder",
        "ETH/USDT",
        "market",
        "sell",
        0.5,
        nullptr,
        {{"clientOrderId", "amanah-" + key + "-6"}}},
       [key](BinanceExchange& e) {
         OrderRequest o = testing::OrderOf(Side::kSell, OrderType::kMarket, "0.5", std::nullopt,
                                           "amanah-" + key + "-6");
         o.symbol = "ETHUSDT";
         Drive(e.PlaceOrder(o));
       }},
      {"stop-loss-limit",
       key,
       {"createOrder",
        "BTC/USDT",
        "STOP_LOSS_LIMIT",
        "sell",
        0.004,
        57900,
        {{"clientOrderId", "amanah-" + key + "-7"}, {"stopPrice", 58000}}},
       [key](BinanceExchange& e) {
         OrderRequest o = testing::OrderOf(Side::kSell, OrderType::kStopLossLimit, "0.004", "57900",
                                           "amanah-" + key + "-7");
         o.trigger_price = base::Decimal::Parse("58000").value();
         Drive(e.PlaceOrder(o));
       }},
      {"take-profit-trailing",
       key,
       {"createOrder",
        "BTC/USDT",
        "TAKE_PROFIT_LIMIT",
        "sell",
        0.004,
        71000,
        // ccxt takes a trailing order's activation (Binance's stopPrice) as trailingTriggerPrice.
        {{"clientOrderId", "amanah-" + key + "-8"},
         {"trailingTriggerPrice", 70000},
         {"trailingDelta", 250}}},
       [key](BinanceExchange& e) {
         OrderRequest o = testing::OrderOf(Side::kSell, OrderType::kTakeProfitLimit, "0.004",
                                           "71000", "amanah-" + key + "-8");
         o.trigger_price = base::Decimal::Parse("70000").value();
         o.trailing_bips = 250;
         Drive(e.PlaceOrder(o));
       }},
      {"stop-loss-trailing-buy",
       key,
       {"createOrder",
        "BTC/USDT",
        "STOP_LOSS_LIMIT",
        "buy",
        0.002,
        42000,
        {{"clientOrderId", "amanah-" + key + "-9"}, {"trailingDelta", 500}}},
       [key](BinanceExchange& e) {
         OrderRequest o = testing::OrderOf(Side::kBuy, OrderType::kStopLossLimit, "0.002", "42000",
                                           "amanah-" + key + "-9");
         o.trailing_bips = 500;
         Drive(e.PlaceOrder(o));
       }},
      {"cancel",
       key,
       {"cancelOrder", nullptr, "BTC/USDT", {{"origClientOrderId", "amanah-" + key + "-1"}}},
       [key](BinanceExchange& e) { Drive(e.CancelOrder("BTCUSDT", "amanah-" + key + "-1")); }},
      {"query",
       key,
       {"fetchOrder", nullptr, "BTC/USDT", {{"origClientOrderId", "amanah-" + key + "-2"}}},
       [key](BinanceExchange& e) { Drive(e.QueryOrder("BTCUSDT", "amanah-" + key + "-2")); }},
      {"open-orders",
       key,
       {"fetchOpenOrders", "BTC/USDT"},
       [](BinanceExchange& e) { Drive(e.OpenOrders("BTCUSDT")); }},
      {"my-trades",
       key,
       {"fetchMyTrades", "BTC/USDT"},
       [](BinanceExchange& e) { Drive(e.MyTrades("BTCUSDT")); }},
      {"account", key, {"fetchBalance"}, [](BinanceExchange& e) { Drive(e.Balances()); }},
      {"api-restrictions",
       key,
       {"sapiGetAccountApiRestrictions", json::object{}},
       [](BinanceExchange& e) { Drive(e.Permissions()); }},
  };
  (void)cid;
  return calls;
}

class CcxtOracle : public ::testing::Test {
 protected:
  void SetUp() override {
    std::array<uint8_t, 32> seed{};
    for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(i * 7 + 1);
    ed_pem_ = std::string(crypto::Ed25519PrivateKey::FromSeed(seed).value().ToPem().view());
  }

  std::map<std::string, json::object> RunCcxt(const std::vector<Call>& calls) {
    json::array list;
    for (const auto& c : calls) {
      json::array args(c.ccxt.begin() + 1, c.ccxt.end());
      list.push_back(
          {{"name", c.key + "/" + c.name}, {"key", c.key}, {"call", c.ccxt[0]}, {"args", args}});
    }
    json::object input{
        {"timestamp", kTimestamp},
        {"keys",
         {{"hmac", {{"apiKey", testing::kBinanceDocKey}, {"secret", testing::kBinanceDocSecret}}},
          {"ed25519", {{"apiKey", testing::kBinanceDocKey}, {"secret", ed_pem_}}}}},
        {"calls", list}};
    return testing::RunOracle("ccxt_requests.mjs", input, dir_);
  }

  testing::TempDir dir_;
  std::string ed_pem_;
  testing::FakeClock clock_;
};

TEST_F(CcxtOracle, OurRequestsMatchCcxtsAndOurSignaturesEqualItsInItsOrder) {
  std::vector<Call> calls = Calls("hmac");
  for (auto& c : Calls("ed25519")) calls.push_back(std::move(c));
  auto ccxt = RunCcxt(calls);
  ASSERT_EQ(ccxt.size(), calls.size());
  int compared = 0;
  for (const Call& call : calls) {
    SCOPED_TRACE(call.key + "/" + call.name);
    const json::object& theirs = ccxt.at(call.key + "/" + call.name);
    ASSERT_FALSE(theirs.contains("error")) << json::serialize(theirs);
    auto signer =
        RequestSigner::Create(
            call.key == "hmac" ? RequestSigner::KeyType::kHmac : RequestSigner::KeyType::kEd25519,
            std::string(testing::kBinanceDocKey),
            crypto::SecretBytes::CopyFrom(call.key == "hmac" ? testing::kBinanceDocSecret
                                                             : ed_pem_))
            .value();
    const RequestSigner* our_signer = &signer;
    auto recorder = std::make_shared<testing::RecordingSender>();
    BinanceExchange ours(
        recorder,
        RequestSigner::Create(signer.type(), std::string(testing::kBinanceDocKey),
                              crypto::SecretBytes::CopyFrom(
                                  call.key == "hmac" ? testing::kBinanceDocSecret : ed_pem_))
            .value(),
        clock_, 10000);
    call.ours(ours);
    ASSERT_EQ(recorder->sent.size(), 1u);
    const transport::Request* sent = &recorder->sent.front();

    // Method, host and path.
    std::string url(theirs.at("url").as_string());
    EXPECT_EQ(sent->method, std::string(theirs.at("method").as_string()));
    ASSERT_TRUE(url.starts_with("https://api.binance.com/"));
    std::string their_path =
        url.substr(23, url.find('?') == std::string::npos ? std::string::npos : url.find('?') - 23);
    std::string our_path = sent->target.substr(0, sent->target.find('?'));
    EXPECT_EQ(our_path, their_path);
    // The same API-key header.
    std::string their_key(theirs.at("headers").at("X-MBX-APIKEY").as_string());
    auto our_key = std::find_if(sent->headers.begin(), sent->headers.end(),
                                [](const auto& h) { return h.first == "X-MBX-APIKEY"; });
    ASSERT_NE(our_key, sent->headers.end());
    EXPECT_EQ(our_key->second, their_key);
    // The same parameters and values (order may differ), in the same place (query or body).
    std::string their_raw = url.find('?') == std::string::npos
                                ? std::string(theirs.at("body").as_string())
                                : url.substr(url.find('?') + 1);
    std::string our_raw = sent->target.find('?') == std::string::npos
                              ? sent->body
                              : sent->target.substr(sent->target.find('?') + 1);
    EXPECT_EQ(sent->body.empty(), std::string(theirs.at("body").as_string()).empty());
    Params their_params = Decode(their_raw);
    Params our_params = Decode(our_raw);
    auto without_signature = [](Params p) {
      std::erase_if(p, [](const auto& kv) { return kv.first == "signature"; });
      return p;
    };
    Params their_unsigned = without_signature(their_params);
    Params our_sorted = without_signature(our_params);
    Params their_sorted = their_unsigned;
    std::sort(our_sorted.begin(), our_sorted.end());
    std::sort(their_sorted.begin(), their_sorted.end());
    EXPECT_EQ(our_sorted, their_sorted);
    // In ccxt's order, our encoding gives ccxt's exact bytes and our signature equals ccxt's.
    std::string their_payload = their_raw.substr(0, their_raw.rfind("&signature="));
    EXPECT_EQ(EncodeParams(their_unsigned), their_payload);
    std::string their_signature = their_raw.substr(their_raw.rfind("&signature=") + 11);
    EXPECT_EQ(crypto::PercentDecode(our_signer->SignatureOf(their_payload)).value(),
              crypto::PercentDecode(their_signature).value());
    ++compared;
  }
  EXPECT_EQ(compared, 30);
}

}  // namespace
}  // namespace amanah::exchange::binance
