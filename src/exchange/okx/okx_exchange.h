// OkxExchange: SpotExchange over OKX's v5 REST API (or amanah-paper's OKX venue), through the one
// RestPipeline with the OKX dialect: every signed call passes OkxSigner's allow-list (SPOT
// instruments, tdMode cash, no attached algo orders), the server-time offset is synced at start
// and again on 50102, and OKX's errors keep their code and text. OKX acknowledges an order with
// its ids only, so a placement or cancel is followed by a query of the order by its client id.
// Calls on one adapter must not overlap.
#pragma once

#include <memory>

#include "base/clock.h"
#include "exchange/okx/okx_dialect.h"
#include "exchange/rest_pipeline.h"
#include "exchange/spot_exchange.h"

namespace amanah::exchange::okx {

class OkxExchange final : public SpotExchange {
 public:
  /// OKX's tightest limit on the calls Amanah makes often: 20 requests in 2 s (instruments, and
  /// 10 in 2 s for the balance), a minute's worth of the first.
  static constexpr int64_t kRequestsPerMinute = 600;
  /// OKX refuses a timestamp more than 30 s away from its clock (okx.md §1).
  static constexpr int64_t kAcceptanceWindowMs = 30'000;

  OkxExchange(std::shared_ptr<transport::HttpSender> sender, OkxSigner signer,
              const base::Clock& clock,
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
  int64_t AcceptanceWindowMs() const override { return kAcceptanceWindowMs; }
  RequestBudget Budget() const override { return RequestBudget{-1, kRequestsPerMinute, 1}; }

  /// The body of POST /api/v5/trade/order for `order`, in the order ccxt writes it (so that the
  /// bytes signed are the same): instId, side, ordType, sz, tdMode "cash", tgtCcy, px, clOrdId.
  static base::Result<Params> OrderBody(const OrderRequest& order);

  int64_t time_offset_ms() const { return pipeline_.time_offset_ms(); }

 private:
  /// Pages of `path` (each older than the last item's `cursor_field`), until a short page.
  Task<std::vector<OrderReport>> Orders(std::string path, Params params);
  Task<std::vector<TradeReport>> Fills(Params params);

  RestPipeline pipeline_;
  const base::Clock& clock_;
};

}  // namespace amanah::exchange::okx
