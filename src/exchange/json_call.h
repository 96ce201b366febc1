// BuildJsonCall: how a REST call becomes a request on an exchange whose API takes JSON bodies
// (Bybit v5, OKX v5) — a public GET, a signed GET with its query, or a signed POST whose
// parameters become one JSON object of strings — with the refusals every such dialect shares: a
// public call other than GET, an already-encoded parameter string, and any DELETE (none is on a
// spot allow-list). Each dialect passes its signer's three calls.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "base/result.h"
#include "exchange/http_request.h"
#include "exchange/rest_dialect.h"

namespace amanah::exchange {

/// `sign_public(path, params)`, `sign_get(path, params)`, `sign_post(path, json::object)`, each
/// returning Result<HttpRequest>; `exchange` names the exchange in the refusals ("Bybit").
template <class Public, class Get, class Post>
base::Result<HttpRequest> BuildJsonCall(std::string_view exchange, const RestCall& call,
                                        const Public& sign_public, const Get& sign_get,
                                        const Post& sign_post) {
  const std::string name(exchange);
  if (!call.signed_request) {
    if (call.method != HttpMethod::kGet) {
      return base::Error(base::ErrorCode::kPermissionDenied,
                         name + "'s public endpoints are GET only");
    }
    return sign_public(call.path, call.params);
  }
  if (!call.encoded.empty()) {
    return base::Error(base::ErrorCode::kInvalidArgument,
                       name + " calls take parameters, not an encoded string");
  }
  switch (call.method) {
    case HttpMethod::kGet:
      return sign_get(call.path, call.params);
    case HttpMethod::kPost: {
      boost::json::object body;
      for (const auto& [key, value] : call.params) body[key] = value;
      return sign_post(call.path, body);
    }
    case HttpMethod::kDelete:
      break;
  }
  return base::Error(
      base::ErrorCode::kPermissionDenied,
      "refused before signing: " + name + " has no DELETE endpoint on the spot allow-list");
}

}  // namespace amanah::exchange
