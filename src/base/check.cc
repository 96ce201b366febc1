#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace amanah::base {

void CheckFailed(std::string_view condition, std::string_view message, const char* file, int line) {
  std::fprintf(stderr, "amanah: check failed at %s:%d: %.*s%s%.*s\n", file, line,
               static_cast<int>(condition.size()), condition.data(), message.empty() ? "" : " — ",
               static_cast<int>(message.size()), message.data());
  std::fflush(stderr);
  std::abort();
}

}  // namespace amanah::base
