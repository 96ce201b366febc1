#include "access/access_json.h"

#include <boost/json.hpp>

#include "base/utc_time.h"

namespace amanah::access {

namespace json = boost::json;

namespace {
json::value OptionalTime(const std::optional<base::SystemTime>& t) {
  return t ? json::value(base::UtcTime(*t)) : json::value(nullptr);
}
}  // namespace

json::object UserJson(const store::User& u) {
  return json::object{{"id", u.id.value()},
                      {"name", u.name},
                      {"role", store::UserRoleName(u.role)},
                      {"tenant", u.tenant.value()},
                      {"created_at", base::UtcTime(u.created_at)}};
}

json::object TokenJson(const store::AccessToken& t) {
  json::array scopes;
  auto parsed = ParseScopes(t.scopes);
  if (parsed) {
    for (Scope s : {Scope::kRead, Scope::kTrade, Scope::kAdmin}) {
      if (parsed->Has(s)) scopes.emplace_back(ScopeName(s));
    }
  }
  return json::object{{"id", t.id},
                      {"name", t.name},
                      {"scopes", std::move(scopes)},
                      {"created_at", base::UtcTime(t.created_at)},
                      {"expires_at", base::UtcTime(t.expires_at)},
                      {"last_used_at", OptionalTime(t.last_used_at)},
                      {"revoked_at", OptionalTime(t.revoked_at)}};
}

json::object PrincipalJson(const Principal& p) {
  json::array scopes;
  for (Scope s : {Scope::kRead, Scope::kTrade, Scope::kAdmin}) {
    if (p.Allows(s)) scopes.emplace_back(ScopeName(s));
  }
  std::string_view via = p.via == Principal::Via::kToken     ? "token"
                         : p.via == Principal::Via::kSession ? "session"
                                                             : "local";
  json::object out{{"user", p.user.value()},
                   {"name", p.name},
                   {"role", store::UserRoleName(p.role)},
                   {"tenant", p.tenant.value()},
                   {"scopes", std::move(scopes)},
                   {"via", via}};
  if (p.token_id) out["token"] = *p.token_id;
  return out;
}

}  // namespace amanah::access
