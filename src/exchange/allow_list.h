// What every signer's allow-list shares: finding a (method, path) in the exchange's list, and the
// one refusal for a request that is not on it or breaks its spot rule — given before a signature
// is computed, naming the request (its path cut short) and why.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "exchange/http_request.h"

namespace amanah::exchange {

/// The entry of `list` for `method path`, or nullptr. Entries have `method` and `path` members.
template <class Endpoint>
const Endpoint* FindEndpoint(const std::vector<Endpoint>& list, HttpMethod method,
                             std::string_view path) {
  for (const Endpoint& e : list) {
    if (e.method == method && e.path == path) return &e;
  }
  return nullptr;
}

/// kPermissionDenied: "refused before signing: METHOD path why".
inline base::Error RefusedBeforeSigning(HttpMethod method, std::string_view path,
                                        std::string_view why) {
  return base::Error(base::ErrorCode::kPermissionDenied,
                     "refused before signing: " + std::string(MethodName(method)) + " " +
                         std::string(path.substr(0, 128)) + " " + std::string(why));
}

}  // namespace amanah::exchange
