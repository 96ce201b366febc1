// KrakenDialect: Kraken spot's part of the REST pipeline — public GETs and private form POSTs
// signed by KrakenSigner (its allow-list refuses anything but plain spot before signing), each
// private call with a nonce drawn from the key's NonceTurn; and Kraken's envelope read:
// {"error": [...], "result": {...}}, where an empty `error` is success and its first string
// ("EAPI:Invalid nonce", "EOrder:Insufficient funds", …) is mapped onto the failure taxonomy and
// kept as the exchange's code (kraken.md §7). Thread-safe for Build with no turn (dry runs); the
// adapter that sets a turn runs one call at a time.
#pragma once

#include "exchange/kraken/kraken_signer.h"
#include "exchange/nonce_source.h"
#include "exchange/rest_dialect.h"

namespace amanah::exchange::kraken {

class KrakenDialect final : public RestDialect {
 public:
  explicit KrakenDialect(KrakenSigner signer) : signer_(std::move(signer)) {}

  std::string_view name() const override { return "Kraken"; }
  /// A private call draws its nonce from the turn set by the adapter (at least `timestamp_ms`, the
  /// nonce's unit being milliseconds, as ccxt's); with no turn set, `timestamp_ms` itself is the
  /// nonce — for a request that is shown, never sent (a dry run).
  base::Result<HttpRequest> Build(const RestCall& call, int64_t timestamp_ms) const override;
  /// Kraken reports no usage in its headers (kraken.md §8): nothing to read.
  LimitReport ReadLimits(const transport::Response& response) const override;
  base::Result<base::JsonDocument> Interpret(const transport::Response& response,
                                             const RestCall& call, int64_t now_ms) const override;
  RestCall TimeCall() const override;
  base::Result<int64_t> ReadServerTime(const base::JsonView& body) const override;

  /// The turn the next calls draw from (nullptr: none). REQUIRES: no call in flight.
  void set_turn(NonceTurn* turn) const { turn_ = turn; }
  const KrakenSigner& signer() const { return signer_; }

 private:
  KrakenSigner signer_;
  mutable NonceTurn* turn_ = nullptr;
};

/// Kraken's error string (empty when there is none) and HTTP status mapped onto our taxonomy,
/// keeping the string; `retry_at_ms` dates a rate limit's or lockout's end.
base::Error MapKrakenError(unsigned http_status, const std::string& error, std::string_view what,
                           bool is_order, int64_t retry_at_ms);

}  // namespace amanah::exchange::kraken
