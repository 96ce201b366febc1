// Live updates: one EventSource per logged-in page; each change (an audit's result, an order's
// new state, an alert) is handed to the pages that listen for its kind, so they reload what they
// show without the user reloading the page.
import { events } from './api.js';

const listeners = new Set();
let last = null;

export const Live = {
  start() {
    const source = events((change) => {
      last = change;
      for (const l of listeners) l(change);
    });
    return () => source?.close();
  },
  /** Calls `fn(change)` for every change until the returned function is called. */
  on(fn) {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  last: () => last,
};
