// The npm package ccxt (installed unchanged by ./dev setup) trading on amanah-paper as if it were
// OKX v5: markets, balance, the book, limit and market orders both ways (through ccxt's default
// batch-orders endpoint and the single-order one), open and closed orders, cancel, fills; then
// the refusals a real key gets, each with OKX's documented code (50120 no permission, 50113 bad
// signature, 50105 wrong passphrase, 50102 expired timestamp, 50110 IP not allowed, 50111
// unknown key).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { startPaper } from './paper.mjs';

const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;
let paper;

function client(key, options = {}) {
  const ex = new ccxt.okx({
    apiKey: key.api_key,
    secret: key.secret,
    password: key.passphrase,
    options: { fetchMarkets: { types: ['spot'] }, ...options },
  });
  ex.has.fetchCurrencies = false;  // currency metadata (a funding endpoint) is not spot trading
  ex.urls.api.rest = paper.okxUrl;
  return ex;
}

function okxCode(code) {
  return (err) => {
    assert.match(String(err.message), new RegExp(`"(s)?[cC]ode":"${code}"`), err.message);
    return true;
  };
}

before(async () => { paper = await startPaper(scenario); });
after(() => paper.stop());

describe('ccxt okx against amanah-paper', () => {
  for (const createOrder of ['privatePostTradeBatchOrders', 'privatePostTradeOrder']) {
    test(`trades end to end (${createOrder})`, async () => {
      const ex = client(paper.key('okx-trader'), { createOrder });
      const markets = await ex.loadMarkets();
      assert.ok(markets['BTC/USDT'], 'BTC/USDT is listed');
      assert.equal(markets['BTC/USDT'].spot, true);
      assert.equal(markets['BTC/USDT'].id, 'BTC-USDT');
      assert.ok(markets['BTC/USDT'].precision.price > 0);

      const before = await ex.fetchBalance();
      assert.ok(before.USDT.free > 0, JSON.stringify(before.USDT));

      const book = await ex.fetchOrderBook('BTC/USDT', 5);
      const bid = book.bids[0][0];
      const ask = book.asks[0][0];
      assert.ok(bid < ask, 'the book is not crossed');

      // A resting limit buy far below the market: open, fetched, listed, cancelled.
      const id = `rest${createOrder.length}x${Date.now() % 100000}`;
      const low = Math.round(bid * 0.5 * 100) / 100;
      const rest = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, low, { clientOrderId: id });
      assert.ok(rest.id, 'an order id is acknowledged');
      const fetched = await ex.fetchOrder(rest.id, 'BTC/USDT');
      assert.equal(fetched.status, 'open');
      assert.equal(fetched.clientOrderId, id);
      assert.equal(fetched.price, low);
      assert.equal(fetched.amount, 0.001);
      const byClientId = await ex.fetchOrder(undefined, 'BTC/USDT', { clientOrderId: id });
      assert.equal(byClientId.id, rest.id);
      const open = await ex.fetchOpenOrders('BTC/USDT');
      assert.ok(open.some((o) => o.id === rest.id));
      const mid = await ex.fetchBalance();
      assert.ok(Math.abs(mid.USDT.used - low * 0.001) < 1e-6, `locked ${mid.USDT.used}`);
      await ex.cancelOrder(rest.id, 'BTC/USDT');
      assert.equal((await ex.fetchOpenOrders('BTC/USDT')).filter((o) => o.id === rest.id).length, 0);
      assert.equal((await ex.fetchOrder(rest.id, 'BTC/USDT')).status, 'canceled');
      const cancelled = await ex.fetchCanceledOrders('BTC/USDT');
      assert.ok(cancelled.some((o) => o.id === rest.id));

      // Marketable limit sell and buy, market buy (by base amount) and sell: all fill.
      const sell = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.002, Math.round(bid * 0.99 * 100) / 100);
      const buy = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.002, Math.round(ask * 1.01 * 100) / 100);
      const mbuy = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.003);
      const msell = await ex.createOrder('BTC/USDT', 'market', 'sell', 0.001);
      for (const o of [sell, buy, mbuy, msell]) {
        const c = await ex.fetchOrder(o.id, 'BTC/USDT');
        assert.equal(c.status, 'closed', JSON.stringify(c.info));
      }
      const filled = await ex.fetchOrder(mbuy.id, 'BTC/USDT');
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

  test('a margin order (tdMode cross) on a spot-mode account is refused with 51010', async () => {
    const ex = client(paper.key('okx-trader'), { createOrder: 'privatePostTradeOrder' });
    await ex.loadMarkets();
    await assert.rejects(ex.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { marginMode: 'cross' }),
      okxCode(51010));
  });

  test('a read-only key reads but gets 50120 on orders', async () => {
    const ex = client(paper.key('okx-read-only'));
    await ex.loadMarkets();
    await ex.fetchBalance();
    await assert.rejects(ex.createOrder('BTC/USDT', 'market', 'sell', 0.001), okxCode(50120));
  });

  test('a wrong secret gets 50113', async () => {
    const key = paper.key('okx-trader');
    const ex = client({ ...key, secret: key.secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) });
    await assert.rejects(ex.fetchBalance(), okxCode(50113));
  });

  test('a wrong passphrase gets 50105', async () => {
    const key = paper.key('okx-trader');
    const ex = client({ ...key, passphrase: key.passphrase + 'x' });
    await assert.rejects(ex.fetchBalance(), okxCode(50105));
  });

  test('an unknown key gets 50111', async () => {
    const key = paper.key('okx-trader');
    const ex = client({ ...key, api_key: '00000000-0000-0000-0000-000000000000' });
    await assert.rejects(ex.fetchBalance(), okxCode(50111));
  });

  test('a key bound to another IP gets 50110', async () => {
    const ex = client(paper.key('okx-other-ip'));
    await assert.rejects(ex.fetchBalance(), okxCode(50110));
  });

  test('an expired timestamp gets 50102', async () => {
    const ex = client(paper.key('okx-trader'));
    ex.nonce = () => Date.now() - 60000;  // our clock a minute behind the exchange's
    await assert.rejects(ex.fetchBalance(), okxCode(50102));
  });
});
