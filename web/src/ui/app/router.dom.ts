// Routing and drawing: a screen name in the URL fragment, replaced (never pushed, so nothing piles up in history),
// and render(), which rebuilds <main> from the state through the screen registry.
import { root } from './dom.dom.js';
import { fragmentReadersList, screenDef, type Screen } from './registry.dom.js';
import { app } from './state.std.js';

/** Set once the panic wipe ran: nothing may draw over the neutral page. */
let stopped = false;
export function stopRendering(): void {
  stopped = true;
}

export function go(screen: Screen): void {
  app.screen = screen;
  app.error = '';
  app.status = '';
  history.replaceState(null, '', `#/${screen}`);
  render();
}

export function render(): void {
  if (stopped) return;
  // A screen that needs an unlocked client falls back to unlock (a stale fragment after lock, say).
  if (!screenDef(app.screen).public && !app.client) app.screen = 'unlock';
  const def = screenDef(app.screen);
  root.replaceChildren(...def.render());
  root.dataset.screen = app.screen;
  if (def.focusCompose) root.querySelector('textarea')?.focus();
}

/** Only the progress bar and status text: a long proof of work reports often, and a full render would reset forms. */
export function renderProgress(): void {
  const bar = root.querySelector('progress');
  if (bar && app.progress !== null) bar.value = app.progress;
  const status = root.querySelector('[data-test=status]');
  if (status) status.textContent = app.status;
}

/** Lets every fragment reader take what is its own (an invite code) out of the fragment; returns the fragment the
 * reader left in its place, or null if none was claimed. */
export function readFragment(): string | null {
  let kept: string | null = null;
  for (const r of fragmentReadersList()) kept = r.read(location.hash) ?? kept;
  return kept;
}

export function watchFragment(): void {
  addEventListener('hashchange', () => {
    readFragment();
    for (const r of fragmentReadersList()) r.changed?.();
  });
}
