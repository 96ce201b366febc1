// JournalRepository: the append-only journal rows (journal/record.h says what they mean), the head
// of each tenant's chain, and the signed checkpoints. The store refuses to update or delete a
// journal row or a checkpoint. Reached through a UnitOfWork; reading the head and appending in one
// write transaction is what keeps chains correct when several processes append.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "store/records.h"

namespace amanah::store {

class JournalRepository {
 public:
  virtual ~JournalRepository() = default;
  /// Appends rows and moves their chains' heads. kAlreadyExists if a (tenant, seq) is taken.
  virtual base::Result<void> Append(const std::vector<JournalRow>& rows) = 0;
  /// The head of one tenant's chain (seq 0 and no hash when it has none).
  virtual base::Result<std::optional<ChainHeadRow>> Head(std::string_view tenant) = 0;
  /// The head of every chain, by tenant.
  virtual base::Result<std::vector<ChainHeadRow>> Heads() = 0;
  /// Σ of every chain's length: how many records the journal holds.
  virtual base::Result<uint64_t> RecordCount() = 0;
  /// Visits rows ordered by tenant then seq, optionally one tenant's; `visit` returns false to
  /// stop.
  virtual base::Result<void> Scan(const std::optional<std::string>& tenant,
                                  const std::function<bool(const JournalRow&)>& visit) = 0;
  /// The row `seq` of `tenant`'s chain; nullopt if there is none.
  virtual base::Result<std::optional<JournalRow>> Row(std::string_view tenant, uint64_t seq) = 0;

  /// Stores a checkpoint; returns its id.
  virtual base::Result<int64_t> InsertCheckpoint(const CheckpointRow& checkpoint) = 0;
  virtual base::Result<std::optional<CheckpointRow>> LatestCheckpoint() = 0;
  virtual base::Result<uint64_t> CheckpointCount() = 0;
  /// Whether a stored checkpoint has exactly this body.
  virtual base::Result<bool> HasCheckpoint(std::string_view body) = 0;
};

}  // namespace amanah::store
