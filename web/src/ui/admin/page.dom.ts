// The admin page (desktop first): staff invites (made for a role, the code shown once, revocable), the roster with
// role revocation, aggregate figures, and the way to the audit log (verified on the device). Making the first admin
// stays on the server's command line (`haven admin init` needs the server's secret); the page says so to anyone
// who opens it without the role.
import { ApiError } from '../../core/api.std.js';
import type { HavenClient } from '../../core/client.std.js';
import {
  auditLog, counselingStats, createStaffInvite, myRoles, revokeRole, revokeStaffInvite, roster, STAFF_ROLES,
  type StaffRole,
} from '../../core/moderation.std.js';
import { t, type Key } from '../i18n.dom.js';
import { h, type Child } from '../app/dom.dom.js';
import type { ScreenDef } from '../app/registry.dom.js';
import { go, render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, statusLine, wipeDialog } from '../app/widgets.dom.js';
import { shortId } from '../moderator/nav.dom.js';
import { fetchOnce } from '../moderator/state.std.js';
import { adminState } from './state.std.js';

const roleName = (role: StaffRole): string => t(`role_${role}` as Key);

async function refresh(client: HavenClient): Promise<void> {
  adminState.isAdmin = (await myRoles(client.api)).includes('admin');
  if (!adminState.isAdmin) return;
  [adminState.roster, adminState.stats] = await Promise.all([roster(client.api), counselingStats(client.api)]);
  // Counting the audit entries reads the whole log: once per visit, not on every poll.
  adminState.auditEntries ??= (await auditLog(client.api)).entries.length;
}

async function run(work: (client: HavenClient) => Promise<void>, done?: Key): Promise<void> {
  const client = app.client;
  if (!client) return;
  app.error = '';
  app.status = '';
  try {
    await work(client);
    await refresh(client);
    if (done) app.status = t(done);
  } catch (e) {
    app.error = e instanceof ApiError && e.code === 'forbidden' ? t('adminNotAdmin') : t('error');
  }
  render();
}

function invitesSection(): HTMLElement {
  const role = h('select', { name: 'invite-role', change: () => { adminState.inviteRole = role.value as StaffRole; } },
    ...STAFF_ROLES.map((r) => h('option', { value: r, selected: r === adminState.inviteRole }, roleName(r))));
  const form = h('form', { class: 'row end' }, h('label', {}, t('inviteRole'), role),
    h('button', { type: 'submit', 'data-test': 'create-staff-invite' }, t('createInvite')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run(async (c) => {
      adminState.invites.unshift(await createStaffInvite(c.api, role.value as StaffRole));
    });
  });
  return h('section', { class: 'pane', 'aria-labelledby': 'inv-h' }, h('h2', { id: 'inv-h' }, t('invitesHeading')),
    h('p', { class: 'note' }, t('invitesBody')), form,
    h('ul', { class: 'list' }, ...adminState.invites.map((inv) => h('li', { class: 'member', 'data-test': 'staff-invite' },
      h('span', {}, t('inviteCode', { role: roleName(inv.role) }), ' ', h('code', { 'data-test': 'staff-invite-code' }, inv.code)),
      h('button', { type: 'button', class: 'small secondary', 'data-test': 'revoke-invite', click: () => void run(async (c) => {
        await revokeStaffInvite(c.api, inv.inviteId);
        adminState.invites = adminState.invites.filter((i) => i !== inv);
      }, 'inviteRevoked') }, t('revokeInvite'))))));
}

function rosterSection(me: string): HTMLElement {
  return h('section', { class: 'pane', 'aria-labelledby': 'roster-h' }, h('h2', { id: 'roster-h' }, t('rosterHeading')),
    adminState.roster.length ? h('table', { class: 'audit' },
      h('tbody', {}, ...adminState.roster.map((m) => h('tr', { 'data-test': 'roster-row', 'data-account': m.accountId },
        h('td', {}, h('code', {}, shortId(m.accountId)), m.accountId === me ? ` ${t('rosterYou')}` : ''),
        h('td', {}, m.roles.map(roleName).join(', ')),
        h('td', {}, h('div', { class: 'row' }, ...m.roles.filter((r) => !(m.accountId === me && r === 'admin')).map((r) => {
          const key = `${m.accountId}:${r}`;
          const asking = adminState.confirming === key;
          return h('button', { type: 'button', class: 'small danger', 'data-test': 'revoke-role', 'data-role': r, click: () => {
            if (!asking) {
              adminState.confirming = key;
              render();
              return;
            }
            adminState.confirming = null;
            void run((c) => revokeRole(c.api, m.accountId, r), 'roleRevoked');
          } }, asking ? t('confirmAgain') : t('revokeRole', { role: roleName(r) }));
        })))))))
      : h('p', { class: 'note' }, t('rosterNone')));
}

function figuresSection(): HTMLElement {
  const s = adminState.stats;
  const minutes = (ms: number | null): string => (ms === null ? t('none') : `${Math.round(ms / 60_000)} min`);
  const row = (label: Key, value: Child): HTMLElement[] => [h('dt', {}, t(label)), h('dd', {}, value)];
  const byRole = STAFF_ROLES.map((r) => `${roleName(r)} ${adminState.roster.filter((m) => m.roles.includes(r)).length}`).join(' · ');
  return h('section', { class: 'pane', 'aria-labelledby': 'fig-h', 'data-test': 'figures' }, h('h2', { id: 'fig-h' }, t('figuresHeading')),
    h('p', { class: 'note' }, t('figuresBody')),
    h('p', {}, h('strong', {}, t('figStaff')), ': ', byRole),
    h('dl', { class: 'figures' },
      ...(s ? [
        ...row('figWaiting', String(s.waiting)), ...row('figOffered', String(s.offered)),
        ...row('figActive', String(s.activeSessions)), ...row('figAvailable', String(s.availableCounselors)),
        ...row('figMedianWait', minutes(s.medianWaitMs)), ...row('figMedianAccept', minutes(s.medianTimeToAcceptMs)),
        ...row('figCancelled', String(s.cancelled)),
        ...row('figOutcomes', Object.entries(s.outcomes).map(([k, n]) => `${k} ${n}`).join(' · ') || t('none')),
      ] : []),
      ...row('figAudit', adminState.auditEntries === null ? t('none') : String(adminState.auditEntries))),
    h('button', { type: 'button', class: 'secondary', 'data-test': 'open-audit', click: () => go('audit') }, t('openAudit')));
}

function adminScreen(): HTMLElement[] {
  const client = app.client;
  fetchOnce('admin', client, refresh, render);
  const top = [header(t('adminTitle'), 'home')];
  if (adminState.isAdmin === false) {
    return [...top, h('div', { class: 'screen', 'data-test': 'not-admin' }, h('h2', {}, t('adminNotAdmin')), h('p', {}, t('adminInitCli')))];
  }
  return [...top, h('div', { class: 'screen wide' }, wipeDialog(), statusLine(), errorLine(),
    h('div', { class: 'staff-columns' }, h('div', { class: 'stack' }, invitesSection(), figuresSection()), rosterSection(client?.accountId ?? '')))];
}

// What the last draw showed: a poll that changed nothing does not redraw (and so never moves the focus).
let drawn = '';
const shown = (): string => JSON.stringify([adminState.isAdmin, adminState.roster, adminState.stats, adminState.auditEntries]);
function adminScreenOnce(): HTMLElement[] {
  drawn = shown();
  return adminScreen();
}

export const admin: ScreenDef = { render: adminScreenOnce, poll: refresh, refreshed: () => {
  if (shown() !== drawn) render();
} };
