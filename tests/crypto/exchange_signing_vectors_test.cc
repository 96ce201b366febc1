// The exchanges' own published signing examples (../shared/reference/exchanges/SUMMARY.md): Binance
// B1–B4 (HMAC-SHA256, hex) and Kraken K1–K2 (HMAC-SHA512 of path ‖ SHA256(nonce ‖ body), base64).
#include <gtest/gtest.h>

#include "testing/param_name.h"

#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/sha2.h"

namespace amanah::crypto {
namespace {

constexpr char kBinanceSecret[] =
    "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

struct BinanceVector {
  const char* name;
  std::string payload;
  const char* signature;
};

class BinanceVectorTest : public ::testing::TestWithParam<BinanceVector> {};

TEST_P(BinanceVectorTest, HmacSha256Hex) {
  const auto& v = GetParam();
  EXPECT_EQ(HmacSha256Hex(AsBytes(kBinanceSecret), AsBytes(v.payload)), v.signature);
}

INSTANTIATE_TEST_SUITE_P(
    Binance, BinanceVectorTest,
    ::testing::Values(
        BinanceVector{"B1_RestAscii",
                      "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&"
                      "recvWindow=5000&timestamp=1499827319559",
                      "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"},
        // B2: the symbol １２３４５６ percent-encoded (by us) before signing.
        BinanceVector{"B2_RestPercentEncoded",
                      "symbol=" + PercentEncode("１２３４５６") +
                          "&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&"
                          "recvWindow=5000&timestamp=1499827319559",
                      "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3"},
        BinanceVector{"B3_WebSocketSorted",
                      "apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&"
                      "price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&"
                      "timeInForce=GTC&timestamp=1645423376532&type=LIMIT",
                      "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24"},
        BinanceVector{"B4_WebSocketRawUtf8",
                      "apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&"
                      "price=0.10000000&quantity=1.00000000&recvWindow=5000&side=BUY&"
                      "symbol=１２３４５６&timeInForce=GTC&timestamp=1645423376532&type=LIMIT",
                      "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd"}),
    amanah::testing::ParamName());

TEST(BinanceVectorTest, B2PercentEncodingIsTheDocumentedOne) {
  EXPECT_EQ(PercentEncode("１２３４５６"),
            "%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96");
}

struct KrakenVector {
  const char* name;
  const char* secret_base64;
  const char* nonce;
  const char* path;
  const char* post_data;
  const char* signature;
};

class KrakenVectorTest : public ::testing::TestWithParam<KrakenVector> {};

TEST_P(KrakenVectorTest, HmacSha512OfPathAndSha256) {
  const auto& v = GetParam();
  auto secret = Base64DecodeSecret(v.secret_base64);
  ASSERT_TRUE(secret);
  const Sha256Digest inner = Sha256(AsBytes(std::string(v.nonce) + v.post_data));
  Bytes message(v.path, v.path + std::strlen(v.path));
  message.insert(message.end(), inner.begin(), inner.end());
  EXPECT_EQ(HmacSha512Base64(secret->bytes(), message), v.signature);
}

INSTANTIATE_TEST_SUITE_P(
    Kraken, KrakenVectorTest,
    ::testing::Values(
        KrakenVector{
            "K1_DocsAddOrder",
            "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtu"
            "Zuj6F1huXg==",
            "1616492376594", "/0/private/AddOrder",
            "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&"
            "volume=1.25",
            "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H"
            "8ndwLUQ=="},
        KrakenVector{
            "K2_SdkBalance", "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=", "1700000000000000000",
            "/0/private/Balance", "nonce=1700000000000000000",
            "6i7+cpXVLDDnDOekgsRcgFQhkYFyPDSSxhSVA8OrA6vjziXcy2K1DP3n7f9B/Kgni71WjBSQusZKxd"
            "uRsdF20Q=="}),
    amanah::testing::ParamName());

}  // namespace
}  // namespace amanah::crypto
