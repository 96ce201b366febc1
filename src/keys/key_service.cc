#include "keys/key_service.h"

#include <array>

#include <spdlog/spdlog.h>
#include <boost/json.hpp>

#include "crypto/encoding.h"
#include "crypto/sha2.h"
#include "journal/record.h"
#include "keys/connection_record.h"
#include "keys/fingerprint.h"
#include "keys/label.h"
#include "keys/leased_exchange.h"
#include "keys/outcome_json.h"
#include "keys/retired_key.h"
#include "keys/rotation.h"

namespace amanah::keys {

namespace net = boost::asio;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using base::Result;
using exchange::Failure;
using store::ConnectionStatus;
using store::UnitOfWork;
namespace kind = journal::kind;

Diagnosis LocalFailure(const Error& error) {
  Diagnosis d;
  d.failure = Failure::kNone;
  d.code = error.code();
  d.explanation = error.message();
  d.exchange = error.exchange();
  return d;
}

bool KeyRefusal(const Error& e) {
  const Failure f = exchange::FailureOf(e);
  return f == Failure::kKeyRefused || f == Failure::kKeyInvalid || f == Failure::kKeyOrIpRefused ||
         f == Failure::kIpNotWhitelisted || f == Failure::kPermissionMissing;
}

void PutState(json::object& payload, const store::Connection& c) {
  payload["connection"] = c.id.value();
  payload["label"] = c.label;
  payload["status"] = store::ConnectionStatusName(c.status);
  payload["state_mac"] = crypto::HexEncode(c.state_mac);
}

std::string KeyService::ExchangeName(std::string_view exchange) const {
  auto driver = d_.registry.Find(exchange);
  return driver ? std::string((*driver)->display_name()) : std::string(exchange);
}

ConnectionView KeyService::View(const store::Connection& c) const {
  ConnectionView v{c.id,
                   c.tenant,
                   c.exchange,
                   ExchangeName(c.exchange),
                   c.label,
                   c.api_key_id,
                   c.key_type,
                   c.status,
                   c.account_id,
                   c.endpoint,
                   c.created_at,
                   c.audited_at,
                   c.key_created_at,
                   {},
                   RotationOf(c, d_.clock.Now(), policy_.rotation_reminder, policy_.rotation_due),
                   {},
                   std::nullopt};
  if (auto ok = d_.vault.VerifyState(c); !ok) v.integrity_problem = ok.error().message();
  return v;
}

Result<std::optional<std::string>> KeyService::EndpointFor(const KeyInput& input) const {
  if (input.endpoint && !input.endpoint->empty())
    return d_.registry.OriginFor(input.exchange, input.endpoint);
  if (auto it = policy_.endpoints.find(input.exchange); it != policy_.endpoints.end()) {
    return d_.registry.OriginFor(input.exchange, it->second);
  }
  return d_.registry.OriginFor(input.exchange, std::nullopt);
}

Result<store::Connection> KeyService::FindLive(const store::TenantId& tenant,
                                               std::string_view label) {
  AMANAH_ASSIGN_OR_RETURN(auto found, d_.store.Read([&](UnitOfWork& u) {
    return u.connections().FindByLabel(tenant, label);
  }));
  if (!found) {
    return Error(ErrorCode::kNotFound,
                 "no connection labelled " + Display(label) + " (see `amanah connections`)");
  }
  return std::move(*found);
}

Result<std::unique_ptr<exchange::SpotExchange>> KeyService::OpenAdapter(
    const store::Connection& c) {
  AMANAH_TRY(d_.vault.VerifyState(c));
  if (!store::IsLive(c.status)) {
    return Error(ErrorCode::kFailedPrecondition,
                 Display(c.label) + " was disconnected; its secret is gone");
  }
  // The lease keeps a rotation from switching keys under this adapter; a row read before a switch
  // is read again, so that nothing is signed with the old key once the new one is in force.
  bool stale = false;
  KeyLeases::Lease lease = leases_.Acquire(c.id, c.api_key_id, stale);
  if (stale) {
    AMANAH_ASSIGN_OR_RETURN(
        auto current, d_.store.Read([&](UnitOfWork& u) { return u.connections().Get(c.id); }));
    if (!current) return Error(ErrorCode::kNotFound, Display(c.label) + " no longer exists");
    return OpenLeased(*current, std::move(lease));
  }
  return OpenLeased(c, std::move(lease));
}

Result<std::unique_ptr<exchange::SpotExchange>> KeyService::OpenLeased(const store::Connection& c,
                                                                       KeyLeases::Lease lease) {
  AMANAH_TRY(d_.vault.VerifyState(c));
  if (!store::IsLive(c.status)) {
    return Error(ErrorCode::kFailedPrecondition,
                 Display(c.label) + " was disconnected; its secret is gone");
  }
  AMANAH_ASSIGN_OR_RETURN(vault::CredentialSecrets secrets, d_.vault.OpenCredential(c));
  exchange::KeyMaterial key{c.api_key_id, c.key_type, std::move(secrets.secret),
                            std::move(secrets.passphrase)};
  // The endpoint pinned (and authenticated) at connect time, never a later configuration.
  AMANAH_ASSIGN_OR_RETURN(auto adapter, d_.registry.Open(c.exchange, c.endpoint, std::move(key)));
  return std::unique_ptr<exchange::SpotExchange>(
      std::make_unique<LeasedExchange>(std::move(adapter), std::move(lease)));
}

net::awaitable<ConnectOutcome> KeyService::Connect(store::TenantId tenant, KeyInput input) {
  ConnectOutcome out;
  auto fail = [&](const Error& e) {
    out.kind = ConnectOutcome::Kind::kFailed;
    out.failure = LocalFailure(e);
    return out;
  };
  auto driver = d_.registry.Find(input.exchange);
  if (!driver) co_return fail(driver.error());
  out.exchange_name = std::string((*driver)->display_name());
  if (auto r = ValidateLabel(input.label); !r) co_return fail(r.error());
  if (auto r = (*driver)->CheckKeyShape(input.key); !r) co_return fail(r.error());
  auto existing = d_.store.Read([&](UnitOfWork& u) { return u.connections().ListStates(tenant); });
  if (!existing) co_return fail(existing.error());
  for (const auto& c : *existing) {
    if (!store::IsLive(c.status)) continue;
    if (c.label == input.label) {
      co_return fail(Error(ErrorCode::kAlreadyExists,
                           "a connection is already labelled " + Display(input.label)));
    }
    if (c.exchange == input.exchange && c.api_key_id == input.key.api_key) {
      co_return fail(
          Error(ErrorCode::kAlreadyExists, "this key is already connected as " + Display(c.label)));
    }
  }
  auto endpoint = EndpointFor(input);
  if (!endpoint) co_return fail(endpoint.error());
  // The adapter signs with a copy; the original is sealed if the key is accepted.
  exchange::KeyMaterial copy{input.key.api_key, input.key.key_type,
                             crypto::SecretBytes::CopyFrom(input.key.secret.bytes()), std::nullopt};
  if (input.key.passphrase) {
    copy.passphrase = crypto::SecretBytes::CopyFrom(input.key.passphrase->bytes());
  }
  auto adapter = d_.registry.Open(input.exchange, *endpoint, std::move(copy));
  if (!adapter) co_return fail(adapter.error());
  exchange::SpotExchange& ex = **adapter;

  TestedKey tested;
  std::optional<Diagnosis> failed = co_await TestAndAudit(ex, **driver, tested);
  if (failed) {
    out.failure = std::move(failed);
    co_return out;
  }
  const base::SystemTime now = d_.clock.Now();
  out.verdict = tested.verdict;
  json::object payload{{"label", input.label},
                       {"exchange", input.exchange},
                       {"api_key", input.key.api_key},
                       {"key_type", input.key.key_type},
                       {"account_id", tested.account.account_id},
                       {"findings", FindingsJson(out.verdict)}};
  if (!out.verdict.compliant) {
    out.kind = ConnectOutcome::Kind::kRefused;
    // Refusing is safe whether or not the record is written; the caller is told if it was not.
    if (auto r = d_.journal.Append(tenant.value(), kind::kKeyRefused, payload); !r) {
      out.journal_problem = r.error().message();
    }
    co_return out;
  }

  store::Connection c;
  std::array<uint8_t, 16> id_bytes;
  d_.random.Fill(id_bytes);
  c.id = store::ConnectionId(crypto::HexEncode(id_bytes));
  c.tenant = tenant;
  c.exchange = input.exchange;
  c.label = input.label;
  c.api_key_id = input.key.api_key;
  c.key_fingerprint = KeyFingerprint(input.exchange, input.key.api_key);
  c.key_type = input.key.key_type;
  c.status = ConnectionStatus::kActive;
  c.account_id = tested.account.account_id;
  c.endpoint = *endpoint;
  c.created_at = now;
  c.audited_at = now;
  if (tested.permissions.created_at_ms) {
    c.key_created_at =
        base::SystemTime(std::chrono::milliseconds(*tested.permissions.created_at_ms));
  }
  auto stored = SealAndStore(c, input.key, [&](store::Connection& sealed) -> Result<void> {
    PutState(payload, sealed);
    return d_.store.Write([&](UnitOfWork& u) -> Result<void> {
      AMANAH_TRY(d_.vault.CheckCurrent(u, sealed.kek_version));
      AMANAH_TRY(u.tenants().Ensure(store::Tenant{tenant, tenant.value(), now}));
      AMANAH_TRY(u.connections().Insert(sealed));
      auto record = d_.journal.AppendIn(u, tenant.value(), kind::kKeyConnected, payload);
      if (!record)
        return record.error().WithContext(
            "the journal cannot be written, so the key was not connected");
      return {};
    });
  });
  if (!stored) co_return fail(stored.error());
  out.kind = ConnectOutcome::Kind::kAccepted;
  out.connection = View(c);
  auto balances = co_await ex.Balances();
  if (balances) {
    out.balances = std::move(*balances);
  } else {
    out.balances_failure = co_await ex.Diagnose(balances.error());
  }
  co_return out;
}

net::awaitable<std::optional<Diagnosis>> KeyService::TestAndAudit(
    exchange::SpotExchange& ex, const exchange::ExchangeDriver& driver, TestedKey& tested) {
  // Test read 1: the exchange answers, and our clock agrees with it.
  auto offset = co_await ex.SyncTime();
  if (!offset) {
    Diagnosis d = exchange::DefaultDiagnosis(offset.error());
    co_return d;
  }
  auto status = co_await ex.Status();
  if (!status) {
    Diagnosis d = co_await ex.Diagnose(status.error());
    co_return d;
  }
  if (!status->normal) {
    Diagnosis d{Failure::kMaintenance, ErrorCode::kUnavailable,
                "The exchange reports system maintenance; try again when its status is normal.",
                std::nullopt, 0};
    co_return d;
  }
  // Test read 2: the key is accepted (and the account's state); then its permissions.
  auto account = co_await ex.Account();
  if (!account) {
    Diagnosis d = co_await ex.Diagnose(account.error());
    co_return d;
  }
  auto permissions = co_await ex.Permissions();
  if (!permissions) {
    Diagnosis d = co_await ex.Diagnose(permissions.error());
    co_return d;
  }
  tested.account = std::move(*account);
  tested.permissions = std::move(*permissions);
  tested.verdict = audit::AuditKey(driver.audit_texts(), tested.permissions, tested.account,
                                   policy_.audit, base::UnixMillis(d_.clock.Now()));
  co_return std::nullopt;
}

Result<void> KeyService::SealAndStore(
    store::Connection& c, const exchange::KeyMaterial& key,
    const std::function<Result<void>(store::Connection& sealed)>& store) {
  constexpr int kSealAttempts = 4;
  for (int attempt = 1;; ++attempt) {
    store::Connection sealed = c;
    auto credential =
        d_.vault.SealCredential(vault::CredentialContext::Of(sealed), sealed.key_type, key.secret,
                                key.passphrase ? &*key.passphrase : nullptr);
    if (!credential) return credential.error();
    credential->ApplyTo(sealed);
    d_.vault.SealState(sealed);
    auto stored = store(sealed);
    if (stored) {
      c = std::move(sealed);
      return {};
    }
    if (stored.error().code() != ErrorCode::kAborted || attempt == kSealAttempts) return stored;
  }
}

Result<void> KeyService::RaiseSuspended(UnitOfWork& u, const store::Connection& c,
                                        std::string_view reason) {
  std::vector<uint8_t> id(8);
  d_.random.Fill(id);
  store::Alert alert;
  alert.id = crypto::HexEncode(id);
  alert.tenant = c.tenant;
  alert.kind = std::string(kind::kKeySuspended);
  alert.subject = c.id.value();
  alert.message = Display(c.label) + " was suspended and may not trade: " + std::string(reason) +
                  ". Fix the key on the exchange, then audit it again to reactivate it.";
  alert.raised_at = d_.clock.Now();
  AMANAH_TRY(u.alerts().Raise(alert));
  return {};
}

Result<void> KeyService::StoreAudit(store::Connection& c, const audit::KeyVerdict* verdict,
                                    std::string_view suspend_reason, AuditOutcome& out) {
  const store::Blob loaded_mac = c.state_mac;
  const bool passed = verdict != nullptr && verdict->compliant;
  out.suspended = !passed && c.status == ConnectionStatus::kActive;
  out.reactivated = passed && c.status == ConnectionStatus::kSuspended;
  if (verdict != nullptr) c.audited_at = d_.clock.Now();
  if (out.suspended) c.status = ConnectionStatus::kSuspended;
  if (out.reactivated) c.status = ConnectionStatus::kActive;
  d_.vault.SealState(c);

  std::vector<std::pair<std::string_view, json::object>> records;
  json::object audited{{"compliant", passed}};
  if (verdict != nullptr) {
    audited["findings"] = FindingsJson(*verdict);
  } else {
    audited["failure"] = DiagnosisJson(*out.failure);
  }
  records.emplace_back(kind::kKeyAudited, std::move(audited));
  if (out.suspended) {
    records.emplace_back(kind::kKeySuspended, json::object{{"reason", suspend_reason}});
  }
  if (out.reactivated) records.emplace_back(kind::kKeyReactivated, json::object{});
  for (auto& [k, payload] : records) PutState(payload, c);

  auto stored = d_.store.Write([&](UnitOfWork& u) -> Result<void> {
    // The row must still be the one audited: a connection disconnected or changed meanwhile is
    // not written over (an audit never revives a revoked key).
    AMANAH_ASSIGN_OR_RETURN(auto current, u.connections().Get(c.id));
    if (!current || current->state_mac != loaded_mac) {
      return Error(ErrorCode::kAborted,
                   "the connection changed while it was audited; run the audit again");
    }
    AMANAH_TRY(u.connections().UpdateState(c));
    for (const auto& [k, payload] : records) {
      AMANAH_TRY(d_.journal.AppendIn(u, c.tenant.value(), k, payload));
    }
    if (out.suspended) AMANAH_TRY(RaiseSuspended(u, c, suspend_reason));
    return {};
  });
  if (stored) {
    if (passed) {
      if (auto cleared = d_.marks.Clear(c.id); !cleared) {
        spdlog::error("{}", cleared.error().ToString());  // still blocked: fails closed
      }
    }
    return {};
  }
  if (passed) return stored.error().WithContext("the audit's result could not be stored");
  // The key must not stay usable because the write failed: block it by the second line.
  auto marked = d_.marks.Mark(c.id, suspend_reason);
  return Error(stored.error().code(),
               "the audit found that " + Display(c.label) +
                   " must be suspended, but the suspension could not be stored (" +
                   stored.error().message() + "); " +
                   (marked ? "the connection is blocked from trading until an audit's result is "
                             "stored"
                           : "and it could not be blocked either (" + marked.error().message() +
                                 "): stop Amanah and revoke the key on the exchange"));
}

net::awaitable<AuditOutcome> KeyService::AuditOne(store::Connection c) {
  const store::Connection before = c;
  AuditOutcome out = co_await AuditChecked(std::move(c));
  RecordAuditHealth(before, out);
  co_return out;
}

net::awaitable<AuditOutcome> KeyService::AuditChecked(store::Connection c) {
  AuditOutcome out;
  out.connection = View(c);
  out.exchange_name = out.connection.exchange_name;
  // Authentic state first: nothing is decided or sent for a row changed behind Amanah's back.
  if (auto ok = d_.vault.VerifyState(c); !ok) {
    out.failure = LocalFailure(ok.error());
    co_return out;
  }
  auto driver = d_.registry.Find(c.exchange);
  if (!driver) {
    out.failure = LocalFailure(driver.error());
    co_return out;
  }
  auto adapter = OpenAdapter(c);
  if (!adapter) {
    out.failure = LocalFailure(adapter.error());
    co_return out;
  }
  exchange::SpotExchange& ex = **adapter;
  auto account = co_await ex.Account();
  Result<exchange::PermissionReport> permissions = Error(ErrorCode::kInternal, "not read");
  if (account) {
    permissions = co_await ex.Permissions();
  } else {
    permissions = account.error();
  }
  if (!account || !permissions) {
    const Error e = !account ? account.error() : permissions.error();
    out.failure = co_await ex.Diagnose(e);
    if (!KeyRefusal(e)) co_return out;
    // The key was refused: it is suspended until an audit passes again.
    out.kind = AuditOutcome::Kind::kNonCompliant;
    if (auto stored = StoreAudit(c, nullptr, out.failure->explanation, out); !stored) {
      out.kind = AuditOutcome::Kind::kFailed;
      out.failure = LocalFailure(stored.error());
    }
    out.connection = View(c);
    co_return out;
  }
  audit::KeyVerdict v = audit::AuditKey((*driver)->audit_texts(), *permissions, *account,
                                        policy_.audit, base::UnixMillis(d_.clock.Now()));
  if (c.account_id && *c.account_id != account->account_id) {
    v.compliant = false;
    v.findings.push_back(
        audit::Finding{"ACCOUNT_CHANGED", audit::Severity::kHard,
                       "the key now acts for account " + account->account_id, "security",
                       "a connection is pinned to the account it was connected with",
                       "Disconnect this connection and connect the key for the right account."});
  }
  if (permissions->created_at_ms) {
    c.key_created_at = base::SystemTime(std::chrono::milliseconds(*permissions->created_at_ms));
  }
  out.verdict = v;
  out.kind = v.compliant ? AuditOutcome::Kind::kCompliant : AuditOutcome::Kind::kNonCompliant;
  if (auto stored = StoreAudit(c, &out.verdict, "failed the audit", out); !stored) {
    out.kind = AuditOutcome::Kind::kFailed;
    out.failure = LocalFailure(stored.error());
  }
  out.connection = View(c);
  co_return out;
}

net::awaitable<AuditOutcome> KeyService::Audit(store::TenantId tenant, std::string label) {
  auto c = FindLive(tenant, label);
  if (!c) {
    AuditOutcome out;
    out.failure = LocalFailure(c.error());
    out.connection.label = label;
    co_return out;
  }
  co_return co_await AuditOne(std::move(*c));
}

net::awaitable<Result<std::vector<AuditOutcome>>> KeyService::AuditAll(store::TenantId tenant) {
  auto list = d_.store.Read([&](UnitOfWork& u) { return u.connections().List(tenant); });
  if (!list) co_return list.error();
  std::vector<AuditOutcome> out;
  for (auto& c : *list) {
    if (!store::IsLive(c.status)) continue;
    out.push_back(co_await AuditOne(std::move(c)));
  }
  co_return out;
}

net::awaitable<Result<BalancesOutcome>> KeyService::Balances(store::TenantId tenant,
                                                             std::string label) {
  auto c = FindLive(tenant, label);
  if (!c) co_return c.error();
  auto adapter = OpenAdapter(*c);
  if (!adapter) co_return adapter.error();
  auto balances = co_await (*adapter)->Balances();
  if (!balances) {
    Diagnosis d = co_await (*adapter)->Diagnose(balances.error());
    co_return Error(d.code, d.explanation);
  }
  co_return BalancesOutcome{View(*c), std::move(*balances)};
}

Result<DisconnectOutcome> KeyService::Disconnect(const store::TenantId& tenant,
                                                 std::string_view label) {
  return Destroy(tenant, label, kind::kKeyDisconnected, json::object{});
}

Result<DisconnectOutcome> KeyService::Revoke(const store::TenantId& tenant, std::string_view label,
                                             std::string_view reason) {
  return Destroy(tenant, label, kind::kKeyRevoked, json::object{{"reason", reason}});
}

Result<DisconnectOutcome> KeyService::Destroy(const store::TenantId& tenant, std::string_view label,
                                              std::string_view record_kind, json::object payload) {
  AMANAH_ASSIGN_OR_RETURN(store::Connection c, FindLive(tenant, label));
  AMANAH_TRY(d_.vault.VerifyState(c));
  if (!store::IsLive(c.status)) {
    return Error(ErrorCode::kFailedPrecondition, Display(c.label) + " was disconnected already");
  }
  const store::Blob loaded_mac = c.state_mac;
  const base::SystemTime now = d_.clock.Now();
  AMANAH_TRY(d_.store.Write([&](UnitOfWork& u) -> Result<void> {
    AMANAH_ASSIGN_OR_RETURN(auto current, u.connections().Get(c.id));
    if (!current || current->state_mac != loaded_mac) {
      return Error(ErrorCode::kAborted, "the connection changed meanwhile; try again");
    }
    AMANAH_TRY(d_.vault.Shred(u, c));
    // Keys replaced by rotation and not yet deleted on the exchange go with it.
    AMANAH_ASSIGN_OR_RETURN(auto retired, u.connections().RetiredKeys(c.id));
    json::array old_keys;
    for (const auto& r : retired) {
      AMANAH_TRY(u.connections().DeleteRetiredKey(r.id));
      old_keys.emplace_back(r.api_key_id);
    }
    if (!retired.empty()) {
      AMANAH_TRY(u.alerts().Resolve(c.tenant, kAlertOldKeyPending, c.id.value(),
                                    std::string(record_kind), now));
    }
    payload["api_key"] = c.api_key_id;
    if (!old_keys.empty()) payload["old_api_keys_shredded"] = std::move(old_keys);
    PutState(payload, c);
    auto record = d_.journal.AppendIn(u, c.tenant.value(), record_kind, payload);
    if (!record)
      return record.error().WithContext("the journal cannot be written, so nothing was changed");
    return {};
  }));
  return DisconnectOutcome{View(c)};
}

Result<void> KeyService::Suspend(const store::TenantId& tenant, std::string_view label,
                                 std::string_view reason) {
  AMANAH_ASSIGN_OR_RETURN(store::Connection c, FindLive(tenant, label));
  AMANAH_TRY(d_.vault.VerifyState(c));
  if (c.status == ConnectionStatus::kSuspended) return {};
  const store::Blob loaded_mac = c.state_mac;
  c.status = ConnectionStatus::kSuspended;
  d_.vault.SealState(c);
  json::object payload{{"reason", reason}};
  PutState(payload, c);
  auto stored = d_.store.Write([&](UnitOfWork& u) -> Result<void> {
    AMANAH_ASSIGN_OR_RETURN(auto current, u.connections().Get(c.id));
    if (!current || current->state_mac != loaded_mac) {
      return Error(ErrorCode::kAborted, "the connection changed meanwhile; try again");
    }
    AMANAH_TRY(u.connections().UpdateState(c));
    AMANAH_TRY(d_.journal.AppendIn(u, c.tenant.value(), kind::kKeySuspended, payload));
    AMANAH_TRY(RaiseSuspended(u, c, reason));
    return {};
  });
  if (stored) return {};
  auto marked = d_.marks.Mark(c.id, reason);
  return Error(stored.error().code(),
               Display(c.label) + " must be suspended (" + std::string(reason) +
                   ") but the store could not record it (" + stored.error().message() + "); " +
                   (marked ? "it is blocked from trading by a suspension mark"
                           : "and it could not be blocked either: stop Amanah and revoke the key"));
}

Result<ConnectionView> KeyService::ViewWithOldKeys(const store::Connection& c) {
  ConnectionView v = View(c);
  if (!store::IsLive(c.status)) return v;  // a revoked connection's old keys were shredded with it
  std::vector<store::RetiredKey> retired;
  AMANAH_TRY(d_.store.Read([&](UnitOfWork& u) -> Result<void> {
    AMANAH_ASSIGN_OR_RETURN(retired, u.connections().RetiredKeys(c.id));
    AMANAH_ASSIGN_OR_RETURN(v.health, u.connections().Health(c.id));
    return {};
  }));
  for (const auto& r : retired) {
    v.old_keys.push_back(OldKeyView{r.api_key_id, r.retired_at, r.probed_at, r.probe_note});
  }
  return v;
}

Result<std::vector<ConnectionView>> KeyService::List(const store::TenantId& tenant) {
  AMANAH_ASSIGN_OR_RETURN(
      auto list, d_.store.Read([&](UnitOfWork& u) { return u.connections().ListStates(tenant); }));
  std::vector<ConnectionView> out;
  out.reserve(list.size());
  for (const auto& c : list) {
    AMANAH_ASSIGN_OR_RETURN(auto v, ViewWithOldKeys(c));
    out.push_back(std::move(v));
  }
  return out;
}

Result<ConnectionView> KeyService::Find(const store::TenantId& tenant, std::string_view label) {
  AMANAH_ASSIGN_OR_RETURN(store::Connection c, FindLive(tenant, label));
  if (!store::IsLive(c.status)) {
    return Error(ErrorCode::kNotFound, "no live connection labelled " + Display(label));
  }
  return ViewWithOldKeys(c);
}

Result<Standing> KeyService::StandingOf(const store::TenantId& tenant, std::string_view label) {
  AMANAH_ASSIGN_OR_RETURN(store::Connection c, FindLive(tenant, label));
  Standing s;
  if (auto ok = d_.vault.VerifyState(c); !ok) {
    s.reason = ok.error().message();
    return s;
  }
  if (c.status != ConnectionStatus::kActive) {
    s.reason = Display(c.label) + " is " + std::string(store::ConnectionStatusName(c.status));
    return s;
  }
  AMANAH_ASSIGN_OR_RETURN(auto mark, d_.marks.Find(c.id));
  if (mark) {
    s.reason = Display(c.label) +
               " is blocked: an audit found it must be suspended but could not store that (" +
               *mark + ")";
    return s;
  }
  const auto age = d_.clock.Now() - c.audited_at.value_or(base::SystemTime{});
  if (!c.audited_at || age > policy_.audit_max_age) {
    s.audit_due = true;
    s.reason = Display(c.label) + " was last audited too long ago; it is audited before it trades";
    return s;
  }
  s.may_trade = true;
  return s;
}

}  // namespace amanah::keys
