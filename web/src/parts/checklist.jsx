// A key's audit as the exchange's own API-management page shows it: each permission ✓/✗ with what
// it means, then every finding with why it matters (riba, maysir, custody) and the exact fix, then
// the egress IPs to whitelist.
import { CopyButton } from './ui.jsx';

export function Checklist({ verdict }) {
  if (!verdict) return null;
  return (
    <section aria-label="Permission checklist">
      <h3>Permissions on the exchange</h3>
      <ul class="checklist">
        {verdict.checklist.map((item) => (
          <li class={item.ok ? 'ok' : 'bad'}>
            <span class="mark" aria-hidden="true">
              {item.ok ? '✓' : '✗'}
            </span>
            <span class="sr-only">{item.ok ? 'correct:' : 'wrong:'}</span>
            <strong>{item.label}</strong>: {item.value} <small>(must be {item.want})</small>
            <div class="meaning">{item.meaning}</div>
          </li>
        ))}
      </ul>
      {verdict.findings.length > 0 && (
        <>
          <h3>What must change</h3>
          <ul class="findings">
            {verdict.findings.map((f) => (
              <li class={`finding ${f.severity}`} data-code={f.code}>
                <strong>{f.found}</strong> <span class="badge">{f.concern}</span>
                <p>{f.why}</p>
                <p class="fix">
                  <strong>Fix:</strong> {f.fix}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
      {verdict.margin_exclusion && <p class="note">{verdict.margin_exclusion}</p>}
      <h3>IP whitelist</h3>
      <p>{verdict.ip_instruction}</p>
      {(verdict.egress_ips || []).length > 0 && (
        <ul class="ips">
          {verdict.egress_ips.map((ip) => (
            <li>
              <code>{ip}</code> <CopyButton text={ip} label={`Copy the IP ${ip}`} />
            </li>
          ))}
          {verdict.egress_ips.length > 1 && (
            <li>
              <CopyButton text={verdict.egress_ips.join(' ')} label="Copy every IP" /> all
            </li>
          )}
        </ul>
      )}
      {(verdict.notes || []).map((n) => (
        <p class="note">{n}</p>
      ))}
    </section>
  );
}
