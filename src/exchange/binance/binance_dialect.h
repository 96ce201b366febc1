// BinanceDialect: Binance's part of the REST pipeline — requests signed by RequestSigner (its
// allow-list refuses anything but spot before signing), the used weight from X-MBX-USED-WEIGHT-1M,
// and Binance's {"code","msg"} errors mapped onto the failure taxonomy keeping Binance's code and
// text (a 429 or 418 with its Retry-After). Thread-safe (const).
#pragma once

#include "exchange/binance/request_signer.h"
#include "exchange/rest_dialect.h"

namespace amanah::exchange::binance {

class BinanceDialect final : public RestDialect {
 public:
  BinanceDialect(RequestSigner signer, int64_t recv_window_ms)
      : signer_(std::move(signer)), recv_window_ms_(recv_window_ms) {}

  std::string_view name() const override { return "Binance"; }
  base::Result<HttpRequest> Build(const RestCall& call, int64_t timestamp_ms) const override;
  LimitReport ReadLimits(const transport::Response& response) const override;
  base::Result<base::JsonDocument> Interpret(const transport::Response& response,
                                             const RestCall& call, int64_t now_ms) const override;
  RestCall TimeCall() const override;
  base::Result<int64_t> ReadServerTime(const base::JsonView& body) const override;

  const RequestSigner& signer() const { return signer_; }

 private:
  RequestSigner signer_;
  int64_t recv_window_ms_;
};

/// Binance's error body and HTTP status mapped onto our taxonomy (kept: code and text).
/// `retry_at_ms` is set for 429/418 from Retry-After.
base::Error MapBinanceError(unsigned http_status, int code, std::string msg, std::string_view what,
                            bool is_order, int64_t retry_at_ms);

}  // namespace amanah::exchange::binance
