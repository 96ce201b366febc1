// Invariant checks. A failed check is a bug in this program, never a consequence of outside input
// (network, files, users, exchanges): those return Result<T>. A failed check prints where and why
// to stderr and aborts, in every build type. Thread-safe.
#pragma once

#include <string_view>

namespace amanah::base {

[[noreturn]] void CheckFailed(std::string_view condition, std::string_view message,
                              const char* file = __builtin_FILE(), int line = __builtin_LINE());

}  // namespace amanah::base

// AMANAH_CHECK(cond) / AMANAH_CHECK(cond, "why this cannot happen")
#define AMANAH_CHECK(cond, ...)                                                                 \
  do {                                                                                          \
    if (!(cond)) [[unlikely]]                                                                   \
      ::amanah::base::CheckFailed(#cond, std::string_view{"" __VA_ARGS__}, __FILE__, __LINE__); \
  } while (false)
