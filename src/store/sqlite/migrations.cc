#include "store/sqlite/migrations.h"

#include <string>

namespace amanah::store::sqlite {
namespace {

constexpr std::string_view kMigrations[] = {
    // 1: tenants, vault keyring, connections with sealed credentials.
    R"sql(
CREATE TABLE tenants (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE vault_meta (
  singleton              INTEGER PRIMARY KEY CHECK (singleton = 1),
  root_provider          TEXT NOT NULL,
  root_kdf               TEXT NOT NULL,
  current_version        INTEGER NOT NULL,
  min_decryption_version INTEGER NOT NULL,
  created_at_ms          INTEGER NOT NULL
) STRICT;

CREATE TABLE keyring (
  version       INTEGER PRIMARY KEY,
  sealed_key    BLOB NOT NULL,
  created_at_ms INTEGER NOT NULL,
  encryptions   INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE connections (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL REFERENCES tenants(id),
  exchange        TEXT NOT NULL,
  label           TEXT NOT NULL,
  api_key_id      TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL UNIQUE,
  key_type        TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
  account_id      TEXT,
  created_at_ms   INTEGER NOT NULL,
  audited_at_ms   INTEGER,
  kek_version     INTEGER REFERENCES keyring(version),
  wrapped_dek     BLOB,
  UNIQUE (tenant_id, label),
  CHECK ((kek_version IS NULL) = (wrapped_dek IS NULL))
) STRICT;

CREATE TABLE sealed_fields (
  connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
  field         TEXT NOT NULL,
  sealed        BLOB NOT NULL,
  PRIMARY KEY (connection_id, field)
) STRICT;

CREATE INDEX connections_by_kek ON connections(kek_version);
)sql",
    // 2: system secrets, the append-only journal and its signed checkpoints.
    R"sql(
CREATE TABLE system_secrets (
  name          TEXT PRIMARY KEY,
  public_info   TEXT NOT NULL,
  kek_version   INTEGER NOT NULL REFERENCES keyring(version),
  wrapped_dek   BLOB NOT NULL,
  sealed        BLOB NOT NULL,
  created_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE journal (
  tenant_id TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  time_ms   INTEGER NOT NULL,
  kind      TEXT NOT NULL,
  payload   TEXT NOT NULL,
  prev_hash BLOB NOT NULL,
  hash      BLOB NOT NULL,
  PRIMARY KEY (tenant_id, seq)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

CREATE TABLE checkpoints (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  time_ms   INTEGER NOT NULL,
  body      TEXT NOT NULL,
  signature BLOB NOT NULL,
  key_id    TEXT NOT NULL
) STRICT;
)sql",
    // 3: the people who operate each tenant.
    R"sql(
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  name          TEXT NOT NULL UNIQUE,
  role          TEXT NOT NULL CHECK (role IN ('owner', 'operator', 'viewer')),
  created_at_ms INTEGER NOT NULL
) STRICT;
)sql",
    // 4: where a connection's exchange answers (its API base URL; NULL = the exchange's own).
    R"sql(
ALTER TABLE connections ADD COLUMN endpoint TEXT;
)sql",
};

}  // namespace

std::span<const std::string_view> Migrations() { return kMigrations; }

base::Result<void> Migrate(Database& db) {
  int64_t version = 0;
  {
    AMANAH_ASSIGN_OR_RETURN(auto stmt, db.Prepare("PRAGMA user_version"));
    AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (row) version = stmt.Int(0);
  }
  const auto all = Migrations();
  const auto known = static_cast<int64_t>(all.size());
  if (version > known) {
    return base::Fail(base::ErrorCode::kFailedPrecondition,
                      "the database schema is version " + std::to_string(version) +
                          ", newer than this amanah binary supports (" + std::to_string(known) +
                          "); upgrade amanah, or restore a backup made by this version");
  }
  for (int64_t v = version; v < known; ++v) {
    AMANAH_ASSIGN_OR_RETURN(auto tx, db.Begin());
    AMANAH_TRY(db.Exec(all[static_cast<size_t>(v)]));
    AMANAH_TRY(db.Exec("PRAGMA user_version = " + std::to_string(v + 1)));
    AMANAH_TRY(tx.Commit());
  }
  return {};
}

}  // namespace amanah::store::sqlite
