// Body: a request's JSON body, read through the checked reader (base/json_reader.h) so that a
// missing or mistyped field is a 400 naming it ("password is missing"), never an exception.
#pragma once

#include <boost/json/value.hpp>

#include "api/router.h"
#include "base/json_reader.h"

namespace amanah::api {

class Body {
 public:
  /// The body of `call` as a JSON object; kInvalidArgument if it is not one.
  static base::Result<Body> Of(const Call& call);
  base::JsonView view() const { return base::JsonView(value_, "", &source_); }

  Body(const Body&) = delete;
  Body(Body&&) noexcept;
  /// Wipes the parsed strings (a secret may be among them).
  ~Body();

 private:
  explicit Body(boost::json::value value) : value_(std::move(value)) {}
  boost::json::value value_;
  base::JsonSource source_{"the request body", base::ErrorCode::kInvalidArgument};
};

}  // namespace amanah::api
