// The member app: create or unlock an identity, join a group from an invite link, chat under a pseudonym, ask for a
// counselor and talk one to one; quick lock and panic wipe for a phone that may be searched (docs/web.md, member's
// guide). Plain DOM, no framework: a few screens, each a function that rebuilds <main> from the app state, and text
// only ever set through textContent (never innerHTML), so nothing a peer sends can become markup.
//
// What this page keeps out of the phone's history and of anyone's view: the title is fixed in index.html and never
// set here; the route lives in the URL fragment and is only ever changed with history.replaceState, and it names a
// screen, never a group, session or invite code (those stay in memory); messages are held in memory only and are
// gone on lock.
import './app.css';
import iconFile from './icon.svg';
import { ready } from '../core/sodium.std.js';
import { ApiError, expectArray, expectObject, expectString } from '../core/api.std.js';
import { HavenClient, type CounselingSession, type IncomingMessage, type PowSolver, type StateStore } from '../core/client.std.js';
import type { Bytes } from '../core/encoding.std.js';
import { DecryptionError } from '../core/errors.std.js';
import { TimeoutError } from '../core/queue.std.js';
import { formatSafetyNumber, safetyNumber } from '../core/fingerprints.std.js';
import { IndexedDbStateStore } from '../dom/stateStore.dom.js';
import { language, preferredLanguage, setLanguage, t, type Key, type Lang } from './i18n.dom.js';
import { MIN_STRENGTH, strength } from './strength.std.js';
import { toUnicode } from './zawgyi.dom.js';

// esbuild names the file relative to the bundle; resolve it against the script, not the page.
const iconUrl = new URL(iconFile, import.meta.url).href;
const STORE_SLOT = 'member';
const IDLE_LOCK_MS = 3 * 60_000;
const POLL_MS = 3000;
const TOPICS = ['general', 'trauma', 'safety', 'legal', 'family', 'substance', 'crisis', 'other'] as const;
const HELP_LANGUAGES: Array<[string, string]> = [['my', 'မြန်မာ'], ['en', 'English']];

type Screen = 'welcome' | 'create' | 'unlock' | 'home' | 'join' | 'waiting' | 'group' | 'members' | 'help' | 'queue' | 'session'
  | 'staff' | 'console' | 'counsel';

interface ChatLine {
  mine: boolean;
  sender: string;
  text: string;
  /** A line from the app itself (transfer, close), in its place among the messages. */
  notice?: Key;
  /** Where a received message sits, for a report (docs/alerts.md: its franking report, sealed to moderators). */
  conversation?: string;
  seq?: number;
  report?: 'asking' | 'sent';
}

interface GroupView {
  groupId: string;
  status: string;
  conversation: string | null;
  names: Map<string, string>;
}

interface AppState {
  screen: Screen;
  client: HavenClient | null;
  busy: boolean;
  status: string;
  progress: number | null;
  error: string;
  invite: string | null;
  groupId: string | null;
  groups: Map<string, GroupView>;
  lines: Map<string, ChatLine[]>;
  help: { requestId: string; position: number } | null;
  session: CounselingSession | null;
  confirmWipe: boolean;
  /** Safety numbers computed on this screen visit, by account (memory only). */
  safety: Map<string, string>;
  /** Counselor console: the offer on screen, the sessions this counselor is in, the one open. */
  offer: Offer | null;
  counselSessions: CounselingSession[];
  counsel: CounselingSession | null;
  available: boolean;
  availabilitySaved: boolean;
}

interface Offer {
  requestId: string;
  language: string;
  topic: string | null;
  priority: number;
  waitedMs: number;
  expiresAtMs: number;
}

const fresh = (): AppState => ({
  screen: 'welcome', client: null, busy: false, status: '', progress: null, error: '', invite: null, groupId: null,
  groups: new Map(), lines: new Map(), help: null, session: null, confirmWipe: false, safety: new Map(), offer: null, counselSessions: [], counsel: null, available: false, availabilitySaved: false,
});

/** The IndexedDB store behind a switch the panic wipe throws: a client still shutting down (its lock() saves once
 * more) must not write the state back after the database was deleted. */
class WipeableStore implements StateStore {
  readonly inner = new IndexedDbStateStore(STORE_SLOT);
  wiped = false;
  load(): Promise<Bytes | null> {
    return this.wiped ? Promise.resolve(null) : this.inner.load();
  }
  async save(sealed: Bytes): Promise<void> {
    if (!this.wiped) await this.inner.save(sealed);
  }
  async clear(): Promise<void> {
    if (!this.wiped) await this.inner.clear();
  }
}

let app = fresh();
let store = new WipeableStore();
let wiped = false;
const root = document.getElementById('app')!;

// --- tiny DOM helper: elements from tag, attributes and children; strings become text nodes ----------------------
type Child = Node | string | null | false | undefined;
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | ((e: Event) => void)> = {},
  ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(k, v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of children) if (c) el.append(c);
  return el;
}

// --- routing: a screen name in the fragment, replaced (never pushed) ------------------------------------------------
function go(screen: Screen): void {
  app.screen = screen;
  app.error = '';
  app.status = '';
  history.replaceState(null, '', `#/${screen}`);
  render();
}

/** An invite link `#/join/<code>`: the code is taken into memory and the fragment replaced at once, so the code
 * stays neither in the address bar nor in history (it never reached the server: fragments are not sent). */
function readFragment(): void {
  const m = /^#\/join\/([A-Za-z0-9_-]{8,128})$/.exec(location.hash);
  if (m) {
    app.invite = m[1]!;
    history.replaceState(null, '', '#/join');
  }
}

// --- identity -------------------------------------------------------------------------------------------------------
/** The relay: the page's own origin, or the one a separately hosted copy was built for (HAVEN_WEB_RELAY). */
function serverUrl(): string {
  return document.querySelector<HTMLMetaElement>('meta[name=haven-relay]')?.content || location.origin;
}

function options(onProgress: (fraction: number) => void): { pow: PowSolver; fetch: typeof fetch } {
  // Browsers refuse a fetch called with another `this` (HavenApi keeps it as a field), hence the arrow.
  return { pow: workerPow(onProgress), fetch: (input, init) => fetch(input, init) };
}

/** The proof of work in a Web Worker, reporting hashes tried against the 2^bits expected. */
function workerPow(onProgress: (fraction: number) => void): PowSolver {
  return (challenge, payload, bits) => new Promise<number>((resolve, reject) => {
    const worker = new Worker(new URL(__HAVEN_POW_WORKER__, document.baseURI));
    const expected = 2 ** bits;
    worker.onmessage = (e: MessageEvent<{ counter?: number; tried?: number; error?: string }>) => {
      if (typeof e.data.tried === 'number') {
        onProgress(Math.min(0.95, e.data.tried / expected));
        return;
      }
      worker.terminate();
      if (typeof e.data.counter === 'number') resolve(e.data.counter);
      else reject(new Error(e.data.error ?? 'proof of work failed'));
    };
    worker.onerror = () => {
      worker.terminate();
      reject(new Error('proof-of-work worker failed'));
    };
    worker.postMessage({ challenge, payload, bits });
  });
}

/** Let the page paint before the synchronous Argon2id derivation blocks it for a second or two. */
const paint = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));

async function createIdentity(passphrase: string): Promise<void> {
  app.busy = true;
  app.status = t('working');
  app.progress = 0;
  const started = Date.now();
  render();
  try {
    await ready();
    const client = await HavenClient.create(serverUrl(), store, passphrase, options((f) => {
      app.progress = f;
      app.status = `${t('working')} ${t('workingSeconds', { s: Math.round((Date.now() - started) / 1000) })}`;
      renderProgress();
    }));
    app.progress = null;
    await started_(client);
  } catch (e) {
    app.error = t('error');
    console.warn('create failed', e instanceof Error ? e.name : 'error'); // the name only: no detail left in a console
  } finally {
    app.busy = false;
    app.progress = null;
    render();
  }
}

async function unlock(passphrase: string): Promise<void> {
  app.busy = true;
  app.status = t('protecting');
  render();
  await paint();
  try {
    await ready();
    // The same client later asks for help, which may cost a proof of work (someone in no group): show its progress.
    const client = await HavenClient.open(store, passphrase, options((f) => {
      app.progress = f;
      renderProgress();
    }));
    await started_(client);
  } catch (e) {
    app.error = e instanceof DecryptionError ? t('wrongPassphrase') : t('error');
  } finally {
    app.busy = false;
    render();
  }
}

/** After create or unlock: connect, start the loops, find where the person was. */
async function started_(client: HavenClient): Promise<void> {
  app.client = client;
  await client.connect();
  void messageLoop(client);
  void noticeLoop(client);
  void pollLoop(client);
  await refreshGroups(client);
  await refreshHelp(client);
  resetIdle();
  if (app.invite) go('join');
  else if (app.session) go('session');
  else if (app.help) go('queue');
  else go('home');
}

async function hasIdentity(): Promise<boolean> {
  try {
    return (await store.load()) !== null;
  } catch {
    return false;
  }
}

// --- quick lock and panic wipe --------------------------------------------------------------------------------------
/** One tap (or idle minutes): drop every key and every message from memory; the sealed state stays. */
async function quickLock(): Promise<void> {
  const client = app.client;
  const invite = app.invite;
  app = fresh();
  app.invite = invite;
  app.screen = 'unlock';
  app.status = t('locked');
  history.replaceState(null, '', '#/unlock');
  render();
  if (client) await client.lock().catch(() => undefined);
}

/** Delete everything this origin keeps, at once, and leave a neutral page that says nothing about what was here. */
async function panicWipe(): Promise<void> {
  wiped = true;
  const client = app.client;
  app = fresh();
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
  store.wiped = true;
  if (client) await Promise.race([client.lock().catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
  store.inner.close();
  if ('serviceWorker' in navigator) {
    for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister().catch(() => false);
  }
  await deleteAllDatabases();
  if ('caches' in self) for (const name of await caches.keys()) await caches.delete(name);
  store = new WipeableStore();
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
function resetIdle(): void {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  if (app.client) idleTimer = setTimeout(() => void quickLock(), IDLE_LOCK_MS);
}
for (const ev of ['pointerdown', 'keydown', 'touchstart', 'scroll']) addEventListener(ev, resetIdle, { passive: true });

// --- background loops: messages, server notices, and a slow poll as the backstop for a lost notice ----------------
async function messageLoop(client: HavenClient): Promise<void> {
  while (app.client === client) {
    let m: IncomingMessage;
    try {
      m = await client.nextMessage(1000);
    } catch (e) {
      if (e instanceof TimeoutError) continue;
      return;
    }
    if (app.client !== client) return;
    const line: ChatLine = { mine: m.sender === client.accountId, sender: m.sender, text: m.text, conversation: m.conversation,
      seq: m.seq };
    const list = app.lines.get(m.conversation) ?? [];
    list.push(line);
    app.lines.set(m.conversation, list);
    if (currentConversation() === m.conversation) renderMessages();
  }
}

async function noticeLoop(client: HavenClient): Promise<void> {
  while (app.client === client) {
    let event: { event?: unknown; mode?: unknown };
    try {
      event = await client.notices.take(1000);
    } catch {
      continue;
    }
    if (app.client !== client) return;
    try {
      if (event.event === 'membership') await refreshGroups(client);
      else if (event.event === 'queue' || event.event === 'session_opened') await refreshHelp(client);
      else if (event.event === 'session_transfer') {
        if (event.mode === 'complete') pushNotice('transferredDone');
        else if (event.mode === 'warm' || event.mode === 'cold') pushNotice('transferred');
        await refreshHelp(client);
      } else if (event.event === 'session_closed') {
        pushNotice('closed');
        if (app.session) app.session = { ...app.session, status: 'closed' };
      }
    } catch {
      /* notices are hints; the poll catches up */
    }
    afterRefresh();
  }
}

async function pollLoop(client: HavenClient): Promise<void> {
  while (app.client === client) {
    await new Promise((r) => setTimeout(r, POLL_MS));
    if (app.client !== client) return;
    try {
      if (app.screen === 'waiting' || app.screen === 'home') await refreshGroups(client);
      if (app.screen === 'queue') await refreshHelp(client);
      if (app.screen === 'console') await refreshConsole(client);
      afterRefresh();
    } catch (e) {
      // Offline, most often: try again later. The code only (never a body) for whoever debugs.
      console.warn('poll failed', e instanceof ApiError ? e.code : e instanceof Error ? e.name : 'error');
    }
  }
}

function afterRefresh(): void {
  if (app.screen === 'waiting' && app.groupId && app.groups.get(app.groupId)?.status === 'active') go('group');
  else if (app.screen === 'queue' && app.session) go('session');
  else if (app.screen === 'console') renderConsoleLive();
  else if (['home', 'session', 'queue'].includes(app.screen)) render();
}

async function refreshGroups(client: HavenClient): Promise<void> {
  const rows = expectArray(await client.api.get('/v1/groups'), 'groups');
  let synced = false;
  for (const row of rows) {
    const o = expectObject(row, 'group');
    const groupId = expectString(o, 'group_id', 'group');
    const status = expectString(o, 'status', 'group');
    const known = app.groups.get(groupId);
    if (status === 'active' && (!known || known.status !== 'active' || !known.conversation)) {
      if (!synced) await client.syncGroups();
      synced = true;
      const info = await client.groupInfo(groupId);
      app.groups.set(groupId, { groupId, status, conversation: info.conversationId,
        names: new Map(info.members.map((m) => [m.accountId, m.pseudonym])) });
    } else if (!known || known.status !== status) {
      app.groups.set(groupId, { groupId, status, conversation: known?.conversation ?? null, names: known?.names ?? new Map() });
    }
  }
}

async function refreshHelp(client: HavenClient): Promise<void> {
  const o = expectObject(await client.api.get('/v1/counseling/requests/mine'), 'my request');
  const request = o.request ? expectObject(o.request, 'request') : null;
  const session = o.session ? expectObject(o.session, 'session') : null;
  if (session) {
    const sessionId = expectString(session, 'session_id', 'session');
    if (app.session?.sessionId !== sessionId || app.session.status !== 'active') {
      await client.syncSessions();
      app.session = await client.counselingSession(sessionId);
    }
    app.help = null;
  } else if (request) {
    app.help = { requestId: expectString(request, 'request_id', 'request'), position: Number(request.position ?? 0) };
  } else {
    app.help = null;
  }
}

function currentConversation(): string | null {
  if (app.screen === 'group' && app.groupId) return app.groups.get(app.groupId)?.conversation ?? null;
  if (app.screen === 'session' && app.session) return app.session.conversationId;
  if (app.screen === 'counsel' && app.counsel) return app.counsel.conversationId;
  return null;
}

// --- actions --------------------------------------------------------------------------------------------------------
async function joinGroup(pseudonym: string): Promise<void> {
  const client = app.client;
  if (!client || !app.invite) return;
  app.busy = true;
  render();
  try {
    const joined = await client.joinGroup(app.invite, pseudonym);
    app.invite = null;
    app.groupId = joined.groupId;
    app.groups.set(joined.groupId, { groupId: joined.groupId, status: joined.status, conversation: null, names: new Map() });
    await refreshGroups(client);
    app.busy = false;
    go(app.groups.get(joined.groupId)?.status === 'active' ? 'group' : 'waiting');
  } catch (e) {
    app.busy = false;
    app.error = e instanceof ApiError && e.status >= 400 && e.status < 500 ? t('badInvite') : t('error');
    render();
  }
}

async function send(text: string): Promise<boolean> {
  const client = app.client;
  // Zawgyi typed on a phone becomes Unicode before it leaves the device.
  const body = toUnicode(text.trim());
  if (!client || !body) return false;
  try {
    if (app.screen === 'group' && app.groupId) {
      const sent = await client.sendGroup(app.groupId, body);
      pushMine(sent.conversation, body);
    } else if (app.screen === 'session' && app.session) {
      const sent = await client.sendSession(app.session.sessionId, body);
      pushMine(sent.conversation, body);
    } else if (app.screen === 'counsel' && app.counsel) {
      const sent = await client.sendSession(app.counsel.sessionId, body);
      pushMine(sent.conversation, body);
    }
    return true;
  } catch {
    app.error = t('error');
    render();
    return false;
  }
}

function pushNotice(notice: Key): void {
  if (!app.session) return;
  const list = app.lines.get(app.session.conversationId) ?? [];
  list.push({ mine: false, sender: '', text: '', notice });
  app.lines.set(app.session.conversationId, list);
}

function pushMine(conversation: string, text: string): void {
  const list = app.lines.get(conversation) ?? [];
  list.push({ mine: true, sender: app.client?.accountId ?? '', text });
  app.lines.set(conversation, list);
  renderMessages();
}

async function askForHelp(topic: string, lang: string): Promise<void> {
  const client = app.client;
  if (!client) return;
  app.busy = true;
  app.progress = 0;
  app.status = t('working');
  render();
  try {
    const answer = await client.requestHelp(lang, topic);
    app.help = { requestId: answer.requestId, position: answer.position };
    app.busy = false;
    app.progress = null;
    await refreshHelp(client);
    go(app.session ? 'session' : 'queue');
  } catch {
    app.busy = false;
    app.progress = null;
    app.error = t('error');
    render();
  }
}

// --- screens --------------------------------------------------------------------------------------------------------
function header(title: string, back: Screen | null): HTMLElement {
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

function wipeDialog(): HTMLElement | null {
  if (!app.confirmWipe) return null;
  return h('div', { class: 'dialog', role: 'alertdialog', 'aria-labelledby': 'wipe-q' },
    h('p', { id: 'wipe-q' }, t('wipeConfirm')),
    h('div', { class: 'row' },
      h('button', { class: 'danger', 'data-test': 'wipe-confirm', click: () => void panicWipe() }, t('wipeYes')),
      h('button', { class: 'secondary', click: () => { app.confirmWipe = false; render(); } }, t('cancel'))));
}

function statusLine(): Child {
  if (!app.busy) return app.status ? h('p', { class: 'note', role: 'status' }, app.status) : null;
  return h('div', { role: 'status' },
    h('p', { class: 'note', 'data-test': 'status' }, app.status),
    app.progress !== null ? h('progress', { max: '1', value: String(app.progress), 'aria-label': t('working') }) : h('progress', {}));
}

function errorLine(): Child {
  return app.error ? h('p', { class: 'error', role: 'alert', 'data-test': 'error' }, app.error) : null;
}

function welcomeScreen(): HTMLElement[] {
  return [header(t('welcomeTitle'), null), h('section', { class: 'screen' },
    wipeDialog(),
    h('h2', {}, t('welcomeTitle')),
    h('p', {}, t('welcomeBody')),
    h('p', { class: 'privacy', 'data-test': 'no-personal-data' }, t('noPersonalData')),
    h('button', { 'data-test': 'start', click: () => go('create') }, t('create')))];
}

function createScreen(): HTMLElement[] {
  const pass = h('input', { type: 'password', name: 'passphrase', autocomplete: 'new-password', required: true, minlength: '8' });
  const again = h('input', { type: 'password', name: 'passphrase2', autocomplete: 'new-password', required: true });
  const meter = h('meter', { min: '0', max: '4', low: '2', high: '3', optimum: '4', value: '0', 'aria-label': t('strength0') });
  const label = h('span', { 'data-test': 'strength' }, t('strength0'));
  pass.addEventListener('input', () => {
    const s = strength(pass.value);
    meter.value = s;
    label.textContent = t(`strength${s}` as Key);
    meter.setAttribute('aria-label', label.textContent);
  });
  const form = h('form', { class: 'screen', novalidate: true },
    wipeDialog(),
    h('h2', {}, t('createTitle')),
    h('p', {}, t('createBody')),
    h('p', { class: 'privacy' }, t('noPersonalData')),
    h('label', {}, t('passphrase'), pass),
    meter,
    h('div', { class: 'strength' }, label),
    h('p', { class: 'note' }, t('strengthHint')),
    h('label', {}, t('passphraseAgain'), again),
    errorLine(),
    statusLine(),
    h('button', { type: 'submit', 'data-test': 'create', disabled: app.busy }, t('create')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (strength(pass.value) < MIN_STRENGTH) app.error = t('tooWeak');
    else if (pass.value !== again.value) app.error = t('mismatch');
    else {
      const value = pass.value;
      pass.value = again.value = '';
      void createIdentity(value);
      return;
    }
    render();
  });
  return [header(t('createTitle'), 'welcome'), form];
}

function unlockScreen(): HTMLElement[] {
  const pass = h('input', { type: 'password', name: 'passphrase', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'screen' },
    wipeDialog(),
    h('h2', {}, t('unlockTitle')),
    h('label', {}, t('passphrase'), pass),
    errorLine(),
    statusLine(),
    h('button', { type: 'submit', 'data-test': 'unlock', disabled: app.busy }, t('unlock')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = pass.value;
    pass.value = '';
    void unlock(value);
  });
  return [header(t('unlockTitle'), null), form];
}

function homeScreen(): HTMLElement[] {
  const groups = [...app.groups.values()];
  return [header(t('home'), null), h('section', { class: 'screen' },
    wipeDialog(),
    h('h2', {}, t('groups')),
    groups.length ? h('ul', { class: 'list', 'data-test': 'groups' }, ...groups.map((g, i) => h('li', {},
      h('button', { 'data-test': 'open-group', click: () => { app.groupId = g.groupId; go(g.status === 'active' ? 'group' : 'waiting'); } },
        `${t('group', { n: i + 1 })}${g.status === 'active' ? '' : ` — ${t('waitingApproval')}`}`))))
      : h('p', { class: 'note' }, t('noGroups')),
    h('h2', {}, t('getHelp')),
    app.session ? h('button', { 'data-test': 'open-session', click: () => go('session') }, t('sessionTitle'))
      : app.help ? h('button', { 'data-test': 'open-queue', click: () => go('queue') }, t('queued', { n: app.help.position }))
        : h('button', { 'data-test': 'get-help', click: () => go('help') }, t('getHelp')),
    h('p', {}, h('button', { class: 'link', type: 'button', 'data-test': 'staff', click: () => go('staff') }, t('staffEntry'))),
    errorLine())];
}

function joinScreen(): HTMLElement[] {
  const name = h('input', { name: 'pseudonym', autocomplete: 'off', required: true, maxlength: '64' });
  const form = h('form', { class: 'screen' },
    wipeDialog(),
    h('h2', {}, t('joinTitle')),
    h('p', {}, t('joinBody')),
    h('label', {}, t('pseudonym'), name),
    errorLine(),
    statusLine(),
    h('button', { type: 'submit', 'data-test': 'join', disabled: app.busy || !app.invite }, t('join')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = toUnicode(name.value.trim());
    if (value) void joinGroup(value);
  });
  return [header(t('joinTitle'), 'home'), form];
}

function waitingScreen(): HTMLElement[] {
  return [header(t('joinTitle'), 'home'), h('section', { class: 'screen' },
    wipeDialog(),
    h('p', { 'data-test': 'waiting', role: 'status' }, t('waitingApproval')),
    h('progress', { 'aria-label': t('waitingApproval') }))];
}

function chat(conversation: string | null, nameOf: (sender: string) => string, open: boolean): HTMLElement {
  const list = h('ul', { class: 'messages', 'data-test': 'messages', 'aria-live': 'polite' });
  fillMessages(list, conversation, nameOf);
  const input = h('textarea', { name: 'message', rows: '1', 'aria-label': t('message'), placeholder: t('message'),
    dir: 'auto', disabled: !open });
  const form = h('form', { class: 'compose' }, input, h('button', { type: 'submit', 'data-test': 'send', disabled: !open }, t('send')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = input.value;
    if (!text.trim()) return;
    input.value = '';
    void send(text).then((ok) => {
      if (!ok) input.value = text;
    });
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      form.requestSubmit();
    }
  });
  return h('div', { class: 'chat' }, list, errorLine(), form);
}

function fillMessages(list: HTMLElement, conversation: string | null, nameOf: (sender: string) => string): void {
  const lines = conversation ? app.lines.get(conversation) ?? [] : [];
  list.replaceChildren(
    ...(lines.length ? [] : [h('li', { class: 'notice' }, t('noMessages'))]),
    ...lines.map((l) => l.notice ? h('li', { class: 'notice', 'data-test': 'session-notice' }, t(l.notice))
      : h('li', { class: l.mine ? 'mine' : '', 'data-test': 'message' },
        h('span', { class: 'who' }, l.mine ? t('you') : nameOf(l.sender)),
        h('span', { class: 'text', dir: 'auto' }, l.text),
        reportControl(l))));
  list.scrollTop = list.scrollHeight;
}

/** Report someone else's message: one tap asks, a second sends (never by accident); then it says it was sent. */
function reportControl(line: ChatLine): Child {
  if (line.mine || line.seq === undefined || !line.conversation) return null;
  if (line.report === 'sent') return h('span', { class: 'reported', 'data-test': 'reported' }, t('reported'));
  return h('button', { class: 'link', type: 'button', 'data-test': 'report', click: () => {
    if (line.report !== 'asking') {
      line.report = 'asking';
      renderMessages();
      return;
    }
    void app.client?.reportMessage(line.conversation!, line.seq!).then(() => {
      line.report = 'sent';
      renderMessages();
    }, () => {
      line.report = undefined;
      app.error = t('error');
      render();
    });
  } }, line.report === 'asking' ? t('reportConfirm') : t('report'));
}

function groupScreen(): HTMLElement[] {
  const g = app.groupId ? app.groups.get(app.groupId) : undefined;
  const index = [...app.groups.keys()].indexOf(app.groupId ?? '') + 1;
  return [header(t('group', { n: index }), 'home'), wipeDialog() ?? h('span', {}),
    h('div', { class: 'row pad' }, h('button', { class: 'secondary small', 'data-test': 'members', click: () => go('members') }, t('members'))),
    chat(g?.conversation ?? null, (s) => g?.names.get(s) ?? '?', g?.status === 'active')];
}

/** The group's members by pseudonym, each with the safety number of this device's identity and theirs (C11),
 * computed here from the identity the server gives, checked against the account id. */
function membersScreen(): HTMLElement[] {
  const g = app.groupId ? app.groups.get(app.groupId) : undefined;
  const me = app.client?.accountId;
  const others = g ? [...g.names].filter(([account]) => account !== me) : [];
  return [header(t('members'), 'group'), h('section', { class: 'screen' },
    wipeDialog(),
    h('ul', { class: 'list', 'data-test': 'member-list' }, ...others.map(([account, name]) => {
      const number = app.safety.get(account);
      return h('li', { class: 'member' },
        h('strong', { dir: 'auto' }, name),
        number ? h('div', {},
          h('p', { class: 'safety', 'data-test': 'safety-number', 'aria-label': t('safetyNumber') }, formatSafetyNumber(number)),
          h('p', { class: 'note' }, t('safetyHint', { name })))
          : h('button', { class: 'secondary small', 'data-test': 'show-safety', click: () => void showSafety(account) }, t('safetyNumber')));
    })),
    errorLine())];
}

async function showSafety(account: string): Promise<void> {
  const client = app.client;
  if (!client) return;
  try {
    app.safety.set(account, safetyNumber(client.identityPublic, await client.identityOf(account)));
  } catch {
    app.error = t('error');
  }
  render();
}

function helpScreen(): HTMLElement[] {
  const topic = h('select', { name: 'topic' }, ...TOPICS.map((k) => h('option', { value: k }, t(`topic_${k}` as Key))));
  const lang = h('select', { name: 'language' }, ...HELP_LANGUAGES.map(([code, name]) =>
    h('option', { value: code, lang: code, selected: code === language() }, name)));
  const form = h('form', { class: 'screen' },
    wipeDialog(),
    h('h2', {}, t('helpTitle')),
    h('p', {}, t('helpBody')),
    h('label', {}, t('topic'), topic),
    h('label', {}, t('helpLanguage'), lang),
    errorLine(),
    statusLine(),
    h('button', { type: 'submit', 'data-test': 'ask', disabled: app.busy }, t('ask')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void askForHelp(topic.value, lang.value);
  });
  return [header(t('helpTitle'), 'home'), form];
}

function queueScreen(): HTMLElement[] {
  return [header(t('helpTitle'), 'home'), h('section', { class: 'screen' },
    wipeDialog(),
    h('p', { 'data-test': 'queue-position', role: 'status' },
      app.help && app.help.position > 0 ? t('queued', { n: app.help.position }) : t('offered')),
    h('progress', { 'aria-label': t('helpTitle') }))];
}

function sessionScreen(): HTMLElement[] {
  const s = app.session;
  const open = s?.status === 'active';
  return [header(t('sessionTitle'), 'home'), wipeDialog() ?? h('span', {}),
    chat(s?.conversationId ?? null, () => t('counselor'), open)];
}

// --- counselor console (desktop first, works on a phone): availability, live offers, sessions, close ------------
const OUTCOMES = ['resolved', 'referred', 'follow_up', 'no_show', 'other'] as const;

function staffScreen(): HTMLElement[] {
  const code = h('input', { name: 'staff-code', autocomplete: 'off', required: true });
  const form = h('form', { class: 'screen' },
    wipeDialog(),
    h('h2', {}, t('staffTitle')),
    h('p', {}, t('staffBody')),
    h('label', {}, t('staffCode'), code),
    errorLine(),
    h('button', { type: 'submit', 'data-test': 'redeem', disabled: app.busy }, t('redeem')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void redeem(code.value.trim());
  });
  return [header(t('staffTitle'), 'home'), form];
}

async function redeem(code: string): Promise<void> {
  const client = app.client;
  if (!client || !code) return;
  try {
    const o = expectObject(await client.api.post('/v1/roles/redeem', { code }), 'role');
    if (expectString(o, 'role', 'role') === 'counselor') {
      go('console');
      return;
    }
    go('home');
  } catch {
    app.error = t('badInvite');
    render();
  }
}

async function refreshConsole(client: HavenClient): Promise<void> {
  const me = client.accountId;
  app.counselSessions = (await client.syncSessions())
    .filter((s) => s.status === 'active' && (s.counselorId === me || s.transferTo === me));
  if (app.offer && app.offer.expiresAtMs <= Date.now()) app.offer = null;
  // Offers only once this counselor has said it is available (the server refuses the call before).
  if (!app.offer && app.available) {
    const o = await client.api.post('/v1/counseling/offers/next');
    if (o !== null) {
      const r = expectObject(o, 'offer');
      app.offer = { requestId: expectString(r, 'request_id', 'offer'), language: expectString(r, 'language', 'offer'),
        topic: typeof r.topic === 'string' ? r.topic : null, priority: Number(r.priority ?? 0), waitedMs: Number(r.waited_ms ?? 0),
        expiresAtMs: Number(r.offer_expires_at ?? Date.now() + 60_000) }; // ms since the epoch (server clock)
    }
  }
}

async function saveAvailability(available: boolean, languages: string[], max: number): Promise<void> {
  const client = app.client;
  if (!client) return;
  try {
    await client.setAvailability(available, languages, max);
    app.available = available;
    app.availabilitySaved = true;
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
    app.counsel = await client.acceptOffer(offer.requestId);
    app.offer = null;
    go('counsel');
  } catch {
    app.offer = null;
    app.error = t('error');
    render();
  }
}

function consoleScreen(): HTMLElement[] {
  const available = h('input', { type: 'checkbox', name: 'available', checked: true });
  // The form keeps what the counselor saved when the screen is rebuilt (a language switch, a return from a session).
  if (app.availabilitySaved) available.checked = app.available;
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
  const offer = app.offer;
  const seconds = offer ? Math.max(0, Math.round((offer.expiresAtMs - Date.now()) / 1000)) : 0;
  return offer ? h('section', { id: 'offer', class: 'offer', role: 'alert', 'data-test': 'offer' },
      h('h2', {}, t('offerTitle')),
      h('p', {}, t('offerBody', { lang: offer.language, topic: offer.topic ? t(`topic_${offer.topic}` as Key) : '—',
        wait: `${Math.round(offer.waitedMs / 1000)} s`, s: seconds })),
      h('p', {}, `${t('priority')}: ${offer.priority}`),
      h('div', { class: 'row' },
        h('button', { 'data-test': 'accept-offer', click: () => void acceptOffer(offer) }, t('accept')),
        h('button', { class: 'secondary', click: () => { void app.client?.api.post(`/v1/counseling/offers/${offer.requestId}/decline`).catch(() => undefined); app.offer = null; render(); } }, t('decline'))))
      : h('p', { id: 'offer', class: 'note pad' }, t('noOffer'));
}

function sessionsSection(): HTMLElement {
  return h('section', { id: 'sessions', class: 'screen' }, h('h2', {}, t('mySessions')),
    h('ul', { class: 'list' }, ...app.counselSessions.map((s, i) => h('li', {},
      h('button', { 'data-test': 'open-counsel', click: () => { app.counsel = s; go('counsel'); } }, `${t('member')} ${i + 1}`)))));
}

function counselScreen(): HTMLElement[] {
  const c = app.counsel;
  const outcome = h('select', { name: 'outcome', 'aria-label': t('outcome') }, ...OUTCOMES.map((o) => h('option', { value: o }, t(`outcome_${o}` as Key))));
  const closeRow = h('div', { class: 'row pad' }, outcome, h('button', { class: 'secondary small', 'data-test': 'close-session', click: () => {
    const client = app.client;
    if (!client || !c) return;
    void client.closeSession(c.sessionId, outcome.value).then(() => {
      app.counsel = null;
      go('console');
    }, () => {
      app.error = t('error');
      render();
    });
  } }, t('close')));
  return [header(t('member'), 'console'), wipeDialog() ?? h('span', {}), closeRow,
    chat(c?.conversationId ?? null, (s) => (s === c?.memberId ? t('member') : t('counselor')), !!c)];
}

const screens: Record<Screen, () => HTMLElement[]> = {
  welcome: welcomeScreen, create: createScreen, unlock: unlockScreen, home: homeScreen, join: joinScreen,
  waiting: waitingScreen, group: groupScreen, members: membersScreen, help: helpScreen, queue: queueScreen, session: sessionScreen,
  staff: staffScreen, console: consoleScreen, counsel: counselScreen,
};

function render(): void {
  if (wiped) return;
  // A screen that needs an unlocked client falls back to unlock (a stale fragment after lock, say).
  const needsClient = !['welcome', 'create', 'unlock'].includes(app.screen);
  if (needsClient && !app.client) app.screen = 'unlock';
  root.replaceChildren(...screens[app.screen]());
  root.dataset.screen = app.screen;
  if (app.screen === 'group' || app.screen === 'session') root.querySelector('textarea')?.focus();
}

function renderProgress(): void {
  const bar = root.querySelector('progress');
  if (bar && app.progress !== null) bar.value = app.progress;
  const status = root.querySelector('[data-test=status]');
  if (status) status.textContent = app.status;
}

function renderMessages(): void {
  const list = root.querySelector<HTMLElement>('[data-test=messages]');
  if (!list) return;
  if (app.screen === 'group') {
    const g = app.groupId ? app.groups.get(app.groupId) : undefined;
    fillMessages(list, g?.conversation ?? null, (s) => g?.names.get(s) ?? '?');
  } else if (app.screen === 'session') {
    fillMessages(list, app.session?.conversationId ?? null, () => t('counselor'));
  } else if (app.screen === 'counsel' && app.counsel) {
    const c = app.counsel;
    fillMessages(list, c.conversationId, (s) => (s === c.memberId ? t('member') : t('counselor')));
  }
}

function switchLanguage(lang: Lang): void {
  setLanguage(lang);
  try {
    localStorage.setItem('lang', lang);
  } catch {
    /* private mode */
  }
  // Keep what was typed (a half-written message, a passphrase) across the switch.
  const typed = Array.from(root.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select'))
    .map((el) => [el.name, el.value] as const);
  render();
  for (const [name, value] of typed) {
    const el = root.querySelector<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${name}"]`);
    if (el && name) {
      el.value = value;
      el.dispatchEvent(new Event('input'));
    }
  }
}

// --- start ----------------------------------------------------------------------------------------------------------
function savedLanguage(): Lang | null {
  try {
    const v = localStorage.getItem('lang');
    return v === 'my' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

async function start(): Promise<void> {
  setLanguage(savedLanguage() ?? preferredLanguage(navigator.languages));
  readFragment();
  addEventListener('hashchange', () => {
    readFragment();
    if (app.invite && app.client) go('join');
  });
  // The app shell (never content) for a bad connection; http://127.0.0.1 and https only (secure contexts).
  if ('serviceWorker' in navigator && isSecureContext) void navigator.serviceWorker.register('sw.js').catch(() => undefined);
  app.screen = (await hasIdentity()) ? 'unlock' : 'welcome';
  history.replaceState(null, '', app.invite ? '#/join' : `#/${app.screen}`);
  render();
  document.documentElement.dataset.ready = 'true';
}

void start();
