// The npm package okx-api (RestClient, installed unchanged by ./dev setup) against amanah-paper's
// OKX venue: server time, instruments, the book, the account configuration, the balance, limit
// and market orders both ways, pending orders, cancel, history and fills; then OKX's documented
// refusals, code and text (51010 on a margin order, 51001 on a swap, 50120, 50113, 50105, 50102, 50110, 50111).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RestClient } from 'okx-api';
import { startPaper } from './paper.mjs';

const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;
let paper;

function client(key) {
  return new RestClient({
    apiKey: key.api_key,
    apiSecret: key.secret,
    apiPass: key.passphrase,
    baseUrl: paper.okxUrl,
  });
}

// The client rejects with OKX's body: {code, msg, data}.
function okxError(code, msg) {
  return (body) => {
    assert.equal(body.code, String(code), JSON.stringify(body));
    if (msg !== undefined) assert.equal(body.msg, msg);
    return true;
  };
}

before(async () => { paper = await startPaper(scenario); });
after(() => paper.stop());

describe('okx-api RestClient against amanah-paper', () => {
  test('runs the spot flow', async () => {
    const c = client(paper.key('okx-trader'));
    const time = await c.getServerTime();
    assert.ok(Math.abs(time - Date.now()) < 120000, String(time));
    const instruments = await c.getInstruments({ instType: 'SPOT', instId: 'BTC-USDT' });
    assert.equal(instruments.length, 1);
    assert.equal(instruments[0].instId, 'BTC-USDT');
    assert.equal(instruments[0].tickSz, '0.01');
    const [book] = await c.getOrderBook({ instId: 'BTC-USDT', sz: '5' });
    const bid = Number(book.bids[0][0]);
    const ask = Number(book.asks[0][0]);
    assert.ok(bid < ask);

    const [config] = await c.getAccountConfiguration();
    assert.equal(config.perm, 'read_only,trade');
    assert.equal(config.ip, '127.0.0.1');
    assert.equal(config.acctLv, '1');
    assert.equal(config.enableSpotBorrow, false);
    assert.equal(config.autoLoan, false);

    const [balance] = await c.getBalance({ ccy: 'USDT' });
    assert.ok(Number(balance.details[0].availBal) > 0, JSON.stringify(balance));
    assert.equal(balance.details[0].liab, '0');

    const clOrdId = `sdkrest${Date.now() % 1000000}`;
    const low = (Math.round(bid * 0.5 * 100) / 100).toFixed(2);
    const [ack] = await c.submitOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'buy',
      ordType: 'limit', sz: '0.001', px: low, clOrdId });
    assert.equal(ack.sCode, '0', JSON.stringify(ack));
    assert.equal(ack.clOrdId, clOrdId);
    const pending = await c.getOrderList({ instType: 'SPOT', instId: 'BTC-USDT' });
    const mine = pending.find((o) => o.clOrdId === clOrdId);
    assert.equal(mine.state, 'live');
    assert.equal(mine.px, low.replace(/\.?0+$/, ''));
    const [cancelled] = await c.cancelOrder({ instId: 'BTC-USDT', clOrdId });
    assert.equal(cancelled.sCode, '0');
    const [gone] = await c.getOrderDetails({ instId: 'BTC-USDT', clOrdId });
    assert.equal(gone.state, 'canceled');

    const [sell] = await c.submitOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'sell',
      ordType: 'limit', sz: '0.002', px: (Math.round(bid * 0.99 * 100) / 100).toFixed(2) });
    const [mbuy] = await c.submitOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'buy',
      ordType: 'market', sz: '50' });  // a spot market buy is sized in USDT by default
    const [msell] = await c.submitOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'sell',
      ordType: 'market', sz: '0.0005' });
    const history = await c.getOrderHistory({ instType: 'SPOT', instId: 'BTC-USDT' });
    for (const o of [sell, mbuy, msell]) {
      const h = history.find((x) => x.ordId === o.ordId);
      assert.equal(h?.state, 'filled', JSON.stringify(h));
    }
    const spent = history.find((x) => x.ordId === mbuy.ordId);
    assert.equal(spent.tgtCcy, 'quote_ccy');
    assert.equal(spent.sz, '50');
    const cost = Number(spent.avgPx) * Number(spent.accFillSz);
    assert.ok(Math.abs(cost - 50) < 0.7, String(cost));
    const fills = await c.getFills({ instType: 'SPOT', instId: 'BTC-USDT' });
    for (const o of [sell, mbuy, msell]) assert.ok(fills.some((f) => f.ordId === o.ordId), o.ordId);
    const buyFill = fills.find((f) => f.ordId === mbuy.ordId);
    assert.ok(Number(buyFill.fee) < 0 && buyFill.feeCcy === 'BTC', JSON.stringify(buyFill));
  });

  test('a margin order (tdMode cross) and a swap instrument are refused', async () => {
    const c = client(paper.key('okx-trader'));
    await assert.rejects(c.submitOrder({ instId: 'BTC-USDT', tdMode: 'cross', side: 'buy',
      ordType: 'market', sz: '10' }), (body) => {
      assert.equal(body.code, '1', JSON.stringify(body));
      assert.equal(body.data[0].sCode, '51010');
      return true;
    });
    await assert.rejects(c.submitOrder({ instId: 'BTC-USDT-SWAP', tdMode: 'cross', side: 'buy',
      ordType: 'market', sz: '1' }), (body) => body.data[0].sCode === '51001');
  });

  test('a read-only key gets 50120 on orders', async () => {
    const c = client(paper.key('okx-read-only'));
    await c.getBalance();
    await assert.rejects(c.submitOrder({ instId: 'BTC-USDT', tdMode: 'cash', side: 'buy',
      ordType: 'market', sz: '10' }),
    okxError(50120, "This API key doesn't have permission to use this function"));
  });

  test('a wrong secret gets 50113, a wrong passphrase 50105, an unknown key 50111', async () => {
    const key = paper.key('okx-trader');
    const badSecret = client({ ...key, secret: key.secret.replace(/.$/, (x) => (x === 'A' ? 'B' : 'A')) });
    await assert.rejects(badSecret.getBalance(), okxError(50113, 'Invalid signature.'));
    const badPhrase = client({ ...key, passphrase: `${key.passphrase}x` });
    await assert.rejects(badPhrase.getBalance(),
      okxError(50105, 'Request header "OK-ACCESS-PASSPHRASE" incorrect.'));
    const unknown = client({ ...key, api_key: 'ffffffff-ffff-ffff-ffff-ffffffffffff' });
    await assert.rejects(unknown.getBalance(), okxError(50111, 'Invalid OK-ACCESS-KEY.'));
  });

  test('a key bound to another IP gets 50110', async () => {
    await assert.rejects(client(paper.key('okx-other-ip')).getBalance(),
      okxError(50110, "Your IP 127.0.0.1 is not included in your API key's IP whitelist."));
  });

  test('an expired timestamp gets 50102', async () => {
    await paper.admin('PUT', '/admin/faults', { clock_skew_ms: 60000 });  // the exchange's clock ahead
    try {
      await assert.rejects(client(paper.key('okx-trader')).getBalance(),
        okxError(50102, 'Timestamp request expired.'));
    } finally {
      await paper.admin('PUT', '/admin/faults', { clock_skew_ms: 0 });
    }
  });
});
