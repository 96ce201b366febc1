import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get, setCsrf, ApiError } from './api.js';
import { Login } from './pages/login.jsx';
import { Connections } from './pages/connections.jsx';
import { Balances } from './pages/balances.jsx';
import { Screen } from './pages/screen.jsx';
import { Orders } from './pages/orders.jsx';
import { Plans } from './pages/plans.jsx';
import { Alerts } from './pages/alerts.jsx';
import { Journal } from './pages/journal.jsx';
import { Live } from './live.js';
import { navigate } from './nav.js';
import './style.css';

const PAGES = [
  ['/connections', 'Connections', Connections],
  ['/balances', 'Balances', Balances],
  ['/screen', 'Screen', Screen],
  ['/orders', 'Orders', Orders],
  ['/plans', 'Plans', Plans],
  ['/alerts', 'Alerts', Alerts],
  ['/journal', 'Journal', Journal],
];


function usePath() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const on = () => setPath(location.pathname);
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  return path;
}

function App() {
  const [me, setMe] = useState(undefined); // undefined: asking; null: logged out
  const path = usePath();
  const refresh = () =>
    get('/me')
      .then((m) => {
        setCsrf(m.csrf_token);
        setMe(m);
      })
      .catch((e) => {
        if (!(e instanceof ApiError)) console.error(e);
        setCsrf(null);
        setMe(null);
      });
  useEffect(() => {
    refresh();
  }, []);
  useEffect(() => {
    if (!me) return undefined;
    return Live.start();
  }, [me]);

  if (me === undefined) return <main class="page" aria-busy="true">Loading…</main>;
  if (me === null) return <Login onLoggedIn={refresh} />;

  const current = PAGES.find(([p]) => path === p || path.startsWith(`${p}/`)) || PAGES[0];
  const Page = current[2];
  document.title = `${current[1]} · Amanah`;
  return (
    <>
      <a class="skip" href="#main">Skip to content</a>
      <header class="top">
        <span class="brand" aria-label="Amanah">Amanah</span>
        <nav aria-label="Pages">
          {PAGES.map(([p, name]) => (
            <a
              href={p}
              aria-current={current[0] === p ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                navigate(p);
              }}
            >
              {name}
            </a>
          ))}
        </nav>
        <span class="who">
          {me.name} · {me.role}
          <button
            type="button"
            class="link"
            onClick={async () => {
              await fetch('/api/v1/session', { method: 'DELETE', headers: { 'X-CSRF-Token': me.csrf_token } });
              setCsrf(null);
              setMe(null);
            }}
          >
            Log out
          </button>
        </span>
      </header>
      <main id="main" class="page" tabIndex={-1}>
        <Page me={me} path={path} />
      </main>
    </>
  );
}

render(<App />, document.getElementById('app'));
