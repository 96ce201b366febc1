// KeyService: the operations on exchange keys that the CLI, the HTTP API and the dashboard share —
// connect, audit (suspending a key that fails and reactivating one that passes again), balances,
// disconnect, list, and whether a connection may trade. It speaks no exchange: the registry opens
// the adapter, the adapter classifies failures and words the fixes, the audit judges the neutral
// report, and the vault decides how secrets are sealed. Every state change commits in one unit of
// work with its journal record; a refusal is journaled; a connection whose stored state fails its
// MAC is refused before anything is sent for it.
//
// Network calls are Asio coroutines (transport::RunBlocking runs them for the CLI); store and
// journal calls block briefly. Thread-safe; calls for one connection should not overlap.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include "audit/key_audit.h"
#include "base/clock.h"
#include "base/random.h"
#include "exchange/key_material.h"
#include "exchange/registry.h"
#include "journal/journal.h"
#include "keys/key_leases.h"
#include "keys/outcomes.h"
#include "keys/suspension_marks.h"
#include "store/store.h"
#include "vault/vault.h"

namespace amanah::keys {

struct KeyPolicy {
  audit::Policy audit;
  /// Exchange → API origin overriding the exchange's own (config [exchanges.X] endpoint).
  std::map<std::string, std::string, std::less<>> endpoints;
  /// A key audited longer ago than this must be audited again before it trades.
  std::chrono::seconds audit_max_age{std::chrono::hours(24)};
  /// A key this old gets a rotation reminder, and at `rotation_due` an alert.
  std::chrono::seconds rotation_reminder{std::chrono::days(80)};
  std::chrono::seconds rotation_due{std::chrono::days(90)};
  /// How long a rotation waits for the connection's requests in flight to end before it gives up.
  std::chrono::milliseconds rotation_drain{std::chrono::seconds(60)};
};

/// A key as handed over to be connected.
struct KeyInput {
  std::string exchange;
  std::string label;
  exchange::KeyMaterial key;
  /// Where this connection's calls go, when not the configured or the exchange's own origin.
  std::optional<std::string> endpoint;
};

class KeyService {
 public:
  struct Deps {
    store::Store& store;
    vault::Vault& vault;
    journal::Journal& journal;
    exchange::Registry& registry;
    const base::Clock& clock;
    base::Random& random;
    SuspensionMarks& marks;
  };

  KeyService(Deps deps, KeyPolicy policy) : d_(deps), policy_(std::move(policy)) {}

  /// Checks the key's shape, tests it (server time, system status, account), audits it, and
  /// stores it only when it is compliant; then reads its balances.
  boost::asio::awaitable<ConnectOutcome> Connect(store::TenantId tenant, KeyInput input);
  /// Audits one live connection on its exchange.
  boost::asio::awaitable<AuditOutcome> Audit(store::TenantId tenant, std::string label);
  /// Audits every live connection of the tenant.
  boost::asio::awaitable<base::Result<std::vector<AuditOutcome>>> AuditAll(store::TenantId tenant);
  boost::asio::awaitable<base::Result<BalancesOutcome>> Balances(store::TenantId tenant,
                                                                 std::string label);
  /// Suspends a live connection at once (a foreign order on it, an operator's decision): it may
  /// not trade until an audit passes again. The status change commits with its key.suspended
  /// record; if the store cannot take it, the connection is blocked by a suspension mark instead.
  /// Suspending a suspended connection changes nothing.
  base::Result<void> Suspend(const store::TenantId& tenant, std::string_view label,
                             std::string_view reason);
  /// Replaces the connection's key with `key` (key_rotation.cc): the new key must pass the full
  /// audit and act for the pinned account; the switch waits until no request of the connection
  /// is in flight and commits with its key.rotated record; the old key is kept sealed and probed
  /// until the exchange no longer accepts it. A refusal changes nothing and is journaled.
  boost::asio::awaitable<RotateOutcome> Rotate(store::TenantId tenant, std::string label,
                                               exchange::KeyMaterial key);
  /// Probes every retired key (of every tenant): one the exchange no longer accepts is shredded
  /// and its alert closed; one it still accepts keeps its reminder.
  boost::asio::awaitable<base::Result<std::vector<OldKeyProbe>>> ProbeOldKeys();
  /// Raises the rotation reminder (80 days) and alert (90 days) of every live connection that
  /// reached one and has none open, each with its key.rotation_due record; how many were raised.
  base::Result<int> RaiseRotationAlerts();
  /// Crypto-shreds the connection's secret (and any old key kept since a rotation) and marks it
  /// revoked.
  base::Result<DisconnectOutcome> Disconnect(const store::TenantId& tenant, std::string_view label);
  /// The same, recorded as a revocation (key.revoked) with its reason: the last step of
  /// incident::Revocation.
  base::Result<DisconnectOutcome> Revoke(const store::TenantId& tenant, std::string_view label,
                                         std::string_view reason);
  /// Checks the connection now, step by step — this machine's clock against the exchange's, its
  /// system status, the key accepted, its restrictions, the audit (key_health.cc) — and
  /// classifies the first problem with its fix (exchange/lost_connection.h); records what it
  /// found as the daemon's checks do.
  boost::asio::awaitable<DoctorOutcome> Doctor(store::TenantId tenant, std::string label);
  /// Every connection of the tenant, revoked ones included, each with its integrity checked.
  base::Result<std::vector<ConnectionView>> List(const store::TenantId& tenant);
  /// The tenant's live connection labelled `label` (kNotFound if none), with its integrity
  /// checked.
  base::Result<ConnectionView> Find(const store::TenantId& tenant, std::string_view label);
  /// Whether the connection may place orders now.
  base::Result<Standing> StandingOf(const store::TenantId& tenant, std::string_view label);

  /// An adapter for a stored connection, after its state MAC is checked; kFailedPrecondition if
  /// it is revoked.
  base::Result<std::unique_ptr<exchange::SpotExchange>> OpenAdapter(
      const store::Connection& connection);

  const KeyPolicy& policy() const { return policy_; }

 private:
  base::Result<std::unique_ptr<exchange::SpotExchange>> OpenLeased(
      const store::Connection& connection, KeyLeases::Lease lease);
  boost::asio::awaitable<OldKeyProbe> ProbeOldKey(store::RetiredKey key);
  base::Result<DisconnectOutcome> Destroy(const store::TenantId& tenant, std::string_view label,
                                          std::string_view record_kind,
                                          boost::json::object payload);
  // Stores the new key (sealed into `c`) in place of the old, `retired`, with its key.rotated
  // `record`: the switch, inside the closed gate.
  base::Result<void> SwitchKey(const store::Connection& c, const store::Blob& loaded_mac,
                               const store::RetiredKey& retired, boost::json::object record);
  // Records what a check of `c` found — lost (with its cause) or working — when it changed, with
  // its connection.lost or connection.restored record, in one unit.
  base::Result<void> RecordHealth(const store::Connection& c,
                                  const std::optional<exchange::LostConnection>& lost);
  // The same for an audit's outcome (one that failed on our side records nothing).
  void RecordAuditHealth(const store::Connection& c, const AuditOutcome& out);
  // What a new key's test reads found.
  struct TestedKey {
    exchange::AccountState account;
    exchange::PermissionReport permissions;
    audit::KeyVerdict verdict;
  };
  // A new key's test reads — server time (our clock agrees), system status (normal), the account
  // (the key is accepted), its permissions — and the audit of what they found; a read that fails
  // gives its diagnosis instead. Connect and Rotate test a key alike.
  boost::asio::awaitable<std::optional<Diagnosis>> TestAndAudit(
      exchange::SpotExchange& ex, const exchange::ExchangeDriver& driver, TestedKey& tested);
  // Seals `key` into a copy of `c` and hands it to `store`, which writes it; a master-key rotation
  // committed in between (kAborted) seals again, a few times. On success `c` is what was stored.
  base::Result<void> SealAndStore(
      store::Connection& c, const exchange::KeyMaterial& key,
      const std::function<base::Result<void>(store::Connection& sealed)>& store);
  base::Result<store::Connection> FindLive(const store::TenantId& tenant, std::string_view label);
  ConnectionView View(const store::Connection& c) const;
  // The view with the old keys a rotation left that are still probed.
  base::Result<ConnectionView> ViewWithOldKeys(const store::Connection& c);
  std::string ExchangeName(std::string_view exchange) const;
  base::Result<std::optional<std::string>> EndpointFor(const KeyInput& input) const;
  // Stores the audit's result and the status change with their records, in one unit.
  base::Result<void> StoreAudit(store::Connection& c, const audit::KeyVerdict* verdict,
                                std::string_view suspend_reason, AuditOutcome& out);
  boost::asio::awaitable<AuditOutcome> AuditOne(store::Connection c);
  boost::asio::awaitable<AuditOutcome> AuditChecked(store::Connection c);
  // Raises the key.suspended alert for `c` inside `u`.
  base::Result<void> RaiseSuspended(store::UnitOfWork& u, const store::Connection& c,
                                    std::string_view reason);

  Deps d_;
  KeyPolicy policy_;
  KeyLeases leases_;
};

}  // namespace amanah::keys
