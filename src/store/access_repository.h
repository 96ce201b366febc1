// AccessRepository: the credentials Amanah has issued to its users — browser sessions, personal
// access tokens and the one-time setup token of a new installation — each kept as the SHA-256 of
// its secret, never the secret. Reached through a UnitOfWork; every call takes part in its
// transaction. Being in the store (not one process's memory) is what lets a second node honour
// them.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

class AccessRepository {
 public:
  virtual ~AccessRepository() = default;

  virtual base::Result<void> InsertSession(const Session& session) = 0;
  virtual base::Result<std::optional<Session>> FindSession(const Blob& token_hash) = 0;
  virtual base::Result<void> TouchSession(const Blob& token_hash, base::SystemTime seen) = 0;
  virtual base::Result<void> DeleteSession(const Blob& token_hash) = 0;
  /// Ends every session of the user (a password change, a lockout by an owner).
  virtual base::Result<void> DeleteSessionsOf(const UserId& user) = 0;
  /// Removes sessions that expired before `now`; how many.
  virtual base::Result<int64_t> DeleteExpiredSessions(base::SystemTime now) = 0;

  /// kAlreadyExists if the id or the secret's hash is taken.
  virtual base::Result<void> InsertToken(const AccessToken& token) = 0;
  virtual base::Result<std::optional<AccessToken>> FindToken(std::string_view id) = 0;
  /// The user's tokens, newest first, revoked ones included.
  virtual base::Result<std::vector<AccessToken>> ListTokens(const UserId& user) = 0;
  virtual base::Result<void> MarkTokenUsed(std::string_view id, base::SystemTime at) = 0;
  /// False if there is no such live token.
  virtual base::Result<bool> RevokeToken(std::string_view id, base::SystemTime at) = 0;

  /// The installation's one-time setup token (replacing any earlier one).
  virtual base::Result<void> PutSetupToken(const Blob& hash, base::SystemTime expires_at) = 0;
  /// The setup token's hash and expiry, if one is outstanding.
  virtual base::Result<std::optional<std::pair<Blob, base::SystemTime>>> SetupToken() = 0;
  virtual base::Result<void> DeleteSetupToken() = 0;
};

}  // namespace amanah::store
