// RestPipeline: the one REST pipeline every exchange adapter runs its calls through (ccxt's fetch2
// → sign → fetch → handleErrors, written once): refuse to send while the origin is banned or
// backing off → build and sign with the dialect (allow-list first) at our clock plus the
// server-time offset → send → record the used weight → interpret the body or classify the error →
// on a 429 or 418 hold the whole origin until Retry-After → on clock skew re-sync the offset and
// send once more (the exchange refused the first request for its timestamp, so it did nothing).
// Orders are never resent otherwise: a lost answer stays kOutcomeUnknown. Calls on one pipeline
// must not overlap (one connection at a time); pipelines share the sender and the RateState of
// their origin.
#pragma once

#include <atomic>
#include <memory>

#include <boost/asio/awaitable.hpp>

#include "base/clock.h"
#include "base/json_reader.h"
#include "exchange/rate_state.h"
#include "exchange/rest_dialect.h"
#include "transport/http_sender.h"

namespace amanah::exchange {

class RestPipeline {
 public:
  RestPipeline(std::shared_ptr<transport::HttpSender> sender, std::unique_ptr<RestDialect> dialect,
               const base::Clock& clock, std::shared_ptr<RateState> rate);

  /// Runs `call`; the parsed body on success.
  boost::asio::awaitable<base::Result<base::JsonDocument>> Call(RestCall call);
  /// Measures the server-time offset (half the round trip is assumed each way).
  boost::asio::awaitable<base::Result<int64_t>> SyncTime();

  /// The request `call` would send at `timestamp_ms`, without sending it (oracle tests, dry runs).
  base::Result<HttpRequest> Build(const RestCall& call, int64_t timestamp_ms) const {
    return dialect_->Build(call, timestamp_ms);
  }
  int64_t time_offset_ms() const { return offset_ms_.load(); }
  const RestDialect& dialect() const { return *dialect_; }
  const RateState& rate() const { return *rate_; }
  RateState& rate() { return *rate_; }
  const base::Clock& clock() const { return clock_; }

 private:
  std::shared_ptr<transport::HttpSender> sender_;
  std::unique_ptr<RestDialect> dialect_;
  const base::Clock& clock_;
  std::shared_ptr<RateState> rate_;
  std::atomic<int64_t> offset_ms_{0};
};

}  // namespace amanah::exchange
