// KrakenExchange: SpotExchange over Kraken's spot REST API (or amanah-paper's Kraken venue),
// through the one RestPipeline with the Kraken dialect: every private call passes KrakenSigner's
// allow-list (no leverage, reduce_only, margin, conditional close or settle-position; no transfer,
// funding, earn or futures path), and carries a nonce drawn while the adapter holds the key's
// turn (NonceSource), so that nonces reach Kraken in order whichever process or node signs.
// Kraken names pairs and assets its own way: symbols are the pairs' altnames ("XBTUSD"), assets
// their neutral names ("BTC"), read once from Assets and AssetPairs. An order carries a
// `deadline` (signing time + 30 s), after which Kraken's matching engine rejects it: the window
// in which a lost answer may still have placed it. Calls on one adapter must not overlap.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "base/clock.h"
#include "exchange/kraken/kraken_dialect.h"
#include "exchange/nonce_source.h"
#include "exchange/rest_pipeline.h"
#include "exchange/spot_exchange.h"

namespace amanah::exchange::kraken {

class KrakenExchange final : public SpotExchange {
 public:
  /// Kraken's REST counter (kraken.md §8): 15 (Starter) decaying by 0.33 a second — about 20 calls
  /// a minute sustained, with ledger and history calls counting 2.
  static constexpr int64_t kRequestsPerMinute = 20;
  /// Orders carry deadline = signing time + this (Kraken takes 2 s to 60 s).
  static constexpr int64_t kDeadlineMs = 30'000;

  KrakenExchange(std::shared_ptr<transport::HttpSender> sender, KrakenSigner signer,
                 const base::Clock& clock, std::shared_ptr<NonceSource> nonces,
                 std::shared_ptr<RateState> rate = std::make_shared<RateState>());

  Task<int64_t> SyncTime() override;
  Task<int64_t> ServerTime() override;
  Task<SystemStatus> Status() override;
  Task<std::vector<SymbolInfo>> Symbols() override;
  Task<Ticker> Ticker24h(const std::string& symbol) override;
  Task<std::vector<Candle>> HourlyCandles(const std::string& symbol, int64_t start_ms,
                                          int64_t end_ms) override;
  Task<std::vector<Balance>> Balances() override;
  /// GetApiKeyInfo; where Kraken does not answer it, the probes of kraken.md §2.
  Task<PermissionReport> Permissions() override;
  Task<AccountState> Account() override;

  Task<OrderReport> PlaceOrder(const OrderRequest& order) override;
  /// AddOrder with validate=true: Kraken checks the order and does not place it.
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
  int64_t AcceptanceWindowMs() const override { return kDeadlineMs; }
  RequestBudget Budget() const override { return RequestBudget{-1, kRequestsPerMinute, 1}; }

  /// The parameters of AddOrder for `order` signed at `timestamp_ms`, in the order ccxt writes
  /// them (pair, type, ordertype, volume, cl_ord_id, price, price2, timeinforce, oflags), then
  /// deadline (as ccxt appends a caller's extra parameters).
  static base::Result<Params> OrderBody(const OrderRequest& order, int64_t timestamp_ms);

 private:
  /// A private call run while this adapter holds the key's nonce turn.
  boost::asio::awaitable<base::Result<base::JsonDocument>> Private(RestCall call);
  template <class T, class Parse>
  Task<T> ReadPrivate(RestCall call, Parse parse);
  /// Assets and AssetPairs: asset ids → neutral names, pair ids → symbols (kept), and the pairs.
  Task<std::vector<SymbolInfo>> FetchNames();
  /// FetchNames once.
  Task<bool> LoadNames();
  /// The key's report from the probes (kraken.md §2), for a Kraken that does not answer
  /// GetApiKeyInfo.
  Task<PermissionReport> ProbePermissions();
  /// One probe: answered → on; refused for the permission → off; refused for the order's funds,
  /// size or pair (past the permission check) → on; anything else is the error.
  Task<Flag> Probe(RestCall call);
  /// ClosedOrders or TradesHistory, paged by `ofs` (50 a page).
  Task<std::vector<OrderReport>> Closed(Params params);
  Task<std::vector<TradeReport>> Trades(int64_t since_ms);

  RestPipeline pipeline_;
  const KrakenDialect* dialect_;
  const base::Clock& clock_;
  std::shared_ptr<NonceSource> nonces_;
  std::string nonce_key_;
  std::map<std::string, std::string> assets_;   // Kraken asset id → neutral name
  std::map<std::string, std::string> symbols_;  // Kraken pair id → altname
  bool names_loaded_ = false;
  std::string account_id_;  // GetApiKeyInfo's iban, once read
};

}  // namespace amanah::exchange::kraken
