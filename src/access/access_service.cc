#include "access/access_service.h"

#include <mutex>

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "base/utc_time.h"
#include "crypto/bytes.h"
#include "crypto/constant_time.h"
#include "crypto/encoding.h"
#include "crypto/hmac.h"
#include "crypto/password_hash.h"
#include "crypto/sha2.h"
#include "journal/record.h"

namespace amanah::access {

namespace json = boost::json;
using base::ErrorCode;
using base::Fail;
using store::User;

namespace {

constexpr std::string_view kTokenPrefix = "amanah_pat_";
constexpr size_t kTokenIdHexLength = 12;
constexpr std::string_view kCsrfContext = "amanah/csrf/v1";
constexpr std::string_view kWrongLogin = "wrong user name or password";

store::Blob HashOf(std::string_view secret) {
  auto digest = crypto::Sha256(crypto::AsBytes(secret));
  return store::Blob(digest.begin(), digest.end());
}

/// User and tenant names: 1–64 of [A-Za-z0-9._-] (they appear in journal records and URLs).
base::Result<void> ValidateName(std::string_view what, std::string_view name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-');
  }
  if (ok) return {};
  return Fail(ErrorCode::kInvalidArgument, "a " + std::string(what) +
                                               " name is 1–64 characters of letters, digits, "
                                               "'.', '_' and '-'");
}

json::object UserRecord(const User& user) {
  return json::object{
      {"user", user.id.value()}, {"name", user.name}, {"role", store::UserRoleName(user.role)}};
}

}  // namespace

std::string AccessService::RandomToken(size_t bytes) {
  std::vector<uint8_t> raw(bytes);
  d_.random.Fill(raw);
  std::string out = crypto::Base64UrlEncode(raw);
  std::fill(raw.begin(), raw.end(), uint8_t{0});
  return out;
}

std::optional<Principal> AccessService::FromCache(const std::string& key,
                                                  const store::Blob& secret_hash) {
  std::lock_guard lock(cache_mu_);
  auto it = cache_.find(key);
  if (it == cache_.end()) return std::nullopt;
  const Cached& c = it->second;
  if (d_.clock.Monotonic() >= c.until || d_.clock.Now() >= c.expires_at ||
      !crypto::ConstantTimeEquals(secret_hash, c.secret_hash)) {
    cache_.erase(it);
    return std::nullopt;
  }
  return c.principal;
}

void AccessService::ToCache(std::string key, const Principal& p, store::Blob secret_hash,
                            base::SystemTime expires_at) {
  if (options_.credential_cache.count() <= 0) return;
  std::lock_guard lock(cache_mu_);
  if (cache_.size() >= 10000) cache_.clear();  // bounded; a miss only costs a store read
  cache_[std::move(key)] = Cached{p, std::move(secret_hash), expires_at,
                                  d_.clock.Monotonic() + options_.credential_cache};
}

void AccessService::Forget(const std::string& key) {
  std::lock_guard lock(cache_mu_);
  cache_.erase(key);
}

base::Result<bool> AccessService::HasUsers() {
  return d_.store.Read([](store::UnitOfWork& unit) -> base::Result<bool> {
    AMANAH_ASSIGN_OR_RETURN(int64_t n, unit.tenants().CountUsers());
    return n > 0;
  });
}

base::Result<std::string> AccessService::IssueSetupToken() {
  std::string token = RandomToken(24);
  const auto expires = d_.clock.Now() + options_.setup_token_ttl;
  AMANAH_TRY(d_.store.Write([&](store::UnitOfWork& unit) -> base::Result<void> {
    AMANAH_ASSIGN_OR_RETURN(int64_t n, unit.tenants().CountUsers());
    if (n > 0) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "this installation has users already: log in, or ask an owner to add you");
    }
    AMANAH_TRY(unit.access().PutSetupToken(HashOf(token), expires));
    json::object payload{{"expires_at", base::UtcTime(expires)}};
    AMANAH_TRY(d_.journal.AppendIn(unit, journal::kSystemTenant, journal::kind::kSetupTokenIssued,
                                   payload));
    return {};
  }));
  return token;
}

base::Result<User> AccessService::CreateUserIn(store::UnitOfWork& unit,
                                               const store::TenantId& tenant, NewUser input,
                                               std::string_view by) {
  AMANAH_TRY(ValidateName("user", input.name));
  if (input.password.size() < options_.min_password_length) {
    return Fail(ErrorCode::kInvalidArgument, "a password must be at least " +
                                                 std::to_string(options_.min_password_length) +
                                                 " characters");
  }
  if (input.password.size() > 1024) {
    return Fail(ErrorCode::kInvalidArgument, "a password must be at most 1024 characters");
  }
  User user;
  std::vector<uint8_t> id(16);
  d_.random.Fill(id);
  user.id = store::UserId(crypto::HexEncode(id));
  user.tenant = tenant;
  user.name = std::move(input.name);
  user.role = input.role;
  user.created_at = d_.clock.Now();
  AMANAH_ASSIGN_OR_RETURN(std::string hash,
                          crypto::HashPassword(input.password, options_.password_hash, d_.random));
  user.password_hash = std::move(hash);
  AMANAH_TRY(unit.tenants().Ensure(store::Tenant{tenant, tenant.value(), user.created_at}));
  AMANAH_TRY(unit.tenants().CreateUser(user));
  json::object payload = UserRecord(user);
  payload["by"] = by;
  AMANAH_TRY(d_.journal.AppendIn(unit, tenant.value(), journal::kind::kUserCreated, payload));
  user.password_hash.reset();  // callers have no use for it
  return user;
}

base::Result<User> AccessService::Bootstrap(std::string_view setup_token,
                                            std::string_view tenant_name, NewUser owner) {
  AMANAH_TRY(ValidateName("tenant", tenant_name));
  owner.role = store::UserRole::kOwner;
  const auto now = d_.clock.Now();
  return d_.store.Write([&](store::UnitOfWork& unit) -> base::Result<User> {
    AMANAH_ASSIGN_OR_RETURN(int64_t n, unit.tenants().CountUsers());
    AMANAH_ASSIGN_OR_RETURN(auto stored, unit.access().SetupToken());
    if (n > 0 || !stored) {
      return Fail(ErrorCode::kFailedPrecondition,
                  "this installation is set up already (the setup token was spent)");
    }
    if (!crypto::ConstantTimeEquals(HashOf(setup_token), stored->first) || stored->second < now) {
      return Fail(ErrorCode::kUnauthenticated,
                  "the setup token is wrong or expired: restart `amanah serve` for a new one");
    }
    AMANAH_TRY(unit.access().DeleteSetupToken());
    return CreateUserIn(unit, store::TenantId(std::string(tenant_name)), std::move(owner), "setup");
  });
}

base::Result<User> AccessService::AddUser(const store::TenantId& tenant, NewUser user) {
  AMANAH_TRY(ValidateName("tenant", tenant.value()));
  return d_.store.Write([&](store::UnitOfWork& unit) -> base::Result<User> {
    AMANAH_TRY(unit.access().DeleteSetupToken());  // a user exists now: setup is over
    return CreateUserIn(unit, tenant, std::move(user), "local");
  });
}

base::Result<User> AccessService::AddUserAs(const Principal& by, NewUser user) {
  AMANAH_TRY(by.Require(Scope::kAdmin));
  return d_.store.Write([&](store::UnitOfWork& unit) -> base::Result<User> {
    return CreateUserIn(unit, by.tenant, std::move(user), by.name);
  });
}

base::Result<std::vector<User>> AccessService::ListUsers(const Principal& by) {
  AMANAH_TRY(by.Require(Scope::kRead));
  return d_.store.Read(
      [&](store::UnitOfWork& unit) { return unit.tenants().ListUsers(by.tenant); });
}

base::Result<Principal> AccessService::PrincipalOf(const User& user, Principal::Via via) const {
  Principal p;
  p.user = user.id;
  p.tenant = user.tenant;
  p.name = user.name;
  p.role = user.role;
  p.scopes = ScopesOf(user.role);
  p.via = via;
  return p;
}

static std::string PeerKey(std::string_view peer) { return "login-peer:" + std::string(peer); }

base::Result<void> AccessService::CheckPeer(std::string_view peer, base::SystemTime now) {
  if (peer.empty()) return {};
  AMANAH_ASSIGN_OR_RETURN(int64_t failed, d_.store.Read([&](store::UnitOfWork& unit) {
    return unit.throttles().Count(PeerKey(peer), now, options_.lockout);
  }));
  if (failed < options_.max_failed_logins_per_peer) return {};
  const int64_t window = std::chrono::milliseconds(options_.lockout).count();
  const int64_t t = base::UnixMillis(now);
  const auto ends = base::SystemTime(std::chrono::milliseconds(t - t % window + window));
  return Fail(ErrorCode::kRateLimited, "too many failed logins from this address (" +
                                           std::to_string(failed) + "); try again after " +
                                           base::UtcTime(ends));
}

base::Result<void> AccessService::CountFailure(store::UnitOfWork& unit, std::string_view peer,
                                               base::SystemTime now) {
  if (peer.empty()) return {};
  AMANAH_ASSIGN_OR_RETURN(int64_t failed,
                          unit.throttles().Hit(PeerKey(peer), now, options_.lockout));
  if (failed == options_.max_failed_logins_per_peer) {
    spdlog::warn("access: {} failed logins from {}; refusing it until the window ends", failed,
                 peer);
  }
  return {};
}

base::Result<LoggedIn> AccessService::Login(std::string_view name, std::string_view password,
                                            std::string_view peer) {
  const auto now = d_.clock.Now();
  // Before any hash is computed: an address guessing many names spends no more CPU.
  AMANAH_TRY(CheckPeer(peer, now));
  AMANAH_ASSIGN_OR_RETURN(auto found, d_.store.Read([&](store::UnitOfWork& unit) {
    return unit.tenants().FindUser(name);
  }));
  json::object refused{{"name", std::string(name.substr(0, 64))}, {"peer", peer}};
  if (!found || !found->password_hash) {
    // Spend the time a real check takes, so a wrong name cannot be told from a wrong password.
    static const std::string* dummy = [&] {
      auto made = crypto::HashPassword("amanah-no-such-user", options_.password_hash, d_.random);
      return new std::string(made ? *made : std::string());
    }();
    // Only the time it takes matters: the answer is "refused" whatever it says.
    if (auto spent = crypto::VerifyPassword(password, *dummy); spent && *spent) {
      spdlog::error("access: the dummy password hash verified");
    }
    refused["reason"] = "unknown user";
    // The login is refused either way (fail closed); a refusal that could not be journaled or
    // counted is logged so the gap is visible.
    if (auto j = d_.store.Write([&](store::UnitOfWork& unit) -> base::Result<void> {
          AMANAH_TRY(CountFailure(unit, peer, now));
          AMANAH_TRY(d_.journal.AppendIn(unit, journal::kSystemTenant,
                                         journal::kind::kUserLoginRefused, refused));
          return {};
        });
        !j) {
      spdlog::error("access: a refused login could not be journaled: {}", j.error().ToString());
    }
    return Fail(ErrorCode::kUnauthenticated, std::string(kWrongLogin));
  }
  if (found->locked_until > now) {
    return Fail(ErrorCode::kRateLimited,
                "this account is locked after " + std::to_string(options_.max_failed_logins) +
                    " wrong passwords until " + base::UtcTime(found->locked_until) +
                    "; try again then, or ask an owner");
  }
  AMANAH_ASSIGN_OR_RETURN(bool good, crypto::VerifyPassword(password, *found->password_hash));

  LoggedIn out;
  if (good) {
    out.session_token = RandomToken(32);
    out.csrf_token = CsrfFor(out.session_token);
    out.expires_at = now + options_.session_ttl;
  }
  AMANAH_ASSIGN_OR_RETURN(User user, d_.store.Write([&](store::UnitOfWork& unit)
                                                        -> base::Result<User> {
    AMANAH_ASSIGN_OR_RETURN(auto current, unit.tenants().GetUser(found->id));
    if (!current) return Fail(ErrorCode::kUnauthenticated, std::string(kWrongLogin));
    User u = std::move(*current);
    json::object payload = UserRecord(u);
    payload["peer"] = peer;
    if (good) {
      u.failed_logins = 0;
      AMANAH_TRY(unit.tenants().UpdateUser(u));
      AMANAH_TRY(unit.access().InsertSession(
          store::Session{HashOf(out.session_token), u.id, now, out.expires_at, now}));
      AMANAH_TRY(d_.journal.AppendIn(unit, u.tenant.value(), journal::kind::kUserLogin, payload));
      return u;
    }
    AMANAH_TRY(CountFailure(unit, peer, now));
    u.failed_logins += 1;
    payload["failed_logins"] = u.failed_logins;
    if (u.failed_logins >= options_.max_failed_logins) {
      u.failed_logins = 0;
      u.locked_until = now + options_.lockout;
      payload["locked_until"] = base::UtcTime(u.locked_until);
      AMANAH_TRY(d_.journal.AppendIn(unit, u.tenant.value(), journal::kind::kUserLocked, payload));
    } else {
      AMANAH_TRY(
          d_.journal.AppendIn(unit, u.tenant.value(), journal::kind::kUserLoginRefused, payload));
    }
    AMANAH_TRY(unit.tenants().UpdateUser(u));
    return u;
  }));
  if (!good) return Fail(ErrorCode::kUnauthenticated, std::string(kWrongLogin));
  AMANAH_ASSIGN_OR_RETURN(out.principal, PrincipalOf(user, Principal::Via::kSession));
  return out;
}

std::string AccessService::CsrfFor(std::string_view session_token) const {
  auto tag = crypto::HmacSha256(crypto::AsBytes(session_token), crypto::AsBytes(kCsrfContext));
  return crypto::Base64UrlEncode(tag);
}

bool AccessService::CheckCsrf(std::string_view session_token, std::string_view csrf_token) const {
  return crypto::ConstantTimeEquals(CsrfFor(session_token), csrf_token);
}

base::Result<Principal> AccessService::AuthenticateSession(std::string_view session_token) {
  const auto now = d_.clock.Now();
  const store::Blob hash = HashOf(session_token);
  const std::string key = "s:" + crypto::HexEncode(hash);
  if (auto cached = FromCache(key, hash)) return *cached;
  struct Found {
    store::Session session;
    User user;
  };
  AMANAH_ASSIGN_OR_RETURN(
      auto found, d_.store.Read([&](store::UnitOfWork& unit) -> base::Result<std::optional<Found>> {
        AMANAH_ASSIGN_OR_RETURN(auto session, unit.access().FindSession(hash));
        if (!session || session->expires_at <= now) return std::optional<Found>();
        AMANAH_ASSIGN_OR_RETURN(auto user, unit.tenants().GetUser(session->user));
        if (!user) return std::optional<Found>();
        return std::optional<Found>(Found{std::move(*session), std::move(*user)});
      }));
  if (!found) {
    return Fail(ErrorCode::kUnauthenticated, "not logged in, or the session has expired");
  }
  // Seen-times are for the sessions list, not for security: write at most once a minute.
  if (now - found->session.last_seen > std::chrono::minutes(1)) {
    // A session's seen-time is for the sessions list, not a security decision: a failed write
    // is logged and the request goes on.
    if (auto touched = d_.store.Write(
            [&](store::UnitOfWork& unit) { return unit.access().TouchSession(hash, now); });
        !touched) {
      spdlog::warn("access: a session's last-seen time was not stored: {}",
                   touched.error().ToString());
    }
  }
  AMANAH_ASSIGN_OR_RETURN(Principal p, PrincipalOf(found->user, Principal::Via::kSession));
  ToCache(key, p, hash, found->session.expires_at);
  return p;
}

base::Result<void> AccessService::Logout(std::string_view session_token) {
  const store::Blob hash = HashOf(session_token);
  auto deleted =
      d_.store.Write([&](store::UnitOfWork& unit) { return unit.access().DeleteSession(hash); });
  Forget("s:" + crypto::HexEncode(hash));  // after the delete: no request can cache it again
  return deleted;
}

base::Result<IssuedToken> AccessService::CreateToken(const Principal& by, std::string_view name,
                                                     Scopes scopes, std::chrono::seconds ttl) {
  AMANAH_TRY(by.Require(Scope::kRead));
  if (by.via == Principal::Via::kToken) {
    return Fail(ErrorCode::kPermissionDenied,
                "an access token cannot make access tokens: log in to make one");
  }
  if (scopes.empty()) return Fail(ErrorCode::kInvalidArgument, "a token needs at least one scope");
  if (!by.scopes.Covers(scopes)) {
    return Fail(ErrorCode::kPermissionDenied, "a " + std::string(store::UserRoleName(by.role)) +
                                                  " may only make tokens scoped " +
                                                  ScopesText(by.scopes));
  }
  if (name.empty() || name.size() > 64) {
    return Fail(ErrorCode::kInvalidArgument, "a token's name is 1–64 characters");
  }
  if (ttl <= std::chrono::seconds(0) || ttl > options_.max_token_ttl) {
    return Fail(ErrorCode::kInvalidArgument,
                "a token expires after 1 second to " +
                    std::to_string(options_.max_token_ttl.count() / 86400) + " days");
  }
  std::vector<uint8_t> id(kTokenIdHexLength / 2);
  d_.random.Fill(id);
  IssuedToken out;
  std::string secret = RandomToken(32);
  out.token.id = crypto::HexEncode(id);
  out.token.user = by.user;
  out.token.name = std::string(name);
  out.token.secret_hash = HashOf(secret);
  out.token.scopes = ScopesText(scopes);
  out.token.created_at = d_.clock.Now();
  out.token.expires_at = out.token.created_at + ttl;
  out.secret = std::string(kTokenPrefix) + out.token.id + "_" + secret;
  AMANAH_TRY(d_.store.Write([&](store::UnitOfWork& unit) -> base::Result<void> {
    AMANAH_TRY(unit.access().InsertToken(out.token));
    json::object payload{{"token", out.token.id},
                         {"name", out.token.name},
                         {"user", by.user.value()},
                         {"scopes", out.token.scopes},
                         {"expires_at", base::UtcTime(out.token.expires_at)}};
    AMANAH_TRY(d_.journal.AppendIn(unit, by.tenant.value(), journal::kind::kTokenCreated, payload));
    return {};
  }));
  return out;
}

base::Result<Principal> AccessService::AuthenticateToken(std::string_view bearer) {
  auto refused = [] {
    return Fail(ErrorCode::kUnauthenticated,
                "the access token is not valid (wrong, revoked or expired): make a new one");
  };
  if (!bearer.starts_with(kTokenPrefix)) return refused();
  bearer.remove_prefix(kTokenPrefix.size());
  if (bearer.size() <= kTokenIdHexLength + 1 || bearer[kTokenIdHexLength] != '_') return refused();
  std::string_view id = bearer.substr(0, kTokenIdHexLength);
  std::string_view secret = bearer.substr(kTokenIdHexLength + 1);
  const auto now = d_.clock.Now();
  const store::Blob secret_hash = HashOf(secret);
  const std::string key = "t:" + std::string(id);
  if (auto cached = FromCache(key, secret_hash)) return *cached;
  struct Found {
    store::AccessToken token;
    User user;
  };
  AMANAH_ASSIGN_OR_RETURN(
      auto found, d_.store.Read([&](store::UnitOfWork& unit) -> base::Result<std::optional<Found>> {
        AMANAH_ASSIGN_OR_RETURN(auto token, unit.access().FindToken(id));
        if (!token) return std::optional<Found>();
        AMANAH_ASSIGN_OR_RETURN(auto user, unit.tenants().GetUser(token->user));
        if (!user) return std::optional<Found>();
        return std::optional<Found>(Found{std::move(*token), std::move(*user)});
      }));
  if (!found || !crypto::ConstantTimeEquals(secret_hash, found->token.secret_hash) ||
      found->token.revoked_at || found->token.expires_at <= now) {
    return refused();
  }
  AMANAH_ASSIGN_OR_RETURN(Scopes scopes, ParseScopes(found->token.scopes));
  AMANAH_ASSIGN_OR_RETURN(Principal p, PrincipalOf(found->user, Principal::Via::kToken));
  p.scopes = p.scopes & scopes;  // a token never outgrows its user's role
  p.token_id = found->token.id;
  if (!found->token.last_used_at || now - *found->token.last_used_at > std::chrono::minutes(1)) {
    // Last-used is for the tokens list, not a security decision: logged if it fails.
    if (auto used = d_.store.Write([&](store::UnitOfWork& unit) {
          return unit.access().MarkTokenUsed(p.token_id.value(), now);
        });
        !used) {
      spdlog::warn("access: a token's last-used time was not stored: {}", used.error().ToString());
    }
  }
  ToCache(key, p, secret_hash, found->token.expires_at);
  return p;
}

base::Result<std::vector<store::AccessToken>> AccessService::ListTokens(const Principal& by) {
  AMANAH_TRY(by.Require(Scope::kRead));
  return d_.store.Read([&](store::UnitOfWork& unit) { return unit.access().ListTokens(by.user); });
}

base::Result<void> AccessService::RevokeToken(const Principal& by, std::string_view id) {
  AMANAH_TRY(by.Require(Scope::kRead));
  const auto now = d_.clock.Now();
  auto revoked = d_.store.Write([&](store::UnitOfWork& unit) -> base::Result<void> {
    AMANAH_ASSIGN_OR_RETURN(auto token, unit.access().FindToken(id));
    if (!token || token->user != by.user) {
      return Fail(ErrorCode::kNotFound, "no access token " + std::string(id.substr(0, 32)));
    }
    AMANAH_ASSIGN_OR_RETURN(bool was_live, unit.access().RevokeToken(id, now));
    if (!was_live) return {};  // revoked already
    json::object payload{{"token", token->id}, {"name", token->name}, {"by", by.name}};
    AMANAH_TRY(d_.journal.AppendIn(unit, by.tenant.value(), journal::kind::kTokenRevoked, payload));
    return {};
  });
  Forget("t:" + std::string(id));  // after the revocation: no request can cache it again
  return revoked;
}

base::Result<Principal> AccessService::Local(std::string_view name) {
  AMANAH_ASSIGN_OR_RETURN(auto found, d_.store.Read([&](store::UnitOfWork& unit) {
    return unit.tenants().FindUser(name);
  }));
  if (!found) return Fail(ErrorCode::kNotFound, "no user " + std::string(name.substr(0, 64)));
  return PrincipalOf(*found, Principal::Via::kLocal);
}

}  // namespace amanah::access
