// Binance's route table on the paper exchange: for each method and path, whether it is signed,
// the permission the key needs, what the call does (for the shared stage), its request weight as
// Binance documents it, and its handler.
#pragma once

#include <cstdint>
#include <string_view>

#include "venues/binance/binance_params.h"
#include "venues/binance/binance_request.h"
#include "venues/venue.h"

namespace amanah::paper::binance {

enum class Security { kNone, kSigned };

/// The permission an endpoint needs, in Binance's terms (each maps to neutral Permissions).
enum class Need { kNothing, kRead, kTrade, kMargin, kFutures, kWithdraw, kUniversalTransfer };

struct Route {
  std::string_view method;
  std::string_view path;
  Security security;
  Need need;
  CallKind kind;
  int64_t (*weight)(const BinanceParams&);
  Handler handler;
};

/// The route for `method path`, or nullptr (Binance answers 404).
const Route* FindRoute(std::string_view method, std::string_view path);

}  // namespace amanah::paper::binance
