// JournalVerification: `journal verify` as the CLI and the API share it — the hash chains and the
// stored checkpoints against the node key (read from the store: no master key needed), anchored to
// an exported checkpoint (a file given, else the newest in the configured export directory), and
// optionally the stored state against its MACs and records — and its JSON.
#pragma once

#include <optional>
#include <string>

#include <boost/json/object.hpp>

#include "base/result.h"
#include "environment/environment.h"
#include "journal/verify.h"
#include "keys/state_verify.h"

namespace amanah::environment {

struct Verification {
  journal::VerifyReport report;
  std::string anchor;  ///< the exported checkpoint used, if any
  std::optional<keys::StateReport> state;
  bool ok() const { return report.ok && (!state || state->ok); }
};

base::Result<Verification> VerifyJournal(Environment& env,
                                         std::optional<std::string> checkpoint_file,
                                         bool with_state);

boost::json::object VerificationJson(const Verification& v);

}  // namespace amanah::environment
