// The Kraken driver: Kraken's name, origin, key shape (a Base64 public key and a Base64 private
// key), its API-management page in words, and KrakenExchange for a key — with the nonce source the
// registry shares, and never for a Kraken Futures host.
#pragma once

#include <memory>

#include "exchange/exchange_driver.h"

namespace amanah::exchange::kraken {

std::unique_ptr<ExchangeDriver> MakeDriver();

/// Whether `origin` is a Kraken Futures host (futures.kraken.com, demo-futures.kraken.com): its
/// API and keys are derivatives only, and no adapter is opened for it.
bool IsFuturesOrigin(std::string_view origin);

}  // namespace amanah::exchange::kraken
