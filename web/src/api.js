// The daemon's /api/v1, from the page: same origin, the session cookie (HttpOnly, so no script
// reads it), and the CSRF token — kept in memory only, never in localStorage — on every
// state-changing call. Errors are the API's problem+json, thrown as ApiError.
let csrf = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

export function setCsrf(token) {
  csrf = token || null;
}

export async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const type = res.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await res.json() : await res.text();
  // 422 carries an answer (a refused key, a rejected order): the caller renders it.
  if (!res.ok && res.status !== 422) throw new ApiError(res.status, typeof data === 'object' ? data : null);
  return { status: res.status, data };
}

export const get = (path) => call('GET', path).then((r) => r.data);
export const post = (path, body) => call('POST', path, body ?? {});
export const del = (path) => call('DELETE', path);

/** The live stream of what changed (audits, orders, alerts), or null when the daemon has none. */
export function events(onEvent) {
  if (typeof EventSource === 'undefined') return null;
  const source = new EventSource('/api/v1/events', { withCredentials: true });
  source.addEventListener('change', (e) => {
    try {
      onEvent(JSON.parse(e.data));
    } catch {
      /* a malformed event is ignored; the next poll catches up */
    }
  });
  return source;
}
