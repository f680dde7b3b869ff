// The groups a moderator runs (docs/groups.md): create one, make an invite link (shown once), approve or reject who
// asked to join, remove or ban a member. Remove and ban ask for a second tap: they cannot be undone from here.
import { ApiError } from '../../core/api.std.js';
import type { HavenClient } from '../../core/client.std.js';
import { actOnMember, createGroup, createGroupInvite, type MemberAction } from '../../core/moderation.std.js';
import { t, type Key } from '../i18n.dom.js';
import { h, root } from '../app/dom.dom.js';
import type { ScreenDef } from '../app/registry.dom.js';
import { render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, statusLine, wipeDialog } from '../app/widgets.dom.js';
import { age, MODERATOR_TABS, shortId, staffTabs } from './nav.dom.js';
import { fetchOnce, modState, refreshGroups, type ModGroup } from './state.std.js';

const INVITE_TTL_SECONDS = 7 * 86_400;

async function run(work: (client: HavenClient) => Promise<void>): Promise<void> {
  const client = app.client;
  if (!client) return;
  app.error = '';
  try {
    await work(client);
    await refreshGroups(client);
  } catch (e) {
    // The code only (never a body), for whoever debugs.
    console.warn('group action failed', e instanceof ApiError ? e.code : e instanceof Error ? e.name : 'error');
    app.error = t('error');
  }
  render();
}

function memberButton(g: ModGroup, account: string, action: MemberAction, label: Key, cls: string, confirm: boolean): HTMLElement {
  const key = `${action}:${g.groupId}:${account}`;
  const asking = modState.confirming === key;
  return h('button', { type: 'button', class: `small ${cls}`, 'data-test': action, click: () => {
    if (confirm && !asking) {
      modState.confirming = key;
      render();
      return;
    }
    modState.confirming = null;
    void run((c) => actOnMember(c.api, g.groupId, account, action));
  } }, asking ? t('confirmAgain') : t(label));
}

function groupSection(g: ModGroup, me: string): HTMLElement {
  const link = modState.inviteLinks.get(g.groupId);
  return h('section', { class: 'pane', 'data-test': 'mod-group', 'data-group': g.groupId, 'aria-labelledby': `g-${g.groupId}` },
    h('h3', { id: `g-${g.groupId}` }, t('groupN', { id: shortId(g.groupId) })),
    h('button', { type: 'button', class: 'secondary', 'data-test': 'new-invite', click: () => void run(async (c) => {
      const invite = await createGroupInvite(c.api, g.groupId, 1, INVITE_TTL_SECONDS);
      // The code rides in the fragment, so it never reaches a server log (docs/web.md).
      modState.inviteLinks.set(g.groupId, `${location.origin}${location.pathname}#/join/${invite.code}`);
    }) }, t('newInvite')),
    link ? h('p', { class: 'once' }, t('inviteLinkOnce'), ' ', h('code', { 'data-test': 'invite-link' }, link)) : null,
    h('h4', {}, t('pendingHeading')),
    g.pending.length
      ? h('ul', { class: 'list' }, ...g.pending.map((p) => h('li', { class: 'member', 'data-test': 'pending' },
        h('span', {}, h('strong', {}, p.pseudonym), ' · ', age(p.joinedAt)),
        h('div', { class: 'row' }, memberButton(g, p.accountId, 'approve', 'approve', '', false),
          memberButton(g, p.accountId, 'reject', 'reject', 'secondary', false)))))
      : h('p', { class: 'note' }, t('pendingNone')),
    h('h4', {}, t('membersHeading')),
    h('ul', { class: 'list' }, ...g.members.filter((m) => m.accountId !== me).map((m) => h('li', { class: 'member', 'data-test': 'group-member' },
      h('strong', {}, m.pseudonym),
      h('div', { class: 'row' }, memberButton(g, m.accountId, 'remove', 'remove', 'secondary', true),
        memberButton(g, m.accountId, 'ban', 'ban', 'danger', true))))));
}

function groupsScreen(): HTMLElement[] {
  const client = app.client;
  fetchOnce('groups', client, refreshGroups, render);
  const me = client?.accountId ?? '';
  // The draft lives in the state: a poll redraws this screen and must not lose what was typed.
  const pseudonym = h('input', { name: 'group-pseudonym', autocomplete: 'off', required: true, maxlength: '40',
    value: modState.groupDraft, input: () => { modState.groupDraft = pseudonym.value; } });
  const create = h('form', { class: 'row end' }, h('label', {}, t('groupPseudonym'), pseudonym),
    h('button', { type: 'submit', 'data-test': 'create-group' }, t('createGroup')));
  create.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = pseudonym.value.trim();
    if (name) {
      void run(async (c) => {
        await createGroup(c.api, name);
        modState.groupDraft = '';
      });
    }
  });
  const body = h('div', { class: 'screen wide' }, wipeDialog(), h('h2', {}, t('groupsHeading')), statusLine(), errorLine(),
    groupsLive(me), create);
  return [header(t('dashTitle'), 'home'), staffTabs(MODERATOR_TABS), body];
}

/** The part a poll or a push changes, redrawn alone so the form below keeps its focus and its click. */
function groupsLive(me: string): HTMLElement {
  return h('div', { id: 'groups-live', class: 'stack' },
    ...(modState.groups.length ? modState.groups.map((g) => groupSection(g, me)) : [h('p', { class: 'note' }, t('groupsNone'))]));
}

// What the last draw showed: a poll that changed nothing does not redraw (and so never moves the focus).
let drawn = '';
function groupsScreenOnce(): HTMLElement[] {
  drawn = JSON.stringify(modState.groups);
  return groupsScreen();
}

export const modGroups: ScreenDef = { render: groupsScreenOnce, poll: refreshGroups, refreshed: () => {
  if (JSON.stringify(modState.groups) === drawn) return;
  drawn = JSON.stringify(modState.groups);
  root.querySelector('#groups-live')?.replaceWith(groupsLive(app.client?.accountId ?? ''));
} };
