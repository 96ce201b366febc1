// Kraken spot authentication on the paper exchange (kraken.md §1): the API-Key and API-Sign
// headers and the body's `nonce`, checked in Kraken's order — the key a Kraken key ("EAPI:Invalid
// key"), the signature the Base64 HMAC-SHA512, keyed by the Base64-decoded secret, of URI path ‖
// SHA-256(nonce ‖ body as sent) ("EAPI:Invalid signature"), the nonce above the last one the key
// used ("EAPI:Invalid nonce"; a nonce is used once its request is authenticated, whatever the
// handler answers), and the caller's address on the key's allow-list (Kraken documents no string
// for it; the paper answers "EGeneral:Permission denied"). REQUIRES the Exchange lock.
#pragma once

#include <map>
#include <string>

#include "core/exchange.h"
#include "venues/key_verifiers.h"
#include "venues/kraken/kraken_request.h"

namespace amanah::paper::kraken {

/// Each key's last accepted nonce.
using Nonces = std::map<std::string, uint64_t, std::less<>>;

Got<ApiKey*> Authenticate(Exchange& exchange, KeyVerifiers& verifiers, Nonces& nonces,
                          const KrakenRequest& c);

}  // namespace amanah::paper::kraken
