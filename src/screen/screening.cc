#include "screen/screening.h"

#include <fstream>
#include <sstream>

#include "screen/shipped_data.h"

namespace amanah::screen {
namespace {

using base::Error;
using base::ErrorCode;
using base::Result;

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kNotFound, "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<std::unique_ptr<Screening>> Screening::Load(const ScreeningSources& o) {
  std::string ruleset_text;
  std::string ruleset_name = o.ruleset;
  if (auto shipped = ShippedRuleset(o.ruleset)) {
    ruleset_text = std::string(*shipped);
    ruleset_name = "rulesets/" + o.ruleset + ".toml";
  } else {
    AMANAH_ASSIGN_OR_RETURN(ruleset_text, ReadText(o.ruleset));
  }
  AMANAH_ASSIGN_OR_RETURN(Ruleset ruleset, Ruleset::Parse(ruleset_text, ruleset_name));
  std::string facts_text(ShippedFacts());
  std::string facts_name(kShippedFactsName);
  if (!o.facts_file.empty()) {
    AMANAH_ASSIGN_OR_RETURN(facts_text, ReadText(o.facts_file));
    facts_name = o.facts_file;
  }
  AMANAH_ASSIGN_OR_RETURN(FactsTable facts, FactsTable::Parse(facts_text, facts_name));
  std::string info_text(ShippedExchangeInfo());
  std::string info_name = "binance-exchange-info.json (cached)";
  if (!o.exchange_info_file.empty()) {
    AMANAH_ASSIGN_OR_RETURN(info_text, ReadText(o.exchange_info_file));
    info_name = o.exchange_info_file;
  }
  AMANAH_ASSIGN_OR_RETURN(SymbolDirectory directory,
                          SymbolDirectory::FromExchangeInfo(info_text, info_name));
  Overrides overrides;
  if (!o.overrides_file.empty()) {
    AMANAH_ASSIGN_OR_RETURN(std::string text, ReadText(o.overrides_file));
    AMANAH_ASSIGN_OR_RETURN(overrides,
                            Overrides::Parse(text, o.overrides_file, ruleset, facts, directory));
  }
  AMANAH_ASSIGN_OR_RETURN(Rulings rulings, Rulings::Shipped());
  return std::make_unique<Screening>(std::move(ruleset), std::move(facts), std::move(directory),
                                     std::move(overrides), std::move(rulings));
}

}  // namespace amanah::screen
