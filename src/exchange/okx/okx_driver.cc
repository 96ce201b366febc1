#include "exchange/okx/okx_driver.h"

#include <algorithm>
#include <cctype>

#include "exchange/okx/okx_exchange.h"

namespace amanah::exchange::okx {
namespace {

using base::Error;
using base::ErrorCode;
using P = PermissionReport;

constexpr std::string_view kAccountModeFix =
    "On OKX: Trade → Settings → Account mode → choose 'Spot mode' (close positions and repay "
    "loans first), then run the audit again.";

// The checklist in the order of OKX's API-key page (Permissions: Read, Trade, Withdraw), then
// what the Trade permission reaches as far as the account mode lets it, with OKX's names.
AuditTexts MakeTexts() {
  AuditTexts t;
  t.exchange = "OKX";
  t.checklist = {
      {&P::reading, "Read", true, "every key reads: balances, orders and this audit"},
      {&P::spot_trading, "Trade", true,
       "lets Amanah place spot orders (OKX's Trade also allows transfers and settings: Amanah's "
       "signer refuses those)"},
      {&P::withdrawals, "Withdraw", false, "moving funds off the exchange"},
      {&P::futures, "Trade in Futures mode or a margin mode (futures and swaps)", false,
       "the account mode lets Trade reach futures and perpetual swaps",
       std::string(kAccountModeFix)},
      {&P::options, "Trade in Futures mode or a margin mode (options)", false,
       "the account mode lets Trade reach options", std::string(kAccountModeFix)},
      {&P::margin, "Trade with borrowing (a margin mode, or spot borrowing in Spot mode)", false,
       "orders could borrow what the balance lacks",
       "On OKX: Trade → Settings → Account mode → choose 'Spot mode', and turn 'Spot borrowing' "
       "off, then run the audit again."},
      {&P::portfolio_margin, "Portfolio margin mode", false, "combines borrowing and derivatives",
       std::string(kAccountModeFix)},
  };
  t.edit_prefix = "On OKX: Profile → API keys → this key → Edit → ";
  t.tick_template = "tick '{label}', then confirm.";
  t.untick_template = "untick '{label}', then confirm.";
  t.ip_label = "IP address (link IP addresses to this key)";
  t.ip_fix = "enter the addresses under 'IP address' (up to 20), then confirm.";
  t.repay_fix =
      "On OKX: Assets → Trading account → repay the {asset} loan and its interest (Repay), then "
      "run the audit again.";
  t.repay_all_fix =
      "On OKX: Assets → Trading account → repay every loan, then run the audit again.";
  t.close_position_fix = "On OKX: Trade → Positions → close {symbol}, then run the audit again.";
  t.margin_mode_fix = std::string(kAccountModeFix);
  t.auto_borrow_fix =
      "On OKX: Trade → Settings → turn 'Auto-borrow' off (or choose 'Spot mode'), then run the "
      "audit again.";
  t.read_only_fix = "tick 'Trade' (and not 'Withdraw'), then confirm.";
  t.margin_exclusion =
      "OKX has no spot-only trade permission: its Trade permission also places margin and "
      "derivatives orders, moves funds between accounts and changes margin settings. So margin "
      "is excluded four ways: the account must be in Spot mode without spot borrowing or "
      "auto-borrow (checked above), no loan may be open (checked above), and Amanah's signer "
      "signs an order only on a SPOT instrument with tdMode=cash, and never a transfer, borrow, "
      "leverage, account-mode, position, algo or finance path.";
  t.cannot_trade_fix = "Check the account's status with OKX support.";
  t.notes = {
      "OKX's 'Trade' permission also allows funding transfers (POST /api/v5/asset/transfer) and "
      "margin settings; no OKX key can be denied them, so Amanah's signer refuses every such "
      "path before signing.",
      "An OKX key with Trade or Withdraw that is linked to no IP address expires after 14 days "
      "of inactivity; link it to Amanah's egress IPs."};
  return t;
}

bool IsUuid(std::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? id[i] != '-' : std::isxdigit(static_cast<unsigned char>(id[i])) == 0) return false;
  }
  return true;
}

class OkxDriver final : public ExchangeDriver {
 public:
  std::string_view name() const override { return "okx"; }
  std::string_view display_name() const override { return "OKX"; }
  std::string_view default_origin() const override { return "https://www.okx.com"; }
  bool uses_passphrase() const override { return true; }
  // OKX counts requests per endpoint: the audit reads the configuration twice (permissions, then
  // the account), the balance and the positions (4); reconciliation the time, the balance and two
  // symbols' history and open orders (6); a snapshot the balance and a ticker per held asset (6).
  int64_t audit_request_weight() const override { return 4; }
  int64_t reconcile_request_weight() const override { return 6; }
  int64_t snapshot_request_weight() const override { return 6; }
  int64_t request_weight_per_minute() const override { return OkxExchange::kRequestsPerMinute; }
  const AuditTexts& audit_texts() const override { return texts_; }

  base::Result<void> CheckKeyShape(const KeyMaterial& key) const override {
    if (!IsUuid(key.api_key))
      return Error(ErrorCode::kInvalidArgument,
                   "an OKX API key is a UUID (8-4-4-4-12 hexadecimal digits with dashes); check "
                   "the api_key line");
    if (key.key_type != "hmac")
      return Error(ErrorCode::kInvalidArgument,
                   "OKX keys are hmac, not " + key.key_type.substr(0, 16));
    if (key.secret.size() < 16 || key.secret.size() > 64 || !IsAlnumText(key.secret.view()))
      return Error(ErrorCode::kInvalidArgument,
                   "an OKX secret key is 16 to 64 letters and digits (32 as OKX issues them); "
                   "check the secret line");
    if (!key.passphrase || key.passphrase->empty())
      return Error(ErrorCode::kInvalidArgument,
                   "an OKX key needs its passphrase, the one chosen when the key was created; "
                   "add a passphrase line");
    const std::string_view phrase = key.passphrase->view();
    const bool printable = std::all_of(phrase.begin(), phrase.end(), [](char c) {
      return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
    });
    if (phrase.size() > 64 || !printable)
      return Error(ErrorCode::kInvalidArgument,
                   "an OKX passphrase is at most 64 printable ASCII characters; check the "
                   "passphrase line");
    return {};
  }

  base::Result<std::unique_ptr<SpotExchange>> Open(KeyMaterial key,
                                                   AdapterParts parts) const override {
    if (!key.passphrase)
      return Error(ErrorCode::kInvalidArgument, "an OKX key needs its passphrase");
    AMANAH_ASSIGN_OR_RETURN(OkxSigner signer,
                            OkxSigner::Create(std::move(key.api_key), key.secret, *key.passphrase));
    return std::unique_ptr<SpotExchange>(std::make_unique<OkxExchange>(
        std::move(parts.sender), std::move(signer), *parts.clock, std::move(parts.rate)));
  }

 private:
  AuditTexts texts_ = MakeTexts();
};

}  // namespace

std::unique_ptr<ExchangeDriver> MakeDriver() { return std::make_unique<OkxDriver>(); }

}  // namespace amanah::exchange::okx
