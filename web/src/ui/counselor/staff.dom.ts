// Redeeming a staff invite code: the identity gets the role the code carries (the counselor's goes to the console).
import { expectObject, expectString } from '../../core/api.std.js';
import { t } from '../i18n.dom.js';
import { h } from '../app/dom.dom.js';
import { registerScreens } from '../app/registry.dom.js';
import { go, render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, wipeDialog } from '../app/widgets.dom.js';

declare module '../app/registry.dom.js' {
  interface Screens { staff: true }
}

async function redeem(code: string): Promise<void> {
  const client = app.client;
  if (!client || !code) return;
  try {
    const o = expectObject(await client.api.post('/v1/roles/redeem', { code }), 'role');
    // Each role to its own screen (the moderator's and admin's load on first use, app/lazy.dom.ts).
    const role = expectString(o, 'role', 'role');
    go(role === 'counselor' ? 'console' : role === 'moderator' ? 'dashboard' : role === 'admin' ? 'admin' : 'home');
  } catch {
    app.error = t('badInvite');
    render();
  }
}

function staffScreen(): HTMLElement[] {
  const code = h('input', { name: 'staff-code', autocomplete: 'off', required: true });
  const form = h('form', { class: 'screen' },
    wipeDialog(),
    h('h2', {}, t('staffTitle')),
    h('p', {}, t('staffBody')),
    h('label', {}, t('staffCode'), code),
    errorLine(),
    h('button', { type: 'submit', 'data-test': 'redeem', disabled: app.busy }, t('redeem')),
    // Staff who redeemed a code before: the way back to their screens (the server refuses what a role lacks).
    h('p', { class: 'row' }, t('staffOpen'),
      h('button', { type: 'button', class: 'link', 'data-test': 'open-console', click: () => go('console') }, t('consoleTitle')),
      h('button', { type: 'button', class: 'link', 'data-test': 'open-dashboard', click: () => go('dashboard') }, t('dashTitle')),
      h('button', { type: 'button', class: 'link', 'data-test': 'open-admin', click: () => go('admin') }, t('adminTitle'))));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void redeem(code.value.trim());
  });
  return [header(t('staffTitle'), 'home'), form];
}

registerScreens({ staff: { render: staffScreen } });
