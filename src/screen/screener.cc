#include "screen/screener.h"

#include <algorithm>

#include "screen/leveraged_token.h"

namespace amanah::screen {

namespace {

template <typename T>
bool In(const std::vector<T>& list, T value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

// Whether `c` holds for `asset` (facts may be null); appends what it saw to `evidence`.
bool Holds(const Condition& c, std::string_view asset, const AssetFacts* f,
           const SymbolDirectory& dir, std::vector<std::string>& evidence) {
  if (c.facts_missing) {
    if ((f == nullptr) != *c.facts_missing) return false;
    evidence.push_back(f == nullptr ? "no facts for " + std::string(asset) + " in the facts file"
                                    : "facts present");
  }
  if (c.leveraged) {
    LeveragedEvidence how = DetectLeveraged(asset, f, &dir);
    if ((how != LeveragedEvidence::kNone) != *c.leveraged) return false;
    if (how != LeveragedEvidence::kNone)
      evidence.push_back("leveraged token by " + std::string(Name(how)));
  }
  bool needs_facts = !c.tags_any.empty() || !c.not_tags_any.empty() || !c.legal_nature.empty() ||
                     !c.holder_yield.empty() || !c.backing.empty() || !c.not_backing.empty() ||
                     !c.confidence.empty();
  if (!needs_facts) return true;
  if (f == nullptr) return false;  // fact rules cannot fire without facts; DATA-1 covers that
  if (!c.tags_any.empty()) {
    std::vector<std::string> hit;
    for (const auto& tag : c.tags_any) {
      if (f->tags.contains(tag)) hit.push_back(tag);
    }
    if (hit.empty()) return false;
    std::string tags;
    for (const auto& t : hit) tags += (tags.empty() ? "" : ", ") + t;
    evidence.push_back("tags: " + tags);
  }
  for (const auto& tag : c.not_tags_any) {
    if (f->tags.contains(tag)) return false;
  }
  if (!c.legal_nature.empty()) {
    if (!In(c.legal_nature, f->legal_nature)) return false;
    evidence.push_back("legal nature: " + std::string(Name(f->legal_nature)));
  }
  if (!c.holder_yield.empty()) {
    if (!In(c.holder_yield, f->holder_yield)) return false;
    evidence.push_back("holder yield: " + std::string(Name(f->holder_yield)));
  }
  if (!c.backing.empty()) {
    if (!In(c.backing, f->backing)) return false;
    evidence.push_back("stablecoin backing: " + std::string(Name(f->backing)));
  }
  if (!c.not_backing.empty() && In(c.not_backing, f->backing)) return false;
  if (!c.confidence.empty()) {
    if (!In(c.confidence, f->confidence)) return false;
    evidence.push_back("facts confidence: " + std::string(Name(f->confidence)));
  }
  return true;
}

}  // namespace

Screener::Screener(const Ruleset& ruleset, const FactsTable& facts,
                   const SymbolDirectory& directory, const Overrides& overrides)
    : ruleset_(ruleset), facts_(facts), directory_(directory), overrides_(overrides) {}

void Screener::Apply(Verdict& v, const Rule& rule, std::string_view role, std::string_view asset,
                     std::string evidence) const {
  FiredRule fired{
      &rule, rule.verdict, std::string(role), std::string(asset), std::move(evidence), false, {}};
  if (const Override* o = overrides_.ForRule(rule.id)) {
    if (o->disable) return;
    fired.level = *o->verdict;
    fired.overridden = true;
    fired.override_note = o->Note();
  }
  v.fired.push_back(std::move(fired));
}

void Screener::Evaluate(Verdict& v, std::string_view asset, Scope role) const {
  const AssetFacts* f = facts_.Find(asset);
  if (f != nullptr && f->confidence == Confidence::kLow) v.low_confidence = true;
  for (const Rule& rule : ruleset_.rules()) {
    if (rule.scope == Scope::kPair || rule.scope == Scope::kOrder) continue;
    if (rule.scope != Scope::kAny && rule.scope != role) continue;
    std::vector<std::string> evidence;
    if (!Holds(rule.when, asset, f, directory_, evidence)) continue;
    Apply(v, rule, role == Scope::kQuote ? "quote" : "holding", asset, Join(evidence));
  }
}

void Screener::Finish(Verdict& v, bool is_asset) const {
  v.ruleset_id = ruleset_.id();
  v.ruleset_version = ruleset_.version();
  v.ruleset_sha256 = ruleset_.sha256();
  v.overrides_sha256 = overrides_.empty() ? "" : overrides_.sha256();
  v.facts_file = facts_.file();
  v.facts_sha256 = facts_.sha256();
  bool missing = false;
  for (const FiredRule& f : v.fired) {
    v.level = Worst(v.level, f.level);
    if (f.rule->status == Status::kDisputed) v.scholars_differ = true;
    missing = missing || f.rule->when.facts_missing.value_or(false);
  }
  // Fail closed whatever a ruleset or override says: no facts is never compliant.
  if (missing || (is_asset && facts_.Find(v.subject) == nullptr)) {
    v.level = Worst(v.level, Level::kDoubtful);
    if (v.level == Level::kDoubtful) v.reasons.insert("DATA_MISSING");
  }
  for (const FiredRule& f : v.fired) {
    if (f.level == Level::kDoubtful && v.level == Level::kDoubtful && !f.rule->reason.empty())
      v.reasons.insert(f.rule->reason);
  }
}

void Screener::AttachRulings(Verdict& v, std::string_view asset) const {
  if (rulings_ == nullptr) return;
  for (const Ruling* r : rulings_->For(asset)) {
    v.rulings.push_back(*r);
    if (r->verdict != v.level) v.scholars_differ = true;
  }
}

Verdict Screener::ScreenAsset(std::string_view asset) const {
  Verdict v;
  v.subject = std::string(asset);
  Evaluate(v, asset, Scope::kHolding);
  if (const Override* o = overrides_.ForAsset(asset)) {
    static const Rule kAssetOverride{"OVERRIDE",
                                     Dimension::kData,
                                     Scope::kHolding,
                                     {},
                                     Level::kCompliant,
                                     "REVIEWED",
                                     Status::kAgreed,
                                     true,
                                     "",
                                     "A reviewer's verdict for this asset",
                                     "",
                                     {},
                                     0};
    // The override replaces the rules' verdict: keep them listed, decide by the override.
    Verdict decided = v;
    for (FiredRule& f : decided.fired)
      f.level = std::min(f.level, *o->verdict, [](Level a, Level b) {
        return static_cast<int>(a) < static_cast<int>(b);
      });
    FiredRule note{&kAssetOverride,  *o->verdict, "holding", std::string(asset),
                   "asset override", true,        o->Note()};
    decided.fired.push_back(std::move(note));
    Finish(decided, true);
    AttachRulings(decided, asset);
    return decided;
  }
  Finish(v, true);
  AttachRulings(v, asset);
  return v;
}

Verdict Screener::ScreenPair(const ListedSymbol& symbol) const {
  Verdict v;
  v.subject = symbol.symbol;
  v.pair = true;
  v.base = symbol.base;
  v.quote = symbol.quote;
  Verdict base = ScreenAsset(symbol.base);
  for (auto& f : base.fired) v.fired.push_back(std::move(f));
  Evaluate(v, symbol.quote, Scope::kQuote);
  if (facts_.Find(symbol.quote) == nullptr &&
      std::none_of(v.fired.begin(), v.fired.end(), [&](const FiredRule& f) {
        return f.asset == symbol.quote && f.rule->when.facts_missing.value_or(false);
      })) {
    // The quote leg is screened as a quote; a quote we know nothing of still fails closed.
    for (const Rule& rule : ruleset_.rules()) {
      if (rule.when.facts_missing.value_or(false))
        Apply(v, rule, "quote", symbol.quote, "no facts for " + symbol.quote);
    }
  }
  const AssetFacts* fb = facts_.Find(symbol.base);
  const AssetFacts* fq = facts_.Find(symbol.quote);
  for (const Rule& rule : ruleset_.rules()) {
    if (rule.scope != Scope::kPair) continue;
    const Condition& c = rule.when;
    std::vector<std::string> evidence;
    if (c.spot_listed) {
      if (symbol.spot != *c.spot_listed) continue;
      std::string perms;
      for (const auto& p : symbol.permissions) perms += (perms.empty() ? "" : ", ") + p;
      evidence.push_back("exchange permissions: " + (perms.empty() ? std::string("none") : perms));
    }
    if (!c.both_legs_backing.empty()) {
      if (fb == nullptr || fq == nullptr || !In(c.both_legs_backing, fb->backing) ||
          !In(c.both_legs_backing, fq->backing))
        continue;
      evidence.push_back("both legs backed: " + std::string(Name(fb->backing)) + " / " +
                         std::string(Name(fq->backing)));
    }
    Apply(v, rule, "pair", symbol.symbol, Join(evidence));
  }
  if (base.low_confidence) v.low_confidence = true;
  Finish(v, false);
  if (!base.reasons.empty() && base.level == v.level)
    v.reasons.insert(base.reasons.begin(), base.reasons.end());
  AttachRulings(v, symbol.base);
  return v;
}

Verdict Screener::CheckOrder(const OrderFacts& order) const {
  Verdict v;
  v.subject = "order";
  for (const Rule& rule : ruleset_.rules()) {
    if (rule.scope != Scope::kOrder) continue;
    if ((rule.when.order == "borrowing" && order.borrowing) ||
        (rule.when.order == "sell_more_than_held" && order.sell_more_than_held))
      Apply(v, rule, "order", "order", rule.when.order);
  }
  Finish(v, false);
  return v;
}

Verdict Screener::Screen(std::string_view subject) const {
  if (const ListedSymbol* symbol = directory_.Find(subject)) return ScreenPair(*symbol);
  return ScreenAsset(subject);
}

std::vector<Verdict> Screener::ScreenAll() const {
  std::vector<Verdict> out;
  out.reserve(facts_.rows().size());
  for (const auto& [symbol, _] : facts_.rows()) out.push_back(ScreenAsset(symbol));
  return out;
}

}  // namespace amanah::screen
