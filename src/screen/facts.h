// Facts: what is known about each asset, apart from any ruling (METHODOLOGY §1) — its function
// tags, legal nature, whether holding it pays, what backs a stablecoin, who issues it, the source
// and a confidence. Loaded from the shipped, versioned CSV (data/screening/asset-facts.v1.csv, the
// columns of ../shared/reference/screening/ATTESTATIONS.md §2) or a reviewer's own file; every
// value is checked against its vocabulary and a bad file is refused with file and line, whole.
// The file's SHA-256 is kept so any verdict can be re-derived. Immutable once loaded.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "base/result.h"

namespace amanah::screen {

enum class LegalNature { kNative, kRight, kClaim, kAllocated };
enum class HolderYield { kNo, kStakingOptional, kYes };
enum class Backing { kNone, kFiat, kCommodity, kCrypto, kAlgorithmic };
enum class Confidence { kLow, kMedium, kHigh };

std::string_view Name(LegalNature v);
std::string_view Name(HolderYield v);
std::string_view Name(Backing v);
std::string_view Name(Confidence v);

/// The tag vocabulary (ATTESTATIONS.md §3).
const std::set<std::string, std::less<>>& TagVocabulary();

struct AssetFacts {
  std::string symbol;
  std::string name;
  std::string description;
  std::set<std::string, std::less<>> tags;
  LegalNature legal_nature = LegalNature::kRight;
  HolderYield holder_yield = HolderYield::kNo;
  Backing backing = Backing::kNone;
  std::string issuer;
  std::string source_url;
  std::string source_note;
  Confidence confidence = Confidence::kLow;
  int line = 0;  ///< where it is in the file
};

class FactsTable {
 public:
  /// Parses a facts CSV; `file` names it in errors and in verdicts.
  static base::Result<FactsTable> Parse(std::string_view text, std::string_view file);

  const AssetFacts* Find(std::string_view symbol) const;
  const std::map<std::string, AssetFacts, std::less<>>& rows() const { return rows_; }
  const std::string& file() const { return file_; }
  const std::string& sha256() const { return sha256_; }
  /// A copy with one row replaced or added (for what-if tests and reviews).
  FactsTable With(AssetFacts facts) const;

 private:
  std::map<std::string, AssetFacts, std::less<>> rows_;
  std::string file_;
  std::string sha256_;
};

}  // namespace amanah::screen
