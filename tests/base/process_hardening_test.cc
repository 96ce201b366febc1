#include "base/process_hardening.h"

#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace amanah::base {
namespace {

// Runs in a child so the test binary itself stays dumpable for the other tests.
TEST(ProcessHardeningTest, DisablesCoreDumpsAndDumpability) {
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (!HardenProcess()) ::_exit(10);
    rlimit core{};
    ::getrlimit(RLIMIT_CORE, &core);
    if (core.rlim_cur != 0 || core.rlim_max != 0) ::_exit(11);
    if (::prctl(PR_GET_DUMPABLE) != 0) ::_exit(12);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "10: failed, 11: core limit not 0, 12: still dumpable";
}

}  // namespace
}  // namespace amanah::base
