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
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare("INSERT INTO users (id, tenant_id, name, role, created_at_ms, "
                             "password_hash, failed_logins, locked_until_ms) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt.Bind(1, user.id.value())
      .Bind(2, user.tenant.value())
      .Bind(3, user.name)
      .Bind(4, UserRoleName(user.role))
      .Bind(5, Ms(user.created_at))
      .Bind(6, user.password_hash)
      .Bind(7, user.failed_logins)
      .Bind(8, Ms(user.locked_until));
  auto r = stmt.Run();
  if (!r && r.error().code() == ErrorCode::kAlreadyExists) {
    if (r.error().message().find("FOREIGN KEY") != std::string::npos) {
      return base::Fail(ErrorCode::kNotFound, "no tenant " + user.tenant.value());
    }
    return base::Fail(ErrorCode::kAlreadyExists, "a user named \"" + user.name + "\" exists");
  }
  return r;
}

namespace {

constexpr std::string_view kUserColumns =
    "SELECT id, tenant_id, name, role, created_at_ms, password_hash, failed_logins, "
    "locked_until_ms FROM users ";

base::Result<User> ReadUser(const Statement& stmt) {
  auto role = ParseUserRole(stmt.Text(3));
  if (!role) {
    return base::Fail(ErrorCode::kDataLoss,
                      "user " + stmt.Text(0) + " has an unknown role \"" + stmt.Text(3) + "\"");
  }
  User user;
  user.id = UserId(stmt.Text(0));
  user.tenant = TenantId(stmt.Text(1));
  user.name = stmt.Text(2);
  user.role = *role;
  user.created_at = FromMs(stmt.Int(4));
  if (!stmt.IsNull(5)) user.password_hash = stmt.Text(5);
  user.failed_logins = stmt.Int(6);
  user.locked_until = FromMs(stmt.Int(7));
  return user;
}

base::Result<std::optional<User>> OneUser(Statement& stmt) {
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<User>();
  AMANAH_ASSIGN_OR_RETURN(User user, ReadUser(stmt));
  return std::optional<User>(std::move(user));
}

}  // namespace

base::Result<std::vector<User>> SqliteTenants::ListUsers(const TenantId& tenant) {
  AMANAH_ASSIGN_OR_RETURN(
      auto stmt, db_.Prepare(std::string(kUserColumns) + "WHERE tenant_id = ? ORDER BY name"));
  stmt.Bind(1, tenant.value());
  std::vector<User> out;
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    AMANAH_ASSIGN_OR_RETURN(User user, ReadUser(stmt));
    out.push_back(std::move(user));
  }
  return out;
}

base::Result<std::optional<User>> SqliteTenants::GetUser(const UserId& id) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string(kUserColumns) + "WHERE id = ?"));
  stmt.Bind(1, id.value());
  return OneUser(stmt);
}

base::Result<std::optional<User>> SqliteTenants::FindUser(std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare(std::string(kUserColumns) + "WHERE name = ?"));
  stmt.Bind(1, name);
  return OneUser(stmt);
}

base::Result<int64_t> SqliteTenants::CountUsers() {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db_.Prepare("SELECT count(*) FROM users"));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

base::Result<void> SqliteTenants::UpdateUser(const User& user) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt,
                          db_.Prepare("UPDATE users SET role = ?, password_hash = ?, "
                                      "failed_logins = ?, locked_until_ms = ? WHERE id = ?"));
  stmt.Bind(1, UserRoleName(user.role))
      .Bind(2, user.password_hash)
      .Bind(3, user.failed_logins)
      .Bind(4, Ms(user.locked_until))
      .Bind(5, user.id.value());
  AMANAH_TRY(stmt.Run());
  if (db_.Changes() != 1) return base::Fail(ErrorCode::kNotFound, "no user " + user.id.value());
  return {};
}

}  // namespace amanah::store::sqlite
