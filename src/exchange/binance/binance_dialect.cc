#include "exchange/binance/binance_dialect.h"

#include <charconv>

#include "exchange/binance/binance_parse.h"
#include "exchange/failure.h"

namespace amanah::exchange::binance {

using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

int64_t HeaderInt(const transport::Response& r, std::string_view name, int64_t fallback) {
  auto v = r.Header(name);
  if (!v) return fallback;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size() || out < 0) return fallback;
  return out;
}

}  // namespace

Error MapBinanceError(unsigned status, int code, std::string msg, std::string_view what,
                      bool is_order, int64_t retry_at_ms) {
  std::string exchange_code = code != 0 ? std::to_string(code) : "HTTP " + std::to_string(status);
  const FailureWriter e(what, exchange_code, msg, is_order, retry_at_ms);
  switch (code) {
    case -2014:
      return e(ErrorCode::kUnauthenticated, Failure::kKeyInvalid, "the API key is malformed");
    case -2015:
      return e(ErrorCode::kPermissionDenied, Failure::kKeyRefused,
               "the key was refused: invalid or deleted key, our IP not on its whitelist, or a "
               "permission missing");
    case -1022:
      return e(ErrorCode::kUnauthenticated, Failure::kSignatureRejected,
               "the signature was refused: wrong secret or private key");
    case -1021:
      return e(ErrorCode::kFailedPrecondition, Failure::kClockSkew,
               "our clock and the exchange's disagree beyond recvWindow (clock skew)");
    case -1003:
      return status == 418 ? e(ErrorCode::kRateLimited, Failure::kBanned,
                               "this IP is banned for exceeding the request weight")
                           : e(ErrorCode::kRateLimited, Failure::kRateLimited,
                               "request weight limit reached");
    case -1015:
      return e(ErrorCode::kRateLimited, Failure::kRateLimited, "order rate limit reached");
    case -1016:
      return e(ErrorCode::kUnavailable, Failure::kMaintenance,
               "the exchange is in maintenance or shutting this service down");
    case -1006:
    case -1007:
      return is_order
                 ? e(ErrorCode::kOutcomeUnknown, Failure::kOutcomeUnknown,
                     "execution status unknown: query the order by its client id, do not "
                     "resend")
                 : e(ErrorCode::kUnavailable, Failure::kExchangeFault, "the exchange timed out");
    case -2013:
      return e(ErrorCode::kNotFound, Failure::kNotFound, "no such order");
    case -2011:
      return e(ErrorCode::kNotFound, Failure::kNotFound,
               "the order was not canceled (unknown or no longer open)");
    case -1121:
      return e(ErrorCode::kInvalidArgument, Failure::kBadRequest, "unknown symbol");
    case -1013:
      return e(ErrorCode::kInvalidArgument, Failure::kOrderRejected,
               "the order breaks a symbol filter");
    case -2010:
      return e(ErrorCode::kFailedPrecondition, Failure::kOrderRejected, "the order was rejected");
    default:
      break;
  }
  if (status == 418) return e(ErrorCode::kRateLimited, Failure::kBanned, "banned");
  if (status == 429) return e(ErrorCode::kRateLimited, Failure::kRateLimited, "rate limited");
  if (status >= 500) {
    return is_order ? e(ErrorCode::kOutcomeUnknown, Failure::kOutcomeUnknown,
                        "the exchange failed (HTTP " + std::to_string(status) + ")")
                    : e(ErrorCode::kUnavailable, Failure::kExchangeFault,
                        "the exchange failed (HTTP " + std::to_string(status) + ")");
  }
  return e(ErrorCode::kInvalidArgument, Failure::kBadRequest, "the request was refused");
}

Result<HttpRequest> BinanceDialect::Build(const RestCall& call, int64_t timestamp_ms) const {
  if (!call.signed_request) return RequestSigner::Public(call.method, call.path, call.params);
  if (!call.encoded.empty()) {
    return signer_.SignEncoded(call.method, call.path, call.encoded, timestamp_ms, recv_window_ms_);
  }
  return signer_.Sign(call.method, call.path, call.params, timestamp_ms, recv_window_ms_);
}

LimitReport BinanceDialect::ReadLimits(const transport::Response& r) const {
  return LimitReport{HeaderInt(r, "x-mbx-used-weight-1m", -1),
                     HeaderInt(r, "x-mbx-order-count-10s", -1)};
}

Result<base::JsonDocument> BinanceDialect::Interpret(const transport::Response& response,
                                                     const RestCall& call, int64_t now_ms) const {
  const std::string what = "Binance " + std::string(MethodName(call.method)) + " " + call.path;
  auto parsed = base::JsonDocument::Parse(response.body, {what, ErrorCode::kDataLoss});
  if (response.status == 200) {
    if (!parsed)
      return Error(ErrorCode::kDataLoss, what + ": Binance sent a body that is not JSON");
    return std::move(*parsed);
  }
  int code = 0;
  std::string msg;
  if (parsed && parsed->value().is_object()) {
    const auto root = parsed->Root();
    if (auto c = root.OptionalInt("code"); c && *c && **c >= INT32_MIN && **c <= INT32_MAX) {
      code = static_cast<int>(**c);
    }
    if (auto m = root.OptionalString("msg"); m && *m) msg = **m;
  }
  int64_t retry_at = 0;
  std::string wait;
  if (response.status == 418 || response.status == 429) {
    const int64_t wait_s = std::max<int64_t>(1, HeaderInt(response, "retry-after", 60));
    retry_at = now_ms + wait_s * 1000;
    wait = "; wait " + std::to_string(wait_s) + " s before trying again";
  }
  Error error = MapBinanceError(response.status, code, std::move(msg),
                                std::string(MethodName(call.method)) + " " + call.path,
                                call.places_order, retry_at);
  if (wait.empty()) return error;
  return Error(error.code(), error.message() + wait, *error.exchange());
}

RestCall BinanceDialect::TimeCall() const {
  return RestCall{HttpMethod::kGet, "/api/v3/time", {}, false, false};
}

Result<int64_t> BinanceDialect::ReadServerTime(const base::JsonView& body) const {
  return ParseServerTime(body);
}

}  // namespace amanah::exchange::binance
