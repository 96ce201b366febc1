// TenantRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/sqlite/database.h"
#include "store/tenant_repository.h"

namespace amanah::store::sqlite {

class SqliteTenants final : public TenantRepository {
 public:
  explicit SqliteTenants(Database& db) : db_(db) {}
  base::Result<void> Create(const Tenant& tenant) override;
  base::Result<bool> Ensure(const Tenant& tenant) override;
  base::Result<std::optional<Tenant>> Get(const TenantId& id) override;
  base::Result<std::vector<Tenant>> List() override;
  base::Result<void> CreateUser(const User& user) override;
  base::Result<std::vector<User>> ListUsers(const TenantId& tenant) override;
  base::Result<std::optional<User>> GetUser(const UserId& id) override;
  base::Result<std::optional<User>> FindUser(std::string_view name) override;
  base::Result<int64_t> CountUsers() override;
  base::Result<void> UpdateUser(const User& user) override;

 private:
  Database& db_;
};

}  // namespace amanah::store::sqlite
