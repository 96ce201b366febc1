// The npm ccxt package placing N orders on amanah-paper, one after another, the way a bot does:
// markets loaded once, then createOrder (a signed POST /api/v3/order) for marketable IOC limit
// orders, buy and sell in turn so balances stay level; its rate-limit throttle off. Prints one
// JSON line: the median, p90 and mean latency per order in microseconds.
// Usage: node ccxt_orders.mjs PAPER_URL KEY_FILE ORDERS
import { readFileSync } from 'node:fs';
import ccxt from '../../tests/paper/clients/node_modules/ccxt/js/ccxt.js';

const [url, keyFile, n] = process.argv.slice(2);
const fields = {};
for (const line of readFileSync(keyFile, 'utf8').split('\n')) {
  const m = line.match(/^(\w+)=(.*)$/);
  if (m) fields[m[1]] = m[2];
}
const ex = new ccxt.binance({
  apiKey: fields.api_key,
  secret: fields.secret,
  options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
  // Its own throttle off (Amanah's engine does not sleep either; the paper's limits are lifted):
  // what is measured is the client's work and the round trip, not a courtesy delay.
  enableRateLimit: false,
});
for (const [name, u] of Object.entries(ex.urls.api)) {
  if (typeof u === 'string') ex.urls.api[name] = u.replace(/^https?:\/\/[^/]+/, url);
}
await ex.loadMarkets();
const times = [];
for (let i = 0; i < Number(n); i++) {
  const buy = i % 2 === 0;
  const start = process.hrtime.bigint();
  const o = await ex.createOrder('BTC/USDT', 'limit', buy ? 'buy' : 'sell', 0.001,
    buy ? 66000 : 64000, { timeInForce: 'IOC' });
  times.push(Number(process.hrtime.bigint() - start) / 1000);
  if (o.status !== 'closed') throw new Error(`order ${i} did not fill: ${o.status}`);
}
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(JSON.stringify({ client: 'ccxt', orders: times.length, median_us: at(0.5),
  p90_us: at(0.9), mean_us: times.reduce((a, b) => a + b, 0) / times.length }));
