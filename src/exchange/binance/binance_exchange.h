// BinanceExchange: SpotExchange over Binance's spot REST API (or amanah-paper, which speaks it),
// through the one RestPipeline with the Binance dialect: every signed call passes RequestSigner's
// allow-list, the server-time offset is synced at start and again on -1021, the used weight is
// read from X-MBX-USED-WEIGHT-1M, a 429 holds the origin for Retry-After and a 418 until the ban
// ends, and Binance's errors keep their code and text. Responses are read strictly
// (binance_parse.h). Calls on one adapter must not overlap.
#pragma once

#include <memory>

#include "base/clock.h"
#include "exchange/binance/binance_dialect.h"
#include "exchange/rest_pipeline.h"
#include "exchange/spot_exchange.h"
#include "transport/transport.h"

namespace amanah::exchange::binance {

class BinanceExchange final : public SpotExchange {
 public:
  static constexpr int64_t kRecvWindowMs = 5000;

  BinanceExchange(std::shared_ptr<transport::HttpSender> sender, RequestSigner signer,
                  const base::Clock& clock, int64_t recv_window_ms = kRecvWindowMs,
                  std::shared_ptr<RateState> rate = std::make_shared<RateState>(),
                  transport::Transport* streams = nullptr, std::string origin = {});

  Task<int64_t> SyncTime() override;
  Task<int64_t> ServerTime() override;
  Task<SystemStatus> Status() override;
  Task<std::vector<SymbolInfo>> Symbols() override;
  Task<Ticker> Ticker24h(const std::string& symbol) override;
  Task<std::vector<Candle>> HourlyCandles(const std::string& symbol, int64_t start_ms,
                                          int64_t end_ms) override;
  Task<std::vector<Balance>> Balances() override;
  Task<PermissionReport> Permissions() override;
  Task<AccountState> Account() override;
  Task<OrderReport> PlaceOrder(const OrderRequest& order) override;
  Task<void> TestOrder(const OrderRequest& order) override;
  Task<OrderReport> CancelOrder(const std::string& symbol,
                                const std::string& client_order_id) override;
  Task<OrderReport> QueryOrder(const std::string& symbol,
                               const std::string& client_order_id) override;
  Task<std::vector<OrderReport>> OpenOrders(const std::string& symbol) override;
  Task<std::vector<OrderReport>> CancelAllOrders(const std::string& symbol) override;
  Task<std::vector<OrderReport>> OrderHistory(const std::string& symbol, int64_t since_ms) override;
  Task<std::vector<TradeReport>> MyTrades(const std::string& symbol) override;
  Task<std::vector<TradeReport>> OrderTrades(const std::string& symbol,
                                             const std::string& order_id) override;
  boost::asio::awaitable<Diagnosis> Diagnose(const base::Error& error) override;
  /// The user data stream on Binance's WebSocket API (binance_account_stream.h).
  Task<std::unique_ptr<AccountStream>> OpenAccountStream() override;

  /// The request PlaceOrder would send at `timestamp_ms`, without sending it (oracle test).
  base::Result<HttpRequest> BuildOrder(const OrderRequest& order,
                                       int64_t timestamp_ms) const override;
  int64_t AcceptanceWindowMs() const override { return recv_window_ms_; }
  /// The weight limit is the one exchangeInfo published (Symbols() reads it), else Binance's
  /// documented 6000.
  RequestBudget Budget() const override {
    const RateState::Snapshot s = pipeline_.rate().snapshot();
    return RequestBudget{s.used_weight, s.weight_limit > 0 ? s.weight_limit : kWeightPerMinute, 1};
  }
  /// REQUEST_WEIGHT per minute per IP (binance.md: 6000).
  static constexpr int64_t kWeightPerMinute = 6000;
  /// Parameters of an order, in the order Binance documents them.
  static base::Result<Params> OrderParams(const OrderRequest& order);
  /// The same parameters percent-encoded as the request carries them, built without a list.
  static base::Result<std::string> EncodeOrder(const OrderRequest& order);

  int64_t time_offset_ms() const { return pipeline_.time_offset_ms(); }
  int64_t used_weight() const { return pipeline_.rate().snapshot().used_weight; }

 private:
  RestPipeline pipeline_;
  const base::Clock& clock_;
  const int64_t recv_window_ms_;
  transport::Transport* streams_;
  const std::string origin_;
};

}  // namespace amanah::exchange::binance
