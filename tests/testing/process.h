// Process: runs a program of this build (the `amanah` binary) as a child process with its output
// in files, to test what only separate processes show — concurrency on one data directory, and
// kill -9 at any moment. Arguments only (no shell); the environment is inherited.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "base/check.h"
#include "testing/files.h"

extern char** environ;

namespace amanah::testing {

class Process {
 public:
  Process(const std::vector<std::string>& argv, const std::string& output_prefix)
      : out_(output_prefix + ".out"), err_(output_prefix + ".err") {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    AMANAH_CHECK(posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) == 0,
                 "cannot start the program");
    posix_spawn_file_actions_destroy(&actions);
  }
  Process(Process&& other) noexcept
      : pid_(std::exchange(other.pid_, 0)),
        status_(other.status_),
        out_(std::move(other.out_)),
        err_(std::move(other.err_)) {}
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  Process& operator=(Process&&) = delete;
  ~Process() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
  }

  void Kill() { ::kill(pid_, SIGKILL); }
  void Signal(int signal) { ::kill(pid_, signal); }
  /// Waits; returns the exit code, or -signal if it was killed.
  int Wait() {
    if (pid_ <= 0) return status_;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = 0;
    status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    return status_;
  }
  std::string out() const { return ReadFile(out_); }
  std::string err() const { return ReadFile(err_); }

 private:
  pid_t pid_ = 0;
  int status_ = 0;
  std::string out_, err_;
};

/// A binary of this build, found from the test binary's own place (build/P/tests/M/x →
/// build/P/<relative>), unless the environment variable `env` names it.
inline std::string BuildBinary(const char* env, const std::string& relative) {
  if (const char* set = std::getenv(env); set && *set) return set;
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  AMANAH_CHECK(n > 0);
  std::string dir(self, static_cast<size_t>(n));
  for (int up = 0; up < 3; ++up) dir = dir.substr(0, dir.rfind('/'));
  return dir + "/" + relative;
}
/// The `amanah` binary under test (or $AMANAH_BIN).
inline std::string AmanahBinary() { return BuildBinary("AMANAH_BIN", "src/cli/amanah"); }
/// Runs `amanah --data-dir DATA_DIR ARGS…` to completion (output files at `output_prefix`); its
/// exit code, and in `out` what it printed (stdout then stderr).
inline int RunAmanah(const std::string& data_dir, const std::string& output_prefix,
                     std::vector<std::string> args, std::string* out = nullptr) {
  args.insert(args.begin(), {AmanahBinary(), "--data-dir", data_dir});
  Process p(args, output_prefix);
  const int code = p.Wait();
  if (out) *out = p.out() + p.err();
  return code;
}
/// The owner "amina" (her password in `password_file`) and an API token of hers with `scopes`,
/// made with the CLI in `data_dir`: the token, or empty when a command failed (its output in
/// `out`).
inline std::string CreateOwnerToken(const std::string& data_dir, const std::string& output_prefix,
                                    const std::string& password_file, const std::string& scopes,
                                    std::string& out) {
  std::ofstream(password_file) << "another long passphrase\n";
  if (RunAmanah(data_dir, output_prefix,
                {"user", "add", "amina", "--owner", "--password-file", password_file}, &out) != 0) {
    return {};
  }
  if (RunAmanah(data_dir, output_prefix,
                {"token", "create", "--user", "amina", "--name", "ci", "--scopes", scopes},
                &out) != 0) {
    return {};
  }
  return out.substr(0, out.find('\n'));
}
/// The `amanah-paper` binary (or $AMANAH_PAPER).
inline std::string PaperBinary() { return BuildBinary("AMANAH_PAPER", "paper/amanah-paper"); }

}  // namespace amanah::testing
