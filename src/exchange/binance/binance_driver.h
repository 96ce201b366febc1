// The Binance driver: Binance's key shapes (a 64-character key; a 64-character HMAC secret, or an
// Ed25519 or RSA private key), its API-management page in words, and the adapter.
#pragma once

#include <memory>

#include "exchange/exchange_driver.h"

namespace amanah::exchange::binance {

std::unique_ptr<ExchangeDriver> MakeDriver();

}  // namespace amanah::exchange::binance
