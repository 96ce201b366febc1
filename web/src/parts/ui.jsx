// Small pieces every page uses: an error box, a verdict badge, a copy button, a field.
import { useState } from 'preact/hooks';

export function ErrorBox({ error }) {
  if (!error) return null;
  const p = error.problem || {};
  return (
    <div class="error" role="alert">
      <strong>{p.title || 'Error'}</strong> {error.message}
    </div>
  );
}

const LEVEL = { compliant: 'ok', doubtful: 'warn', 'non-compliant': 'bad' };

export function VerdictBadge({ verdict }) {
  if (!verdict) return <span class="badge">unscreened</span>;
  return <span class={`badge ${LEVEL[verdict] || ''}`}>{verdict}</span>;
}

export function CopyButton({ text, label }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      class="small"
      aria-label={label || `Copy ${text}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setDone(true);
          setTimeout(() => setDone(false), 1500);
        } catch {
          setDone(false);
        }
      }}
    >
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}

export function Field({ label, hint, children, id }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <small id={`${id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(typeof iso === 'number' ? iso : iso);
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function daysSince(iso, now = Date.now()) {
  if (!iso) return null;
  return Math.floor((now - new Date(iso).getTime()) / 86400000);
}
