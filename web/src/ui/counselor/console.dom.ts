// The counselor console (desktop first, ~1280x800): availability, languages and capacity; the live offer (pushed:
// the server's `queue` notice makes the console ask for it at once, with a chime, a banner and a title badge, and a
// countdown to its lapse); the counselor's sessions side by side, one column each (column.dom.ts), or one at a time
// behind a switcher on a narrow screen. The 3 s screen poll is only a backstop here: it resynchronises at most every
// FALLBACK_MS, for an offer that lapsed or a notice lost while offline.
import * as counselorApi from '../../core/counselor.std.js';
import type { CounselorOffer } from '../../core/counselor.std.js';
import type { HavenClient } from '../../core/client.std.js';
import { language, t } from '../i18n.dom.js';
import { HELP_LANGUAGES } from '../app/counseling.std.js';
import { pushLine } from '../app/chat.dom.js';
import { h, root } from '../app/dom.dom.js';
import { onNotice, registerScreens, type Notice } from '../app/registry.dom.js';
import { render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, statusLine, wipeDialog } from '../app/widgets.dom.js';
import { chime, titleBadge, unlockSound } from '../app/alerting.dom.js';
import { duration, languageName, sessionColumn, topicName, type Column } from './column.dom.js';
import { counselorName } from './names.std.js';
import { consoleState, fetchOffer, OfferState, syncSessions } from './state.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { console: true }
}

const FALLBACK_MS = 15_000;
/** The columns on screen, by session id: rebuilt by a full render, updated in place otherwise. */
const columns = new Map<string, Column>();
let ticker: ReturnType<typeof setInterval> | null = null;

const fail = (): void => {
  app.error = t('error');
  renderLive();
};
const host = { changed: () => renderLive(), failed: fail };

/** After anything that may have brought an offer: sound, badge and the countdown. */
async function offerArrived(client: HavenClient): Promise<void> {
  if (!(await fetchOffer(client))) return;
  const played = chime();
  root.dataset.chime = played ? 'played' : 'blocked';
  showOffer();
}

function showOffer(): void {
  titleBadge(consoleState.offer ? 1 : 0);
  if (consoleState.offer && ticker === null) ticker = setInterval(tick, 1000);
  renderLive();
}

/** Every second while an offer shows: its countdown and waiting time; at the lapse, or once the state was reset
 * (lock, wipe), the offer and its badge go. */
function tick(): void {
  const offer = consoleState.offer;
  if (offer && offer.expiresAtMs <= Date.now()) consoleState.offer = null;
  if (!consoleState.offer || !app.client) {
    if (ticker !== null) clearInterval(ticker);
    ticker = null;
    titleBadge(0);
    if (app.screen === 'console' && app.client) renderLive();
    return;
  }
  const countdown = root.querySelector('[data-test=offer-countdown]');
  if (countdown) countdown.textContent = countdownText();
  const meta = root.querySelector('[data-test=offer-meta]');
  if (meta) meta.textContent = offerMeta();
}

function countdownText(): string {
  const offer = consoleState.offer;
  return offer ? t('offerCountdown', { s: Math.max(0, Math.round((offer.expiresAtMs - Date.now()) / 1000)) }) : '';
}

function offerMeta(): string {
  const offer = consoleState.offer;
  if (!offer) return '';
  return t('offerMeta', { lang: languageName(offer.language), topic: topicName(offer.topic),
    wait: duration(offer.waitedMs + performance.now() - consoleState.offerSeenAt) });
}

async function saveAvailability(available: boolean, languages: string[], max: number): Promise<void> {
  const client = app.client;
  if (!client) return;
  unlockSound(); // a click: from now on the chime of a pushed offer may play
  try {
    const p = await counselorApi.saveProfile(client.api, available, languages, max);
    Object.assign(consoleState, { available: p.available, languages: p.languages, maxSessions: p.maxSessions, availabilitySaved: true,
      offerState: p.available ? OfferState.Waiting : OfferState.Unavailable });
    app.status = t('saved');
    await syncSessions(client);
    await offerArrived(client);
  } catch {
    app.error = t('error');
  }
  renderLive();
}

/** The offer on screen, taken off it and off the tab's title for the counselor's answer; null when there is none. */
function takeOffer(): { client: HavenClient; offer: CounselorOffer } | null {
  const client = app.client;
  const offer = consoleState.offer;
  if (!client || !offer) return null;
  consoleState.offer = null;
  titleBadge(0);
  return { client, offer };
}

async function acceptOffer(): Promise<void> {
  const taken = takeOffer();
  if (!taken) return;
  const { client, offer } = taken;
  try {
    const session = await client.acceptOffer(offer.requestId);
    consoleState.sessions.set(session.sessionId, { session, label: consoleState.nextLabel++, notes: [],
      about: { language: offer.language, topic: offer.topic, waitedMs: offer.waitedMs + performance.now() - consoleState.offerSeenAt } });
    consoleState.selected = session.sessionId;
    renderLive();
    await offerArrived(client); // capacity permitting, the next person waiting
  } catch {
    fail();
  }
}

async function declineOffer(): Promise<void> {
  const taken = takeOffer();
  if (!taken) return;
  const { client, offer } = taken;
  try {
    await counselorApi.declineOffer(client.api, offer.requestId);
  } catch {
    /* lapsed meanwhile: it is back in the queue either way */
  }
  renderLive();
}

function availabilityForm(): HTMLElement {
  const available = h('input', { type: 'checkbox', name: 'available', checked: consoleState.availabilitySaved ? consoleState.available : true });
  const langs = HELP_LANGUAGES.map(([code]) => [code, h('input', { type: 'checkbox', name: `lang-${code}`,
    checked: !consoleState.availabilitySaved || consoleState.languages.includes(code) })] as const);
  const max = h('input', { type: 'number', name: 'max-sessions', min: '1', max: '20', value: String(consoleState.maxSessions) });
  const form = h('form', { class: 'console-bar', 'aria-label': t('available') },
    h('label', { class: 'inline' }, available, t('available')),
    h('fieldset', {}, h('legend', {}, t('languages')), ...langs.map(([code, box]) =>
      h('label', { class: 'inline', lang: code }, box, languageName(code)))),
    h('label', { class: 'inline-field' }, t('maxSessions'), max),
    h('button', { type: 'submit', 'data-test': 'save-availability' }, t('save')),
    app.client ? h('p', { class: 'note', 'data-test': 'my-name' }, t('yourName', { name: counselorName(app.client.accountId, language()) })) : null);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void saveAvailability(available.checked, langs.filter(([, b]) => b.checked).map(([c]) => c), Number(max.value) || 3);
  });
  return form;
}

function offerSection(): HTMLElement {
  const offer = consoleState.offer;
  if (!offer) {
    const key = !consoleState.available ? 'notAvailable' : consoleState.offerState === OfferState.AtCapacity ? 'atCapacity' : 'noOffer';
    return h('p', { id: 'offer', class: 'note pad', 'data-test': 'no-offer' }, t(key));
  }
  return h('section', { id: 'offer', class: 'offer banner', role: 'alert', 'aria-labelledby': 'offer-title', 'data-test': 'offer' },
    h('h2', { id: 'offer-title' }, t('offerTitle')),
    h('p', { 'data-test': 'offer-meta' }, offerMeta()),
    h('p', { 'data-test': 'offer-countdown' }, countdownText()),
    offer.priority > 0 ? h('p', {}, `${t('priority')}: ${offer.priority}`) : null,
    h('div', { class: 'row' },
      h('button', { 'data-test': 'accept-offer', click: () => void acceptOffer() }, t('accept')),
      h('button', { class: 'secondary', 'data-test': 'decline-offer', click: () => void declineOffer() }, t('decline'))));
}

/** On a narrow screen one column at a time: these buttons pick it (hidden by CSS when the columns fit). */
function switcher(): HTMLElement {
  return h('div', { class: 'session-switch', 'data-test': 'session-switch' },
    ...[...consoleState.sessions.values()].map((v) => h('button', { class: 'secondary small', 'aria-pressed': String(consoleState.selected === v.session.sessionId),
      'aria-controls': `column-${v.label}`, click: () => {
        consoleState.selected = v.session.sessionId;
        renderLive();
      } }, t('memberN', { n: v.label }))));
}

/** Brings the columns in line with the state: new sessions get a column, gone ones lose it, the rest update. */
function syncColumns(): void {
  const grid = root.querySelector<HTMLElement>('#columns');
  if (!grid) return;
  for (const [id, column] of columns) {
    if (!consoleState.sessions.has(id)) {
      column.el.remove();
      columns.delete(id);
    }
  }
  for (const id of consoleState.sessions.keys()) {
    let column = columns.get(id);
    if (!column) {
      column = sessionColumn(id, host);
      columns.set(id, column);
      grid.append(column.el);
    } else {
      column.update();
      column.messages(); // a notice may have added a line (a transfer, a close)
    }
    column.el.classList.toggle('selected', consoleState.selected === id);
  }
  root.querySelector('#no-sessions')?.toggleAttribute('hidden', consoleState.sessions.size > 0);
  root.querySelector('[data-test=session-switch]')?.replaceWith(switcher());
}

const statusArea = (): HTMLElement => h('div', { id: 'console-status', class: 'pad' }, statusLine(), errorLine());

function consoleScreen(): HTMLElement[] {
  if (!consoleState.opened) {
    consoleState.opened = true;
    void loadProfile();
  }
  columns.clear();
  const screen = [header(t('consoleTitle'), 'home'), wipeDialog() ?? h('span', {}), availabilityForm(), offerSection(),
    statusArea(),
    h('section', { class: 'sessions', 'aria-labelledby': 'sessions-title' },
      h('h2', { id: 'sessions-title', class: 'visually-hidden' }, t('mySessions')),
      switcher(),
      h('p', { id: 'no-sessions', class: 'note pad', hidden: consoleState.sessions.size > 0 }, t('noSessions')),
      h('div', { id: 'columns', class: 'columns' }))];
  // The columns need the grid in the page: drawn right after render() has put it there.
  queueMicrotask(syncColumns);
  return screen;
}

/** Once per unlock: what the server has for this counselor (availability saved on another device, sessions open,
 * an offer held from before a reload). */
async function loadProfile(): Promise<void> {
  const client = app.client;
  if (!client) return;
  try {
    const p = await counselorApi.profile(client.api);
    if (p.languages.length) {
      Object.assign(consoleState, { available: p.available, languages: p.languages, maxSessions: p.maxSessions, availabilitySaved: true });
    }
    await fallbackSync(client, true);
  } catch {
    /* the poll tries again */
  }
  if (app.screen === 'console') render();
}

/** The backstop: sessions and the queue from the server. */
async function fallbackSync(client: HavenClient, now = false): Promise<void> {
  if (!now && performance.now() - consoleState.lastSync < FALLBACK_MS) return;
  await syncSessions(client);
  if (!consoleState.available) return;
  const q = await counselorApi.queue(client.api);
  if (q.offer && !consoleState.offer) {
    consoleState.offer = q.offer;
    consoleState.offerSeenAt = performance.now();
    showOffer();
  } else if (q.waiting > 0) await offerArrived(client);
}

/** Only the parts that change while the counselor works, so a half-typed message, note or form is never reset. */
function renderLive(): void {
  if (app.screen !== 'console') return;
  root.querySelector('#offer')?.replaceWith(offerSection());
  root.querySelector('#console-status')?.replaceWith(statusArea());
  syncColumns();
}

const eventField = (event: Notice, key: string): string | null => {
  const v = (event as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : null;
};

function pushNotice(sessionId: string | null, conversation: string | null, notice: 'evWarm' | 'evJoined' | 'evComplete' | 'evCancel' | 'evCold' | 'evClosed'): void {
  const c = conversation ?? (sessionId ? consoleState.sessions.get(sessionId)?.session.conversationId : null);
  if (c) pushLine(c, { mine: false, sender: '', text: '', notice });
}

const TRANSFER_NOTICES = { warm: 'evWarm', complete: 'evComplete', cancel: 'evCancel', cold: 'evCold' } as const;

onNotice(async (event, client) => {
  if (!consoleState.opened) return;
  const session = eventField(event, 'session');
  if (event.event === 'queue') {
    await offerArrived(client);
  } else if (event.event === 'session_transfer') {
    const mode = eventField(event, 'mode');
    const joined = mode === 'warm' || mode === 'cold' ? eventField(event, 'counselor') === client.accountId : false;
    if (mode && mode in TRANSFER_NOTICES) {
      pushNotice(session, eventField(event, 'conversation'), joined ? 'evJoined' : TRANSFER_NOTICES[mode as keyof typeof TRANSFER_NOTICES]);
    }
    await syncSessions(client, new Set(session ? [session] : []));
  } else if (event.event === 'session_closed') {
    pushNotice(session, null, 'evClosed');
    await syncSessions(client);
    await offerArrived(client); // a place is free again
  }
});

registerScreens({
  console: {
    render: consoleScreen,
    poll: (client) => fallbackSync(client),
    refreshed: renderLive,
    message: (conversation) => {
      for (const [id, column] of columns) if (consoleState.sessions.get(id)?.session.conversationId === conversation) column.messages();
    },
  },
});
