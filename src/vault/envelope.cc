#include "vault/envelope.h"

#include "crypto/aes_gcm.h"

namespace amanah::vault {
using crypto::PutU32;

namespace {

base::Error Corrupt(std::string_view why) {
  return base::Error(base::ErrorCode::kDataLoss, "sealed data is malformed: " + std::string(why));
}

}  // namespace

crypto::Bytes BuildAad(std::string_view purpose, crypto::ByteView header,
                       std::initializer_list<std::string_view> fields) {
  crypto::Bytes aad(purpose.begin(), purpose.end());
  aad.insert(aad.end(), header.begin(), header.end());
  for (std::string_view f : fields) {
    PutU32(aad, static_cast<uint32_t>(f.size()));
    aad.insert(aad.end(), f.begin(), f.end());
  }
  return aad;
}

base::Result<crypto::Bytes> SealBlob(crypto::ByteView key, base::Random& random,
                                     crypto::ByteView header, std::string_view purpose,
                                     std::initializer_list<std::string_view> fields,
                                     crypto::ByteView plaintext) {
  uint8_t nonce[crypto::kAesGcmNonceSize];
  random.Fill(nonce);
  AMANAH_ASSIGN_OR_RETURN(
      auto sealed, crypto::AesGcmSeal(key, nonce, BuildAad(purpose, header, fields), plaintext));
  crypto::Bytes blob(header.begin(), header.end());
  blob.insert(blob.end(), std::begin(nonce), std::end(nonce));
  blob.insert(blob.end(), sealed.begin(), sealed.end());
  return blob;
}

base::Result<crypto::SecretBytes> OpenBlob(crypto::ByteView key, crypto::ByteView blob,
                                           size_t header_size, std::string_view purpose,
                                           std::initializer_list<std::string_view> fields) {
  if (blob.size() < header_size + crypto::kAesGcmNonceSize + crypto::kAesGcmTagSize) {
    return Corrupt("too short");
  }
  const auto header = blob.first(header_size);
  const auto nonce = blob.subspan(header_size, crypto::kAesGcmNonceSize);
  const auto sealed = blob.subspan(header_size + crypto::kAesGcmNonceSize);
  return crypto::AesGcmOpen(key, nonce, BuildAad(purpose, header, fields), sealed);
}

crypto::Bytes DekHeader(uint32_t kek_version) {
  crypto::Bytes h{static_cast<uint8_t>(BlobFormat::kWrappedDek)};
  PutU32(h, kek_version);
  return h;
}

base::Result<uint32_t> DekVersion(crypto::ByteView wrapped) {
  if (wrapped.size() < 5 || wrapped[0] != static_cast<uint8_t>(BlobFormat::kWrappedDek)) {
    return Corrupt("not a wrapped data key");
  }
  return uint32_t{wrapped[1]} << 24 | uint32_t{wrapped[2]} << 16 | uint32_t{wrapped[3]} << 8 |
         uint32_t{wrapped[4]};
}

}  // namespace amanah::vault
