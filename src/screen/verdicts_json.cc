#include "screen/verdicts_json.h"

#include <boost/json.hpp>

namespace amanah::screen {

namespace json = boost::json;

json::object VerdictsJson(const Screening& l, const std::vector<Verdict>& verdicts) {
  json::array list;
  for (const auto& v : verdicts) list.push_back(v.ToJson());
  std::string facts_file = l.facts().file();
  if (auto slash = facts_file.rfind('/'); slash != std::string::npos) {
    facts_file = facts_file.substr(slash + 1);  // its name, not where it lives on the host
  }
  json::object out{{"ruleset", l.ruleset().id()},
                   {"ruleset_version", l.ruleset().version()},
                   {"ruleset_sha256", l.ruleset().sha256()},
                   {"facts", json::object{{"file", facts_file}, {"sha256", l.facts().sha256()}}},
                   {"overrides_sha256", l.overrides().empty() ? "" : l.overrides().sha256()},
                   {"verdicts", std::move(list)}};
  return out;
}

}  // namespace amanah::screen
