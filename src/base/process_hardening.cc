#include "base/process_hardening.h"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace amanah::base {

Result<void> HardenProcess() {
  const rlimit no_core{0, 0};
  if (::setrlimit(RLIMIT_CORE, &no_core) != 0) {
    return Fail(ErrorCode::kInternal,
                std::string("cannot disable core dumps: ") + std::strerror(errno));
  }
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return Fail(ErrorCode::kInternal,
                std::string("cannot make the process non-dumpable: ") + std::strerror(errno));
  }
  return {};
}

}  // namespace amanah::base
