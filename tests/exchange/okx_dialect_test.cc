// OKX's part of the REST pipeline without a network: a POST's parameters become the JSON body it
// signs, a DELETE or a pre-encoded call is refused, OKX's documented envelope examples read
// (okx.md fixtures), an order refused in data[].sCode under code "1" read as that refusal, and
// each documented error — with its documented HTTP status — classified with OKX's code and text.
#include "exchange/okx/okx_dialect.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "exchange/failure.h"
#include "testing/exchange_fixtures.h"

namespace amanah::exchange::okx {
namespace {

using testing::OkxFixture;

OkxDialect MakeOkxDialect() {
  return OkxDialect(OkxSigner::Create("f2c8b4a0-1b2c-4d5e-8f90-a1b2c3d4e5f6",
                                      crypto::SecretBytes::CopyFrom("okx-test-secret"),
                                      crypto::SecretBytes::CopyFrom("okx-test-passphrase"))
                        .value());
}

transport::Response Reply(unsigned status, std::string body) {
  transport::Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

RestCall OkxOrderCall() {
  RestCall c{HttpMethod::kPost,
             "/api/v5/trade/order",
             {{"instId", "BTC-USDT"},
              {"tdMode", "cash"},
              {"clOrdId", "amanah7"},
              {"side", "buy"},
              {"ordType", "market"},
              {"sz", "10"}},
             true,
             true};
  return c;
}

TEST(OkxDialect, APostsParametersBecomeTheJsonBodyItSigns) {
  auto r = MakeOkxDialect().Build(OkxOrderCall(), 1700000000000);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->body, R"({"instId":"BTC-USDT","tdMode":"cash","clOrdId":"amanah7","side":"buy",)"
                     R"("ordType":"market","sz":"10"})");
  RestCall del{HttpMethod::kDelete, "/api/v5/trade/order", {{"instId", "BTC-USDT"}}, true};
  EXPECT_FALSE(MakeOkxDialect().Build(del, 1));
  RestCall encoded{HttpMethod::kGet, "/api/v5/trade/order", {}, true};
  encoded.encoded = "instId=BTC-USDT";
  EXPECT_FALSE(MakeOkxDialect().Build(encoded, 1));
  RestCall margin = OkxOrderCall();
  margin.params[1].second = "cross";
  auto refused = MakeOkxDialect().Build(margin, 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), base::ErrorCode::kPermissionDenied);
}

TEST(OkxDialect, ReadsTheDocumentedEnvelopeAndServerTime) {
  const OkxDialect d = MakeOkxDialect();
  auto time = d.Interpret(Reply(200, OkxFixture("public_time.json")), d.TimeCall(), 0);
  ASSERT_TRUE(time) << time.error();
  auto ms = d.ReadServerTime(time->Root());
  ASSERT_TRUE(ms) << ms.error();
  EXPECT_EQ(*ms, 1597026383085);
  auto placed = d.Interpret(Reply(200, OkxFixture("trade_order_place.json")), OkxOrderCall(), 0);
  ASSERT_TRUE(placed) << placed.error();
  for (const char* name :
       {"account_config.json", "account_balance.json", "account_positions.json",
        "trade_order_details.json", "trade_orders_pending.json", "trade_fills.json",
        "public_instruments_spot.json", "trade_cancel_order.json"}) {
    SCOPED_TRACE(name);
    RestCall read{HttpMethod::kGet, "/api/v5/account/config", {}, true};
    EXPECT_TRUE(d.Interpret(Reply(200, OkxFixture(name)), read, 0));
  }
  auto garbage = d.Interpret(Reply(200, "[1,2]"), d.TimeCall(), 0);
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().code(), base::ErrorCode::kDataLoss);
  auto no_code = d.Interpret(Reply(200, R"({"msg":"","data":[]})"), d.TimeCall(), 0);
  ASSERT_FALSE(no_code);
  EXPECT_NE(no_code.error().message().find("code"), std::string::npos);
}

TEST(OkxDialect, AnOrderRefusedInItsDataIsThatRefusal) {
  const OkxDialect d = MakeOkxDialect();
  auto r = d.Interpret(
      Reply(200, R"({"code":"1","msg":"Operation failed.","data":[{"clOrdId":"amanah7","ordId":"",)"
                 R"("sCode":"51008","sMsg":"Order failed. Insufficient USDT balance in account",)"
                 R"("tag":"","ts":"1"}],"inTime":"1","outTime":"2"})"),
      OkxOrderCall(), 0);
  ASSERT_FALSE(r);
  EXPECT_EQ(FailureOf(r.error()), Failure::kOrderRejected);
  EXPECT_EQ(r.error().exchange()->code, "51008");
  EXPECT_EQ(r.error().exchange()->message, "Order failed. Insufficient USDT balance in account");
  // code "0" with a non-zero sCode is a refusal too.
  auto odd = d.Interpret(
      Reply(
          200,
          R"({"code":"0","msg":"","data":[{"sCode":"51016","sMsg":"Client order ID already exists."}]})"),
      OkxOrderCall(), 0);
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().code(), base::ErrorCode::kAlreadyExists);
}

struct OkxErrorCase {
  unsigned status;
  int64_t code;
  const char* msg;
  bool order;
  base::ErrorCode want_code;
  Failure want;
};

TEST(OkxDialect, EachDocumentedErrorIsClassifiedKeepingOkxsCodeAndText) {
  const OkxDialect d = MakeOkxDialect();
  const OkxErrorCase cases[] = {
      {401, 50111, "Invalid OK-ACCESS-KEY.", false, base::ErrorCode::kUnauthenticated,
       Failure::kKeyInvalid},
      {401, 50113, "Invalid signature.", false, base::ErrorCode::kUnauthenticated,
       Failure::kSignatureRejected},
      {401, 50105, "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.", false,
       base::ErrorCode::kUnauthenticated, Failure::kSignatureRejected},
      {401, 50102, "Timestamp request expired.", false, base::ErrorCode::kFailedPrecondition,
       Failure::kClockSkew},
      {401, 50101, "APIKey does not match current environment.", false,
       base::ErrorCode::kUnauthenticated, Failure::kKeyInvalid},
      {401, 50110, "Your IP 10.0.0.1 is not included in your API key's IP whitelist.", false,
       base::ErrorCode::kPermissionDenied, Failure::kIpNotWhitelisted},
      {200, 50120, "This API key doesn't have permission to use this function", false,
       base::ErrorCode::kPermissionDenied, Failure::kPermissionMissing},
      {403, 50035, "This endpoint requires that APIKey must be bound to IP", false,
       base::ErrorCode::kPermissionDenied, Failure::kPermissionMissing},
      {200, 51020, "Your order should meet or exceed the minimum order amount.", true,
       base::ErrorCode::kInvalidArgument, Failure::kOrderRejected},
      {200, 51400,
       "Order cancellation failed as the order has been filled, canceled or does not exist.", false,
       base::ErrorCode::kNotFound, Failure::kNotFound},
      {200, 51603, "Order does not exist.", false, base::ErrorCode::kNotFound, Failure::kNotFound},
      {429, 50011, "Too Many Requests", false, base::ErrorCode::kRateLimited,
       Failure::kRateLimited},
      {400, 50004,
       "API endpoint request timeout. (does not mean that the request was successful or "
       "failed, please check the request result).",
       true, base::ErrorCode::kOutcomeUnknown, Failure::kOutcomeUnknown},
      {503, 50001, "Service temporarily unavailable. Please try again later.", false,
       base::ErrorCode::kUnavailable, Failure::kExchangeFault},
      {502, 0, "", true, base::ErrorCode::kOutcomeUnknown, Failure::kOutcomeUnknown},
  };
  for (const OkxErrorCase& c : cases) {
    // Messages are written as JSON strings (the passphrase one holds quotes).
    const std::string json_body =
        c.code == 0 ? std::string("Bad Gateway")
                    : R"({"code":")" + std::to_string(c.code) + R"(","msg":)" +
                          boost::json::serialize(boost::json::string(c.msg)) + R"(,"data":[]})";
    RestCall call =
        c.order ? OkxOrderCall() : RestCall{HttpMethod::kGet, "/api/v5/account/config", {}, true};
    auto r = d.Interpret(Reply(c.status, json_body), call, 1000);
    ASSERT_FALSE(r) << c.code;
    EXPECT_EQ(r.error().code(), c.want_code) << c.code << " " << r.error();
    EXPECT_EQ(FailureOf(r.error()), c.want) << c.code << " " << r.error();
    ASSERT_TRUE(r.error().exchange()) << c.code;
    EXPECT_EQ(r.error().exchange()->code,
              c.code != 0 ? std::to_string(c.code) : "HTTP " + std::to_string(c.status));
    if (c.code != 0) {
      EXPECT_EQ(r.error().exchange()->message, c.msg);
    }
  }
  auto limited = d.Interpret(Reply(429, R"({"code":"50011","msg":"Too Many Requests","data":[]})"),
                             OkxOrderCall(), 5000);
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().exchange()->retry_at_ms, 7000);
}

}  // namespace
}  // namespace amanah::exchange::okx
