// Principal: who is making a request, once their credential checked out — the user, the tenant
// whose objects they may see (every service call takes it from here, never from the request), and
// what they may do. Built only by AccessService.
#pragma once

#include <optional>
#include <string>

#include "access/scope.h"
#include "base/result.h"
#include "store/records.h"

namespace amanah::access {

struct Principal {
  enum class Via { kSession, kToken, kLocal };

  store::UserId user;
  store::TenantId tenant;
  std::string name;
  store::UserRole role = store::UserRole::kViewer;
  /// The role's scopes, narrowed by the token's when the request came with one.
  Scopes scopes;
  Via via = Via::kSession;
  /// The access token's id, when via a token.
  std::optional<std::string> token_id;

  bool Allows(Scope scope) const { return scopes.Has(scope); }
  /// kPermissionDenied naming what is missing, unless allowed.
  base::Result<void> Require(Scope scope) const;
};

}  // namespace amanah::access
