// Joining a group from an invite link (`#/join/<code>`), then waiting for a moderator to let the member in.
import { ApiError } from '../../core/api.std.js';
import { t } from '../i18n.dom.js';
import { toUnicode } from '../zawgyi.dom.js';
import { h } from '../app/dom.dom.js';
import { onFragment, onNotice, registerScreens } from '../app/registry.dom.js';
import { go, render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, statusLine, wipeDialog } from '../app/widgets.dom.js';
import { currentGroup, groupsState, refreshGroups } from './groupsState.std.js';

declare module '../app/registry.dom.js' {
  interface Screens { join: true; waiting: true }
}

/** An invite link `#/join/<code>`: the code is taken into memory and the fragment replaced at once, so the code
 * stays neither in the address bar nor in history (it never reached the server: fragments are not sent). */
onFragment({
  read: (hash) => {
    const m = /^#\/join\/([A-Za-z0-9_-]{8,128})$/.exec(hash);
    if (!m) return null;
    groupsState.invite = m[1]!;
    history.replaceState(null, '', '#/join');
    return '#/join';
  },
  changed: () => {
    if (groupsState.invite && app.client) go('join');
  },
});

onNotice(async (event, client) => {
  if (event.event === 'membership') await refreshGroups(client, true);
});

async function joinGroup(pseudonym: string): Promise<void> {
  const client = app.client;
  if (!client || !groupsState.invite) return;
  app.busy = true;
  render();
  try {
    const joined = await client.joinGroup(groupsState.invite, pseudonym);
    groupsState.invite = null;
    groupsState.groupId = joined.groupId;
    groupsState.groups.set(joined.groupId, { groupId: joined.groupId, status: joined.status, conversation: null, names: new Map(),
      dmEnabled: false });
    await refreshGroups(client);
    app.busy = false;
    go(groupsState.groups.get(joined.groupId)?.status === 'active' ? 'group' : 'waiting');
  } catch (e) {
    app.busy = false;
    app.error = e instanceof ApiError && e.status >= 400 && e.status < 500 ? t('badInvite') : t('error');
    render();
  }
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
    h('button', { type: 'submit', 'data-test': 'join', disabled: app.busy || !groupsState.invite }, t('join')));
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

registerScreens({
  join: { render: joinScreen },
  waiting: {
    render: waitingScreen,
    poll: refreshGroups,
    refreshed: () => {
      if (currentGroup()?.status === 'active') go('group');
    },
  },
});
