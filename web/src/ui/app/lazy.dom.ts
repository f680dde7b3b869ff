// Screens whose code is loaded on first use: the staff areas (counselor console, moderator dashboard, admin page) sit
// in chunks of their own, so a member's phone never downloads them (the first-load budget, issue 13) and nothing in
// the member app's bundle names what staff do. The screen names are registered at once (so go() and the fragment know
// them) as stand-ins that say they are opening, start the import once, and redraw when the real screens — which the
// chunk registers at its top level, replacing the stand-ins (registry.dom.ts) — are there.
import { t } from '../i18n.dom.js';
import { h } from './dom.dom.js';
import { registerScreens, type Screen, type ScreenDef } from './registry.dom.js';
import { render } from './router.dom.js';
import { app } from './state.std.js';
import { header } from './widgets.dom.js';

/** Loads the chunk (once; again after a failure) and resolves when its screens are registered. */
export type LoadChunk = () => Promise<void>;

export function lazyScreens(names: readonly Screen[], importChunk: () => Promise<unknown>): LoadChunk {
  let loading: Promise<void> | null = null;
  let failed = false;
  const load: LoadChunk = () => {
    loading ??= importChunk().then(() => {
      failed = false;
      if (names.includes(app.screen)) render();
    }, (e: unknown) => {
      // Offline when it was first asked for, most often: say so, and try again on the next render or notice.
      loading = null;
      failed = true;
      if (names.includes(app.screen)) render();
      throw e;
    });
    return loading;
  };
  const standIn: ScreenDef = {
    lazy: true,
    render: () => {
      void load().catch(() => undefined);
      return [header(t('staffLoading'), 'home'),
        h('p', { class: failed ? 'error pad' : 'note pad', role: 'status', 'data-test': 'loading' },
          failed ? t('staffLoadFailed') : t('staffLoading'))];
    },
  };
  registerScreens(Object.fromEntries(names.map((n) => [n, standIn])));
  return load;
}
