// The one REST pipeline, with the Binance dialect and a sender that records instead of sending:
// what is refused before anything leaves, how 429/418 hold the origin and for how long, the one
// re-sync after clock skew, and that an order is never sent twice.
#include "exchange/rest_pipeline.h"

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "exchange/binance/binance_dialect.h"
#include "testing/fake_clock.h"
#include "testing/recording_sender.h"
#include "transport/run_blocking.h"

namespace amanah::exchange {
namespace {

using binance::BinanceDialect;
using binance::RequestSigner;

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest()
      : sender_(std::make_shared<testing::RecordingSender>()),
        pipeline_(sender_,
                  std::make_unique<BinanceDialect>(
                      RequestSigner::Create(RequestSigner::KeyType::kHmac, std::string(64, 'K'),
                                            crypto::SecretBytes::CopyFrom(std::string(64, 's')))
                          .value(),
                      5000),
                  clock_, std::make_shared<RateState>()) {}

  base::Result<base::JsonDocument> Call(HttpMethod method, std::string path, bool signed_request,
                                        bool order = false) {
    RestCall call{method, std::move(path), {{"symbol", "BTCUSDT"}}, signed_request, order};
    return transport::RunBlocking(io_, pipeline_.Call(std::move(call)));
  }

  testing::FakeClock clock_;
  boost::asio::io_context io_;
  std::shared_ptr<testing::RecordingSender> sender_;
  RestPipeline pipeline_;
};

TEST_F(PipelineTest, APathOffTheAllowListIsRefusedBeforeAnythingIsSigned) {
  for (const char* path : {"/sapi/v1/capital/withdraw/apply", "/sapi/v1/margin/order",
                           "/fapi/v1/order", "/sapi/v1/asset/transfer"}) {
    auto r = Call(HttpMethod::kPost, path, true, true);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), base::ErrorCode::kPermissionDenied) << path;
    EXPECT_NE(r.error().message().find("refused before signing"), std::string::npos);
  }
  EXPECT_TRUE(sender_->sent.empty());
}

TEST_F(PipelineTest, A429HoldsTheOriginForRetryAfterThenSendingResumes) {
  sender_->Answer(429, R"({"code":-1003,"msg":"Too much request weight used"})",
                  {{"retry-after", "30"}});
  auto r = Call(HttpMethod::kGet, "/api/v3/account", true);
  ASSERT_FALSE(r);
  EXPECT_EQ(FailureOf(r.error()), Failure::kRateLimited);
  EXPECT_EQ(r.error().exchange()->retry_at_ms, base::UnixMillis(clock_.Now()) + 30'000);
  EXPECT_NE(r.error().message().find("wait 30 s"), std::string::npos);
  clock_.Advance(std::chrono::seconds(29));
  auto held = Call(HttpMethod::kGet, "/api/v3/account", true);
  ASSERT_FALSE(held);
  EXPECT_NE(held.error().message().find("backing off after a 429 for 1 more s"), std::string::npos)
      << held.error();
  EXPECT_EQ(sender_->sent.size(), 1u);  // held: not sent
  clock_.Advance(std::chrono::seconds(1));
  sender_->Answer(200, R"({"ok":true})");
  EXPECT_TRUE(Call(HttpMethod::kGet, "/api/v3/account", true));
  EXPECT_EQ(sender_->sent.size(), 2u);
}

TEST_F(PipelineTest, A418BansUntilItEnds) {
  sender_->Answer(418, R"({"code":-1003,"msg":"Way too much request weight used; IP banned"})",
                  {{"retry-after", "120"}});
  auto r = Call(HttpMethod::kGet, "/api/v3/time", false);
  ASSERT_FALSE(r);
  EXPECT_EQ(FailureOf(r.error()), Failure::kBanned);
  auto held = Call(HttpMethod::kGet, "/api/v3/time", false);
  ASSERT_FALSE(held);
  EXPECT_EQ(FailureOf(held.error()), Failure::kBanned);
  EXPECT_NE(held.error().message().find("banned this IP until"), std::string::npos);
  EXPECT_EQ(sender_->sent.size(), 1u);
  // Counted by outcome: one call the exchange banned, one held back.
  const auto calls = pipeline_.rate().snapshot().calls;
  EXPECT_EQ(calls, (std::map<std::string, int64_t, std::less<>>{{"banned", 1}, {"held", 1}}));
}

TEST_F(PipelineTest, ClockSkewIsResyncedAndTheCallSentOnceMore) {
  sender_->Answer(
      400, R"({"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."})");
  sender_->Answer(
      200, R"({"serverTime":)" + std::to_string(base::UnixMillis(clock_.Now()) + 90'000) + "}");
  sender_->Answer(200, R"({"balances":[]})");
  auto r = Call(HttpMethod::kGet, "/api/v3/account", true);
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(sender_->sent.size(), 3u);
  EXPECT_EQ(sender_->sent[1].target, "/api/v3/time");
  EXPECT_EQ(pipeline_.time_offset_ms(), 90'000);
  // The resent request carries the corrected timestamp.
  EXPECT_NE(sender_->sent[2].target.find("timestamp=" +
                                         std::to_string(base::UnixMillis(clock_.Now()) + 90'000)),
            std::string::npos);
  // A second refusal is reported as clock skew, not retried for ever.
  sender_->Answer(
      400, R"({"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."})");
  sender_->Answer(200, R"({"serverTime":1})");
  sender_->Answer(
      400, R"({"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."})");
  auto skewed = Call(HttpMethod::kGet, "/api/v3/account", true);
  ASSERT_FALSE(skewed);
  EXPECT_EQ(FailureOf(skewed.error()), Failure::kClockSkew);
  EXPECT_EQ(sender_->sent.size(), 6u);
}

TEST_F(PipelineTest, AnOrderWhoseAnswerIsLostIsNeverSentAgain) {
  sender_->Fail(base::Error(base::ErrorCode::kOutcomeUnknown, "no answer"));
  auto r = Call(HttpMethod::kPost, "/api/v3/order", true, true);
  ASSERT_FALSE(r);
  EXPECT_EQ(FailureOf(r.error()), Failure::kOutcomeUnknown);
  sender_->Answer(503, R"({"code":-1006,"msg":"An unexpected response was received"})");
  auto unknown = Call(HttpMethod::kPost, "/api/v3/order", true, true);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), base::ErrorCode::kOutcomeUnknown);
  EXPECT_EQ(sender_->sent.size(), 2u);  // each sent once
}

TEST_F(PipelineTest, ABodyThatIsNotJsonIsMalformedNotAnException) {
  sender_->Answer(200, "<html>maintenance</html>");
  auto r = Call(HttpMethod::kGet, "/api/v3/time", false);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), base::ErrorCode::kDataLoss);
  EXPECT_EQ(FailureOf(r.error()), Failure::kMalformedResponse);
  sender_->Answer(500, "<html>oops</html>");
  auto fault = Call(HttpMethod::kGet, "/api/v3/time", false);
  EXPECT_EQ(FailureOf(fault.error()), Failure::kExchangeFault);
}

}  // namespace
}  // namespace amanah::exchange
