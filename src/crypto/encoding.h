// Text encodings of bytes: lowercase hex, base64 (RFC 4648 §4, padded), base64url (§5, unpadded)
// and RFC 3986 percent-encoding (unreserved characters kept, uppercase hex), the forms exchange
// signatures and keys come in. Decoders are strict: a malformed input is an error naming why, and
// nothing is returned. Decoders into SecretBytes exist for secrets that arrive encoded.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace amanah::crypto {

std::string HexEncode(ByteView bytes);
base::Result<Bytes> HexDecode(std::string_view hex);

std::string Base64Encode(ByteView bytes);
base::Result<Bytes> Base64Decode(std::string_view text);
base::Result<SecretBytes> Base64DecodeSecret(std::string_view text);

std::string Base64UrlEncode(ByteView bytes);
base::Result<Bytes> Base64UrlDecode(std::string_view text);

/// Every byte outside A-Z a-z 0-9 - . _ ~ becomes %XX (uppercase hex).
std::string PercentEncode(std::string_view text);
base::Result<std::string> PercentDecode(std::string_view text);

}  // namespace amanah::crypto
