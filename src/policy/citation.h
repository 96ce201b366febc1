// The citation text of a ruleset rule ("AAOIFI Shari'ah Standard No. 18 (Possession (Qabd):
// possession before sale); …"), for a check's Reject.
#pragma once

#include <string>
#include <string_view>

#include "screen/ruleset.h"

namespace amanah::policy {

std::string CitationOf(const screen::Rule& rule);
/// The rule's citation if the ruleset has it, else `fallback`.
std::string CitationOf(const screen::Ruleset& ruleset, std::string_view rule_id,
                       std::string_view fallback);

}  // namespace amanah::policy
