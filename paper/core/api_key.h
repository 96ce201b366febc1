// ApiKey: an exchange API key as the exchange stores it — the venue that issued it, its type and
// verification material (and the passphrase some venues require with it), the account it acts
// for, its neutral permission flags, its IP whitelist and creation time. Owned by Exchange,
// guarded by its lock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/permissions.h"

namespace amanah::paper {

enum class KeyType { kHmac, kEd25519, kRsa };

struct ApiKey {
  std::string api_key;
  std::string venue;  ///< the venue that issued it: its account's venue
  uint64_t account = 0;
  KeyType type = KeyType::kHmac;
  std::string secret;      ///< HMAC secret (a paper exchange keeps it, like a real one)
  std::string public_pem;  ///< Ed25519 or RSA public key, PEM
  std::string passphrase;  ///< sent with every request on venues that require one; else empty
  Permissions permissions;
  std::vector<std::string> ip_whitelist;  ///< empty = unrestricted
  int64_t create_time = 0;                ///< ms since epoch
};

std::string_view KeyTypeName(KeyType type);

}  // namespace amanah::paper
