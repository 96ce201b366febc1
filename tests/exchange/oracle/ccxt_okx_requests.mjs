// The OKX oracle: builds OKX v5 requests with the npm ccxt package for given inputs at a fixed
// timestamp, without sending them (ccxt's fetch is replaced), and prints them as JSON lines:
// {name, method, url, headers, body}. Input (stdin): {"timestamp", "keys": {name: {apiKey, secret,
// password}}, "calls": [{name, key, call, args}]}. Used by tests/exchange/okx_oracle_test.cc.
import ccxt from '../../paper/clients/node_modules/ccxt/js/ccxt.js';
import { captureAll, readInput } from './capture.mjs';

const input = await readInput();

function instrument(base, quote) {
  return {
    instId: `${base}-${quote}`, instType: 'SPOT', baseCcy: base, quoteCcy: quote, settleCcy: '',
    ctVal: '', ctMult: '', ctValCcy: '', optType: '', stk: '', listTime: '1606468572000',
    expTime: '', lever: '', tickSz: '0.1', lotSz: '0.00000001', minSz: '0.00001', ctType: '',
    alias: '', state: 'live', maxLmtSz: '9999999999', maxMktSz: '1000000', maxLmtAmt: '20000000',
    maxMktAmt: '1000000', uly: '', instFamily: '', ruleType: 'normal',
  };
}
const instruments = { code: '0', msg: '', data: [instrument('BTC', 'USDT'), instrument('ETH', 'USDT')] };

await captureAll(
  input,
  (key) => {
    const ex = new ccxt.okx({
      apiKey: key.apiKey, secret: key.secret, password: key.password,
      // The single-order endpoint, which Amanah signs (ccxt's default is the batch endpoint).
      options: { fetchMarkets: { types: ['spot'] }, createOrder: 'privatePostTradeOrder' },
    });
    ex.has.fetchCurrencies = false;
    return ex;
  },
  (url) => (url.includes('/public/instruments') ? instruments : undefined),
);
