#include "cli/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace amanah::cli {

using base::Error;
using base::ErrorCode;

base::Result<crypto::SecretBytes> ReadSecretFile(const std::string& path, std::string_view what,
                                                 std::vector<std::string>* warnings) {
  const bool stdin_input = path == "-";
  // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below, never read).
  const int fd = stdin_input ? STDIN_FILENO
                             : ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    return Error(ErrorCode::kNotFound,
                 "cannot read " + std::string(what) + " " + path + ": " + std::strerror(errno));
  }
  struct Closer {
    int fd;
    bool close;
    ~Closer() {
      if (close) ::close(fd);
    }
  } closer{fd, !stdin_input};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return Error(ErrorCode::kFailedPrecondition, "cannot stat " + std::string(what) + " " + path);
  }
  if (!stdin_input) {
    if (S_ISDIR(st.st_mode)) {
      return Error(ErrorCode::kInvalidArgument,
                   std::string(what) + " " + path + " is a directory, not a file");
    }
    if (!S_ISREG(st.st_mode)) {
      return Error(ErrorCode::kInvalidArgument,
                   std::string(what) + " " + path +
                       " is not a regular file (a device, FIFO or socket); give a file, or - for "
                       "standard input");
    }
    if (st.st_size > static_cast<off_t>(kMaxKeyFileBytes)) {
      return Error(ErrorCode::kInvalidArgument,
                   std::string(what) + " " + path + " is larger than " +
                       std::to_string(kMaxKeyFileBytes / 1024) + " KiB; it cannot be a key file");
    }
    if (warnings && (st.st_mode & (S_IRGRP | S_IROTH)) != 0) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
      warnings->push_back(std::string(what) + " " + path +
                          " can be read by other users of this machine (mode " + mode +
                          "): chmod 600 it, and delete it once the key is connected");
    }
  }
  // One byte more than the cap tells an oversized stream from one that fits.
  crypto::SecretBytes buffer(kMaxKeyFileBytes + 1);
  size_t size = 0;
  while (size < buffer.size()) {
    const ssize_t n = ::read(fd, buffer.mutable_bytes().data() + size, buffer.size() - size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return Error(ErrorCode::kFailedPrecondition, "reading " + std::string(what) + " " + path +
                                                       " failed: " + std::strerror(errno));
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }
  if (size > kMaxKeyFileBytes) {
    return Error(ErrorCode::kInvalidArgument, std::string(what) + " " + path + " is larger than " +
                                                  std::to_string(kMaxKeyFileBytes / 1024) +
                                                  " KiB; it cannot be a key file");
  }
  buffer.Truncate(size);
  return buffer;
}

base::Result<KeyFile> ReadKeyFile(const std::string& path,
                                  const std::optional<std::string>& key_type) {
  KeyFile out;
  AMANAH_ASSIGN_OR_RETURN(crypto::SecretBytes text,
                          ReadSecretFile(path, "the key file", &out.warnings));
  std::optional<crypto::SecretBytes> secret;
  std::optional<crypto::SecretBytes> passphrase;
  std::string private_key_file;
  std::string_view rest = text.view();
  int number = 0;
  while (!rest.empty()) {
    ++number;
    const size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos)
      return Error(ErrorCode::kInvalidArgument,
                   "key file line " + std::to_string(number) + ": expected name=value");
    const std::string_view name = line.substr(0, eq);
    const std::string_view value = line.substr(eq + 1);
    if (name == "api_key") {
      out.key.api_key = std::string(value);
    } else if (name == "secret") {
      secret = crypto::SecretBytes::CopyFrom(value);
    } else if (name == "passphrase") {
      passphrase = crypto::SecretBytes::CopyFrom(value);
    } else if (name == "private_key_file") {
      private_key_file = std::string(value);
    } else {
      return Error(ErrorCode::kInvalidArgument,
                   "key file line " + std::to_string(number) +
                       ": unknown name (expected api_key, secret, passphrase or private_key_file)");
    }
  }
  if (out.key.api_key.empty())
    return Error(ErrorCode::kInvalidArgument, "the key file has no api_key line");
  if (secret && !private_key_file.empty())
    return Error(ErrorCode::kInvalidArgument,
                 "the key file has both a secret and a private_key_file; give one");
  if (!private_key_file.empty()) {
    AMANAH_ASSIGN_OR_RETURN(
        out.key.secret, ReadSecretFile(private_key_file, "the private key file", &out.warnings));
    auto type = exchange::PrivateKeyType(out.key.secret.view());
    if (!type) {
      return Error(ErrorCode::kInvalidArgument,
                   "the private key file is not an Ed25519 or RSA private key in PEM");
    }
    out.key.key_type = *type;
  } else if (secret) {
    out.key.secret = std::move(*secret);
    out.key.key_type = "hmac";
  } else {
    return Error(ErrorCode::kInvalidArgument,
                 "the key file has neither a secret nor a private_key_file line");
  }
  out.key.passphrase = std::move(passphrase);
  if (key_type && *key_type != out.key.key_type)
    return Error(ErrorCode::kInvalidArgument, "--key-type " + *key_type +
                                                  " does not match the key file, which holds a " +
                                                  out.key.key_type + " key");
  return out;
}

}  // namespace amanah::cli
