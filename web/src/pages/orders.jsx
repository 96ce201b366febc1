// Orders: place one with a dry-run preview (every check's decision and the exact request that
// would be signed), the list with states, and one order's checks and journal proof.
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { Live } from '../live.js';
import { navigate } from '../nav.js';
import { ErrorBox, Field, when } from '../parts/ui.jsx';

function Checks({ chain }) {
  if (!chain) return null;
  return (
    <table class="checks">
      <caption>{chain.passed ? 'Every check passed' : `Rejected by ${chain.rejected_by}`}</caption>
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Decision</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {chain.checks.map((c) => (
          <tr class={c.decision === 'reject' ? 'bad' : ''} data-check={c.check}>
            <th scope="row">
              {c.check}
              {c.mode === 'shadow' ? ' (shadow)' : ''}
            </th>
            <td>{c.decision === 'continue' ? '✓ passed' : c.decision === 'reject' ? '✗ rejected' : 'not run'}</td>
            <td>
              {c.reject && (
                <>
                  {c.reject.reason} {c.reject.citation && <cite>{c.reject.citation}</cite>}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Place({ onPlaced }) {
  const [connections, setConnections] = useState([]);
  const [preview, setPreview] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get('/connections').then((l) => setConnections(l.filter((c) => c.status === 'active')), setError);
  }, []);
  const send = async (form, dry) => {
    const d = Object.fromEntries(new FormData(form).entries());
    const body = { connection: d.connection, pair: d.pair.toUpperCase(), side: d.side, type: d.type, dry_run: dry };
    if (d.quantity) body.quantity = d.quantity;
    if (d.limit && d.type !== 'market') body.limit = d.limit;
    setBusy(true);
    setError(null);
    try {
      const { data } = await post('/orders', body);
      setPreview({ dry, ...data });
      if (!dry) onPlaced(data);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="place-h">
      <h2 id="place-h">Place a spot order</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send(e.currentTarget, e.submitter?.value === 'dry');
        }}
        class="inline"
      >
        <Field id="o-connection" label="Connection">
          <select id="o-connection" name="connection" required>
            {connections.map((c) => (
              <option value={c.label}>{c.label}</option>
            ))}
          </select>
        </Field>
        <Field id="o-pair" label="Pair">
          <input id="o-pair" name="pair" required placeholder="BTCUSDT" />
        </Field>
        <Field id="o-side" label="Side">
          <select id="o-side" name="side">
            <option value="buy">buy</option>
            <option value="sell">sell</option>
          </select>
        </Field>
        <Field id="o-type" label="Type">
          <select id="o-type" name="type">
            <option value="limit">limit</option>
            <option value="market">market</option>
            <option value="limit_maker">limit maker</option>
          </select>
        </Field>
        <Field id="o-quantity" label="Quantity">
          <input id="o-quantity" name="quantity" inputMode="decimal" required pattern="[0-9]+(\.[0-9]+)?" />
        </Field>
        <Field id="o-limit" label="Limit price">
          <input id="o-limit" name="limit" inputMode="decimal" pattern="[0-9]+(\.[0-9]+)?" />
        </Field>
        <div class="buttons">
          <button type="submit" value="dry" disabled={busy}>
            Preview (dry run)
          </button>
          <button type="submit" value="place" disabled={busy} class="primary">
            Place order
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {preview && (
        <article class="preview" aria-live="polite" data-outcome={preview.outcome}>
          <h3>
            {preview.dry ? 'Dry run: ' : ''}
            {preview.outcome}
            {preview.exchange_failure ? ` — ${preview.exchange_failure}` : ''}
          </h3>
          <Checks chain={preview.checks} />
          {preview.request && (
            <p>
              Request {preview.dry ? 'that would be signed' : 'signed'}: <code>{preview.request.method}</code>{' '}
              <code>{preview.request.path}</code> <code class="wrap">{preview.request.query || preview.request.body}</code>
            </p>
          )}
          {preview.order && (
            <p>
              <a
                href={`/orders/${preview.order.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/orders/${preview.order.id}`);
                }}
              >
                Order {preview.order.id}: its checks and proof
              </a>
            </p>
          )}
        </article>
      )}
    </section>
  );
}

function Proof({ id }) {
  const [proof, setProof] = useState(null);
  const [verify, setVerify] = useState(null);
  const [error, setError] = useState(null);
  const load = () => get(`/orders/${encodeURIComponent(id)}`).then(setProof, setError);
  useEffect(() => {
    load();
    return Live.on((ch) => ch.kind.startsWith('order.') && load());
  }, [id]);
  if (error) return <ErrorBox error={error} />;
  if (!proof) return <p>Loading…</p>;
  const o = proof.order;
  return (
    <article class="proof">
      <h2>
        Order <code>{o.id}</code> <span class="badge" data-state={o.state}>{o.state}</span>
      </h2>
      <p>
        {o.side} {o.quantity || o.quote_amount} {o.symbol} {o.type}
        {o.limit_price ? ` at ${o.limit_price}` : ''} · executed {o.executed_qty} · {o.exchange} order{' '}
        {o.exchange_order_id || '—'} · {when(o.created_at_ms)}
        {o.reason ? ` · ${o.reason}` : ''}
      </p>
      {o.state === 'open' && (
        <button type="button" onClick={() => del(`/orders/${encodeURIComponent(o.id)}`).then(load, setError)}>
          Cancel
        </button>
      )}
      <h3>Checks</h3>
      {proof.checks ? <Checks chain={proof.checks} /> : <p>No check record.</p>}
      <h3>Journal proof</h3>
      <ol class="journal">
        {proof.journal.map((r) => (
          <li value={r.seq}>
            <strong>{r.kind}</strong> at {r.time} — position {r.seq} in the chain
            <div class="hash">
              hash <code>{r.hash}</code>
              <br />
              prev <code>{r.prev_hash}</code>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => get('/journal/verify').then(setVerify, setError)}>
        Verify the chain
      </button>
      {verify && (
        <p role="status" class={verify.ok ? 'ok' : 'bad'}>
          {verify.ok ? `✓ Chain intact: ${verify.records} records, ${verify.checkpoints_checked} checkpoints checked` : `✗ ${verify.problem}`}
        </p>
      )}
    </article>
  );
}

export function Orders({ path }) {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const load = () => get('/orders').then(setList, setError);
  useEffect(() => {
    load();
    return Live.on((ch) => ch.kind.startsWith('order.') && load());
  }, []);
  const id = path.startsWith('/orders/') ? decodeURIComponent(path.slice(8)) : null;
  return (
    <>
      <h1>Orders</h1>
      {id ? <Proof id={id} /> : <Place onPlaced={load} />}
      <h2>Every order</h2>
      <ErrorBox error={error} />
      {list === null ? (
        <p>Loading…</p>
      ) : list.length === 0 ? (
        <p>No orders yet.</p>
      ) : (
        <div class="scroll">
          <table class="orders">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Pair</th>
                <th scope="col">Side</th>
                <th scope="col">Quantity</th>
                <th scope="col">Price</th>
                <th scope="col">State</th>
                <th scope="col">Placed</th>
              </tr>
            </thead>
            <tbody>
              {list.map((o) => (
                <tr data-id={o.id}>
                  <th scope="row">
                    <a
                      href={`/orders/${o.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/orders/${o.id}`);
                      }}
                    >
                      {o.id.slice(0, 12)}
                    </a>
                  </th>
                  <td>{o.symbol}</td>
                  <td>{o.side}</td>
                  <td class="num">{o.quantity || o.quote_amount}</td>
                  <td class="num">{o.limit_price || 'market'}</td>
                  <td>{o.state}</td>
                  <td>{when(o.created_at_ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
