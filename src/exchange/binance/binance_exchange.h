// BinanceExchange: SpotExchange over Binance's spot REST API (or amanah-paper, which speaks it).
// Every signed call goes through RequestSigner and its allow-list. It keeps the offset between our
// clock and the server's (synced at start and again on -1021, after which a call that was refused
// for its timestamp is sent once more — the exchange refused it, so nothing happened), reads the
// used weight from X-MBX-USED-WEIGHT-1M, backs off on 429 for Retry-After and stops on 418 until
// the ban ends, and maps Binance's errors onto ours keeping Binance's code and text. Prices and
// quantities are parsed into Decimal here, once. Not thread-safe: one per connection and thread.
#pragma once

#include <functional>
#include <memory>

#include <boost/json/value.hpp>

#include "base/clock.h"
#include "exchange/binance/request_signer.h"
#include "exchange/spot_exchange.h"
#include "transport/http_client.h"

namespace amanah::exchange::binance {

class BinanceExchange final : public SpotExchange {
 public:
  /// Sends one request and returns the whole response (the transport, or a test's recorder).
  using Sender = std::function<base::Result<transport::Response>(const transport::Request&)>;

  BinanceExchange(transport::HttpClient& http, RequestSigner signer, const base::Clock& clock,
                  int64_t recv_window_ms = 5000);
  BinanceExchange(Sender sender, RequestSigner signer, const base::Clock& clock,
                  int64_t recv_window_ms = 5000);

  /// Measures the server-time offset (half the round trip is assumed each way).
  base::Result<int64_t> SyncTime();
  int64_t time_offset_ms() const { return offset_ms_; }
  int64_t used_weight() const { return used_weight_; }

  base::Result<int64_t> ServerTime() override;
  base::Result<bool> SystemNormal() override;
  base::Result<std::vector<SymbolInfo>> Symbols() override;
  base::Result<std::vector<Balance>> Balances() override;
  base::Result<PermissionReport> Permissions() override;
  base::Result<AccountState> Account() override;
  base::Result<OrderReport> PlaceOrder(const OrderRequest& order) override;
  base::Result<OrderReport> CancelOrder(const std::string& symbol,
                                        const std::string& client_order_id) override;
  base::Result<OrderReport> QueryOrder(const std::string& symbol,
                                       const std::string& client_order_id) override;
  base::Result<std::vector<OrderReport>> OpenOrders(const std::string& symbol) override;
  base::Result<std::vector<TradeReport>> MyTrades(const std::string& symbol) override;

  /// The request PlaceOrder would send, without sending it (the ccxt oracle test compares it).
  base::Result<HttpRequest> BuildOrder(const OrderRequest& order, int64_t timestamp_ms) const;
  /// Parameters of an order, in the order Binance documents them.
  static base::Result<Params> OrderParams(const OrderRequest& order);

 private:
  base::Result<boost::json::value> Call(HttpMethod method, std::string_view path,
                                        const Params& params, bool sign);
  base::Result<boost::json::value> Send(const HttpRequest& request, bool is_order);

  Sender send_;
  RequestSigner signer_;
  const base::Clock& clock_;
  int64_t recv_window_ms_;
  int64_t offset_ms_ = 0;
  int64_t used_weight_ = 0;
  int64_t banned_until_ms_ = 0;   ///< 418: stop until the ban ends
  int64_t backoff_until_ms_ = 0;  ///< 429: wait for Retry-After before sending again
};

/// Binance's error body and HTTP status mapped onto our taxonomy (kept: code and text).
base::Error MapBinanceError(unsigned http_status, const boost::json::value* body,
                            std::string_view what, bool is_order);

}  // namespace amanah::exchange::binance
