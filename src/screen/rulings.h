// Rulings: published Shariah rulings on crypto assets and products by named Shariah boards and
// advisers (data/screening/rulings.v1.toml) — who ruled, on what, the ruling, when, where it is
// published and how far it reaches — shown beside Amanah's verdicts so that a disagreement is
// visible with both sides named. Loaded from TOML; every entry must carry an https URL and a date;
// a malformed entry is refused with file and line and nothing is half-loaded. Immutable once
// loaded; the file's SHA-256 travels with it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "screen/ruleset.h"

namespace amanah::screen {

struct Ruling {
  std::string id;
  std::string by;    ///< "Amanie Advisors", "Sharlife Shariah Committee"
  std::string kind;  ///< "board" or "adviser"
  std::string subject;
  std::vector<std::string> assets;  ///< as the facts file names them
  Level verdict = Level::kDoubtful;
  std::string date;  ///< YYYY-MM-DD
  std::string url;   ///< https
  std::string scope;
  int line = 0;
};

class Rulings {
 public:
  static base::Result<Rulings> Parse(std::string_view text, std::string_view file);
  /// The shipped file (data/screening/rulings.v1.toml).
  static base::Result<Rulings> Shipped();

  const std::vector<Ruling>& all() const { return rulings_; }
  /// The rulings that cover `asset`.
  std::vector<const Ruling*> For(std::string_view asset) const;
  int version() const { return version_; }
  const std::string& sha256() const { return sha256_; }

 private:
  std::vector<Ruling> rulings_;
  int version_ = 0;
  std::string sha256_;
};

}  // namespace amanah::screen
