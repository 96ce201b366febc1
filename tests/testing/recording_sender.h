// RecordingSender: an HttpSender that sends nothing — it records each request and answers with
// what the test queued (a response or an error), or "recorded, not sent" when nothing is queued.
// For the oracle and pipeline tests. Thread-compatible.
#pragma once

#include <deque>
#include <vector>

#include "transport/http_sender.h"

namespace amanah::testing {

class RecordingSender final : public transport::HttpSender {
 public:
  boost::asio::awaitable<base::Result<transport::Response>> Send(
      transport::Request request) override {
    sent.push_back(std::move(request));
    if (answers.empty()) {
      co_return base::Error(base::ErrorCode::kUnavailable, "recorded, not sent");
    }
    auto answer = std::move(answers.front());
    answers.pop_front();
    co_return answer;
  }

  /// Queues a response with `status` and `body` (and headers).
  void Answer(unsigned status, std::string body,
              std::vector<std::pair<std::string, std::string>> headers = {}) {
    answers.push_back(transport::Response{status, std::move(headers), std::move(body)});
  }
  void Fail(base::Error error) { answers.push_back(std::move(error)); }

  std::vector<transport::Request> sent;
  std::deque<base::Result<transport::Response>> answers;
};

}  // namespace amanah::testing
