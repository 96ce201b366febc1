// Router: the API's route table — method, path pattern ("/api/v1/connections/{label}"), the scope a
// caller needs, and the coroutine that answers — matched against each request. The table is also
// what the OpenAPI document is checked against (every route in it, nothing else). Path parameters
// are percent-decoded; a path that matches with another method is 405 with Allow. Built once at
// start, then read-only: thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/json/value.hpp>

#include "access/principal.h"
#include "base/result.h"
#include "server/http_server.h"

namespace amanah::api {

/// Who may call a route: anyone (health, login, setup) or a principal with the scope.
enum class Guard { kPublic, kRead, kTrade, kAdmin };

/// One request as a route sees it.
struct Call {
  const server::HttpRequest& request;
  /// The caller; null only on public routes.
  const access::Principal* principal = nullptr;
  /// The session's token when the caller came with a session cookie (logout ends it).
  std::optional<std::string> session_token;
  std::vector<std::pair<std::string, std::string>> params;

  /// A path parameter (the route's pattern names it).
  const std::string& Param(std::string_view name) const;
  /// A query parameter, percent-decoded; none if absent.
  std::optional<std::string> Query(std::string_view name) const;
  /// The body as a JSON object; kInvalidArgument saying why not (not JSON, not an object, not
  /// sent as application/json).
  base::Result<boost::json::value> JsonBody() const;
  const access::Principal& Who() const;
};

using RouteHandler = std::function<boost::asio::awaitable<server::HttpResponse>(Call&)>;

struct Route {
  std::string method;
  std::string pattern;
  Guard guard = Guard::kRead;
  RouteHandler handler;
  std::vector<std::string> segments;  ///< the pattern split at '/'; "{x}" matches any one segment

  /// Needs the CSRF token when called with a session cookie.
  bool ChangesState() const { return method != "GET" && method != "HEAD"; }
};

class Router {
 public:
  void Add(std::string method, std::string pattern, Guard guard, RouteHandler handler);

  struct Match {
    const Route* route = nullptr;
    std::vector<std::pair<std::string, std::string>> params;
    /// When no route matched the method: the methods that the path has (for 405's Allow).
    std::string allow;
  };
  Match Find(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

/// A JSON response.
server::HttpResponse Json(unsigned status, const boost::json::value& body);
/// The part of a target before '?'.
std::string_view PathOf(std::string_view target);

}  // namespace amanah::api
