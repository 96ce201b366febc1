// The checkpoint webhook sink over real HTTPS on 127.0.0.1: configured by
// AMANAH_CHECKPOINT_EXPORT_WEBHOOK, every checkpoint the journal writes is POSTed as its file, with
// X-Amanah-Timestamp, X-Amanah-Key-Id and an Ed25519 X-Amanah-Signature by the node key over
// "<timestamp>.<body>" — so the receiver can check origin and freshness against the key pinned at
// `vault init` — and a receiver that refuses is reported, not ignored.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "crypto/ed25519.h"
#include "crypto/encoding.h"
#include "environment/checkpoint_webhook.h"
#include "http/http_server.h"
#include "journal/checkpoint.h"
#include "testing/test_environment.h"

namespace amanah::environment {
namespace {

/// An HTTPS receiver with a self-signed certificate for 127.0.0.1 that keeps what it is sent.
class Receiver {
 public:
  Receiver() {
    auto identity = paper::GenerateSelfSignedIdentity("127.0.0.1");
    EXPECT_TRUE(identity) << identity.error();
    std::ofstream(dir_.File("ca.pem")) << identity->certificate_pem;
    server_ = std::make_unique<paper::HttpServer>(
        io_,
        [this](const paper::HttpRequest& r) {
          std::lock_guard lock(mu_);
          received_.push_back(r);
          paper::HttpResponse answer;
          answer.status = status_.load();
          return answer;
        },
        *identity);
    port_ = server_->Listen("127.0.0.1", 0).value();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Receiver() {
    io_.stop();
    thread_.join();
  }
  std::string url() const {
    return "https://127.0.0.1:" + std::to_string(port_) + "/hooks/amanah?n=1";
  }
  std::string ca_file() const { return dir_.File("ca.pem"); }
  void AnswerWith(unsigned status) { status_ = status; }
  std::vector<paper::HttpRequest> received() {
    std::lock_guard lock(mu_);
    return received_;
  }

 private:
  testing::TempDir dir_;
  boost::asio::io_context io_{1};
  std::unique_ptr<paper::HttpServer> server_;
  uint16_t port_ = 0;
  std::thread thread_;
  std::mutex mu_;
  std::vector<paper::HttpRequest> received_;
  std::atomic<unsigned> status_{200};
};

TEST(CheckpointWebhook, EveryCheckpointIsPostedSignedByThePinnedNodeKey) {
  Receiver receiver;
  testing::TestEnvironment env(true, {{"AMANAH_CHECKPOINT_EXPORT_WEBHOOK", receiver.url()},
                                      {"AMANAH_CA_FILE", receiver.ca_file()},
                                      {"AMANAH_CHECKPOINT_EVERY_RECORDS", "3"}});
  const crypto::Bytes node_key = env.journal().PublicKey();
  size_t before = receiver.received().size();
  for (int i = 0; i < 6; ++i) ASSERT_TRUE(env.journal().Append("t1", "key.audited", {{"n", i}}));
  std::vector<paper::HttpRequest> posts = receiver.received();
  ASSERT_GE(posts.size(), before + 2) << "a checkpoint per 3 records";
  for (const paper::HttpRequest& post : posts) {
    EXPECT_EQ(post.method, "POST");
    EXPECT_EQ(post.target, "/hooks/amanah?n=1");
    auto checkpoint = journal::SignedCheckpoint::FromFile(post.body);
    ASSERT_TRUE(checkpoint) << checkpoint.error();
    EXPECT_TRUE(checkpoint->Verify());
    EXPECT_EQ(checkpoint->public_key, node_key);  // the key pinned at vault init
    EXPECT_EQ(post.Header("x-amanah-key-id"), journal::KeyId(node_key));
    auto timestamp = post.Header("x-amanah-timestamp");
    auto signature = post.Header("x-amanah-signature");
    ASSERT_TRUE(timestamp && signature);
    auto raw = crypto::Base64Decode(*signature);
    auto key = crypto::Ed25519PublicKey::FromRaw(node_key);
    ASSERT_TRUE(raw && key);
    std::string signed_text = std::string(*timestamp) + "." + post.body;
    EXPECT_TRUE(key->Verify(crypto::AsBytes(signed_text), *raw));
    std::string tampered = signed_text + " ";
    EXPECT_FALSE(key->Verify(crypto::AsBytes(tampered), *raw));
  }
}

TEST(CheckpointWebhook, AReceiverThatRefusesIsAnErrorNamingIt) {
  Receiver receiver;
  receiver.AnswerWith(503);
  testing::FakeClock clock;
  transport::Options options;
  options.ca_file = receiver.ca_file();
  auto hook = CheckpointWebhook::Create(receiver.url(), options, clock);
  ASSERT_TRUE(hook) << hook.error();
  auto signing = crypto::Ed25519PrivateKey::Generate();
  (*hook)->SetSigner([&](crypto::ByteView bytes) { return signing.Sign(bytes); });
  journal::SignedCheckpoint checkpoint;
  checkpoint.body = "{}";
  checkpoint.public_key = signing.PublicKey().Raw();
  checkpoint.key_id = journal::KeyId(checkpoint.public_key);
  auto exported = (*hook)->Export(checkpoint);
  ASSERT_FALSE(exported);
  EXPECT_EQ(exported.error().code(), base::ErrorCode::kUnavailable);
  EXPECT_NE(exported.error().message().find("503"), std::string::npos);
  EXPECT_NE(exported.error().message().find(receiver.url()), std::string::npos);
  EXPECT_EQ(receiver.received().size(), 1u);
}

}  // namespace
}  // namespace amanah::environment
