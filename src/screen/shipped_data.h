// Shipped screening data, compiled into the binary so every installation screens with exactly the
// reviewed files (and their hashes) and needs no data path: the rulesets default, cautious and
// strict, the versioned facts file and a cached symbol listing. A reviewer's own files are passed
// by path instead (see amanah screen --help).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace amanah::screen {

std::optional<std::string_view> ShippedRuleset(std::string_view name);
std::vector<std::string_view> ShippedRulesetNames();
/// data/screening/asset-facts.v1.csv
std::string_view ShippedFacts();
inline constexpr std::string_view kShippedFactsName = "asset-facts.v1.csv";
/// data/screening/rulings.v1.toml
std::string_view ShippedRulings();
inline constexpr std::string_view kShippedRulingsName = "rulings.v1.toml";
/// data/screening/binance-exchange-info.json
std::string_view ShippedExchangeInfo();

}  // namespace amanah::screen
