// The OKX v5 signer: Base64 HMAC-SHA256 over the pre-hash of OKX's own example inputs (vectors O1
// and O2 of okx.md — self-computed, the docs publish no expected signature — checked again here
// with an independent HMAC), the ISO 8601 millisecond timestamp, the OK-ACCESS-* headers with the
// passphrase, a JSON body signed exactly as sent and a GET's query signed as part of the path;
// and the allow-list refusing, before anything is signed, every class of non-spot request: fund
// transfers, withdrawals, borrowing and repaying, leverage, account level, auto-loan, position
// closing, algo orders, finance and sub-accounts, and a spot order with tdMode cross or
// isolated, on a swap, with attached algo orders or reduce-only.
#include "exchange/okx/okx_signer.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "crypto/encoding.h"
#include "crypto/hmac.h"

namespace amanah::exchange::okx {
namespace {

namespace json = boost::json;

constexpr std::string_view kDocSecret = "22582BD0CFF14C41EDBF1AB98506286D";
constexpr std::string_view kKey = "f2c8b4a0-1b2c-4d5e-8f90-a1b2c3d4e5f6";
// 2020-12-08T09:08:57.715Z, the docs' example timestamp.
constexpr int64_t kDocTs = 1607418537715;

OkxSigner Signer() {
  return OkxSigner::Create(std::string(kKey), crypto::SecretBytes::CopyFrom(kDocSecret),
                           crypto::SecretBytes::CopyFrom("my passphrase"))
      .value();
}

std::string Header(const HttpRequest& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "(none)";
}

std::string IndependentHmac(std::string_view message) {
  return crypto::Base64Encode(
      crypto::HmacSha256(crypto::AsBytes(kDocSecret), crypto::AsBytes(message)));
}

TEST(OkxSigner, O1O2_TheDocsExampleInputsSignAsHmacSha256Base64) {
  EXPECT_EQ(IsoMillis(kDocTs), "2020-12-08T09:08:57.715Z");
  const std::string o1 =
      PreHash(IsoMillis(kDocTs), HttpMethod::kGet, "/api/v5/account/balance?ccy=BTC", "");
  EXPECT_EQ(o1, "2020-12-08T09:08:57.715ZGET/api/v5/account/balance?ccy=BTC");
  EXPECT_EQ(Signer().SignatureOf(o1), "HiZhvSfMtWJA3uUIVXV3a/bSXNPCWvYFXoGCVS8V4zY=");
  const std::string o2 =
      PreHash(IsoMillis(kDocTs), HttpMethod::kPost, "/api/v5/account/set-leverage",
              R"({"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"})");
  EXPECT_EQ(Signer().SignatureOf(o2), "eCnnCgWLjlQ9XnpUkrcny3qNq3WW/81KNrDr/XR6Xv8=");
  EXPECT_EQ(Signer().SignatureOf(o2), IndependentHmac(o2));
  EXPECT_EQ(IsoMillis(1767225600000), "2026-01-01T00:00:00.000Z");
  EXPECT_EQ(IsoMillis(1767225600007), "2026-01-01T00:00:00.007Z");
}

TEST(OkxSigner, AGetSignsItsQueryAsPartOfThePathWithTheHeaders) {
  auto r =
      Signer().SignGet("/api/v5/trade/order", {{"instId", "BTC-USDT"}, {"clOrdId", "a1"}}, kDocTs);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->path, "/api/v5/trade/order");
  EXPECT_EQ(r->query, "instId=BTC-USDT&clOrdId=a1");
  EXPECT_TRUE(r->body.empty());
  EXPECT_EQ(Header(*r, "OK-ACCESS-KEY"), kKey);
  EXPECT_EQ(Header(*r, "OK-ACCESS-TIMESTAMP"), "2020-12-08T09:08:57.715Z");
  EXPECT_EQ(Header(*r, "OK-ACCESS-PASSPHRASE"), "my passphrase");
  EXPECT_EQ(
      Header(*r, "OK-ACCESS-SIGN"),
      IndependentHmac("2020-12-08T09:08:57.715ZGET/api/v5/trade/order?instId=BTC-USDT&clOrdId=a1"));
  EXPECT_EQ(Header(*r, "Content-Type"), "(none)");
  // No query: nothing after the path.
  auto config = Signer().SignGet("/api/v5/account/config", {}, kDocTs);
  ASSERT_TRUE(config);
  EXPECT_EQ(Header(*config, "OK-ACCESS-SIGN"),
            IndependentHmac("2020-12-08T09:08:57.715ZGET/api/v5/account/config"));
}

TEST(OkxSigner, APostSignsTheJsonBodyItSends) {
  json::object body{{"instId", "BTC-USDT"}, {"tdMode", "cash"}, {"clOrdId", "b15"}, {"side", "buy"},
                    {"ordType", "limit"},   {"px", "2.15"},     {"sz", "2"}};
  auto r = Signer().SignPost("/api/v5/trade/order", body, kDocTs);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(
      r->body,
      R"({"instId":"BTC-USDT","tdMode":"cash","clOrdId":"b15","side":"buy","ordType":"limit","px":"2.15","sz":"2"})");
  EXPECT_EQ(Header(*r, "Content-Type"), "application/json");
  EXPECT_EQ(Header(*r, "OK-ACCESS-SIGN"),
            IndependentHmac("2020-12-08T09:08:57.715ZPOST/api/v5/trade/order" + r->body));
}

TEST(OkxSigner, EveryNonSpotClassIsRefusedBeforeSigning) {
  const OkxSigner s = Signer();
  json::object any{{"ccy", "USDT"}, {"amt", "1"}};
  for (const char* path :
       {"/api/v5/asset/transfer", "/api/v5/asset/withdrawal",
        "/api/v5/account/spot-manual-borrow-repay", "/api/v5/account/borrow-repay",
        "/api/v5/account/set-leverage", "/api/v5/account/set-account-level",
        "/api/v5/account/set-auto-loan", "/api/v5/account/position/margin-balance",
        "/api/v5/trade/close-position", "/api/v5/trade/order-algo", "/api/v5/trade/batch-orders",
        "/api/v5/trade/amend-order", "/api/v5/finance/savings/purchase-redempt",
        "/api/v5/users/subaccount/create-subaccount", "/api/v5/copytrading/algo-order"}) {
    SCOPED_TRACE(path);
    auto r = s.SignPost(path, any, kDocTs);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), base::ErrorCode::kPermissionDenied);
    EXPECT_NE(r.error().message().find("refused before signing"), std::string::npos);
  }
  auto order = [&](json::object extra) {
    json::object body{{"instId", "BTC-USDT"},
                      {"tdMode", "cash"},
                      {"side", "buy"},
                      {"ordType", "market"},
                      {"sz", "10"}};
    for (auto& [k, v] : extra) body[k] = v;
    return s.SignPost("/api/v5/trade/order", body, kDocTs);
  };
  EXPECT_TRUE(order({}));
  for (const json::object& bad :
       {json::object{{"tdMode", "cross"}}, json::object{{"tdMode", "isolated"}},
        json::object{{"instId", "BTC-USDT-SWAP"}}, json::object{{"instId", "BTC-USD-250328"}},
        json::object{{"instId", "BTC-USD-250328-50000-C"}},
        json::object{{"attachAlgoOrds", json::array{json::object{{"tpTriggerPx", "1"}}}}},
        json::object{{"reduceOnly", true}}}) {
    SCOPED_TRACE(json::serialize(bad));
    auto r = order(bad);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message().find("refused before signing"), std::string::npos);
  }
  json::object no_mode{{"instId", "BTC-USDT"}, {"side", "buy"}, {"ordType", "market"}, {"sz", "1"}};
  EXPECT_FALSE(s.SignPost("/api/v5/trade/order", no_mode, kDocTs));
  // Cancels and queries only on SPOT instruments; lists only with instType SPOT or a SPOT instId.
  EXPECT_FALSE(s.SignPost("/api/v5/trade/cancel-order",
                          json::object{{"instId", "ETH-USDT-SWAP"}, {"ordId", "1"}}, kDocTs));
  EXPECT_TRUE(s.SignPost("/api/v5/trade/cancel-order",
                         json::object{{"instId", "ETH-USDT"}, {"clOrdId", "a1"}}, kDocTs));
  EXPECT_FALSE(s.SignGet("/api/v5/trade/orders-pending", {}, kDocTs));
  EXPECT_FALSE(s.SignGet("/api/v5/trade/orders-pending", {{"instType", "SWAP"}}, kDocTs));
  EXPECT_TRUE(s.SignGet("/api/v5/trade/orders-pending", {{"instType", "SPOT"}}, kDocTs));
  EXPECT_TRUE(s.SignGet("/api/v5/trade/orders-pending", {{"instId", "BTC-USDT"}}, kDocTs));
  EXPECT_FALSE(s.SignGet("/api/v5/trade/orders-pending",
                         {{"instType", "SPOT"}, {"instId", "BTC-USDT-SWAP"}}, kDocTs));
  EXPECT_FALSE(s.SignGet("/api/v5/trade/fills-history", {{"instType", "MARGIN"}}, kDocTs));
  EXPECT_FALSE(
      s.SignGet("/api/v5/trade/fills", {{"instType", "SPOT"}, {"instType", "SWAP"}}, kDocTs));
  EXPECT_FALSE(
      s.SignGet("/api/v5/trade/order", {{"instId", "BTC-USDT-SWAP"}, {"ordId", "1"}}, kDocTs));
  EXPECT_FALSE(s.SignGet("/api/v5/asset/deposit-address", {{"ccy", "BTC"}}, kDocTs));
  EXPECT_FALSE(OkxSigner::Public("/api/v5/public/instruments", {{"instType", "SWAP"}}));
  EXPECT_TRUE(OkxSigner::Public("/api/v5/public/instruments", {{"instType", "SPOT"}}));
  EXPECT_FALSE(OkxSigner::Public("/api/v5/account/balance", {}));
}

TEST(OkxSigner, KeysAreCheckedBeforeUse) {
  const auto secret = crypto::SecretBytes::CopyFrom(kDocSecret);
  const auto passphrase = crypto::SecretBytes::CopyFrom("p");
  EXPECT_FALSE(OkxSigner::Create("", secret, passphrase));
  EXPECT_FALSE(OkxSigner::Create("key with spaces", secret, passphrase));
  EXPECT_FALSE(OkxSigner::Create(std::string(kKey), crypto::SecretBytes::CopyFrom(""), passphrase));
  EXPECT_FALSE(OkxSigner::Create(std::string(kKey), secret, crypto::SecretBytes::CopyFrom("")));
  EXPECT_FALSE(OkxSigner::Create(std::string(kKey), secret,
                                 crypto::SecretBytes::CopyFrom("pass\r\nX-Injected: 1")));
  EXPECT_TRUE(IsSpotInstId("BTC-USDT"));
  EXPECT_FALSE(IsSpotInstId("BTCUSDT"));
  EXPECT_FALSE(IsSpotInstId("-USDT"));
  EXPECT_FALSE(IsSpotInstId("BTC-"));
  EXPECT_FALSE(IsSpotInstId("BTC-USDT-SWAP"));
}

}  // namespace
}  // namespace amanah::exchange::okx
