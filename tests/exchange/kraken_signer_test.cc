// The Kraken signer: Kraken's published vectors K1 (the docs' AddOrder example) and K2 (Kraken's
// SDK golden vector) byte for byte; the body `nonce=N&…` with the nonce first and the API-Key,
// API-Sign and form Content-Type headers; and the allow-list refusing, before anything is signed,
// every class of non-spot request: AddOrder with leverage, reduce_only, margin, a conditional
// close, an asset class or settle-position; wallet and account transfers (WalletTransfer needs
// only Query Funds on Kraken), withdrawals, deposit addresses, earn, sub-accounts, exports, batch
// and edit orders, cancel-all (it reaches every pair, and orders Amanah did not place), and
// anything off /0/ (Kraken Futures' paths); the driver refuses a Kraken
// Futures host.
#include "exchange/kraken/kraken_signer.h"

#include <gtest/gtest.h>

#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/sha2.h"
#include "exchange/kraken/kraken_driver.h"

namespace amanah::exchange::kraken {
namespace {

constexpr std::string_view kK1Secret =
    "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==";
constexpr std::string_view kK1Sign =
    "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==";
constexpr std::string_view kK2Secret = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";
constexpr std::string_view kK2Sign =
    "6i7+cpXVLDDnDOekgsRcgFQhkYFyPDSSxhSVA8OrA6vjziXcy2K1DP3n7f9B/Kgni71WjBSQusZKxduRsdF20Q==";
constexpr std::string_view kPublicKey = "HlFkEa2SKc8bvVsM0WNGCn4zdQGmBPX6VcUqn5jaAoRtxDxFBTx0bWx9";

KrakenSigner MakeSigner(std::string_view secret = kK1Secret) {
  return KrakenSigner::Create(std::string(kPublicKey), crypto::SecretBytes::CopyFrom(secret))
      .value();
}

std::string HeaderOf(const HttpRequest& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "(none)";
}

TEST(KrakenSigner, K1DocsAddOrderExample) {
  EXPECT_EQ(MakeSigner().SignatureOf(
                "/0/private/AddOrder", "1616492376594",
                "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25"),
            kK1Sign);
}

TEST(KrakenSigner, K1ThroughSignPostWithTheNonceFirst) {
  // The docs' body has its parameters in alphabetical order; SignPost writes them as given.
  Params p{{"ordertype", "limit"},
           {"pair", "XBTUSD"},
           {"price", "37500"},
           {"type", "buy"},
           {"volume", "1.25"}};
  auto r = MakeSigner().SignPost("/0/private/AddOrder", p, 1616492376594);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->body,
            "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25");
  EXPECT_EQ(HeaderOf(*r, "API-Sign"), kK1Sign);
  EXPECT_EQ(HeaderOf(*r, "API-Key"), kPublicKey);
  EXPECT_EQ(HeaderOf(*r, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(r->method, HttpMethod::kPost);
  EXPECT_EQ(r->path, "/0/private/AddOrder");
  EXPECT_TRUE(r->query.empty());
}

TEST(KrakenSigner, K2SdkGoldenVector) {
  auto r = MakeSigner(kK2Secret).SignPost("/0/private/Balance", {}, 1700000000000000000);
  ASSERT_TRUE(r) << r.error().message();
  EXPECT_EQ(r->body, "nonce=1700000000000000000");
  EXPECT_EQ(HeaderOf(*r, "API-Sign"), kK2Sign);
}

TEST(KrakenSigner, SignatureIsHmacSha512OfPathAndSha256OfNonceAndBody) {
  // The construction written out with the crypto primitives, on other inputs.
  const std::string body = "nonce=42&pair=ETHUSD";
  const auto digest = crypto::Sha256(crypto::AsBytes("42" + body));
  std::string message = "/0/private/OpenOrders";
  message.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  const auto key = crypto::Base64Decode(kK1Secret).value();
  EXPECT_EQ(MakeSigner().SignatureOf("/0/private/OpenOrders", "42", body),
            crypto::HmacSha512Base64(key, crypto::AsBytes(message)));
}

TEST(KrakenSigner, BadKeysAreRefusedWithoutEchoingThem) {
  auto not_base64 =
      KrakenSigner::Create(std::string(kPublicKey), crypto::SecretBytes::CopyFrom("not base64 !!"));
  ASSERT_FALSE(not_base64);
  EXPECT_EQ(not_base64.error().message().find("not base64 !!"), std::string::npos);
  EXPECT_FALSE(KrakenSigner::Create("key with spaces", crypto::SecretBytes::CopyFrom(kK1Secret)));
  EXPECT_FALSE(KrakenSigner::Create(std::string(kPublicKey), crypto::SecretBytes::CopyFrom("")));
}

void ExpectRefused(std::string_view path, const Params& params, std::string_view why) {
  auto r = MakeSigner().SignPost(path, params, 1);
  ASSERT_FALSE(r) << path;
  EXPECT_EQ(r.error().code(), base::ErrorCode::kPermissionDenied) << path;
  EXPECT_NE(r.error().message().find("refused before signing"), std::string::npos) << path;
  EXPECT_NE(r.error().message().find(why), std::string::npos) << r.error().message();
}

Params SpotOrder() {
  return {{"pair", "XBTUSD"},
          {"type", "buy"},
          {"ordertype", "limit"},
          {"volume", "1"},
          {"price", "30000"}};
}

TEST(KrakenSigner, PlainSpotOrdersAreSigned) {
  EXPECT_TRUE(MakeSigner().SignPost("/0/private/AddOrder", SpotOrder(), 1));
  Params none = SpotOrder();
  none.emplace_back("leverage", "none");  // as Kraken writes a spot order's leverage
  none.emplace_back("reduce_only", "false");
  EXPECT_TRUE(MakeSigner().SignPost("/0/private/AddOrder", none, 1));
  Params validate = SpotOrder();
  validate.emplace_back("validate", "true");
  EXPECT_TRUE(MakeSigner().SignPost("/0/private/AddOrder", validate, 1));
  for (const char* type : {"market", "stop-loss-limit", "take-profit-limit"}) {
    Params p{{"pair", "XBTUSD"}, {"type", "sell"}, {"ordertype", type}, {"volume", "1"}};
    EXPECT_TRUE(MakeSigner().SignPost("/0/private/AddOrder", p, 1)) << type;
  }
}

TEST(KrakenSigner, MarginOrdersAreRefusedBeforeSigning) {
  for (const char* leverage : {"2", "5:1", "3"}) {
    Params p = SpotOrder();
    p.emplace_back("leverage", leverage);
    ExpectRefused("/0/private/AddOrder", p, "margin trading is never signed");
  }
  Params reduce = SpotOrder();
  reduce.emplace_back("reduce_only", "true");
  ExpectRefused("/0/private/AddOrder", reduce, "reduce_only");
  Params margin = SpotOrder();
  margin.emplace_back("margin", "true");
  ExpectRefused("/0/private/AddOrder", margin, "margin trading is never signed");
  Params settle{
      {"pair", "XBTUSD"}, {"type", "sell"}, {"ordertype", "settle-position"}, {"volume", "0"}};
  ExpectRefused("/0/private/AddOrder", settle, "not a spot order");
  Params close = SpotOrder();
  close.emplace_back("close[ordertype]", "limit");
  close.emplace_back("close[price]", "40000");
  ExpectRefused("/0/private/AddOrder", close, "conditional close");
  Params tokenized = SpotOrder();
  tokenized.emplace_back("asset_class", "tokenized_asset");
  ExpectRefused("/0/private/AddOrder", tokenized, "asset_class");
  Params twice = SpotOrder();
  twice.emplace_back("leverage", "none");
  twice.emplace_back("leverage", "5");
  ExpectRefused("/0/private/AddOrder", twice, "twice");
  ExpectRefused("/0/private/AddOrder", {{"pair", "XBTUSD"}, {"type", "buy"}}, "ordertype");
}

TEST(KrakenSigner, EveryNonSpotMethodIsRefusedBeforeSigning) {
  for (const char* method : {"WalletTransfer", "AccountTransfer",   "Withdraw",
                             "WithdrawInfo",   "WithdrawAddresses", "WithdrawStatus",
                             "WithdrawCancel", "DepositAddresses",  "DepositStatus",
                             "Earn/Allocate",  "Earn/Deallocate",   "Earn/Strategies",
                             "Stake",          "CreateSubaccount",  "AddExport",
                             "RetrieveExport", "AddOrderBatch",     "EditOrder",
                             "AmendOrder",     "CancelOrderBatch",  "CreditLines",
                             "Ledgers",        "GetWebSocketsToken"}) {
    ExpectRefused(std::string("/0/private/") + method, {}, "not on the Kraken spot allow-list");
  }
  // Kraken Futures' REST paths, and anything else off /0/.
  ExpectRefused("/derivatives/api/v3/sendorder", {}, "allow-list");
  ExpectRefused("/derivatives/api/v3/transfer", {}, "allow-list");
  ExpectRefused("/0/private/../private/WalletTransfer", {}, "allow-list");
}

TEST(KrakenSigner, TheNonceIsTheCallersAndOnlyOnce) {
  ExpectRefused("/0/private/Balance", {{"nonce", "5"}}, "nonce of its own");
  auto zero = MakeSigner().SignPost("/0/private/Balance", {}, 0);
  EXPECT_FALSE(zero);
}

TEST(KrakenSigner, PublicCallsAreUnsignedGetsOnTheList) {
  auto r = KrakenSigner::Public("/0/public/AssetPairs", {{"pair", "XBTUSD"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->query, "pair=XBTUSD");
  EXPECT_TRUE(r->headers.empty());
  EXPECT_FALSE(KrakenSigner::Public("/0/private/Balance", {}));
  EXPECT_FALSE(KrakenSigner::Public("/0/public/Spread2", {}));
}

TEST(KrakenDriver, KrakenFuturesHostsAreRefused) {
  EXPECT_TRUE(IsFuturesOrigin("https://futures.kraken.com"));
  EXPECT_TRUE(IsFuturesOrigin("https://demo-futures.kraken.com:443"));
  EXPECT_TRUE(IsFuturesOrigin("HTTPS://FUTURES.KRAKEN.COM/derivatives"));
  EXPECT_FALSE(IsFuturesOrigin("https://api.kraken.com"));
  EXPECT_FALSE(IsFuturesOrigin("http://127.0.0.1:8080"));
}

}  // namespace
}  // namespace amanah::exchange::kraken
