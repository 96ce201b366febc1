// Screen: search an asset or a pair; its verdict, the rules that fired with their citations,
// "scholars differ" markers, each rule's explanation, and the published rulings of named Shariah
// boards and advisers on it (with a mark where they differ from the verdict).
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.js';
import { ErrorBox, VerdictBadge } from '../parts/ui.jsx';

function Rule({ r, suffix }) {
  const [open, setOpen] = useState(false);
  const [explained, setExplained] = useState(null);
  return (
    <li class="rule">
      <VerdictBadge verdict={r.verdict} /> <strong>{r.id}</strong> — {r.summary}
      {r.scholars_differ && <span class="badge warn">scholars differ</span>}
      <p>{r.evidence}</p>
      <ul class="cites">
        {r.citations.map((c) => (
          <li>
            <cite>{c.ref}</cite> {c.title}
            {c.note ? ` — ${c.note}` : ''}
          </li>
        ))}
      </ul>
      <button
        type="button"
        class="small"
        aria-expanded={open}
        onClick={async () => {
          setOpen(!open);
          if (!explained) setExplained(await get(`/screen/rules/${encodeURIComponent(r.id)}${suffix}`).catch((e) => ({ error: e })));
        }}
      >
        {open ? 'Hide the explanation' : 'Explain'}
      </button>
      {open && explained && !explained.error && (
        <div class="explain">
          <p>{explained.rationale}</p>
          {explained.positions && (
            <ul>
              {explained.positions.map((p) => (
                <li>
                  <strong>{p.label || p.id}</strong>: {p.summary || p.text}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {open && explained?.error && <ErrorBox error={explained.error} />}
    </li>
  );
}

export function Screen() {
  const [all, setAll] = useState(null);
  const [query, setQuery] = useState('');
  const [one, setOne] = useState(null);
  const [error, setError] = useState(null);
  const [rulesets, setRulesets] = useState(null);
  const [ruleset, setRuleset] = useState('');
  const suffix = ruleset ? `?ruleset=${encodeURIComponent(ruleset)}` : '';
  useEffect(() => {
    get('/screen/rulesets').then(setRulesets, () => {});
  }, []);
  useEffect(() => {
    setAll(null);
    get(`/screen/assets${suffix}`).then(setAll, setError);
    const q = query.trim().toUpperCase();
    if (one && q) screenOne(q);
  }, [ruleset]);
  async function screenOne(q) {
    setError(null);
    try {
      const kind = q.length > 5 && /(USDT|USDC|BTC|ETH|EUR|TRY|FDUSD)$/.test(q) ? 'pairs' : 'assets';
      setOne(await get(`/screen/${kind}/${encodeURIComponent(q)}${suffix}`));
    } catch (err) {
      setError(err);
    }
  }
  const search = (e) => {
    e.preventDefault();
    const q = query.trim().toUpperCase();
    if (q) screenOne(q);
  };
  const v = one?.verdicts?.[0];
  return (
    <>
      <h1>Screen</h1>
      {rulesets && (
        <p>
          <label for="ruleset">Ruleset</label>{' '}
          <select id="ruleset" value={ruleset || rulesets.in_use.id} onChange={(e) => setRuleset(e.currentTarget.value)}>
            {rulesets.shipped.map((name) => (
              <option value={name}>
                {name}
                {name === rulesets.in_use.id ? ' (in use for orders)' : ''}
              </option>
            ))}
          </select>{' '}
          <small>
            Orders are always checked under the daemon's <code>[policy] ruleset</code> ({rulesets.in_use.id} v
            {rulesets.in_use.version}); switching here shows how another school of thought would screen.
          </small>
        </p>
      )}
      <form onSubmit={search} role="search">
        <label for="q">Asset or pair</label>{' '}
        <input id="q" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="BTC or BTCUSDT" />{' '}
        <button type="submit">Screen</button>
      </form>
      <ErrorBox error={error} />
      {v && (
        <article class="verdict" aria-live="polite">
          <h2>
            {v.subject} <VerdictBadge verdict={v.verdict} /> <small>under {v.ruleset?.id}</small>
            {v.scholars_differ && <span class="badge warn">scholars differ</span>}
            {v.low_confidence && <span class="badge warn">low confidence</span>}
          </h2>
          <ul class="rules">
            {v.rules.map((r) => (
              <Rule r={r} suffix={suffix} />
            ))}
          </ul>
          {v.rulings?.length > 0 && (
            <section class="rulings" aria-label="Published rulings">
              <h3>Published rulings</h3>
              <ul>
                {v.rulings.map((r) => (
                  <li>
                    <VerdictBadge verdict={r.verdict} /> <strong>{r.by}</strong> ({r.kind}, {r.date}) on {r.subject}
                    {!r.agrees && <span class="badge warn">differs from this verdict</span>}{' '}
                    <a href={r.url} rel="noreferrer noopener" target="_blank">
                      source
                    </a>
                    <p>{r.scope}</p>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <p class="note">{v.notice}</p>
        </article>
      )}
      <h2>Every asset</h2>
      {all === null ? (
        <p>Loading…</p>
      ) : (
        <ul class="grid">
          {all.verdicts.map((x) => (
            <li>
              <button type="button" class="link" onClick={() => { setQuery(x.subject); get(`/screen/assets/${x.subject}${suffix}`).then(setOne, setError); }}>
                {x.subject}
              </button>{' '}
              <VerdictBadge verdict={x.verdict} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
