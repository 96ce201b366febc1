// Leveraged-token detection (METHODOLOGY EXE-2): exchange metadata first (Binance's LEVERAGED
// permission on a symbol), then the facts file's `leveraged-token` tag, then name patterns —
// a base ending in UP, DOWN, BULL, BEAR, HALF or HEDGE, or in digits followed by L or S (BTC3L) —
// with an allow-list for real assets the patterns would catch (JUP must not be caught by UP).
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "screen/facts.h"
#include "screen/symbol_directory.h"

namespace amanah::screen {

enum class LeveragedEvidence { kNone, kExchangeMetadata, kFactsTag, kNamePattern };

std::string_view Name(LeveragedEvidence e);

/// The allow-list shipped with the methodology: assets whose names match a pattern but are not
/// leveraged tokens.
const std::set<std::string, std::less<>>& LeveragedNameAllowList();

/// How `asset` is known to be a leveraged token, if it is.
LeveragedEvidence DetectLeveraged(
    std::string_view asset, const AssetFacts* facts, const SymbolDirectory* directory,
    const std::set<std::string, std::less<>>& allow_list = LeveragedNameAllowList());

}  // namespace amanah::screen
