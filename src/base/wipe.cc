#include "base/wipe.h"

#include <string.h>

#include <boost/json.hpp>

namespace amanah::base {

void Wipe(void* data, size_t size) {
  if (data != nullptr && size > 0) ::explicit_bzero(data, size);
}

void Wipe(std::string& s) { Wipe(s.data(), s.size()); }

void Wipe(boost::json::value& v) {
  if (v.is_string()) {
    auto& s = v.get_string();
    Wipe(s.data(), s.size());
  } else if (v.is_object()) {
    for (auto& item : v.get_object()) Wipe(item.value());
  } else if (v.is_array()) {
    for (auto& item : v.get_array()) Wipe(item);
  }
}

}  // namespace amanah::base
