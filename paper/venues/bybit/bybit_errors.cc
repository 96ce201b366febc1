// Bybit's envelope and its documented errors on the paper exchange (bybit.md §7, error.mdx).
#include <boost/json.hpp>

#include "venues/bybit/bybit_request.h"

namespace amanah::paper::bybit {

namespace json = boost::json;

HttpResponse Envelope(const BybitReply& reply, int64_t now_ms) {
  HttpResponse r;
  json::object out;
  if (reply) {
    out = json::object{{"retCode", 0},
                       {"retMsg", "OK"},
                       {"result", *reply},
                       {"retExtInfo", json::object{}},
                       {"time", now_ms}};
  } else {
    const BybitError& e = reply.error();
    r.status = e.http;
    out = json::object{{"retCode", e.code},
                       {"retMsg", e.message},
                       {"result", json::object{}},
                       {"retExtInfo", json::object{}},
                       {"time", now_ms}};
  }
  r.body = json::serialize(out);
  return r;
}

BybitError InvalidApiKey() {
  return {10003,
          "API key is invalid. Check whether the key and domain are matched, there are 4 env: "
          "mainnet, testnet, mainnet-demo, testnet-demo"};
}
BybitError BadSignature() {
  return {10004, "Error sign, please check your signature generation algorithm."};
}
BybitError PermissionDenied() {
  return {10005, "Permission denied, please check your API key permissions."};
}
BybitError TooManyVisits() { return {10006, "Too many visits. Exceeded the API Rate Limit."}; }
BybitError UnmatchedIp() {
  return {10010, "Unmatched IP, please check your API key's bound IP addresses."};
}
BybitError TimeWindow() { return {10002, "The request time exceeds the time window range."}; }
BybitError ParamError(std::string detail) {
  return {10001, "Request parameter error: " + std::move(detail)};
}
BybitError ServerTimeout() { return {10000, "Server Timeout"}; }
BybitError ServerError() { return {10016, "Server error.", 500}; }
BybitError NotFoundPath() { return {10001, "Not Found", 404}; }
BybitError IpRateLimited() { return {10001, "access too frequent", 403}; }

}  // namespace amanah::paper::bybit
