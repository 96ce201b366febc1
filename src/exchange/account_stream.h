// AccountStream: an exchange's real-time feed of one account's changes (on Binance, the user data
// stream of the WebSocket API), reduced to what Amanah acts on — an order of the account changed
// (any order: ours, or one we did not place), its balances changed, or the stream ended. Opened by
// SpotExchange::OpenAccountStream, after which it lives on its own: it signs nothing more, so it
// holds no secret and does not keep the adapter (or the key's lease) busy. Next() waits for the
// next event; Close(), from any thread, ends a waiting Next().
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "base/result.h"

namespace amanah::exchange {

struct AccountEvent {
  enum class Kind { kOrder, kBalance, kEnded };
  Kind kind = Kind::kOrder;
  std::string symbol;           ///< kOrder
  std::string order_id;         ///< kOrder: the exchange's id
  std::string client_order_id;  ///< kOrder
  std::string execution;        ///< kOrder: the exchange's word ("NEW", "TRADE", "CANCELED")
  std::string status;           ///< kOrder: the order's status after it ("FILLED")
  int64_t time_ms = 0;          ///< the exchange's event time
  std::string detail;           ///< kEnded: why, in the exchange's words
};

class AccountStream {
 public:
  virtual ~AccountStream() = default;
  /// The next event; an error when the connection failed (kUnavailable) — after a kEnded event
  /// or an error the stream is finished.
  virtual boost::asio::awaitable<base::Result<AccountEvent>> Next() = 0;
  virtual void Close() = 0;
};

}  // namespace amanah::exchange
