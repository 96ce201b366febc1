// The oracle: builds Binance requests with the npm ccxt package for given inputs at a fixed
// timestamp, without sending them (ccxt's fetch is replaced), and prints them as JSON lines:
// {name, method, url, headers, body}. Input (stdin): {"timestamp", "keys": {type: {apiKey, secret}},
// "calls": [{name, key, call, args}]}. Used by tests/exchange/ccxt_oracle_test.cc.
import ccxt from '../../paper/clients/node_modules/ccxt/js/ccxt.js';
import { captureAll, readInput } from './capture.mjs';

const input = await readInput();

function market(symbol, base, quote) {
  return {
    symbol: base + quote, status: 'TRADING', baseAsset: base, baseAssetPrecision: 8, quoteAsset: quote,
    quotePrecision: 8, quoteAssetPrecision: 8, orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET', 'STOP_LOSS_LIMIT', 'TAKE_PROFIT_LIMIT'],
    allowTrailingStop: true,
    quoteOrderQtyMarketAllowed: true, isSpotTradingAllowed: true, isMarginTradingAllowed: false,
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
      { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
      { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '0.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
    ],
    permissions: [], permissionSets: [['SPOT']],
  };
}
const exchangeInfo = { timezone: 'UTC', serverTime: input.timestamp, rateLimits: [], exchangeFilters: [],
  symbols: [market('BTC/USDT', 'BTC', 'USDT'), market('ETH/USDT', 'ETH', 'USDT')] };

await captureAll(
  input,
  (key) => new ccxt.binance({
    apiKey: key.apiKey, secret: key.secret,
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
  }),
  (url) => (url.includes('/exchangeInfo') ? exchangeInfo : undefined),
);
