// OkxDialect: OKX v5's part of the REST pipeline — requests signed by OkxSigner (its allow-list
// refuses anything but plain spot before signing; a POST's parameters become its JSON body), and
// OKX's envelope read: {"code", "msg", "data"}, where code "0" is success, and an order's own
// result is in data[].sCode/sMsg (code "1" "Operation failed." carries the real reason there).
// Anything else — or a bare 401/403/429/5xx — is mapped onto the failure taxonomy keeping OKX's
// code and text (okx.md §7). Thread-safe (const).
#pragma once

#include "exchange/okx/okx_signer.h"
#include "exchange/rest_dialect.h"

namespace amanah::exchange::okx {

class OkxDialect final : public RestDialect {
 public:
  explicit OkxDialect(OkxSigner signer) : signer_(std::move(signer)) {}

  std::string_view name() const override { return "OKX"; }
  base::Result<HttpRequest> Build(const RestCall& call, int64_t timestamp_ms) const override;
  /// OKX reports no usage in its headers (okx.md §8): nothing to read.
  LimitReport ReadLimits(const transport::Response& response) const override;
  base::Result<base::JsonDocument> Interpret(const transport::Response& response,
                                             const RestCall& call, int64_t now_ms) const override;
  RestCall TimeCall() const override;
  base::Result<int64_t> ReadServerTime(const base::JsonView& body) const override;

  const OkxSigner& signer() const { return signer_; }

 private:
  OkxSigner signer_;
};

/// OKX's code (0 when there is none) and HTTP status mapped onto our taxonomy, keeping the code and
/// text; `retry_at_ms` dates a rate limit's end.
base::Error MapOkxError(unsigned http_status, int64_t code, std::string msg, std::string_view what,
                        bool is_order, int64_t retry_at_ms);

}  // namespace amanah::exchange::okx
