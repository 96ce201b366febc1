#include "vault/state_mac.h"

#include "crypto/constant_time.h"

namespace amanah::vault {
using crypto::PutU32;

namespace {

void Put(crypto::Bytes& out, std::string_view s) {
  PutU32(out, static_cast<uint32_t>(s.size()));
  out.insert(out.end(), s.begin(), s.end());
}
void PutOptional(crypto::Bytes& out, const std::optional<std::string_view>& s) {
  out.push_back(s ? 1 : 0);
  if (s) Put(out, *s);
}
std::optional<std::string> TimeText(const std::optional<base::SystemTime>& t) {
  if (!t) return std::nullopt;
  return std::to_string(base::UnixMillis(*t));
}
std::optional<std::string_view> View(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return std::string_view(*s);
}

}  // namespace

base::Result<StateMac> StateMac::FromKey(const crypto::SecretBytes& key) {
  if (key.size() != 32) {
    return base::Fail(base::ErrorCode::kDataLoss, "the vault's state key has the wrong size");
  }
  AMANAH_ASSIGN_OR_RETURN(auto signer,
                          crypto::HmacSigner::Create(crypto::HashAlgorithm::kSha256, key.bytes()));
  return StateMac(std::move(signer));
}

store::Blob StateMac::Of(std::string_view purpose,
                         std::initializer_list<std::optional<std::string_view>> fields) const {
  crypto::Bytes message;
  Put(message, purpose);
  for (const auto& f : fields) PutOptional(message, f);
  return signer_.Sign(message);
}

store::Blob StateMac::Of(const store::Connection& c) const {
  const std::string created = std::to_string(base::UnixMillis(c.created_at));
  const auto audited = TimeText(c.audited_at);
  const auto key_created = TimeText(c.key_created_at);
  return Of("amanah/state/connection/v1",
            {c.id.value(), c.tenant.value(), c.exchange, c.label, c.api_key_id, c.key_fingerprint,
             c.key_type, store::ConnectionStatusName(c.status), View(c.account_id),
             View(c.endpoint), created, View(audited), View(key_created)});
}

base::Result<void> StateMac::Verify(const store::Connection& c) const {
  if (c.state_mac.empty()) {
    return base::Fail(base::ErrorCode::kDataLoss,
                      "connection \"" + c.label.substr(0, 64) + "\" (" + c.id.value() +
                          ") has no state MAC: its stored state cannot be trusted; disconnect it "
                          "and connect the key again");
  }
  const store::Blob expected = Of(c);
  if (!crypto::ConstantTimeEquals(expected, c.state_mac)) {
    return base::Fail(base::ErrorCode::kDataLoss,
                      "connection \"" + c.label.substr(0, 64) + "\" (" + c.id.value() +
                          ") failed its integrity check: its stored state (status, account pin, "
                          "endpoint, label or times) was changed outside Amanah; nothing is sent "
                          "for it. Restore the database from a backup, or disconnect it");
  }
  return {};
}

}  // namespace amanah::vault
