// TenantRepository: the tenants (isolated accounts of Amanah) and the users who operate them.
// Reached through a UnitOfWork; every call takes part in its transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
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
  virtual base::Result<std::optional<User>> GetUser(const UserId& id) = 0;
  virtual base::Result<std::optional<User>> FindUser(std::string_view name) = 0;
  /// Users across every tenant (whether the installation has been set up).
  virtual base::Result<int64_t> CountUsers() = 0;
  /// Writes the user's role, password hash and login state; kNotFound if there is no such user.
  virtual base::Result<void> UpdateUser(const User& user) = 0;
};

}  // namespace amanah::store
