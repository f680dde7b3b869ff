// The pieces every screen shows: the header bar (back, language, lock, wipe), the wipe confirmation, the status
// and progress line, the error line.
import iconFile from '../icon.svg';
import { language, t } from '../i18n.dom.js';
import { h, type Child } from './dom.dom.js';
import { switchLanguage } from './language.dom.js';
import { panicWipe, quickLock } from './lock.dom.js';
import type { Screen } from './registry.dom.js';
import { go, render } from './router.dom.js';
import { app } from './state.std.js';

// esbuild names the file relative to the bundle; resolve it against the script, not the page.
const iconUrl = new URL(iconFile, import.meta.url).href;

export function header(title: string, back: Screen | null): HTMLElement {
  const unlocked = app.client !== null;
  return h('header', { class: 'bar' },
    back ? h('button', { class: 'secondary small', 'data-test': 'back', click: () => go(back) }, t('back'))
      : h('img', { src: iconUrl, alt: '' }),
    h('h1', {}, title),
    h('span', { class: 'spacer' }),
    h('button', { class: 'secondary small', 'data-test': 'language', lang: language() === 'my' ? 'en' : 'my',
      'aria-label': t('switchLanguage'), click: () => switchLanguage(language() === 'my' ? 'en' : 'my') }, t('otherLanguage')),
    unlocked && h('button', { class: 'small', 'data-test': 'lock', click: () => void quickLock() }, t('lock')),
    h('button', { class: 'danger small', 'data-test': 'wipe', click: () => { app.confirmWipe = true; render(); } }, t('wipe')),
  );
}

export function wipeDialog(): HTMLElement | null {
  if (!app.confirmWipe) return null;
  return h('div', { class: 'dialog', role: 'alertdialog', 'aria-labelledby': 'wipe-q' },
    h('p', { id: 'wipe-q' }, t('wipeConfirm')),
    h('div', { class: 'row' },
      h('button', { class: 'danger', 'data-test': 'wipe-confirm', click: () => void panicWipe() }, t('wipeYes')),
      h('button', { class: 'secondary', click: () => { app.confirmWipe = false; render(); } }, t('cancel'))));
}

export function statusLine(): Child {
  if (!app.busy) return app.status ? h('p', { class: 'note', role: 'status' }, app.status) : null;
  return h('div', { role: 'status' },
    h('p', { class: 'note', 'data-test': 'status' }, app.status),
    app.progress !== null ? h('progress', { max: '1', value: String(app.progress), 'aria-label': t('working') }) : h('progress', {}));
}

export function errorLine(): Child {
  return app.error ? h('p', { class: 'error', role: 'alert', 'data-test': 'error' }, app.error) : null;
}
