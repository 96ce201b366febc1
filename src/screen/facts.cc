#include "screen/facts.h"

#include <array>

#include "crypto/encoding.h"
#include "crypto/sha2.h"
#include "screen/csv.h"
#include "screen/name_table.h"

namespace amanah::screen {

using base::Error;
using base::ErrorCode;
using base::Result;

namespace {

constexpr std::array<std::string_view, 11> kColumns = {
    "symbol",       "name",         "description",        "tags",
    "legal_nature", "holder_yield", "stablecoin_backing", "issuer",
    "source_url",   "source_note",  "confidence"};

template <typename E, size_t N>
std::optional<E> Lookup(std::string_view text,
                        const std::array<std::pair<std::string_view, E>, N>& table) {
  for (const auto& [name, value] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<std::string_view, LegalNature>, 4> kNature{
    {{"native", LegalNature::kNative},
     {"right", LegalNature::kRight},
     {"claim", LegalNature::kClaim},
     {"allocated", LegalNature::kAllocated}}};
constexpr std::array<std::pair<std::string_view, HolderYield>, 3> kYield{
    {{"no", HolderYield::kNo},
     {"staking-optional", HolderYield::kStakingOptional},
     {"yes", HolderYield::kYes}}};
constexpr std::array<std::pair<std::string_view, Backing>, 5> kBacking{
    {{"", Backing::kNone},
     {"fiat", Backing::kFiat},
     {"commodity", Backing::kCommodity},
     {"crypto", Backing::kCrypto},
     {"algorithmic", Backing::kAlgorithmic}}};
constexpr std::array<std::pair<std::string_view, Confidence>, 3> kConfidence{
    {{"low", Confidence::kLow}, {"medium", Confidence::kMedium}, {"high", Confidence::kHigh}}};

bool ValidSymbol(std::string_view s) {
  if (s.empty() || s.size() > 20) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

}  // namespace

std::string_view Name(LegalNature v) { return NameOf(v, kNature); }
std::string_view Name(HolderYield v) { return NameOf(v, kYield); }
std::string_view Name(Backing v) { return v == Backing::kNone ? "none" : NameOf(v, kBacking); }
std::string_view Name(Confidence v) { return NameOf(v, kConfidence); }

const std::set<std::string, std::less<>>& TagVocabulary() {
  static const std::set<std::string, std::less<>> kTags = {"currency",
                                                           "smart-contract-platform",
                                                           "layer2",
                                                           "oracle",
                                                           "dex",
                                                           "lending",
                                                           "derivatives",
                                                           "gambling",
                                                           "prediction-market",
                                                           "meme",
                                                           "privacy",
                                                           "exchange-token",
                                                           "stablecoin",
                                                           "liquid-staking",
                                                           "wrapped",
                                                           "bridged",
                                                           "leveraged-token",
                                                           "nsfw",
                                                           "gaming",
                                                           "nft",
                                                           "storage",
                                                           "ai",
                                                           "payments",
                                                           "governance",
                                                           "fan-token",
                                                           "commodity-backed",
                                                           "yield-bearing",
                                                           "infrastructure",
                                                           "social",
                                                           "identity",
                                                           "rwa",
                                                           "yield-aggregator"};
  return kTags;
}

Result<FactsTable> FactsTable::Parse(std::string_view text, std::string_view file) {
  AMANAH_ASSIGN_OR_RETURN(std::vector<CsvRecord> records, ParseCsv(text, file));
  auto fail = [&](int line, const std::string& what) {
    return Error(ErrorCode::kInvalidArgument,
                 std::string(file) + ":" + std::to_string(line) + ": " + what);
  };
  if (records.empty()) return fail(1, "empty file; expected a header row");
  const auto& header = records[0].fields;
  if (header.size() != kColumns.size() ||
      !std::equal(header.begin(), header.end(), kColumns.begin()))
    return fail(1,
                "header must be exactly: symbol,name,description,tags,legal_nature,holder_yield,"
                "stablecoin_backing,issuer,source_url,source_note,confidence");
  FactsTable table;
  table.file_ = std::string(file);
  table.sha256_ = crypto::HexEncode(crypto::Sha256(crypto::AsBytes(text)));
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    if (rec.fields.size() != kColumns.size())
      return fail(rec.line, "expected 11 fields, found " + std::to_string(rec.fields.size()));
    const auto& f = rec.fields;
    AssetFacts a;
    a.line = rec.line;
    a.symbol = f[0];
    if (!ValidSymbol(a.symbol))
      return fail(rec.line, "symbol '" + a.symbol + "' must be 1-20 capital letters or digits");
    if (table.rows_.contains(a.symbol))
      return fail(rec.line, "symbol " + a.symbol + " appears twice");
    a.name = f[1];
    a.description = f[2];
    size_t start = 0;
    while (start <= f[3].size()) {
      size_t end = f[3].find(';', start);
      if (end == std::string::npos) end = f[3].size();
      std::string tag = f[3].substr(start, end - start);
      if (!TagVocabulary().contains(tag))
        return fail(rec.line, a.symbol + ": unknown tag '" + tag + "'");
      a.tags.insert(tag);
      start = end + 1;
    }
    auto nature = Lookup(f[4], kNature);
    if (!nature)
      return fail(rec.line, a.symbol + ": legal_nature must be native, right, claim or allocated");
    a.legal_nature = *nature;
    auto yield = Lookup(f[5], kYield);
    if (!yield)
      return fail(rec.line, a.symbol + ": holder_yield must be no, staking-optional or yes");
    a.holder_yield = *yield;
    auto backing = Lookup(f[6], kBacking);
    if (!backing)
      return fail(
          rec.line,
          a.symbol + ": stablecoin_backing must be empty, fiat, commodity, crypto or algorithmic");
    a.backing = *backing;
    if ((a.backing != Backing::kNone) != a.tags.contains("stablecoin"))
      return fail(rec.line,
                  a.symbol + ": stablecoin_backing is set exactly when the stablecoin tag is");
    a.issuer = f[7];
    a.source_url = f[8];
    if (!a.source_url.starts_with("https://"))
      return fail(rec.line, a.symbol + ": every row needs an https:// source");
    a.source_note = f[9];
    auto confidence = Lookup(f[10], kConfidence);
    if (!confidence) return fail(rec.line, a.symbol + ": confidence must be low, medium or high");
    a.confidence = *confidence;
    table.rows_.emplace(a.symbol, std::move(a));
  }
  return table;
}

const AssetFacts* FactsTable::Find(std::string_view symbol) const {
  auto found = rows_.find(symbol);
  return found == rows_.end() ? nullptr : &found->second;
}

FactsTable FactsTable::With(AssetFacts facts) const {
  FactsTable copy = *this;
  copy.sha256_ += "+" + facts.symbol;  // no longer the shipped file
  copy.rows_[facts.symbol] = std::move(facts);
  return copy;
}

}  // namespace amanah::screen
