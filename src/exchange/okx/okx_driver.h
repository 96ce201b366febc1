// The OKX driver: OKX's name, origin, key shape (a UUID key id, a secret and the passphrase chosen
// when the key was made), its API-management page in words, and OkxExchange for a key.
#pragma once

#include <memory>

#include "exchange/exchange_driver.h"

namespace amanah::exchange::okx {

std::unique_ptr<ExchangeDriver> MakeDriver();

}  // namespace amanah::exchange::okx
