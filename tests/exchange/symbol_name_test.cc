// Each exchange's own way of naming a spot pair is a symbol name; nothing else is.
#include "exchange/symbol_name.h"

#include <gtest/gtest.h>

namespace amanah::exchange {
namespace {

TEST(SymbolName, EveryExchangesFormIsTakenAndNothingElse) {
  for (const char* ok : {"BTCUSDT", "BTC-USDT", "XBT/USD", "XXBTZUSD", "eth_usdt", "1INCHUSDT"}) {
    EXPECT_TRUE(IsSymbolName(ok)) << ok;
  }
  for (const char* bad : {"", "BTC USDT", "BTC;USDT", "BTC\nUSDT", "BINANCE:BTCUSDT", "BTC%2FUSD",
                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456"}) {
    EXPECT_FALSE(IsSymbolName(bad)) << bad;
  }
  EXPECT_EQ(UpperSymbol("btc-usdt"), "BTC-USDT");
}

}  // namespace
}  // namespace amanah::exchange
