// The codes of a verdict's hard findings, in order: what the audit table tests print when a case
// is not refused as it should be.
#pragma once

#include <string>
#include <vector>

#include "audit/key_audit.h"

namespace amanah::testing {

inline std::vector<std::string> HardFindings(const audit::KeyVerdict& v) {
  std::vector<std::string> out;
  for (const auto& f : v.findings) {
    if (f.severity == audit::Severity::kHard) out.push_back(f.code);
  }
  return out;
}

}  // namespace amanah::testing
