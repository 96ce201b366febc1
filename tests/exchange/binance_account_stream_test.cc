// Binance's WebSocket API signing and user data stream, without a network: the published WebSocket
// signing examples B3 and B4 (parameters sorted by name, not percent-encoded) byte for byte, an
// Ed25519 subscription whose signature verifies, the WebSocket allow-list refusing anything but
// the user data stream before signing, the events of user-data-stream.md read as Amanah's, and
// where the stream connects for each origin.
#include "exchange/binance/binance_account_stream.h"

#include <gtest/gtest.h>

#include "crypto/ed25519.h"
#include "crypto/encoding.h"

#include "testing/binance_doc_key.h"

namespace amanah::exchange::binance {
namespace {

TEST(BinanceWebSocketSigning, B3_ParametersSortedByNameAndSignedUnencoded) {
  Params p{{"symbol", "BTCUSDT"},
           {"side", "SELL"},
           {"type", "LIMIT"},
           {"timeInForce", "GTC"},
           {"quantity", "0.01000000"},
           {"price", "52000.00"},
           {"recvWindow", "100"},
           {"timestamp", "1645423376532"},
           {"apiKey", std::string(testing::kBinanceDocKey)}};
  const std::string payload = WebSocketPayload(p);
  EXPECT_EQ(
      payload,
      "apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&price=52000.00&"
      "quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&"
      "timestamp=1645423376532&type=LIMIT");
  EXPECT_EQ(testing::BinanceDocSigner().WebSocketSignatureOf(payload),
            "aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24");
}

TEST(BinanceWebSocketSigning, B4_NonAsciiIsSignedAsRawUtf8) {
  Params p{{"symbol", "１２３４５６"},
           {"side", "BUY"},
           {"type", "LIMIT"},
           {"timeInForce", "GTC"},
           {"quantity", "1.00000000"},
           {"price", "0.10000000"},
           {"recvWindow", "5000"},
           {"timestamp", "1645423376532"},
           {"apiKey", std::string(testing::kBinanceDocKey)}};
  EXPECT_EQ(testing::BinanceDocSigner().WebSocketSignatureOf(WebSocketPayload(p)),
            "b33892ae8e687c939f4468c6268ddd4c40ac1af18ad19a064864c47bae0752cd");
}

TEST(BinanceWebSocketSigning, TheSubscriptionCarriesKeyTimeWindowAndAVerifyingSignature) {
  auto ed = crypto::Ed25519PrivateKey::Generate();
  auto signer =
      RequestSigner::Create(RequestSigner::KeyType::kEd25519, "abc123", ed.ToPem()).value();
  Params signed_params =
      signer.SignWebSocket("userDataStream.subscribe.signature", {}, 1767225600000, 5000).value();
  ASSERT_EQ(signed_params.size(), 4u);
  EXPECT_EQ(signed_params[0], (std::pair<std::string, std::string>{"apiKey", "abc123"}));
  EXPECT_EQ(signed_params[1], (std::pair<std::string, std::string>{"recvWindow", "5000"}));
  EXPECT_EQ(signed_params[3].first, "timestamp");
  ASSERT_EQ(signed_params[2].first, "signature");
  // Plain base64 in JSON (no percent-encoding), over the other three sorted by name.
  auto signature = crypto::Base64Decode(signed_params[2].second);
  ASSERT_TRUE(signature);
  EXPECT_TRUE(ed.PublicKey().Verify(
      crypto::AsBytes("apiKey=abc123&recvWindow=5000&timestamp=1767225600000"), *signature));
}

TEST(BinanceWebSocketSigning, OnlyTheUserDataStreamIsOnTheAllowList) {
  for (std::string_view method :
       {"order.place", "order.cancel", "session.logon", "sor.order.place", "account.status",
        "userDataStream.subscribe.listenToken", "v3/order.place", ""}) {
    auto refused = testing::BinanceDocSigner().SignWebSocket(method, {}, 1, 5000);
    ASSERT_FALSE(refused) << method;
    EXPECT_EQ(refused.error().code(), base::ErrorCode::kPermissionDenied) << method;
  }
  auto self_set = testing::BinanceDocSigner().SignWebSocket("userDataStream.subscribe.signature",
                                                            {{"signature", "x"}}, 1, 5000);
  EXPECT_FALSE(self_set);
}

TEST(BinanceUserDataStream, DocumentedEventsAreReadAsAmanahsEvents) {
  auto order = ParseStreamMessage(R"({"subscriptionId":0,"event":{"e":"executionReport",
      "E":1499405658658,"s":"ETHBTC","c":"mUvoqJxFIILMdfAW5iGSOW","S":"BUY","o":"LIMIT","f":"GTC",
      "q":"1.00000000","p":"0.10264410","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"NEW",
      "X":"NEW","r":"NONE","i":4293153,"l":"0.00000000","z":"0.00000000","L":"0.00000000","n":"0",
      "N":null,"T":1499405658657,"t":-1,"v":3,"I":8641984,"w":true,"m":false,"M":false,
      "O":1499405658657,"Z":"0.00000000","Y":"0.00000000","Q":"0.00000000","W":1499405658657,
      "V":"NONE"}})");
  ASSERT_TRUE(order);
  EXPECT_EQ(order->kind, AccountEvent::Kind::kOrder);
  EXPECT_EQ(order->symbol, "ETHBTC");
  EXPECT_EQ(order->order_id, "4293153");
  EXPECT_EQ(order->client_order_id, "mUvoqJxFIILMdfAW5iGSOW");
  EXPECT_EQ(order->execution, "NEW");
  EXPECT_EQ(order->time_ms, 1499405658658);

  auto position = ParseStreamMessage(R"({"subscriptionId":0,"event":{"e":"outboundAccountPosition",
      "E":1564034571105,"u":1564034571073,"B":[{"a":"ETH","f":"10000.000000","l":"0.000000"}]}})");
  ASSERT_TRUE(position);
  EXPECT_EQ(position->kind, AccountEvent::Kind::kBalance);
  auto delta = ParseStreamMessage(R"({"subscriptionId":0,"event":{"e":"balanceUpdate",
      "E":1573200697110,"a":"BTC","d":"100.00000000","T":1573200697068}})");
  ASSERT_TRUE(delta);
  EXPECT_EQ(delta->kind, AccountEvent::Kind::kBalance);
  auto ended = ParseStreamMessage(
      R"({"subscriptionId":0,"event":{"e":"eventStreamTerminated","E":1728973001334}})");
  ASSERT_TRUE(ended);
  EXPECT_EQ(ended->kind, AccountEvent::Kind::kEnded);
  auto shutdown = ParseStreamMessage(R"({"event":{"e":"serverShutdown","E":1770123456789}})");
  ASSERT_TRUE(shutdown);
  EXPECT_EQ(shutdown->kind, AccountEvent::Kind::kEnded);

  // Answers, other events and garbage are not events of the subscription.
  for (std::string_view other :
       {R"({"id":"x","status":200,"result":{"subscriptionId":0}})",
        R"({"subscriptionId":0,"event":{"e":"externalLockUpdate","E":1,"a":"NEO","d":"10"}})",
        R"({"subscriptionId":0,"event":{"e":"executionReport","E":1}})", "[1,2]", "{", "",
        R"({"event":"executionReport"})", R"({"event":{"e":7}})"}) {
    EXPECT_FALSE(ParseStreamMessage(other)) << other;
  }
}

TEST(BinanceUserDataStream, ConnectsToBinancesWebSocketApiOrTheOriginsOwn) {
  EXPECT_EQ(WebSocketApiUrl("https://api.binance.com"), "wss://ws-api.binance.com:443/ws-api/v3");
  EXPECT_EQ(WebSocketApiUrl("https://testnet.binance.vision"),
            "wss://ws-api.testnet.binance.vision/ws-api/v3");
  EXPECT_EQ(WebSocketApiUrl("http://127.0.0.1:8080"), "ws://127.0.0.1:8080/ws-api/v3");
  EXPECT_EQ(WebSocketApiUrl("https://paper.example:9443"), "wss://paper.example:9443/ws-api/v3");
}

}  // namespace
}  // namespace amanah::exchange::binance
