// KeyFile: an exchange key as the user hands it over — a file (or stdin with "-") of lines
// `api_key=…` and `secret=…` (HMAC) or `private_key_file=PATH` (Ed25519 or RSA PEM), the format
// amanah-paper --keys-out writes. The secret goes straight into SecretBytes and is never echoed:
// errors name the line, never its content. Secrets never come from argv.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "crypto/secret_bytes.h"

namespace amanah::cli {

struct KeyFile {
  std::string api_key;
  std::string key_type;        ///< "hmac", "ed25519" or "rsa"
  crypto::SecretBytes secret;  ///< the HMAC secret or the private key PEM
};

/// `path` "-" reads stdin. `key_type` forces a type; otherwise it follows from the file.
base::Result<KeyFile> ReadKeyFile(const std::string& path,
                                  const std::optional<std::string>& key_type);

}  // namespace amanah::cli
