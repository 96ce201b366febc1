// Every asset's screen verdict, fetched once per page load: { BTC: 'compliant', … }.
import { get } from './api.js';

let cached = null;

export function assetVerdicts() {
  if (!cached) {
    cached = get('/screen/assets')
      .then((r) => Object.fromEntries(r.verdicts.map((v) => [v.subject, v.verdict])))
      .catch((e) => {
        cached = null;
        throw e;
      });
  }
  return cached;
}
