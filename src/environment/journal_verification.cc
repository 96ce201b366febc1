#include "environment/journal_verification.h"

#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "crypto/encoding.h"
#include "journal/checkpoint.h"

namespace amanah::environment {

namespace {

// The node's public key, from the store alone: verifying needs no master key. Empty when the
// node key is missing.
base::Result<std::optional<crypto::Bytes>> NodePublicKey(store::Store& store) {
  AMANAH_ASSIGN_OR_RETURN(auto secret, store.Read([](store::UnitOfWork& u) {
    return u.keyring().GetSystemSecret(journal::kNodeKeyName);
  }));
  if (!secret) return std::optional<crypto::Bytes>();
  auto key = crypto::HexDecode(secret->public_info);
  if (!key || key->size() != 32) return std::optional<crypto::Bytes>();
  return std::optional<crypto::Bytes>(std::move(*key));
}

}  // namespace

base::Result<Verification> VerifyJournal(Environment& env,
                                         std::optional<std::string> checkpoint_file,
                                         bool with_state) {
  Verification out;
  Environment* const e = &env;
  // The anchor: the checkpoint file given, else the newest one exported to the configured
  // directory.
  std::optional<std::string> file = std::move(checkpoint_file);
  if (!file && e->directory_sink()) {
    const std::string latest = e->directory_sink()->LatestPath();
    if (std::ifstream(latest)) file = latest;
  }
  std::optional<journal::SignedCheckpoint> exported;
  if (file) {
    std::ifstream in(*file);
    if (!in) {
      return base::Fail(base::ErrorCode::kNotFound, "cannot read checkpoint file " + *file);
    }
    std::stringstream text;
    text << in.rdbuf();
    AMANAH_ASSIGN_OR_RETURN(exported, journal::SignedCheckpoint::FromFile(text.str()));
    out.anchor = *file;
  }
  AMANAH_ASSIGN_OR_RETURN(auto public_key, NodePublicKey(e->store()));
  if (!public_key) {
    AMANAH_ASSIGN_OR_RETURN(auto meta, e->store().Read([](store::UnitOfWork& u) {
      return u.keyring().GetVaultMeta();
    }));
    if (!meta && !exported) {
      return base::Fail(base::ErrorCode::kFailedPrecondition,
                        "this data directory has no journal yet; run `amanah vault init`");
    }
    out.report.ok = false;
    out.report.problem =
        "the journal's node key is missing from the data directory (deleted or replaced); the "
        "journal cannot be trusted";
    return out;
  }
  AMANAH_ASSIGN_OR_RETURN(out.report, journal::Verify(e->store(), *public_key, exported));
  if (with_state && out.report.ok) {
    // With the master key the rows' MACs are checked too; without it, rows against records.
    auto vault = e->vault();
    AMANAH_ASSIGN_OR_RETURN(
        out.state, keys::VerifyStoredState(e->store(), vault ? &(*vault)->state_mac() : nullptr));
  }
  return out;
}

boost::json::object VerificationJson(const Verification& v) {
  const journal::VerifyReport& report = v.report;
  boost::json::object json{{"ok", v.ok()},
                           {"records", report.records},
                           {"chains", report.chains},
                           {"checkpoints_checked", report.checkpoints_checked},
                           {"problem", report.problem},
                           {"warning", report.warning},
                           {"anchor", v.anchor}};
  if (v.state) {
    boost::json::array problems;
    for (const auto& p : v.state->problems) problems.push_back(boost::json::value(p));
    json["state"] = {{"ok", v.state->ok},
                     {"connections", v.state->connections},
                     {"problems", std::move(problems)}};
  }
  return json;
}

}  // namespace amanah::environment
