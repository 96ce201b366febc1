#include "screen/rulings.h"

#include <set>

#include "crypto/encoding.h"
#include "crypto/sha2.h"
#include "screen/shipped_data.h"
#include "screen/toml_document.h"

namespace amanah::screen {

using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

Error Fail(std::string_view file, const toml::node* at, const std::string& what) {
  const int line = at != nullptr ? static_cast<int>(at->source().begin.line) : 0;
  return Error(ErrorCode::kInvalidArgument,
               std::string(file) + ":" + std::to_string(line) + ": " + what);
}

Result<std::string> Text(std::string_view file, const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (n == nullptr) return Fail(file, &t, "missing '" + std::string(key) + "'");
  if (!n->is_string()) return Fail(file, n, "'" + std::string(key) + "' must be a string");
  std::string out(*n->value<std::string_view>());
  if (out.empty()) return Fail(file, n, "'" + std::string(key) + "' is empty");
  return out;
}

bool IsDate(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (d[i] < '0' || d[i] > '9') return false;
  }
  const int month = (d[5] - '0') * 10 + (d[6] - '0');
  const int day = (d[8] - '0') * 10 + (d[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

}  // namespace

Result<Rulings> Rulings::Parse(std::string_view text, std::string_view file) {
  AMANAH_ASSIGN_OR_RETURN(toml::table doc, ParseTomlDocument(text, file));
  Rulings out;
  out.sha256_ = crypto::HexEncode(crypto::Sha256(crypto::AsBytes(text)));
  const toml::node* version = doc.get("version");
  if (version == nullptr || !version->is_integer() || *version->value<int64_t>() < 1) {
    return Fail(file, version ? version : &doc, "'version' must be a positive integer");
  }
  out.version_ = static_cast<int>(*version->value<int64_t>());
  const toml::array* list = doc["ruling"].as_array();
  if (list == nullptr) return Fail(file, &doc, "no [[ruling]] entries");
  std::set<std::string> ids;
  for (const toml::node& node : *list) {
    const toml::table* t = node.as_table();
    if (t == nullptr) return Fail(file, &node, "a [[ruling]] must be a table");
    Ruling r;
    r.line = static_cast<int>(t->source().begin.line);
    AMANAH_ASSIGN_OR_RETURN(r.id, Text(file, *t, "id"));
    if (!ids.insert(r.id).second) return Fail(file, t, "ruling '" + r.id + "' is given twice");
    AMANAH_ASSIGN_OR_RETURN(r.by, Text(file, *t, "by"));
    AMANAH_ASSIGN_OR_RETURN(r.kind, Text(file, *t, "kind"));
    if (r.kind != "board" && r.kind != "adviser") {
      return Fail(file, t->get("kind"), r.id + ": 'kind' must be board or adviser");
    }
    AMANAH_ASSIGN_OR_RETURN(r.subject, Text(file, *t, "subject"));
    const toml::node* assets = t->get("assets");
    if (assets == nullptr || !assets->is_array() || assets->as_array()->empty()) {
      return Fail(file, assets ? assets : t, r.id + ": 'assets' must list the assets it covers");
    }
    for (const toml::node& a : *assets->as_array()) {
      if (!a.is_string()) return Fail(file, &a, r.id + ": 'assets' must be strings");
      r.assets.emplace_back(*a.value<std::string_view>());
    }
    AMANAH_ASSIGN_OR_RETURN(std::string verdict, Text(file, *t, "verdict"));
    auto level = ParseLevel(verdict);
    if (!level) {
      return Fail(file, t->get("verdict"),
                  r.id + ": 'verdict' must be compliant, doubtful or non-compliant");
    }
    r.verdict = *level;
    AMANAH_ASSIGN_OR_RETURN(r.date, Text(file, *t, "date"));
    if (!IsDate(r.date)) return Fail(file, t->get("date"), r.id + ": 'date' must be YYYY-MM-DD");
    AMANAH_ASSIGN_OR_RETURN(r.url, Text(file, *t, "url"));
    if (!r.url.starts_with("https://") || r.url.size() < 12) {
      return Fail(file, t->get("url"), r.id + ": 'url' must be an https address");
    }
    AMANAH_ASSIGN_OR_RETURN(r.scope, Text(file, *t, "scope"));
    out.rulings_.push_back(std::move(r));
  }
  return out;
}

Result<Rulings> Rulings::Shipped() { return Parse(ShippedRulings(), kShippedRulingsName); }

std::vector<const Ruling*> Rulings::For(std::string_view asset) const {
  std::vector<const Ruling*> out;
  for (const Ruling& r : rulings_) {
    for (const std::string& a : r.assets) {
      if (a == asset) {
        out.push_back(&r);
        break;
      }
    }
  }
  return out;
}

}  // namespace amanah::screen
