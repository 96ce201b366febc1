#include "cli/user_commands.h"

#include <boost/json.hpp>

#include "access/access_json.h"
#include "cli/key_file.h"
#include "cli/remote.h"

namespace amanah::cli {

namespace {

namespace json = boost::json;

struct Options {
  std::string name;
  std::string role;
  bool owner = false;
  std::string tenant;
  std::string password_file = "-";
  std::string user;
  std::string token_name;
  std::string scopes = "read";
  int64_t days = 90;
};

store::TenantId TenantOf(const Options& o) {
  return o.tenant.empty() ? CliTenant() : store::TenantId(o.tenant);
}

void Add(Context& ctx, const Options& o) {
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto access = (*env)->access();
  if (!access) return ctx.Report(access.error());
  std::optional<store::UserRole> role =
      o.owner ? store::UserRole::kOwner : store::ParseUserRole(o.role);
  if (!role) {
    return ctx.Report(base::Error(base::ErrorCode::kInvalidArgument,
                                  "give --owner, or --role owner|operator|viewer"));
  }
  auto password = ReadSecretFile(o.password_file, "the password", nullptr);
  if (!password) return ctx.Report(password.error());
  std::string_view text = password->view();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  access::NewUser user{o.name, std::string(text), *role};
  auto added = (*access)->AddUser(TenantOf(o), std::move(user));
  if (!added) return ctx.Report(added.error());
  if (ctx.json) {
    ctx.out << json::serialize(access::UserJson(*added)) << "\n";
  } else {
    ctx.out << "Added " << added->name << " (" << store::UserRoleName(added->role) << ") to tenant "
            << added->tenant.value() << ".\n";
  }
}

void List(Context& ctx, const Options& o) {
  if (IsRemote(ctx)) return RemoteCall(ctx, "GET", "/api/v1/users");
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto users = (*env)->store().Read(
      [&](store::UnitOfWork& u) { return u.tenants().ListUsers(TenantOf(o)); });
  if (!users) return ctx.Report(users.error());
  if (ctx.json) {
    json::array list;
    for (const auto& u : *users) list.push_back(access::UserJson(u));
    ctx.out << json::serialize(list) << "\n";
    return;
  }
  for (const auto& u : *users) ctx.out << u.name << "  " << store::UserRoleName(u.role) << "\n";
}

void CreateToken(Context& ctx, const Options& o) {
  auto env = ctx.Env();
  if (!env) return ctx.Report(env.error());
  auto access = (*env)->access();
  if (!access) return ctx.Report(access.error());
  auto who = (*access)->Local(o.user);
  if (!who) return ctx.Report(who.error());
  auto scopes = access::ParseScopes(o.scopes);
  if (!scopes) return ctx.Report(scopes.error());
  auto issued = (*access)->CreateToken(*who, o.token_name, *scopes, std::chrono::days(o.days));
  if (!issued) return ctx.Report(issued.error());
  if (ctx.json) {
    json::object out = access::TokenJson(issued->token);
    out["secret"] = issued->secret;
    ctx.out << json::serialize(out) << "\n";
    return;
  }
  ctx.out << issued->secret << "\n";
  ctx.err << "amanah: token " << issued->token.id << " (" << issued->token.scopes << ") for "
          << o.user << "; shown once: keep it like a password (AMANAH_TOKEN).\n";
}

}  // namespace

void AddUserCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<Options>();
  auto* user = app.add_subcommand("user", "The daemon's users (owner, operator, viewer)");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Add a user; the password comes from a file or stdin");
  add->add_option("name", o->name, "User name")->required();
  add->add_flag("--owner", o->owner, "As an owner (the first user of an installation)");
  add->add_option("--role", o->role, "owner, operator or viewer");
  add->add_option("--tenant", o->tenant, "Tenant (default: default)");
  add->add_option("--password-file", o->password_file, "File holding the password, or - (stdin)")
      ->capture_default_str();
  add->add_flag("--json", ctx.json, "Print JSON");
  add->callback([&ctx, o] { Add(ctx, *o); });
  auto* list = user->add_subcommand("list", "The users of a tenant");
  list->add_option("--tenant", o->tenant, "Tenant (default: default)");
  list->add_flag("--json", ctx.json, "Print JSON");
  list->callback([&ctx, o] { List(ctx, *o); });

  auto* token = app.add_subcommand("token", "Personal access tokens for scripts and --server");
  token->require_subcommand(1);
  auto* create = token->add_subcommand("create", "Make a token; its secret is printed once");
  create->add_option("--user", o->user, "Whose token")->required();
  create->add_option("--name", o->token_name, "What it is for")->required();
  create->add_option("--scopes", o->scopes, "read, trade, admin (comma-separated)")
      ->capture_default_str();
  create->add_option("--days", o->days, "Days until it expires (1–366)")->capture_default_str();
  create->add_flag("--json", ctx.json, "Print JSON");
  create->callback([&ctx, o] { CreateToken(ctx, *o); });
}

}  // namespace amanah::cli
