#include "crypto/secret_bytes.h"

#include <openssl/crypto.h>

#include <atomic>
#include <cstring>
#include <ostream>

#include "base/check.h"
#include "crypto/locked_pool.h"

namespace amanah::crypto {
namespace {

std::atomic<SecretBytes::ReleaseHook> g_release_hook{nullptr};

}  // namespace

SecretBytes::SecretBytes(size_t size) : size_(size) {
  if (size == 0) return;
  const internal::LockedBlock block = internal::AllocateLocked(size);
  data_ = block.data;
  mapped_ = block.capacity;
  locked_ = block.locked;
}

SecretBytes SecretBytes::CopyFrom(std::span<const uint8_t> bytes) {
  SecretBytes s(bytes.size());
  if (!bytes.empty()) std::memcpy(s.data_, bytes.data(), bytes.size());
  return s;
}

SecretBytes SecretBytes::CopyFrom(std::string_view text) {
  return CopyFrom(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(other.data_), size_(other.size_), mapped_(other.mapped_), locked_(other.locked_) {
  other.data_ = nullptr;
  other.size_ = other.mapped_ = 0;
  other.locked_ = false;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = other.data_;
    size_ = other.size_;
    mapped_ = other.mapped_;
    locked_ = other.locked_;
    other.data_ = nullptr;
    other.size_ = other.mapped_ = 0;
    other.locked_ = false;
  }
  return *this;
}

SecretBytes::~SecretBytes() { Release(); }

void SecretBytes::Truncate(size_t size) {
  AMANAH_CHECK(size <= size_);
  if (size < size_) OPENSSL_cleanse(data_ + size, size_ - size);
  size_ = size;
}

void SecretBytes::Release() {
  if (data_ == nullptr) return;
  OPENSSL_cleanse(data_, mapped_);
  if (auto hook = g_release_hook.load()) hook(data_, mapped_);
  internal::ReleaseLocked({data_, mapped_, locked_});
  data_ = nullptr;
  size_ = mapped_ = 0;
  locked_ = false;
}

void SecretBytes::SetReleaseHookForTesting(ReleaseHook hook) { g_release_hook.store(hook); }

void PrintTo(const SecretBytes& secret, std::ostream* out) {
  *out << "SecretBytes(<redacted>, " << secret.size() << " bytes)";
}

}  // namespace amanah::crypto
