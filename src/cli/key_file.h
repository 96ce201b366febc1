// KeyFile: an exchange key as the user hands it over — a file (or stdin with "-") of lines
// `api_key=…` and `secret=…` (HMAC) or `private_key_file=PATH` (Ed25519 or RSA PEM), and for
// exchanges that have one `passphrase=…`: the format amanah-paper --keys-out writes. The file is
// read with read(2) straight into locked memory (SecretBytes), at most 64 KiB, and only from a
// regular file (a directory, a FIFO or /dev/zero is refused, never read forever); errors name the
// line, never its content. A key file that other users can read earns a warning. Secrets never
// come from argv.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "exchange/key_material.h"

namespace amanah::cli {

inline constexpr size_t kMaxKeyFileBytes = 64 * 1024;

struct KeyFile {
  exchange::KeyMaterial key;
  /// Things the user should know (a file readable by others).
  std::vector<std::string> warnings;
};

/// `path` "-" reads stdin. `key_type` forces a type; otherwise it follows from the file.
base::Result<KeyFile> ReadKeyFile(const std::string& path,
                                  const std::optional<std::string>& key_type);

/// The whole of a regular file (or stdin for "-"), into locked memory; `what` names it in errors.
base::Result<crypto::SecretBytes> ReadSecretFile(const std::string& path, std::string_view what,
                                                 std::vector<std::string>* warnings);

}  // namespace amanah::cli
