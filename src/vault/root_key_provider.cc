#include "vault/root_key_provider.h"

#include "vault/env_root_key.h"
#include "vault/file_root_key.h"
#include "vault/passphrase_root_key.h"

namespace amanah::vault {

base::Result<std::unique_ptr<RootKeyProvider>> MakeRootKeyProvider(
    std::string_view spec, const crypto::Argon2idParams& kdf_params) {
  const size_t colon = spec.find(':');
  const std::string_view kind = spec.substr(0, colon);
  const std::string arg(colon == spec.npos ? "" : spec.substr(colon + 1));
  if (colon != spec.npos && !arg.empty()) {
    if (kind == "file") return std::unique_ptr<RootKeyProvider>(new FileRootKey(arg));
    if (kind == "env") return std::unique_ptr<RootKeyProvider>(new EnvRootKey(arg));
    if (kind == "passphrase") {
      return std::unique_ptr<RootKeyProvider>(new PassphraseRootKey(arg, kdf_params));
    }
  }
  return base::Fail(base::ErrorCode::kInvalidArgument,
                    "master key source \"" + std::string(spec.substr(0, 64)) +
                        "\" is not one of file:PATH, env:VARIABLE or passphrase:PATH|-");
}

}  // namespace amanah::vault
