// The Binance signer: Binance's published examples byte for byte, Ed25519 and RSA signatures that
// verify, and the allow-list refusing every non-spot path before anything is signed.
#include "exchange/binance/request_signer.h"

#include <gtest/gtest.h>

#include "crypto/ed25519.h"
#include "crypto/encoding.h"
#include "crypto/rsa.h"

#include "testing/binance_doc_key.h"

namespace amanah::exchange::binance {
namespace {

crypto::SecretBytes Secret(std::string_view s) { return crypto::SecretBytes::CopyFrom(s); }

TEST(BinanceSigner, B1_RestOrderBodyIsBinancesExampleByteForByte) {
  Params p{{"symbol", "LTCBTC"},   {"side", "BUY"},   {"type", "LIMIT"},
           {"timeInForce", "GTC"}, {"quantity", "1"}, {"price", "0.1"}};
  HttpRequest r = testing::BinanceDocSigner()
                      .Sign(HttpMethod::kPost, "/api/v3/order", p, 1499827319559, 5000)
                      .value();
  EXPECT_EQ(r.body,
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow="
            "5000&timestamp=1499827319559"
            "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  EXPECT_TRUE(r.query.empty());
  ASSERT_FALSE(r.headers.empty());
  EXPECT_EQ(r.headers[0], (std::pair<std::string, std::string>{
                              "X-MBX-APIKEY", std::string(testing::kBinanceDocKey)}));
}

TEST(BinanceSigner, B2_NonAsciiIsPercentEncodedBeforeSigning) {
  Params p{{"symbol", "１２３４５６"}, {"side", "BUY"},   {"type", "LIMIT"},
           {"timeInForce", "GTC"},     {"quantity", "1"}, {"price", "0.1"}};
  HttpRequest r = testing::BinanceDocSigner()
                      .Sign(HttpMethod::kGet, "/api/v3/order", p, 1499827319559, 5000)
                      .value();
  EXPECT_EQ(r.query,
            "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&"
            "timeInForce=GTC&quantity=1"
            "&price=0.1&recvWindow=5000&timestamp=1499827319559&signature="
            "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3");
}

TEST(BinanceSigner, Ed25519AndRsaSignaturesVerifyOverTheExactPayload) {
  auto ed = crypto::Ed25519PrivateKey::Generate();
  auto signer =
      RequestSigner::Create(RequestSigner::KeyType::kEd25519, "abc123", ed.ToPem()).value();
  HttpRequest r =
      signer.Sign(HttpMethod::kGet, "/api/v3/account", {}, 1767225600000, std::nullopt).value();
  std::string_view q = r.query;
  std::string payload(q.substr(0, q.find("&signature=")));
  EXPECT_EQ(payload, "timestamp=1767225600000");
  auto sig =
      crypto::Base64Decode(crypto::PercentDecode(q.substr(q.find("&signature=") + 11)).value())
          .value();
  EXPECT_TRUE(ed.PublicKey().Verify(crypto::AsBytes(payload), sig));

  auto rsa = crypto::RsaPrivateKey::Generate(2048);
  auto rsa_signer =
      RequestSigner::Create(RequestSigner::KeyType::kRsa, "abc123", rsa.ToPem()).value();
  HttpRequest rr =
      rsa_signer.Sign(HttpMethod::kPost, "/api/v3/order", {{"symbol", "BTCUSDT"}}, 1, 5000).value();
  std::string_view b = rr.body;
  std::string signed_part(b.substr(0, b.find("&signature=")));
  auto rsa_sig =
      crypto::Base64Decode(crypto::PercentDecode(b.substr(b.find("&signature=") + 11)).value())
          .value();
  EXPECT_TRUE(rsa.PublicKey().VerifyPkcs1Sha256(crypto::AsBytes(signed_part), rsa_sig));
}

class RefusedBeforeSigning : public ::testing::TestWithParam<std::pair<HttpMethod, std::string>> {};

TEST_P(RefusedBeforeSigning, NonSpotPathsAreNotOnTheAllowList) {
  auto [method, path] = GetParam();
  auto r = testing::BinanceDocSigner().Sign(method, path, {{"coin", "BTC"}, {"amount", "1"}},
                                            1499827319559, 5000);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), base::ErrorCode::kPermissionDenied);
  EXPECT_EQ(r.error().message(), "refused before signing: " + std::string(MethodName(method)) +
                                     " " + path + " is not on the Binance spot allow-list");
  EXPECT_EQ(FindAllowed(method, path), nullptr);
}

INSTANTIATE_TEST_SUITE_P(
    Binance, RefusedBeforeSigning,
    ::testing::Values(std::pair{HttpMethod::kPost, std::string("/sapi/v1/capital/withdraw/apply")},
                      std::pair{HttpMethod::kPost, std::string("/sapi/v1/asset/transfer")},
                      std::pair{HttpMethod::kPost, std::string("/sapi/v1/margin/order")},
                      std::pair{HttpMethod::kPost, std::string("/sapi/v1/margin/borrow-repay")},
                      std::pair{HttpMethod::kPost, std::string("/fapi/v1/order")},
                      std::pair{HttpMethod::kPost, std::string("/sapi/v1/futures/transfer")},
                      std::pair{HttpMethod::kGet, std::string("/fapi/v2/account")},
                      std::pair{HttpMethod::kPost, std::string("/api/v3/order/cancelReplace")},
                      std::pair{HttpMethod::kDelete, std::string("/api/v3/account")}),
    [](const auto& p) {
      std::string name = std::string(MethodName(p.param.first)) + p.param.second;
      for (char& c : name) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return name;
    });

TEST(BinanceSigner, PublicEndpointsAreNotSignedAndSignedOnesNotSentPublicly) {
  auto t = RequestSigner::Public(HttpMethod::kGet, "/api/v3/depth",
                                 {{"symbol", "BTCUSDT"}, {"limit", "5"}})
               .value();
  EXPECT_EQ(t.query, "symbol=BTCUSDT&limit=5");
  EXPECT_TRUE(t.headers.empty());
  EXPECT_FALSE(RequestSigner::Public(HttpMethod::kGet, "/api/v3/account", {}));
  EXPECT_FALSE(
      testing::BinanceDocSigner().Sign(HttpMethod::kGet, "/api/v3/time", {}, 1, std::nullopt));
  EXPECT_FALSE(testing::BinanceDocSigner().Sign(HttpMethod::kGet, "/api/v3/account",
                                                {{"timestamp", "1"}}, 1, std::nullopt));
}

TEST(BinanceSigner, BadKeysAreRefusedWithoutEchoingThem) {
  auto r = RequestSigner::Create(RequestSigner::KeyType::kEd25519, "abc",
                                 Secret("not a pem secret-canary-77"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message().find("canary"), std::string::npos);
  EXPECT_FALSE(RequestSigner::Create(RequestSigner::KeyType::kHmac, "has space", Secret("x")));
  EXPECT_FALSE(RequestSigner::Create(RequestSigner::KeyType::kHmac, "abc", Secret("")));
}

}  // namespace
}  // namespace amanah::exchange::binance
