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
    // 5: labels and key fingerprints unique among live connections only (a revoked key can be
    // connected again); the key's creation time and the state MAC; chain heads kept beside the
    // journal; checkpoints count the records they cover and are append-only like the journal.
    R"sql(
CREATE TABLE connections_v5 (
  id                TEXT PRIMARY KEY,
  tenant_id         TEXT NOT NULL REFERENCES tenants(id),
  exchange          TEXT NOT NULL,
  label             TEXT NOT NULL,
  api_key_id        TEXT NOT NULL,
  key_fingerprint   TEXT NOT NULL,
  key_type          TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'revoked')),
  account_id        TEXT,
  endpoint          TEXT,
  created_at_ms     INTEGER NOT NULL,
  audited_at_ms     INTEGER,
  key_created_at_ms INTEGER,
  state_mac         BLOB,
  kek_version       INTEGER REFERENCES keyring(version),
  wrapped_dek       BLOB,
  CHECK ((kek_version IS NULL) = (wrapped_dek IS NULL))
) STRICT;
INSERT INTO connections_v5 (id, tenant_id, exchange, label, api_key_id, key_fingerprint, key_type,
                            status, account_id, endpoint, created_at_ms, audited_at_ms,
                            kek_version, wrapped_dek)
  SELECT id, tenant_id, exchange, label, api_key_id, key_fingerprint, key_type, status,
         account_id, endpoint, created_at_ms, audited_at_ms, kek_version, wrapped_dek
  FROM connections;
CREATE TABLE sealed_fields_v5 (
  connection_id TEXT NOT NULL REFERENCES connections_v5(id) ON DELETE CASCADE,
  field         TEXT NOT NULL,
  sealed        BLOB NOT NULL,
  PRIMARY KEY (connection_id, field)
) STRICT;
INSERT INTO sealed_fields_v5 SELECT connection_id, field, sealed FROM sealed_fields;
DROP TABLE sealed_fields;
DROP TABLE connections;
ALTER TABLE connections_v5 RENAME TO connections;
ALTER TABLE sealed_fields_v5 RENAME TO sealed_fields;
CREATE UNIQUE INDEX connections_live_label ON connections(tenant_id, label)
  WHERE status <> 'revoked';
CREATE UNIQUE INDEX connections_live_key ON connections(key_fingerprint)
  WHERE status <> 'revoked';
CREATE INDEX connections_by_kek ON connections(kek_version);

CREATE TABLE journal_heads (
  tenant_id TEXT PRIMARY KEY,
  seq       INTEGER NOT NULL,
  hash      BLOB NOT NULL
) STRICT;
INSERT INTO journal_heads (tenant_id, seq, hash)
  SELECT tenant_id, seq, hash FROM journal j
  WHERE seq = (SELECT MAX(seq) FROM journal WHERE tenant_id = j.tenant_id);

ALTER TABLE checkpoints ADD COLUMN records INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER checkpoints_no_update BEFORE UPDATE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
)sql",
    // 6: orders (the intent and where it stands; the id is the client order id) and
    // reconciliation's watermarks.
    R"sql(
CREATE TABLE orders (
  tenant_id         TEXT NOT NULL REFERENCES tenants(id),
  id                TEXT NOT NULL CHECK (length(id) = 32),
  connection_id     TEXT NOT NULL REFERENCES connections(id),
  exchange          TEXT NOT NULL,
  symbol            TEXT NOT NULL,
  side              TEXT NOT NULL,
  type              TEXT NOT NULL,
  time_in_force     TEXT NOT NULL,
  quantity          TEXT,
  quote_amount      TEXT,
  limit_price       TEXT,
  trigger_price     TEXT,
  source            TEXT NOT NULL,
  source_ref        TEXT NOT NULL,
  state             TEXT NOT NULL,
  exchange_order_id TEXT NOT NULL,
  executed_qty      TEXT NOT NULL,
  cumulative_quote  TEXT NOT NULL,
  reason            TEXT NOT NULL,
  created_at_ms     INTEGER NOT NULL,
  updated_at_ms     INTEGER NOT NULL,
  state_mac         BLOB,
  PRIMARY KEY (tenant_id, id)
) STRICT;
CREATE INDEX orders_by_connection ON orders(connection_id, created_at_ms);
CREATE INDEX orders_by_state ON orders(state, created_at_ms);

CREATE TABLE watermarks (
  connection_id TEXT NOT NULL REFERENCES connections(id),
  symbol        TEXT NOT NULL,
  time_ms       INTEGER NOT NULL,
  PRIMARY KEY (connection_id, symbol)
) STRICT;
)sql",
    // 7: the trailing delta of a trailing stop order (BIPS); a change number on every write, in
    // commit order (the engine reads a connection's activity by what changed since it looked);
    // the approved pairs of each connection.
    R"sql(
ALTER TABLE orders ADD COLUMN trailing_bips INTEGER CHECK (trailing_bips BETWEEN 1 AND 9999);
ALTER TABLE orders ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
UPDATE orders SET change_seq = rowid;
CREATE INDEX orders_by_change ON orders(change_seq);

-- The pairs the user approved per connection (the policy's allow-list), each with its MAC.
CREATE TABLE approved_pairs (
  connection_id  TEXT NOT NULL REFERENCES connections(id),
  symbol         TEXT NOT NULL CHECK (length(symbol) BETWEEN 1 AND 32),
  approved_at_ms INTEGER NOT NULL,
  mac            BLOB NOT NULL,
  PRIMARY KEY (connection_id, symbol)
) STRICT;
)sql",
    // 8: logins (a password hash and lockout state per user), browser sessions, personal access
    // tokens and the setup token — each credential as the SHA-256 of its secret —, the leased
    // rows of recurring background work, and alerts.
    R"sql(
ALTER TABLE users ADD COLUMN password_hash TEXT CHECK (password_hash LIKE '$argon2id$%');
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until_ms INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sessions (
  token_hash    BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
  user_id       TEXT NOT NULL REFERENCES users(id),
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  last_seen_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE access_tokens (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users(id),
  name          TEXT NOT NULL,
  secret_hash   BLOB NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
  scopes        TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  last_used_ms  INTEGER,
  revoked_at_ms INTEGER
) STRICT;
CREATE INDEX access_tokens_by_user ON access_tokens(user_id);

CREATE TABLE setup_token (
  only          INTEGER PRIMARY KEY CHECK (only = 1),
  token_hash    BLOB NOT NULL CHECK (length(token_hash) = 32),
  expires_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE work_items (
  name           TEXT PRIMARY KEY,
  due_at_ms      INTEGER NOT NULL,
  holder         TEXT NOT NULL DEFAULT '',
  lease_until_ms INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX work_items_by_due ON work_items(due_at_ms);

-- What needs a person's attention (a key suspended by an audit, a foreign order): one open alert
-- per tenant, kind and subject; acknowledging keeps it as a record.
CREATE TABLE alerts (
  id              TEXT PRIMARY KEY,
  tenant_id       TEXT NOT NULL REFERENCES tenants(id),
  kind            TEXT NOT NULL,
  subject         TEXT NOT NULL,
  message         TEXT NOT NULL,
  raised_at_ms    INTEGER NOT NULL,
  acknowledged_at_ms INTEGER,
  acknowledged_by TEXT
) STRICT;
CREATE UNIQUE INDEX alerts_open ON alerts(tenant_id, kind, subject) WHERE acknowledged_at_ms IS NULL;
)sql",
    // 9: what every node must see of the limits around it — attempts counted per key in fixed
    // windows (failed logins per client address), and each exchange origin's request-weight budget
    // per egress IP as the exchange last reported it (used weight in its window, back-off and ban).
    R"sql(
CREATE TABLE throttles (
  key             TEXT PRIMARY KEY,
  window_start_ms INTEGER NOT NULL,
  hits            INTEGER NOT NULL CHECK (hits >= 0)
) STRICT;

CREATE TABLE rate_budgets (
  exchange         TEXT NOT NULL,
  origin           TEXT NOT NULL,
  egress_ip        TEXT NOT NULL,
  window_start_ms  INTEGER NOT NULL,
  used_weight      INTEGER NOT NULL,
  weight_limit     INTEGER NOT NULL,
  backoff_until_ms INTEGER NOT NULL,
  banned_until_ms  INTEGER NOT NULL,
  PRIMARY KEY (exchange, origin, egress_ip)
) STRICT;
)sql",
    // 10: each connection's holdings once a day — per asset the total and its value in the quote
    // asset at that day's price — for the dashboard's balances chart.
    R"sql(
CREATE TABLE balance_snapshots (
  tenant_id     TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  day           TEXT NOT NULL,
  taken_ms      INTEGER NOT NULL,
  asset         TEXT NOT NULL,
  total         TEXT NOT NULL,
  quote         TEXT NOT NULL,
  value         TEXT,
  PRIMARY KEY (connection_id, day, asset)
) STRICT;
CREATE INDEX balance_snapshots_by_tenant ON balance_snapshots(tenant_id, day);
)sql",
    // 11: automated trading plans, their runs (one per slot: never two) and webhook signals (one
    // per sender id: never replayed).
    R"sql(
CREATE TABLE plans (
  id             TEXT PRIMARY KEY,
  tenant_id      TEXT NOT NULL REFERENCES tenants(id),
  connection_id  TEXT NOT NULL,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL,
  status         TEXT NOT NULL,
  status_reason  TEXT NOT NULL,
  period         TEXT NOT NULL,
  time_zone      TEXT NOT NULL,
  catch_up       TEXT NOT NULL,
  spec           TEXT NOT NULL,
  created_ms     INTEGER NOT NULL,
  updated_ms     INTEGER NOT NULL,
  next_run_ms    INTEGER,
  spent          TEXT NOT NULL,
  runs           INTEGER NOT NULL,
  state_mac      BLOB NOT NULL,
  holder         TEXT NOT NULL DEFAULT '',
  lease_until_ms INTEGER NOT NULL DEFAULT 0,
  UNIQUE (tenant_id, name)
) STRICT;
CREATE INDEX plans_due ON plans(next_run_ms) WHERE status = 'active';
CREATE TABLE plan_runs (
  tenant_id   TEXT NOT NULL,
  plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  slot_ms     INTEGER NOT NULL,
  state       TEXT NOT NULL,
  started_ms  INTEGER NOT NULL,
  finished_ms INTEGER,
  intents     TEXT NOT NULL,
  outcome     TEXT NOT NULL,
  note        TEXT NOT NULL,
  state_mac   BLOB NOT NULL,
  PRIMARY KEY (plan_id, slot_ms)
) STRICT;
CREATE INDEX plan_runs_started ON plan_runs(started_ms) WHERE state = 'started';
CREATE TABLE plan_signals (
  tenant_id   TEXT NOT NULL,
  plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  signal_id   TEXT NOT NULL,
  received_ms INTEGER NOT NULL,
  body        TEXT NOT NULL,
  state       TEXT NOT NULL,
  order_id    TEXT NOT NULL,
  reason      TEXT NOT NULL,
  state_mac   BLOB NOT NULL,
  PRIMARY KEY (plan_id, signal_id)
) STRICT;
CREATE INDEX plan_signals_state ON plan_signals(state, received_ms);
)sql",
    // 12: keys replaced by rotation, kept sealed until the exchange no longer accepts them.
    R"sql(
CREATE TABLE retired_keys (
  id                TEXT PRIMARY KEY,
  connection_id     TEXT NOT NULL REFERENCES connections(id),
  tenant_id         TEXT NOT NULL,
  api_key_id        TEXT NOT NULL,
  key_type          TEXT NOT NULL,
  key_created_at_ms INTEGER,
  retired_at_ms     INTEGER NOT NULL,
  probed_at_ms      INTEGER,
  probe_note        TEXT NOT NULL,
  mac               BLOB NOT NULL,
  kek_version       INTEGER NOT NULL REFERENCES keyring(version),
  wrapped_dek       BLOB NOT NULL
) STRICT;
CREATE INDEX retired_keys_by_connection ON retired_keys(connection_id, retired_at_ms);
CREATE INDEX retired_keys_by_kek ON retired_keys(kek_version);
CREATE TABLE retired_key_fields (
  retired_id TEXT NOT NULL REFERENCES retired_keys(id) ON DELETE CASCADE,
  field      TEXT NOT NULL,
  sealed     BLOB NOT NULL,
  PRIMARY KEY (retired_id, field)
) STRICT;
CREATE INDEX alerts_by_subject ON alerts(tenant_id, kind, subject);
)sql",
    // 13: outbound notifications and the health of connections — the endpoints a tenant has Amanah
    // POST to (each with the
    // journal position it has been notified up to) and the outbox of deliveries, kept whether or
    // not they could be delivered.
    R"sql(
CREATE TABLE notify_endpoints (
  id            TEXT PRIMARY KEY,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  url           TEXT NOT NULL,
  events        TEXT NOT NULL,
  description   TEXT NOT NULL,
  nonce         TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  cursor_seq    INTEGER NOT NULL
) STRICT;
CREATE INDEX notify_endpoints_by_tenant ON notify_endpoints(tenant_id, created_at_ms);
CREATE TABLE notifications (
  id               TEXT PRIMARY KEY,
  tenant_id        TEXT NOT NULL REFERENCES tenants(id),
  endpoint_id      TEXT NOT NULL,
  event            TEXT NOT NULL,
  body             TEXT NOT NULL,
  created_at_ms    INTEGER NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'undeliverable')),
  attempts         INTEGER NOT NULL,
  next_attempt_ms  INTEGER NOT NULL,
  delivered_at_ms  INTEGER,
  last_error       TEXT NOT NULL
) STRICT;
CREATE INDEX notifications_due ON notifications(next_attempt_ms) WHERE state = 'pending';
CREATE INDEX notifications_by_tenant ON notifications(tenant_id, created_at_ms);
-- What the last check of each connection found (written when it changes).
CREATE TABLE connection_health (
  connection_id TEXT PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
  tenant_id     TEXT NOT NULL REFERENCES tenants(id),
  state         TEXT NOT NULL CHECK (state IN ('ok', 'lost')),
  cause         TEXT NOT NULL,
  title         TEXT NOT NULL,
  explanation   TEXT NOT NULL,
  fix           TEXT NOT NULL,
  since_ms      INTEGER NOT NULL,
  retry_at_ms   INTEGER NOT NULL
) STRICT;
)sql",
    // 14: the nonce counter and signing turn of each API key whose exchange authenticates by an
    // increasing nonce (Kraken): shared by every process and node on this store.
    R"sql(
CREATE TABLE key_nonces (
  key           TEXT PRIMARY KEY,
  last_nonce    INTEGER NOT NULL CHECK (last_nonce >= 0),
  holder        TEXT NOT NULL,
  turn_until_ms INTEGER NOT NULL
) STRICT;
)sql",
};

}  // namespace

std::span<const std::string_view> Migrations() { return kMigrations; }

namespace {

base::Result<int64_t> UserVersion(Database& db) {
  AMANAH_ASSIGN_OR_RETURN(auto stmt, db.Prepare("PRAGMA user_version"));
  AMANAH_ASSIGN_OR_RETURN(bool row, stmt.Step());
  return row ? stmt.Int(0) : 0;
}

base::Result<void> CheckNotNewer(int64_t version, int64_t known) {
  if (version <= known) return {};
  return base::Fail(base::ErrorCode::kFailedPrecondition,
                    "the database schema is version " + std::to_string(version) +
                        ", newer than this amanah binary supports (" + std::to_string(known) +
                        "); upgrade amanah, or restore a backup made by this version");
}

// Runs the migrations the database lacks, each in its own write transaction. The version is read
// again inside the transaction, so processes starting together on a new database migrate it once.
base::Result<void> MigrateLocked(Database& db, int64_t known) {
  const auto all = Migrations();
  for (;;) {
    AMANAH_ASSIGN_OR_RETURN(auto tx, db.Begin());
    AMANAH_ASSIGN_OR_RETURN(int64_t version, UserVersion(db));
    AMANAH_TRY(CheckNotNewer(version, known));
    if (version == known) return tx.Commit();
    AMANAH_TRY(db.Exec(all[static_cast<size_t>(version)]));
    // Table rebuilds run with foreign keys off (SQLite's documented procedure): check them now.
    {
      AMANAH_ASSIGN_OR_RETURN(auto check, db.Prepare("PRAGMA foreign_key_check"));
      AMANAH_ASSIGN_OR_RETURN(bool broken, check.Step());
      if (broken) {
        return base::Fail(base::ErrorCode::kDataLoss,
                          "migration " + std::to_string(version + 1) +
                              " found rows whose references are broken; restore a backup");
      }
    }
    AMANAH_TRY(db.Exec("PRAGMA user_version = " + std::to_string(version + 1)));
    AMANAH_TRY(tx.Commit());
  }
}

}  // namespace

base::Result<void> Migrate(Database& db) {
  const auto known = static_cast<int64_t>(Migrations().size());
  AMANAH_ASSIGN_OR_RETURN(int64_t version, UserVersion(db));
  AMANAH_TRY(CheckNotNewer(version, known));
  if (version == known) return {};
  // PRAGMA foreign_keys is a no-op inside a transaction: turn it off around the migrations.
  AMANAH_TRY(db.Exec("PRAGMA foreign_keys = OFF"));
  auto migrated = MigrateLocked(db, known);
  AMANAH_TRY(db.Exec("PRAGMA foreign_keys = ON"));
  return migrated;
}

}  // namespace amanah::store::sqlite
