// HttpRequest: a request an exchange adapter wants sent — method, path, query, body, headers — with
// no knowledge of sockets. The transport module sends it; tests compare it with what other clients
// build. Values; the headers may hold an API key (not a secret) but never a secret.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace amanah::exchange {

enum class HttpMethod { kGet, kPost, kDelete };

std::string_view MethodName(HttpMethod method);

struct HttpRequest {
  HttpMethod method = HttpMethod::kGet;
  std::string path;   ///< e.g. "/api/v3/order"
  std::string query;  ///< without '?'
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// Ordered request parameters, as the exchange will see them.
using Params = std::vector<std::pair<std::string, std::string>>;

}  // namespace amanah::exchange
