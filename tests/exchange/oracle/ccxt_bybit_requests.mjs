// The Bybit oracle: builds Bybit v5 requests with the npm ccxt package for given inputs at a fixed
// timestamp, without sending them (ccxt's fetch is replaced), and prints them as JSON lines:
// {name, method, url, headers, body}. Input (stdin): {"timestamp", "keys": {type: {apiKey, secret}},
// "calls": [{name, key, call, args}]}. Used by tests/exchange/bybit_oracle_test.cc.
import ccxt from '../../paper/clients/node_modules/ccxt/js/ccxt.js';

const input = JSON.parse(await new Promise((resolve) => {
  let data = '';
  process.stdin.on('data', (c) => { data += c; });
  process.stdin.on('end', () => resolve(data));
}));

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

const out = [];
for (const c of input.calls) {
  const key = input.keys[c.key];
  const ex = new ccxt.bybit({
    apiKey: key.apiKey, secret: key.secret,
    options: { fetchMarkets: { types: ['spot'] }, enableUnifiedAccount: true, enableUnifiedMargin: false },
  });
  ex.has.fetchCurrencies = false;
  ex.milliseconds = () => input.timestamp;
  ex.nonce = () => input.timestamp;
  let captured = null;
  ex.fetch = async (url, method, headers, body) => {
    if (url.includes('/instruments-info')) return instruments;
    captured = { name: c.name, method, url, headers, body: body ?? '' };
    throw new Error('captured');
  };
  await ex.loadMarkets();
  try {
    await ex[c.call](...c.args.map((a) => (a === null ? undefined : a)));
  } catch (e) {
    if (!captured) { out.push({ name: c.name, error: String(e) }); continue; }
  }
  out.push(captured);
}
for (const r of out) console.log(JSON.stringify(r));
