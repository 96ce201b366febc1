// The pairs a connection may trade (orders on any other pair are refused before signing): the
// list, approve more, revoke one.
import { useEffect, useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { ErrorBox } from './ui.jsx';

export function Pairs({ label, canAdmin, example = 'BTCUSDT ETHUSDT' }) {
  const [pairs, setPairs] = useState(null);
  const [error, setError] = useState(null);
  const base = `/connections/${encodeURIComponent(label)}/pairs`;
  useEffect(() => {
    get(base).then((r) => setPairs(r.pairs), setError);
  }, [label]);
  const approve = async (e) => {
    e.preventDefault();
    const input = e.currentTarget.elements.pairs;
    const wanted = input.value.toUpperCase().split(/[\s,]+/).filter(Boolean);
    if (!wanted.length) return;
    try {
      const { data } = await post(base, { pairs: wanted });
      setPairs(data.pairs);
      setError(null);
      input.value = '';
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div class="pairs">
      <span>Approved pairs: </span>
      {pairs === null ? '…' : pairs.length === 0 ? <em>none (every order is refused)</em> : null}
      {(pairs || []).map((p) => (
        <span class="badge">
          {p}
          {canAdmin && (
            <button
              type="button"
              class="link"
              aria-label={`Revoke ${p}`}
              onClick={() => del(`${base}/${encodeURIComponent(p)}`).then((r) => setPairs(r.data.pairs), setError)}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {canAdmin && (
        <form class="approve" onSubmit={approve}>
          <label for={`pairs-${label}`} class="sr-only">
            Pairs to approve for {label}
          </label>
          <input id={`pairs-${label}`} name="pairs" placeholder={example} />
          <button type="submit" class="small">
            Approve
          </button>
        </form>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
