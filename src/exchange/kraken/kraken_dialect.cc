#include "exchange/kraken/kraken_dialect.h"

#include "exchange/failure.h"

namespace amanah::exchange::kraken {

using base::Error;
using base::ErrorCode;
using base::JsonView;
using base::Result;

Error MapKrakenError(unsigned status, const std::string& error, std::string_view what,
                     bool is_order, int64_t retry_at_ms) {
  const std::string exchange_code =
      error.empty() ? "HTTP " + std::to_string(status) : error.substr(0, error.find(':'));
  const FailureWriter e(what, exchange_code, error, is_order, retry_at_ms);
  const auto is = [&](std::string_view s) { return error == s; };
  const auto starts = [&](std::string_view s) { return error.starts_with(s); };
  if (is("EAPI:Invalid key")) {
    return e(ErrorCode::kUnauthenticated, Failure::kKeyInvalid,
             "the API key is invalid: deleted, mistyped, or never created");
  }
  if (is("EAPI:Invalid signature")) {
    return e(ErrorCode::kUnauthenticated, Failure::kSignatureRejected,
             "the signature was refused: wrong private key");
  }
  if (is("EAPI:Invalid nonce")) {
    return e(ErrorCode::kFailedPrecondition, Failure::kClockSkew,
             "the nonce was refused: it was not above the last one the key used (another "
             "program signs with this key, with larger nonces)");
  }
  if (is("EGeneral:Permission denied") || is("EAPI:Permission denied")) {
    return e(ErrorCode::kPermissionDenied, Failure::kPermissionMissing,
             "the key lacks the permission this call needs (or our IP address is not on its "
             "allow-list)");
  }
  if (is("EGeneral:Temporary lockout")) {
    return e(ErrorCode::kRateLimited, Failure::kBanned,
             "the key is locked out for a while after repeated invalid-key errors");
  }
  if (is("EAPI:Rate limit exceeded") || is("EOrder:Rate limit exceeded") ||
      is("EOrder:Domain rate limit exceeded") || starts("EService:Throttled")) {
    return e(ErrorCode::kRateLimited, Failure::kRateLimited, "the rate limit was reached");
  }
  if (is("EService:Unavailable") || starts("EService:Market in cancel_only mode") ||
      starts("EService:Market in post_only mode")) {
    return e(ErrorCode::kUnavailable, Failure::kMaintenance,
             "the exchange or the market is in maintenance or a reduced mode");
  }
  if (is("EService:Busy") || is("EService:Internal error")) {
    return e.UnknownOr("the exchange is busy or failed");
  }
  if (is("EService:Deadline elapsed")) {
    return e(ErrorCode::kUnavailable, Failure::kExchangeFault,
             "the request's deadline passed before the exchange handled it");
  }
  if (is("EOrder:Unknown order") || is("EOrder:Invalid order") || is("EQuery:Unknown order")) {
    return e(ErrorCode::kNotFound, Failure::kNotFound, "no such order (or no longer open)");
  }
  if (is("EQuery:Unknown asset pair")) {
    return e(ErrorCode::kInvalidArgument, Failure::kBadRequest, "no such asset pair");
  }
  if (is("EOrder:Insufficient funds")) {
    return e(ErrorCode::kFailedPrecondition, Failure::kOrderRejected,
             "the balance is insufficient for the order");
  }
  if (is("EOrder:Order minimum not met") || is("EOrder:Cost minimum not met") ||
      starts("EOrder:Invalid price") || starts("EOrder:Tick size") ||
      starts("EGeneral:Invalid arguments:volume") || starts("EGeneral:Invalid arguments:price")) {
    return e(ErrorCode::kInvalidArgument, Failure::kOrderRejected,
             "the order breaks a pair rule (size, cost or price)");
  }
  if (is("EOrder:Orders limit exceeded")) {
    return e(ErrorCode::kFailedPrecondition, Failure::kOrderRejected,
             "the pair's limit of open orders is reached");
  }
  if (starts("EOrder:")) {
    return e(ErrorCode::kFailedPrecondition, Failure::kOrderRejected, "the order was rejected");
  }
  if (starts("EGeneral:Invalid arguments")) {
    return e(ErrorCode::kInvalidArgument, is_order ? Failure::kOrderRejected : Failure::kBadRequest,
             "the exchange found the request malformed");
  }
  if (status == 429) return e(ErrorCode::kRateLimited, Failure::kRateLimited, "too many requests");
  if (status >= 500)
    return e.UnknownOr("the exchange failed (HTTP " + std::to_string(status) + ")");
  if (status == 401 || status == 403) {
    return e(ErrorCode::kPermissionDenied, Failure::kKeyRefused, "the exchange refused the key");
  }
  return e(ErrorCode::kInvalidArgument, is_order ? Failure::kOrderRejected : Failure::kBadRequest,
           is_order ? "the order was rejected" : "the request was refused");
}

Result<HttpRequest> KrakenDialect::Build(const RestCall& call, int64_t timestamp_ms) const {
  if (!call.signed_request) {
    if (call.method != HttpMethod::kGet) {
      return Error(ErrorCode::kPermissionDenied, "Kraken's public calls are GETs");
    }
    return KrakenSigner::Public(call.path, call.params);
  }
  if (call.method != HttpMethod::kPost) {
    return Error(ErrorCode::kPermissionDenied, "Kraken's private calls are POSTs");
  }
  int64_t nonce = timestamp_ms;
  if (turn_ != nullptr) {
    AMANAH_ASSIGN_OR_RETURN(nonce, turn_->Next(timestamp_ms));
  }
  return signer_.SignPost(call.path, call.params, nonce);
}

LimitReport KrakenDialect::ReadLimits(const transport::Response&) const { return LimitReport{}; }

Result<base::JsonDocument> KrakenDialect::Interpret(const transport::Response& response,
                                                    const RestCall& call, int64_t now_ms) const {
  const std::string call_name = std::string(MethodName(call.method)) + " " + call.path;
  const std::string what = "Kraken " + call_name;
  auto parsed = base::JsonDocument::Parse(response.body, {what, ErrorCode::kDataLoss});
  std::string first;
  if (parsed && parsed->value().is_object()) {
    const JsonView root = parsed->Root();
    AMANAH_ASSIGN_OR_RETURN(auto errors, root.OptionalField("error"));
    if (response.status == 200 && !errors) AMANAH_TRY(root.Field("error"));  // names it
    if (errors) {
      AMANAH_ASSIGN_OR_RETURN(auto list, errors->AsArray());
      // Warnings ("W…") do not fail a call; the first error ("E…") does.
      for (const JsonView& item : list) {
        AMANAH_ASSIGN_OR_RETURN(std::string text, item.AsString());
        if (!text.starts_with("W")) {
          first = text.substr(0, 200);
          break;
        }
      }
    }
    if (response.status == 200 && first.empty()) {
      AMANAH_TRY(root.Field("result"));
      return std::move(*parsed);
    }
  } else if (response.status == 200) {
    return Error(ErrorCode::kDataLoss, what + ": Kraken sent a body that is not a JSON object");
  }
  int64_t retry_at = 0;
  if (first == "EAPI:Rate limit exceeded" || first.starts_with("EOrder:Rate limit") ||
      first.starts_with("EOrder:Domain rate limit") || first.starts_with("EService:Throttled") ||
      response.status == 429) {
    // The counter decays by a third to one a second (kraken.md §8): wait for a few units.
    retry_at = now_ms + 3000;
  } else if (first == "EGeneral:Temporary lockout") {
    retry_at = now_ms + 15 * 60 * 1000;
  }
  Error error = MapKrakenError(response.status, first, call_name, call.places_order, retry_at);
  if (retry_at == 0) return error;
  return Error(error.code(),
               error.message() + "; sending resumes at " + std::to_string(retry_at) + " ms",
               *error.exchange());
}

RestCall KrakenDialect::TimeCall() const {
  return RestCall{HttpMethod::kGet, "/0/public/Time", {}, false, false};
}

Result<int64_t> KrakenDialect::ReadServerTime(const JsonView& body) const {
  AMANAH_ASSIGN_OR_RETURN(JsonView result, body.Field("result"));
  AMANAH_ASSIGN_OR_RETURN(int64_t seconds, result.Int("unixtime"));
  if (seconds <= 0) {
    AMANAH_ASSIGN_OR_RETURN(JsonView field, result.Field("unixtime"));
    return field.Problem("is not a positive count of seconds");
  }
  return seconds * 1000;
}

}  // namespace amanah::exchange::kraken
