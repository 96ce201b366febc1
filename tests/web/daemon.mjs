// Starts `amanah serve` as the user runs it — its own data directory, the vault initialised, the
// dashboard's built files, plain HTTP on 127.0.0.1 port 0 — with the exchange endpoint pointed at
// the paper exchange, and hands the test its URL and the one-time setup token it printed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function startDaemon({ paperUrl, bybitUrl, okxUrl, krakenUrl, webDir, env = {} }) {
  const bin = process.env.AMANAH_BIN;
  if (!bin) throw new Error('AMANAH_BIN must name the amanah executable');
  const dir = mkdtempSync(join(tmpdir(), 'amanah-web-'));
  const data = join(dir, 'data');
  const fullEnv = {
    ...process.env,
    AMANAH_BINANCE_ENDPOINT: paperUrl,
    ...(bybitUrl ? { AMANAH_BYBIT_ENDPOINT: bybitUrl } : {}),
    ...(okxUrl ? { AMANAH_OKX_ENDPOINT: okxUrl } : {}),
    ...(krakenUrl ? { AMANAH_KRAKEN_ENDPOINT: krakenUrl } : {}),
    AMANAH_EGRESS_IPS: '127.0.0.1',
    AMANAH_WEB_DIR: webDir,
    AMANAH_PASSWORD_MEMORY_KIB: '8',
    AMANAH_PASSWORD_ITERATIONS: '1',
    ...env,
  };
  const init = spawnSync(bin, ['--data-dir', data, 'vault', 'init'], { env: fullEnv, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`vault init failed: ${init.stderr}`);
  const portFile = join(dir, 'port');
  const child = spawn(
    bin,
    ['--data-dir', data, 'serve', '--listen', '127.0.0.1:0', '--port-file', portFile, '--web-dir', webDir],
    { env: fullEnv, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr.on('data', (d) => {
    err += d.toString();
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (let i = 0; i < 300 && !err.includes('setup_token'); i++) {
    await new Promise((r) => setTimeout(r, 50));
    if (child.exitCode !== null) break;
  }
  const m = err.match(/"setup_token": "([^"]+)"/);
  if (!m || !existsSync(portFile)) throw new Error(`amanah serve did not start: ${err}`);
  const port = Number(readFileSync(portFile, 'utf8').trim());
  return {
    url: `http://127.0.0.1:${port}`,
    setupToken: m[1],
    log: () => err,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
