#include "keys/retired_key.h"

#include "crypto/constant_time.h"
#include "keys/fingerprint.h"

namespace amanah::keys {

namespace {

std::optional<std::string> Millis(const std::optional<base::SystemTime>& t) {
  if (!t) return std::nullopt;
  return std::to_string(base::UnixMillis(*t));
}

}  // namespace

store::Blob RetiredKeyMac(const vault::StateMac& mac, const store::RetiredKey& k) {
  const std::string retired = std::to_string(base::UnixMillis(k.retired_at));
  const auto created = Millis(k.key_created_at);
  const auto probed = Millis(k.probed_at);
  auto view = [](const std::optional<std::string>& s) -> std::optional<std::string_view> {
    if (!s) return std::nullopt;
    return std::string_view(*s);
  };
  return mac.Of("amanah/state/retired-key/v1",
                {k.id, k.connection.value(), k.tenant.value(), k.api_key_id, k.key_type,
                 view(created), retired, view(probed), k.probe_note});
}

base::Result<void> VerifyRetiredKey(const vault::StateMac& mac, const store::RetiredKey& k) {
  const store::Blob expected = RetiredKeyMac(mac, k);
  if (k.mac.size() != expected.size() || !crypto::ConstantTimeEquals(k.mac, expected)) {
    return base::Fail(base::ErrorCode::kDataLoss,
                      "the retired key " + k.api_key_id.substr(0, 8) + "… of connection " +
                          k.connection.value() +
                          " was changed outside Amanah; it is not used. Delete it on the exchange");
  }
  return {};
}

store::Connection AsConnection(const store::Connection& owner, const store::RetiredKey& k) {
  store::Connection c = owner;
  c.api_key_id = k.api_key_id;
  c.key_fingerprint = KeyFingerprint(owner.exchange, k.api_key_id);
  c.key_type = k.key_type;
  c.key_created_at = k.key_created_at;
  c.status = store::ConnectionStatus::kSuspended;
  c.kek_version = k.kek_version;
  c.wrapped_dek = k.wrapped_dek;
  c.sealed = k.sealed;
  c.state_mac.clear();
  return c;
}

}  // namespace amanah::keys
