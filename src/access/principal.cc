#include "access/principal.h"

namespace amanah::access {

base::Result<void> Principal::Require(Scope scope) const {
  if (Allows(scope)) return {};
  std::string why =
      via == Via::kToken
          ? "this access token is not scoped \"" + std::string(ScopeName(scope)) + "\""
          : "a " + std::string(store::UserRoleName(role)) + " may not do this (it needs the \"" +
                std::string(ScopeName(scope)) + "\" scope)";
  return base::Fail(base::ErrorCode::kPermissionDenied, why);
}

}  // namespace amanah::access
