// Alerts: a key suspended by an audit, an order we did not place, an integrity failure — newest
// first, arriving live, each acknowledged once read.
import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../api.js';
import { Live } from '../live.js';
import { ErrorBox, when } from '../parts/ui.jsx';
import { Notifications } from './notifications.jsx';

export function Alerts({ me }) {
  const [list, setList] = useState(null);
  const [error, setError] = useState(null);
  const load = () => get('/alerts').then(setList, setError);
  useEffect(() => {
    load();
    return Live.on((ch) => (ch.kind.startsWith('alert.') || ch.kind.startsWith('key.')) && load());
  }, []);
  const canAck = (me.scopes || []).includes('trade');
  return (
    <>
      <h1>Alerts</h1>
      <ErrorBox error={error} />
      {list === null ? (
        <p>Loading…</p>
      ) : list.length === 0 ? (
        <p>No alerts.</p>
      ) : (
        <ul class="alerts" aria-live="polite">
          {list.map((a) => (
            <li class={a.acknowledged_at ? 'done' : 'open'} data-kind={a.kind}>
              <strong>{a.kind}</strong> <span class="subject">{a.subject}</span> · {when(a.raised_at)}
              <p>{a.message}</p>
              {a.acknowledged_at ? (
                <small>
                  acknowledged by {a.acknowledged_by} at {when(a.acknowledged_at)}
                </small>
              ) : (
                canAck && (
                  <button type="button" class="small" onClick={() => post(`/alerts/${a.id}/acknowledge`).then(load, setError)}>
                    Acknowledge
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      <Notifications me={me} />
    </>
  );
}
