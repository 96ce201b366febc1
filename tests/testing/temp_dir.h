// TempDir: a fresh directory under $TMPDIR (or /tmp), removed with everything in it when the test
// ends. Not thread-safe.
#pragma once

#include <filesystem>
#include <string>

#include "base/check.h"

namespace amanah::testing {

class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string tmpl = std::string(base && *base ? base : "/tmp") + "/amanah-test-XXXXXX";
    AMANAH_CHECK(::mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace amanah::testing
