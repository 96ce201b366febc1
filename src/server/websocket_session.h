// ServeWebSocket: the server side of a WebSocket connection once HttpServer has read an upgrade
// request and its handler asked for one — the opening handshake (RFC 6455), then the handler's
// messages: a reader hands each text message to the handler in turn, a writer sends what the
// peer queued (WebSocketPeer::Send, from any thread), in order. The server pings an idle client
// and drops one that neither answers nor sends within a minute (as Binance's WebSocket API does);
// a message over 64 KiB or a binary one closes the connection; so does a client that lets 4096
// messages queue up. Internal to HttpServer.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "server/http_server.h"

namespace amanah::server {

using UpgradeRequest = boost::beast::http::request<boost::beast::http::string_body>;

/// Whether `request` asks for a WebSocket upgrade.
bool IsWebSocketUpgrade(const UpgradeRequest& request);

boost::asio::awaitable<void> ServeWebSocket(boost::beast::tcp_stream& stream,
                                            const UpgradeRequest& request,
                                            const WebSocketAccept& accept, const std::string& name);
boost::asio::awaitable<void> ServeWebSocket(
    boost::beast::ssl_stream<boost::beast::tcp_stream>& stream, const UpgradeRequest& request,
    const WebSocketAccept& accept, const std::string& name);

}  // namespace amanah::server
