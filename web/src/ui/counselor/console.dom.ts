// The counselor console (desktop first, works on a phone): availability, the live offer, the sessions.
import { t, type Key } from '../i18n.dom.js';
import { HELP_LANGUAGES } from '../app/counseling.std.js';
import { h, root } from '../app/dom.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { go, render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, statusLine, wipeDialog } from '../app/widgets.dom.js';
import { consoleState, refreshConsole, type Offer } from './state.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { console: true }
}

async function saveAvailability(available: boolean, languages: string[], max: number): Promise<void> {
  const client = app.client;
  if (!client) return;
  try {
    await client.setAvailability(available, languages, max);
    consoleState.available = available;
    consoleState.availabilitySaved = true;
    app.status = t('saved');
    await refreshConsole(client);
  } catch {
    app.error = t('error');
  }
  render();
}

async function acceptOffer(offer: Offer): Promise<void> {
  const client = app.client;
  if (!client) return;
  try {
    consoleState.counsel = await client.acceptOffer(offer.requestId);
    consoleState.offer = null;
    go('counsel');
  } catch {
    consoleState.offer = null;
    app.error = t('error');
    render();
  }
}

function consoleScreen(): HTMLElement[] {
  const available = h('input', { type: 'checkbox', name: 'available', checked: true });
  // The form keeps what the counselor saved when the screen is rebuilt (a language switch, a return from a session).
  if (consoleState.availabilitySaved) available.checked = consoleState.available;
  const langs = HELP_LANGUAGES.map(([code, name]) => [code, h('input', { type: 'checkbox', name: `lang-${code}`, checked: true })] as const);
  const max = h('input', { type: 'number', name: 'max-sessions', min: '1', max: '10', value: '3' });
  const form = h('form', { class: 'screen' },
    wipeDialog(),
    h('label', { class: 'inline' }, available, t('available')),
    h('fieldset', {}, h('legend', {}, t('languages')), ...langs.map(([code, box]) =>
      h('label', { class: 'inline', lang: code }, box, HELP_LANGUAGES.find(([c]) => c === code)![1]))),
    h('label', {}, t('maxSessions'), max),
    h('button', { type: 'submit', 'data-test': 'save-availability' }, t('save')),
    statusLine(),
    errorLine());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void saveAvailability(available.checked, langs.filter(([, b]) => b.checked).map(([c]) => c), Number(max.value) || 3);
  });
  return [header(t('consoleTitle'), 'home'), offerSection(), form, sessionsSection()];
}

/** The parts of the console that change while the counselor works: re-rendered alone, so a half-edited
 * availability form is never reset by a poll. */
function renderConsoleLive(): void {
  root.querySelector('#offer')?.replaceWith(offerSection());
  root.querySelector('#sessions')?.replaceWith(sessionsSection());
}

function offerSection(): HTMLElement {
  const offer = consoleState.offer;
  const seconds = offer ? Math.max(0, Math.round((offer.expiresAtMs - Date.now()) / 1000)) : 0;
  return offer ? h('section', { id: 'offer', class: 'offer', role: 'alert', 'data-test': 'offer' },
      h('h2', {}, t('offerTitle')),
      h('p', {}, t('offerBody', { lang: offer.language, topic: offer.topic ? t(`topic_${offer.topic}` as Key) : '—',
        wait: `${Math.round(offer.waitedMs / 1000)} s`, s: seconds })),
      h('p', {}, `${t('priority')}: ${offer.priority}`),
      h('div', { class: 'row' },
        h('button', { 'data-test': 'accept-offer', click: () => void acceptOffer(offer) }, t('accept')),
        h('button', { class: 'secondary', click: () => { void app.client?.api.post(`/v1/counseling/offers/${offer.requestId}/decline`).catch(() => undefined); consoleState.offer = null; render(); } }, t('decline'))))
      : h('p', { id: 'offer', class: 'note pad' }, t('noOffer'));
}

function sessionsSection(): HTMLElement {
  return h('section', { id: 'sessions', class: 'screen' }, h('h2', {}, t('mySessions')),
    h('ul', { class: 'list' }, ...consoleState.counselSessions.map((s, i) => h('li', {},
      h('button', { 'data-test': 'open-counsel', click: () => { consoleState.counsel = s; go('counsel'); } }, `${t('member')} ${i + 1}`)))));
}

registerScreens({ console: { render: consoleScreen, poll: refreshConsole, refreshed: renderConsoleLive } });
