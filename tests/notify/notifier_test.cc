// Outbound notifications end to end on 127.0.0.1: a foreign order placed through the paper's admin
// API is found by reconciliation, journaled, collected from the journal into the outbox and POSTed
// to a receiver that verifies every signature itself (OpenSSL's HMAC and base64, not Amanah's
// code), rejects a replayed id, a stale timestamp and a tampered body; a failure is retried with
// back-off under the same webhook-id, and kept as undeliverable after the last attempt.
#include "notify/notifier.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <mutex>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/json_reader.h"
#include "engine/engine_fixture.h"
#include "engine/reconciler.h"
#include "notify/webhook_signature.h"
#include "server/http_server.h"

namespace amanah::engine {
namespace {

using ::testing::HasSubstr;

std::string B64(const unsigned char* data, size_t n) {
  std::string out(4 * ((n + 2) / 3) + 1, '\0');
  const int len =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
  out.resize(static_cast<size_t>(len));
  return out;
}

std::string UnB64(std::string_view text) {
  std::string out(3 * (text.size() / 4) + 3, '\0');
  const int len = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(text.data()),
                                  static_cast<int>(text.size()));
  if (len < 0) return {};
  size_t n = static_cast<size_t>(len);
  for (size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) --n;  // padding decodes as zeros
  out.resize(n);
  return out;
}

// A receiver as a user would write one from the Standard Webhooks description: the secret is
// "whsec_" + base64; the signature "v1," + base64(HMAC-SHA256(key, id.timestamp.body)); a
// timestamp more than 5 minutes from its clock, or an id seen before, is refused.
class Receiver {
 public:
  explicit Receiver(const base::Clock& clock) : clock_(clock) {
    server_ = std::make_unique<server::HttpServer>(
        io_, [this](const server::HttpRequest& r) { return Handle(r); });
    port_ = server_->Listen("127.0.0.1", 0).value();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Receiver() {
    io_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook?to=me"; }
  void SetSecret(std::string secret) {
    std::lock_guard lock(mu_);
    key_ = UnB64(std::string_view(secret).substr(6));
  }
  void AnswerWith(unsigned status) {
    std::lock_guard lock(mu_);
    status_ = status;
  }
  struct Got {
    server::HttpRequest request;
    unsigned answer = 0;
    std::string verdict;
  };
  std::vector<Got> got() {
    std::lock_guard lock(mu_);
    return got_;
  }
  // Sends `request` again, as an attacker who captured it would.
  Got Replay(const server::HttpRequest& request) {
    std::lock_guard lock(mu_);
    return Judge(request);
  }

 private:
  server::HttpResponse Handle(const server::HttpRequest& r) {
    std::lock_guard lock(mu_);
    Got g = Judge(r);
    if (g.answer == 200 && status_ != 200) g.answer = status_;  // verified, but we are "down"
    if (g.answer == 200) seen_.insert(std::string(r.Header("webhook-id").value_or("")));
    got_.push_back(g);
    server::HttpResponse out;
    out.status = g.answer;
    out.body = g.verdict;
    return out;
  }
  Got Judge(const server::HttpRequest& r) {
    auto refuse = [&r](std::string why) { return Got{r, 401, std::move(why)}; };
    const std::string id(r.Header("webhook-id").value_or(""));
    const std::string ts(r.Header("webhook-timestamp").value_or(""));
    const std::string sig(r.Header("webhook-signature").value_or(""));
    if (id.empty() || ts.empty() || sig.empty()) return refuse("missing headers");
    const int64_t now_s = base::UnixMillis(clock_.Now()) / 1000;
    const int64_t t = std::atoll(ts.c_str());
    if (t < now_s - 300 || t > now_s + 300) return refuse("stale timestamp");
    const std::string content = id + "." + ts + "." + r.body;
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
         reinterpret_cast<const unsigned char*>(content.data()), content.size(), mac, &mac_len);
    if (sig != "v1," + B64(mac, mac_len)) return refuse("bad signature");
    if (seen_.count(id) != 0) return Got{r, 409, "replayed id"};
    return Got{r, 200, "ok"};
  }

  const base::Clock& clock_;
  boost::asio::io_context io_{1};
  std::unique_ptr<server::HttpServer> server_;
  uint16_t port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::string key_;
  unsigned status_ = 200;
  std::set<std::string> seen_;
  std::vector<Got> got_;
};

class NotifierTest : public EngineFixture {
 protected:
  NotifierTest()
      : notifier_(
            {env_.env().store(), *env_.env().vault().value(), env_.clock(), env_.env().random()},
            Options()),
        receiver_(env_.clock()) {}
  static notify::NotifierOptions Options() {
    notify::NotifierOptions o;
    o.allow_loopback_http = true;
    o.max_attempts = 3;
    o.timeout = std::chrono::seconds(5);
    return o;
  }
  Reconciler& reconciler() { return *env_.env().reconciler().value(); }
  notify::EndpointView Add(std::vector<std::string> events = {}) {
    auto made = notifier_.AddEndpoint(Tenant(), receiver_.url(), std::move(events), "test");
    EXPECT_TRUE(made) << made.error();
    if (!made || !made->secret) std::abort();
    receiver_.SetSecret(std::string(made->secret->view()));
    return std::move(*made);
  }
  int Deliver() {
    auto sent = Run(notifier_.Deliver());
    EXPECT_TRUE(sent) << sent.error();
    return sent ? *sent : -1;
  }
  static std::string Field(const std::string& body, std::string_view name) {
    auto doc = base::JsonDocument::Parse(body, base::JsonSource{"notification"});
    if (!doc) return "";
    auto v = doc->Root().OptionalString(name);
    return v && *v ? **v : "";
  }

  notify::Notifier notifier_;
  Receiver receiver_;
};

TEST(WebhookSignature, MatchesTheStandardWebhooksTestVector) {
  auto key = notify::SecretKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  ASSERT_TRUE(key);
  EXPECT_EQ(notify::SignWebhook(key->bytes(), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                R"({"test": 2432232314})"),
            "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  EXPECT_EQ(notify::SecretText(key->bytes()).view(), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
  EXPECT_FALSE(notify::SecretKey("whsec_"));
  EXPECT_FALSE(notify::SecretKey("whsec_%%%"));
}

TEST_F(NotifierTest, AForeignOrderIsNotifiedSignedAndAReplayIsRejected) {
  Add();
  ASSERT_EQ(notifier_.Collect().value(), 0);  // nothing happened since the endpoint was added
  ASSERT_TRUE(Run(reconciler().Tick()).size() == 1u);
  PlaceForeign();
  env_.clock().Advance(std::chrono::seconds(30));
  auto found = Run(reconciler().Tick());
  ASSERT_EQ(found.size(), 1u);
  ASSERT_EQ(found[0].foreign.size(), 1u);

  ASSERT_EQ(notifier_.Collect().value(), 2);  // order.foreign and key.suspended
  EXPECT_EQ(notifier_.Collect().value(), 0);  // each record once
  EXPECT_EQ(Deliver(), 2);
  auto got = receiver_.got();
  ASSERT_EQ(got.size(), 2u);
  for (const auto& g : got) {
    EXPECT_EQ(g.verdict, "ok") << g.request.body;
    EXPECT_EQ(g.request.target, "/hook?to=me");
    EXPECT_EQ(g.request.Header("content-type").value_or(""), "application/json");
    EXPECT_EQ(Field(g.request.body, "id"), g.request.Header("webhook-id").value_or("?"));
  }
  EXPECT_EQ(Field(got[0].request.body, "type"), "order.foreign");
  EXPECT_THAT(Field(got[0].request.body, "message"), HasSubstr("BTCUSDT sell 0.01 @ 70000"));
  EXPECT_THAT(got[0].request.body, HasSubstr("x-thief-0001"));
  EXPECT_EQ(Field(got[1].request.body, "type"), "key.suspended");
  EXPECT_EQ(Deliver(), 0);  // delivered ones are not sent again

  // Replay protection: the same request again is refused for its id; later, for its age.
  EXPECT_EQ(receiver_.Replay(got[0].request).verdict, "replayed id");
  server::HttpRequest tampered = got[1].request;
  tampered.body.replace(tampered.body.find("key.suspended"), 13, "key.reactived");
  EXPECT_EQ(receiver_.Replay(tampered).verdict, "bad signature");
  env_.clock().Advance(std::chrono::minutes(6));
  EXPECT_EQ(receiver_.Replay(got[1].request).verdict, "stale timestamp");

  auto listed = notifier_.List(Tenant());
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  for (const auto& n : *listed) {
    EXPECT_EQ(n.state, "delivered");
    EXPECT_EQ(n.attempts, 1);
  }
}

TEST_F(NotifierTest, AFailureIsRetriedWithBackoffThenKeptAsUndeliverable) {
  Add({"order.foreign"});
  ASSERT_TRUE(Run(reconciler().Tick()).size() == 1u);
  PlaceForeign();
  env_.clock().Advance(std::chrono::seconds(30));
  ASSERT_EQ(Run(reconciler().Tick()).size(), 1u);
  ASSERT_EQ(notifier_.Collect().value(), 1);  // only the event subscribed to

  receiver_.AnswerWith(503);
  EXPECT_EQ(Deliver(), 0);
  auto n = notifier_.List(Tenant()).value().at(0);
  EXPECT_EQ(n.state, "pending");
  EXPECT_EQ(n.attempts, 1);
  EXPECT_THAT(n.last_error, HasSubstr("HTTP 503"));
  const auto wait = n.next_attempt_at - env_.clock().Now();
  EXPECT_GE(wait, std::chrono::seconds(27));  // 30 s ± 10%
  EXPECT_LE(wait, std::chrono::seconds(33));
  EXPECT_EQ(Deliver(), 0);
  EXPECT_EQ(receiver_.got().size(), 1u);  // not due yet: not sent

  env_.clock().Advance(std::chrono::seconds(34));
  EXPECT_EQ(Deliver(), 0);  // the second attempt; the next wait is 4 times longer
  n = notifier_.List(Tenant()).value().at(0);
  EXPECT_EQ(n.attempts, 2);
  EXPECT_GE(n.next_attempt_at - env_.clock().Now(), std::chrono::seconds(108));
  env_.clock().Advance(std::chrono::seconds(133));
  EXPECT_EQ(Deliver(), 0);  // the third and last
  n = notifier_.List(Tenant()).value().at(0);
  EXPECT_EQ(n.state, "undeliverable");
  EXPECT_EQ(n.attempts, 3);
  env_.clock().Advance(std::chrono::hours(1));
  EXPECT_EQ(Deliver(), 0);
  auto got = receiver_.got();
  ASSERT_EQ(got.size(), 3u);
  // The same webhook-id on every attempt, each with its own timestamp and signature.
  for (const auto& g : got) {
    EXPECT_EQ(g.request.Header("webhook-id").value_or(""), n.id);
    EXPECT_EQ(g.verdict, "ok");
  }
  EXPECT_NE(std::string(got[0].request.Header("webhook-timestamp").value_or("")),
            std::string(got[1].request.Header("webhook-timestamp").value_or("")));

  // Kept, and sent again on request once the receiver is back.
  receiver_.AnswerWith(200);
  auto again = notifier_.Retry(Tenant(), n.id);
  ASSERT_TRUE(again) << again.error();
  EXPECT_EQ(again->state, "pending");
  EXPECT_EQ(Deliver(), 1);
  EXPECT_EQ(notifier_.List(Tenant()).value().at(0).state, "delivered");
  EXPECT_FALSE(notifier_.Retry(Tenant(), n.id));  // delivered: nothing to retry
  EXPECT_FALSE(notifier_.Retry(store::TenantId("other"), n.id));
}

TEST_F(NotifierTest, ANewSecretReplacesTheOldOneAndEndpointsAreChecked) {
  notify::EndpointView e = Add();
  const std::string old_secret(e.secret->view());
  auto renewed = notifier_.NewSecret(Tenant(), e.endpoint.id);
  ASSERT_TRUE(renewed);
  EXPECT_NE(std::string(renewed->secret->view()), old_secret);
  ASSERT_TRUE(notifier_.SendTest(Tenant(), e.endpoint.id));
  EXPECT_EQ(Deliver(), 0);  // the receiver still holds the old secret
  EXPECT_EQ(receiver_.got().at(0).verdict, "bad signature");
  receiver_.SetSecret(std::string(renewed->secret->view()));
  env_.clock().Advance(std::chrono::minutes(1));
  EXPECT_EQ(Deliver(), 1);
  EXPECT_EQ(Field(receiver_.got().at(1).request.body, "type"), "notify.test");

  // Listed without the secret; another tenant sees none of it.
  auto listed = notifier_.Endpoints(Tenant());
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE(notifier_.Endpoints(store::TenantId("other"))->empty());
  EXPECT_FALSE(notifier_.RemoveEndpoint(store::TenantId("other"), e.endpoint.id));
  EXPECT_FALSE(notifier_.SendTest(store::TenantId("other"), e.endpoint.id));

  // Only https (plain http to loopback when allowed), no user information, known events.
  for (const char* bad : {"ftp://example.com/x", "http://example.com/hook",
                          "https://user:pw@example.com/", "not a url", "https://example.com/#x"}) {
    EXPECT_FALSE(notifier_.AddEndpoint(Tenant(), bad, {}, "")) << bad;
  }
  auto unknown = notifier_.AddEndpoint(Tenant(), "https://example.com/hook", {"order.eaten"}, "");
  ASSERT_FALSE(unknown);
  EXPECT_THAT(unknown.error().message(), HasSubstr("order.foreign"));
  EXPECT_TRUE(notifier_.AddEndpoint(Tenant(), "https://example.com/hook", {"key.suspended"}, ""));
  notify::Notifier strict(
      {env_.env().store(), *env_.env().vault().value(), env_.clock(), env_.env().random()},
      notify::NotifierOptions{});
  EXPECT_FALSE(strict.AddEndpoint(Tenant(), receiver_.url(), {}, ""));
  ASSERT_TRUE(notifier_.RemoveEndpoint(Tenant(), e.endpoint.id));
}

}  // namespace
}  // namespace amanah::engine
