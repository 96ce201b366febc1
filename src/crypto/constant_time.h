// Constant-time comparison for signatures, tags and tokens: the time taken depends only on the
// lengths, never on where the inputs differ.
#pragma once

#include "crypto/bytes.h"

namespace amanah::crypto {

bool ConstantTimeEquals(ByteView a, ByteView b);
inline bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return ConstantTimeEquals(AsBytes(a), AsBytes(b));
}

}  // namespace amanah::crypto
