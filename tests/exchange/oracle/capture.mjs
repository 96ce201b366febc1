// What both oracle scripts share: read the input ({timestamp, keys, calls}) from stdin, and for each
// call make a ccxt exchange, replace its fetch so that the first request not answered by `answer`
// is captured instead of sent, run the call, and print what was captured as one JSON line.
export async function readInput() {
  return JSON.parse(await new Promise((resolve) => {
    let data = '';
    process.stdin.on('data', (c) => { data += c; });
    process.stdin.on('end', () => resolve(data));
  }));
}

// make(key) → a ccxt exchange; answer(url) → a canned response for set-up calls, or undefined.
export async function captureAll(input, make, answer) {
  const out = [];
  for (const c of input.calls) {
    const ex = make(input.keys[c.key]);
    ex.milliseconds = () => input.timestamp;
    ex.nonce = () => input.timestamp;
    let captured = null;
    ex.fetch = async (url, method, headers, body) => {
      const canned = answer(url);
      if (canned !== undefined) return canned;
      captured = { name: c.name, method, url, headers, body: body ?? '' };
      throw new Error('captured');
    };
    await ex.loadMarkets();
    try {
      await ex[c.call](...c.args.map((a) => (a === null ? undefined : a)));
    } catch (e) {
      if (!captured) { out.push({ name: c.name, error: String(e) }); continue; }
    }
    out.push(captured);
  }
  for (const r of out) console.log(JSON.stringify(r));
}
