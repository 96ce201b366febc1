// The Bybit oracle: builds Bybit v5 requests with the npm ccxt package for given inputs at a fixed
// timestamp, without sending them (ccxt's fetch is replaced), and prints them as JSON lines:
// {name, method, url, headers, body}. Input (stdin): {"timestamp", "keys": {type: {apiKey, secret}},
// "calls": [{name, key, call, args}]}. Used by tests/exchange/bybit_oracle_test.cc.
import ccxt from '../../paper/clients/node_modules/ccxt/js/ccxt.js';
import { captureAll, readInput } from './capture.mjs';

const input = await readInput();

function instrument(base, quote) {
  return {
    symbol: base + quote, baseCoin: base, quoteCoin: quote, innovation: '0', status: 'Trading',
    marginTrading: 'none', stTag: '0',
    lotSizeFilter: { basePrecision: '0.00001', quotePrecision: '0.01', minOrderQty: '0.00001',
      maxOrderQty: '9000', minOrderAmt: '5', maxOrderAmt: '8000000' },
    priceFilter: { tickSize: '0.01' }, riskParameters: {}, symbolType: '',
  };
}
const instruments = { retCode: 0, retMsg: 'OK', result: { category: 'spot', nextPageCursor: '',
  list: [instrument('BTC', 'USDT'), instrument('ETH', 'USDT')] }, retExtInfo: {}, time: input.timestamp };

await captureAll(
  input,
  (key) => {
    const ex = new ccxt.bybit({
      apiKey: key.apiKey, secret: key.secret,
      options: { fetchMarkets: { types: ['spot'] }, enableUnifiedAccount: true, enableUnifiedMargin: false },
    });
    ex.has.fetchCurrencies = false;
    return ex;
  },
  (url) => (url.includes('/instruments-info') ? instruments : undefined),
);
