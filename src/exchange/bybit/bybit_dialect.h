// BybitDialect: Bybit v5's part of the REST pipeline — requests signed by BybitSigner (its
// allow-list refuses anything but spot before signing; a POST's parameters become its JSON body),
// and Bybit's envelope read: {"retCode", "retMsg", "result", …}, where retCode 0 is success even
// under HTTP 200 and anything else — or a bare 401/403/429 — is mapped onto the failure taxonomy
// keeping Bybit's code and text (bybit.md §7). Thread-safe (const).
#pragma once

#include "exchange/bybit/bybit_signer.h"
#include "exchange/rest_dialect.h"

namespace amanah::exchange::bybit {

class BybitDialect final : public RestDialect {
 public:
  BybitDialect(BybitSigner signer, int64_t recv_window_ms)
      : signer_(std::move(signer)), recv_window_ms_(recv_window_ms) {}

  std::string_view name() const override { return "Bybit"; }
  base::Result<HttpRequest> Build(const RestCall& call, int64_t timestamp_ms) const override;
  /// Bybit's limits are per endpoint and per second (X-Bapi-Limit-Status / X-Bapi-Limit), not a
  /// weight: nothing here is a used weight, so none is reported.
  LimitReport ReadLimits(const transport::Response& response) const override;
  base::Result<base::JsonDocument> Interpret(const transport::Response& response,
                                             const RestCall& call, int64_t now_ms) const override;
  RestCall TimeCall() const override;
  base::Result<int64_t> ReadServerTime(const base::JsonView& body) const override;

  const BybitSigner& signer() const { return signer_; }

 private:
  BybitSigner signer_;
  int64_t recv_window_ms_;
};

/// Bybit's retCode (0 when there is none) and HTTP status mapped onto our taxonomy, keeping the
/// code and text; `retry_at_ms` dates a rate limit's end.
base::Error MapBybitError(unsigned http_status, int64_t ret_code, std::string ret_msg,
                          std::string_view what, bool is_order, int64_t retry_at_ms);

}  // namespace amanah::exchange::bybit
