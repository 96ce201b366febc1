// The records the Store keeps: tenants, exchange connections with their sealed credentials, and
// the vault's keyring. Plain values; what the bytes inside mean is the vault's business (the store
// never sees plaintext secrets, only sealed or wrapped blobs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/decimal.h"
#include "base/strong_id.h"

namespace amanah::store {

using TenantId = base::StrongId<struct TenantTag>;
using ConnectionId = base::StrongId<struct ConnectionTag>;
using Blob = std::vector<uint8_t>;

struct Tenant {
  TenantId id;
  std::string name;
  base::SystemTime created_at;
};

using UserId = base::StrongId<struct UserTag>;

/// A person who operates a tenant's account in Amanah (not an exchange account).
enum class UserRole {
  kOwner,     ///< everything, including connecting and revoking keys
  kOperator,  ///< runs strategies and audits; cannot connect or revoke keys
  kViewer,    ///< reads only
};
std::string_view UserRoleName(UserRole role);
std::optional<UserRole> ParseUserRole(std::string_view name);

struct User {
  UserId id;
  TenantId tenant;
  std::string name;  ///< unique across the installation
  UserRole role = UserRole::kViewer;
  base::SystemTime created_at;
  /// The argon2id PHC string of the password; none: the user cannot log in with a password.
  std::optional<std::string> password_hash;
  /// Wrong passwords since the last good one, and until when logins are refused.
  int64_t failed_logins = 0;
  base::SystemTime locked_until{};
};

/// A browser's logged-in session. The cookie holds the token; the store only its SHA-256.
struct Session {
  Blob token_hash;
  UserId user;
  base::SystemTime created_at;
  base::SystemTime expires_at;
  base::SystemTime last_seen;
};

/// A personal access token for scripts and the CLI's --server: a public id and a secret whose
/// SHA-256 is all the store keeps. Scopes are a comma-separated list (read, trade, admin).
struct AccessToken {
  std::string id;
  UserId user;
  std::string name;
  Blob secret_hash;
  std::string scopes;
  base::SystemTime created_at;
  base::SystemTime expires_at;
  std::optional<base::SystemTime> last_used_at;
  std::optional<base::SystemTime> revoked_at;
};

/// Something that needs a person's attention, e.g. a key an audit suspended. At most one alert is
/// open per tenant, kind and subject (a connection id); raising it again changes nothing.
struct Alert {
  std::string id;
  TenantId tenant;
  std::string kind;  ///< "key.suspended", "order.foreign", …
  std::string subject;
  std::string message;
  base::SystemTime raised_at;
  std::optional<base::SystemTime> acknowledged_at;
  std::optional<std::string> acknowledged_by;
};

/// A piece of recurring background work (a connection's re-audit), leased by one node at a time:
/// due when `due_at` has passed and no lease is current.
struct WorkItem {
  std::string name;
  base::SystemTime due_at;
  std::string holder;  ///< the node that holds the lease; empty when none
  base::SystemTime lease_until{};
};

/// One exchange origin's request-weight budget as seen from one egress IP, shared by every node
/// that sends from that IP: the weight the exchange reported used in its current window (-1: none
/// reported), its published limit (0: unknown), and until when no request may be sent (a 429's
/// back-off, a 418's ban). Times in milliseconds since the epoch.
struct RateBudget {
  std::string exchange;
  std::string origin;
  std::string egress_ip;
  int64_t window_start_ms = 0;
  int64_t used_weight = -1;
  int64_t weight_limit = 0;
  int64_t backoff_until_ms = 0;
  int64_t banned_until_ms = 0;
  bool operator==(const RateBudget&) const = default;
};

enum class ConnectionStatus {
  kActive,     ///< audited compliant; may trade
  kSuspended,  ///< failed a later audit, or suspended by an operator; may not trade
  kRevoked,    ///< secret crypto-shredded; kept as a record only
};
/// Whether the connection still holds its key (active or suspended).
inline bool IsLive(ConnectionStatus s) { return s != ConnectionStatus::kRevoked; }
std::string_view ConnectionStatusName(ConnectionStatus status);
std::optional<ConnectionStatus> ParseConnectionStatus(std::string_view name);

/// One sealed secret field of a credential ("secret", "private_key", "passphrase").
struct SealedField {
  std::string field;
  Blob sealed;
  bool operator==(const SealedField&) const = default;
};

struct Connection {
  ConnectionId id;
  TenantId tenant;
  std::string exchange;         ///< "binance", "bybit", "okx", "kraken"
  std::string label;            ///< unique per tenant
  std::string api_key_id;       ///< the exchange's public API key (not secret)
  std::string key_fingerprint;  ///< hex SHA-256 of exchange ‖ api key id; unique across tenants
  std::string key_type;         ///< "hmac", "ed25519", "rsa"
  ConnectionStatus status = ConnectionStatus::kActive;
  std::optional<std::string> account_id;  ///< the exchange account the key belongs to, pinned
  std::optional<std::string> endpoint;    ///< API base URL when not the exchange's own (paper mode)
  base::SystemTime created_at;
  std::optional<base::SystemTime> audited_at;
  /// When the exchange says the key was created (else unknown; rotation counts from created_at).
  std::optional<base::SystemTime> key_created_at;
  /// MAC over the security-relevant fields above, under the vault's state key (vault/state_mac.h).
  Blob state_mac;
  // Credential material; empty once crypto-shredded.
  uint32_t kek_version = 0;  ///< keyring version that wrapped the data key
  Blob wrapped_dek;
  std::vector<SealedField> sealed;
};

/// A connection's former key, replaced by rotation: its sealed credential is kept only so that it
/// can be probed until the exchange no longer accepts it (the user deleted it), then the row is
/// deleted (crypto-shred). Its sealed fields stay bound to the connection's id and the old API key
/// id (vault/envelope.h); `mac` is keys/retired_key.h's, under the vault's state key.
/// What the last check of a connection found (keys/key_health.cc): working, or lost with its cause
/// (exchange/lost_connection.h) and the fix; written only when it changes.
struct ConnectionHealth {
  ConnectionId connection;
  TenantId tenant;
  std::string state = "ok";  ///< "ok" | "lost"
  std::string cause;         ///< exchange::LostCauseName when lost
  std::string title;
  std::string explanation;
  std::string fix;
  base::SystemTime since;   ///< in this state since
  int64_t retry_at_ms = 0;  ///< rate limits and bans: when calls may resume
};

struct RetiredKey {
  std::string id;  ///< 32 lowercase hex characters
  ConnectionId connection;
  TenantId tenant;
  std::string api_key_id;
  std::string key_type;
  std::optional<base::SystemTime> key_created_at;
  base::SystemTime retired_at;
  std::optional<base::SystemTime> probed_at;  ///< the last probe's time
  std::string probe_note;                     ///< what the last probe found
  Blob mac;
  uint32_t kek_version = 0;
  Blob wrapped_dek;
  std::vector<SealedField> sealed;
};

/// A keyring version: a key-encryption key sealed under the root (master) key.
struct KeyringEntry {
  uint32_t version = 0;
  Blob sealed_key;
  base::SystemTime created_at;
  uint64_t encryptions = 0;  ///< wraps done under this version, counted before each use
};

/// The vault's settings, one row.
struct VaultMeta {
  std::string root_provider;  ///< "file", "env" or "passphrase" (never the key or a path)
  std::string root_kdf;       ///< for "passphrase": argon2id salt and parameters; else empty
  uint32_t current_version = 0;
  uint32_t min_decryption_version = 0;
  base::SystemTime created_at;
};

/// A secret of Amanah's own (e.g. the journal's checkpoint signing key), sealed like a credential:
/// its DEK is wrapped for tenant "_system" and connection id = name.
struct SystemSecret {
  std::string name;
  std::string public_info;  ///< what may be shown (e.g. the public key), never secret
  uint32_t kek_version = 0;
  Blob wrapped_dek;
  Blob sealed;
  base::SystemTime created_at;
};

/// Whose data key a WrappedDek is.
enum class DekOwner { kConnection, kSystemSecret, kRetiredKey };

/// A data key as stored, for rewrapping. For a system secret, `connection` holds its name and
/// `tenant` is "_system".
struct WrappedDek {
  DekOwner owner = DekOwner::kConnection;
  ConnectionId connection;
  TenantId tenant;
  uint32_t kek_version = 0;
  Blob wrapped_dek;
};

/// A rewrapped data key to write back if the row still holds `old_wrapped`.
struct DekRewrap {
  DekOwner owner = DekOwner::kConnection;
  ConnectionId connection;
  Blob old_wrapped;
  uint32_t new_version = 0;
  Blob new_wrapped;
};

/// One journal record as stored (see journal/record.h for what the bytes mean).
struct JournalRow {
  std::string tenant;
  uint64_t seq = 0;
  int64_t time_ms = 0;
  std::string kind;
  std::string payload;  ///< canonical JSON
  Blob prev_hash;
  Blob hash;
};

/// The last record of one tenant's chain.
struct ChainHeadRow {
  std::string tenant;
  uint64_t seq = 0;
  Blob hash;
};

/// A signed checkpoint of every journal chain's head.
struct CheckpointRow {
  int64_t id = 0;  ///< assigned by the store
  int64_t time_ms = 0;
  std::string body;
  Blob signature;
  std::string key_id;
  uint64_t records = 0;  ///< how many records the journal held (Σ of the heads' seqs)
};

/// One order as Amanah keeps it: the intent (what was asked, by whom, from which plan or webhook)
/// and where it stands. The words (side, type, state, …) are the order module's
/// (order/lifecycle.h); the store keeps them as text. `id` is the intent id and also the client
/// order id sent to the exchange (32 lowercase hex characters), unique per tenant.
struct OrderRow {
  std::string id;
  TenantId tenant;
  ConnectionId connection;
  std::string exchange;
  std::string symbol;  ///< the exchange's own symbol
  std::string side;    ///< "buy" | "sell"
  std::string type;    ///< "limit" | "market" | "limit_maker" | "stop_loss_limit" | …
  std::string time_in_force;
  std::optional<base::Decimal> quantity;
  std::optional<base::Decimal> quote_amount;
  std::optional<base::Decimal> limit_price;
  std::optional<base::Decimal> trigger_price;  ///< stop-loss / take-profit: stop or activation
  std::optional<int64_t> trailing_bips;        ///< trailing stop delta, BIPS
  std::string source;                          ///< "manual" | "plan" | "webhook"
  std::string source_ref;                      ///< the plan's or webhook's id; empty for manual
  std::string state;                           ///< lifecycle state
  std::string exchange_order_id;
  base::Decimal executed_qty;
  base::Decimal cumulative_quote;
  std::string reason;  ///< why it was rejected, or what left it unknown
  base::SystemTime created_at;
  base::SystemTime updated_at;
  Blob state_mac;  ///< vault/state_mac.h
  /// Set by the store on every insert and update, increasing in commit order (not part of the
  /// MAC: it says when the row changed, not what it holds).
  int64_t change_seq = 0;
};

/// A pair the user approved for trading on one connection (policy's per-connection allow-list),
/// with its state MAC (keys/approved_pairs.h).
struct ApprovedPair {
  ConnectionId connection;
  std::string symbol;  ///< the exchange's own
  base::SystemTime approved_at;
  Blob mac;
};

/// How far reconciliation has read one connection's orders and trades on the exchange.
struct Watermark {
  ConnectionId connection;
  std::string symbol;
  int64_t time_ms = 0;
};

}  // namespace amanah::store
