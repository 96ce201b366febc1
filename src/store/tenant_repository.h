// TenantRepository: the tenants (isolated accounts of Amanah) and the users who operate them.
// Reached through a UnitOfWork; every call takes part in its transaction.
#pragma once

#include <optional>
#include <vector>

#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

class TenantRepository {
 public:
  virtual ~TenantRepository() = default;
  /// kAlreadyExists if the id is taken.
  virtual base::Result<void> Create(const Tenant& tenant) = 0;
  /// Creates the tenant unless it exists (safe when several processes race); true if created.
  virtual base::Result<bool> Ensure(const Tenant& tenant) = 0;
  virtual base::Result<std::optional<Tenant>> Get(const TenantId& id) = 0;
  virtual base::Result<std::vector<Tenant>> List() = 0;

  /// kAlreadyExists if the name is taken; kNotFound if the tenant does not exist.
  virtual base::Result<void> CreateUser(const User& user) = 0;
  virtual base::Result<std::vector<User>> ListUsers(const TenantId& tenant) = 0;
};

}  // namespace amanah::store
