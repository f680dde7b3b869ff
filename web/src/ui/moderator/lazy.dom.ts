// Staff screens load on first use, as a chunk of their own: a member's phone never downloads the moderator dashboard
// or the admin page (issue 13's first-load budget), and nothing in the member app's bundle names what staff do.
// The screen names are registered at once (so go() and the fragment know them); the first render draws a short
// "opening" line, imports the chunk, and draws the real screen when it arrives.
import { t } from '../i18n.dom.js';
import { h } from '../app/dom.dom.js';
import { registerScreens, type Screen, type ScreenDef } from '../app/registry.dom.js';
import { render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { header } from '../app/widgets.dom.js';

export type ScreenTable = { [S in Screen]?: ScreenDef };

export interface Lazy {
  /** The chunk's screens, importing it first if need be. */
  load(): Promise<ScreenTable>;
}

export function lazyScreens(names: readonly Screen[], importChunk: () => Promise<{ screens: ScreenTable }>): Lazy {
  let loaded: ScreenTable | null = null;
  let loading: Promise<ScreenTable> | null = null;
  let failed = false;
  const load = (): Promise<ScreenTable> => {
    loading ??= importChunk().then((m) => {
      loaded = m.screens;
      failed = false;
      if (names.includes(app.screen)) render();
      return m.screens;
    }, (e: unknown) => {
      // Offline when it was first asked for: say so, and try again on the next render or poll.
      loading = null;
      failed = true;
      if (names.includes(app.screen)) render();
      throw e;
    });
    return loading;
  };
  const table: ScreenTable = {};
  for (const name of names) {
    table[name] = {
      render: () => {
        const def = loaded?.[name];
        if (def) return def.render();
        void load().catch(() => undefined);
        return [header(t('staffLoading'), 'home'),
          h('p', { class: failed ? 'error pad' : 'note pad', role: 'status' }, failed ? t('staffLoadFailed') : t('staffLoading'))];
      },
      poll: async (client) => {
        await (await load())[name]?.poll?.(client);
      },
      refreshed: () => loaded?.[name]?.refreshed?.(),
    };
  }
  registerScreens(table);
  return { load };
}
