// Starts amanah-paper with a scenario on 127.0.0.1 (port 0) and hands tests its URLs, admin token
// and the key files it wrote. Shared by every client test in this folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readKeyFile } from '../../../paper/key_file.mjs';

export async function startPaper(scenario) {
  const bin = process.env.AMANAH_PAPER;
  if (!bin) throw new Error('AMANAH_PAPER must name the amanah-paper executable');
  const keysDir = mkdtempSync(join(tmpdir(), 'paper-keys-'));
  const child = spawn(bin, ['--scenario', scenario, '--keys-out', keysDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`amanah-paper exited with ${code}`)));
  });
  const ready = JSON.parse(line);
  const key = (name) => readKeyFile(keysDir, name);
  const admin = async (method, path, body) => {
    const res = await fetch(ready.admin + path, {
      method,
      headers: { authorization: `Bearer ${ready.admin_token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(keysDir, { recursive: true, force: true });
  };
  return { url: ready.binance, bybitUrl: ready.bybit, okxUrl: ready.okx, krakenUrl: ready.kraken, adminUrl: ready.admin, admin, key, stop };
}
