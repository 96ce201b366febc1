// The Bybit v5 signer: the strings to sign of Bybit's worked examples Y1 and Y2 byte for byte
// (the docs do not publish the secret behind their signatures), HMAC-SHA256 lowercase hex and
// RSA-SHA256 base64 signatures, the X-BAPI-* headers, a JSON body signed exactly as sent, and the
// allow-list refusing — before anything is signed — every non-spot path and every spot path whose
// body or query asks for margin or another category.
#include "exchange/bybit/bybit_signer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "crypto/encoding.h"
#include "crypto/rsa.h"

namespace amanah::exchange::bybit {
namespace {

namespace json = boost::json;

constexpr std::string_view kKey = "AbCdEf0123456789";
constexpr int64_t kTs = 1700000000000;

BybitSigner Hmac() {
  return BybitSigner::Create(BybitSigner::KeyType::kHmac, std::string(kKey),
                             crypto::SecretBytes::CopyFrom("bybit-test-secret-0123456789"))
      .value();
}

std::string Header(const HttpRequest& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "(none)";
}

TEST(BybitSigner, Y1Y2_StringsToSignAreBybitsExamplesByteForByte) {
  EXPECT_EQ(
      StringToSign(1658384314791, "XXXXXXXXXX", 5000, "category=option&symbol=BTC-29JUL22-25000-C"),
      "1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C");
  EXPECT_EQ(StringToSign(1658385579423, "XXXXXXXXXX", 5000, R"({"category": "option"})"),
            R"(1658385579423XXXXXXXXXX5000{"category": "option"})");
}

TEST(BybitSigner, HmacIsLowercaseHexOfSha256) {
  // RFC 4231-style check with a well-known pair: HMAC-SHA256("key", "The quick brown fox…").
  auto s =
      BybitSigner::Create(BybitSigner::KeyType::kHmac, "k1", crypto::SecretBytes::CopyFrom("key"))
          .value();
  EXPECT_EQ(s.SignatureOf("The quick brown fox jumps over the lazy dog"),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

TEST(BybitSigner, AGetSignsItsQueryInOrderWithTheHeaders) {
  auto r = Hmac().SignGet(
      "/v5/order/realtime",
      {{"category", "spot"}, {"symbol", "BTCUSDT"}, {"orderLinkId", "amanah-1"}}, kTs, 5000);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->method, HttpMethod::kGet);
  EXPECT_EQ(r->path, "/v5/order/realtime");
  EXPECT_EQ(r->query, "category=spot&symbol=BTCUSDT&orderLinkId=amanah-1");
  EXPECT_EQ(r->body, "");
  EXPECT_EQ(Header(*r, "X-BAPI-API-KEY"), kKey);
  EXPECT_EQ(Header(*r, "X-BAPI-TIMESTAMP"), "1700000000000");
  EXPECT_EQ(Header(*r, "X-BAPI-RECV-WINDOW"), "5000");
  // python3: hmac.new(secret, ts+key+window+query, sha256).hexdigest()
  EXPECT_EQ(Header(*r, "X-BAPI-SIGN"),
            "db4c6b5b484b090db448af01db99ce36c72cd9cf5f486a682bfe22195fdb402c");
}

TEST(BybitSigner, APostSignsTheJsonBodyItSends) {
  json::object body{{"category", "spot"},   {"symbol", "BTCUSDT"},      {"side", "Buy"},
                    {"orderType", "Limit"}, {"qty", "0.001"},           {"price", "65000"},
                    {"timeInForce", "GTC"}, {"orderLinkId", "amanah-1"}};
  auto r = Hmac().SignPost("/v5/order/create", body, kTs, 5000);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->body,
            R"({"category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Limit",)"
            R"("qty":"0.001","price":"65000","timeInForce":"GTC","orderLinkId":"amanah-1"})");
  EXPECT_EQ(r->query, "");
  EXPECT_EQ(Header(*r, "Content-Type"), "application/json");
  EXPECT_EQ(Header(*r, "X-BAPI-SIGN"),
            "aed4f0932b1af96decb779fdbdee83144aa1f6344d207538ed4332808889f5d6");
}

TEST(BybitSigner, RsaSignsBase64ThatVerifies) {
  crypto::RsaPrivateKey key = crypto::RsaPrivateKey::Generate(2048);
  auto s = BybitSigner::Create(BybitSigner::KeyType::kRsa, "rsakey1", key.ToPem()).value();
  auto r = s.SignGet("/v5/account/wallet-balance", {{"accountType", "UNIFIED"}}, kTs, 5000);
  ASSERT_TRUE(r) << r.error();
  auto signature = crypto::Base64Decode(Header(*r, "X-BAPI-SIGN"));
  ASSERT_TRUE(signature);
  EXPECT_TRUE(key.PublicKey().VerifyPkcs1Sha256(
      crypto::AsBytes(StringToSign(kTs, "rsakey1", 5000, "accountType=UNIFIED")), *signature));
}

TEST(BybitSigner, AnOrderIsSignedOnlyForSpotWithoutLeverage) {
  const BybitSigner s = Hmac();
  auto order = [&](json::object extra) {
    json::object body{{"category", "spot"},
                      {"symbol", "BTCUSDT"},
                      {"side", "Buy"},
                      {"orderType", "Market"},
                      {"qty", "10"}};
    for (auto& [k, v] : extra) body[k] = v;
    return s.SignPost("/v5/order/create", body, kTs, 5000);
  };
  EXPECT_TRUE(order({}));
  EXPECT_TRUE(order({{"isLeverage", 0}}));
  EXPECT_TRUE(order({{"isLeverage", "0"}}));
  for (json::object bad : {json::object{{"isLeverage", 1}}, json::object{{"isLeverage", "1"}},
                           json::object{{"isLeverage", true}}, json::object{{"category", "linear"}},
                           json::object{{"category", "option"}},
                           json::object{{"category", "inverse"}}, json::object{{"category", 1}}}) {
    auto r = order(bad);
    ASSERT_FALSE(r) << json::serialize(bad);
    EXPECT_EQ(r.error().code(), base::ErrorCode::kPermissionDenied);
    EXPECT_NE(r.error().message().find("refused before signing"), std::string::npos);
  }
  json::object no_category{
      {"symbol", "BTCUSDT"}, {"side", "Buy"}, {"orderType", "Market"}, {"qty", "10"}};
  EXPECT_FALSE(s.SignPost("/v5/order/create", no_category, kTs, 5000));
  EXPECT_FALSE(
      s.SignPost("/v5/order/cancel", {{"category", "linear"}, {"orderId", "1"}}, kTs, 5000));
  EXPECT_TRUE(s.SignPost("/v5/order/cancel",
                         {{"category", "spot"}, {"symbol", "BTCUSDT"}, {"orderId", "1"}}, kTs,
                         5000));
}

TEST(BybitSigner, EveryNonSpotPathIsRefusedBeforeSigning) {
  const BybitSigner s = Hmac();
  // Margin, derivatives, transfers, withdrawals, leveraged tokens, earn, key management.
  for (std::string_view path :
       {"/v5/asset/transfer/inter-transfer", "/v5/asset/transfer/universal-transfer",
        "/v5/asset/withdraw/create", "/v5/account/borrow", "/v5/account/repay",
        "/v5/spot-margin-trade/switch-mode", "/v5/spot-margin-trade/set-leverage",
        "/v5/position/set-leverage", "/v5/position/trading-stop", "/v5/spot-lever-token/purchase",
        "/v5/earn/place-order", "/v5/user/create-sub-api", "/v5/user/update-api",
        "/v5/user/delete-api", "/v5/order/amend", "/v5/order/create-batch",
        "/v5/account/set-margin-mode"}) {
    auto r = s.SignPost(path, {{"category", "spot"}}, kTs, 5000);
    ASSERT_FALSE(r) << path;
    EXPECT_EQ(r.error().code(), base::ErrorCode::kPermissionDenied) << path;
  }
  // Reads of orders are spot only too; a read of another category is refused.
  EXPECT_FALSE(s.SignGet("/v5/order/realtime", {{"category", "linear"}}, kTs, 5000));
  EXPECT_FALSE(s.SignGet("/v5/order/history", {}, kTs, 5000));
  EXPECT_FALSE(
      s.SignGet("/v5/execution/list", {{"category", "spot"}, {"category", "linear"}}, kTs, 5000));
  EXPECT_FALSE(s.SignGet("/v5/asset/withdraw/query-record", {}, kTs, 5000));
  // The audit's reads are allowed, whatever category they read.
  EXPECT_TRUE(
      s.SignGet("/v5/position/list", {{"category", "linear"}, {"settleCoin", "USDT"}}, kTs, 5000));
  EXPECT_TRUE(s.SignGet("/v5/user/query-api", {}, kTs, 5000));
  // A public endpoint is not signed, and a signed one is not public.
  EXPECT_FALSE(s.SignGet("/v5/market/time", {}, kTs, 5000));
  EXPECT_FALSE(BybitSigner::Public("/v5/user/query-api", {}));
  auto time = BybitSigner::Public("/v5/market/time", {});
  ASSERT_TRUE(time);
  EXPECT_TRUE(time->headers.empty());
  EXPECT_FALSE(BybitSigner::Public("/v5/market/instruments-info", {{"category", "linear"}}));
}

}  // namespace
}  // namespace amanah::exchange::bybit
