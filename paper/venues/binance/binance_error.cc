#include "venues/binance/binance_error.h"

#include <boost/json.hpp>

namespace amanah::paper::binance {

HttpResponse BinanceError::ToResponse() const {
  boost::json::object body;
  body["code"] = code;
  body["msg"] = msg;
  HttpResponse response;
  response.status = http_status;
  response.body = boost::json::serialize(body);
  return response;
}

namespace {
BinanceError E(int code, std::string msg, unsigned status = 400) {
  return BinanceError{status, code, std::move(msg)};
}
}  // namespace

BinanceError UnknownError() {
  return E(-1000, "An unknown error occurred while processing the request.", 500);
}
BinanceError Unauthorized() {
  return E(-1002, "You are not authorized to execute this request.", 401);
}
BinanceError TooMuchWeight(int64_t limit) {
  return E(-1003,
           "Too much request weight used; current limit is " + std::to_string(limit) +
               " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to "
               "avoid polling the API.",
           429);
}
BinanceError IpBanned(int64_t until_ms) {
  return E(-1003,
           "Way too much request weight used; IP banned until " + std::to_string(until_ms) +
               ". Please use WebSocket Streams for live updates to avoid bans.",
           418);
}
BinanceError UnexpectedResponse() {
  return E(-1006,
           "An unexpected response was received from the message bus. Execution status unknown.",
           500);
}
BinanceError Timeout() {
  return E(-1007,
           "Timeout waiting for response from backend server. Send status unknown; execution "
           "status unknown.",
           503);
}
BinanceError TooManyOrders(int64_t limit, std::string_view interval) {
  return E(-1015,
           "Too many new orders; current limit is " + std::to_string(limit) + " orders per " +
               std::string(interval) + ".",
           429);
}
BinanceError ServiceShuttingDown() { return E(-1016, "This service is no longer available.", 503); }
BinanceError InvalidTimestampAhead() {
  return E(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
}
BinanceError InvalidTimestampWindow() {
  return E(-1021, "Timestamp for this request is outside of the recvWindow.");
}
BinanceError InvalidSignature() { return E(-1022, "Signature for this request is not valid."); }
BinanceError IllegalChars(std::string_view param, std::string_view legal) {
  return E(-1100, "Illegal characters found in parameter '" + std::string(param) +
                      "'; legal range is '" + std::string(legal) + "'.");
}
BinanceError DuplicateParam() { return E(-1101, "Duplicate values for a parameter detected."); }
BinanceError EitherParam(std::string_view one, std::string_view other) {
  return E(-1102, "Param '" + std::string(one) + "' or '" + std::string(other) +
                      "' must be sent, but both were empty/null!");
}
BinanceError MandatoryParam(std::string_view param) {
  return E(-1102, "Mandatory parameter '" + std::string(param) +
                      "' was not sent, was empty/null, or malformed.");
}
BinanceError NotRequired(std::string_view param) {
  return E(-1106, "Parameter '" + std::string(param) + "' sent when not required.");
}
BinanceError InvalidTif() { return E(-1115, "Invalid timeInForce."); }
BinanceError InvalidOrderType() { return E(-1116, "Invalid orderType."); }
BinanceError InvalidSide() { return E(-1117, "Invalid side."); }
BinanceError InvalidInterval() { return E(-1120, "Invalid interval."); }
BinanceError BadSymbol() { return E(-1121, "Invalid symbol."); }
BinanceError InvalidCombination() {
  return E(-1128, "Combination of optional parameters invalid.");
}
BinanceError LookupIntervalTooBig() {
  return E(-1127, "More than 24 hours between startTime and endTime.");
}
BinanceError InvalidParam(std::string_view param) {
  return E(-1130, "Data sent for parameter '" + std::string(param) + "' is not valid.");
}
BinanceError BadRecvWindow() { return E(-1131, "recvWindow must be less than 60000"); }
BinanceError FilterFailure(std::string_view filter) {
  return E(-1013, "Filter failure: " + std::string(filter));
}
BinanceError NewOrderRejected(std::string_view msg) { return E(-2010, std::string(msg)); }
BinanceError CancelRejected() { return E(-2011, "Unknown order sent."); }
BinanceError NoSuchOrder() { return E(-2013, "Order does not exist."); }
BinanceError BadApiKeyFormat() { return E(-2014, "API-key format invalid.", 401); }
BinanceError RejectedMbxKey() {
  return E(-2015, "Invalid API-key, IP, or permissions for action.", 401);
}
BinanceError Unsupported() { return E(-1020, "This operation is not supported."); }
BinanceError InvalidJson() { return E(-1135, "Invalid JSON Request"); }
BinanceError SubscriptionActive() {
  return E(-2035, "User Data Stream subscription already active.");
}
BinanceError SubscriptionInactive() {
  return E(-2036, "User Data Stream subscription not active.");
}
BinanceError NotFound() { return E(-1000, "Unknown path.", 404); }

}  // namespace amanah::paper::binance
