// The HMAC key of Binance's signing examples (reference/exchanges/binance: B1–B4), which the
// signer's, the stream's and the ccxt oracle's tests sign with.
#pragma once

#include <string>
#include <string_view>

#include "crypto/secret_bytes.h"
#include "exchange/binance/request_signer.h"

namespace amanah::testing {

inline constexpr std::string_view kBinanceDocKey =
    "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
inline constexpr std::string_view kBinanceDocSecret =
    "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

/// A signer holding the example key.
inline exchange::binance::RequestSigner BinanceDocSigner() {
  return exchange::binance::RequestSigner::Create(exchange::binance::RequestSigner::KeyType::kHmac,
                                                  std::string(kBinanceDocKey),
                                                  crypto::SecretBytes::CopyFrom(kBinanceDocSecret))
      .value();
}

}  // namespace amanah::testing
