// Starting the page: language, fragment, service worker, and the first screen (unlock if this device keeps an
// identity, welcome otherwise).
import { preferredLanguage, setLanguage } from '../i18n.dom.js';
import { savedLanguage } from './language.dom.js';
import { watchIdle } from './lock.dom.js';
import { readFragment, render, watchFragment } from './router.dom.js';
import { app } from './state.std.js';
import { hasIdentity } from './store.dom.js';

export async function start(): Promise<void> {
  watchIdle();
  setLanguage(savedLanguage() ?? preferredLanguage(navigator.languages));
  const kept = readFragment();
  watchFragment();
  // The app shell (never content) for a bad connection; http://127.0.0.1 and https only (secure contexts).
  if ('serviceWorker' in navigator && isSecureContext) void navigator.serviceWorker.register('sw.js').catch(() => undefined);
  app.screen = (await hasIdentity()) ? 'unlock' : 'welcome';
  history.replaceState(null, '', kept ?? `#/${app.screen}`);
  render();
  document.documentElement.dataset.ready = 'true';
}
