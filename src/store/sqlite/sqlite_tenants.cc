#include "store/sqlite/sqlite_tenants.h"

#include "store/sqlite/sql_time.h"

namespace amanah::store::sqlite {

using base::ErrorCode;

base::Result<void> SqliteTenants::Create(const Tenant& tenant) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO tenants (id, name, created_at_ms) VALUES (?, ?, ?)"));
  stmt.Bind(1, tenant.id.value()).Bind(2, tenant.name).Bind(3, Ms(tenant.created_at));
  auto r = stmt.Run();
  if (!r && r.error().code() == ErrorCode::kAlreadyExists) {
    return base::Fail(ErrorCode::kAlreadyExists, "tenant " + tenant.id.value() + " exists");
  }
  return r;
}

base::Result<bool> SqliteTenants::Ensure(const Tenant& tenant) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("INSERT INTO tenants (id, name, created_at_ms) "
                                                 "VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"));
  stmt.Bind(1, tenant.id.value()).Bind(2, tenant.name).Bind(3, Ms(tenant.created_at));
  AMANAH_TRY(stmt.Run());
  return db_.Changes() == 1;
}

base::Result<std::optional<Tenant>> SqliteTenants::Get(const TenantId& id) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT id, name, created_at_ms FROM tenants WHERE id = ?"));
  stmt.Bind(1, id.value());
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<Tenant>();
  return std::optional<Tenant>(Tenant{TenantId(stmt.Text(0)), stmt.Text(1), FromMs(stmt.Int(2))});
}

base::Result<std::vector<Tenant>> SqliteTenants::List() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT id, name, created_at_ms FROM tenants ORDER BY id"));
  std::vector<Tenant> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    out.push_back(Tenant{TenantId(stmt.Text(0)), stmt.Text(1), FromMs(stmt.Int(2))});
  }
  return out;
}

base::Result<void> SqliteTenants::CreateUser(const User& user) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("INSERT INTO users (id, tenant_id, name, role, "
                                                 "created_at_ms) VALUES (?, ?, ?, ?, ?)"));
  stmt.Bind(1, user.id.value())
      .Bind(2, user.tenant.value())
      .Bind(3, user.name)
      .Bind(4, UserRoleName(user.role))
      .Bind(5, Ms(user.created_at));
  auto r = stmt.Run();
  if (!r && r.error().code() == ErrorCode::kAlreadyExists) {
    if (r.error().message().find("FOREIGN KEY") != std::string::npos) {
      return base::Fail(ErrorCode::kNotFound, "no tenant " + user.tenant.value());
    }
    return base::Fail(ErrorCode::kAlreadyExists, "a user named \"" + user.name + "\" exists");
  }
  return r;
}

base::Result<std::vector<User>> SqliteTenants::ListUsers(const TenantId& tenant) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("SELECT id, tenant_id, name, role, created_at_ms FROM "
                                      "users WHERE tenant_id = ? ORDER BY name"));
  stmt.Bind(1, tenant.value());
  std::vector<User> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    auto role = ParseUserRole(stmt.Text(3));
    if (!role) {
      return base::Fail(ErrorCode::kDataLoss,
                        "user " + stmt.Text(0) + " has an unknown role \"" + stmt.Text(3) + "\"");
    }
    out.push_back(User{UserId(stmt.Text(0)), TenantId(stmt.Text(1)), stmt.Text(2), *role,
                       FromMs(stmt.Int(4))});
  }
  return out;
}

}  // namespace amanah::store::sqlite
