#include "vault/file_root_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "base/wipe.h"
#include "crypto/encoding.h"

namespace amanah::vault {
namespace {

using base::ErrorCode;

std::string Octal(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

// Decodes the file's text ("<base64>\n") into the 32-byte key.
base::Result<crypto::SecretBytes> Decode(const crypto::SecretBytes& text, const std::string& path) {
  std::string_view s = text.view();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' '))
    s.remove_suffix(1);
  auto key = crypto::Base64DecodeSecret(s);
  if (!key || key->size() != kRootKeySize) {
    return base::Fail(ErrorCode::kDataLoss,
                      "master key file " + path + " is malformed: expected base64 of 32 bytes");
  }
  return std::move(*key);
}

}  // namespace

base::Result<NewRootKey> FileRootKey::Create(base::Random& random) {
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0 && errno == EEXIST) {
    AMANAH_ASSIGN_OR_RETURN(auto key, Load(""));
    return NewRootKey{std::move(key), ""};
  }
  if (fd < 0) {
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "cannot create master key file " + path_ + ": " + std::strerror(errno));
  }
  crypto::SecretBytes key(kRootKeySize);
  random.Fill(key.mutable_bytes());
  std::string text = crypto::Base64Encode(key.bytes()) + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  const int saved_errno = errno;
  base::Wipe(text);
  ::close(fd);
  if (!ok) {
    ::unlink(path_.c_str());
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "cannot write master key file " + path_ + ": " + std::strerror(saved_errno));
  }
  return NewRootKey{std::move(key), ""};
}

base::Result<crypto::SecretBytes> FileRootKey::Load(std::string_view) {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (errno == ENOENT) {
      return base::Fail(ErrorCode::kFailedPrecondition,
                        "master key file " + path_ +
                            " does not exist; restore it from your backup (without it the stored "
                            "secrets cannot be read), or run `amanah vault init` for a new vault");
    }
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "cannot open master key file " + path_ + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "master key file " + path_ + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    ::close(fd);
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "master key file " + path_ + " is readable by others (mode " +
                          Octal(st.st_mode) + "); run `chmod 600 " + path_ + "` and try again");
  }
  if (st.st_uid != ::geteuid()) {
    ::close(fd);
    return base::Fail(ErrorCode::kFailedPrecondition, "master key file " + path_ +
                                                          " belongs to another user (uid " +
                                                          std::to_string(st.st_uid) + ")");
  }
  crypto::SecretBytes text(256);
  const ssize_t n = ::read(fd, text.mutable_bytes().data(), text.size());
  ::close(fd);
  if (n < 0) {
    return base::Fail(ErrorCode::kFailedPrecondition, "cannot read master key file " + path_);
  }
  text.Truncate(static_cast<size_t>(n));
  return Decode(text, path_);
}

}  // namespace amanah::vault
