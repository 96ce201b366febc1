#include "transport/http_message.h"

namespace amanah::transport {

std::optional<std::string_view> Response::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return std::nullopt;
}

}  // namespace amanah::transport
