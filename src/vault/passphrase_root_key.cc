#include "vault/passphrase_root_key.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>

#include "crypto/encoding.h"

namespace amanah::vault {
namespace {

using base::ErrorCode;

std::string Record(const crypto::Argon2idParams& p, crypto::ByteView salt) {
  return "argon2id$v=19$m=" + std::to_string(p.memory_kib) + ",t=" + std::to_string(p.iterations) +
         ",p=" + std::to_string(p.parallelism) + "$" + crypto::Base64Encode(salt);
}

bool ParseU32(std::string_view s, uint32_t* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

base::Result<std::pair<crypto::Argon2idParams, crypto::Bytes>> ParseRecord(std::string_view r) {
  auto bad = [&] {
    return base::Fail(ErrorCode::kDataLoss, "the vault's passphrase parameters are malformed: \"" +
                                                std::string(r) + "\"");
  };
  constexpr std::string_view kPrefix = "argon2id$v=19$m=";
  if (r.substr(0, kPrefix.size()) != kPrefix) return bad();
  r.remove_prefix(kPrefix.size());
  const size_t t = r.find(",t="), p = r.find(",p="), d = r.find('$');
  if (t == r.npos || p == r.npos || d == r.npos || !(t < p && p < d)) return bad();
  crypto::Argon2idParams params;
  if (!ParseU32(r.substr(0, t), &params.memory_kib) ||
      !ParseU32(r.substr(t + 3, p - t - 3), &params.iterations) ||
      !ParseU32(r.substr(p + 3, d - p - 3), &params.parallelism)) {
    return bad();
  }
  auto salt = crypto::Base64Decode(r.substr(d + 1));
  if (!salt || salt->size() < 16) return bad();
  return std::make_pair(params, std::move(*salt));
}

}  // namespace

base::Result<crypto::SecretBytes> PassphraseRootKey::ReadPassphrase() {
  const bool from_stdin = source_ == "-";
  const int fd = from_stdin ? STDIN_FILENO : ::open(source_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "cannot open passphrase file " + source_ + ": " + std::strerror(errno));
  }
  crypto::SecretBytes buf(4096);
  size_t n = 0;
  while (n < buf.size()) {
    const ssize_t got = ::read(fd, buf.mutable_bytes().data() + n, buf.size() - n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    n += static_cast<size_t>(got);
    if (from_stdin && buf.view().substr(0, n).find('\n') != std::string_view::npos) break;
  }
  if (!from_stdin) ::close(fd);
  // The passphrase is the first line.
  const size_t eol = buf.view().substr(0, n).find_first_of("\r\n");
  buf.Truncate(eol == std::string_view::npos ? n : eol);
  if (buf.size() < kMinLength) {
    return base::Fail(
        ErrorCode::kInvalidArgument,
        "the passphrase must be at least " + std::to_string(kMinLength) + " characters long");
  }
  return buf;
}

base::Result<NewRootKey> PassphraseRootKey::Create(base::Random& random) {
  AMANAH_ASSIGN_OR_RETURN(auto passphrase, ReadPassphrase());
  crypto::Bytes salt(16);
  random.Fill(salt);
  AMANAH_ASSIGN_OR_RETURN(auto key,
                          crypto::Argon2id(passphrase.bytes(), salt, params_, kRootKeySize));
  return NewRootKey{std::move(key), Record(params_, salt)};
}

base::Result<crypto::SecretBytes> PassphraseRootKey::Load(std::string_view kdf_record) {
  AMANAH_ASSIGN_OR_RETURN(auto parsed, ParseRecord(kdf_record));
  AMANAH_ASSIGN_OR_RETURN(auto passphrase, ReadPassphrase());
  return crypto::Argon2id(passphrase.bytes(), parsed.second, parsed.first, kRootKeySize);
}

}  // namespace amanah::vault
