// The small vocabulary every adapter writes its calls in: a signed or public GET, and one call's
// body read by a parser — so that an adapter's methods are one line each where they can be.
#pragma once

#include <string>
#include <utility>

#include <boost/asio/awaitable.hpp>

#include "base/result.h"
#include "exchange/rest_pipeline.h"

namespace amanah::exchange {

inline RestCall SignedGet(std::string path, Params params = {}) {
  return RestCall{HttpMethod::kGet, std::move(path), std::move(params), true, false};
}
inline RestCall PublicGet(std::string path, Params params = {}) {
  return RestCall{HttpMethod::kGet, std::move(path), std::move(params), false, false};
}

/// Runs `call` and reads its body with `parse` (JsonView → Result<T>).
template <class T, class Parse>
boost::asio::awaitable<base::Result<T>> ReadBody(RestPipeline& pipeline, RestCall call,
                                                 Parse parse) {
  auto body = co_await pipeline.Call(std::move(call));
  if (!body) co_return body.error();
  co_return parse(body->Root());
}

}  // namespace amanah::exchange
