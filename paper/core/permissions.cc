#include "core/permissions.h"

namespace amanah::paper {

std::span<const PermissionName> PermissionNames() {
  static constexpr PermissionName kNames[] = {
      {"read", &Permissions::read},
      {"spot_trade", &Permissions::spot_trade},
      {"margin", &Permissions::margin},
      {"futures", &Permissions::futures},
      {"options", &Permissions::options},
      {"withdraw", &Permissions::withdraw},
      {"internal_transfer", &Permissions::internal_transfer},
      {"universal_transfer", &Permissions::universal_transfer},
      {"portfolio_margin", &Permissions::portfolio_margin},
      {"fix_trade", &Permissions::fix_trade},
      {"fix_read", &Permissions::fix_read},
      {"earn", &Permissions::earn},
      {"convert", &Permissions::convert},
      {"block_trade", &Permissions::block_trade},
      {"fiat", &Permissions::fiat},
      {"deposit", &Permissions::deposit},
      // Binance's names, as earlier scenarios spell them.
      {"reading", &Permissions::read, true},
      {"spot_and_margin_trading", &Permissions::spot_trade, true},
      {"withdrawals", &Permissions::withdraw, true},
      {"vanilla_options", &Permissions::options, true},
      {"fix_api_trade", &Permissions::fix_trade, true},
      {"fix_read_only", &Permissions::fix_read, true},
  };
  return kNames;
}

}  // namespace amanah::paper
