// The audit log, its hash chain verified on this device (core/audit.std.ts, the rules of crypto/audit.py): the
// result first, unmistakable either way, then the newest entries. Moderators and admins both see it (DESIGN.md).
import type { HavenClient } from '../../core/client.std.js';
import { auditLog, myRoles } from '../../core/moderation.std.js';
import { t, type Key } from '../i18n.dom.js';
import { h } from '../app/dom.dom.js';
import type { ScreenDef, Screen } from '../app/registry.dom.js';
import { render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, wipeDialog } from '../app/widgets.dom.js';
import { MODERATOR_TABS, shortId, staffTabs } from './nav.dom.js';
import { fetchOnce, modState } from './state.std.js';

const SHOWN = 100;
// core/audit.std.ts says why a chain broke in English; the page says it in the reader's language.
const REASONS: Record<string, Key> = {
  'entries out of order': 'auditReason_order',
  'does not link to the entry before it': 'auditReason_link',
  'its actor does not match its commitment': 'auditReason_actor',
  'its subject does not match its commitment': 'auditReason_subject',
  'its contents do not match its hash': 'auditReason_hash',
};
let adminOnly = false;

async function verify(client: HavenClient): Promise<void> {
  app.error = '';
  try {
    modState.audit = await auditLog(client.api);
    adminOnly = !(await myRoles(client.api)).includes('moderator');
  } catch {
    app.error = t('error');
  }
}

function result(): HTMLElement {
  const check = modState.audit?.check;
  if (!check) return h('p', { class: 'note', 'data-test': 'audit-result' }, t('auditNotYet'));
  const ok = check.ok;
  const reasonKey = check.reason === undefined ? undefined : REASONS[check.reason];
  const reason = reasonKey ? t(reasonKey) : check.reason ?? '';
  return h('div', { class: `verdict ${ok ? 'verified-yes' : 'verified-no'}`, role: 'status', 'data-test': 'audit-result',
    'data-ok': ok ? 'true' : 'false' },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, ok ? '✔' : '✖'),
    h('div', {}, h('strong', {}, t(ok ? 'auditOk' : 'auditBroken')),
      h('p', {}, ok ? t('auditOkBody', { n: check.entries, erased: check.erased })
        : t('auditBrokenBody', { id: check.brokenAt ?? '?', reason }))));
}

function entries(): HTMLElement | null {
  const log = modState.audit;
  if (!log?.entries.length) return null;
  const newest = log.entries.slice(-SHOWN).reverse();
  return h('table', { class: 'audit' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, t('auditTime')),
      h('th', { scope: 'col' }, t('auditAction')), h('th', { scope: 'col' }, t('auditActor')), h('th', { scope: 'col' }, t('auditObject')))),
    h('tbody', {}, ...newest.map((e) => h('tr', { 'data-test': 'audit-entry' },
      h('td', {}, String(e.id)), h('td', {}, new Date(e.timeMs).toISOString().replace('T', ' ').slice(0, 19)),
      h('td', {}, h('code', {}, e.action)), h('td', {}, e.actor === null ? t('erased') : shortId(e.actor)),
      h('td', {}, shortId(e.objectId))))));
}

function auditScreen(): HTMLElement[] {
  fetchOnce('audit', app.client, verify, render);
  const again = h('button', { type: 'button', 'data-test': 'audit-verify', click: () => {
    const client = app.client;
    if (client) void verify(client).then(render);
  } }, t('auditVerify'));
  const back: Screen = adminOnly ? 'admin' : 'dashboard';
  return [header(t('auditTitle'), adminOnly ? back : 'home'), adminOnly ? h('span', {}) : staffTabs(MODERATOR_TABS),
    h('div', { class: 'screen wide' }, wipeDialog(), h('p', {}, t('auditBody')), result(), again, errorLine(), entries())];
}

export const audit: ScreenDef = { render: auditScreen };
