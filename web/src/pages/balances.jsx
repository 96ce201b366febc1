// Balances: every active connection's spot balances and their total by asset, each with its
// screen verdict; and the value over time from the daemon's daily snapshots.
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { assetVerdicts } from '../verdicts.js';
import { BalanceTable } from '../parts/balance_table.jsx';
import { ValueChart } from '../parts/value_chart.jsx';
import { ErrorBox } from '../parts/ui.jsx';
import { add } from '../decimal.js';

export function Balances() {
  const [rows, setRows] = useState(null);
  const [verdicts, setVerdicts] = useState(null);
  const [history, setHistory] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    assetVerdicts().then(setVerdicts, () => setVerdicts(null));
    get('/balances/history')
      .then(setHistory)
      .catch(() => setHistory(null));
    get('/connections')
      .then(async (list) => {
        const active = list.filter((c) => c.status === 'active');
        const out = await Promise.all(
          active.map((c) =>
            get(`/connections/${encodeURIComponent(c.label)}/balances`).then(
              (balances) => ({ label: c.label, balances }),
              (err) => ({ label: c.label, error: err }),
            ),
          ),
        );
        setRows(out);
      })
      .catch(setError);
  }, []);

  const total = {};
  for (const r of rows || []) {
    for (const b of r.balances || []) {
      const t = (total[b.asset] ||= { asset: b.asset, free: '0', locked: '0' });
      t.free = add(t.free, b.free);
      t.locked = add(t.locked, b.locked);
    }
  }
  const totals = Object.values(total).sort((a, b) => a.asset.localeCompare(b.asset));
  return (
    <>
      <h1>Balances</h1>
      <ErrorBox error={error} />
      {rows === null ? (
        <p>Loading…</p>
      ) : rows.length === 0 ? (
        <p>No active connections.</p>
      ) : (
        <>
          <BalanceTable balances={totals} verdicts={verdicts} caption="Total over every active connection" />
          {rows.map((r) =>
            r.error ? (
              <ErrorBox error={r.error} />
            ) : (
              <BalanceTable balances={r.balances} verdicts={verdicts} caption={`${r.label}`} />
            ),
          )}
        </>
      )}
      <section aria-labelledby="chart-h">
        <h2 id="chart-h">Value over time</h2>
        {history && history.series?.length ? (
          <ValueChart history={history} />
        ) : (
          <p>No snapshots yet: the daemon takes one a day for each connection.</p>
        )}
      </section>
    </>
  );
}
