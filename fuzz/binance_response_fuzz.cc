// Fuzzes every Binance response reader: the first byte picks the reader, the rest is the body as
// the exchange would send it. Each must return a value or an error — never throw, crash or read
// out of bounds — whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/json_reader.h"
#include "exchange/binance/binance_parse.h"

using namespace amanah;
using namespace amanah::exchange::binance;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t which = data[0];
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  auto doc = base::JsonDocument::Parse(body, {"Binance fuzz"});
  if (!doc) return 0;
  const base::JsonView root = doc->Root();
  switch (which % 11) {
    case 0:
      (void)ParseServerTime(root);
      break;
    case 1:
      (void)ParseSystemStatus(root);
      break;
    case 2:
      (void)ParseExchangeInfo(root);
      break;
    case 3:
      (void)ParseBalances(root);
      break;
    case 4:
      (void)ParseSpotAccount(root);
      break;
    case 5: {
      exchange::AccountState state;
      (void)ParseMarginAccount(root, state);
      break;
    }
    case 6:
      (void)ParseApiRestrictions(root);
      break;
    case 7:
      (void)ParseOrder(root, OrderShape::kPlaced);
      break;
    case 8:
      (void)ParseOrder(root, OrderShape::kQueried);
      break;
    case 9:
      (void)ParseOrders(root);
      break;
    default:
      (void)ParseTrades(root);
      break;
  }
  return 0;
}
