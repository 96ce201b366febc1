// BinanceAccountStream: Binance's user data stream on the WebSocket API (since the REST listen-key
// endpoints were retired on 2026-02-20): one connection to the WebSocket API, one signed
// `userDataStream.subscribe.signature` (RequestSigner::SignWebSocket: apiKey, timestamp,
// recvWindow, signature over the sorted parameters), then its events — `executionReport` as an
// order event, `outboundAccountPosition` and `balanceUpdate` as balance events,
// `eventStreamTerminated` and `serverShutdown` as the end. A refused subscription keeps Binance's
// code and text (MapBinanceError: -2015 key, IP or permission; -1022 signature; -1021 clock).
// Where it connects: Binance's own wss://ws-api.binance.com/ws-api/v3 for its API origin (and the
// testnet's for the testnet's), else the origin's own host at /ws-api/v3 (amanah-paper).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "exchange/account_stream.h"
#include "exchange/binance/request_signer.h"
#include "transport/transport.h"

namespace amanah::exchange::binance {

/// The WebSocket API URL for a REST origin.
std::string WebSocketApiUrl(std::string_view rest_origin);

/// Connects and subscribes; the subscription is confirmed before this returns.
boost::asio::awaitable<base::Result<std::unique_ptr<AccountStream>>> OpenBinanceAccountStream(
    transport::Transport& transport, std::string url, const RequestSigner& signer,
    int64_t timestamp_ms, int64_t recv_window_ms);

/// One message of the stream as an event; none for messages that are not events of the
/// subscription (answers, unknown event types). For tests and the fuzz target.
std::optional<AccountEvent> ParseStreamMessage(std::string_view message);

}  // namespace amanah::exchange::binance
