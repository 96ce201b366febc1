#include "exchange/bybit/bybit_driver.h"

#include "exchange/bybit/bybit_exchange.h"

namespace amanah::exchange::bybit {
namespace {

using base::Error;
using base::ErrorCode;
using P = PermissionReport;

// The checklist in the order of Bybit's API-management page ("API Key Permissions": the
// read-write choice, then each group), with its labels.
AuditTexts MakeTexts() {
  AuditTexts t;
  t.exchange = "Bybit";
  t.checklist = {
      {&P::reading, "Read-Only / Read-Write (reading)", true,
       "every key reads: balances, orders and this audit"},
      {&P::spot_trading, "SPOT — Trade (with Read-Write)", true, "lets Amanah place spot orders"},
      {&P::futures, "Contract — Orders / Positions, Derivatives — Trade", false,
       "futures and perpetual contracts"},
      {&P::options, "Options — Trade", false, "options contracts"},
      {&P::universal_transfer, "Wallet — Account Transfer", false,
       "moving funds between the account's wallets"},
      {&P::internal_transfer, "Wallet — Subaccount Transfer", false,
       "moving funds between master and sub-accounts"},
      {&P::withdrawals, "Wallet — Withdrawal", false, "moving funds off the exchange"},
      {&P::earn, "Earn", false, "savings, staking and lending products"},
  };
  t.edit_prefix = "On Bybit: Account → API → this key → Edit → ";
  t.ip_label = "Only IPs with permissions granted are allowed to access the OpenAPI";
  t.ip_fix =
      "choose 'Only IPs with permissions granted are allowed to access the OpenAPI' and "
      "enter the addresses.";
  t.repay_fix =
      "On Bybit: Assets → Unified Trading → repay the {asset} liability and its interest "
      "(Repay), then run the audit again.";
  t.repay_all_fix =
      "On Bybit: Assets → Unified Trading → repay every liability, then run the "
      "audit again.";
  t.close_position_fix =
      "On Bybit: Derivatives → Positions → close {symbol}, then run the audit again.";
  t.margin_mode_fix =
      "On Bybit: Trade → Spot → turn the 'Margin' switch off (spot margin), then "
      "run the audit again.";
  t.auto_borrow_fix = t.margin_mode_fix;
  t.read_only_fix = "choose 'Read-Write' and tick 'SPOT — Trade' only, then save.";
  t.margin_exclusion =
      "Bybit's SPOT — Trade permission also lets spot margin orders through, so margin is "
      "excluded three ways: the account's spot margin must be off (checked above), no amount may "
      "be borrowed (checked above), and Amanah's signer never signs an order with isLeverage=1 "
      "nor any borrow, repay or spot-margin path.";
  t.cannot_trade_fix = "Check the account's status with Bybit support.";
  t.notes = {
      "A Bybit key bound to no IP address expires after 90 days; bind it to Amanah's "
      "egress IPs.",
      "Bybit shows no separate switch for leveraged tokens or spot margin: Amanah's signer "
      "refuses /v5/spot-lever-token/* and /v5/spot-margin-trade/* writes."};
  return t;
}

class BybitDriver final : public ExchangeDriver {
 public:
  std::string_view name() const override { return "bybit"; }
  std::string_view display_name() const override { return "Bybit"; }
  std::string_view default_origin() const override { return "https://api.bybit.com"; }
  bool uses_passphrase() const override { return false; }
  // Bybit counts requests, not weights: the audit reads the key, the account, the wallet, spot
  // margin and four position lists (8); reconciliation the time, the wallet and two symbols'
  // history and open orders (6); a snapshot the wallet and a ticker per held asset (6). Its IP
  // limit is 600 requests in 5 s.
  int64_t audit_request_weight() const override { return 8; }
  int64_t reconcile_request_weight() const override { return 6; }
  int64_t snapshot_request_weight() const override { return 6; }
  int64_t request_weight_per_minute() const override { return BybitExchange::kRequestsPerMinute; }
  const AuditTexts& audit_texts() const override { return texts_; }

  base::Result<void> CheckKeyShape(const KeyMaterial& key) const override {
    if (key.api_key.size() < 16 || key.api_key.size() > 64 || !IsAlnumText(key.api_key))
      return Error(ErrorCode::kInvalidArgument,
                   "a Bybit API key is 16 to 64 letters and digits (18 for system-generated "
                   "keys); check the api_key line");
    if (key.passphrase) return Error(ErrorCode::kInvalidArgument, "Bybit keys have no passphrase");
    if (key.key_type == "hmac") {
      if (key.secret.size() < 20 || key.secret.size() > 64 || !IsAlnumText(key.secret.view()))
        return Error(ErrorCode::kInvalidArgument,
                     "a Bybit HMAC secret is 20 to 64 letters and digits (36 for "
                     "system-generated keys); check the secret line");
    } else if (key.key_type != "rsa") {
      return Error(ErrorCode::kInvalidArgument,
                   "Bybit keys are hmac or rsa, not " + key.key_type.substr(0, 16));
    }
    return {};
  }

  base::Result<std::unique_ptr<SpotExchange>> Open(KeyMaterial key,
                                                   AdapterParts parts) const override {
    const auto type =
        key.key_type == "rsa" ? BybitSigner::KeyType::kRsa : BybitSigner::KeyType::kHmac;
    AMANAH_ASSIGN_OR_RETURN(BybitSigner signer,
                            BybitSigner::Create(type, std::move(key.api_key), key.secret));
    return std::unique_ptr<SpotExchange>(
        std::make_unique<BybitExchange>(std::move(parts.sender), std::move(signer), *parts.clock,
                                        BybitExchange::kRecvWindowMs, std::move(parts.rate)));
  }

 private:
  AuditTexts texts_ = MakeTexts();
};

}  // namespace

std::unique_ptr<ExchangeDriver> MakeDriver() { return std::make_unique<BybitDriver>(); }

}  // namespace amanah::exchange::bybit
