// MissingFields: the field names of an exchange's official example that an answer lacks — every key
// of `want` (recursively; arrays by their first element) looked up in `got`. The paper venues'
// shape tests compare each answer with the exchange's own example this way.
#pragma once

#include <string>
#include <vector>

#include <boost/json.hpp>

namespace amanah::testing {

inline std::vector<std::string> MissingFields(const boost::json::value& want,
                                              const boost::json::value& got,
                                              const std::string& at = "") {
  std::vector<std::string> out;
  if (want.is_array() && got.is_array()) {
    if (!want.get_array().empty() && !got.get_array().empty()) {
      return MissingFields(want.get_array()[0], got.get_array()[0], at + "[0]");
    }
    return out;
  }
  if (!want.is_object()) return out;
  if (!got.is_object()) return {at + " (not an object)"};
  for (const auto& [k, child] : want.get_object()) {
    const boost::json::value* g = got.get_object().if_contains(k);
    const std::string path = at + "." + std::string(k);
    if (g == nullptr) {
      out.push_back(path);
      continue;
    }
    for (auto& m : MissingFields(child, *g, path)) out.push_back(std::move(m));
  }
  return out;
}

}  // namespace amanah::testing
