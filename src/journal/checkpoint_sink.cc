#include "journal/checkpoint_sink.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace amanah::journal {

base::Result<void> WritePrivateFile(const std::string& path, std::string_view content) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    return base::Fail(base::ErrorCode::kFailedPrecondition,
                      "cannot write " + path + ": " + std::strerror(errno));
  }
  // The mode given to open() is reduced by the umask; set it exactly.
  bool ok = ::fchmod(fd, 0600) == 0;
  size_t done = 0;
  while (ok && done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(ok ? errno : saved);
    ::unlink(tmp.c_str());
    return base::Fail(base::ErrorCode::kFailedPrecondition,
                      "cannot write " + path + ": " + why + " (disk full?)");
  }
  return {};
}

base::Result<void> DirectorySink::Export(const SignedCheckpoint& checkpoint) {
  AMANAH_ASSIGN_OR_RETURN(Checkpoint parsed, Checkpoint::ParseBody(checkpoint.body));
  const std::string file = checkpoint.ToFile();
  AMANAH_TRY(WritePrivateFile(directory_ + "/checkpoint-" + std::to_string(parsed.time_ms) + "-" +
                                  checkpoint.key_id + ".json",
                              file));
  return WritePrivateFile(LatestPath(), file);
}

}  // namespace amanah::journal
