// Vault: envelope encryption of exchange credentials.
//
// Key hierarchy (the HashiCorp Vault barrier model): a root key from a RootKeyProvider seals a
// keyring of versioned key-encryption keys (KEKs) kept in the store; each credential gets its own
// random 256-bit data key (DEK) that seals its secret fields with AES-256-GCM and is itself wrapped
// by the current KEK. The byte formats and AADs are in envelope.h: a sealed field is bound to its
// tenant, connection, exchange, API key id and field name; a wrapped DEK to its tenant and
// connection and KEK version.
//
// Rotation (`RotateMasterKey`) adds a KEK version and rewraps every DEK in batches while the vault
// stays usable; `SetMinDecryptionVersion` retires old versions. Every KEK wrap is counted, durably
// and before it happens, against a per-version limit far below 2^32 (NIST SP 800-38D §8.3 for
// random 96-bit nonces). Shredding deletes a credential's wrapped DEK and sealed fields together.
//
// Plaintext exists only in SecretBytes returned to the caller. Thread-safe, provided the injected
// Random is (crypto::Csprng is).
#pragma once

#include <memory>
#include <mutex>
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
  /// Creates a new vault: root key from `provider`, keyring version 1. kAlreadyExists if the store
  /// already has one.
  static base::Result<std::unique_ptr<Vault>> Create(store::Store& store, RootKeyProvider& provider,
                                                     base::Random& random, const base::Clock& clock,
                                                     VaultOptions options = {});
  /// Opens an existing vault; fails clearly on a wrong root key or an uninitialised store.
  static base::Result<std::unique_ptr<Vault>> Open(store::Store& store, RootKeyProvider& provider,
                                                   base::Random& random, const base::Clock& clock,
                                                   VaultOptions options = {});

  /// Seals `fields` for the credential in `context` under a new data key.
  base::Result<SealedCredential> Seal(const CredentialContext& context,
                                      std::span<const SecretInput> fields);
  /// The plaintext of one sealed field of a stored connection.
  base::Result<crypto::SecretBytes> OpenField(const store::Connection& connection,
                                              std::string_view field);

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

  /// Refuses to decrypt anything wrapped under a version below `version`. Without `force`,
  /// refused while live data keys remain under such versions.
  base::Result<void> SetMinDecryptionVersion(uint32_t version, bool force);

  /// Crypto-shred: the connection's data key and sealed fields are deleted together.
  base::Result<void> Shred(const store::ConnectionId& connection);

  base::Result<VaultStatus> Status();

 private:
  Vault(store::Store& store, base::Random& random, const base::Clock& clock, VaultOptions options,
        crypto::SecretBytes root, Keyring keyring, store::VaultMeta meta);

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
  // The KEK of `version` (reloading the keyring once if another process added it); copies it into
  // `out` under the lock so the caller holds no lock while using it.
  base::Result<crypto::SecretBytes> KekCopy(uint32_t version);

  store::Store& store_;
  base::Random& random_;
  const base::Clock& clock_;
  const VaultOptions options_;

  mutable std::shared_mutex mu_;
  crypto::SecretBytes root_;  // GUARDED_BY(mu_)
  Keyring keyring_;           // GUARDED_BY(mu_)
  store::VaultMeta meta_;     // GUARDED_BY(mu_)

  std::mutex counter_mu_;
  uint32_t reserved_version_ = 0;  // GUARDED_BY(counter_mu_)
  uint64_t reserved_left_ = 0;     // GUARDED_BY(counter_mu_)
};

}  // namespace amanah::vault
