#include "exchange/okx/okx_dialect.h"

#include <charconv>

#include <boost/json/object.hpp>

#include "exchange/failure.h"
#include "exchange/json_call.h"

namespace amanah::exchange::okx {

using base::Error;
using base::ErrorCode;
using base::JsonView;
using base::Result;

namespace {

// OKX writes its codes as strings ("50113"); 0 when absent or not a number.
int64_t CodeOf(std::optional<std::string> text) {
  if (!text || text->empty()) return 0;
  int64_t out = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), out);
  return ec == std::errc() && end == text->data() + text->size() ? out : 0;
}

}  // namespace

Error MapOkxError(unsigned status, int64_t code, std::string msg, std::string_view what,
                  bool is_order, int64_t retry_at_ms) {
  const std::string exchange_code =
      code != 0 ? std::to_string(code) : "HTTP " + std::to_string(status);
  const FailureWriter e(what, exchange_code, msg, is_order, retry_at_ms);
  switch (code) {
    case 50111:
    case 50101:
      return e(ErrorCode::kUnauthenticated, Failure::kKeyInvalid,
               "the API key is invalid: deleted, mistyped, or of another environment (live or "
               "demo trading)");
    case 50113:
      return e(ErrorCode::kUnauthenticated, Failure::kSignatureRejected,
               "the signature was refused: wrong secret key");
    case 50105:
      return e(ErrorCode::kUnauthenticated, Failure::kSignatureRejected,
               "the passphrase was refused: it is the one chosen when the key was created");
    case 50102:
    case 50112:
      return e(ErrorCode::kFailedPrecondition, Failure::kClockSkew,
               "our clock and the exchange's disagree (clock skew), or the timestamp is malformed");
    case 50110:
      return e(ErrorCode::kPermissionDenied, Failure::kIpNotWhitelisted,
               "our IP address is not on the key's IP whitelist");
    case 50120:
    case 50030:
      return e(ErrorCode::kPermissionDenied, Failure::kPermissionMissing,
               "the key lacks the permission this call needs");
    case 50035:
      return e(ErrorCode::kPermissionDenied, Failure::kPermissionMissing,
               "this call needs a key bound to IP addresses");
    case 50011:
    case 50061:
      return e(ErrorCode::kRateLimited, Failure::kRateLimited, "the rate limit was reached");
    case 50013:
      return e.UnknownOr("the exchange is busy");
    case 50001:
      return e.UnknownOr("the exchange is temporarily unavailable");
    case 50026:
      return e.UnknownOr("the exchange failed");
    case 50004:
      return e.UnknownOr("the exchange timed out");
    case 51603:
    case 51400:
      return e(ErrorCode::kNotFound, Failure::kNotFound,
               code == 51400 ? "no open order to cancel (filled, cancelled or unknown)"
                             : "no such order");
    case 51008:
    case 51131:
      return e(ErrorCode::kFailedPrecondition, Failure::kOrderRejected,
               "the balance is insufficient for the order");
    case 51020:
    case 51121:
    case 51005:
    case 51006:
    case 51137:
    case 51138:
      return e(ErrorCode::kInvalidArgument, Failure::kOrderRejected,
               "the order breaks a symbol rule (size, lot, price or amount)");
    case 51016:
      return e(ErrorCode::kAlreadyExists, Failure::kOrderRejected,
               "an open order with this client order id exists");
    default:
      break;
  }
  if (status == 401) {
    return e(ErrorCode::kUnauthenticated, Failure::kKeyInvalid,
             "the request was not authenticated");
  }
  if (status == 403) {
    return e(ErrorCode::kPermissionDenied, Failure::kPermissionMissing,
             "the exchange refused the request");
  }
  if (status == 429) return e(ErrorCode::kRateLimited, Failure::kRateLimited, "too many requests");
  if (status >= 500)
    return e.UnknownOr("the exchange failed (HTTP " + std::to_string(status) + ")");
  return e(ErrorCode::kInvalidArgument, is_order ? Failure::kOrderRejected : Failure::kBadRequest,
           is_order ? "the order was rejected" : "the request was refused");
}

Result<HttpRequest> OkxDialect::Build(const RestCall& call, int64_t timestamp_ms) const {
  return BuildJsonCall(
      "OKX v5", call,
      [](const std::string& path, const Params& q) { return OkxSigner::Public(path, q); },
      [&](const std::string& path, const Params& q) {
        return signer_.SignGet(path, q, timestamp_ms);
      },
      [&](const std::string& path, const boost::json::object& body) {
        return signer_.SignPost(path, body, timestamp_ms);
      });
}

LimitReport OkxDialect::ReadLimits(const transport::Response&) const { return LimitReport{}; }

Result<base::JsonDocument> OkxDialect::Interpret(const transport::Response& response,
                                                 const RestCall& call, int64_t now_ms) const {
  const std::string call_name = std::string(MethodName(call.method)) + " " + call.path;
  const std::string what = "OKX " + call_name;
  auto parsed = base::JsonDocument::Parse(response.body, {what, ErrorCode::kDataLoss});
  int64_t code = 0;
  std::string msg;
  if (parsed && parsed->value().is_object()) {
    const JsonView root = parsed->Root();
    AMANAH_ASSIGN_OR_RETURN(auto code_text, root.OptionalString("code"));
    if (response.status == 200 && !code_text) {
      AMANAH_TRY(root.String("code"));  // names the missing field
    }
    code = CodeOf(code_text);
    if (auto m = root.OptionalString("msg"); m && *m) msg = **m;
    // An order's own answer: data[0].sCode/sMsg, under code "0" (accepted or not) or "1"/"2".
    int64_t item_code = 0;
    std::string item_msg;
    if (auto data = root.OptionalField("data"); data && *data && (*data)->IsArray()) {
      auto items = (*data)->AsArray();
      if (items && !items->empty() && (*items)[0].IsObject()) {
        if (auto s = (*items)[0].OptionalString("sCode"); s && *s) item_code = CodeOf(**s);
        if (auto s = (*items)[0].OptionalString("sMsg"); s && *s) item_msg = **s;
      }
    }
    if (response.status == 200 && code == 0 && item_code == 0) {
      if (code_text && *code_text == "0") return std::move(*parsed);
    }
    if (item_code != 0) {
      code = item_code;
      msg = item_msg;
    }
  } else if (response.status == 200) {
    return Error(ErrorCode::kDataLoss, what + ": OKX sent a body that is not a JSON object");
  } else {
    msg = response.body.substr(0, 200);
  }
  int64_t retry_at = 0;
  std::string wait;
  if (code == 50011 || code == 50061 || response.status == 429) {
    // OKX's windows are 2 s long and it says nothing of when this one ends.
    retry_at = now_ms + 2000;
    wait = "; sending resumes at " + std::to_string(retry_at) + " ms";
  }
  Error error =
      MapOkxError(response.status, code, std::move(msg), call_name, call.places_order, retry_at);
  if (wait.empty()) return error;
  return Error(error.code(), error.message() + wait, *error.exchange());
}

RestCall OkxDialect::TimeCall() const {
  return RestCall{HttpMethod::kGet, "/api/v5/public/time", {}, false, false};
}

Result<int64_t> OkxDialect::ReadServerTime(const JsonView& body) const {
  AMANAH_ASSIGN_OR_RETURN(auto data, body.Array("data"));
  if (data.empty()) {
    AMANAH_ASSIGN_OR_RETURN(JsonView field, body.Field("data"));
    return field.Problem("is empty");
  }
  AMANAH_ASSIGN_OR_RETURN(std::string ts, data[0].String("ts"));
  int64_t ms = 0;
  auto [end, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), ms);
  if (ec != std::errc() || end != ts.data() + ts.size() || ms <= 0) {
    AMANAH_ASSIGN_OR_RETURN(JsonView field, data[0].Field("ts"));
    return field.Problem("is not a positive count of milliseconds");
  }
  return ms;
}

}  // namespace amanah::exchange::okx
