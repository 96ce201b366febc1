// BinanceWsApi: the paper exchange speaking Binance's spot WebSocket API (wss://ws-api.binance.com
// /ws-api/v3, web-socket-api.md) as far as a spot user-data client needs it: `ping`, `time`,
// `session.subscriptions`, `userDataStream.subscribe.signature` — a signed request (apiKey,
// timestamp, optional recvWindow, signature over the parameters sorted by name and not
// percent-encoded), authenticated exactly as the REST API authenticates (binance_auth.h: key,
// IP whitelist, timestamp window, HMAC hex or Ed25519/RSA Base64) — and `userDataStream.
// unsubscribe`. Each subscription then carries its account's user data events, {"subscriptionId",
// "event"}: `executionReport` for every execution of every order of the account however it was
// placed (REST, another key, the admin API, the market moving through it),
// `outboundAccountPosition` after each balance change, and `eventStreamTerminated` when the
// subscription ends (unsubscribed, or its key deleted). One subscription per account per connection
// (-2035), as on Binance. `userDataStream.subscribe` needs `session.logon`, which the paper
// exchange does not serve
// (-1002); other methods answer -1020. Answers are {"id","status","result"|"error"}.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/exchange.h"
#include "http/http_server.h"
#include "venues/key_verifiers.h"

namespace amanah::paper::binance {

class BinanceWsApi {
 public:
  BinanceWsApi(Exchange& exchange, KeyVerifiers& verifiers)
      : exchange_(exchange), verifiers_(verifiers) {}

  /// The handlers of one connection from `peer_ip`; each message takes the Exchange lock.
  WebSocketHandlers Open(std::shared_ptr<WebSocketPeer> peer, std::string peer_ip);

 private:
  struct Session;
  void Handle(Session& session, std::string_view message);
  void Close(Session& session);

  Exchange& exchange_;
  KeyVerifiers& verifiers_;
  int64_t next_execution_id_ = 1;  ///< GUARDED_BY(the Exchange lock)
};

}  // namespace amanah::paper::binance
