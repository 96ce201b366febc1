#include "environment/checkpoint_webhook.h"

#include <boost/url/parse.hpp>

#include "crypto/encoding.h"
#include "transport/run_blocking.h"

namespace amanah::environment {

base::Result<std::unique_ptr<CheckpointWebhook>> CheckpointWebhook::Create(
    std::string url, transport::Options options, const base::Clock& clock) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return base::Fail(base::ErrorCode::kInvalidArgument, "not a URL: " + url);
  std::string origin = std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host());
  if (parsed->has_port()) origin += ":" + std::string(parsed->port());
  std::string path = std::string(parsed->encoded_path());
  if (path.empty()) path = "/";
  if (parsed->has_query()) path += "?" + std::string(parsed->encoded_query());
  std::unique_ptr<CheckpointWebhook> sink(new CheckpointWebhook(url, path, clock));
  options.connect_timeout = std::chrono::seconds(3);
  options.read_timeout = std::chrono::seconds(5);
  AMANAH_ASSIGN_OR_RETURN(sink->client_,
                          transport::HttpClient::Create(sink->io_.get_executor(), origin, options));
  return sink;
}

base::Result<void> CheckpointWebhook::Export(const journal::SignedCheckpoint& checkpoint) {
  std::lock_guard lock(mu_);
  const std::string body = checkpoint.ToFile();
  const std::string timestamp = std::to_string(base::UnixMillis(clock_.Now()));
  transport::Request request{"POST",
                             path_,
                             {{"Content-Type", "application/json"},
                              {"X-Amanah-Timestamp", timestamp},
                              {"X-Amanah-Key-Id", checkpoint.key_id}},
                             body};
  if (sign_) {
    const std::string signed_text = timestamp + "." + body;
    request.headers.emplace_back("X-Amanah-Signature",
                                 crypto::Base64Encode(sign_(crypto::AsBytes(signed_text))));
  }
  auto response = transport::RunBlocking(io_, client_->Send(std::move(request)));
  if (!response) return response.error();
  if (response->status < 200 || response->status >= 300) {
    return base::Fail(base::ErrorCode::kUnavailable,
                      url_ + " answered HTTP " + std::to_string(response->status));
  }
  return {};
}

}  // namespace amanah::environment
