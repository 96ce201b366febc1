#include "vault/env_root_key.h"

#include <cstdlib>

#include "crypto/encoding.h"

namespace amanah::vault {

base::Result<NewRootKey> EnvRootKey::Create(base::Random&) {
  AMANAH_ASSIGN_OR_RETURN(auto key, Load(""));
  return NewRootKey{std::move(key), ""};
}

base::Result<crypto::SecretBytes> EnvRootKey::Load(std::string_view) {
  const char* value = std::getenv(variable_.c_str());
  if (value == nullptr || *value == '\0') {
    return base::Fail(base::ErrorCode::kFailedPrecondition,
                      "environment variable " + variable_ +
                          " is not set; it must hold the master key as base64 of 32 bytes "
                          "(generate one with `head -c32 /dev/urandom | base64`)");
  }
  auto key = crypto::Base64DecodeSecret(value);
  if (!key || key->size() != kRootKeySize) {
    return base::Fail(
        base::ErrorCode::kInvalidArgument,
        "environment variable " + variable_ + " does not hold base64 of exactly 32 bytes");
  }
  return std::move(*key);
}

}  // namespace amanah::vault
