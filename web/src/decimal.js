// Exact decimal sums of the API's decimal strings (money is never a float): BigInt over a shared
// scale. Only for display totals; every amount that matters is computed by the daemon.
function parts(s) {
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  return { neg, i, f };
}

export function add(a, b) {
  const x = parts(a);
  const y = parts(b);
  const scale = Math.max(x.f.length, y.f.length);
  const big = (p) => (p.neg ? -1n : 1n) * BigInt(p.i + p.f.padEnd(scale, '0'));
  const sum = big(x) + big(y);
  const neg = sum < 0n;
  let digits = (neg ? -sum : sum).toString().padStart(scale + 1, '0');
  let out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  if (scale) out = out.replace(/\.?0+$/, '');
  return (neg ? '-' : '') + out;
}
