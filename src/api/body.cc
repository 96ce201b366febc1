#include "api/body.h"

#include <openssl/crypto.h>

#include <boost/json.hpp>

namespace amanah::api {

namespace {

void Wipe(boost::json::value& v) {
  if (v.is_string()) {
    auto& s = v.get_string();
    if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  } else if (v.is_object()) {
    for (auto& item : v.get_object()) Wipe(item.value());
  } else if (v.is_array()) {
    for (auto& item : v.get_array()) Wipe(item);
  }
}

}  // namespace

base::Result<Body> Body::Of(const Call& call) {
  AMANAH_ASSIGN_OR_RETURN(boost::json::value value, call.JsonBody());
  return Body(std::move(value));
}

Body::Body(Body&& other) noexcept : value_(std::move(other.value_)) {}

Body::~Body() { Wipe(value_); }

}  // namespace amanah::api
