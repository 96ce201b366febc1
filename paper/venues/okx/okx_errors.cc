// OKX's envelope and its documented errors on the paper exchange (okx.md §7): codes are written
// as strings, every error has its fixed HTTP status.
#include <boost/json.hpp>

#include "venues/okx/okx_request.h"

namespace amanah::paper::okx {

namespace json = boost::json;

HttpResponse Envelope(const OkxReply& reply, int64_t now_ms) {
  HttpResponse r;
  json::object out;
  if (reply) {
    out = json::object{
        {"code", std::to_string(reply->code)}, {"data", reply->data}, {"msg", reply->msg}};
    if (reply->order_times) {
      out["inTime"] = std::to_string(now_ms) + "000";
      out["outTime"] = std::to_string(now_ms) + "000";
    }
  } else {
    const OkxError& e = reply.error();
    r.status = e.http;
    out =
        json::object{{"code", std::to_string(e.code)}, {"data", json::array{}}, {"msg", e.message}};
  }
  r.body = json::serialize(out);
  return r;
}

OkxError EmptyHeader(std::string_view header, int64_t code) {
  return {code, "Request header \"" + std::string(header) + "\" can not be empty.", 401};
}
OkxError InvalidKey() { return {50111, "Invalid OK-ACCESS-KEY.", 401}; }
OkxError BadPassphrase() {
  return {50105, "Request header \"OK-ACCESS-PASSPHRASE\" incorrect.", 401};
}
OkxError TimestampExpired() { return {50102, "Timestamp request expired.", 401}; }
OkxError InvalidTimestamp() { return {50112, "Invalid OK-ACCESS-TIMESTAMP.", 401}; }
OkxError BadSignature() { return {50113, "Invalid signature.", 401}; }
OkxError IpNotAllowed(std::string_view ip) {
  return {50110,
          "Your IP " + std::string(ip.substr(0, 64)) +
              " is not included in your API key's IP whitelist.",
          401};
}
OkxError NoPermission() {
  return {50120, "This API key doesn't have permission to use this function"};
}
OkxError TooManyRequests() { return {50011, "Too Many Requests", 429}; }
OkxError Unavailable() {
  return {50001, "Service temporarily unavailable. Please try again later.", 503};
}
OkxError SystemError() { return {50026, "System error. Try again later", 500}; }
OkxError ParamError(std::string_view name) {
  return {51000, "Parameter " + std::string(name.substr(0, 40)) + " error"};
}
OkxError ParamMissing(std::string_view name) {
  return {50014, "Parameter " + std::string(name.substr(0, 40)) + " can not be empty.", 400};
}
OkxError NotFoundPath() { return {404, "Not Found", 404}; }
OkxError BodyError() { return {50002, "JSON syntax error", 400}; }

}  // namespace amanah::paper::okx
