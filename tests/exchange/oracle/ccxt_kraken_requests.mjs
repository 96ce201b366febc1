// The Kraken oracle: builds Kraken spot requests with the npm ccxt package for given inputs at a
// fixed nonce, without sending them (ccxt's fetch is replaced), and prints them as JSON lines:
// {name, method, url, headers, body}. Input (stdin): {"timestamp", "keys": {name: {apiKey,
// secret}}, "calls": [{name, key, call, args}]}. The pairs are answered with ids equal to their
// altnames (as Kraken's newer pairs have them), so that ccxt's `pair` is Amanah's symbol. Used by
// tests/exchange/kraken_oracle_test.cc.
import ccxt from '../../paper/clients/node_modules/ccxt/js/ccxt.js';
import { captureAll, readInput } from './capture.mjs';

const input = await readInput();

function pair(base, quote) {
  return {
    altname: `${base}${quote}`, wsname: `${base}/${quote}`, aclass_base: 'currency', base,
    aclass_quote: 'currency', quote, lot: 'unit', cost_decimals: 5, pair_decimals: 2,
    lot_decimals: 8, lot_multiplier: 1, leverage_buy: [], leverage_sell: [],
    fees: [[0, 0.4]], fees_maker: [[0, 0.25]], fee_volume_currency: 'ZUSD', margin_call: 80,
    margin_stop: 40, ordermin: '0.02', costmin: '0.5', tick_size: '0.01', status: 'online',
  };
}
const pairs = { error: [], result: { SOLUSD: pair('SOL', 'USD'), DOTUSD: pair('DOT', 'USD') } };
const assets = {
  error: [],
  result: {
    SOL: { aclass: 'currency', altname: 'SOL', decimals: 10, display_decimals: 5, status: 'enabled' },
    DOT: { aclass: 'currency', altname: 'DOT', decimals: 10, display_decimals: 8, status: 'enabled' },
    USD: { aclass: 'currency', altname: 'USD', decimals: 4, display_decimals: 2, status: 'enabled' },
  },
};

await captureAll(
  input,
  (key) => {
    const ex = new ccxt.kraken({ apiKey: key.apiKey, secret: key.secret });
    ex.has.fetchCurrencies = false;
    return ex;
  },
  (url) => (url.includes('/public/AssetPairs') ? pairs : url.includes('/public/Assets') ? assets : undefined),
);
