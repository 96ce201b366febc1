// The npm package bybit-api (RestClientV5, installed unchanged by ./dev setup) against amanah-paper's
// Bybit venue: server time, instruments, the book, the wallet, the key's own permissions, limit and
// market orders both ways, open orders, cancel, history, executions and the rate-limit headers;
// then Bybit's documented refusals (10005, 10004, 10002, 10010, 10003).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RestClientV5 } from 'bybit-api';
import { startPaper } from './paper.mjs';

const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;
let paper;

function client(key, extra = {}) {
  return new RestClientV5({
    key: key.api_key,
    secret: key.private_key ?? key.secret,
    baseUrl: paper.bybitUrl,
    parseAPIRateLimits: true,
    ...extra,
  });
}

function ok(res) {
  assert.equal(res.retCode, 0, JSON.stringify(res));
  return res.result;
}

before(async () => { paper = await startPaper(scenario); });
after(() => paper.stop());

describe('bybit-api RestClientV5 against amanah-paper', () => {
  for (const keyName of ['bybit-trader', 'bybit-rsa']) {
    test(`runs the spot flow with the ${keyName} key`, async () => {
      const c = client(paper.key(keyName));
      const time = ok(await c.getServerTime());
      assert.ok(Math.abs(Number(time.timeSecond) * 1000 - Date.now()) < 120000, JSON.stringify(time));
      const instruments = ok(await c.getInstrumentsInfo({ category: 'spot', symbol: 'BTCUSDT' }));
      assert.equal(instruments.list.length, 1);
      assert.equal(instruments.list[0].priceFilter.tickSize, '0.01');
      const book = ok(await c.getOrderbook({ category: 'spot', symbol: 'BTCUSDT', limit: 5 }));
      const bid = Number(book.b[0][0]);
      const ask = Number(book.a[0][0]);
      assert.ok(bid < ask);

      const info = ok(await c.getQueryApiKey());
      assert.deepEqual(info.permissions.Spot, ['SpotTrade']);
      assert.deepEqual(info.permissions.Wallet, []);
      assert.deepEqual(info.ips, ['127.0.0.1']);
      assert.equal(info.readOnly, 0);

      const wallet = ok(await c.getWalletBalance({ accountType: 'UNIFIED', coin: 'USDT' }));
      const usdt = wallet.list[0].coin.find((x) => x.coin === 'USDT');
      assert.ok(Number(usdt.walletBalance) > 0);

      const link = `${keyName}-sdk-rest`;
      const low = (Math.round(bid * 0.5 * 100) / 100).toFixed(2);
      const placed = await c.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy',
        orderType: 'Limit', qty: '0.001', price: low, orderLinkId: link });
      const ack = ok(placed);
      assert.equal(ack.orderLinkId, link);
      assert.ok(Number(placed.rateLimitApi.remainingRequests) < Number(placed.rateLimitApi.maxRequests),
        JSON.stringify(placed.rateLimitApi));
      const active = ok(await c.getActiveOrders({ category: 'spot', symbol: 'BTCUSDT' }));
      const mine = active.list.find((o) => o.orderLinkId === link);
      assert.equal(mine.orderStatus, 'New');
      assert.equal(mine.price, low.replace(/\.?0+$/, ''));
      ok(await c.cancelOrder({ category: 'spot', symbol: 'BTCUSDT', orderLinkId: link }));
      const gone = ok(await c.getActiveOrders({ category: 'spot', symbol: 'BTCUSDT', orderLinkId: link }));
      assert.equal(gone.list[0].orderStatus, 'Cancelled');

      const sell = ok(await c.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Sell',
        orderType: 'Limit', qty: '0.002', price: (Math.round(bid * 0.99 * 100) / 100).toFixed(2) }));
      const mbuy = ok(await c.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy',
        orderType: 'Market', qty: '50', marketUnit: 'quoteCoin' }));
      const msell = ok(await c.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Sell',
        orderType: 'Market', qty: '0.0005' }));
      const history = ok(await c.getHistoricOrders({ category: 'spot', symbol: 'BTCUSDT', limit: 50 }));
      for (const o of [sell, mbuy, msell]) {
        const h = history.list.find((x) => x.orderId === o.orderId);
        assert.equal(h?.orderStatus, 'Filled', JSON.stringify(h));
      }
      const spent = history.list.find((x) => x.orderId === mbuy.orderId);
      assert.equal(spent.marketUnit, 'quoteCoin');
      assert.ok(Math.abs(Number(spent.cumExecValue) - 50) < 0.7, spent.cumExecValue);
      const fills = ok(await c.getExecutionList({ category: 'spot', symbol: 'BTCUSDT', limit: 100 }));
      for (const o of [sell, mbuy, msell]) {
        assert.ok(fills.list.some((f) => f.orderId === o.orderId && f.execType === 'Trade'), o.orderId);
      }
    });
  }

  test('a spot order with isLeverage=1 is refused, and so is a derivatives order', async () => {
    const c = client(paper.key('bybit-trader'));
    const margin = await c.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy',
      orderType: 'Market', qty: '10', isLeverage: 1 });
    assert.equal(margin.retCode, 10001, JSON.stringify(margin));
    const linear = await c.submitOrder({ category: 'linear', symbol: 'BTCUSDT', side: 'Buy',
      orderType: 'Market', qty: '0.01' });
    assert.equal(linear.retCode, 10005, JSON.stringify(linear));
  });

  test('a read-only key gets 10005 on orders', async () => {
    const c = client(paper.key('bybit-read-only'));
    ok(await c.getWalletBalance({ accountType: 'UNIFIED' }));
    const res = await c.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy',
      orderType: 'Market', qty: '10' });
    assert.equal(res.retCode, 10005);
    assert.equal(res.retMsg, 'Permission denied, please check your API key permissions.');
  });

  test('a wrong secret gets 10004, an unknown key 10003', async () => {
    const key = paper.key('bybit-trader');
    const bad = client({ ...key, secret: key.secret.replace(/.$/, (x) => (x === 'a' ? 'b' : 'a')) });
    assert.equal((await bad.getWalletBalance({ accountType: 'UNIFIED' })).retCode, 10004);
    const unknown = client({ ...key, api_key: 'Y'.repeat(18) });
    assert.equal((await unknown.getWalletBalance({ accountType: 'UNIFIED' })).retCode, 10003);
  });

  test('a key bound to another IP gets 10010', async () => {
    const res = await client(paper.key('bybit-other-ip')).getWalletBalance({ accountType: 'UNIFIED' });
    assert.equal(res.retCode, 10010);
    assert.equal(res.retMsg, "Unmatched IP, please check your API key's bound IP addresses.");
  });

  test('a stale timestamp gets 10002', async () => {
    await paper.admin('PUT', '/admin/faults', { clock_skew_ms: 30000 });  // the exchange's clock ahead
    try {
      const res = await client(paper.key('bybit-trader')).getWalletBalance({ accountType: 'UNIFIED' });
      assert.equal(res.retCode, 10002, JSON.stringify(res));
    } finally {
      await paper.admin('PUT', '/admin/faults', { clock_skew_ms: 0 });
    }
  });
});
