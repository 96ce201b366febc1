// AccessService: who may use Amanah — users (argon2id password hashes, lockout after repeated wrong
// passwords), browser sessions (an opaque cookie token; a CSRF token derived from it, so any node
// can check it without storing it), personal access tokens (scoped, expiring, stored as a hash) and
// the one-time setup token that creates a new installation's first owner. The API and the CLI both
// come here; what a credential turns into is a Principal, and the tenant in it is the only tenant
// its requests reach. Every change commits with its journal record (user.created, token.created,
// token.revoked, user.locked); a refused login is journaled too. Secrets handed out (session,
// token, setup token) are returned once and never stored or logged. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "access/principal.h"
#include "access/scope.h"
#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "crypto/argon2id.h"
#include "journal/journal.h"
#include "store/store.h"

namespace amanah::access {

struct AccessOptions {
  crypto::Argon2idParams password_hash;
  /// Wrong passwords in a row before the account is locked, and for how long.
  int max_failed_logins = 5;
  std::chrono::seconds lockout{std::chrono::minutes(15)};
  /// Failed logins from one client address, whatever names it tries, within one `lockout` window
  /// before the address is refused until the window ends (counted in the store, for every node).
  int max_failed_logins_per_peer = 20;
  std::chrono::seconds session_ttl{std::chrono::hours(12)};
  std::chrono::seconds setup_token_ttl{std::chrono::hours(24)};
  std::chrono::seconds max_token_ttl{std::chrono::days(366)};
  /// Passwords shorter than this are refused.
  size_t min_password_length = 12;
  /// How long this node reuses a checked session or token before asking the store again: a
  /// revocation on another node takes effect within it (at once on this one).
  std::chrono::milliseconds credential_cache{1000};
};

struct NewUser {
  std::string name;
  std::string password;
  store::UserRole role = store::UserRole::kViewer;
};

struct LoggedIn {
  std::string session_token;  ///< the cookie's value; shown once
  std::string csrf_token;     ///< sent back in X-CSRF-Token on every state-changing request
  base::SystemTime expires_at;
  Principal principal;
};

struct IssuedToken {
  store::AccessToken token;  ///< as stored (its hash, never the secret)
  std::string secret;        ///< "amanah_pat_<id>_<secret>"; shown once
};

class AccessService {
 public:
  struct Deps {
    store::Store& store;
    journal::Journal& journal;
    const base::Clock& clock;
    base::Random& random;
  };
  AccessService(Deps deps, AccessOptions options) : d_(deps), options_(options) {}

  /// Whether any user exists yet.
  base::Result<bool> HasUsers();
  /// For a new installation (no users): a fresh one-time setup token, replacing any earlier one.
  /// kFailedPrecondition once a user exists.
  base::Result<std::string> IssueSetupToken();
  /// Spends the setup token: creates the tenant and its first owner.
  base::Result<store::User> Bootstrap(std::string_view setup_token, std::string_view tenant_name,
                                      NewUser owner);
  /// Adds a user to `tenant` (creating the tenant if it is new): `amanah user add` on the store,
  /// or an owner through the API (AddUserAs checks the principal).
  base::Result<store::User> AddUser(const store::TenantId& tenant, NewUser user);
  base::Result<store::User> AddUserAs(const Principal& by, NewUser user);
  base::Result<std::vector<store::User>> ListUsers(const Principal& by);

  /// Checks the password. kUnauthenticated for a wrong name or password (the same message either
  /// way), kRateLimited while the account is locked or while `peer` has failed too often.
  base::Result<LoggedIn> Login(std::string_view name, std::string_view password,
                               std::string_view peer);
  base::Result<Principal> AuthenticateSession(std::string_view session_token);
  /// Whether `csrf_token` belongs to `session_token` (constant time).
  bool CheckCsrf(std::string_view session_token, std::string_view csrf_token) const;
  std::string CsrfFor(std::string_view session_token) const;
  base::Result<void> Logout(std::string_view session_token);

  /// A personal access token for `by`'s user with at most `by`'s scopes.
  base::Result<IssuedToken> CreateToken(const Principal& by, std::string_view name, Scopes scopes,
                                        std::chrono::seconds ttl);
  base::Result<Principal> AuthenticateToken(std::string_view bearer);
  base::Result<std::vector<store::AccessToken>> ListTokens(const Principal& by);
  /// kNotFound unless the token is `by`'s own and live.
  base::Result<void> RevokeToken(const Principal& by, std::string_view id);

  /// The user as a principal with every scope of their role (the CLI on its own store).
  base::Result<Principal> Local(std::string_view name);

 private:
  base::Result<store::User> CreateUserIn(store::UnitOfWork& unit, const store::TenantId& tenant,
                                         NewUser user, std::string_view by);
  base::Result<Principal> PrincipalOf(const store::User& user, Principal::Via via) const;
  std::string RandomToken(size_t bytes);
  // kRateLimited while `peer` has spent its failed logins of the current window.
  base::Result<void> CheckPeer(std::string_view peer, base::SystemTime now);
  // Counts a failed login from `peer` (in `unit`, with the refusal's other writes).
  base::Result<void> CountFailure(store::UnitOfWork& unit, std::string_view peer,
                                  base::SystemTime now);
  // The credential cache (see AccessOptions::credential_cache), by "s:" + session hash or "t:" +
  // token id; the hash of the secret is compared on every hit.
  struct Cached {
    Principal principal;
    store::Blob secret_hash;
    base::SystemTime expires_at;
    base::MonotonicTime until;
  };
  std::optional<Principal> FromCache(const std::string& key, const store::Blob& secret_hash);
  void ToCache(std::string key, const Principal& p, store::Blob secret_hash,
               base::SystemTime expires_at);
  void Forget(const std::string& key);

  Deps d_;
  AccessOptions options_;
  std::mutex cache_mu_;
  std::unordered_map<std::string, Cached> cache_;  // GUARDED_BY(cache_mu_)
};

}  // namespace amanah::access
