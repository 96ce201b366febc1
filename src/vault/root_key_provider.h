// RootKeyProvider: where the vault's root (master) key comes from. The root key seals the keyring
// of key-encryption keys; it is never stored in the database. Three providers, chosen by a spec
// string (never containing the key itself):
//
//   file:PATH          32 random bytes, base64, in a file created 0600 on first use (the default,
//                      `file:<data-dir>/master.key`); refused if group/others can read it or it is
//                      not ours.
//   env:VAR            base64 of 32 bytes in environment variable VAR.
//   passphrase:PATH    a passphrase read from PATH (`-` = standard input), stretched with argon2id;
//                      the salt and parameters are stored with the vault (`kdf_record`).
//
// Thread-compatible.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/random.h"
#include "base/result.h"
#include "crypto/argon2id.h"
#include "crypto/secret_bytes.h"

namespace amanah::vault {

inline constexpr size_t kRootKeySize = 32;

struct NewRootKey {
  crypto::SecretBytes key;
  std::string kdf_record;  ///< stored beside the vault; empty unless derived from a passphrase
};

class RootKeyProvider {
 public:
  virtual ~RootKeyProvider() = default;
  /// "file", "env" or "passphrase".
  virtual std::string_view kind() const = 0;
  /// For a new vault: the root key, created where the provider keeps it if needed.
  virtual base::Result<NewRootKey> Create(base::Random& random) = 0;
  /// For an existing vault, given the kdf_record stored at creation.
  virtual base::Result<crypto::SecretBytes> Load(std::string_view kdf_record) = 0;
};

/// Parses a provider spec. `kdf_params` are used by `passphrase:` when creating a vault.
base::Result<std::unique_ptr<RootKeyProvider>> MakeRootKeyProvider(
    std::string_view spec, const crypto::Argon2idParams& kdf_params = {});

}  // namespace amanah::vault
