#include "screen/shipped_data.h"

namespace amanah::screen {

namespace embedded {
std::string_view RulesetDefault();
std::string_view RulesetCautious();
std::string_view RulesetStrict();
std::string_view Facts();
std::string_view Rulings();
std::string_view ExchangeInfo();
}  // namespace embedded

std::optional<std::string_view> ShippedRuleset(std::string_view name) {
  if (name == "default") return embedded::RulesetDefault();
  if (name == "cautious") return embedded::RulesetCautious();
  if (name == "strict") return embedded::RulesetStrict();
  return std::nullopt;
}

std::vector<std::string_view> ShippedRulesetNames() { return {"default", "cautious", "strict"}; }

std::string_view ShippedFacts() { return embedded::Facts(); }

std::string_view ShippedRulings() { return embedded::Rulings(); }

std::string_view ShippedExchangeInfo() { return embedded::ExchangeInfo(); }

}  // namespace amanah::screen
