#include "crypto/secret_bytes.h"

#include <openssl/crypto.h>
#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <ostream>

#include "base/check.h"

namespace amanah::crypto {
namespace {

std::atomic<SecretBytes::ReleaseHook> g_release_hook{nullptr};

size_t PageRounded(size_t n) {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return (n + page - 1) / page * page;
}

}  // namespace

SecretBytes::SecretBytes(size_t size) : size_(size) {
  if (size == 0) return;
  mapped_ = PageRounded(size);
  void* p = mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  AMANAH_CHECK(p != MAP_FAILED, "cannot map memory for a secret");
  data_ = static_cast<uint8_t*>(p);
  madvise(data_, mapped_, MADV_DONTDUMP);
  locked_ = mlock(data_, mapped_) == 0;
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
  if (locked_) munlock(data_, mapped_);
  munmap(data_, mapped_);
  data_ = nullptr;
  size_ = mapped_ = 0;
  locked_ = false;
}

void SecretBytes::SetReleaseHookForTesting(ReleaseHook hook) { g_release_hook.store(hook); }

void PrintTo(const SecretBytes& secret, std::ostream* out) {
  *out << "SecretBytes(<redacted>, " << secret.size() << " bytes)";
}

}  // namespace amanah::crypto
