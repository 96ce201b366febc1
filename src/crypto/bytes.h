// Byte vocabulary shared by the crypto module: owned non-secret bytes (Bytes), borrowed bytes
// (ByteView), a view of text as bytes, and big-endian integers appended to bytes. Secrets use
// SecretBytes instead.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace amanah::crypto {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

inline ByteView AsBytes(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}
inline std::string_view AsText(ByteView bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
/// Appends `v` as four bytes, most significant first (lengths and versions in MAC'd or
/// authenticated data).
inline void PutU32(Bytes& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(v >> shift));
}

}  // namespace amanah::crypto
