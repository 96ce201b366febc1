// Bybit's part of the REST pipeline without a network: a POST's parameters become the JSON body it
// signs, a DELETE or a pre-encoded call is refused, Bybit's documented envelope examples read
// (bybit.md fixtures), and each documented error — in the envelope under HTTP 200, or a bare
// 401/403/429/5xx — classified with Bybit's code and text kept and, for limits, when to resume.
#include "exchange/bybit/bybit_dialect.h"
#include "testing/exchange_fixtures.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "exchange/failure.h"

namespace amanah::exchange::bybit {
namespace {

using testing::BybitFixture;

BybitDialect Dialect() {
  return BybitDialect(BybitSigner::Create(BybitSigner::KeyType::kHmac, "AbCdEf0123456789",
                                          crypto::SecretBytes::CopyFrom("s3cret"))
                          .value(),
                      5000);
}

transport::Response Answer(unsigned status, std::string body,
                           std::vector<std::pair<std::string, std::string>> headers = {}) {
  transport::Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

RestCall SpotOrderCall() {
  RestCall c{HttpMethod::kPost,
             "/v5/order/create",
             {{"category", "spot"},
              {"symbol", "BTCUSDT"},
              {"side", "Buy"},
              {"orderType", "Market"},
              {"qty", "10"},
              {"orderLinkId", "amanah-7"}},
             true,
             true};
  return c;
}

TEST(BybitDialect, APostsParametersBecomeTheJsonBodyItSigns) {
  auto r = Dialect().Build(SpotOrderCall(), 1700000000000);
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->body, R"({"category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Market",)"
                     R"("qty":"10","orderLinkId":"amanah-7"})");
  EXPECT_EQ(r->query, "");
  RestCall del{HttpMethod::kDelete, "/v5/order/cancel", {{"category", "spot"}}, true};
  EXPECT_FALSE(Dialect().Build(del, 1));
  RestCall encoded{HttpMethod::kGet, "/v5/order/realtime", {}, true};
  encoded.encoded = "category=spot";
  EXPECT_FALSE(Dialect().Build(encoded, 1));
  RestCall margin = SpotOrderCall();
  margin.params.emplace_back("isLeverage", "1");
  auto refused = Dialect().Build(margin, 1);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), base::ErrorCode::kPermissionDenied);
  auto time = Dialect().Build(Dialect().TimeCall(), 1);
  ASSERT_TRUE(time) << time.error();
  EXPECT_EQ(time->path, "/v5/market/time");
  EXPECT_TRUE(time->headers.empty());
}

TEST(BybitDialect, ReadsTheDocumentedEnvelopeAndServerTime) {
  const BybitDialect d = Dialect();
  auto time = d.Interpret(Answer(200, BybitFixture("market_time.json")), d.TimeCall(), 0);
  ASSERT_TRUE(time) << time.error();
  auto ms = d.ReadServerTime(time->Root());
  ASSERT_TRUE(ms) << ms.error();
  EXPECT_EQ(*ms, 1688639403423);
  auto placed = d.Interpret(Answer(200, BybitFixture("order_create.json")), SpotOrderCall(), 0);
  ASSERT_TRUE(placed) << placed.error();
  EXPECT_TRUE(d.Interpret(Answer(200, BybitFixture("common_response.json")), SpotOrderCall(), 0));
  auto not_json = d.Interpret(Answer(200, "<html>"), SpotOrderCall(), 0);
  ASSERT_FALSE(not_json);
  EXPECT_EQ(not_json.error().code(), base::ErrorCode::kDataLoss);
  auto no_code = d.Interpret(Answer(200, R"({"retMsg":"OK"})"), SpotOrderCall(), 0);
  EXPECT_FALSE(no_code);
}

struct ErrorCase {
  unsigned status;
  int64_t code;
  const char* msg;
  bool order;
  base::ErrorCode want_code;
  Failure want;
};

TEST(BybitDialect, EachDocumentedErrorIsClassifiedKeepingBybitsCodeAndText) {
  const BybitDialect d = Dialect();
  const ErrorCase cases[] = {
      {200, 10003, "API key is invalid.", false, base::ErrorCode::kUnauthenticated,
       Failure::kKeyInvalid},
      {200, 10004, "Error sign, please check your signature generation algorithm.", false,
       base::ErrorCode::kUnauthenticated, Failure::kSignatureRejected},
      {200, 10010, "Unmatched IP, please check your API key's bound IP addresses.", false,
       base::ErrorCode::kPermissionDenied, Failure::kIpNotWhitelisted},
      {200, 10005, "Permission denied, please check your API key permissions.", false,
       base::ErrorCode::kPermissionDenied, Failure::kPermissionMissing},
      {200, 10002, "The request time exceeds the time window range.", false,
       base::ErrorCode::kFailedPrecondition, Failure::kClockSkew},
      {200, 33004, "Your api key has expired", false, base::ErrorCode::kUnauthenticated,
       Failure::kKeyInvalid},
      {200, 170131, "Balance insufficient ", true, base::ErrorCode::kFailedPrecondition,
       Failure::kOrderRejected},
      {200, 170136, "Order quantity lower than the minimum.", true,
       base::ErrorCode::kInvalidArgument, Failure::kOrderRejected},
      {200, 170213, "Order does not exist.", false, base::ErrorCode::kNotFound, Failure::kNotFound},
      {200, 170121, "Invalid symbol.", false, base::ErrorCode::kInvalidArgument,
       Failure::kBadRequest},
      {200, 10016, "Server error.", true, base::ErrorCode::kOutcomeUnknown,
       Failure::kOutcomeUnknown},
      {200, 10016, "Server error.", false, base::ErrorCode::kUnavailable, Failure::kExchangeFault},
      {401, 0, "", false, base::ErrorCode::kUnauthenticated, Failure::kKeyInvalid},
      {502, 0, "", true, base::ErrorCode::kOutcomeUnknown, Failure::kOutcomeUnknown},
  };
  for (const ErrorCase& c : cases) {
    const std::string body = c.code == 0
                                 ? std::string("Bad Gateway")
                                 : R"({"retCode":)" + std::to_string(c.code) + R"(,"retMsg":")" +
                                       c.msg + R"(","result":{},"retExtInfo":{},"time":1})";
    RestCall call =
        c.order ? SpotOrderCall() : RestCall{HttpMethod::kGet, "/v5/user/query-api", {}, true};
    auto r = d.Interpret(Answer(c.status, body), call, 1000);
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
}

TEST(BybitDialect, ARateLimitSaysWhenSendingResumes) {
  const BybitDialect d = Dialect();
  RestCall read{HttpMethod::kGet, "/v5/order/realtime", {{"category", "spot"}}, true};
  auto limited =
      d.Interpret(Answer(200, R"({"retCode":10006,"retMsg":"Too many visits!","result":{}})",
                         {{"x-bapi-limit-reset-timestamp", "1700000000500"}}),
                  read, 1700000000000);
  ASSERT_FALSE(limited);
  EXPECT_EQ(limited.error().code(), base::ErrorCode::kRateLimited);
  EXPECT_EQ(limited.error().exchange()->retry_at_ms, 1700000000500);
  // The IP limit (HTTP 403, no envelope): at least 10 minutes.
  auto banned = d.Interpret(Answer(403, "access too frequent"), read, 1700000000000);
  ASSERT_FALSE(banned);
  EXPECT_EQ(FailureOf(banned.error()), Failure::kBanned);
  EXPECT_EQ(banned.error().exchange()->retry_at_ms, 1700000000000 + 600000);
  auto system = d.Interpret(Answer(429, ""), read, 5000);
  ASSERT_FALSE(system);
  EXPECT_EQ(FailureOf(system.error()), Failure::kRateLimited);
  EXPECT_EQ(system.error().exchange()->retry_at_ms, 6000);
}

}  // namespace
}  // namespace amanah::exchange::bybit
