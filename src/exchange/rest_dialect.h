// RestDialect: the small part of a REST adapter that differs per exchange — how a call is signed
// and where the key and signature go (including the allow-list refusal before signing), how the
// exchange reports its limits, and how its error bodies map onto the failure taxonomy. The one
// RestPipeline (rest_pipeline.h) does everything else. Implementations are immutable after
// construction and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/json_reader.h"
#include "base/result.h"
#include "exchange/http_request.h"
#include "transport/http_message.h"

namespace amanah::exchange {

/// One call as an adapter asks for it.
struct RestCall {
  HttpMethod method = HttpMethod::kGet;
  std::string path;
  Params params;
  bool signed_request = false;
  /// Places an order: a lost answer is kOutcomeUnknown, never retried.
  bool places_order = false;
  /// The parameters already encoded (the order path builds them without a list); used instead
  /// of `params` when not empty.
  std::string encoded{};
};

/// What the exchange said about its limits in one response.
struct LimitReport {
  int64_t used_weight = -1;  ///< -1: not reported
  int64_t order_count = -1;  ///< -1: not reported
};

class RestDialect {
 public:
  virtual ~RestDialect() = default;
  /// "Binance": prefixes messages.
  virtual std::string_view name() const = 0;
  /// The request for `call`. For signed calls the allow-list is checked first (kPermissionDenied,
  /// nothing signed); `timestamp_ms` is our clock plus the server-time offset.
  virtual base::Result<HttpRequest> Build(const RestCall& call, int64_t timestamp_ms) const = 0;
  /// Reads the limit headers of any response.
  virtual LimitReport ReadLimits(const transport::Response& response) const = 0;
  /// The body of a successful response, or the exchange's error classified (failure.h), keeping
  /// its code and text. `now_ms` dates a Retry-After.
  virtual base::Result<base::JsonDocument> Interpret(const transport::Response& response,
                                                     const RestCall& call,
                                                     int64_t now_ms) const = 0;
  /// The public call that answers the server time, and how to read it.
  virtual RestCall TimeCall() const = 0;
  virtual base::Result<int64_t> ReadServerTime(const base::JsonView& body) const = 0;
};

}  // namespace amanah::exchange
