// The dashboard in a real browser (playwright-core driving Debian's chromium, headless) against
// `amanah serve` and the paper exchange: first-run setup; connect a compliant key and see the
// checklist and balances; try a withdrawals-enabled key and see the refusal with its fix and no
// connection stored; place an order and see its checks and proof; turn on futures at the paper
// exchange and see the suspension alert arrive without a reload. Along the way: the secret typed
// into the form is in no later response, page or browser storage; the first load's scripts and
// styles are weighed; the connections page's time to usable is measured; the balances chart draws
// a year of daily snapshots for 20 assets. Screenshots of each page go to $AMANAH_SCREENSHOTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startPaper } from '../paper/clients/paper.mjs';
import { startDaemon } from './daemon.mjs';

const here = new URL('.', import.meta.url).pathname;
const scenario = resolve(here, '../../paper/scenarios/demo.toml');
const webDir = process.env.AMANAH_WEB_DIR && resolve(process.env.AMANAH_WEB_DIR);
const shots = process.env.AMANAH_SCREENSHOTS || resolve(here, '../../build/screenshots');
const browserPath = process.env.AMANAH_CHROMIUM || '/usr/bin/chromium';
const figures = {};

// A notification receiver on 127.0.0.1 (port 0), as docs/notifications.md writes one: it keeps
// every request raw, and `verify` checks a Standard Webhooks signature and refuses a replay.
async function startReceiver() {
  const got = [];
  const waiters = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const seen = new Set();
  return {
    url: `http://127.0.0.1:${server.address().port}/amanah`,
    got,
    /** The first request whose JSON body has this `type`, waiting up to `ms`. */
    async wait(type, ms = 30_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = got.find((g) => JSON.parse(g.body).type === type);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no ${type} notification; got ${got.map((g) => g.body).join('\n')}`);
        await new Promise((r) => {
          waiters.push(r);
          setTimeout(r, 250);
        });
      }
    },
    verify(secret, { headers, body }) {
      const id = headers['webhook-id'];
      const ts = headers['webhook-timestamp'];
      const sig = headers['webhook-signature'];
      if (!id || !ts || !sig) return 'unsigned';
      if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return 'stale';
      if (seen.has(id)) return 'replay';
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      const want = `v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`;
      const ok = sig
        .split(' ')
        .some((x) => x.length === want.length && timingSafeEqual(Buffer.from(x), Buffer.from(want)));
      if (!ok) return 'bad signature';
      seen.add(id);
      return 'ok';
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

test('the dashboard, end to end', { timeout: 300_000 }, async (t) => {
  assert.ok(webDir, 'AMANAH_WEB_DIR must name the built dashboard');
  mkdirSync(shots, { recursive: true });
  const paper = await startPaper(scenario);
  const receiver = await startReceiver();
  let daemon;
  try {
    // Re-audits every 2 s, so a permission turned on at the exchange shows within seconds; plain
    // http to the loopback receiver.
    daemon = await startDaemon({
      paperUrl: paper.url,
      bybitUrl: paper.bybitUrl,
      okxUrl: paper.okxUrl,
      krakenUrl: paper.krakenUrl,
      webDir,
      env: { AMANAH_REAUDIT_EVERY: '2s', AMANAH_NOTIFY_ALLOW_LOOPBACK_HTTP: 'true' },
    });
  } catch (e) {
    paper.stop();
    await receiver.close();
    throw e;
  }
  const browser = await chromium.launch({
    executablePath: browserPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  // Every response body the browser receives, to prove the secret never comes back.
  const bodies = [];
  page.on('response', async (r) => {
    try {
      bodies.push({ url: r.url(), body: await r.text() });
    } catch {
      /* a streamed or aborted body */
    }
  });
  const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const good = paper.key('compliant-hmac');
  const bad = paper.key('withdrawals-enabled');
  const replacement = paper.key('compliant-ed25519');  // main's key after the rotation
  let current = good;  // the key main uses
  let notifySecret = null;
  let strangerSecret = null;  // a key of another account, refused as a replacement

  try {
    await t.test('first load: weight of scripts and styles, then first-run setup', async () => {
      const transferred = [];
      const onResponse = async (r) => {
        const type = r.request().resourceType();
        if (type === 'script' || type === 'stylesheet') {
          const sizes = await r.request().sizes();
          transferred.push({ url: r.url(), bytes: sizes.responseBodySize, encoding: r.headers()['content-encoding'] });
        }
      };
      page.on('response', onResponse);
      const res = await page.goto(`${daemon.url}/`, { waitUntil: 'networkidle' });
      page.off('response', onResponse);
      const h = res.headers();
      assert.match(h['content-security-policy'], /script-src 'self'/);
      assert.doesNotMatch(h['content-security-policy'], /unsafe-inline/);
      assert.equal(h['x-frame-options'], 'DENY');
      assert.equal(h['referrer-policy'], 'no-referrer');
      const total = transferred.reduce((s, x) => s + x.bytes, 0);
      figures.first_load_script_style_bytes = total;
      assert.ok(transferred.length >= 2, JSON.stringify(transferred));
      assert.ok(transferred.every((x) => x.encoding === 'gzip'), JSON.stringify(transferred));
      assert.ok(total <= 300 * 1024, `first load moved ${total} bytes of scripts and styles`);
      await page.getByRole('heading', { name: 'Set up Amanah' }).waitFor();
      await shot('01-setup');
      await page.getByLabel('Setup token').fill(daemon.setupToken);
      await page.getByLabel('Organisation').fill('home');
      await page.getByLabel('User name').fill('fatima');
      await page.getByLabel('Password').fill('a long passphrase for the owner');
      await page.getByRole('button', { name: 'Create the owner and log in' }).click();
      await page.getByRole('heading', { name: 'Connections', level: 1 }).waitFor();
    });

    await t.test('connect a compliant key: the checklist and the spot balances', async () => {
      await page.getByLabel('Label').fill('main');
      await page.getByLabel('API key').fill(good.api_key);
      await page.getByLabel('Secret key (or the private key of your own key pair)').fill(good.secret);
      await page.getByRole('button', { name: 'Test and connect' }).click();
      const outcome = page.locator('[data-outcome=accepted]');
      await outcome.waitFor({ timeout: 20_000 });
      assert.equal(await page.getByLabel('Secret key (or the private key of your own key pair)').inputValue(), '');
      const items = outcome.locator('.checklist li');
      assert.ok((await items.count()) >= 5);
      assert.equal(await outcome.locator('.checklist li.bad').count(), 0);
      const balances = outcome.locator('table.balances');
      await balances.getByRole('rowheader', { name: 'BTC' }).waitFor();
      assert.match(await balances.innerText(), /25000/);
      await page.locator('tr[data-label=main]').waitFor();
      await shot('02-connections-accepted');
    });

    await t.test('a withdrawals-enabled key is refused with its fix, and nothing is stored', async () => {
      await page.getByLabel('Label').fill('risky');
      await page.getByLabel('API key').fill(bad.api_key);
      await page.getByLabel('Secret key (or the private key of your own key pair)').fill(bad.secret);
      await page.getByRole('button', { name: 'Test and connect' }).click();
      const outcome = page.locator('[data-outcome=refused]');
      await outcome.waitFor({ timeout: 20_000 });
      assert.match(await outcome.innerText(), /Nothing was stored/);
      const finding = outcome.locator('.finding').first();
      assert.match(await finding.innerText(), /Fix:/);
      assert.ok((await outcome.locator('.checklist li.bad').count()) >= 1);
      const list = await page.evaluate(() => fetch('/api/v1/connections').then((r) => r.json()));
      assert.deepEqual(
        list.map((c) => c.label),
        ['main'],
      );
      await shot('03-connections-refused');
    });

    await t.test('the secrets typed are in no later response, page or storage', async () => {
      await page.reload({ waitUntil: 'networkidle' });
      const html = await page.content();
      const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      const cookies = JSON.stringify(await context.cookies());
      for (const secret of [good.secret, bad.secret]) {
        assert.ok(!html.includes(secret), 'the page shows a secret');
        assert.ok(!storage.includes(secret), 'a secret is in web storage');
        assert.ok(!cookies.includes(secret), 'a secret is in a cookie');
        const leaked = bodies.filter((b) => b.body.includes(secret)).map((b) => b.url);
        assert.deepEqual(leaked, [], 'a response carried a secret');
      }
      assert.ok(bodies.length > 10);
    });

    await t.test('the connections page is usable within 1 s; the phone layout', async () => {
      const t0 = Date.now();
      await page.goto(`${daemon.url}/connections`);
      await page.getByRole('button', { name: 'Test and connect' }).waitFor();
      await page.locator('tr[data-label=main]').waitFor();
      const ms = Date.now() - t0;
      figures.connections_usable_ms = ms;
      assert.ok(ms < 1000, `usable after ${ms} ms`);
      await page.setViewportSize({ width: 375, height: 800 });
      await shot('04-connections-phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `the page is ${overflow}px wider than a phone`);
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await t.test('an order: approve the pair, preview its checks, place it, see its proof', async () => {
      await page.locator('#pairs-main').fill('BTCUSDT');
      await page.locator('tr[data-label=main]').getByRole('button', { name: 'Approve' }).click();
      await page.locator('tr[data-label=main] .pairs .badge', { hasText: 'BTCUSDT' }).waitFor();
      await page.getByRole('link', { name: 'Orders' }).click();
      await page.getByLabel('Pair').fill('BTCUSDT');
      await page.getByLabel('Quantity').fill('0.01');
      await page.getByLabel('Limit price').fill('60000');
      await page.getByRole('button', { name: 'Preview (dry run)' }).click();
      const preview = page.locator('article.preview');
      await preview.waitFor();
      assert.match(await preview.innerText(), /Dry run/);
      assert.match(await preview.locator('table.checks caption').innerText(), /Every check passed/);
      assert.ok((await preview.locator('tr[data-check]').count()) >= 5);
      await page.getByRole('button', { name: 'Place order' }).click();
      await preview.getByRole('heading', { name: /^(open|filled|placed|accepted)/ }).waitFor();
      await shot('05-orders-placed');
      await preview.getByRole('link', { name: /its checks and proof/ }).click();
      const proof = page.locator('article.proof');
      await proof.waitFor();
      assert.ok((await proof.locator('ol.journal li').count()) >= 1);
      assert.match(await proof.locator('ol.journal').innerText(), /position \d+ in the chain/);
      await proof.getByRole('button', { name: 'Verify the chain' }).click();
      await proof.getByText(/Chain intact/).waitFor();
      await shot('06-order-proof');
    });

    await t.test('plans: a daily DCA run now, its history; a webhook plan shows its secret once', async () => {
      await page.getByRole('link', { name: 'Plans' }).click();
      await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
      await page.getByLabel('Plan name').fill('btc-daily');
      await page.getByLabel('Every').fill('daily@09:00');
      await page.getByLabel('Time zone').fill('Europe/London');
      await page.getByLabel('Pair').fill('BTCUSDT');
      await page.getByLabel('Quote amount each run').fill('20');
      await page.getByRole('button', { name: 'Create plan' }).click();
      const row = page.locator('tr[data-plan=btc-daily]');
      await row.waitFor();
      assert.match(await row.innerText(), /daily@09:00 \(Europe\/London\)/);
      assert.match(await row.innerText(), /active/);
      await row.getByRole('button', { name: 'Run now' }).click();
      await row.locator('td', { hasText: /^1$/ }).waitFor();
      await row.getByRole('button', { name: 'History' }).click();
      const run = page.locator('ol.runs li[data-state=done]').first();
      await run.waitFor();
      assert.match(await run.innerText(), /placed|filled/);
      // What it would have done over four days of prices (a klines CSV, as Binance's downloads).
      const start = Date.UTC(2025, 11, 31);
      const csv = Array.from({ length: 24 * 6 }, (_, h) => `${start + h * 3600000},50000,50010,49990,50000,1`).join('\n');
      await page.getByLabel('From').fill('2026-01-01');
      await page.getByLabel('To').fill('2026-01-05');
      await page.getByLabel('Prices (klines CSV, optional)').setInputFiles({
        name: 'btc.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.getByRole('button', { name: 'Simulate' }).click();
      const sim = page.locator('article.simulation-result');
      await sim.waitFor();
      assert.match(await sim.innerText(), /4 run\(s\) traded/);
      assert.match(await sim.innerText(), /spent 80 USDT/);
      await sim.locator('.chart.simulation canvas').waitFor();
      await shot('06b-plans');
      await row.getByRole('button', { name: 'Pause' }).click();
      await row.locator('.badge', { hasText: 'paused' }).waitFor();

      await page.getByLabel('Kind').selectOption('webhook');
      await page.getByLabel('Plan name').fill('tv');
      await page.getByLabel('Largest buy per signal').fill('50');
      await page.getByRole('button', { name: 'Create plan' }).click();
      const hook = page.locator('article.webhook');
      await hook.waitFor();
      const secret = await hook.locator('code.secret').innerText();
      assert.match(secret, /^[0-9a-f]{64}$/);
      assert.match(await hook.innerText(), /\/api\/v1\/hooks\/[0-9a-f]{32}/);
      // Shown once: the plan list, and the page after a reload, never carry it again.
      const listed = await page.evaluate(() => fetch('/api/v1/plans').then((r) => r.text()));
      assert.ok(!listed.includes(secret));
      await page.reload();
      await page.getByRole('heading', { name: 'Plans', level: 1 }).waitFor();
      await page.locator('tr[data-plan=tv]').waitFor();
      assert.ok(!(await page.content()).includes(secret));
    });

    await t.test('notifications: an endpoint, its secret shown once, a signed delivery', async () => {
      await page.getByRole('link', { name: 'Alerts' }).click();
      await page.getByRole('heading', { name: 'Notifications' }).waitFor();
      await page.getByLabel('Endpoint URL').fill(receiver.url);
      await page.getByLabel('Description').fill('the test receiver');
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const once = page.locator('.secret-once code');
      await once.waitFor();
      notifySecret = await once.innerText();
      assert.match(notifySecret, /^whsec_/);
      await shot('11-notifications');
      await page.locator('tr[data-endpoint]').getByRole('button', { name: 'Send test' }).click();
      const test = await receiver.wait('notify.test');
      const otherSecret = `whsec_${Buffer.alloc(32).toString('base64')}`;
      assert.equal(receiver.verify(otherSecret, test), 'bad signature');
      assert.equal(receiver.verify(notifySecret, test), 'ok');
      assert.equal(receiver.verify(notifySecret, test), 'replay', 'a replayed delivery was accepted');
      await page.locator('ul.notifications li.delivered[data-type="notify.test"]').waitFor({ timeout: 15_000 });
      // Shown once: the endpoint list never carries the secret again.
      const listed = await page.evaluate(() => fetch('/api/v1/notify/endpoints').then((r) => r.text()));
      assert.ok(!listed.includes(notifySecret.replace(/^whsec_/, '')));
    });

    await t.test('check connection, then a rotation: another account refused, the same account switched', async () => {
      await page.getByRole('link', { name: 'Connections' }).click();
      const row = page.locator('tr[data-label=main]');
      await row.getByRole('button', { name: 'Check connection' }).click();
      const doctor = row.locator('.doctor');
      await doctor.waitFor({ timeout: 20_000 });
      assert.match(await doctor.innerText(), /Healthy: every step passed/);
      assert.equal(await doctor.locator('li.bad').count(), 0);

      // A compliant key, but of another exchange account: refused, and main keeps its key.
      await paper.admin('POST', '/admin/accounts', { venue: 'binance', name: 'zaid', balances: { USDT: '100' } });
      const stranger = await paper.admin('POST', '/admin/keys', {
        account: 'zaid',
        type: 'hmac',
        permissions: { read: true, spot_trade: true },
        ip_whitelist: ['127.0.0.1'],
      });
      strangerSecret = stranger.secret;
      await row.locator('details.rotate summary').click();
      await row.getByLabel('Replacement key ID').fill(stranger.api_key);
      await row.getByLabel('Its secret (or private key)').fill(stranger.secret);
      await row.getByRole('button', { name: 'Audit and switch' }).click();
      const refused = row.locator('[data-outcome=refused]');
      await refused.waitFor({ timeout: 20_000 });
      await refused.locator('[data-code=ACCOUNT_MISMATCH]').waitFor();
      assert.equal(await row.getByLabel('Its secret (or private key)').inputValue(), '');
      let list = await page.evaluate(() => fetch('/api/v1/connections').then((r) => r.json()));
      assert.equal(list.find((c) => c.label === 'main').api_key, good.api_key);

      // The Ed25519 key of the same account: audited, switched; the old key is to be deleted.
      await row.getByLabel('Key type').selectOption('ed25519');
      await row.getByLabel('Replacement key ID').fill(replacement.api_key);
      await row.getByLabel('Its secret (or private key)').fill(replacement.private_key);
      await row.getByRole('button', { name: 'Audit and switch' }).click();
      await row.locator('[data-outcome=rotated]').waitFor({ timeout: 20_000 });
      current = replacement;
      await row.locator(`[data-old-key="${good.api_key}"]`).waitFor();
      await shot('12-rotated');
      list = await page.evaluate(() => fetch('/api/v1/connections').then((r) => r.json()));
      assert.equal(list.find((c) => c.label === 'main').api_key, replacement.api_key);
      const journal = await page.evaluate(() => fetch('/api/v1/journal/export?format=json').then((r) => r.text()));
      for (const kind of ['key.rotation_started', 'key.rotation_refused', 'key.rotated']) {
        assert.ok(journal.includes(`"${kind}"`), `the journal has no ${kind}`);
      }
    });

    await t.test('futures turned on at the exchange: the suspension alert arrives live', async () => {
      await page.getByRole('link', { name: 'Alerts' }).click();
      await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
      let navigations = 0;
      page.on('framenavigated', () => navigations++);
      await paper.admin('PATCH', `/admin/keys/${current.api_key}`, { permissions: { futures: true } });
      const alert = page.locator('ul.alerts li.open').first();
      try {
        await alert.waitFor({ timeout: 30_000 });
      } catch (e) {
        const state = await page.evaluate(() =>
          Promise.all(['/api/v1/alerts', '/api/v1/connections'].map((u) => fetch(u).then((r) => r.text()))),
        );
        throw new Error(`${e.message}\nAPI: ${state.join('\n')}\ndaemon: ${daemon.log().slice(-3000)}`);
      }
      assert.match(await alert.innerText(), /main/);
      assert.equal(navigations, 0, 'the page was reloaded');
      await shot('07-alerts-live');
      await page.getByRole('link', { name: 'Connections' }).click();
      await page.locator('tr[data-label=main] .badge', { hasText: 'suspended' }).waitFor();
      // The daemon follows the key's user data stream (a suspended key's account is still watched).
      await page.locator('tr[data-label=main] [data-stream=live]', { hasText: 'Orders watched live' }).waitFor();
    });

    await t.test('balances, screen and journal pages', async () => {
      // A year of daily snapshots for 20 assets, as the history endpoint answers it.
      const days = 365;
      const start = Date.UTC(2025, 11, 1);
      const series = Array.from({ length: 20 }, (_, i) => ({
        asset: `A${i}`,
        values: Array.from({ length: days }, (_, d) => (1000 + i * 50 + Math.sin(d / 9 + i) * 80).toFixed(2)),
      }));
      const history = {
        quote: 'USDT',
        days: Array.from({ length: days }, (_, d) => new Date(start + d * 86400000).toISOString().slice(0, 10)),
        series,
      };
      await page.route('**/api/v1/balances/history', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(history) }),
      );
      await page.getByRole('link', { name: 'Balances' }).click();
      const chart = page.locator('.chart[data-draw-ms]');
      await chart.waitFor();
      const drawMs = Number(await chart.getAttribute('data-draw-ms'));
      figures.chart_draw_ms_365x20 = drawMs;
      assert.ok(drawMs < 200, `drawing took ${drawMs} ms`);
      await shot('08-balances');
      await page.unroute('**/api/v1/balances/history');

      await page.getByRole('link', { name: 'Screen' }).click();
      await page.getByLabel('Asset or pair').fill('BTCUPUSDT');
      await page.getByRole('button', { name: 'Screen', exact: true }).click();
      const verdict = page.locator('article.verdict');
      await verdict.waitFor();
      assert.match(await verdict.innerText(), /non-compliant/);
      await verdict.getByRole('button', { name: 'Explain' }).first().click();
      await verdict.locator('.explain').first().waitFor();
      await shot('09-screen');
      await page.getByLabel('Ruleset').selectOption('strict');
      await verdict.getByText('under strict').waitFor();

      await page.getByRole('link', { name: 'Journal' }).click();
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.locator('[data-ok=true]').waitFor();
      await shot('10-journal');
    });

    await t.test('a foreign order, then revocation in one action with its incident report', async () => {
      // The suspension reached the receiver, signed.
      const suspended = await receiver.wait('key.suspended');
      assert.equal(receiver.verify(notifySecret, suspended), 'ok');
      // A thief's order with main's key: journaled as foreign, notified.
      await paper.admin('POST', '/admin/accounts/aisha/orders', {
        symbol: 'BTCUSDT',
        side: 'SELL',
        type: 'LIMIT',
        quantity: '0.01',
        price: '90000',
        time_in_force: 'GTC',
        client_order_id: 'x-thief-web-1',
      });
      const foreign = await receiver.wait('order.foreign');
      assert.equal(receiver.verify(notifySecret, foreign), 'ok');
      assert.match(foreign.body, /x-thief-web-1/);

      await page.getByRole('link', { name: 'Connections' }).click();
      const row = page.locator('tr[data-label=main]');
      const answers = [];
      const onDialog = (d) => {
        answers.push(d.message());
        d.accept();
      };
      page.on('dialog', onDialog);
      await row.getByRole('button', { name: 'Revoke', exact: true }).click();
      const summary = page.locator('[data-outcome=revoked]');
      await summary.waitFor({ timeout: 20_000 });
      page.off('dialog', onDialog);
      assert.equal(answers.length, 2, JSON.stringify(answers));
      assert.match(await summary.innerText(), /Orders Amanah did not place: [1-9]/);
      assert.match(await summary.innerText(), /Delete the API key/);
      await shot('13-revoked');
      const href = await summary.getByRole('link', { name: 'Incident report' }).getAttribute('href');
      const html = await page.evaluate((u) => fetch(u).then((r) => r.text()), href);
      assert.match(html, /x-thief-web-1/);
      await page.locator('tr[data-label=main] .badge', { hasText: 'revoked' }).waitFor();
      const revoked = await receiver.wait('key.revoked');
      assert.equal(receiver.verify(notifySecret, revoked), 'ok');
      // No secret typed in this session ever came back.
      for (const secret of [good.secret, bad.secret, replacement.private_key, strangerSecret, notifySecret]) {
        const leaked = bodies.filter((b) => b.body.includes(secret) && !b.url.includes('/notify/endpoints')).map((b) => b.url);
        assert.deepEqual(leaked, [], 'a response carried a secret');
      }
    });

    await t.test('Bybit: an RSA key connects with its balances; a key with margin and a position is refused', async () => {
      await page.getByRole('link', { name: 'Connections' }).click();
      await page.reload({ waitUntil: 'networkidle' });
      const form = page.locator('section[aria-labelledby=connect-h]');
      const rsa = paper.key('bybit-rsa');
      await page.locator('#exchange').selectOption('bybit');
      await page.locator('#key_type').selectOption('rsa');
      assert.deepEqual(await page.locator('#key_type option').evaluateAll((o) => o.map((x) => x.value)),
        ['hmac', 'rsa']);
      await page.getByLabel('Label').fill('bybit-main');
      await page.getByLabel('API key').fill(rsa.api_key);
      await page.getByLabel('Secret key (or the private key of your own key pair)').fill(rsa.private_key);
      await page.getByRole('button', { name: 'Test and connect' }).click();
      const outcome = form.locator('[data-outcome], .error').first();
      await outcome.waitFor({ timeout: 20_000 });
      const accepted = form.locator('[data-outcome=accepted]');
      assert.equal(await accepted.count(), 1, await outcome.innerText());
      assert.match(await accepted.innerText(), /SPOT — Trade/);
      await accepted.locator('table.balances').getByRole('rowheader', { name: 'ETH' }).waitFor();
      await page.locator('tr[data-label=bybit-main]').waitFor();
      await shot('14-bybit-accepted');

      const wide = paper.key('bybit-margin-positions');
      await page.locator('#exchange').selectOption('bybit');
      await page.getByLabel('Label').fill('bybit-risky');
      await page.getByLabel('API key').fill(wide.api_key);
      await page.getByLabel('Secret key (or the private key of your own key pair)').fill(wide.secret);
      await page.getByRole('button', { name: 'Test and connect' }).click();
      const refused = form.locator('[data-outcome=refused]');
      await refused.waitFor({ timeout: 20_000 });
      const text = await refused.innerText();
      for (const words of [/Contract — Orders \/ Positions/, /owes 300/, /BTCUSDT/, /'Margin' switch off/]) assert.match(text, words);
      await shot('15-bybit-refused');
      for (const secret of [rsa.private_key, wide.secret]) {
        const leaked = bodies.filter((b) => b.body.includes(secret)).map((b) => b.url);
        assert.deepEqual(leaked, [], 'a response carried a Bybit secret');
      }
    });

    await t.test('OKX: a key connects with its passphrase; a Futures-mode account with a loan is refused', async () => {
      await page.getByRole('link', { name: 'Connections' }).click();
      await page.reload({ waitUntil: 'networkidle' });
      const form = page.locator('section[aria-labelledby=connect-h]');
      assert.equal(await page.locator('#passphrase').count(), 0, 'no passphrase field for Binance');
      const good = paper.key('okx-compliant');
      await page.locator('#exchange').selectOption('okx');
      assert.deepEqual(await page.locator('#key_type option').evaluateAll((o) => o.map((x) => x.value)), ['hmac']);
      await page.getByLabel('Label').fill('okx-main');
      await page.getByLabel('API key').fill(good.api_key);
      await page.getByLabel('Secret key (or the private key of your own key pair)').fill(good.secret);
      await page.locator('#passphrase').fill(good.passphrase);
      assert.equal(await page.locator('#passphrase').getAttribute('type'), 'password');
      await page.getByRole('button', { name: 'Test and connect' }).click();
      const outcome = form.locator('[data-outcome], .error').first();
      await outcome.waitFor({ timeout: 20_000 });
      const accepted = form.locator('[data-outcome=accepted]');
      assert.equal(await accepted.count(), 1, await outcome.innerText());
      assert.match(await accepted.innerText(), /Withdraw/);
      await accepted.locator('table.balances').getByRole('rowheader', { name: 'ETH' }).waitFor();
      await page.locator('tr[data-label=okx-main]').waitFor();
      assert.equal(await page.locator('#passphrase').inputValue(), '', 'the passphrase field is emptied');
      await shot('16-okx-accepted');

      const wide = paper.key('okx-futures-mode');
      await page.locator('#exchange').selectOption('okx');
      await page.getByLabel('Label').fill('okx-risky');
      await page.getByLabel('API key').fill(wide.api_key);
      await page.getByLabel('Secret key (or the private key of your own key pair)').fill(wide.secret);
      await page.locator('#passphrase').fill(wide.passphrase);
      await page.getByRole('button', { name: 'Test and connect' }).click();
      const refused = form.locator('[data-outcome=refused]');
      await refused.waitFor({ timeout: 20_000 });
      const text = await refused.innerText();
      for (const words of [/Futures mode/, /owes 200/, /BTC-USDT-SWAP/, /'Auto-borrow' off/]) assert.match(text, words);
      await shot('17-okx-refused');
      for (const secret of [good.secret, good.passphrase, wide.secret, wide.passphrase]) {
        const leaked = bodies.filter((b) => b.body.includes(secret)).map((b) => b.url);
        assert.deepEqual(leaked, [], 'a response carried an OKX secret or passphrase');
      }
    });

    await t.test('Kraken: a key connects with Kraken\'s checklist; an account with a margin position is refused', async () => {
      await page.getByRole('link', { name: 'Connections' }).click();
      await page.reload({ waitUntil: 'networkidle' });
      const form = page.locator('section[aria-labelledby=connect-h]');
      const good = paper.key('kraken-compliant');
      await page.locator('#exchange').selectOption('kraken');
      assert.equal(await page.locator('#passphrase').count(), 0, 'no passphrase field for Kraken');
      assert.deepEqual(await page.locator('#key_type option').evaluateAll((o) => o.map((x) => x.value)), ['hmac']);
      await page.getByLabel('Label').fill('kraken-main');
      await page.getByLabel('API key').fill(good.api_key);
      await page.getByLabel('Secret key (or the private key of your own key pair)').fill(good.secret);
      await page.getByRole('button', { name: 'Test and connect' }).click();
      const outcome = form.locator('[data-outcome], .error').first();
      await outcome.waitFor({ timeout: 20_000 });
      const accepted = form.locator('[data-outcome=accepted]');
      assert.equal(await accepted.count(), 1, await outcome.innerText());
      assert.match(await accepted.innerText(), /Create & Modify Orders/);
      await accepted.locator('table.balances').getByRole('rowheader', { name: 'BTC' }).waitFor();
      await page.locator('tr[data-label=kraken-main]').waitFor();
      await shot('18-kraken-accepted');

      const margin = paper.key('kraken-margin');
      await page.locator('#exchange').selectOption('kraken');
      await page.getByLabel('Label').fill('kraken-risky');
      await page.getByLabel('API key').fill(margin.api_key);
      await page.getByLabel('Secret key (or the private key of your own key pair)').fill(margin.secret);
      await page.getByRole('button', { name: 'Test and connect' }).click();
      const refused = form.locator('[data-outcome=refused]');
      await refused.waitFor({ timeout: 20_000 });
      const text = await refused.innerText();
      for (const words of [/margin position/, /margin in use/, /close every margin position/]) assert.match(text, words);
      await shot('19-kraken-refused');
      for (const secret of [good.secret, margin.secret]) {
        const leaked = bodies.filter((b) => b.body.includes(secret)).map((b) => b.url);
        assert.deepEqual(leaked, [], 'a response carried a Kraken secret');
      }
    });

    assert.deepEqual(consoleErrors.filter((e) => !/status of (401|422)/.test(e)), [], 'the page logged errors');
  } finally {
    writeFileSync(join(shots, 'figures.json'), `${JSON.stringify(figures, null, 1)}\n`);
    console.log(`dashboard figures: ${JSON.stringify(figures)}`);
    await browser.close();
    const code = await daemon.stop();
    paper.stop();
    await receiver.close();
    assert.equal(code, 0, `amanah serve exited with ${code}: ${daemon.log().slice(-2000)}`);
  }
});
