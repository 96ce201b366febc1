#include "policy/chain.h"

namespace amanah::policy {

std::vector<const CheckOutcome*> ChainResult::ShadowRejects() const {
  std::vector<const CheckOutcome*> out;
  for (const auto& o : outcomes) {
    if (o.ran && o.mode == Mode::kShadow && o.decision) out.push_back(&o);
  }
  return out;
}

boost::json::object ChainResult::ToJson() const {
  boost::json::array checks;
  for (const auto& o : outcomes) {
    boost::json::object c{{"check", o.check},
                          {"mode", o.mode == Mode::kShadow ? "shadow" : "enforce"}};
    if (!o.ran) {
      c["decision"] = "not_run";
    } else if (o.decision) {
      c["decision"] = "reject";
      c["reject"] = o.decision->ToJson();
    } else {
      c["decision"] = "continue";
    }
    checks.push_back(std::move(c));
  }
  boost::json::object out{{"passed", passed()}, {"checks", std::move(checks)}};
  if (rejected) {
    out["rejected_by"] = rejected_by;
    out["reject"] = rejected->ToJson();
  }
  return out;
}

Chain::Builder& Chain::Builder::Add(std::unique_ptr<Check> check, Mode mode) {
  checks_.emplace_back(std::move(check), mode);
  return *this;
}

base::Result<void> Chain::Builder::SetShadow(const std::vector<std::string>& shadow) {
  for (const auto& name : shadow) {
    bool found = false;
    for (auto& [check, mode] : checks_) {
      if (check->name() == name) {
        mode = Mode::kShadow;
        found = true;
      }
    }
    if (!found) {
      std::string names;
      for (const auto& [check, mode] : checks_) {
        names += (names.empty() ? "" : ", ") + std::string(check->name());
      }
      return base::Fail(
          base::ErrorCode::kInvalidArgument,
          "policy.shadow names an unknown check \"" + name + "\" (checks: " + names + ")");
    }
  }
  return {};
}

Chain Chain::Builder::Build() && {
  std::vector<std::unique_ptr<Link>> links;
  for (auto& [check, mode] : checks_) {
    auto link = std::make_unique<Link>();
    link->check = std::move(check);
    link->mode = mode;
    links.push_back(std::move(link));
  }
  return Chain(std::move(links));
}

ChainResult Chain::Run(OrderFacts& facts) const {
  ChainResult result;
  result.outcomes.reserve(links_.size());
  for (const auto& link : links_) {
    CheckOutcome& o = result.outcomes.emplace_back();
    o.check = link->check->name();
    o.mode = link->mode;
    if (result.rejected) continue;  // fail closed at the first enforced reject
    o.ran = true;
    o.decision = link->check->Decide(facts);
    if (!o.decision) {
      link->passed.fetch_add(1, std::memory_order_relaxed);
    } else if (link->mode == Mode::kShadow) {
      link->shadow_rejected.fetch_add(1, std::memory_order_relaxed);
    } else {
      link->rejected.fetch_add(1, std::memory_order_relaxed);
      result.rejected = o.decision;
      result.rejected_by = o.check;
    }
  }
  return result;
}

std::vector<std::pair<std::string, CheckCounts>> Chain::Counts() const {
  std::vector<std::pair<std::string, CheckCounts>> out;
  for (const auto& link : links_) {
    out.emplace_back(std::string(link->check->name()),
                     CheckCounts{link->passed.load(std::memory_order_relaxed),
                                 link->rejected.load(std::memory_order_relaxed),
                                 link->shadow_rejected.load(std::memory_order_relaxed)});
  }
  return out;
}

std::vector<std::string> Chain::Names() const {
  std::vector<std::string> out;
  for (const auto& link : links_) out.emplace_back(link->check->name());
  return out;
}

}  // namespace amanah::policy
