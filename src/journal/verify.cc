#include "journal/verify.h"

#include <map>

namespace amanah::journal {
namespace {

std::string At(const std::string& tenant, uint64_t seq) {
  return "tenant " + tenant + ", record " + std::to_string(seq);
}

// Checks one checkpoint's heads against the chain heads and hashes seen while walking.
void CheckHeads(const Checkpoint& c, const std::map<std::string, uint64_t>& lengths,
                const std::map<std::pair<std::string, uint64_t>, Hash>& wanted_hashes,
                std::string_view which, VerifyReport& report) {
  for (const auto& h : c.heads) {
    auto len = lengths.find(h.tenant);
    const uint64_t have = len == lengths.end() ? 0 : len->second;
    if (have < h.seq) {
      report.ok = false;
      report.problem = std::string(which) + " says tenant " + h.tenant + " had " +
                       std::to_string(h.seq) + " records; the journal has " + std::to_string(have) +
                       " (records were truncated)";
      return;
    }
    auto found = wanted_hashes.find({h.tenant, h.seq});
    if (found == wanted_hashes.end() || found->second != h.hash) {
      report.ok = false;
      report.problem = std::string(which) + " disagrees with " + At(h.tenant, h.seq) +
                       " (the journal was rewritten behind the checkpoint)";
      return;
    }
  }
}

}  // namespace

base::Result<VerifyReport> Verify(store::Store& store, crypto::ByteView node_public_key,
                                  const std::optional<SignedCheckpoint>& exported) {
  return store.Read([&](store::UnitOfWork& unit) -> base::Result<VerifyReport> {
    return VerifyIn(unit, node_public_key, exported);
  });
}

base::Result<VerifyReport> VerifyIn(store::UnitOfWork& unit, crypto::ByteView node_public_key,
                                    const std::optional<SignedCheckpoint>& exported) {
  VerifyReport report;
  bool exported_missing = false;
  // Checkpoints first, so the walk can note the hashes they name.
  std::vector<std::pair<Checkpoint, std::string>> checkpoints;
  AMANAH_ASSIGN_OR_RETURN(auto latest, unit.journal().LatestCheckpoint());
  if (latest) {
    SignedCheckpoint s{latest->body, latest->signature,
                       crypto::Bytes(node_public_key.begin(), node_public_key.end()),
                       latest->key_id};
    auto c = s.Verify();
    if (!c) {
      report.ok = false;
      report.problem = "the latest stored checkpoint (#" + std::to_string(latest->id) +
                       ") fails verification: " + c.error().message();
      return report;
    }
    checkpoints.emplace_back(std::move(*c), "the latest stored checkpoint");
  }
  if (exported) {
    auto c = exported->Verify();
    if (!c) {
      report.ok = false;
      report.problem = "the exported checkpoint fails verification: " + c.error().message();
      return report;
    }
    // The exported checkpoint pins the node key: a journal signed by any other key was replaced.
    if (exported->public_key != crypto::Bytes(node_public_key.begin(), node_public_key.end())) {
      report.ok = false;
      report.problem = "the exported checkpoint is signed by node key " + exported->key_id +
                       ", but this journal's node key is " + KeyId(node_public_key) +
                       " (the node key was replaced, and the journal with it)";
      return report;
    }
    // It was exported from the stored ones: gone from them means checkpoints were deleted (told
    // after the chains, which say more when records went with them).
    AMANAH_ASSIGN_OR_RETURN(bool stored, unit.journal().HasCheckpoint(exported->body));
    exported_missing = !stored;
    checkpoints.emplace_back(std::move(*c), "the exported checkpoint");
  }
  std::map<std::pair<std::string, uint64_t>, Hash> wanted;
  for (const auto& [c, name] : checkpoints) {
    for (const auto& h : c.heads) wanted[{h.tenant, h.seq}] = {};
  }

  std::map<std::string, uint64_t> lengths;
  std::string tenant;
  uint64_t expected = 1;
  Hash prev = kGenesis;
  // The seqs of this chain that checkpoints name, ascending; `next` indexes the next one due.
  std::vector<uint64_t> named;
  size_t next = 0;
  auto walked = unit.journal().Scan(std::nullopt, [&](const store::JournalRow& row) {
    if (row.tenant != tenant) {
      if (!tenant.empty()) lengths[tenant] = expected - 1;
      tenant = row.tenant;
      expected = 1;
      prev = kGenesis;
      ++report.chains;
      named.clear();
      next = 0;
      for (auto it = wanted.lower_bound({tenant, 0});
           it != wanted.end() && it->first.first == tenant; ++it) {
        named.push_back(it->first.second);
      }
    }
    auto fail = [&](const std::string& what) {
      report.ok = false;
      report.problem = At(row.tenant, expected) + ": " + what;
      return false;
    };
    if (row.seq != expected) {
      return fail("missing; the next record is " + std::to_string(row.seq) +
                  " (records were deleted, or inserted and renumbered)");
    }
    if (row.prev_hash.size() != prev.size() ||
        !std::equal(prev.begin(), prev.end(), row.prev_hash.begin())) {
      return fail(
          "does not link to the record before it (records were removed, inserted or "
          "reordered before it)");
    }
    const Hash hash = ComputeHash(prev, row.seq, row.time_ms, row.tenant, row.kind, row.payload);
    if (row.hash.size() != hash.size() || !std::equal(hash.begin(), hash.end(), row.hash.begin())) {
      return fail("its content does not match its hash (the record was modified)");
    }
    if (next < named.size() && named[next] == row.seq) {
      wanted[{row.tenant, row.seq}] = hash;
      ++next;
    }
    prev = hash;
    ++expected;
    ++report.records;
    return true;
  });
  if (!tenant.empty()) lengths[tenant] = expected - 1;  // the last chain walked
  AMANAH_TRY(walked);
  if (!report.ok) return report;
  for (const auto& [c, name] : checkpoints) {
    CheckHeads(c, lengths, wanted, name, report);
    if (!report.ok) return report;
    ++report.checkpoints_checked;
  }
  if (exported_missing) {
    report.ok = false;
    report.problem =
        "the exported checkpoint is not among the stored checkpoints (checkpoints were deleted or "
        "the journal was replaced)";
  }
  return report;
}

}  // namespace amanah::journal
