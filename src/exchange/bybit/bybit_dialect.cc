#include "exchange/bybit/bybit_dialect.h"

#include <charconv>

#include <boost/json/object.hpp>

#include "exchange/failure.h"
#include "exchange/json_call.h"

namespace amanah::exchange::bybit {

using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

int64_t HeaderMs(const transport::Response& r, std::string_view name) {
  auto v = r.Header(name);
  if (!v) return 0;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || end != v->data() + v->size() || out < 0) return 0;
  return out;
}

}  // namespace

Error MapBybitError(unsigned status, int64_t code, std::string msg, std::string_view what,
                    bool is_order, int64_t retry_at_ms) {
  std::string exchange_code = code != 0 ? std::to_string(code) : "HTTP " + std::to_string(status);
  const FailureWriter e(what, exchange_code, msg, is_order, retry_at_ms);
  switch (code) {
    case 10003:
      return e(ErrorCode::kUnauthenticated, Failure::kKeyInvalid,
               "the API key is invalid: deleted, mistyped, or of another environment (mainnet, "
               "testnet, demo)");
    case -2015:
    case 33004:
      return e(ErrorCode::kUnauthenticated, Failure::kKeyInvalid, "the API key has expired");
    case 10004:
      return e(ErrorCode::kUnauthenticated, Failure::kSignatureRejected,
               "the signature was refused: wrong secret or private key");
    case 10010:
      return e(ErrorCode::kPermissionDenied, Failure::kIpNotWhitelisted,
               "our IP address is not bound to the key");
    case 10005:
      return e(ErrorCode::kPermissionDenied, Failure::kPermissionMissing,
               "the key lacks the permission this call needs");
    case 10002:
      return e(ErrorCode::kFailedPrecondition, Failure::kClockSkew,
               "our clock and the exchange's disagree beyond the receive window (clock skew)");
    case 10006:
      return e(ErrorCode::kRateLimited, Failure::kRateLimited, "the API rate limit was reached");
    case 10000:
      return e.UnknownOr("the exchange timed out");
    case 10016:
      return e.UnknownOr("the exchange failed");
    case 170213:
    case 110001:
      return e(ErrorCode::kNotFound, Failure::kNotFound, "no such order");
    case 170121:
      return e(ErrorCode::kInvalidArgument, Failure::kBadRequest, "unknown symbol");
    case 170131:
    case 110004:
    case 110007:
    case 110012:
      return e(ErrorCode::kFailedPrecondition, Failure::kOrderRejected,
               "the balance is insufficient for the order");
    case 170124:
    case 170132:
    case 170133:
    case 170134:
    case 170136:
    case 170137:
    case 170140:
      return e(ErrorCode::kInvalidArgument, Failure::kOrderRejected,
               "the order breaks a symbol rule (quantity, price or value)");
    case 170157:
      return e(ErrorCode::kFailedPrecondition, Failure::kOrderRejected,
               "the pair is not available for API trading");
    case 170141:
    case 110072:
      return e(ErrorCode::kAlreadyExists, Failure::kOrderRejected,
               "an order with this client order id exists");
    case 10001:
      return e(ErrorCode::kInvalidArgument, Failure::kBadRequest, "a parameter was refused");
    default:
      break;
  }
  if (status == 401) {
    return e(ErrorCode::kUnauthenticated, Failure::kKeyInvalid,
             "the request was not authenticated (wrong key, or the headers missing)");
  }
  if (status == 403) {
    // Bybit's 403: the IP rate limit breached (wait at least 10 minutes), or a US address.
    return e(ErrorCode::kRateLimited, Failure::kBanned,
             "the exchange refused this IP address (its rate limit breached, or a restricted "
             "region)");
  }
  if (status == 429) {
    return e(ErrorCode::kRateLimited, Failure::kRateLimited, "system-level frequency protection");
  }
  if (status >= 500)
    return e.UnknownOr("the exchange failed (HTTP " + std::to_string(status) + ")");
  return e(ErrorCode::kInvalidArgument, code != 0 ? Failure::kOrderRejected : Failure::kBadRequest,
           is_order ? "the order was rejected" : "the request was refused");
}

Result<HttpRequest> BybitDialect::Build(const RestCall& call, int64_t timestamp_ms) const {
  return BuildJsonCall(
      "Bybit v5", call,
      [](const std::string& path, const Params& q) { return BybitSigner::Public(path, q); },
      [&](const std::string& path, const Params& q) {
        return signer_.SignGet(path, q, timestamp_ms, recv_window_ms_);
      },
      [&](const std::string& path, const boost::json::object& body) {
        return signer_.SignPost(path, body, timestamp_ms, recv_window_ms_);
      });
}

LimitReport BybitDialect::ReadLimits(const transport::Response&) const { return LimitReport{}; }

Result<base::JsonDocument> BybitDialect::Interpret(const transport::Response& response,
                                                   const RestCall& call, int64_t now_ms) const {
  const std::string call_name = std::string(MethodName(call.method)) + " " + call.path;
  const std::string what = "Bybit " + call_name;
  auto parsed = base::JsonDocument::Parse(response.body, {what, ErrorCode::kDataLoss});
  int64_t code = 0;
  std::string msg;
  if (parsed && parsed->value().is_object()) {
    const auto root = parsed->Root();
    if (response.status == 200) {
      AMANAH_ASSIGN_OR_RETURN(code, root.Int("retCode"));
      if (code == 0) return std::move(*parsed);
    } else if (auto c = root.OptionalInt("retCode"); c && *c) {
      code = **c;
    }
    if (auto m = root.OptionalString("retMsg"); m && *m) msg = **m;
  } else if (response.status == 200) {
    return Error(ErrorCode::kDataLoss, what + ": Bybit sent a body that is not a JSON object");
  } else {
    msg = response.body.substr(0, 200);
  }
  int64_t retry_at = 0;
  std::string wait;
  if (code == 10006 || response.status == 429) {
    // The limit's window ends at X-Bapi-Limit-Reset-Timestamp (ms); else a second from now.
    const int64_t reset = HeaderMs(response, "x-bapi-limit-reset-timestamp");
    retry_at = reset > now_ms ? reset : now_ms + 1000;
    wait = "; sending resumes at " + std::to_string(retry_at) + " ms";
  } else if (response.status == 403) {
    retry_at = now_ms + 10 * 60 * 1000;  // bybit.md §8: wait at least 10 minutes
    wait = "; wait 10 minutes before trying again";
  }
  Error error =
      MapBybitError(response.status, code, std::move(msg), call_name, call.places_order, retry_at);
  if (wait.empty()) return error;
  return Error(error.code(), error.message() + wait, *error.exchange());
}

RestCall BybitDialect::TimeCall() const {
  return RestCall{HttpMethod::kGet, "/v5/market/time", {}, false, false};
}

Result<int64_t> BybitDialect::ReadServerTime(const base::JsonView& body) const {
  AMANAH_ASSIGN_OR_RETURN(base::JsonView result, body.Field("result"));
  AMANAH_ASSIGN_OR_RETURN(std::string nano, result.String("timeNano"));
  int64_t ns = 0;
  auto [end, ec] = std::from_chars(nano.data(), nano.data() + nano.size(), ns);
  if (ec != std::errc() || end != nano.data() + nano.size() || ns <= 0) {
    AMANAH_ASSIGN_OR_RETURN(base::JsonView field, result.Field("timeNano"));
    return field.Problem("is not a positive count of nanoseconds");
  }
  return ns / 1'000'000;
}

}  // namespace amanah::exchange::bybit
