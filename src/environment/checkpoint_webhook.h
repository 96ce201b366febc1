// CheckpointWebhook: exports each journal checkpoint by POSTing its file (JSON) to an HTTPS URL,
// with headers X-Amanah-Timestamp (ms), X-Amanah-Key-Id and X-Amanah-Signature (base64 Ed25519 by
// the node key over "<timestamp>.<body>"), so the receiver can check origin and freshness. A
// failed delivery is reported and superseded by the next checkpoint. Blocking, with its own
// io_context and short deadlines. Thread-safe (one export at a time).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/io_context.hpp>

#include "base/clock.h"
#include "crypto/bytes.h"
#include "journal/checkpoint_sink.h"
#include "transport/http_client.h"

namespace amanah::environment {

class CheckpointWebhook final : public journal::CheckpointSink {
 public:
  using Signer = std::function<crypto::Bytes(crypto::ByteView)>;
  /// `url` is https://host[:port]/path; `sign` signs with the node key.
  static base::Result<std::unique_ptr<CheckpointWebhook>> Create(std::string url,
                                                                 transport::Options options,
                                                                 const base::Clock& clock);
  void SetSigner(Signer sign) { sign_ = std::move(sign); }

  std::string Describe() const override { return "webhook " + url_; }
  base::Result<void> Export(const journal::SignedCheckpoint& checkpoint) override;

 private:
  CheckpointWebhook(std::string url, std::string path, const base::Clock& clock)
      : url_(std::move(url)), path_(std::move(path)), clock_(clock) {}
  std::string url_, path_;
  const base::Clock& clock_;
  Signer sign_;
  std::mutex mu_;
  boost::asio::io_context io_;
  std::unique_ptr<transport::HttpClient> client_;
};

}  // namespace amanah::environment
