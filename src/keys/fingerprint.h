// A key's fingerprint: hex SHA-256 of exchange ‖ "\n" ‖ API key id — unique across live
// connections, so that one key belongs to one connection.
#pragma once

#include <string>
#include <string_view>

#include "crypto/encoding.h"
#include "crypto/sha2.h"

namespace amanah::keys {

inline std::string KeyFingerprint(std::string_view exchange, std::string_view api_key) {
  std::string text(exchange);
  text += '\n';
  text += api_key;
  return crypto::HexEncode(crypto::Sha256(crypto::AsBytes(text)));
}

}  // namespace amanah::keys
