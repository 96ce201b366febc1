// The Bybit driver: Bybit's key shapes (a system-generated HMAC key, or a self-generated RSA key
// whose private half signs), its API-management page in words, and the adapter.
#pragma once

#include <memory>

#include "exchange/exchange_driver.h"

namespace amanah::exchange::bybit {

std::unique_ptr<ExchangeDriver> MakeDriver();

}  // namespace amanah::exchange::bybit
