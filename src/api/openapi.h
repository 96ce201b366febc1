// OpenApiDocument: the API's OpenAPI 3.1 description (src/api/openapi.json, embedded at build
// time). A test checks that its paths and methods are exactly the router's routes.
#pragma once

#include <string_view>

namespace amanah::api {

std::string_view OpenApiDocument();

}  // namespace amanah::api
