// LeasedExchange: an adapter of a stored connection that holds the connection's lease
// (key_leases.h) for as long as it lives, so that rotation never switches keys under a request in
// flight. It forwards every call unchanged.
#pragma once

#include <memory>

#include "exchange/spot_exchange.h"
#include "keys/key_leases.h"

namespace amanah::keys {

class LeasedExchange final : public exchange::SpotExchange {
 public:
  LeasedExchange(std::unique_ptr<exchange::SpotExchange> inner, KeyLeases::Lease lease)
      : inner_(std::move(inner)), lease_(std::move(lease)) {}

  template <class T>
  using Task = exchange::Task<T>;

  Task<int64_t> SyncTime() override { return inner_->SyncTime(); }
  Task<std::unique_ptr<exchange::AccountStream>> OpenAccountStream() override {
    return inner_->OpenAccountStream();
  }
  Task<int64_t> ServerTime() override { return inner_->ServerTime(); }
  Task<exchange::SystemStatus> Status() override { return inner_->Status(); }
  Task<std::vector<exchange::SymbolInfo>> Symbols() override { return inner_->Symbols(); }
  Task<exchange::Ticker> Ticker24h(const std::string& symbol) override {
    return inner_->Ticker24h(symbol);
  }
  Task<std::vector<exchange::Candle>> HourlyCandles(const std::string& symbol, int64_t start_ms,
                                                    int64_t end_ms) override {
    return inner_->HourlyCandles(symbol, start_ms, end_ms);
  }
  Task<std::vector<exchange::Balance>> Balances() override { return inner_->Balances(); }
  Task<exchange::PermissionReport> Permissions() override { return inner_->Permissions(); }
  Task<exchange::AccountState> Account() override { return inner_->Account(); }
  Task<exchange::OrderReport> PlaceOrder(const exchange::OrderRequest& order) override {
    return inner_->PlaceOrder(order);
  }
  Task<void> TestOrder(const exchange::OrderRequest& order) override {
    return inner_->TestOrder(order);
  }
  Task<exchange::OrderReport> CancelOrder(const std::string& symbol,
                                          const std::string& client_order_id) override {
    return inner_->CancelOrder(symbol, client_order_id);
  }
  Task<exchange::OrderReport> QueryOrder(const std::string& symbol,
                                         const std::string& client_order_id) override {
    return inner_->QueryOrder(symbol, client_order_id);
  }
  Task<std::vector<exchange::OrderReport>> OpenOrders(const std::string& symbol) override {
    return inner_->OpenOrders(symbol);
  }
  Task<std::vector<exchange::OrderReport>> CancelAllOrders(const std::string& symbol) override {
    return inner_->CancelAllOrders(symbol);
  }
  Task<std::vector<exchange::OrderReport>> OrderHistory(const std::string& symbol,
                                                        int64_t since_ms) override {
    return inner_->OrderHistory(symbol, since_ms);
  }
  Task<std::vector<exchange::TradeReport>> MyTrades(const std::string& symbol) override {
    return inner_->MyTrades(symbol);
  }
  Task<std::vector<exchange::TradeReport>> OrderTrades(const std::string& symbol,
                                                       const std::string& order_id) override {
    return inner_->OrderTrades(symbol, order_id);
  }
  base::Result<exchange::HttpRequest> BuildOrder(const exchange::OrderRequest& order,
                                                 int64_t timestamp_ms) const override {
    return inner_->BuildOrder(order, timestamp_ms);
  }
  int64_t AcceptanceWindowMs() const override { return inner_->AcceptanceWindowMs(); }
  exchange::RequestBudget Budget() const override { return inner_->Budget(); }
  boost::asio::awaitable<exchange::Diagnosis> Diagnose(const base::Error& error) override {
    return inner_->Diagnose(error);
  }

 private:
  std::unique_ptr<exchange::SpotExchange> inner_;
  KeyLeases::Lease lease_;
};

}  // namespace amanah::keys
