// Plans: make a DCA, rebalance or webhook plan; the list with status (and why a plan paused), next
// run, runs and spending; run now, pause, resume, delete; each plan's runs with every order's
// outcome. A webhook plan's secret is shown once, when it is made.
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { Live } from '../live.js';
import { CopyButton, ErrorBox, Field, when } from '../parts/ui.jsx';
import { SimulationChart } from '../parts/simulation_chart.jsx';

const DECIMAL = '[0-9]+(\\.[0-9]+)?';

function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

// The body POST /api/v1/plans reads, from the form.
function bodyOf(d) {
  const body = { name: d.name, kind: d.kind, connection: d.connection };
  if (d.kind !== 'webhook') {
    body.period = d.period;
    body.time_zone = d.time_zone;
  }
  if (d.kind === 'dca') body.dca = { pair: d.pair.toUpperCase(), quote_amount: d.amount };
  if (d.kind === 'webhook') {
    body.webhook = { pairs: d.pair ? [d.pair.toUpperCase()] : [] };
    if (d.amount) body.webhook.max_quote_amount = d.amount;
  }
  if (d.kind === 'rebalance') {
    const targets = {};
    for (const part of d.targets.split(',')) {
      const [asset, weight] = part.split('=').map((s) => s.trim());
      if (asset) targets[asset.toUpperCase()] = weight;
    }
    body.rebalance = { quote: d.quote.toUpperCase(), targets, band: d.band, min_notional: d.amount };
  }
  return body;
}

function Create({ onCreated }) {
  const [connections, setConnections] = useState([]);
  const [kind, setKind] = useState('dca');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get('/connections').then((l) => setConnections(l.filter((c) => c.status === 'active')), setError);
  }, []);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await post('/plans', bodyOf(Object.fromEntries(new FormData(e.currentTarget).entries())));
      onCreated(data);
      e.currentTarget?.reset?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="create-h">
      <h2 id="create-h">New plan</h2>
      <ErrorBox error={error} />
      <form onSubmit={submit} class="inline">
        <Field id="p-kind" label="Kind">
          <select id="p-kind" name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            <option value="dca">DCA: buy an amount every period</option>
            <option value="rebalance">Rebalance to target weights</option>
            <option value="webhook">Webhook signals (TradingView)</option>
          </select>
        </Field>
        <Field id="p-name" label="Plan name">
          <input id="p-name" name="name" required pattern="[A-Za-z0-9._\-]{1,64}" />
        </Field>
        <Field id="p-connection" label="Connection">
          <select id="p-connection" name="connection" required>
            {connections.map((c) => (
              <option value={c.label}>{c.label}</option>
            ))}
          </select>
        </Field>
        {kind !== 'webhook' && (
          <>
            <Field id="p-period" label="Every" hint="every:15m, hourly, daily@09:00, weekly:mon@09:00, monthly:1@09:00">
              <input id="p-period" name="period" required defaultValue="daily@09:00" aria-describedby="p-period-hint" />
            </Field>
            <Field id="p-zone" label="Time zone">
              <input id="p-zone" name="time_zone" required defaultValue={browserZone()} />
            </Field>
          </>
        )}
        {kind === 'rebalance' ? (
          <>
            <Field id="p-quote" label="Quote asset">
              <input id="p-quote" name="quote" required defaultValue="USDT" />
            </Field>
            <Field id="p-targets" label="Targets" hint="BTC=0.6, ETH=0.3, USDT=0.1 (sum 1)">
              <input id="p-targets" name="targets" required aria-describedby="p-targets-hint" />
            </Field>
            <Field id="p-band" label="Band">
              <input id="p-band" name="band" required defaultValue="0.05" pattern={DECIMAL} inputMode="decimal" />
            </Field>
          </>
        ) : (
          <Field id="p-pair" label="Pair">
            <input id="p-pair" name="pair" required={kind === 'dca'} placeholder="BTCUSDT" />
          </Field>
        )}
        <Field
          id="p-amount"
          label={kind === 'dca' ? 'Quote amount each run' : kind === 'webhook' ? 'Largest buy per signal' : 'Smallest trade'}
        >
          <input id="p-amount" name="amount" required={kind !== 'webhook'} pattern={DECIMAL} inputMode="decimal" />
        </Field>
        <div class="buttons">
          <button type="submit" class="primary" disabled={busy}>
            Create plan
          </button>
        </div>
      </form>
    </section>
  );
}

function Webhook({ hook }) {
  return (
    <article class="webhook" aria-label="Webhook">
      <h3>Webhook</h3>
      <p>
        URL: <code>{hook.url}</code> <CopyButton text={hook.url} label="Copy the webhook URL" />
      </p>
      {hook.secret && (
        <p>
          Secret (shown this once): <code class="secret">{hook.secret}</code>{' '}
          <CopyButton text={hook.secret} label="Copy the webhook secret" />
          <br />
          <small>
            Put it in the alert message as <code>"secret"</code>, or sign with it: X-Amanah-Timestamp and
            X-Amanah-Signature = HMAC-SHA256(secret, timestamp + "." + body).
          </small>
        </p>
      )}
    </article>
  );
}

function History({ plan }) {
  const [runs, setRuns] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    get(`/plans/${plan.id}/history`).then(setRuns, setError);
  }, [plan.runs, plan.status]);
  if (error) return <ErrorBox error={error} />;
  if (!runs) return <p>Loading…</p>;
  if (runs.runs.length === 0 && runs.signals.length === 0) return <p>No runs yet.</p>;
  return (
    <ol class="runs">
      {runs.runs.map((r) => (
        <li data-state={r.state}>
          <strong>{when(r.slot)}</strong> {r.state}
          {r.note && <> — {r.note}</>}
          {r.orders.map((o) => (
            <div class="order-outcome">
              {o.outcome}
              {o.state && ` (${o.state})`}
              {o.reason && `: ${o.reason}`}
            </div>
          ))}
        </li>
      ))}
      {runs.signals.map((s) => (
        <li data-state={s.state}>
          <strong>{when(s.received_at)}</strong> signal {s.id}: {s.state}
          {s.reason && ` — ${s.reason}`}
        </li>
      ))}
    </ol>
  );
}

function Simulate({ plan }) {
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
  const submit = async (e) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = { from: form.get('from'), to: form.get('to') };
    const file = form.get('prices');
    if (file && file.size > 0) body.prices = { PRICES: await file.text() };
    setBusy(true);
    setError(null);
    try {
      const { data } = await post(`/plans/${plan.id}/simulate`, body);
      setResult(data);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="simulate">
      <form onSubmit={submit} class="inline">
        <Field id={`s-from-${plan.id}`} label="From">
          <input id={`s-from-${plan.id}`} name="from" type="date" required defaultValue={monthAgo} />
        </Field>
        <Field id={`s-to-${plan.id}`} label="To">
          <input id={`s-to-${plan.id}`} name="to" type="date" required defaultValue={today} />
        </Field>
        <Field id={`s-prices-${plan.id}`} label="Prices (klines CSV, optional)">
          <input id={`s-prices-${plan.id}`} name="prices" type="file" accept=".csv,text/csv" />
        </Field>
        <div class="buttons">
          <button type="submit" disabled={busy}>
            Simulate
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {result && (
        <article class="simulation-result" aria-label="Simulation">
          <p>
            {result.runs} run(s) traded, {result.skipped} made no trade · spent {result.spent} {result.quote}, fees{' '}
            {result.fees}
            {result.average_cost && <> · average cost {result.average_cost}</>} · worth {result.final_value}{' '}
            {result.quote} at the end
          </p>
          {result.curve.length > 1 && <SimulationChart result={result} />}
        </article>
      )}
    </div>
  );
}

export function Plans({ me }) {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const [created, setCreated] = useState(null);
  const [open, setOpen] = useState(null);
  const load = () => get('/plans').then(setList, setError);
  useEffect(() => {
    load();
    return Live.on((ch) => ch.kind.startsWith('plan.') && load());
  }, []);
  const canTrade = (me.scopes || []).includes('trade');
  const act = (p) => (promise) => promise.then(load, setError);
  return (
    <>
      <h1>Plans</h1>
      <p class="lede">
        Every order a plan makes passes the same checks as one you place: a plan cannot trade what the
        screening, the key's audit or your limits refuse.
      </p>
      <ErrorBox error={error} />
      {canTrade && (
        <Create
          onCreated={(data) => {
            setCreated(data);
            load();
          }}
        />
      )}
      {created?.webhook && <Webhook hook={created.webhook} />}
      <section aria-labelledby="list-h">
        <h2 id="list-h">Your plans</h2>
        {list === null ? (
          <p>Loading…</p>
        ) : list.length === 0 ? (
          <p>No plans yet.</p>
        ) : (
          <table class="plans">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                <th scope="col">Status</th>
                <th scope="col">Schedule</th>
                <th scope="col">Next run</th>
                <th scope="col">Runs made</th>
                <th scope="col">Spent</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <>
                  <tr data-plan={p.name}>
                    <th scope="row">
                      {p.name}
                      <br />
                      <small>
                        {p.kind} on {p.connection}
                        {p.dca && ` · ${p.dca.quote_amount} of ${p.dca.pair}`}
                      </small>
                    </th>
                    <td>
                      <span class={`badge ${p.status === 'active' ? 'ok' : 'warn'}`}>{p.status}</span>
                      {p.status_reason && <small class="reason"> {p.status_reason}</small>}
                    </td>
                    <td>{p.period ? `${p.period} (${p.time_zone})` : 'on signals'}</td>
                    <td>{when(p.next_run)}</td>
                    <td>{p.runs}</td>
                    <td>{p.spent}</td>
                    <td class="actions">
                      <button type="button" class="small" onClick={() => setOpen(open === p.id ? null : p.id)}>
                        {open === p.id ? 'Hide history' : 'History'}
                      </button>
                      {canTrade && p.kind !== 'webhook' && p.status === 'active' && (
                        <button type="button" class="small" onClick={() => act(p)(post(`/plans/${p.id}/run`))}>
                          Run now
                        </button>
                      )}
                      {canTrade && p.status === 'active' && (
                        <button type="button" class="small" onClick={() => act(p)(post(`/plans/${p.id}/pause`))}>
                          Pause
                        </button>
                      )}
                      {canTrade && p.status === 'paused' && (
                        <button type="button" class="small" onClick={() => act(p)(post(`/plans/${p.id}/resume`))}>
                          Resume
                        </button>
                      )}
                      {canTrade && (
                        <button
                          type="button"
                          class="small danger"
                          onClick={() => confirm(`Delete plan ${p.name}?`) && act(p)(del(`/plans/${p.id}`))}
                        >
                          Delete
                        </button>
                      )}
                    </td>
                  </tr>
                  {open === p.id && (
                    <tr class="history">
                      <td colSpan={7}>
                        <History plan={p} />
                        {p.kind !== 'webhook' && <Simulate plan={p} />}
                      </td>
                    </tr>
                  )}
                </>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
