// First-run setup (the one-time token `amanah serve` printed) and login.
import { useEffect, useState } from 'preact/hooks';
import { call, get } from '../api.js';
import { ErrorBox, Field } from '../parts/ui.jsx';

export function Login({ onLoggedIn }) {
  const [setUp, setSetUp] = useState(undefined);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    get('/setup')
      .then((s) => setSetUp(s.set_up))
      .catch(setError);
  }, []);

  const submit = async (e) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = Object.fromEntries(form.entries());
    setBusy(true);
    setError(null);
    try {
      await call('POST', setUp ? '/session' : '/setup', body);
      e.currentTarget?.reset?.();
      onLoggedIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (setUp === undefined && !error) return <main class="page narrow">Loading…</main>;
  return (
    <main class="page narrow" id="main">
      <h1>{setUp === false ? 'Set up Amanah' : 'Log in to Amanah'}</h1>
      {setUp === false && (
        <p>
          No one owns this installation yet. Paste the one-time setup token that <code>amanah serve</code> printed
          when it started, and choose the first owner's name and password.
        </p>
      )}
      <ErrorBox error={error} />
      <form onSubmit={submit} aria-busy={busy}>
        {setUp === false && (
          <>
            <Field id="setup_token" label="Setup token">
              <input id="setup_token" name="setup_token" required autocomplete="off" spellcheck={false} />
            </Field>
            <Field id="tenant" label="Organisation" hint="Your tenant: its keys, orders and journal are yours alone.">
              <input id="tenant" name="tenant" required aria-describedby="tenant-hint" />
            </Field>
          </>
        )}
        <Field id="name" label="User name">
          <input id="name" name="name" required autocomplete="username" />
        </Field>
        <Field id="password" label="Password" hint={setUp === false ? 'At least 12 characters.' : undefined}>
          <input
            id="password"
            name="password"
            type="password"
            required
            autocomplete={setUp === false ? 'new-password' : 'current-password'}
            aria-describedby={setUp === false ? 'password-hint' : undefined}
          />
        </Field>
        <button type="submit" disabled={busy}>
          {setUp === false ? 'Create the owner and log in' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
