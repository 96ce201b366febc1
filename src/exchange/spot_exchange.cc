#include "exchange/spot_exchange.h"

namespace amanah::exchange {

std::string_view FlagName(Flag f) {
  switch (f) {
    case Flag::kOff:
      return "off";
    case Flag::kOn:
      return "on";
    case Flag::kUnknown:
      return "unknown";
  }
  return "?";
}

}  // namespace amanah::exchange
