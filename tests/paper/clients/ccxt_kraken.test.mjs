// The npm package ccxt (installed unchanged by ./dev setup) trading on amanah-paper as if it were
// Kraken spot: markets (XBT named BTC, as ccxt does), BalanceEx, the book, limit and market orders
// both ways, fetchOrder by txid, open and closed orders, cancel, trades; then the refusals a real
// key gets, each with Kraken's error string (EGeneral:Permission denied for a missing permission,
// EAPI:Invalid signature, EAPI:Invalid key, EAPI:Invalid nonce for a reused nonce, and a margin
// order's EOrder:Cannot open position).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { startPaper } from './paper.mjs';

const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;
let paper;

function client(key) {
  const ex = new ccxt.kraken({ apiKey: key.api_key, secret: key.secret, enableRateLimit: false });
  ex.has.fetchCurrencies = false;
  ex.urls.api.public = paper.krakenUrl;
  ex.urls.api.private = paper.krakenUrl;
  return ex;
}

function krakenError(text) {
  return (err) => {
    assert.ok(String(err.message).includes(text), err.message);
    return true;
  };
}

before(async () => {
  paper = await startPaper(scenario);
  // Out of the way of a flow of forty calls (the counter itself: kraken_venue_test.cc).
  await paper.admin('PUT', '/admin/limits', { kraken: { counter_max: 1000 } });
});
after(() => paper.stop());

describe('ccxt kraken against amanah-paper', () => {
  test('trades end to end', async () => {
    const ex = client(paper.key('kraken-trader'));
    const markets = await ex.loadMarkets();
    assert.ok(markets['BTC/USDT'], `BTC/USDT is listed: ${Object.keys(markets)}`);
    assert.equal(markets['BTC/USDT'].id, 'XBTUSDT');
    assert.equal(markets['BTC/USDT'].spot, true);

    const before = await ex.fetchBalance();
    assert.ok(before.USDT.free > 0, JSON.stringify(before.USDT));
    assert.ok(before.BTC.free > 0, JSON.stringify(before.BTC));

    const book = await ex.fetchOrderBook('BTC/USDT', 5);
    const bid = book.bids[0][0];
    const ask = book.asks[0][0];
    assert.ok(bid < ask, 'the book is not crossed');

    // A resting limit buy far below the market: open, fetched, listed, cancelled.
    const low = Math.round(bid * 0.5 * 10) / 10;
    const id = `ccxt${Date.now() % 1000000}`;
    const rest = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.001, low, { clientOrderId: id });
    assert.match(rest.id, /^O[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{6}$/);
    const fetched = await ex.fetchOrder(rest.id);
    assert.equal(fetched.status, 'open');
    assert.equal(fetched.price, low);
    assert.equal(fetched.amount, 0.001);
    const open = await ex.fetchOpenOrders('BTC/USDT');
    assert.ok(open.some((o) => o.id === rest.id));
    const mid = await ex.fetchBalance();
    assert.ok(Math.abs(mid.USDT.used - low * 0.001) < 1e-6, `held ${mid.USDT.used}`);
    await ex.cancelOrder(rest.id);
    assert.equal((await ex.fetchOpenOrders('BTC/USDT')).filter((o) => o.id === rest.id).length, 0);
    assert.equal((await ex.fetchOrder(rest.id)).status, 'canceled');

    // Marketable limit sell and buy, market buy and sell: all fill.
    const sell = await ex.createOrder('BTC/USDT', 'limit', 'sell', 0.002, Math.round(bid * 0.99 * 10) / 10);
    const buy = await ex.createOrder('BTC/USDT', 'limit', 'buy', 0.002, Math.round(ask * 1.01 * 10) / 10);
    const mbuy = await ex.createOrder('BTC/USDT', 'market', 'buy', 0.003);
    const msell = await ex.createOrder('BTC/USDT', 'market', 'sell', 0.001);
    for (const o of [sell, buy, mbuy, msell]) {
      const c = await ex.fetchOrder(o.id);
      assert.equal(c.status, 'closed', JSON.stringify(c.info));
    }
    const filled = await ex.fetchOrder(mbuy.id);
    assert.equal(filled.filled, 0.003);
    assert.equal(filled.side, 'buy');

    const history = await ex.fetchClosedOrders('BTC/USDT');
    for (const o of [sell, buy, mbuy, msell]) assert.ok(history.some((h) => h.id === o.id), o.id);
    const trades = await ex.fetchMyTrades('BTC/USDT');
    const ours = trades.filter((t) => [sell.id, buy.id, mbuy.id, msell.id].includes(t.order));
    assert.ok(ours.length >= 4, `trades for our orders: ${ours.length}`);
    assert.equal(ours.find((t) => t.order === mbuy.id).side, 'buy');
    const after = await ex.fetchBalance();
    assert.ok(after.BTC.free > before.BTC.free, 'net buyer of BTC');
  });

  test('a margin order is refused with EOrder:Cannot open position', async () => {
    const ex = client(paper.key('kraken-trader'));
    await ex.loadMarkets();
    await assert.rejects(ex.createOrder('BTC/USDT', 'market', 'buy', 0.001, undefined, { leverage: 2 }),
      krakenError('EOrder:Cannot open position'));
  });

  test('a read-only key reads but gets EGeneral:Permission denied on orders', async () => {
    const ex = client(paper.key('kraken-read-only'));
    await ex.loadMarkets();
    await ex.fetchBalance();
    await assert.rejects(ex.createOrder('BTC/USDT', 'market', 'sell', 0.001),
      krakenError('EGeneral:Permission denied'));
  });

  test('a wrong private key gets EAPI:Invalid signature', async () => {
    const key = paper.key('kraken-trader');
    const ex = client({ ...key, secret: Buffer.alloc(64, 7).toString('base64') });
    await assert.rejects(ex.fetchBalance(), krakenError('EAPI:Invalid signature'));
  });

  test('an unknown key gets EAPI:Invalid key', async () => {
    const key = paper.key('kraken-trader');
    const ex = client({ ...key, api_key: Buffer.alloc(42, 9).toString('base64') });
    await assert.rejects(ex.fetchBalance(), krakenError('EAPI:Invalid key'));
  });

  test('a reused nonce gets EAPI:Invalid nonce', async () => {
    const ex = client(paper.key('kraken-open'));
    const fixed = Date.now() + 5000;
    ex.nonce = () => fixed;
    await ex.fetchBalance();
    await assert.rejects(ex.fetchBalance(), krakenError('EAPI:Invalid nonce'));
  });
});
