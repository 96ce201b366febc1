// Notifications: the endpoints Amanah POSTs alerts to (a chat bridge, a push service), each with
// its signing secret shown once, and what was sent to them — delivered, waiting for its next
// attempt, or kept as undeliverable with a Retry.
import { useEffect, useRef, useState } from 'preact/hooks';
import { del, get, post } from '../api.js';
import { Live } from '../live.js';
import { CopyButton, ErrorBox, Field, when } from '../parts/ui.jsx';

const EVENTS = ['order.foreign', 'key.suspended', 'key.audit_failed', 'key.rotation_due', 'plan.failed', 'connection.lost', 'key.revoked'];

function EndpointForm({ onAdded }) {
  const formRef = useRef(null);
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const data = new FormData(formRef.current);
    const events = EVENTS.filter((t) => data.get(`ev-${t}`));
    try {
      const { data: made } = await post('/notify/endpoints', {
        url: data.get('url'),
        description: data.get('description') || '',
        events: events.length === EVENTS.length ? ['*'] : events,
      });
      setError(null);
      formRef.current.reset();
      onAdded(made);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form ref={formRef} onSubmit={submit} class="notify-form">
      <Field id="nf-url" label="Endpoint URL" hint="https://… — a chat bridge or push service (docs/notifications.md)">
        <input id="nf-url" name="url" type="url" required spellcheck={false} aria-describedby="nf-url-hint" />
      </Field>
      <Field id="nf-description" label="Description">
        <input id="nf-description" name="description" maxLength={200} />
      </Field>
      <fieldset>
        <legend>Events</legend>
        {EVENTS.map((t) => (
          <label class="check">
            <input type="checkbox" name={`ev-${t}`} defaultChecked /> {t}
          </label>
        ))}
      </fieldset>
      <button type="submit">Add endpoint</button>
      <ErrorBox error={error} />
    </form>
  );
}

export function Notifications({ me }) {
  const canAdmin = (me.scopes || []).includes('admin');
  const [endpoints, setEndpoints] = useState(null);
  const [sent, setSent] = useState(null);
  const [secret, setSecret] = useState(null);
  const [error, setError] = useState(null);
  const load = () => {
    if (canAdmin) get('/notify/endpoints').then(setEndpoints, setError);
    get('/notifications').then(setSent, setError);
  };
  useEffect(() => {
    load();
    const timer = setInterval(load, 5000);
    const off = Live.on((ch) => (ch.kind.startsWith('alert.') || ch.kind.startsWith('key.')) && load());
    return () => {
      clearInterval(timer);
      off && off();
    };
  }, []);
  const act = (p) => p.then(load, setError);
  const showSecret = ({ data }) => {
    setSecret({ id: data.id, secret: data.secret });
    load();
  };
  return (
    <section aria-labelledby="notify-h">
      <h2 id="notify-h">Notifications</h2>
      <ErrorBox error={error} />
      {canAdmin && (
        <>
          <EndpointForm onAdded={(made) => showSecret({ data: made })} />
          {secret && (
            <div role="status" class="secret-once">
              Signing secret of {secret.id} — shown this once; give it to the receiver: <code>{secret.secret}</code>{' '}
              <CopyButton text={secret.secret} label="Copy secret" />
            </div>
          )}
          {endpoints && endpoints.length > 0 && (
            <table class="endpoints">
              <thead>
                <tr>
                  <th>Endpoint</th>
                  <th>Events</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {endpoints.map((e) => (
                  <tr data-endpoint={e.id}>
                    <td>
                      <code>{e.url}</code> {e.description}
                    </td>
                    <td>{e.events.join(', ')}</td>
                    <td>
                      <button type="button" class="small" onClick={() => act(post(`/notify/endpoints/${e.id}/test`))}>
                        Send test
                      </button>{' '}
                      <button type="button" class="small" onClick={() => post(`/notify/endpoints/${e.id}/secret`).then(showSecret, setError)}>
                        New secret
                      </button>{' '}
                      <button type="button" class="small danger" onClick={() => act(del(`/notify/endpoints/${e.id}`))}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {sent === null ? (
        <p>Loading…</p>
      ) : sent.length === 0 ? (
        <p>No notifications sent yet.</p>
      ) : (
        <ul class="notifications" aria-live="polite">
          {sent.map((n) => (
            <li class={n.state} data-type={n.type}>
              <strong>{n.type}</strong> · {when(n.created_at)} · <span class="state">{n.state}</span> ({n.attempts} attempt
              {n.attempts === 1 ? '' : 's'})
              {n.message && <p>{n.message}</p>}
              {n.last_error && <small>{n.last_error}</small>}
              {n.state === 'undeliverable' && canAdmin && (
                <button type="button" class="small" onClick={() => act(post(`/notifications/${n.id}/retry`))}>
                  Retry
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
