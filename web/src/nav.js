// In-page navigation: the URL changes, the app re-renders the page it names (the daemon answers
// every page path with index.html, so a reload or a shared link lands on the same page).
export function navigate(path) {
  history.pushState(null, '', path);
  dispatchEvent(new PopStateEvent('popstate'));
}
