// Quick lock (one tap, or idle minutes) and the panic wipe, for a phone that may be searched.
import { t } from '../i18n.dom.js';
import { h, root } from './dom.dom.js';
import { render, stopRendering } from './router.dom.js';
import { app, resetState } from './state.std.js';
import { renewStore, store } from './store.dom.js';

const IDLE_LOCK_MS = 3 * 60_000;

/** Drop every key and every message from memory; the sealed state stays. */
export async function quickLock(): Promise<void> {
  const client = app.client;
  resetState(true);
  app.screen = 'unlock';
  app.status = t('locked');
  history.replaceState(null, '', '#/unlock');
  render();
  if (client) await client.lock().catch(() => undefined);
}

/** Delete everything this origin keeps, at once, and leave a neutral page that says nothing about what was here. */
export async function panicWipe(): Promise<void> {
  stopRendering();
  const client = app.client;
  resetState(false);
  document.body.className = '';
  root.replaceChildren(h('div', { class: 'neutral', 'data-test': 'neutral' }, h('h1', {}, t('neutralTitle')), h('p', {}, t('neutralBody'))));
  history.replaceState(null, '', location.pathname);
  try {
    localStorage.clear();
    sessionStorage.clear();
  } catch {
    /* storage may be disabled */
  }
  // Stop the client without letting it save again (a save after the delete would recreate the database).
  const wipedStore = store();
  wipedStore.wiped = true;
  if (client) await Promise.race([client.lock().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
  wipedStore.inner.close();
  if ('serviceWorker' in navigator) {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister().catch(() => false);
  }
  await deleteAllDatabases();
  if ('caches' in self) for (const name of await caches.keys()) await caches.delete(name);
  renewStore();
  document.documentElement.dataset.wiped = 'done';
}

async function deleteAllDatabases(): Promise<void> {
  const names = new Set(['haven']);
  try {
    for (const d of await indexedDB.databases()) if (d.name) names.add(d.name);
  } catch {
    /* older browsers: delete the one we know */
  }
  await Promise.all([...names].map((name) => new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = () => resolve();
    // A connection still open (a save in flight) delays the delete until it closes; it still happens.
    r.onblocked = () => undefined;
  })));
}

let idleTimer: ReturnType<typeof setTimeout> | undefined;
/** Restart the idle countdown (any touch, key or scroll; and once unlocked). */
export function resetIdle(): void {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  if (app.client) idleTimer = setTimeout(() => void quickLock(), IDLE_LOCK_MS);
}

export function watchIdle(): void {
  for (const ev of ['pointerdown', 'keydown', 'touchstart', 'scroll']) addEventListener(ev, resetIdle, { passive: true });
}
