// Decimal::Parse on arbitrary bytes: never crashes, and whatever parses formats back to a string
// that parses to the same value (round trip).
#include <cstdint>
#include <string_view>

#include "base/check.h"
#include "base/decimal.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto d = amanah::base::Decimal::Parse(text);
  if (!d) return 0;
  auto again = amanah::base::Decimal::Parse(d->ToString());
  AMANAH_CHECK(again && *again == *d && again->ToString() == d->ToString());
  auto sum = d->Add(*d);
  if (sum) {
    auto back = sum->Sub(*d);
    AMANAH_CHECK(back && *back == *d);
  }
  return 0;
}
