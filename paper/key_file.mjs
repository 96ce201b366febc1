// Reads a key file that `amanah-paper --keys-out DIR` wrote (DIR/NAME.key: `api_key=…`, `secret=…`
// or `private_key_file=…`, one per line) into an object, the Ed25519 private key read from its file.
// Shared by the npm client tests and `./dev demo`'s seeding.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function readKeyFile(dir, name) {
  const fields = {};
  for (const line of readFileSync(join(dir, `${name}.key`), 'utf8').split('\n')) {
    const m = line.match(/^(\w+)=(.*)$/);
    if (m) fields[m[1]] = m[2];
  }
  if (fields.private_key_file) fields.private_key = readFileSync(fields.private_key_file, 'utf8');
  return fields;
}
