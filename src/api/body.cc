#include "api/body.h"

#include <boost/json.hpp>

#include "base/wipe.h"

namespace amanah::api {

base::Result<Body> Body::Of(const Call& call) {
  AMANAH_ASSIGN_OR_RETURN(boost::json::value value, call.JsonBody());
  return Body(std::move(value));
}

Body::Body(Body&& other) noexcept : value_(std::move(other.value_)) {}

Body::~Body() { base::Wipe(value_); }

}  // namespace amanah::api
