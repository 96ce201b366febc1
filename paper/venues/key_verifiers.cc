#include "venues/key_verifiers.h"

#include "crypto/constant_time.h"
#include "crypto/encoding.h"

namespace amanah::paper {

namespace {

constexpr size_t kMaxEntries = 4096;  // more keys than this only costs a re-preparation

}  // namespace

KeyVerifiers::Entry& KeyVerifiers::For(const ApiKey& key) {
  const std::string& material = key.type == KeyType::kHmac ? key.secret : key.public_pem;
  auto found = entries_.find(key.api_key);
  if (found != entries_.end() && found->second.material == material) return found->second;
  if (found != entries_.end()) entries_.erase(found);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  Entry& entry = entries_[key.api_key];
  entry.material = material;
  return entry;
}

const crypto::HmacSigner* KeyVerifiers::Signer(const ApiKey& key, crypto::HashAlgorithm algorithm) {
  if (key.type != KeyType::kHmac) return nullptr;
  Entry& entry = For(key);
  auto& slot = algorithm == crypto::HashAlgorithm::kSha256 ? entry.sha256 : entry.sha512;
  if (!slot) {
    auto made = crypto::HmacSigner::Create(algorithm, crypto::AsBytes(key.secret));
    if (!made) return nullptr;
    slot.emplace(std::move(*made));
  }
  return &*slot;
}

bool KeyVerifiers::HmacHex(const ApiKey& key, crypto::HashAlgorithm algorithm,
                           std::string_view message, std::string_view signature_hex) {
  return HmacEquals(key, algorithm, message, crypto::HexDecode(signature_hex));
}

bool KeyVerifiers::HmacBase64(const ApiKey& key, crypto::HashAlgorithm algorithm,
                              std::string_view message, std::string_view signature) {
  return HmacEquals(key, algorithm, message, crypto::Base64Decode(signature));
}

bool KeyVerifiers::HmacEquals(const ApiKey& key, crypto::HashAlgorithm algorithm,
                              std::string_view message, const base::Result<crypto::Bytes>& given) {
  const crypto::HmacSigner* signer = Signer(key, algorithm);
  if (signer == nullptr || !given) return false;
  return crypto::ConstantTimeEquals(signer->Sign(crypto::AsBytes(message)), *given);
}

bool KeyVerifiers::HmacBase64DecodedKey(const ApiKey& key, crypto::HashAlgorithm algorithm,
                                        std::string_view message, std::string_view signature) {
  if (key.type != KeyType::kHmac || algorithm != crypto::HashAlgorithm::kSha512) return false;
  Entry& entry = For(key);
  if (!entry.sha512_decoded) {
    auto raw = crypto::Base64DecodeSecret(key.secret);
    if (!raw || raw->empty()) return false;
    auto made = crypto::HmacSigner::Create(algorithm, raw->bytes());
    if (!made) return false;
    entry.sha512_decoded.emplace(std::move(*made));
  }
  auto given = crypto::Base64Decode(signature);
  return given &&
         crypto::ConstantTimeEquals(entry.sha512_decoded->Sign(crypto::AsBytes(message)), *given);
}

bool KeyVerifiers::Ed25519Base64(const ApiKey& key, std::string_view message,
                                 std::string_view signature) {
  if (key.type != KeyType::kEd25519) return false;
  Entry& entry = For(key);
  if (!entry.ed25519) {
    auto parsed = crypto::Ed25519PublicKey::FromPem(key.public_pem);
    if (!parsed) return false;
    entry.ed25519.emplace(std::move(*parsed));
  }
  auto raw = crypto::Base64Decode(signature);
  return raw && entry.ed25519->Verify(crypto::AsBytes(message), *raw);
}

bool KeyVerifiers::RsaBase64(const ApiKey& key, std::string_view message,
                             std::string_view signature) {
  if (key.type != KeyType::kRsa) return false;
  Entry& entry = For(key);
  if (!entry.rsa) {
    auto parsed = crypto::RsaPublicKey::FromPem(key.public_pem);
    if (!parsed) return false;
    entry.rsa.emplace(std::move(*parsed));
  }
  auto raw = crypto::Base64Decode(signature);
  return raw && entry.rsa->VerifyPkcs1Sha256(crypto::AsBytes(message), *raw);
}

}  // namespace amanah::paper
