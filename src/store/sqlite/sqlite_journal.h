// JournalRepository on one SQLite connection (inside the caller's transaction).
#pragma once

#include "store/journal_repository.h"
#include "store/sqlite/database.h"

namespace amanah::store::sqlite {

class SqliteJournal final : public JournalRepository {
 public:
  explicit SqliteJournal(Database& db) : db_(db) {}
  base::Result<void> Append(const std::vector<JournalRow>& rows) override;
  base::Result<std::optional<ChainHeadRow>> Head(std::string_view tenant) override;
  base::Result<std::vector<ChainHeadRow>> Heads() override;
  base::Result<uint64_t> RecordCount() override;
  base::Result<void> Scan(const std::optional<std::string>& tenant,
                          const std::function<bool(const JournalRow&)>& visit) override;
  base::Result<std::optional<JournalRow>> Row(std::string_view tenant, uint64_t seq) override;
  base::Result<int64_t> InsertCheckpoint(const CheckpointRow& checkpoint) override;
  base::Result<std::optional<CheckpointRow>> LatestCheckpoint() override;
  base::Result<uint64_t> CheckpointCount() override;
  base::Result<bool> HasCheckpoint(std::string_view body) override;

 private:
  Database& db_;
};

}  // namespace amanah::store::sqlite
