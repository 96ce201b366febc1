// The npm package kraken-api (installed unchanged by ./dev setup) against amanah-paper as if it
// were Kraken spot. It sends every call, public ones too, as a form POST with the nonce last and in
// microseconds and no Content-Type: the venue takes both. Its spot flow (time, pairs, ticker,
// balance, a resting order, open orders, cancel, a filled order, closed orders and trades), then
// the refusals a real key gets, each with Kraken's string (kraken-api drops the leading "E"):
// an invalid key, a bad signature, a reused nonce and a missing permission.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { startPaper } from './paper.mjs';

const KrakenClient = createRequire(import.meta.url)('kraken-api');
const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;
let paper;

function client(key) {
  return new KrakenClient(key.api_key, key.secret, { url: paper.krakenUrl, timeout: 10000 });
}

before(async () => {
  paper = await startPaper(scenario);
  await paper.admin('PUT', '/admin/limits', { kraken: { counter_max: 1000 } });
});
after(() => paper.stop());

describe('kraken-api against amanah-paper', () => {
  test('runs its spot flow', async () => {
    const kraken = client(paper.key('kraken-trader'));
    const time = await kraken.api('Time');
    assert.ok(Math.abs(time.result.unixtime - Date.now() / 1000) < 60, JSON.stringify(time));
    const pairs = await kraken.api('AssetPairs', { pair: 'XBTUSDT' });
    assert.equal(pairs.result.XBTUSDT.base, 'XXBT');
    assert.equal(pairs.result.XBTUSDT.quote, 'USDT');
    const ticker = await kraken.api('Ticker', { pair: 'XBTUSDT' });
    const last = Number(ticker.result.XBTUSDT.c[0]);
    assert.ok(last > 0, JSON.stringify(ticker.result));
    const balance = await kraken.api('Balance');
    assert.ok(Number(balance.result.USDT) > 0, JSON.stringify(balance.result));
    assert.ok(Number(balance.result.XXBT) > 0, JSON.stringify(balance.result));

    const low = (Math.round(last * 0.5 * 10) / 10).toFixed(1);
    const rest = await kraken.api('AddOrder', {
      pair: 'XBTUSDT', type: 'buy', ordertype: 'limit', price: low, volume: '0.001',
    });
    assert.equal(rest.result.descr.order, `buy 0.001 XBTUSDT @ limit ${low}`);
    const txid = rest.result.txid[0];
    const open = await kraken.api('OpenOrders');
    assert.equal(open.result.open[txid].status, 'open');
    assert.equal(Number(open.result.open[txid].descr.price), Number(low));
    const cancelled = await kraken.api('CancelOrder', { txid });
    assert.equal(cancelled.result.count, 1);
    const queried = await kraken.api('QueryOrders', { txid });
    assert.equal(queried.result[txid].status, 'canceled');

    const market = await kraken.api('AddOrder', {
      pair: 'XBTUSDT', type: 'buy', ordertype: 'market', volume: '0.002',
    });
    const filled = market.result.txid[0];
    const closed = await kraken.api('ClosedOrders');
    assert.equal(closed.result.closed[filled].status, 'closed');
    assert.equal(closed.result.closed[filled].vol_exec, '0.00200');
    const trades = await kraken.api('TradesHistory');
    assert.ok(Object.values(trades.result.trades).some((t) => t.ordertxid === filled));
  });

  test('an invalid key gets EAPI:Invalid key', async () => {
    const key = paper.key('kraken-trader');
    const kraken = client({ ...key, api_key: Buffer.alloc(42, 5).toString('base64') });
    await assert.rejects(kraken.api('Balance'), /^Error: API:Invalid key$/);
  });

  test('a bad signature gets EAPI:Invalid signature', async () => {
    const key = paper.key('kraken-trader');
    const kraken = client({ ...key, secret: Buffer.alloc(64, 3).toString('base64') });
    await assert.rejects(kraken.api('Balance'), /^Error: API:Invalid signature$/);
  });

  test('a reused nonce gets EAPI:Invalid nonce', async () => {
    const kraken = client(paper.key('kraken-open'));
    const nonce = Date.now() * 1000 + 10_000_000;  // microseconds, ahead of the other tests
    await kraken.api('Balance', { nonce });
    await assert.rejects(kraken.api('Balance', { nonce }), /^Error: API:Invalid nonce$/);
  });

  test('a missing permission gets EGeneral:Permission denied', async () => {
    const kraken = client(paper.key('kraken-read-only'));
    await kraken.api('Balance');
    await assert.rejects(
      kraken.api('AddOrder', { pair: 'XBTUSDT', type: 'buy', ordertype: 'market', volume: '0.001' }),
      /^Error: General:Permission denied$/);
    await assert.rejects(kraken.api('DepositMethods', { asset: 'XBT' }),
      /^Error: General:Permission denied$/);
  });
});
