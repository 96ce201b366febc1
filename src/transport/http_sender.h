// HttpSender: what an exchange adapter needs from the network — send one request to the origin
// it was opened for and get the whole response back, as an Asio coroutine. HttpClient is the real
// one; tests record or answer requests with their own. Implementations must allow concurrent Send
// calls.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "base/result.h"
#include "transport/http_message.h"

namespace amanah::transport {

class HttpSender {
 public:
  virtual ~HttpSender() = default;
  /// Errors: kUnavailable (DNS, connect, TLS, reset before a response — safe to retry reads),
  /// kOutcomeUnknown (a non-idempotent request whose response was lost), kDataLoss (a response
  /// over the size cap or malformed).
  virtual boost::asio::awaitable<base::Result<Response>> Send(Request request) = 0;
};

}  // namespace amanah::transport
