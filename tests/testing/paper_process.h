// PaperProcess: the paper exchange as a process of its own (scenario paper/scenarios/test.toml,
// keys written to <dir>/keys/NAME.key), for tests that look at this process's memory and must not
// find the other end's copies of a secret in it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>

#include <boost/json.hpp>

#include "testing/files.h"
#include "testing/process.h"
#include "testing/temp_dir.h"

namespace amanah::testing {

class PaperProcess {
 public:
  /// Starts it and waits for the line naming its Binance URL (empty url() if it never came).
  explicit PaperProcess(const TempDir& dir) : dir_(dir) {
    const char* source = std::getenv("AMANAH_SOURCE_DIR");
    process_ = std::make_unique<Process>(
        std::vector<std::string>{PaperBinary(), "--scenario",
                                 std::string(source ? source : ".") + "/paper/scenarios/test.toml",
                                 "--keys-out", dir.File("keys"), "--admin-token-file",
                                 dir.File("admin.token")},
        dir.File("paper"));
    for (int i = 0; i < 100 && url_.empty(); ++i) {
      const std::string line = ReadFile(dir.File("paper.out"));
      if (line.find('\n') == std::string::npos) {
        ::usleep(50'000);
        continue;
      }
      boost::system::error_code ec;
      boost::json::value v = boost::json::parse(line.substr(0, line.find('\n')), ec);
      const boost::json::value* url =
          ec || !v.is_object() ? nullptr : v.as_object().if_contains("binance");
      if (url && url->is_string()) url_ = std::string(url->as_string());
      const boost::json::value* okx =
          ec || !v.is_object() ? nullptr : v.as_object().if_contains("okx");
      if (okx && okx->is_string()) okx_url_ = std::string(okx->as_string());
      const boost::json::value* kraken =
          ec || !v.is_object() ? nullptr : v.as_object().if_contains("kraken");
      if (kraken && kraken->is_string()) kraken_url_ = std::string(kraken->as_string());
      if (url_.empty()) break;
    }
  }

  const std::string& url() const { return url_; }
  const std::string& okx_url() const { return okx_url_; }
  const std::string& kraken_url() const { return kraken_url_; }
  /// The key file the scenario wrote for `name`.
  std::string KeyFile(const std::string& name) const {
    return dir_.File("keys") + "/" + name + ".key";
  }
  std::string Errors() const { return ReadFile(dir_.File("paper.err")); }

 private:
  const TempDir& dir_;
  std::unique_ptr<Process> process_;
  std::string url_;
  std::string okx_url_;
  std::string kraken_url_;
};

}  // namespace amanah::testing
