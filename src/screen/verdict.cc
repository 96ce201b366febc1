#include "screen/verdict.h"

namespace amanah::screen {

namespace json = boost::json;

Level Worst(Level a, Level b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

json::object Verdict::ToJson() const {
  json::array rules;
  for (const FiredRule& f : fired) {
    json::array cites;
    for (const Citation& c : f.rule->citations) {
      json::object cite{{"ref", c.ref}, {"title", c.title}};
      if (!c.note.empty()) cite["note"] = c.note;
      cites.push_back(std::move(cite));
    }
    json::object r{{"id", f.rule->id},
                   {"dimension", Name(f.rule->dimension)},
                   {"role", f.role},
                   {"asset", f.asset},
                   {"verdict", Name(f.level)},
                   {"status", Name(f.rule->status)},
                   {"overridable", f.rule->overridable},
                   {"scholars_differ", f.rule->status == Status::kDisputed},
                   {"summary", f.rule->summary},
                   {"evidence", f.evidence},
                   {"rationale", f.rule->rationale},
                   {"citations", std::move(cites)}};
    if (!f.rule->reason.empty()) r["reason"] = f.rule->reason;
    if (!f.rule->question.empty()) r["question"] = f.rule->question;
    if (f.overridden) r["override"] = f.override_note;
    rules.push_back(std::move(r));
  }
  json::array reason_codes;
  for (const auto& r : reasons) reason_codes.push_back(json::string(r));
  json::object out{{"subject", subject}, {"kind", pair ? "pair" : "asset"}};
  if (pair) {
    out["base"] = base;
    out["quote"] = quote;
  }
  out["verdict"] = Name(level);
  out["reasons"] = std::move(reason_codes);
  out["scholars_differ"] = scholars_differ;
  out["low_confidence"] = low_confidence;
  out["rules"] = std::move(rules);
  json::array published;
  for (const Ruling& r : rulings) {
    published.push_back(json::object{{"id", r.id},
                                     {"by", r.by},
                                     {"kind", r.kind},
                                     {"subject", r.subject},
                                     {"verdict", Name(r.verdict)},
                                     {"agrees", r.verdict == level},
                                     {"date", r.date},
                                     {"url", r.url},
                                     {"scope", r.scope}});
  }
  out["rulings"] = std::move(published);
  out["ruleset"] =
      json::object{{"id", ruleset_id}, {"version", ruleset_version}, {"sha256", ruleset_sha256}};
  if (!overrides_sha256.empty()) out["overrides_sha256"] = overrides_sha256;
  out["facts"] = json::object{{"file", facts_file}, {"sha256", facts_sha256}};
  out["notice"] = "A screening result under the named ruleset, not a fatwa.";
  return out;
}

}  // namespace amanah::screen
