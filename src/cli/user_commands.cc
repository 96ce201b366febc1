#include "cli/user_commands.h"

#include <boost/json.hpp>

#include "access/access_json.h"
#include "base/wipe.h"
#include "cli/answer.h"
#include "cli/key_file.h"
#include "cli/remote.h"

namespace amanah::cli {

namespace {

namespace json = boost::json;

struct UserOptions {
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

store::TenantId TenantOf(const UserOptions& o) {
  return o.tenant.empty() ? CliTenant() : store::TenantId(o.tenant);
}

void RenderUser(std::ostream& out, const json::value& u) {
  out << "Added " << Str(u, "name") << " (" << Str(u, "role") << ") to tenant " << Str(u, "tenant")
      << ".\n";
}

void Add(Context& ctx, const UserOptions& o) {
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
  json::value answer;
  if (IsRemote(ctx)) {
    if (!o.tenant.empty()) {
      return ctx.Report(base::Error(base::ErrorCode::kInvalidArgument,
                                    "with --server the user joins the token's own tenant; "
                                    "omit --tenant"));
    }
    // The password goes in the request's JSON body; its copy is wiped once sent.
    json::value body =
        json::object{{"name", o.name}, {"password", text}, {"role", store::UserRoleName(*role)}};
    auto remote = RemoteJson(ctx, "POST", "/api/v1/users", body);
    base::Wipe(body);
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    auto access = (*env)->access();
    if (!access) return ctx.Report(access.error());
    access::NewUser user{o.name, std::string(text), *role};
    auto added = (*access)->AddUser(TenantOf(o), std::move(user));
    if (!added) return ctx.Report(added.error());
    answer = access::UserJson(*added);
  }
  Emit(ctx, answer, RenderUser);
}

void List(Context& ctx, const UserOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    if (!o.tenant.empty()) {
      return ctx.Report(base::Error(base::ErrorCode::kInvalidArgument,
                                    "with --server the users are the token's own tenant's; "
                                    "omit --tenant"));
    }
    auto remote = RemoteJson(ctx, "GET", "/api/v1/users");
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    auto env = ctx.Env();
    if (!env) return ctx.Report(env.error());
    auto users = (*env)->store().Read(
        [&](store::UnitOfWork& u) { return u.tenants().ListUsers(TenantOf(o)); });
    if (!users) return ctx.Report(users.error());
    json::array list;
    for (const auto& u : *users) list.push_back(access::UserJson(u));
    answer = std::move(list);
  }
  Emit(ctx, answer, [](std::ostream& out, const json::value& list) {
    for (const auto& u : Items(list)) out << Str(u, "name") << "  " << Str(u, "role") << "\n";
  });
}

void CreateToken(Context& ctx, const UserOptions& o) {
  json::value answer;
  if (IsRemote(ctx)) {
    if (!o.user.empty()) {
      return ctx.Report(base::Error(base::ErrorCode::kInvalidArgument,
                                    "with --server the new token is the calling token's user's; "
                                    "omit --user"));
    }
    json::array scopes;
    for (size_t at = 0; at <= o.scopes.size();) {
      const size_t comma = std::min(o.scopes.find(',', at), o.scopes.size());
      if (comma > at) scopes.emplace_back(o.scopes.substr(at, comma - at));
      at = comma + 1;
    }
    auto remote = RemoteJson(
        ctx, "POST", "/api/v1/tokens",
        json::object{
            {"name", o.token_name}, {"scopes", std::move(scopes)}, {"expires_in_days", o.days}});
    if (!remote) return;
    answer = std::move(*remote);
  } else {
    if (o.user.empty()) {
      return ctx.Report(
          base::Error(base::ErrorCode::kInvalidArgument, "name the token's user: --user NAME"));
    }
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
    json::object out = access::TokenJson(issued->token);
    out["secret"] = issued->secret;
    answer = std::move(out);
  }
  Emit(ctx, answer, [&ctx](std::ostream& out, const json::value& t) {
    out << Str(t, "secret") << "\n";
    std::string scopes;
    for (const auto& s : Items(t, "scopes")) scopes += (scopes.empty() ? "" : ",") + Str(s);
    ctx.err << "amanah: token " << Str(t, "id") << " (" << scopes
            << "); shown once: keep it like a password (AMANAH_TOKEN).\n";
  });
}

}  // namespace

void AddUserCommands(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<UserOptions>();
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
  create->add_option("--user", o->user, "Whose token (with --server: the calling token's user)");
  create->add_option("--name", o->token_name, "What it is for")->required();
  create->add_option("--scopes", o->scopes, "read, trade, admin (comma-separated)")
      ->capture_default_str();
  create->add_option("--days", o->days, "Days until it expires (1–366)")->capture_default_str();
  create->add_flag("--json", ctx.json, "Print JSON");
  create->callback([&ctx, o] { CreateToken(ctx, *o); });
}

}  // namespace amanah::cli
