// EnvRootKey: the `env:VAR` root key provider (see root_key_provider.h).
#pragma once

#include "vault/root_key_provider.h"

namespace amanah::vault {

class EnvRootKey final : public RootKeyProvider {
 public:
  explicit EnvRootKey(std::string variable) : variable_(std::move(variable)) {}
  std::string_view kind() const override { return "env"; }
  /// The key must already be in the variable: an operator generates and keeps it.
  base::Result<NewRootKey> Create(base::Random& random) override;
  base::Result<crypto::SecretBytes> Load(std::string_view kdf_record) override;

 private:
  std::string variable_;
};

}  // namespace amanah::vault
