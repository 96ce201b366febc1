#include "exchange/kraken/kraken_driver.h"

#include <algorithm>
#include <cctype>

#include "crypto/encoding.h"
#include "exchange/kraken/kraken_exchange.h"

namespace amanah::exchange::kraken {
namespace {

using base::Error;
using base::ErrorCode;
using P = PermissionReport;

// The checklist in the order of Kraken's key page (Settings → API → Create API key: Funds
// permissions, Orders and trades, Data, WebSocket), with Kraken's names.
AuditTexts MakeTexts() {
  AuditTexts t;
  t.exchange = "Kraken";
  t.checklist = {
      {&P::reading, "Query Funds", true, "lets Amanah read balances and this audit"},
      {&P::deposit, "Deposit Funds", false, "creating deposit addresses and routing funds"},
      {&P::withdrawals, "Withdraw Funds", false, "moving funds off the exchange"},
      {&P::earn, "Earn Funds", false, "staking and earn products that pay a return"},
      {&P::spot_trading, "Create & Modify Orders", true,
       "lets Amanah place spot orders (Kraken's order permission also places margin orders: "
       "Amanah's signer refuses those)"},
  };
  t.edit_prefix = "On Kraken: Settings → API → this key → Edit → ";
  t.tick_template = "tick '{label}', then save.";
  t.untick_template = "untick '{label}', then save.";
  t.ip_label = "IP allowlisting (Advanced settings)";
  t.ip_fix =
      "under Advanced settings, enter Amanah's egress addresses in 'IP allowlisting', then "
      "save.";
  t.repay_fix =
      "On Kraken: Credit lines → repay the {asset} credit used, then run the audit again.";
  t.repay_all_fix =
      "On Kraken Pro: Positions → close every margin position (which repays the margin loans), "
      "then run the audit again.";
  t.close_position_fix =
      "On Kraken Pro: Positions → close the {symbol} margin position, then run the audit again.";
  t.margin_mode_fix =
      "On Kraken Pro: Positions → close every margin position, then run the audit again.";
  t.auto_borrow_fix = t.margin_mode_fix;
  t.read_only_fix = "tick 'Create & Modify Orders' (and not 'Withdraw Funds'), then save.";
  t.margin_exclusion =
      "Kraken has no spot-only order permission: 'Create & Modify Orders' also places margin "
      "orders (leverage) and closes positions. So margin is excluded three ways: no margin may be "
      "in use and no margin position open (checked above), and Amanah's signer signs AddOrder "
      "only without leverage, reduce_only, margin, a conditional close or settle-position.";
  t.cannot_trade_fix = "Check the account's verification level and status with Kraken support.";
  t.notes = {
      "Kraken lets any key with 'Query Funds' move funds between the spot and futures wallets "
      "(WalletTransfer); no Kraken key can be denied it, so Amanah's signer refuses it, and "
      "every other funding, earn and sub-account path, before signing.",
      "A Kraken key with an empty IP allowlist can be used from any address: allowlist Amanah's "
      "egress IPs.",
      "Kraken Futures keys are separate (futures.kraken.com): Amanah connects spot keys only."};
  return t;
}

bool IsBase64Text(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/' || c == '=';
  });
}

class KrakenDriver final : public ExchangeDriver {
 public:
  std::string_view name() const override { return "kraken"; }
  std::string_view display_name() const override { return "Kraken"; }
  std::string_view default_origin() const override { return "https://api.kraken.com"; }
  bool uses_passphrase() const override { return false; }
  // Kraken counts per key: the audit reads the key (GetApiKeyInfo, once: the adapter keeps its
  // account id), TradeBalance, OpenPositions and BalanceEx (4); reconciliation two pairs' closed
  // and open orders (4); a snapshot the balances and a ticker per held asset (public: not counted)
  // (1).
  int64_t audit_request_weight() const override { return 4; }
  int64_t reconcile_request_weight() const override { return 4; }
  int64_t snapshot_request_weight() const override { return 1; }
  int64_t request_weight_per_minute() const override { return KrakenExchange::kRequestsPerMinute; }
  const AuditTexts& audit_texts() const override { return texts_; }

  base::Result<void> CheckKeyShape(const KeyMaterial& key) const override {
    if (key.api_key.size() < 16 || key.api_key.size() > 128 || !IsBase64Text(key.api_key))
      return Error(ErrorCode::kInvalidArgument,
                   "a Kraken API key is Base64 text (56 characters as Kraken issues them); check "
                   "the api_key line");
    if (key.key_type != "hmac")
      return Error(ErrorCode::kInvalidArgument,
                   "Kraken keys are hmac, not " + key.key_type.substr(0, 16));
    const std::string_view secret = key.secret.view();
    if (secret.size() < 16 || secret.size() > 256 || !IsBase64Text(secret))
      return Error(ErrorCode::kInvalidArgument,
                   "a Kraken private key is Base64 text (88 characters as Kraken issues them); "
                   "check the secret line");
    if (auto decoded = crypto::Base64DecodeSecret(secret); !decoded || decoded->empty())
      return Error(ErrorCode::kInvalidArgument,
                   "the Kraken private key is not valid Base64; copy it again from Kraken's API "
                   "page");
    if (key.passphrase) return Error(ErrorCode::kInvalidArgument, "Kraken keys have no passphrase");
    return {};
  }

  base::Result<std::unique_ptr<SpotExchange>> Open(KeyMaterial key,
                                                   AdapterParts parts) const override {
    if (IsFuturesOrigin(parts.origin))
      return Error(ErrorCode::kPermissionDenied,
                   "refused: " + parts.origin.substr(0, 64) +
                       " is Kraken Futures; Amanah connects Kraken spot keys only");
    AMANAH_ASSIGN_OR_RETURN(KrakenSigner signer,
                            KrakenSigner::Create(std::move(key.api_key), key.secret));
    auto nonces = parts.nonces ? parts.nonces : std::make_shared<ProcessNonceSource>(*parts.clock);
    return std::unique_ptr<SpotExchange>(
        std::make_unique<KrakenExchange>(std::move(parts.sender), std::move(signer), *parts.clock,
                                         std::move(nonces), std::move(parts.rate)));
  }

 private:
  AuditTexts texts_ = MakeTexts();
};

}  // namespace

bool IsFuturesOrigin(std::string_view origin) {
  std::string o(origin.substr(0, 256));
  std::transform(o.begin(), o.end(), o.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  const size_t scheme = o.find("://");
  std::string_view host =
      scheme == std::string::npos ? std::string_view(o) : std::string_view(o).substr(scheme + 3);
  host = host.substr(0, host.find_first_of(":/"));
  return host == "futures.kraken.com" || host.ends_with(".futures.kraken.com") ||
         host == "demo-futures.kraken.com";
}

std::unique_ptr<ExchangeDriver> MakeDriver() { return std::make_unique<KrakenDriver>(); }

}  // namespace amanah::exchange::kraken
