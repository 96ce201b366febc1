// A symbol as the exchanges name their spot pairs — "BTCUSDT" (Binance, Bybit), "BTC-USDT" (OKX),
// "XBT/USD" or "XXBTZUSD" (Kraken) — checked once wherever a user or a signal names one (orders,
// plans, signals, approved pairs), so that every exchange's own form is taken and nothing else is.
#pragma once

#include <string>
#include <string_view>

namespace amanah::exchange {

/// 1 to 32 characters, each a letter, a digit, '-', '/' or '_'.
bool IsSymbolName(std::string_view text);

/// `text` upper-cased (exchanges' symbols are upper-case).
std::string UpperSymbol(std::string text);

}  // namespace amanah::exchange
