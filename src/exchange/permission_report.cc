#include "exchange/permission_report.h"

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

const std::vector<PermissionField>& PermissionFields() {
  using P = PermissionReport;
  static const std::vector<PermissionField> kFields = {
      {&P::reading, "reading"},
      {&P::spot_trading, "spot_trading"},
      {&P::margin, "margin"},
      {&P::futures, "futures"},
      {&P::options, "options"},
      {&P::leveraged_tokens, "leveraged_tokens"},
      {&P::portfolio_margin, "portfolio_margin"},
      {&P::withdrawals, "withdrawals"},
      {&P::internal_transfer, "internal_transfer"},
      {&P::universal_transfer, "universal_transfer"},
      {&P::deposit, "deposit"},
      {&P::earn, "earn"},
  };
  return kFields;
}

}  // namespace amanah::exchange
