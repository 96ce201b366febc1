// BinanceError: an error as Binance's spot API returns it — HTTP status, numeric code and message,
// body {"code":-2015,"msg":"..."} — with one factory per documented case so every handler uses the
// documented text (../shared/reference/exchanges/binance.md §7, errors.md). HTTP statuses follow
// Binance's practice: 401 for key failures, 429/418 for limits, 5xx for unknown execution status,
// 400 otherwise.
#pragma once

#include <string>
#include <string_view>

#include "http/http_server.h"

namespace amanah::paper::binance {

struct BinanceError {
  BinanceError() = default;
  BinanceError(unsigned status, int error_code, std::string message)
      : http_status(status), code(error_code), msg(std::move(message)) {}

  unsigned http_status = 400;
  int code = 0;
  std::string msg;

  HttpResponse ToResponse() const;
};

BinanceError UnknownError();                                                // -1000
BinanceError Unauthorized();                                                // -1002
BinanceError TooMuchWeight(int64_t limit);                                  // -1003, 429
BinanceError IpBanned(int64_t until_ms);                                    // -1003, 418
BinanceError UnexpectedResponse();                                          // -1006, 500
BinanceError Timeout();                                                     // -1007, 503
BinanceError TooManyOrders(int64_t limit, std::string_view interval);       // -1015, 429
BinanceError ServiceShuttingDown();                                         // -1016, 503
BinanceError InvalidTimestampAhead();                                       // -1021
BinanceError InvalidTimestampWindow();                                      // -1021
BinanceError InvalidSignature();                                            // -1022
BinanceError IllegalChars(std::string_view param, std::string_view legal);  // -1100
BinanceError DuplicateParam();                                              // -1101
BinanceError MandatoryParam(std::string_view param);                        // -1102
BinanceError EitherParam(std::string_view one, std::string_view other);     // -1102
BinanceError NotRequired(std::string_view param);                           // -1106
BinanceError InvalidTif();                                                  // -1115
BinanceError InvalidOrderType();                                            // -1116
BinanceError InvalidSide();                                                 // -1117
BinanceError BadSymbol();                                                   // -1121
BinanceError InvalidInterval();                                             // -1120
BinanceError BadRecvWindow();                                               // -1131
BinanceError InvalidCombination();                                          // -1128
BinanceError LookupIntervalTooBig();                                        // -1127
BinanceError InvalidParam(std::string_view param);                          // -1130
BinanceError FilterFailure(std::string_view filter);                        // -1013
BinanceError NewOrderRejected(std::string_view msg);                        // -2010
BinanceError CancelRejected();                                              // -2011
BinanceError NoSuchOrder();                                                 // -2013
BinanceError BadApiKeyFormat();                                             // -2014, 401
BinanceError RejectedMbxKey();                                              // -2015, 401
BinanceError Unsupported();                                                 // -1020
BinanceError InvalidJson();                                                 // -1135
BinanceError SubscriptionActive();                                          // -2035
BinanceError SubscriptionInactive();                                        // -2036
BinanceError NotFound();                                                    // unknown path: 404

}  // namespace amanah::paper::binance
