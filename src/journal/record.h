// Journal records and the bytes their hashes cover. Every decision Amanah makes is one record in
// its tenant's hash chain; changing, removing, inserting or reordering a record breaks the chain.
//
// Byte grammar (also docs/journal_format.md). Integers are big-endian.
//
//   record   = magic ‖ seq ‖ time ‖ str(tenant) ‖ str(kind) ‖ str(payload)
//   magic    = "amanah/journal/v1"                      17 ASCII bytes, no terminator
//   seq      = u64                                      1 for the first record of a chain
//   time     = i64                                      milliseconds since the Unix epoch, UTC
//   str(x)   = u32 length ‖ the UTF-8 bytes of x
//   payload  = canonical JSON (below)
//   hash     = SHA-256(prev_hash ‖ record)             prev_hash = 32 zero bytes for seq 1
//
// Canonical JSON: UTF-8; no insignificant whitespace; object members sorted by key (bytewise); only
// objects, arrays, strings, integers, true, false and null (no floating point: money is a decimal
// string); strings escaped as Boost.JSON serializes them. Tenants and kinds are 1–64 characters of
// [A-Za-z0-9._:-]. Stateless; thread-safe.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/sha2.h"

namespace amanah::journal {

inline constexpr std::string_view kMagic = "amanah/journal/v1";
using Hash = crypto::Sha256Digest;
inline constexpr Hash kGenesis{};

/// The kinds of decision the journal records.
namespace kind {
inline constexpr std::string_view kKeyConnected = "key.connected";
inline constexpr std::string_view kKeyRefused = "key.refused";
inline constexpr std::string_view kKeyAudited = "key.audited";
inline constexpr std::string_view kKeySuspended = "key.suspended";
inline constexpr std::string_view kKeyReactivated = "key.reactivated";
inline constexpr std::string_view kKeyDisconnected = "key.disconnected";
inline constexpr std::string_view kKeyRotationStarted = "key.rotation_started";
inline constexpr std::string_view kKeyRotationRefused = "key.rotation_refused";
inline constexpr std::string_view kKeyRotated = "key.rotated";
inline constexpr std::string_view kKeyOldKeyProbed = "key.old_key_probed";
inline constexpr std::string_view kKeyOldKeyGone = "key.old_key_gone";
inline constexpr std::string_view kKeyRotationDue = "key.rotation_due";
inline constexpr std::string_view kKeyRevoked = "key.revoked";
/// The daemon lost a connection (its cause classified, with the fix) and, later, regained it.
inline constexpr std::string_view kConnectionLost = "connection.lost";
inline constexpr std::string_view kConnectionRestored = "connection.restored";
inline constexpr std::string_view kPairsApproved = "connection.pairs_approved";
inline constexpr std::string_view kPairsRevoked = "connection.pairs_revoked";
inline constexpr std::string_view kOrderIntent = "order.intent";
inline constexpr std::string_view kOrderRejected = "order.rejected";
inline constexpr std::string_view kOrderPlaced = "order.placed";
inline constexpr std::string_view kOrderFilled = "order.filled";
inline constexpr std::string_view kOrderCancelled = "order.cancelled";
inline constexpr std::string_view kOrderExpired = "order.expired";
inline constexpr std::string_view kOrderUnknown = "order.unknown";
inline constexpr std::string_view kOrderSettled = "order.settled";
inline constexpr std::string_view kOrderForeign = "order.foreign";
inline constexpr std::string_view kPlanCreated = "plan.created";
inline constexpr std::string_view kPlanPaused = "plan.paused";
inline constexpr std::string_view kPlanResumed = "plan.resumed";
inline constexpr std::string_view kPlanDeleted = "plan.deleted";
inline constexpr std::string_view kPlanFinished = "plan.finished";
inline constexpr std::string_view kPlanSecretRotated = "plan.secret_rotated";
inline constexpr std::string_view kPlanRunStarted = "plan.run_started";
inline constexpr std::string_view kPlanRun = "plan.run";
inline constexpr std::string_view kPlanRunSkipped = "plan.run_skipped";
inline constexpr std::string_view kPlanRunFailed = "plan.run_failed";
inline constexpr std::string_view kPlanSignal = "plan.signal";
inline constexpr std::string_view kPlanSignalRejected = "plan.signal_rejected";
inline constexpr std::string_view kPolicyShadowReject = "policy.shadow_reject";
inline constexpr std::string_view kScreenVerdict = "screen.verdict";
inline constexpr std::string_view kVaultInitialised = "vault.initialised";
inline constexpr std::string_view kVaultRotationRequested = "vault.master_key_rotation_requested";
inline constexpr std::string_view kVaultMasterKeyRotated = "vault.master_key_rotated";
inline constexpr std::string_view kVaultVersionsRetired = "vault.min_decryption_version_set";
inline constexpr std::string_view kUserCreated = "user.created";
inline constexpr std::string_view kUserLogin = "user.login";
inline constexpr std::string_view kUserLoginRefused = "user.login_refused";
inline constexpr std::string_view kUserLocked = "user.locked";
inline constexpr std::string_view kTokenCreated = "token.created";
inline constexpr std::string_view kTokenRevoked = "token.revoked";
inline constexpr std::string_view kSetupTokenIssued = "setup.token_issued";
inline constexpr std::string_view kAlertAcknowledged = "alert.acknowledged";
}  // namespace kind

/// The tenant of records about Amanah itself (vault, node).
inline constexpr std::string_view kSystemTenant = "_system";

struct Record {
  std::string tenant;
  uint64_t seq = 0;
  int64_t time_ms = 0;
  std::string kind;
  std::string payload;  ///< canonical JSON
};

/// The bytes `record` above, for hashing.
crypto::Bytes Encode(const Record& record);
/// SHA-256(prev ‖ Encode(record)), fed to the hash piece by piece without building the bytes.
Hash ComputeHash(const Hash& prev, uint64_t seq, int64_t time_ms, std::string_view tenant,
                 std::string_view kind, std::string_view payload);
inline Hash ComputeHash(const Hash& prev, const Record& r) {
  return ComputeHash(prev, r.seq, r.time_ms, r.tenant, r.kind, r.payload);
}

/// The canonical JSON text of `value`; kInvalidArgument for floating-point numbers.
base::Result<std::string> CanonicalJson(const boost::json::value& value);
/// Checks a tenant id or kind against [A-Za-z0-9._:-]{1,64}.
base::Result<void> CheckName(std::string_view what, std::string_view name);

}  // namespace amanah::journal
