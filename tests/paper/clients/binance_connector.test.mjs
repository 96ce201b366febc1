// The npm package @binance/connector (installed unchanged by ./dev setup) against amanah-paper. It
// sends every parameter in the query string with an empty JSON-typed body, unlike ccxt.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import connector from '@binance/connector';
import { startPaper } from './paper.mjs';

const { Spot, PrivateKeyAlgo } = connector;
const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;
let paper;

function client(key) {
  if (key.private_key) {
    const algo = key.private_key.length > 200 ? PrivateKeyAlgo.RSA : PrivateKeyAlgo.ED25519;
    return new Spot(key.api_key, '', { baseURL: paper.url, privateKey: key.private_key, privateKeyAlgo: algo });
  }
  return new Spot(key.api_key, key.secret, { baseURL: paper.url });
}

function binanceCode(code) {
  return (err) => {
    assert.equal(err.response?.data?.code, code, JSON.stringify(err.response?.data));
    return true;
  };
}

before(async () => { paper = await startPaper(scenario); });
after(() => paper.stop());

describe('@binance/connector against amanah-paper', () => {
  for (const keyName of ['trader-hmac', 'trader-ed25519', 'trader-rsa']) {
    test(`trades end to end with the ${keyName} key`, async () => {
      const spot = client(paper.key(keyName));
      const info = await spot.exchangeInfo({ symbol: 'ETHUSDT' });
      assert.equal(info.data.symbols[0].symbol, 'ETHUSDT');
      const account = await spot.account();
      const usdt = account.data.balances.find((b) => b.asset === 'USDT');
      assert.ok(Number(usdt.free) > 0);

      const depth = await spot.depth('ETHUSDT', { limit: 5 });
      const bid = Number(depth.data.bids[0][0]);
      const low = (Math.round(bid * 50) / 100).toFixed(2);
      const rest = await spot.newOrder('ETHUSDT', 'BUY', 'LIMIT', {
        price: low, quantity: '0.0100', timeInForce: 'GTC', newClientOrderId: `rest-${keyName}`,
      });
      assert.equal(rest.data.status, 'NEW');
      assert.equal(rest.data.price, `${low}000000`);
      assert.equal(rest.data.origQty, '0.01000000');
      const got = await spot.getOrder('ETHUSDT', { orderId: rest.data.orderId });
      assert.equal(got.data.clientOrderId, `rest-${keyName}`);
      const open = await spot.openOrders({ symbol: 'ETHUSDT' });
      assert.ok(open.data.some((o) => o.orderId === rest.data.orderId));
      const cancel = await spot.cancelOrder('ETHUSDT', { orderId: rest.data.orderId });
      assert.equal(cancel.data.status, 'CANCELED');
      assert.equal(cancel.data.origClientOrderId, `rest-${keyName}`);

      const buy = await spot.newOrder('ETHUSDT', 'BUY', 'MARKET', { quoteOrderQty: '100.00' });
      assert.equal(buy.data.status, 'FILLED');
      assert.ok(Number(buy.data.cummulativeQuoteQty) <= 100);
      assert.ok(buy.data.fills.length >= 1);
      const sell = await spot.newOrder('ETHUSDT', 'SELL', 'MARKET', { quantity: '0.0100' });
      assert.equal(sell.data.status, 'FILLED');
      assert.equal(sell.data.fills[0].commissionAsset, 'USDT');
      const limitSell = await spot.newOrder('ETHUSDT', 'SELL', 'LIMIT', {
        price: (bid * 0.98).toFixed(2), quantity: '0.0100', timeInForce: 'IOC',
      });
      assert.equal(limitSell.data.status, 'FILLED');

      const trades = await spot.myTrades('ETHUSDT');
      for (const id of [buy.data.orderId, sell.data.orderId, limitSell.data.orderId]) {
        assert.ok(trades.data.some((t) => t.orderId === id), `a trade for order ${id}`);
      }
      assert.ok(Number(buy.headers['x-mbx-order-count-10s']) >= 1);
    });
  }

  test('a key without trading permission gets -2015', async () => {
    const spot = client(paper.key('read-only'));
    await spot.account();
    await assert.rejects(spot.newOrder('ETHUSDT', 'BUY', 'MARKET', { quantity: '0.0100' }), binanceCode(-2015));
  });

  test('a wrong secret gets -1022', async () => {
    const key = paper.key('trader-hmac');
    const spot = client({ ...key, secret: 'x'.repeat(64) });
    await assert.rejects(spot.account(), binanceCode(-1022));
  });

  test('a key whitelisted to another IP is refused', async () => {
    await assert.rejects(client(paper.key('other-ip')).account(), binanceCode(-2015));
  });

  test('a stale timestamp gets -1021', async () => {
    await paper.admin('PUT', '/admin/faults', { clock_skew_ms: 120000 });
    try {
      await assert.rejects(client(paper.key('trader-hmac')).account(), binanceCode(-1021));
    } finally {
      await paper.admin('PUT', '/admin/faults', { clock_skew_ms: 0 });
    }
  });
});
