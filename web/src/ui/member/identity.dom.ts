// The member's identity: the welcome screen, creating one (passphrase with a strength meter, then the proof of
// work) and unlocking it; once the client is open, the loops start and the person lands where they were.
import { ready } from '../../core/sodium.std.js';
import { HavenClient } from '../../core/client.std.js';
import { DecryptionError } from '../../core/errors.std.js';
import { t, type Key } from '../i18n.dom.js';
import { MIN_STRENGTH, strength } from '../strength.std.js';
import { clientOptions, paint, serverUrl } from '../app/connect.dom.js';
import { h } from '../app/dom.dom.js';
import { resetIdle } from '../app/lock.dom.js';
import { loadZawgyiModel } from '../zawgyi.dom.js';
import { startLoops } from '../app/loops.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { go, render, renderProgress } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { store } from '../app/store.dom.js';
import { errorLine, header, statusLine, wipeDialog } from '../app/widgets.dom.js';
import { groupsState, refreshGroups } from './groupsState.std.js';
import { helpState, refreshHelp } from './helpState.std.js';
import { loadHistory } from './history.dom.js';

declare module '../app/registry.dom.js' {
  interface Screens { create: true }
}

async function createIdentity(passphrase: string): Promise<void> {
  app.busy = true;
  app.status = t('working');
  app.progress = 0;
  const started = Date.now();
  render();
  try {
    await Promise.all([ready(), loadZawgyiModel()]);
    const client = await HavenClient.create(serverUrl(), store(), passphrase, clientOptions((f) => {
      app.progress = f;
      app.status = `${t('working')} ${t('workingSeconds', { s: Math.round((Date.now() - started) / 1000) })}`;
      renderProgress();
    }));
    app.progress = null;
    await opened(client);
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
    await Promise.all([ready(), loadZawgyiModel()]);
    // The same client later asks for help, which may cost a proof of work (someone in no group): show its progress.
    const client = await HavenClient.open(store(), passphrase, clientOptions((f) => {
      app.progress = f;
      renderProgress();
    }));
    await opened(client);
  } catch (e) {
    app.error = e instanceof DecryptionError ? t('wrongPassphrase') : t('error');
  } finally {
    app.busy = false;
    render();
  }
}

/** After create or unlock: connect, start the loops, find where the person was. */
async function opened(client: HavenClient): Promise<void> {
  app.client = client;
  await loadHistory(client); // before any new message, so history comes first in each conversation
  await client.connect();
  startLoops(client);
  await refreshGroups(client);
  await refreshHelp(client);
  resetIdle();
  if (groupsState.invite) go('join');
  else if (helpState.session) go('session');
  else if (helpState.help) go('queue');
  else go('home');
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

registerScreens({
  welcome: { render: welcomeScreen, public: true },
  create: { render: createScreen, public: true },
  unlock: { render: unlockScreen, public: true },
});
