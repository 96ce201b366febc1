// SecretBytes: the only place plaintext secrets (exchange API secrets, private keys, data keys,
// master keys, passphrases) live. Its memory comes from the locked pool (locked_pool.h): locked
// against swap (mlock, best effort: locked() says whether it held), excluded from core dumps
// (MADV_DONTDUMP), and zeroized before it is released. Move-only. There is deliberately no way to
// print, format, log or compare it with ==: read it through bytes()/view() only where it is used
// (signing, sealing). Thread-compatible: one owner at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <span>
#include <string_view>

namespace amanah::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  /// `size` zero bytes.
  explicit SecretBytes(size_t size);
  static SecretBytes CopyFrom(std::span<const uint8_t> bytes);
  static SecretBytes CopyFrom(std::string_view text);

  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  /// Whether the pages are locked in RAM (mlock succeeded).
  bool locked() const { return locked_; }

  std::span<const uint8_t> bytes() const { return {data_, size_}; }
  std::span<uint8_t> mutable_bytes() { return {data_, size_}; }
  /// The bytes as characters, for APIs that take text (an API secret is ASCII).
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

  /// Shrinks to the first `size` bytes, zeroizing the rest. REQUIRES: size <= this->size().
  void Truncate(size_t size);

  /// Test hook: called with the buffer just before its pages are returned, after zeroization,
  /// so a test can prove that released secret memory holds only zeros. nullptr removes it.
  using ReleaseHook = void (*)(const uint8_t* data, size_t mapped_size);
  static void SetReleaseHookForTesting(ReleaseHook hook);

  /// GoogleTest's printer: shows the size only.
  friend void PrintTo(const SecretBytes& secret, std::ostream* out);
  /// Streaming a secret is a compile error.
  friend std::ostream& operator<<(std::ostream&, const SecretBytes&) = delete;

 private:
  void Release();

  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t mapped_ = 0;
  bool locked_ = false;
};

}  // namespace amanah::crypto
