// Vault: envelope encryption of exchange credentials, and the key that authenticates the state
// stored around them.
//
// Key hierarchy (the HashiCorp Vault barrier model): a root key from a RootKeyProvider seals a
// keyring of versioned key-encryption keys (KEKs) kept in the store; each credential gets its own
// random 256-bit data key (DEK) that seals its secret fields with AES-256-GCM and is itself wrapped
// by the current KEK. The byte formats and AADs are in envelope.h: a sealed field is bound to its
// tenant, connection, exchange, API key id and field name; a wrapped DEK to its tenant and
// connection and KEK version. Which field holds what ("secret", "private_key", "passphrase") is
// the vault's business alone.
//
// State: a connection's security-relevant fields carry a MAC (state_mac.h) under a system secret
// of the vault; OpenCredential refuses a row whose MAC fails, so no secret of a tampered row is
// ever decrypted.
//
// Rotation (`RotateMasterKey`) adds a KEK version and rewraps every DEK in batches while the vault
// stays usable. A credential sealed before a rotation but stored after it is caught by
// CheckCurrent inside the storing transaction (kAborted: seal again), so none is left behind.
// `SetMinDecryptionVersion` retires old versions. Every KEK wrap is counted, durably and before
// it happens, against a per-version limit far below 2^32 (NIST SP 800-38D §8.3 for random 96-bit
// nonces).
//
// Plaintext exists only in SecretBytes returned to the caller. Thread-safe, provided the injected
// Random is (crypto::Csprng is). No method may be called while the calling thread holds a unit of
// work, except those that take one.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/random.h"
#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "store/store.h"
#include "vault/keyring.h"
#include "vault/root_key_provider.h"
#include "vault/state_mac.h"

namespace amanah::vault {

struct VaultOptions {
  /// KEK wraps allowed per keyring version; rotation is due well before (default 2^30).
  uint64_t encryption_limit = uint64_t{1} << 30;
  /// Wraps reserved in the store at a time (a crash loses at most this many from the count).
  uint64_t reserve_block = 1024;
  /// Data keys rewrapped per transaction during rotation.
  size_t rewrap_batch = 256;
};

/// Where a credential belongs; every part is bound into the sealed bytes.
struct CredentialContext {
  store::TenantId tenant;
  store::ConnectionId connection;
  std::string exchange;
  std::string api_key_id;

  static CredentialContext Of(const store::Connection& c) {
    return {c.tenant, c.id, c.exchange, c.api_key_id};
  }
  /// A system secret is bound like a credential of tenant "_system" on exchange "amanah".
  static CredentialContext System(std::string_view name) {
    return {store::TenantId(std::string(kSystemTenant)), store::ConnectionId(std::string(name)),
            "amanah", std::string(name)};
  }
  static constexpr std::string_view kSystemTenant = "_system";
};

struct SecretInput {
  std::string_view field;
  const crypto::SecretBytes* value;
};

struct SealedCredential {
  uint32_t kek_version = 0;
  store::Blob wrapped_dek;
  std::vector<store::SealedField> fields;

  /// Puts this credential material into the connection row that will store it.
  void ApplyTo(store::Connection& connection) const {
    connection.kek_version = kek_version;
    connection.wrapped_dek = wrapped_dek;
    connection.sealed = fields;
  }
};

/// A connection's secrets, opened.
struct CredentialSecrets {
  crypto::SecretBytes secret;  ///< the HMAC secret, or the private key PEM
  std::optional<crypto::SecretBytes> passphrase;
};

struct VaultStatus {
  std::string root_provider;
  uint32_t current_version = 0;
  uint32_t min_decryption_version = 0;
  uint64_t encryption_limit = 0;
  struct Version {
    uint32_t version;
    base::SystemTime created_at;
    uint64_t encryptions;
    uint64_t data_keys;
  };
  std::vector<Version> versions;
};

struct RotationReport {
  uint32_t new_version = 0;
  size_t rewrapped = 0;
};

class Vault {
 public:
  /// Creates a new vault: root key from `provider`, keyring version 1, the state key.
  /// kAlreadyExists if the store already has one.
  static base::Result<std::unique_ptr<Vault>> Create(store::Store& store, RootKeyProvider& provider,
                                                     base::Random& random, const base::Clock& clock,
                                                     VaultOptions options = {});
  /// Opens an existing vault; fails clearly on a wrong root key, an uninitialised store or a
  /// missing state key.
  static base::Result<std::unique_ptr<Vault>> Open(store::Store& store, RootKeyProvider& provider,
                                                   base::Random& random, const base::Clock& clock,
                                                   VaultOptions options = {});

  /// Seals `fields` for the credential in `context` under a new data key and the current KEK.
  base::Result<SealedCredential> Seal(const CredentialContext& context,
                                      std::span<const SecretInput> fields);
  /// Seals an exchange key's secrets (the field names follow from `key_type`).
  base::Result<SealedCredential> SealCredential(const CredentialContext& context,
                                                std::string_view key_type,
                                                const crypto::SecretBytes& secret,
                                                const crypto::SecretBytes* passphrase);
  /// kAborted when `kek_version` is no longer the current version as `unit` sees it (a rotation
  /// committed since sealing): the caller seals again. Call inside the unit that stores the seal.
  base::Result<void> CheckCurrent(store::UnitOfWork& unit, uint32_t kek_version);

  /// The plaintext of one sealed field of a stored connection (its state MAC checked first).
  base::Result<crypto::SecretBytes> OpenField(const store::Connection& connection,
                                              std::string_view field);
  /// A stored connection's secrets (its state MAC checked first).
  base::Result<CredentialSecrets> OpenCredential(const store::Connection& connection);

  /// Sets the connection's state MAC for its current fields.
  void SealState(store::Connection& connection) const;
  /// kDataLoss naming the connection if its stored state was changed outside Amanah.
  base::Result<void> VerifyState(const store::Connection& connection) const;
  const StateMac& state_mac() const { return *state_mac_; }

  /// Crypto-shred, inside `unit`: the data key and sealed fields are deleted, the connection is
  /// marked revoked and its state MAC renewed. `connection` is updated to match.
  base::Result<void> Shred(store::UnitOfWork& unit, store::Connection& connection);

  /// Seals and stores one of Amanah's own secrets (e.g. a signing key) under `name`, with
  /// `public_info` kept beside it in the clear. kAlreadyExists if the name is taken.
  base::Result<void> StoreSystemSecret(std::string_view name, std::string_view public_info,
                                       const crypto::SecretBytes& secret);
  /// The plaintext of a system secret; kNotFound if there is none by that name.
  base::Result<crypto::SecretBytes> OpenSystemSecret(std::string_view name);

  /// Adds a keyring version and rewraps every data key under it.
  base::Result<RotationReport> RotateMasterKey();
  /// The two halves of RotateMasterKey.
  base::Result<uint32_t> AddKeyVersion();
  base::Result<size_t> RewrapAll();

  /// The live data keys that retiring versions below `version` would make unreadable.
  base::Result<std::vector<store::WrappedDek>> SecretsBelow(uint32_t version);
  /// Refuses to decrypt anything wrapped under a version below `version`. Without `force`,
  /// refused while live data keys remain under such versions; with it, `expected_destroyed` (when
  /// given) must be how many it destroys, checked in the same transaction (kAborted if not).
  base::Result<void> SetMinDecryptionVersion(uint32_t version, bool force,
                                             std::optional<size_t> expected_destroyed = {});

  base::Result<VaultStatus> Status();

 private:
  Vault(store::Store& store, base::Random& random, const base::Clock& clock, VaultOptions options,
        crypto::SecretBytes root, Keyring keyring, store::VaultMeta meta);

  // Loads (or, for a vault made before state MACs, creates) the state key.
  base::Result<void> LoadStateKey(bool create);
  // Counts one KEK wrap under `version` before it is done.
  base::Result<void> CountWrap(uint32_t version);
  base::Result<store::Blob> WrapDek(const CredentialContext& context, uint32_t version,
                                    const crypto::SecretBytes& kek, const crypto::SecretBytes& dek);
  base::Result<crypto::SecretBytes> OpenSealed(const CredentialContext& context,
                                               uint32_t kek_version, const store::Blob& wrapped_dek,
                                               std::string_view field, const store::Blob& sealed);
  base::Result<crypto::SecretBytes> UnwrapDek(const store::TenantId& tenant,
                                              const store::ConnectionId& connection,
                                              const store::Blob& wrapped);
  // The KEK of `version` (reloading the keyring once if another process added it).
  base::Result<crypto::SecretBytes> KekCopy(uint32_t version);
  // The current version as the store has it now (another process may have rotated).
  base::Result<uint32_t> CurrentVersion();

  store::Store& store_;
  base::Random& random_;
  const base::Clock& clock_;
  const VaultOptions options_;
  std::unique_ptr<StateMac> state_mac_;  // set once, in Create/Open

  mutable std::shared_mutex mu_;
  crypto::SecretBytes root_;  // GUARDED_BY(mu_)
  Keyring keyring_;           // GUARDED_BY(mu_)
  store::VaultMeta meta_;     // GUARDED_BY(mu_)

  std::mutex counter_mu_;
  uint32_t reserved_version_ = 0;  // GUARDED_BY(counter_mu_)
  uint64_t reserved_left_ = 0;     // GUARDED_BY(counter_mu_)
};

/// The sealed field that holds a key's main secret: "secret" (HMAC) or "private_key".
std::string_view SecretFieldFor(std::string_view key_type);

}  // namespace amanah::vault
