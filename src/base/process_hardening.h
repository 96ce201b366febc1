// Process hardening done first thing in main(): no core dumps (RLIMIT_CORE = 0) and not dumpable
// (PR_SET_DUMPABLE = 0, which also stops other same-user processes from ptrace-attaching or
// reading /proc/<pid>/mem), so secrets in memory cannot leave through a crash or a debugger.
#pragma once

#include "base/result.h"

namespace amanah::base {

Result<void> HardenProcess();

}  // namespace amanah::base
