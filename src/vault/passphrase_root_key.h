// PassphraseRootKey: the `passphrase:PATH` root key provider (see root_key_provider.h). The root
// key is argon2id(passphrase, salt) with the parameters recorded at creation as
// "argon2id$v=19$m=<KiB>,t=<iterations>,p=<lanes>$<salt base64>".
#pragma once

#include "vault/root_key_provider.h"

namespace amanah::vault {

class PassphraseRootKey final : public RootKeyProvider {
 public:
  /// `source` is a file path or "-" for standard input.
  PassphraseRootKey(std::string source, crypto::Argon2idParams params)
      : source_(std::move(source)), params_(params) {}
  std::string_view kind() const override { return "passphrase"; }
  base::Result<NewRootKey> Create(base::Random& random) override;
  base::Result<crypto::SecretBytes> Load(std::string_view kdf_record) override;

  static constexpr size_t kMinLength = 12;

 private:
  base::Result<crypto::SecretBytes> ReadPassphrase();

  std::string source_;
  crypto::Argon2idParams params_;
};

}  // namespace amanah::vault
