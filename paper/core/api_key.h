// ApiKey: an exchange API key as the exchange stores it — its type and verification material, the
// account it acts for, its permission flags, its IP whitelist and creation time. The flags are a
// superset of what Binance reports in /sapi/v1/account/apiRestrictions, so every venue can map its
// own names onto them. Owned by Exchange, guarded by its lock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace amanah::paper {

enum class KeyType { kHmac, kEd25519, kRsa };

struct Permissions {
  bool reading = true;
  bool spot_and_margin_trading = false;
  bool withdrawals = false;
  bool internal_transfer = false;
  bool margin = false;  ///< margin loan, repay and transfer
  bool futures = false;
  bool universal_transfer = false;
  bool vanilla_options = false;
  bool portfolio_margin = false;
  bool fix_api_trade = false;
  bool fix_read_only = false;
};

struct ApiKey {
  std::string api_key;
  uint64_t account = 0;
  KeyType type = KeyType::kHmac;
  std::string secret;      ///< HMAC secret (a paper exchange keeps it, like a real one)
  std::string public_pem;  ///< Ed25519 or RSA public key, PEM
  Permissions permissions;
  std::vector<std::string> ip_whitelist;  ///< empty = unrestricted
  int64_t create_time = 0;                ///< ms since epoch
};

std::string_view KeyTypeName(KeyType type);

}  // namespace amanah::paper
