// The strict decoders on arbitrary text: never crash; what decodes re-encodes to the same text.
#include <cstdint>
#include <string_view>

#include "base/check.h"
#include "crypto/encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace amanah::crypto;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto b = Base64Decode(text)) {
    // Non-canonical trailing bits decode too; re-encoding must then decode to the same bytes.
    AMANAH_CHECK(*Base64Decode(Base64Encode(*b)) == *b);
  }
  if (auto b = Base64UrlDecode(text)) AMANAH_CHECK(*Base64UrlDecode(Base64UrlEncode(*b)) == *b);
  if (auto h = HexDecode(text)) AMANAH_CHECK(*HexDecode(HexEncode(*h)) == *h);
  if (auto p = PercentDecode(text)) AMANAH_CHECK(*PercentDecode(PercentEncode(*p)) == *p);
  return 0;
}
