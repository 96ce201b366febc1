// Problem: every API error as an RFC 9457 `application/problem+json` body — type (a stable URI per
// kind of error, relative to the API), title, status, detail (the service's own message, which
// says what is wrong and how to fix it) and instance (the request's path) — and the one mapping
// from the service layer's error codes to HTTP statuses.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"
#include "server/http_server.h"

namespace amanah::api {

/// The HTTP status for an error code (kInvalidArgument → 400, kNotFound → 404, …).
unsigned StatusOf(base::ErrorCode code);

/// A problem+json response for `error`, about the request for `instance`.
server::HttpResponse Problem(const base::Error& error, std::string_view instance);
/// A problem+json response with an explicit status and type slug (e.g. 403 "csrf").
server::HttpResponse Problem(unsigned status, std::string_view type, std::string_view detail,
                             std::string_view instance);

}  // namespace amanah::api
