// BybitExchange: SpotExchange over Bybit's v5 REST API (or amanah-paper's Bybit venue), through
// the one RestPipeline with the Bybit dialect: every signed call passes BybitSigner's allow-list
// (spot category, never isLeverage), the server-time offset is synced at start and again on
// 10002, and Bybit's errors keep their code and text. Bybit acknowledges an order with its ids
// only, so a placement or cancel is followed by a query of the order by its client id. Calls on
// one adapter must not overlap.
#pragma once

#include <memory>

#include "base/clock.h"
#include "exchange/bybit/bybit_dialect.h"
#include "exchange/rest_pipeline.h"
#include "exchange/spot_exchange.h"

namespace amanah::exchange::bybit {

class BybitExchange final : public SpotExchange {
 public:
  static constexpr int64_t kRecvWindowMs = 5000;
  /// Bybit's IP limit: 600 requests in 5 seconds (bybit.md §8), a minute's worth.
  static constexpr int64_t kRequestsPerMinute = 7200;

  BybitExchange(std::shared_ptr<transport::HttpSender> sender, BybitSigner signer,
                const base::Clock& clock, int64_t recv_window_ms = kRecvWindowMs,
                std::shared_ptr<RateState> rate = std::make_shared<RateState>());

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

  base::Result<HttpRequest> BuildOrder(const OrderRequest& order,
                                       int64_t timestamp_ms) const override;
  int64_t AcceptanceWindowMs() const override { return recv_window_ms_; }
  RequestBudget Budget() const override { return RequestBudget{-1, kRequestsPerMinute, 1}; }

  /// The body of POST /v5/order/create for `order`, in the order Bybit documents its fields:
  /// category, symbol, side, orderType, qty, marketUnit, price, timeInForce, orderLinkId.
  static base::Result<Params> OrderBody(const OrderRequest& order);

  int64_t time_offset_ms() const { return pipeline_.time_offset_ms(); }

 private:
  Task<std::vector<OrderReport>> Orders(std::string path, Params params);
  Task<std::vector<TradeReport>> Executions(Params params);

  RestPipeline pipeline_;
  const base::Clock& clock_;
  const int64_t recv_window_ms_;
};

}  // namespace amanah::exchange::bybit
