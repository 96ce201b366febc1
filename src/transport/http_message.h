// Request and Response: one HTTP/1.1 exchange as the transport sends and receives it, with no
// knowledge of exchanges. Values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace amanah::transport {

struct Request {
  std::string method;  ///< "GET", "POST", "DELETE"
  std::string target;  ///< path and query
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct Response {
  unsigned status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case
  std::string body;

  std::optional<std::string_view> Header(std::string_view lower_name) const;
};

}  // namespace amanah::transport
