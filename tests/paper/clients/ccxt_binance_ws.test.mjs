// The npm package ccxt's WebSocket client (ccxt.pro, installed unchanged by ./dev setup) on
// amanah-paper's Binance WebSocket API: watchOrders and watchBalance subscribe with
// userDataStream.subscribe.signature, as ccxt does on Binance since the listen-key endpoints were
// retired, and receive the executionReport and outboundAccountPosition events of our own orders
// and of an order placed behind our back (the admin API's foreign order). (The refusals — a wrong
// signature, a deleted key — are tested in C++ with Amanah's own client: ccxt rejects its
// authentication future with nobody awaiting it, which node:test counts as a failure.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { startPaper } from './paper.mjs';

const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;
let paper;

async function client(key) {
  const secret = key.private_key ?? key.secret;
  const ex = new ccxt.pro.binance({
    apiKey: key.api_key,
    secret,
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
  });
  for (const [name, url] of Object.entries(ex.urls.api)) {
    if (typeof url === 'string') ex.urls.api[name] = url.replace(/^https?:\/\/[^/]+/, paper.url);
  }
  ex.urls.api.ws['ws-api'].spot = paper.url.replace(/^http/, 'ws') + '/ws-api/v3';
  await ex.loadHttpProxyAgent();  // ccxt's condition for a plain ws:// URL (loopback here)
  return ex;
}

// The first update watchOrders yields that satisfies `wanted`.
async function nextOrder(ex, wanted) {
  for (let i = 0; i < 20; i++) {
    const orders = await ex.watchOrders('BTC/USDT');
    const hit = orders.find(wanted);
    if (hit) return hit;
  }
  throw new Error('no such order update');
}

before(async () => { paper = await startPaper(scenario); });
after(() => paper.stop());

describe('ccxt.pro binance on the paper WebSocket API', () => {
  for (const keyName of ['trader-hmac', 'trader-ed25519']) {
    test(`watchOrders sees our orders and a foreign one (${keyName})`, async () => {
      const ex = await client(paper.key(keyName));
      try {
        await ex.loadMarkets();
        const book = await ex.fetchOrderBook('BTC/USDT', 5);
        const low = Math.round(book.bids[0][0] * 0.5 * 100) / 100;
        // Subscribes (the first call authenticates), then our resting order arrives as 'open'.
        const watching = nextOrder(ex, (o) => o.clientOrderId === `ws-${keyName}` && o.status === 'open');
        await new Promise((r) => setTimeout(r, 200));
        const placed = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, low,
          { clientOrderId: `ws-${keyName}` });
        const seen = await watching;
        assert.equal(seen.id, placed.id);
        assert.equal(seen.price, low);
        assert.equal(seen.amount, 0.001);

        const cancelled = nextOrder(ex, (o) => o.id === placed.id && o.status === 'canceled');
        await ex.cancelOrder(placed.id, 'BTC/USDT');
        assert.equal((await cancelled).filled, 0);

        // An order the key's owner did not place (the admin API stands in for a thief).
        const foreign = nextOrder(ex, (o) => o.clientOrderId === `thief-${keyName}`);
        await paper.admin('POST', '/admin/accounts/alice/orders', {
          symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.001',
          client_order_id: `thief-${keyName}`,
        });
        const stolen = await foreign;
        assert.equal(stolen.side, 'sell');
        assert.equal(stolen.amount, 0.001);
      } finally {
        await ex.close();
      }
    });
  }

  test('watchBalance sees the funds an order locks', async () => {
    const ex = await client(paper.key('trader-hmac'));
    try {
      await ex.loadMarkets();
      const book = await ex.fetchOrderBook('BTC/USDT', 5);
      const low = Math.round(book.bids[0][0] * 0.5 * 100) / 100;
      const updates = ex.watchBalance();
      await new Promise((r) => setTimeout(r, 200));
      const order = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.002, low);
      const balance = await updates;
      assert.ok(balance.USDT.used >= low * 0.002 - 1e-6, `locked ${balance.USDT.used}`);
      await ex.cancelOrder(order.id, 'BTC/USDT');
    } finally {
      await ex.close();
    }
  });
});
