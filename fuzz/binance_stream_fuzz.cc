// Fuzzes the reader of Binance's user data stream messages (exchange/binance/
// binance_account_stream.h): whatever the bytes a WebSocket delivers, it answers an event or none —
// never throws, crashes or reads out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "exchange/binance/binance_account_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view message(reinterpret_cast<const char*>(data), size);
  (void)amanah::exchange::binance::ParseStreamMessage(message);
  return 0;
}
