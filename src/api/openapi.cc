#include "api/openapi.h"

namespace amanah::api {

namespace embedded {
std::string_view OpenApi();
}

std::string_view OpenApiDocument() { return embedded::OpenApi(); }

}  // namespace amanah::api
