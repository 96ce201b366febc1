#include "api/problem.h"

#include <boost/beast/http/status.hpp>
#include <boost/json.hpp>

namespace amanah::api {

namespace json = boost::json;
using base::ErrorCode;

unsigned StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kOutOfRange:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kAborted:
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kRateLimited:
      return 429;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kOutcomeUnknown:
      return 504;
    default:
      return 500;
  }
}

server::HttpResponse Problem(unsigned status, std::string_view type, std::string_view detail,
                             std::string_view instance) {
  server::HttpResponse out;
  out.status = status;
  out.content_type = "application/problem+json";
  json::object body{
      {"type", "/api/v1/problems/" + std::string(type)},
      {"title", std::string(boost::beast::http::obsolete_reason(
                    static_cast<boost::beast::http::status>(status)))},
      {"status", status},
      {"detail", detail},
      {"instance", instance},
  };
  out.body = json::serialize(body);
  if (status == 401) out.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"amanah\"");
  return out;
}

server::HttpResponse Problem(const base::Error& error, std::string_view instance) {
  return Problem(StatusOf(error.code()), base::ErrorCodeName(error.code()), error.message(),
                 instance);
}

}  // namespace amanah::api
