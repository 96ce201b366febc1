// `./dev demo`'s seeding, through the API as the dashboard does it: log in as the demo owner,
// connect every demo key of the paper exchange (Binance, Bybit, OKX and Kraken; the refused ones with
// their reasons), approve the pairs the demo trades, place one resting order. Secrets are read from the
// key files the paper exchange wrote and sent only in request bodies, never on a command line.
// Usage: node seed_demo.mjs DASHBOARD_URL KEYS_DIR PASSWORD_FILE
import { readFileSync } from 'node:fs';
import { readKeyFile } from '../paper/key_file.mjs';

const [url, keysDir, passwordFile] = process.argv.slice(2);
if (!url || !keysDir || !passwordFile) {
  console.error('usage: node seed_demo.mjs DASHBOARD_URL KEYS_DIR PASSWORD_FILE');
  process.exit(2);
}
let cookie = '';
let csrf = '';
async function api(method, path, body) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(cookie ? { Cookie: cookie } : {}),
      ...(csrf ? { 'X-CSRF-Token': csrf } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const setCookie = res.headers.get('set-cookie');
  if (setCookie) cookie = setCookie.split(';')[0];
  return { status: res.status, data: await res.json() };
}
const key = (name) => readKeyFile(keysDir, name);

const login = await api('POST', '/session', { name: 'demo', password: readFileSync(passwordFile, 'utf8').trim() });
if (login.status !== 200) throw new Error(`login: ${JSON.stringify(login.data)}`);
csrf = login.data.csrf_token;
const seeded = [
  ...['compliant-hmac', 'compliant-ed25519', 'withdrawals-enabled', 'futures-enabled', 'no-ip-restriction', 'margin-debt']
    .map((name) => ['binance', name]),
  ...['bybit-compliant', 'bybit-earn-withdraw', 'bybit-margin-positions'].map((name) => ['bybit', name]),
  ...['okx-compliant', 'okx-withdraw', 'okx-futures-mode'].map((name) => ['okx', name]),
  ...['kraken-compliant', 'kraken-withdraw-earn', 'kraken-margin'].map((name) => ['kraken', name]),
];
for (const [exchange, name] of seeded) {
  const k = key(name);
  const body = { exchange, label: name, api_key: k.api_key };
  if (k.private_key) body.private_key = k.private_key;
  else body.secret = k.secret;
  if (k.passphrase) body.passphrase = k.passphrase;
  const { status, data } = await api('POST', '/connections', body);
  const why = (data.verdict?.findings || []).filter((f) => f.severity === 'hard').map((f) => f.found).join('; ');
  console.log(`  ${name}: ${status === 201 ? 'accepted' : status === 422 ? `refused (${why})` : `failed: ${data.detail}`}`);
}
await api('POST', '/connections/compliant-hmac/pairs', { pairs: ['BTCUSDT', 'ETHUSDT'] });
await api('POST', '/connections/okx-compliant/pairs', { pairs: ['BTC-USDT', 'ETH-USDT'] });
await api('POST', '/connections/kraken-compliant/pairs', { pairs: ['XBTUSDT', 'ETHUSDT'] });
const order = await api('POST', '/orders', {
  connection: 'compliant-hmac',
  pair: 'BTCUSDT',
  side: 'buy',
  quantity: '0.01',
  limit: '60000',
});
console.log(`  order: ${order.data.outcome || order.data.detail}`);
// A daily DCA and a webhook plan, so the Plans page has something to show.
const dca = await api('POST', '/plans', {
  name: 'btc-daily',
  kind: 'dca',
  connection: 'compliant-hmac',
  period: 'daily@09:00',
  dca: { pair: 'BTCUSDT', quote_amount: '25' },
});
console.log(`  plan btc-daily: ${dca.status === 201 ? `next run ${dca.data.plan.next_run}` : dca.data.detail}`);
const hook = await api('POST', '/plans', {
  name: 'tradingview',
  kind: 'webhook',
  connection: 'compliant-hmac',
  webhook: { pairs: ['BTCUSDT', 'ETHUSDT'], max_quote_amount: '100' },
});
console.log(`  plan tradingview: ${hook.status === 201 ? `signals to ${hook.data.webhook.url}` : hook.data.detail}`);
