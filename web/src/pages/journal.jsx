// Journal: verify the hash chains and signed checkpoints, export the record, see the latest
// checkpoint.
import { useState } from 'preact/hooks';
import { get } from '../api.js';
import { ErrorBox } from '../parts/ui.jsx';

export function Journal({ me }) {
  const [verify, setVerify] = useState(null);
  const [checkpoint, setCheckpoint] = useState(null);
  const [error, setError] = useState(null);
  const isAdmin = (me.scopes || []).includes('admin');
  return (
    <>
      <h1>Journal</h1>
      <p>
        Every decision Amanah makes — each audit, check, order and alert — is a record in a hash chain: changing or
        removing any record breaks every hash after it.
      </p>
      <div class="buttons">
        <button type="button" onClick={() => get('/journal/verify').then(setVerify, setError)}>
          Verify
        </button>
        <a class="button" href="/api/v1/journal/export?format=html" target="_blank" rel="noopener">
          Export (printable report)
        </a>
        <a class="button" href="/api/v1/journal/export?format=json" download="amanah-journal.json">
          Export (JSON)
        </a>
        {isAdmin && (
          <button type="button" onClick={() => get('/journal/checkpoints/latest').then(setCheckpoint, setError)}>
            Latest checkpoint
          </button>
        )}
      </div>
      <ErrorBox error={error} />
      {verify && (
        <p role="status" class={verify.ok ? 'ok' : 'bad'} data-ok={String(verify.ok)}>
          {verify.ok
            ? `✓ Intact: ${verify.records} records in ${verify.chains} chains, ${verify.checkpoints_checked} signed checkpoints checked.`
            : `✗ ${verify.problem}`}
          {verify.warning ? ` ${verify.warning}` : ''}
        </p>
      )}
      {checkpoint && <pre class="wrap">{JSON.stringify(checkpoint, null, 2)}</pre>}
    </>
  );
}
