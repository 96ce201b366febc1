// amanah-paper as a server: TLS with the certificate it generates, the admin API's bearer token,
// latency and drop-after-accept faults seen by a real client, and a bad scenario refused with its
// line and column.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import connector from '@binance/connector';
import { startPaper } from './paper.mjs';

const { Spot } = connector;
const scenario = new URL('../../../paper/scenarios/test.toml', import.meta.url).pathname;

test('serves HTTPS with the self-signed certificate it wrote', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paper-tls-'));
  const cert = join(dir, 'cert.pem');
  const child = spawn(process.env.AMANAH_PAPER, ['--tls', '--tls-cert-out', cert], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const ready = JSON.parse(await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve)));
    assert.match(ready.binance, /^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise((resolve, reject) => {
      const req = request(`${ready.binance}/api/v3/time`, { ca: readFileSync(cert) }, (res) => {
        let data = '';
        res.on('data', (c) => { data += c; });
        res.on('end', () => resolve(data));
      });
      req.on('error', reject);
      req.end();
    });
    assert.ok(JSON.parse(body).serverTime > 1.7e12);
    // Without trusting the certificate, verification fails: it really is TLS with that certificate.
    await assert.rejects(new Promise((resolve, reject) => {
      const req = request(`${ready.binance}/api/v3/time`, {}, resolve);
      req.on('error', reject);
      req.end();
    }), /self[- ]signed/);
  } finally {
    child.kill('SIGTERM');
  }
});

test('the admin API wants its bearer token', async () => {
  const paper = await startPaper(scenario);
  try {
    const state = await paper.admin('GET', '/admin/state');
    assert.ok(state.accounts.length >= 2);
    assert.ok(state.keys.every((k) => k.secret === undefined), 'state never repeats secrets');
    const none = await fetch(`${paper.adminUrl}/admin/state`);
    assert.equal(none.status, 401);
    const wrong = await fetch(`${paper.adminUrl}/admin/state`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
  } finally {
    paper.stop();
  }
});

test('faults: latency, and an order accepted but never answered', async () => {
  const paper = await startPaper(scenario);
  try {
    const key = paper.key('trader-hmac');
    const spot = new Spot(key.api_key, key.secret, { baseURL: paper.url });
    await paper.admin('PUT', '/admin/faults', { latency_ms: 300 });
    const t0 = Date.now();
    await spot.time();
    assert.ok(Date.now() - t0 >= 300, 'latency applied');
    await paper.admin('PUT', '/admin/faults', { latency_ms: 0, drop_after_accept: 1 });
    await assert.rejects(spot.newOrder('BTCUSDT', 'BUY', 'LIMIT', {
      price: '1000.00', quantity: '0.01000', timeInForce: 'GTC', newClientOrderId: 'lost-answer',
    }), (e) => /socket hang up|ECONNRESET/.test(String(e.message ?? e)));
    // The order exists although the client never heard back: settle by client order id.
    const found = await spot.getOrder('BTCUSDT', { origClientOrderId: 'lost-answer' });
    assert.equal(found.data.status, 'NEW');
  } finally {
    paper.stop();
  }
});

test('a bad scenario is refused with its line and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paper-bad-'));
  const file = join(dir, 'bad.toml');
  writeFileSync(file, '[[markets]]\nsymbol = "BTCUSDT"\nbase = \n');
  const run = spawnSync(process.env.AMANAH_PAPER, ['--scenario', file], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /bad\.toml:3:\d+:/);
  writeFileSync(file, '[[accounts]]\nname = "a"\nbalances = { USDT = "-5" }\n');
  const neg = spawnSync(process.env.AMANAH_PAPER, ['--scenario', file], { encoding: 'utf8' });
  assert.equal(neg.status, 1);
  assert.match(neg.stderr, /accounts\[0\].*negative/);
});

test('a foreign order placed through the admin API is in the account history like any other', async () => {
  const paper = await startPaper(scenario);
  try {
    const placed = await paper.admin('POST', '/admin/accounts/alice/orders', {
      symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.00100', client_order_id: 'thief-1',
    });
    assert.equal(placed.placed_by_admin, true);
    const key = paper.key('trader-hmac');
    const spot = new Spot(key.api_key, key.secret, { baseURL: paper.url });
    const orders = await spot.allOrders('BTCUSDT');
    assert.ok(orders.data.some((o) => o.clientOrderId === 'thief-1' && o.status === 'FILLED'));
    const trades = await spot.myTrades('BTCUSDT');
    assert.ok(trades.data.some((t) => t.orderId === placed.id));
    // Permissions changed and the key deleted after the fact, as the audit must notice.
    await paper.admin('PATCH', `/admin/keys/${key.api_key}`, { permissions: { withdrawals: true } });
    const permissions = await spot.apiPermissions();
    assert.equal(permissions.data.enableWithdrawals, true);
    assert.equal(permissions.data.ipRestrict, true);
    await paper.admin('DELETE', `/admin/keys/${key.api_key}`);
    await assert.rejects(spot.account(), (e) => e.response?.data?.code === -2015);
  } finally {
    paper.stop();
  }
});
