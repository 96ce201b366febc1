// Verification of the journal: re-walks every chain from its first record, recomputing each hash
// and link, and names the first bad record; then checks that every head in the latest stored
// checkpoint — and, if given, an exported checkpoint file — is still in the journal with the same
// hash. Without a checkpoint, truncating a chain's tail or rewriting it wholesale (recomputing all
// hashes) cannot be told from a shorter honest history: export checkpoints off the host.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "crypto/bytes.h"
#include "journal/checkpoint.h"
#include "store/store.h"

namespace amanah::journal {

struct VerifyReport {
  bool ok = true;
  uint64_t records = 0;
  uint64_t chains = 0;
  /// The first problem found, e.g. "tenant t1, record 17: its content does not match its hash
  /// (the record was modified)". Empty when ok.
  std::string problem;
  /// Checkpoints checked: the latest stored one, and the exported file if given.
  uint64_t checkpoints_checked = 0;
  /// A non-fatal note, e.g. the exported checkpoint is signed by another node key.
  std::string warning;
};

/// `node_public_key`: the raw Ed25519 key the stored checkpoints must be signed with; an exported
/// checkpoint signed by another key fails (the node key was replaced).
base::Result<VerifyReport> Verify(store::Store& store, crypto::ByteView node_public_key,
                                  const std::optional<SignedCheckpoint>& exported = std::nullopt);
/// The same inside a unit of work the caller holds.
base::Result<VerifyReport> VerifyIn(store::UnitOfWork& unit, crypto::ByteView node_public_key,
                                    const std::optional<SignedCheckpoint>& exported);

}  // namespace amanah::journal
