// Envelope: the byte formats of everything the vault seals, and the additional authenticated data
// (AAD) that binds each blob to its place. All integers are big-endian.
//
//   sealed      = format:u8 (0x01) ‖ nonce[12] ‖ ciphertext ‖ tag[16]     AES-256-GCM
//   wrapped_dek = format:u8 (0x02) ‖ kek_version:u32 ‖ nonce[12] ‖ ciphertext[32] ‖ tag[16]
//   keyring key = format:u8 (0x03) ‖ nonce[12] ‖ ciphertext[32] ‖ tag[16] (sealed by the root key)
//
//   aad        = purpose ‖ header ‖ field*          (header = the blob's bytes before the nonce)
//   field      = length:u32 ‖ bytes                 (length-prefixed: no two lists encode alike)
//   purposes   = "amanah/secret/v1", "amanah/dek/v1", "amanah/keyring/v1"
//   secret AAD fields:  tenant, connection id, exchange, api key id, field name
//   dek AAD fields:     tenant, connection id
//   keyring AAD fields: version (decimal)
//
// A flipped bit anywhere (format, version, nonce, ciphertext, tag) or a blob moved to another
// tenant, connection, exchange, key or field fails authentication. Stateless; thread-safe.
#pragma once

#include <initializer_list>
#include <string_view>

#include "base/random.h"
#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace amanah::vault {

enum class BlobFormat : uint8_t { kSealed = 0x01, kWrappedDek = 0x02, kKeyringKey = 0x03 };

inline constexpr std::string_view kSecretPurpose = "amanah/secret/v1";
inline constexpr std::string_view kDekPurpose = "amanah/dek/v1";
inline constexpr std::string_view kKeyringPurpose = "amanah/keyring/v1";

/// purpose ‖ header ‖ each field length-prefixed.
crypto::Bytes BuildAad(std::string_view purpose, crypto::ByteView header,
                       std::initializer_list<std::string_view> fields);

/// Seals `plaintext` under `key` with a fresh random nonce; `header` is the blob's leading bytes
/// (format and, for data keys, the version), written first and bound through the AAD.
base::Result<crypto::Bytes> SealBlob(crypto::ByteView key, base::Random& random,
                                     crypto::ByteView header, std::string_view purpose,
                                     std::initializer_list<std::string_view> fields,
                                     crypto::ByteView plaintext);

/// Opens a blob produced by SealBlob with the same header length, purpose and fields.
base::Result<crypto::SecretBytes> OpenBlob(crypto::ByteView key, crypto::ByteView blob,
                                           size_t header_size, std::string_view purpose,
                                           std::initializer_list<std::string_view> fields);

/// The header of a wrapped data key: 0x02 ‖ version.
crypto::Bytes DekHeader(uint32_t kek_version);
/// The version a wrapped data key names, or kDataLoss if the blob is not a wrapped data key.
base::Result<uint32_t> DekVersion(crypto::ByteView wrapped);

}  // namespace amanah::vault
