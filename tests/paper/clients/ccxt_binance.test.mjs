// The npm package ccxt (installed unchanged by ./dev setup) trading on amanah-paper as if it were
// Binance: markets, balance, limit and market orders both ways, fetch/cancel, open orders, my
// trades; then the refusals a real key gets (-2015, -1022, IP whitelist, -1021).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { startPaper } from './paper.mjs';

const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;
let paper;

function client(key, extra = {}) {
  const secret = key.private_key ?? key.secret;
  const ex = new ccxt.binance({
    apiKey: key.api_key,
    secret,
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
    ...extra,
  });
  for (const [name, url] of Object.entries(ex.urls.api)) {
    if (typeof url === 'string') ex.urls.api[name] = url.replace(/^https?:\/\/[^/]+/, paper.url);
  }
  return ex;
}

function binanceCode(code) {
  return (err) => {
    assert.match(String(err.message), new RegExp(`"code":${code}\\b`), err.message);
    return true;
  };
}

before(async () => { paper = await startPaper(scenario); });
after(() => paper.stop());

describe('ccxt binance against amanah-paper', () => {
  for (const keyName of ['trader-hmac', 'trader-ed25519']) {
    test(`trades end to end with the ${keyName} key`, async () => {
      const ex = client(paper.key(keyName));
      const markets = await ex.loadMarkets();
      assert.ok(markets['BTC/USDT'], 'BTC/USDT is listed');
      assert.equal(markets['BTC/USDT'].precision.price, 0.01);

      const before = await ex.fetchBalance();
      assert.ok(before.USDT.free > 0);

      const ticker = await ex.fetchOrderBook('BTC/USDT', 5);
      const bid = ticker.bids[0][0];
      const ask = ticker.asks[0][0];
      assert.ok(bid < ask, 'the book is not crossed');

      // A resting limit buy far below the market: open, fetched, listed, cancelled.
      const id = `${keyName}-rest`.replace(/[^a-zA-Z0-9-_]/g, '');
      const low = Math.round(bid * 0.5 * 100) / 100;
      const rest = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, low, { clientOrderId: id });
      assert.equal(rest.status, 'open');
      assert.equal(rest.clientOrderId, id);
      const fetched = await ex.fetchOrder(rest.id, 'BTC/USDT');
      assert.equal(fetched.price, low);
      assert.equal(fetched.amount, 0.001);
      const open = await ex.fetchOpenOrders('BTC/USDT');
      assert.ok(open.some((o) => o.id === rest.id));
      const mid = await ex.fetchBalance();
      assert.ok(Math.abs(mid.USDT.used - low * 0.001) < 1e-6, `locked ${mid.USDT.used}`);
      const cancelled = await ex.cancelOrder(rest.id, 'BTC/USDT');
      assert.equal(cancelled.status, 'canceled');
      assert.equal((await ex.fetchOpenOrders('BTC/USDT')).length, 0);

      // Marketable limit sell and buy, market buy and sell: all fill.
      const sell = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.002, Math.round(bid * 0.99 * 100) / 100);
      assert.equal(sell.status, 'closed');
      assert.equal(sell.filled, 0.002);
      const buy = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.002, Math.round(ask * 1.01 * 100) / 100);
      assert.equal(buy.status, 'closed');
      const mbuy = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.003);
      assert.equal(mbuy.status, 'closed');
      assert.equal(mbuy.filled, 0.003);
      assert.ok(mbuy.fee.cost > 0 && mbuy.fee.currency === 'BTC', JSON.stringify(mbuy.fee));
      const msell = await ex.createOrder('BTC/USDT', 'market', 'sell', 0.001);
      assert.equal(msell.status, 'closed');

      const trades = await ex.fetchMyTrades('BTC/USDT');
      const ours = trades.filter((t) => [sell.id, buy.id, mbuy.id, msell.id].includes(t.order));
      assert.ok(ours.length >= 4, `trades for our orders: ${ours.length}`);
      const after = await ex.fetchBalance();
      assert.ok(after.USDT.free < before.USDT.free, 'net buyer paid USDT');
    });
  }

  test('stop-loss and trailing take-profit orders wait open, locked, and cancel', async () => {
    const ex = client(paper.key('trader-hmac'));
    await ex.loadMarkets();
    const book = await ex.fetchOrderBook('BTC/USDT', 5);
    const bid = book.bids[0][0];
    const stop = Math.round(bid * 0.9 * 100) / 100;
    const sl = await ex.createOrder('BTC/USDT', 'STOP_LOSS_LIMIT', 'sell', 0.001,
      Math.round(stop * 0.99 * 100) / 100, { stopPrice: stop, clientOrderId: 'ccxt-stop-1' });
    assert.equal(sl.clientOrderId, 'ccxt-stop-1');
    const fetched = await ex.fetchOrder(sl.id, 'BTC/USDT');
    assert.equal(fetched.status, 'open');
    assert.equal(fetched.type, 'limit');  // ccxt's unified type; the trigger tells it apart
    assert.equal(fetched.triggerPrice, stop);
    const tp = await ex.createOrder('BTC/USDT', 'TAKE_PROFIT_LIMIT', 'sell', 0.001,
      Math.round(bid * 1.2 * 100) / 100, { trailingDelta: 250 });
    assert.equal((await ex.fetchOrder(tp.id, 'BTC/USDT')).status, 'open');
    const balance = await ex.fetchBalance();
    assert.ok(balance.BTC.used >= 0.002 - 1e-9, `locked ${balance.BTC.used}`);
    await assert.rejects(ex.createOrder('BTC/USDT', 'STOP_LOSS_LIMIT', 'sell', 0.001, bid,
      { stopPrice: Math.round(bid * 1.1 * 100) / 100 }), /Stop price would trigger immediately/);
    assert.equal((await ex.cancelOrder(sl.id, 'BTC/USDT')).status, 'canceled');
    assert.equal((await ex.cancelOrder(tp.id, 'BTC/USDT')).status, 'canceled');
  });

  test('a key without trading permission gets -2015', async () => {
    const ex = client(paper.key('read-only'));
    await ex.loadMarkets();
    await ex.fetchBalance();  // reading is allowed
    await assert.rejects(ex.createOrder('BTC/USDT', 'market', 'buy', 0.001), binanceCode(-2015));
  });

  test('a wrong secret gets -1022', async () => {
    const key = paper.key('trader-hmac');
    const ex = client({ ...key, secret: key.secret.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')) });
    await assert.rejects(ex.fetchBalance(), binanceCode(-1022));
  });

  test('a key whitelisted to another IP is refused', async () => {
    const ex = client(paper.key('other-ip'));
    await assert.rejects(ex.fetchBalance(), binanceCode(-2015));
  });

  test('a stale timestamp gets -1021', async () => {
    const ex = client(paper.key('trader-hmac'));
    ex.options.timeDifference = 120000;  // our clock two minutes behind the exchange's
    await assert.rejects(ex.fetchBalance(), binanceCode(-1021));
    await paper.admin('PUT', '/admin/faults', { clock_skew_ms: -30000 });  // or the exchange's ahead
    try {
      const ok = client(paper.key('trader-hmac'));
      await assert.rejects(ok.fetchBalance(), binanceCode(-1021));
    } finally {
      await paper.admin('PUT', '/admin/faults', { clock_skew_ms: 0 });
    }
  });
});
