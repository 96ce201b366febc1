#include "exchange/binance/binance_driver.h"

#include "exchange/binance/binance_exchange.h"

namespace amanah::exchange::binance {
namespace {

using base::Error;
using base::ErrorCode;
using P = PermissionReport;

AuditTexts MakeTexts() {
  AuditTexts t;
  t.exchange = "Binance";
  t.checklist = {
      {&P::reading, "Enable Reading", true, "lets Amanah read balances, orders and this audit"},
      {&P::spot_trading, "Enable Spot & Margin Trading", true,
       "lets Amanah place spot orders (Binance has one flag for spot and margin)"},
      {&P::margin, "Enable Margin Loan, Repay & Transfer", false, "borrowing on margin"},
      {&P::futures, "Enable Futures", false, "futures and perpetual contracts"},
      {&P::options, "Enable Vanilla Options", false, "options contracts"},
      {&P::portfolio_margin, "Enable Portfolio Margin Trading", false,
       "portfolio margin (borrowing and derivatives)"},
      {&P::withdrawals, "Enable Withdrawals", false, "moving funds off the exchange"},
      {&P::internal_transfer, "Enable Internal Transfer", false,
       "moving funds between master and sub-accounts"},
      {&P::universal_transfer, "Permits Universal Transfer", false,
       "moving funds between wallets (spot, margin, futures, funding)"},
  };
  t.edit_prefix = "On Binance: Account → API Management → this key → Edit restrictions → ";
  t.ip_label = "Restrict access to trusted IPs only";
  t.ip_fix = "choose 'Restrict access to trusted IPs only'.";
  t.repay_fix =
      "On Binance: Wallet → Margin → Repay the {asset} loan and its interest, then run "
      "the audit again.";
  t.repay_all_fix = "On Binance: Wallet → Margin → repay every loan, then run the audit again.";
  t.close_position_fix =
      "On Binance: Derivatives → Positions → close {symbol}, then run the audit again.";
  t.margin_mode_fix =
      "On Binance: Wallet → Margin → repay every loan and move the assets back to "
      "Spot.";
  t.auto_borrow_fix = t.margin_mode_fix;
  t.read_only_fix = "tick 'Enable Spot & Margin Trading', then save.";
  t.margin_exclusion =
      "Binance's trading permission covers spot and margin together, so margin is excluded three "
      "ways: the key "
      "cannot borrow (margin loan permission off), the account has no margin debt (checked above), "
      "and Amanah's "
      "signer refuses every margin endpoint.";
  t.cannot_trade_fix = "Check the account's status with Binance support.";
  return t;
}

class BinanceDriver final : public ExchangeDriver {
 public:
  std::string_view name() const override { return "binance"; }
  std::string_view display_name() const override { return "Binance"; }
  std::string_view default_origin() const override { return "https://api.binance.com"; }
  bool uses_passphrase() const override { return false; }
  // GET /api/v3/account is 20, the key's restrictions and the wallet checks 1 each (the issue's
  // "about 21"); Binance's REQUEST_WEIGHT limit is 6000 a minute per IP.
  int64_t audit_request_weight() const override { return 21; }
  // Reconciliation: GET /api/v3/time 1, /api/v3/account 20, /api/v3/exchangeInfo 20 and
  // /api/v3/allOrders 20 per symbol read (two, for the estimate).
  int64_t reconcile_request_weight() const override { return 81; }
  // GET /api/v3/account (20) and GET /api/v3/ticker/24hr?symbol= (2) for five held assets.
  int64_t snapshot_request_weight() const override { return 30; }
  int64_t request_weight_per_minute() const override { return 6000; }
  const AuditTexts& audit_texts() const override { return texts_; }

  base::Result<void> CheckKeyShape(const KeyMaterial& key) const override {
    if (key.api_key.size() != 64 || !IsAlnumText(key.api_key))
      return Error(ErrorCode::kInvalidArgument,
                   "a Binance API key is 64 letters and digits; check the api_key line");
    if (key.passphrase)
      return Error(ErrorCode::kInvalidArgument, "Binance keys have no passphrase");
    if (key.key_type == "hmac") {
      if (key.secret.size() != 64 || !IsAlnumText(key.secret.view()))
        return Error(ErrorCode::kInvalidArgument,
                     "a Binance HMAC secret is 64 characters; check the secret line");
    } else if (key.key_type != "ed25519" && key.key_type != "rsa") {
      return Error(ErrorCode::kInvalidArgument,
                   "Binance keys are hmac, ed25519 or rsa, not " + key.key_type.substr(0, 16));
    }
    return {};
  }

  base::Result<std::unique_ptr<SpotExchange>> Open(KeyMaterial key,
                                                   AdapterParts parts) const override {
    const auto type = key.key_type == "ed25519" ? RequestSigner::KeyType::kEd25519
                      : key.key_type == "rsa"   ? RequestSigner::KeyType::kRsa
                                                : RequestSigner::KeyType::kHmac;
    AMANAH_ASSIGN_OR_RETURN(RequestSigner signer,
                            RequestSigner::Create(type, std::move(key.api_key), key.secret));
    return std::unique_ptr<SpotExchange>(std::make_unique<BinanceExchange>(
        std::move(parts.sender), std::move(signer), *parts.clock, BinanceExchange::kRecvWindowMs,
        std::move(parts.rate), parts.transport, parts.origin));
  }

 private:
  AuditTexts texts_ = MakeTexts();
};

}  // namespace

std::unique_ptr<ExchangeDriver> MakeDriver() { return std::make_unique<BinanceDriver>(); }

}  // namespace amanah::exchange::binance
