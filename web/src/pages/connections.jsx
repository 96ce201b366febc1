// Connections: the connect form as the user guide describes it (exchange, API key, the one-time
// secret — a write-only password field, cleared as soon as it is sent and never shown again — and,
// for an exchange whose keys have one (OKX), the passphrase, write-only in the same way),
// then the test read, the checklist and the spot balances; and the list of connections with their
// status, last audit and key age.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, call, del, get, post } from '../api.js';
import { Live } from '../live.js';
import { assetVerdicts } from '../verdicts.js';
import { BalanceTable } from '../parts/balance_table.jsx';
import { Checklist } from '../parts/checklist.jsx';
import { Pairs } from '../parts/pairs.jsx';
import { ErrorBox, Field, daysSince, when } from '../parts/ui.jsx';

const KEY_TYPES = {
  hmac: 'HMAC (system-generated API key and secret)',
  ed25519: 'Ed25519 (your own key pair: paste the private key)',
  rsa: 'RSA (your own key pair: paste the private key)',
};
const EXCHANGES = [
  { id: 'binance', name: 'Binance', ready: true, keyTypes: ['hmac', 'ed25519', 'rsa'], pairs: 'BTCUSDT ETHUSDT' },
  { id: 'bybit', name: 'Bybit', ready: true, keyTypes: ['hmac', 'rsa'], pairs: 'BTCUSDT ETHUSDT' },
  { id: 'okx', name: 'OKX', ready: true, keyTypes: ['hmac'], passphrase: true, pairs: 'BTC-USDT ETH-USDT' },
  { id: 'kraken', name: 'Kraken', ready: true, keyTypes: ['hmac'], pairs: 'XBTUSDT ETHUSDT' },
];

function KeyAge({ created, rotation }) {
  const days = rotation ? rotation.age_days : daysSince(created);
  if (days === null) return <span title="the exchange does not say when the key was made">age unknown</span>;
  const state = rotation ? rotation.state : days >= 90 ? 'due' : days >= 80 ? 'reminder' : 'current';
  const cls = state === 'due' ? 'bad' : state === 'reminder' ? 'warn' : '';
  return (
    <span class={`badge ${cls}`} data-rotation={state} title="Keys are rotated every 90 days">
      {days} days{state === 'due' ? ' — rotate now' : state === 'reminder' ? ' — rotate soon' : ''}
    </span>
  );
}

// Rotation: the replacement key of the same account, tested and audited like a new one; the
// secret field is emptied the moment it is sent.
function RotateForm({ label, exchange, onDone }) {
  const { keyTypes, passphrase } = EXCHANGES.find((x) => x.id === exchange) || EXCHANGES[0];
  const formRef = useRef(null);
  const [state, setState] = useState({ phase: 'idle' });
  const submit = async (e) => {
    e.preventDefault();
    const form = formRef.current;
    const data = new FormData(form);
    const body = { api_key: data.get('api_key') };
    if (data.get('key_type') !== 'hmac') body.private_key = data.get('secret');
    else body.secret = data.get('secret');
    if (passphrase) body.passphrase = data.get('passphrase');
    form.elements.secret.value = '';
    if (passphrase) form.elements.passphrase.value = '';
    setState({ phase: 'rotating' });
    try {
      const { status, data: outcome } = await call('POST', `/connections/${encodeURIComponent(label)}/rotate`, body);
      // A 422 without a verdict is a problem (the new key could not be read): shown as an error.
      if (status !== 200 && !outcome?.verdict) setState({ phase: 'failed', error: new ApiError(status, outcome) });
      else setState({ phase: status === 200 ? 'rotated' : 'refused', outcome });
      if (status === 200) {
        form.reset();
        onDone();
      }
    } catch (err) {
      setState({ phase: 'failed', error: err });
    }
  };
  const { phase, outcome, error } = state;
  return (
    <details class="rotate">
      <summary>Rotate key</summary>
      <form ref={formRef} onSubmit={submit} autocomplete="off">
        <Field id={`rot-type-${label}`} label="Key type">
          <select id={`rot-type-${label}`} name="key_type">
            {keyTypes.map((t) => (
              <option value={t}>{KEY_TYPES[t]}</option>
            ))}
          </select>
        </Field>
        <Field id={`rot-key-${label}`} label="Replacement key ID">
          <input id={`rot-key-${label}`} name="api_key" required autocomplete="off" spellcheck={false} />
        </Field>
        <Field id={`rot-secret-${label}`} label="Its secret (or private key)">
          <input id={`rot-secret-${label}`} name="secret" type="password" required autocomplete="off" spellcheck={false} />
        </Field>
        {passphrase && (
          <Field id={`rot-phrase-${label}`} label="Its passphrase">
            <input id={`rot-phrase-${label}`} name="passphrase" type="password" required autocomplete="off" spellcheck={false} />
          </Field>
        )}
        <button type="submit" class="small" disabled={phase === 'rotating'}>
          {phase === 'rotating' ? 'Auditing the new key…' : 'Audit and switch'}
        </button>
      </form>
      <div aria-live="polite">
        {phase === 'failed' && <ErrorBox error={error} />}
        {phase === 'rotated' && (
          <p role="status" data-outcome="rotated">
            ✓ Switched to the new key. The old key: {outcome.old_key_probe}.
          </p>
        )}
        {phase === 'refused' && (
          <article class="outcome refused" data-outcome="refused">
            <h4>✗ Refused: the old key keeps working; nothing was changed.</h4>
            <Checklist verdict={outcome.verdict} />
          </article>
        )}
      </div>
    </details>
  );
}

// Revocation in one action, with the incident report it writes.
function RevokeButton({ label, busy, act }) {
  return (
    <button
      type="button"
      class="small danger"
      disabled={!!busy}
      onClick={() => {
        if (!confirm(`Revoke ${label}? Its plans are paused, the exchange's orders read a last time, its secret destroyed, and an incident report written. This cannot be undone.`))
          return;
        const cancel = confirm('Cancel Amanah\'s open orders on it first?');
        act('revoke', () =>
          post(`/connections/${encodeURIComponent(label)}/revoke`, { cancel_open_orders: cancel }).then((r) => r.data),
        );
      }}
    >
      {busy === 'revoke' ? 'Revoking…' : 'Revoke'}
    </button>
  );
}

function IncidentSummary({ result }) {
  const r = result.report;
  return (
    <article class="outcome refused" data-outcome="revoked" role="status">
      <h4>Revoked {r.connection.label}. Orders Amanah did not place: {r.foreign_orders.length}</h4>
      <ol>
        {r.steps.map((s) => (
          <li>{s}</li>
        ))}
      </ol>
      <a href={`/api/v1/incidents/${r.id}?format=html`} target="_blank" rel="noopener">
        Incident report
      </a>
    </article>
  );
}

function ConnectForm({ onDone, canAdmin }) {
  const [state, setState] = useState({ phase: 'idle' });
  const [exchange, setExchange] = useState('binance');
  const { keyTypes, passphrase } = EXCHANGES.find((x) => x.id === exchange);
  const formRef = useRef(null);
  const [verdicts, setVerdicts] = useState(null);
  useEffect(() => {
    assetVerdicts().then(setVerdicts, () => setVerdicts(null));
  }, []);

  const submit = async (e) => {
    e.preventDefault();
    const form = formRef.current;
    const data = new FormData(form);
    const body = { exchange: data.get('exchange'), label: data.get('label'), api_key: data.get('api_key') };
    const secret = data.get('secret');
    if (data.get('key_type') === 'hmac') body.secret = secret;
    else body.private_key = secret;
    if (passphrase) body.passphrase = data.get('passphrase');
    // The secrets leave the page now: the fields are emptied before the answer comes back.
    form.elements.secret.value = '';
    if (passphrase) form.elements.passphrase.value = '';
    setState({ phase: 'testing' });
    try {
      const { status, data: outcome } = await call('POST', '/connections', body);
      setState({ phase: status === 201 ? 'accepted' : 'refused', outcome });
      if (status === 201) {
        form.reset();
        onDone();
      }
    } catch (err) {
      setState({ phase: 'failed', error: err });
    }
  };

  if (!canAdmin) return <p>Only an owner or operator with the admin scope connects keys.</p>;
  const { phase, outcome, error } = state;
  return (
    <section aria-labelledby="connect-h">
      <h2 id="connect-h">Connect an exchange key</h2>
      <p>
        Make a key on the exchange with <strong>reading</strong> and <strong>spot trading</strong> only, restricted to
        Amanah's IP addresses. The secret is encrypted at rest and can never be shown again, here or anywhere.
      </p>
      <form ref={formRef} onSubmit={submit} aria-busy={phase === 'testing'} autocomplete="off">
        <Field id="exchange" label="Exchange">
          <select id="exchange" name="exchange" value={exchange} onChange={(e) => setExchange(e.target.value)}>
            {EXCHANGES.map((x) => (
              <option value={x.id} disabled={!x.ready}>
                {x.name}
                {x.ready ? '' : ' (coming)'}
              </option>
            ))}
          </select>
        </Field>
        <Field id="label" label="Label" hint="A name for this key, e.g. main.">
          <input id="label" name="label" required pattern="[A-Za-z0-9_.\-]{1,64}" aria-describedby="label-hint" />
        </Field>
        <Field id="key_type" label="Key type">
          <select id="key_type" name="key_type">
            {keyTypes.map((t) => (
              <option value={t}>{KEY_TYPES[t]}</option>
            ))}
          </select>
        </Field>
        <Field id="api_key" label="API key">
          <input id="api_key" name="api_key" required autocomplete="off" spellcheck={false} />
        </Field>
        <Field
          id="secret"
          label="Secret key (or the private key of your own key pair)"
          hint="Shown once by the exchange. Write-only here: it is sent once over this connection and never returned."
        >
          <input
            id="secret"
            name="secret"
            type="password"
            required
            autocomplete="off"
            spellcheck={false}
            aria-describedby="secret-hint"
          />
        </Field>
        {passphrase && (
          <Field
            id="passphrase"
            label="Passphrase"
            hint="The one you chose when you made the key. Write-only here, like the secret."
          >
            <input
              id="passphrase"
              name="passphrase"
              type="password"
              required
              autocomplete="off"
              spellcheck={false}
              aria-describedby="passphrase-hint"
            />
          </Field>
        )}
        <button type="submit" disabled={phase === 'testing'}>
          Test and connect
        </button>
      </form>
      <div aria-live="polite">
        {phase === 'testing' && <p class="progress">Testing a read call and auditing the key on the exchange…</p>}
        {phase === 'failed' && <ErrorBox error={error} />}
        {(phase === 'accepted' || phase === 'refused') && (
          <article class={`outcome ${phase}`} data-outcome={phase}>
            <h3>
              {phase === 'accepted'
                ? `✓ Connected ${outcome.connection?.label}: the key is compliant`
                : '✗ Refused: this key is not safe to connect. Nothing was stored.'}
            </h3>
            <Checklist verdict={outcome.verdict} />
            {phase === 'accepted' && (
              <BalanceTable balances={outcome.balances} verdicts={verdicts} caption="Spot balances (test read)" />
            )}
          </article>
        )}
      </div>
    </section>
  );
}

function ConnectionRow({ c, onChange, canTrade, canAdmin }) {
  const [busy, setBusy] = useState(null);
  const [result, setResult] = useState(null);
  const act = async (what, fn) => {
    setBusy(what);
    setResult(null);
    try {
      setResult(await fn());
      onChange();
    } catch (err) {
      setResult({ error: err });
    } finally {
      setBusy(null);
    }
  };
  return (
    <tr data-label={c.label}>
      <th scope="row">{c.label}</th>
      <td data-title="Exchange">{c.exchange}</td>
      <td data-title="Status">
        <span class={`badge ${c.status === 'active' ? 'ok' : 'bad'}`}>{c.status}</span>
        {c.integrity !== 'ok' && <span class="badge bad">integrity: {c.integrity_problem}</span>}
        {c.health?.state === 'lost' && (
          <div class="fix lost" role="alert" data-cause={c.health.cause}>
            <strong>Connection lost</strong> since {when(c.health.since)}: {c.health.title}. {c.health.fix}
          </div>
        )}
        {c.stream && (
          <div class={`stream ${c.stream.live ? 'live' : 'down'}`} data-stream={c.stream.live ? 'live' : 'down'}>
            {c.stream.live
              ? 'Orders watched live'
              : `Live watch down (${c.stream.detail || 'reconnecting'}); checked by polling meanwhile`}
          </div>
        )}
      </td>
      <td data-title="Last audit">{when(c.audited_at)}</td>
      <td data-title="Key age">
        {c.status === 'revoked' ? '—' : <KeyAge created={c.key_created_at || c.created_at} rotation={c.rotation} />}
        {c.old_keys?.map((k) => (
          <div class="fix" data-old-key={k.api_key}>
            Delete the old key {k.api_key.slice(0, 8)}… on the exchange ({k.probe_note})
          </div>
        ))}
      </td>
      <td class="actions">
        {c.status !== 'revoked' && canTrade && (
          <button type="button" class="small" disabled={!!busy} onClick={() => act('audit', () => post(`/connections/${encodeURIComponent(c.label)}/audit`).then((r) => r.data))}>
            {busy === 'audit' ? 'Auditing…' : 'Audit now'}
          </button>
        )}
        {c.status !== 'revoked' && (
          <button
            type="button"
            class="small"
            disabled={!!busy}
            onClick={() => act('doctor', () => post(`/connections/${encodeURIComponent(c.label)}/doctor`).then((r) => ({ doctor: r.data })))}
          >
            {busy === 'doctor' ? 'Checking…' : 'Check connection'}
          </button>
        )}
        {c.status !== 'revoked' && canAdmin && (
          <button
            type="button"
            class="small danger"
            disabled={!!busy}
            onClick={() => {
              if (confirm(`Disconnect ${c.label}? Its secret is destroyed; this cannot be undone.`))
                act('disconnect', () => del(`/connections/${encodeURIComponent(c.label)}`).then((r) => r.data));
            }}
          >
            Disconnect
          </button>
        )}
        {c.status !== 'revoked' && canAdmin && <RevokeButton label={c.label} busy={busy} act={act} />}
        {c.status !== 'revoked' && canAdmin && <RotateForm label={c.label} exchange={c.exchange} onDone={onChange} />}
        {c.status !== 'revoked' && <Pairs label={c.label} canAdmin={canAdmin} example={EXCHANGES.find((x) => x.id === c.exchange)?.pairs} />}
        {result?.error && <ErrorBox error={result.error} />}
        {result?.doctor && <DoctorSteps d={result.doctor} />}
        {result?.outcome === 'revoked' && <IncidentSummary result={result} />}
        {result?.outcome && result.outcome !== 'revoked' && (
          <div role="status">
            Audit: {result.outcome}
            {result.suspended ? ' — suspended' : ''}
            {result.findings?.map((f) => (
              <div class="fix">
                {f.found}: {f.fix}
              </div>
            ))}
          </div>
        )}
      </td>
    </tr>
  );
}

// `amanah doctor`'s check, as the API answers it: each step, then the problem and its fix.
function DoctorSteps({ d }) {
  return (
    <div role="status" class="doctor">
      <ul>
        {d.steps.map((s) => (
          <li class={s.ok ? 'ok' : 'bad'} data-step={s.name}>
            {s.ok ? '✓' : '✗'} {s.name}: {s.detail}
          </li>
        ))}
      </ul>
      {d.lost ? (
        <p class="fix" data-cause={d.lost.cause}>
          <strong>{d.lost.title}.</strong> {d.lost.fix}
        </p>
      ) : (
        <p>{d.outcome === 'healthy' ? 'Healthy: every step passed.' : 'The key fails the audit: run Audit now for the checklist.'}</p>
      )}
    </div>
  );
}

export function Connections({ me }) {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const load = () => get('/connections').then(setList, setError);
  useEffect(() => {
    load();
    return Live.on((ch) => {
      if (ch.kind.startsWith('key.') || ch.kind.startsWith('alert.')) load();
    });
  }, []);
  const scopes = me.scopes || [];
  const canAdmin = scopes.includes('admin');
  const canTrade = scopes.includes('trade');
  return (
    <>
      <h1>Connections</h1>
      <ErrorBox error={error} />
      <section aria-labelledby="list-h">
        <h2 id="list-h">Your keys</h2>
        {list === null ? (
          <p>Loading…</p>
        ) : list.length === 0 ? (
          <p>No keys connected yet.</p>
        ) : (
          <div class="scroll">
            <table class="connections">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Exchange</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last audit</th>
                  <th scope="col">Key age</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <ConnectionRow c={c} onChange={load} canTrade={canTrade} canAdmin={canAdmin} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ConnectForm onDone={load} canAdmin={canAdmin} />
    </>
  );
}
