// Builds the dashboard into ../build/web (AMANAH_WEB_OUT overrides): hashed files under assets/,
// no inline script (the daemon's Content-Security-Policy has no 'unsafe-inline'), and a gzip twin
// of every text file, which `amanah serve` sends to browsers that accept gzip.
import { defineConfig } from 'vite';
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function gzipTwins() {
  return {
    name: 'amanah-gzip-twins',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const path = join(options.dir, name);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
  plugins: [gzipTwins()],
});
