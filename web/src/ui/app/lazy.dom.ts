// Screens whose code is loaded on first use: the staff areas (counselor console, …) sit in their own chunk, so a
// member's phone never downloads them (the first-load budget, issue 13). Until the chunk has loaded, each of its
// screens is a stand-in that says it is loading, starts the import once, and redraws when the real screens (which
// the chunk registers at its top level, replacing the stand-ins) are there.
import { t, type Key } from '../i18n.dom.js';
import { h } from './dom.dom.js';
import { registerScreens, type Screen, type ScreenDef } from './registry.dom.js';
import { render } from './router.dom.js';
import { app } from './state.std.js';

export function lazyScreens(names: readonly Screen[], load: () => Promise<unknown>, loading: Key): void {
  let started = false;
  let failed = false;
  const standIn: ScreenDef = {
    lazy: true,
    render: () => {
      if (!started) {
        started = true;
        void load().then(() => {
          if (names.includes(app.screen)) render();
        }, () => {
          // Offline on first use, most often: say so, and try again on the next visit to the screen.
          started = false;
          failed = true;
          if (names.includes(app.screen)) render();
        });
      }
      const text = failed ? t('error') : t(loading);
      failed = false;
      return [h('p', { class: 'note pad', role: 'status', 'data-test': 'loading' }, text)];
    },
  };
  registerScreens(Object.fromEntries(names.map((n) => [n, standIn])));
}
