// FileRootKey: the `file:PATH` root key provider (see root_key_provider.h).
#pragma once

#include "vault/root_key_provider.h"

namespace amanah::vault {

class FileRootKey final : public RootKeyProvider {
 public:
  explicit FileRootKey(std::string path) : path_(std::move(path)) {}
  std::string_view kind() const override { return "file"; }
  /// Creates the file (0600, exclusive) with a new key; an existing key file is loaded instead.
  base::Result<NewRootKey> Create(base::Random& random) override;
  base::Result<crypto::SecretBytes> Load(std::string_view kdf_record) override;

 private:
  std::string path_;
};

}  // namespace amanah::vault
