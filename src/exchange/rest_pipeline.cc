#include "exchange/rest_pipeline.h"

namespace amanah::exchange {

namespace net = boost::asio;
using base::Error;
using base::JsonDocument;
using base::Result;

RestPipeline::RestPipeline(std::shared_ptr<transport::HttpSender> sender,
                           std::unique_ptr<RestDialect> dialect, const base::Clock& clock,
                           std::shared_ptr<RateState> rate)
    : sender_(std::move(sender)),
      dialect_(std::move(dialect)),
      clock_(clock),
      rate_(std::move(rate)) {}

net::awaitable<Result<JsonDocument>> RestPipeline::Call(RestCall call) {
  for (int attempt = 0;; ++attempt) {
    const int64_t now = base::UnixMillis(clock_.Now());
    if (auto refused = rate_->Refuse(now, dialect_->name())) {
      rate_->CountCall("held");
      co_return *refused;
    }
    auto request = dialect_->Build(call, now + offset_ms_.load());
    if (!request) co_return request.error();
    transport::Request out{std::string(MethodName(request->method)),
                           request->path + (request->query.empty() ? "" : "?" + request->query),
                           request->headers, request->body};
    auto response = co_await sender_->Send(std::move(out));
    if (!response) {
      rate_->CountCall(FailureName(FailureOf(response.error())));
      co_return response.error();
    }
    rate_->RecordWeight(dialect_->ReadLimits(*response).used_weight, now);
    auto body = dialect_->Interpret(*response, call, now);
    if (body) {
      rate_->CountCall("ok");
      co_return std::move(body);
    }
    const Error& error = body.error();
    const Failure failure = FailureOf(error);
    rate_->CountCall(FailureName(failure));
    if ((failure == Failure::kRateLimited || failure == Failure::kBanned) && error.exchange()) {
      rate_->Hold(failure, error.exchange()->retry_at_ms);
    }
    if (failure == Failure::kClockSkew && call.signed_request && attempt == 0) {
      auto synced = co_await SyncTime();
      if (!synced) co_return synced.error();
      continue;
    }
    co_return std::move(body);
  }
}

net::awaitable<Result<int64_t>> RestPipeline::SyncTime() {
  const int64_t before = base::UnixMillis(clock_.Now());
  auto body = co_await Call(dialect_->TimeCall());
  if (!body) co_return body.error();
  const int64_t after = base::UnixMillis(clock_.Now());
  auto server = dialect_->ReadServerTime(body->Root());
  if (!server) co_return server.error();
  const int64_t offset = *server - (before + after) / 2;
  offset_ms_.store(offset);
  co_return offset;
}

}  // namespace amanah::exchange
