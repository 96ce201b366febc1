// The paper exchange serves over the project's HTTP server (server/http_server.h); these names keep
// its venues, admin API and tests speaking of their own requests and responses.
#pragma once

#include "server/http_server.h"

namespace amanah::paper {

using server::GenerateSelfSignedIdentity;
using server::HttpHandler;
using server::HttpRequest;
using server::HttpResponse;
using server::HttpServer;
using server::IoThreads;
using server::ParseRequest;
using server::TlsIdentity;
using server::WebSocketHandlers;
using server::WebSocketPeer;

}  // namespace amanah::paper
