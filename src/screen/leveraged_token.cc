#include "screen/leveraged_token.h"

#include <array>

namespace amanah::screen {

std::string_view Name(LeveragedEvidence e) {
  switch (e) {
    case LeveragedEvidence::kNone:
      return "none";
    case LeveragedEvidence::kExchangeMetadata:
      return "exchange metadata (LEVERAGED permission)";
    case LeveragedEvidence::kFactsTag:
      return "facts file (leveraged-token tag)";
    case LeveragedEvidence::kNamePattern:
      return "name pattern";
  }
  return "?";
}

const std::set<std::string, std::less<>>& LeveragedNameAllowList() {
  // Real assets whose tickers end like a leveraged token's. Extend with care: every entry is an
  // asset that would otherwise be refused outright.
  static const std::set<std::string, std::less<>> kAllow = {"JUP"};
  return kAllow;
}

namespace {

bool MatchesPattern(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kSuffixes = {"UP",   "DOWN", "BULL",
                                                                "BEAR", "HALF", "HEDGE"};
  for (std::string_view suffix : kSuffixes) {
    if (s.size() > suffix.size() && s.ends_with(suffix)) return true;
  }
  // <name><digits><L|S>, e.g. BTC3L, ETH5S.
  if (s.size() >= 3 && (s.back() == 'L' || s.back() == 'S')) {
    size_t i = s.size() - 1;
    size_t digits = 0;
    while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') {
      --i;
      ++digits;
    }
    return digits > 0 && i > 0;
  }
  return false;
}

}  // namespace

LeveragedEvidence DetectLeveraged(std::string_view asset, const AssetFacts* facts,
                                  const SymbolDirectory* directory,
                                  const std::set<std::string, std::less<>>& allow_list) {
  if (directory != nullptr && directory->MarksLeveraged(asset))
    return LeveragedEvidence::kExchangeMetadata;
  if (facts != nullptr && facts->tags.contains("leveraged-token"))
    return LeveragedEvidence::kFactsTag;
  if (!allow_list.contains(asset) && MatchesPattern(asset)) return LeveragedEvidence::kNamePattern;
  return LeveragedEvidence::kNone;
}

}  // namespace amanah::screen
