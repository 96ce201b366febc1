// Starts amanah-paper with a scenario on 127.0.0.1 (port 0) and hands tests its URLs, admin token
// and the key files it wrote. Shared by every client test in this folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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
  const key = (name) => {
    const fields = {};
    for (const l of readFileSync(join(keysDir, `${name}.key`), 'utf8').split('\n')) {
      const m = l.match(/^(\w+)=(.*)$/);
      if (m) fields[m[1]] = m[2];
    }
    if (fields.private_key_file) fields.private_key = readFileSync(fields.private_key_file, 'utf8');
    return fields;
  };
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
  return { url: ready.binance, adminUrl: ready.admin, admin, key, stop };
}
