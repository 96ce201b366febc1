// KeyService's rotation: replacing a connection's key with a new one of the same exchange account,
// switching when no request is in flight, then probing the old key until the exchange no longer
// accepts it; and the reminders that a key is due for it.
#include <array>

#include <spdlog/spdlog.h>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json.hpp>

#include "base/utc_time.h"
#include "crypto/encoding.h"
#include "journal/record.h"
#include "keys/connection_record.h"
#include "keys/fingerprint.h"
#include "keys/key_service.h"
#include "keys/label.h"
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

namespace {

constexpr auto kDrainPoll = std::chrono::milliseconds(10);
constexpr std::string_view kAlertReminder = kAlertRotationReminder;
constexpr std::string_view kAlertDue = kAlertRotationDue;
constexpr std::string_view kAlertOldKey = kAlertOldKeyPending;

// A rotation alert is about one key of the connection: raised once per key, never again after it
// is acknowledged, and a new key starts afresh.
std::string KeySubject(const store::Connection& c) { return c.id.value() + "/" + c.api_key_id; }

std::string Short(std::string_view api_key) {
  return std::string(api_key.substr(0, 8)) + (api_key.size() > 8 ? "…" : "");
}

std::string RandomId(base::Random& random, size_t bytes) {
  std::vector<uint8_t> id(bytes);
  random.Fill(id);
  return crypto::HexEncode(id);
}

net::awaitable<void> Pause(std::chrono::milliseconds d) {
  net::steady_timer timer(co_await net::this_coro::executor, d);
  co_await timer.async_wait(net::use_awaitable);
}

}  // namespace

net::awaitable<RotateOutcome> KeyService::Rotate(store::TenantId tenant, std::string label,
                                                 exchange::KeyMaterial key) {
  RotateOutcome out;
  out.label = label;
  out.new_api_key = key.api_key;
  auto fail = [&](const Error& e) {
    out.kind = RotateOutcome::Kind::kFailed;
    out.failure = LocalFailure(e);
    return out;
  };
  auto found = FindLive(tenant, label);
  if (!found) co_return fail(found.error());
  store::Connection c = std::move(*found);
  if (auto ok = d_.vault.VerifyState(c); !ok) co_return fail(ok.error());
  if (!store::IsLive(c.status)) {
    co_return fail(Error(ErrorCode::kFailedPrecondition,
                         Display(c.label) + " was disconnected; connect a new key instead"));
  }
  out.old_api_key = c.api_key_id;
  auto driver = d_.registry.Find(c.exchange);
  if (!driver) co_return fail(driver.error());
  out.exchange_name = std::string((*driver)->display_name());
  if (auto r = (*driver)->CheckKeyShape(key); !r) co_return fail(r.error());
  if (key.api_key == c.api_key_id) {
    co_return fail(Error(ErrorCode::kInvalidArgument,
                         "this is the key " + Display(c.label) +
                             " already uses; create a new key on the exchange and rotate to it"));
  }
  auto existing = d_.store.Read([&](UnitOfWork& u) { return u.connections().ListStates(tenant); });
  if (!existing) co_return fail(existing.error());
  for (const auto& other : *existing) {
    if (store::IsLive(other.status) && other.exchange == c.exchange &&
        other.api_key_id == key.api_key) {
      co_return fail(Error(ErrorCode::kAlreadyExists,
                           "this key is already connected as " + Display(other.label)));
    }
  }

  // The new key is tested and audited exactly as at connect time, at the pinned endpoint.
  exchange::KeyMaterial copy{key.api_key, key.key_type,
                             crypto::SecretBytes::CopyFrom(key.secret.bytes()), std::nullopt};
  if (key.passphrase) copy.passphrase = crypto::SecretBytes::CopyFrom(key.passphrase->bytes());
  auto adapter = d_.registry.Open(c.exchange, c.endpoint, std::move(copy));
  if (!adapter) co_return fail(adapter.error());
  exchange::SpotExchange& ex = **adapter;
  TestedKey tested;
  std::optional<Diagnosis> failed = co_await TestAndAudit(ex, **driver, tested);
  if (failed) {
    out.failure = std::move(failed);
    co_return out;
  }
  out.verdict = tested.verdict;
  const exchange::AccountState& account = tested.account;
  if (!c.account_id || *c.account_id != account.account_id) {
    out.verdict.compliant = false;
    out.verdict.findings.push_back(audit::Finding{
        "ACCOUNT_MISMATCH", audit::Severity::kHard,
        "the new key acts for account " + account.account_id + ", not " +
            c.account_id.value_or("(none pinned)"),
        "security",
        "a rotation replaces a key with another of the same exchange account; a key of another "
        "account would move the connection's plans and history onto someone else's money",
        "Create the new key while logged in to the account " + c.account_id.value_or("") + " on " +
            out.exchange_name + ", or connect this key as a new connection."});
  }
  json::object base_payload{{"connection", c.id.value()},      {"label", c.label},
                            {"exchange", c.exchange},          {"old_api_key", c.api_key_id},
                            {"new_api_key", key.api_key},      {"key_type", key.key_type},
                            {"account_id", account.account_id}};
  if (!out.verdict.compliant) {
    out.kind = RotateOutcome::Kind::kRefused;
    json::object payload = base_payload;
    payload["findings"] = FindingsJson(out.verdict);
    if (auto r = d_.journal.Append(tenant.value(), kind::kKeyRotationRefused, payload); !r) {
      out.journal_problem = r.error().message();
    }
    co_return out;
  }
  {
    json::object payload = base_payload;
    payload["findings"] = FindingsJson(out.verdict);
    if (auto r = d_.journal.Append(tenant.value(), kind::kKeyRotationStarted, payload); !r) {
      co_return fail(
          r.error().WithContext("the journal cannot be written, so nothing was rotated"));
    }
  }

  const store::Blob loaded_mac = c.state_mac;
  const bool was_suspended = c.status == ConnectionStatus::kSuspended;
  store::RetiredKey retired;
  retired.id = RandomId(d_.random, 16);
  retired.connection = c.id;
  retired.tenant = c.tenant;
  retired.api_key_id = c.api_key_id;
  retired.key_type = c.key_type;
  retired.key_created_at = c.key_created_at;
  retired.probe_note = "not probed yet";
  retired.kek_version = c.kek_version;
  retired.wrapped_dek = c.wrapped_dek;
  retired.sealed = c.sealed;

  // The connection on its new key: the rotation's clock restarts (from the exchange's creation
  // time, else now), and it is active (the new key passed the full audit).
  const base::SystemTime now = d_.clock.Now();
  c.api_key_id = key.api_key;
  c.key_type = key.key_type;
  c.key_fingerprint = KeyFingerprint(c.exchange, c.api_key_id);
  c.key_created_at =
      tested.permissions.created_at_ms
          ? base::SystemTime(std::chrono::milliseconds(*tested.permissions.created_at_ms))
          : now;
  c.audited_at = now;
  c.status = ConnectionStatus::kActive;
  retired.retired_at = now;
  retired.mac = RetiredKeyMac(d_.vault.state_mac(), retired);
  json::object record = base_payload;
  record["was_suspended"] = was_suspended;

  // Wait for the connection's requests in flight to end, then shut the gate for the switch.
  // (Polled on the executor's own timer: a wait for other coroutines, not a measured time.)
  const int64_t polls = std::max<int64_t>(1, policy_.rotation_drain / kDrainPoll);
  for (int64_t waited = 0; !leases_.TryBeginSwitch(c.id); ++waited) {
    if (waited >= polls) {
      co_return fail(Error(ErrorCode::kUnavailable,
                           Display(c.label) + " had requests in flight for " +
                               std::to_string(policy_.rotation_drain.count() / 1000) +
                               " s without a pause; nothing was changed, rotate again"));
    }
    co_await Pause(kDrainPoll);
  }
  Result<void> switched = SealAndStore(c, key, [&](store::Connection& sealed) {
    return SwitchKey(sealed, loaded_mac, retired, record);
  });
  leases_.EndSwitch(c.id, switched ? std::string_view(c.api_key_id) : std::string_view());
  if (!switched) co_return fail(switched.error());
  if (auto cleared = d_.marks.Clear(c.id); !cleared) {
    spdlog::error("{}", cleared.error().ToString());  // still blocked: fails closed
  }
  out.kind = RotateOutcome::Kind::kRotated;
  out.connection = View(c);
  // The old key at once: most users delete it before they rotate.
  OldKeyProbe probe = co_await ProbeOldKey(retired);
  out.old_key_gone = probe.gone;
  out.old_key_probe = probe.note;
  if (!probe.gone) {
    out.connection->old_keys.push_back(
        OldKeyView{retired.api_key_id, retired.retired_at, d_.clock.Now(), probe.note});
  }
  co_return out;
}

Result<void> KeyService::SwitchKey(const store::Connection& c, const store::Blob& loaded_mac,
                                   const store::RetiredKey& retired, json::object record) {
  const base::SystemTime now = c.audited_at.value_or(d_.clock.Now());
  PutState(record, c);
  return d_.store.Write([&](UnitOfWork& u) -> Result<void> {
    AMANAH_TRY(d_.vault.CheckCurrent(u, c.kek_version));
    AMANAH_ASSIGN_OR_RETURN(auto current, u.connections().Get(c.id));
    if (!current || current->state_mac != loaded_mac) {
      return Error(ErrorCode::kFailedPrecondition,
                   "the connection changed meanwhile (audited, suspended or disconnected); "
                   "nothing was rotated, try again");
    }
    AMANAH_TRY(u.connections().ReplaceKey(c, retired));
    auto written = d_.journal.AppendIn(u, c.tenant.value(), kind::kKeyRotated, record);
    if (!written) {
      return written.error().WithContext("the journal cannot be written, so nothing was rotated");
    }
    const std::string old_subject = c.id.value() + "/" + retired.api_key_id;
    AMANAH_TRY(u.alerts().Resolve(c.tenant, kAlertReminder, old_subject, "rotation", now));
    AMANAH_TRY(u.alerts().Resolve(c.tenant, kAlertDue, old_subject, "rotation", now));
    AMANAH_TRY(u.alerts().Resolve(c.tenant, kind::kKeySuspended, c.id.value(), "rotation", now));
    store::Alert alert;
    alert.id = RandomId(d_.random, 8);
    alert.tenant = c.tenant;
    alert.kind = std::string(kAlertOldKey);
    alert.subject = c.id.value();
    alert.message = Display(c.label) + " now uses key " + Short(c.api_key_id) +
                    ". Delete the old key " + Short(retired.api_key_id) +
                    " on the exchange: Amanah keeps probing it and closes this alert once the "
                    "exchange no longer accepts it.";
    alert.raised_at = now;
    AMANAH_TRY(u.alerts().Raise(alert));
    return {};
  });
}

net::awaitable<OldKeyProbe> KeyService::ProbeOldKey(store::RetiredKey key) {
  OldKeyProbe out;
  out.api_key_id = key.api_key_id;
  auto owner = d_.store.Read([&](UnitOfWork& u) { return u.connections().Get(key.connection); });
  if (!owner || !*owner) {
    out.note = "its connection could not be read";
    co_return out;
  }
  const store::Connection& c = **owner;
  out.label = c.label;
  if (auto ok = VerifyRetiredKey(d_.vault.state_mac(), key); !ok) {
    out.note = ok.error().message();
    co_return out;
  }
  if (auto ok = d_.vault.VerifyState(c); !ok) {
    out.note = ok.error().message();
    co_return out;
  }
  store::Connection as_was = AsConnection(c, key);
  d_.vault.SealState(as_was);
  auto secrets = d_.vault.OpenCredential(as_was);
  if (!secrets) {
    out.note = "the old key could not be opened: " + secrets.error().message();
    co_return out;
  }
  exchange::KeyMaterial material{key.api_key_id, key.key_type, std::move(secrets->secret),
                                 std::move(secrets->passphrase)};
  auto adapter = d_.registry.Open(c.exchange, c.endpoint, std::move(material));
  if (!adapter) {
    out.note = adapter.error().message();
    co_return out;
  }
  auto account = co_await (*adapter)->Account();
  const base::SystemTime now = d_.clock.Now();
  const std::string name = ExchangeName(c.exchange);
  if (!account) {
    const Failure f = exchange::FailureOf(account.error());
    if (f == Failure::kKeyInvalid || f == Failure::kKeyRefused || f == Failure::kKeyOrIpRefused) {
      out.gone = true;
      out.note = name + " no longer accepts the old key (" + account.error().message() +
                 "); its sealed copy was shredded";
    } else {
      out.note = "could not be probed: " + account.error().message();
    }
  } else {
    out.note = name + " still accepts the old key: delete it on " + name;
  }
  json::object payload{{"connection", c.id.value()},
                       {"label", c.label},
                       {"old_api_key", key.api_key_id},
                       {"note", out.note}};
  if (out.gone) {
    auto stored = d_.store.Write([&](UnitOfWork& u) -> Result<void> {
      AMANAH_ASSIGN_OR_RETURN(bool deleted, u.connections().DeleteRetiredKey(key.id));
      if (!deleted) return {};  // another probe got there first
      AMANAH_TRY(d_.journal.AppendIn(u, c.tenant.value(), kind::kKeyOldKeyGone, payload));
      AMANAH_ASSIGN_OR_RETURN(auto rest, u.connections().RetiredKeys(c.id));
      if (rest.empty()) {
        AMANAH_TRY(
            u.alerts().Resolve(c.tenant, kAlertOldKey, c.id.value(), "old key deleted", now));
      }
      return {};
    });
    if (!stored) {
      out.gone = false;
      out.note = "the exchange no longer accepts the old key, but that could not be stored (" +
                 stored.error().message() + "); it is probed again";
    }
    co_return out;
  }
  const bool changed = out.note != key.probe_note;
  key.probed_at = now;
  key.probe_note = out.note;
  key.mac = RetiredKeyMac(d_.vault.state_mac(), key);
  auto stored = d_.store.Write([&](UnitOfWork& u) -> Result<void> {
    AMANAH_TRY(u.connections().UpdateRetiredKey(key));
    if (changed) {
      AMANAH_TRY(d_.journal.AppendIn(u, c.tenant.value(), kind::kKeyOldKeyProbed, payload));
    }
    return {};
  });
  if (!stored) spdlog::warn("old key probe of {}: {}", c.label, stored.error().ToString());
  co_return out;
}

net::awaitable<Result<std::vector<OldKeyProbe>>> KeyService::ProbeOldKeys() {
  auto keys =
      d_.store.Read([&](UnitOfWork& u) { return u.connections().RetiredKeys(std::nullopt); });
  if (!keys) co_return keys.error();
  std::vector<OldKeyProbe> out;
  for (auto& k : *keys) out.push_back(co_await ProbeOldKey(std::move(k)));
  co_return out;
}

Result<int> KeyService::RaiseRotationAlerts() {
  AMANAH_ASSIGN_OR_RETURN(auto list, d_.store.Read([&](UnitOfWork& u) {
    return u.connections().ListStates(std::nullopt);
  }));
  const base::SystemTime now = d_.clock.Now();
  int raised = 0;
  for (const auto& c : list) {
    if (!store::IsLive(c.status)) continue;
    if (auto ok = d_.vault.VerifyState(c); !ok) continue;  // never trusted, never used
    const RotationStanding r = RotationOf(c, now, policy_.rotation_reminder, policy_.rotation_due);
    if (r.state == RotationStanding::State::kCurrent) continue;
    const bool due = r.state == RotationStanding::State::kDue;
    store::Alert alert;
    alert.id = RandomId(d_.random, 8);
    alert.tenant = c.tenant;
    alert.kind = std::string(due ? kAlertDue : kAlertReminder);
    alert.subject = KeySubject(c);
    alert.message =
        Display(c.label) + "'s key is " + std::to_string(r.age_days) + " days old (" +
        (r.from_exchange ? "created on the exchange " : "held by Amanah since ") +
        base::UtcTime(r.counted_from) + "). " +
        (due ? "Rotate it now: create a new key on the exchange with the same settings and run "
               "`amanah rotate " +
                   c.label + " --key-file NEW`."
             : "Rotation is due at 90 days (" + base::UtcTime(r.due_at) +
                   "): prepare a new key with the same settings.");
    alert.raised_at = now;
    json::object payload{{"connection", c.id.value()},
                         {"label", c.label},
                         {"state", RotationStateName(r.state)},
                         {"age_days", r.age_days},
                         {"counted_from", base::UtcTime(r.counted_from)}};
    AMANAH_ASSIGN_OR_RETURN(bool stored, d_.store.Write([&](UnitOfWork& u) -> Result<bool> {
      AMANAH_ASSIGN_OR_RETURN(bool fresh, u.alerts().RaiseOnce(alert));
      if (!fresh) return false;
      AMANAH_TRY(d_.journal.AppendIn(u, c.tenant.value(), kind::kKeyRotationDue, payload));
      return true;
    }));
    if (stored) ++raised;
  }
  return raised;
}

}  // namespace amanah::keys
