// StateMac: authenticates the stored state around the secrets — everything that decides what
// Amanah may do with a key — against someone who can write the database but does not hold the
// master key. The key is a random 256-bit system secret ("state-mac-key") sealed in the vault;
// each record's MAC is HMAC-SHA256 over a canonical, length-prefixed encoding of its
// security-relevant fields. A row whose MAC fails is refused as kDataLoss naming it.
//
// Connection grammar (all strings length-prefixed u32, big-endian; optional = u8 0 | u8 1 ‖ value;
// times as decimal milliseconds):
//   "amanah/state/connection/v1" ‖ id ‖ tenant ‖ exchange ‖ label ‖ api_key_id ‖ key_fingerprint
//   ‖ key_type ‖ status ‖ opt(account_id) ‖ opt(endpoint) ‖ created_at ‖ opt(audited_at)
//   ‖ opt(key_created_at)
// Immutable after construction; thread-safe.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/hmac.h"
#include "crypto/secret_bytes.h"
#include "store/records.h"

namespace amanah::vault {

inline constexpr std::string_view kStateKeyName = "state-mac-key";

class StateMac {
 public:
  static base::Result<StateMac> FromKey(const crypto::SecretBytes& key);

  /// The MAC of a connection's state.
  store::Blob Of(const store::Connection& c) const;
  /// kDataLoss naming the connection if its MAC is missing or does not match.
  base::Result<void> Verify(const store::Connection& c) const;

  /// The MAC of any record: `purpose` then each field length-prefixed (nullopt fields marked).
  store::Blob Of(std::string_view purpose,
                 std::initializer_list<std::optional<std::string_view>> fields) const;

 private:
  explicit StateMac(crypto::HmacSigner signer) : signer_(std::move(signer)) {}
  crypto::HmacSigner signer_;
};

}  // namespace amanah::vault
