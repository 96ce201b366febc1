#include "keys/suspension_marks.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace amanah::keys {

using base::ErrorCode;

std::string SuspensionMarks::PathOf(const store::ConnectionId& id) const {
  std::string safe;
  for (char c : id.value()) safe += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return directory_ + "/" + safe;
}

base::Result<void> SuspensionMarks::Mark(const store::ConnectionId& id, std::string_view reason) {
  if (::mkdir(directory_.c_str(), 0700) != 0 && errno != EEXIST) {
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "cannot create " + directory_ + ": " + std::strerror(errno));
  }
  const std::string path = PathOf(id);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    return base::Fail(ErrorCode::kFailedPrecondition,
                      "cannot mark " + path + ": " + std::strerror(errno));
  }
  const std::string text(reason);
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  // Even an empty file marks the connection: a short write still blocks it.
  if (!ok) return base::Fail(ErrorCode::kFailedPrecondition, "cannot write " + path);
  return {};
}

base::Result<void> SuspensionMarks::Clear(const store::ConnectionId& id) {
  if (::unlink(PathOf(id).c_str()) != 0 && errno != ENOENT) {
    return base::Fail(ErrorCode::kFailedPrecondition, "cannot clear the suspension mark of " +
                                                          id.value() + ": " + std::strerror(errno));
  }
  return {};
}

base::Result<std::optional<std::string>> SuspensionMarks::Find(
    const store::ConnectionId& id) const {
  const std::string path = PathOf(id);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return std::optional<std::string>();
    // Cannot tell: treat as marked (fail closed).
    return std::optional<std::string>("its suspension mark cannot be read: " +
                                      std::string(std::strerror(errno)));
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return std::optional<std::string>(text.str().substr(0, 512));
}

}  // namespace amanah::keys
