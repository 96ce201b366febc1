// Webhook signatures as Standard Webhooks (standardwebhooks.com, the scheme Svix and others use)
// defines them, so that a receiver's existing library verifies Amanah's notifications: headers
// webhook-id, webhook-timestamp (Unix seconds) and webhook-signature, "v1," followed by the base64
// HMAC-SHA256, under the endpoint's secret, of "<id>.<timestamp>.<body>". The secret is shown to
// its owner as "whsec_" + base64 of its bytes. A receiver rejects a timestamp far from its clock
// and an id it has seen: the replay protection. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace amanah::notify {

inline constexpr std::string_view kSecretPrefix = "whsec_";

/// "v1,<base64>": the webhook-signature header of one delivery.
std::string SignWebhook(crypto::ByteView key, std::string_view id, int64_t timestamp_s,
                        std::string_view body);
/// The secret as its owner copies it: "whsec_" + base64.
crypto::SecretBytes SecretText(crypto::ByteView key);
/// The key of a "whsec_…" secret (the prefix is optional, as in the reference libraries).
base::Result<crypto::SecretBytes> SecretKey(std::string_view secret);

}  // namespace amanah::notify
