// The npm package ccxt (installed unchanged by ./dev setup) trading on amanah-paper as if it were
// Bybit v5: markets, balance, the book, limit and market orders both ways, open and closed
// orders, cancel, fills; then the refusals a real key gets (10005 read-only, 10004 bad
// signature, 10002 stale timestamp, 10010 unbound IP, 10003 unknown key).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { startPaper } from './paper.mjs';

const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;
let paper;

function client(key, extra = {}) {
  const secret = key.private_key ?? key.secret;
  const ex = new ccxt.bybit({
    apiKey: key.api_key,
    secret,
    options: { fetchMarkets: { types: ['spot'] } },
    ...extra,
  });
  ex.has.fetchCurrencies = false;  // coin metadata (an asset endpoint) is not part of spot trading
  for (const [name, url] of Object.entries(ex.urls.api)) {
    if (typeof url === 'string') ex.urls.api[name] = paper.bybitUrl;
  }
  return ex;
}

function bybitCode(code) {
  return (err) => {
    assert.match(String(err.message), new RegExp(`"retCode":${code}\\b`), err.message);
    return true;
  };
}

before(async () => { paper = await startPaper(scenario); });
after(() => paper.stop());

describe('ccxt bybit against amanah-paper', () => {
  for (const keyName of ['bybit-trader', 'bybit-rsa']) {
    test(`trades end to end with the ${keyName} key`, async () => {
      const ex = client(paper.key(keyName));
      const markets = await ex.loadMarkets();
      assert.ok(markets['BTC/USDT'], 'BTC/USDT is listed');
      assert.equal(markets['BTC/USDT'].spot, true);
      assert.equal(markets['BTC/USDT'].precision.price, 0.01);
      assert.equal(markets['BTC/USDT'].limits.cost.min, 5);

      const before = await ex.fetchBalance();
      assert.ok(before.USDT.free > 0, JSON.stringify(before.USDT));

      const book = await ex.fetchOrderBook('BTC/USDT', 5);
      const bid = book.bids[0][0];
      const ask = book.asks[0][0];
      assert.ok(bid < ask, 'the book is not crossed');

      // A resting limit buy far below the market: open, fetched, listed, cancelled.
      const id = `${keyName}-rest`;
      const low = Math.round(bid * 0.5 * 100) / 100;
      const rest = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, low, { clientOrderId: id });
      assert.ok(rest.id, 'an order id is acknowledged');
      const fetched = await ex.fetchOpenOrder(rest.id, 'BTC/USDT');
      assert.equal(fetched.status, 'open');
      assert.equal(fetched.clientOrderId, id);
      assert.equal(fetched.price, low);
      assert.equal(fetched.amount, 0.001);
      const open = await ex.fetchOpenOrders('BTC/USDT');
      assert.ok(open.some((o) => o.id === rest.id));
      const mid = await ex.fetchBalance();
      assert.ok(Math.abs(mid.USDT.used - low * 0.001) < 1e-6, `locked ${mid.USDT.used}`);
      await ex.cancelOrder(rest.id, 'BTC/USDT');
      assert.equal((await ex.fetchOpenOrders('BTC/USDT')).length, 0);
      // fetchClosedOrder asks for orderStatus=Filled, as Bybit filters it; a cancelled order is
      // among the cancelled and closed ones.
      await assert.rejects(ex.fetchClosedOrder(rest.id, 'BTC/USDT'), /was not found/);
      const done = await ex.fetchCanceledAndClosedOrders('BTC/USDT');
      assert.equal(done.find((o) => o.id === rest.id)?.status, 'canceled');

      // Marketable limit sell and buy, market buy and sell: all fill.
      const sell = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.002, Math.round(bid * 0.99 * 100) / 100);
      const buy = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.002, Math.round(ask * 1.01 * 100) / 100);
      const mbuy = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.003);
      const msell = await ex.createOrder('BTC/USDT', 'market', 'sell', 0.001);
      for (const o of [sell, buy, mbuy, msell]) {
        const c = await ex.fetchClosedOrder(o.id, 'BTC/USDT');
        assert.equal(c.status, 'closed', JSON.stringify(c.info));
      }
      const filled = await ex.fetchClosedOrder(mbuy.id, 'BTC/USDT');
      assert.equal(filled.filled, 0.003);
      assert.equal(filled.side, 'buy');

      const history = await ex.fetchClosedOrders('BTC/USDT');
      for (const o of [sell, buy, mbuy, msell]) assert.ok(history.some((h) => h.id === o.id), o.id);
      const trades = await ex.fetchMyTrades('BTC/USDT');
      const ours = trades.filter((t) => [sell.id, buy.id, mbuy.id, msell.id].includes(t.order));
      assert.ok(ours.length >= 4, `trades for our orders: ${ours.length}`);
      const buyFill = ours.find((t) => t.order === mbuy.id);
      assert.equal(buyFill.side, 'buy');
      assert.ok(buyFill.fee.cost > 0 && buyFill.fee.currency === 'BTC', JSON.stringify(buyFill.fee));
      const after = await ex.fetchBalance();
      assert.ok(after.BTC.free > before.BTC.free, 'net buyer of BTC');
    });
  }

  test('a read-only key reads but gets 10005 on orders', async () => {
    const ex = client(paper.key('bybit-read-only'));
    await ex.loadMarkets();
    await ex.fetchBalance();
    await assert.rejects(ex.createOrder('BTC/USDT', 'market', 'buy', 0.001), bybitCode(10005));
  });

  test('a wrong secret gets 10004', async () => {
    const key = paper.key('bybit-trader');
    const ex = client({ ...key, secret: key.secret.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) });
    await assert.rejects(ex.fetchBalance(), bybitCode(10004));
  });

  test('an unknown key gets 10003', async () => {
    const key = paper.key('bybit-trader');
    const ex = client({ ...key, api_key: 'X'.repeat(18) });
    await assert.rejects(ex.fetchBalance(), bybitCode(10003));
  });

  test('a key bound to another IP gets 10010', async () => {
    const ex = client(paper.key('bybit-other-ip'));
    await assert.rejects(ex.fetchBalance(), bybitCode(10010));
  });

  test('a stale timestamp gets 10002', async () => {
    const ex = client(paper.key('bybit-trader'));
    ex.nonce = () => Date.now() - 60000;  // our clock a minute behind the exchange's
    await assert.rejects(ex.fetchBalance(), bybitCode(10002));
  });
});
