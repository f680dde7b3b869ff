// The alert dashboard (desktop first): the queue on the left, most severe then oldest, updated the moment the
// server pushes an alert; the chosen alert on the right with what its sealed report says (opened here, on the
// device) and the moderator's actions. Verified and NOT verified look nothing alike — colour, icon and words —
// because a forged report is exactly what someone would use to get a member hurt (docs/alerts.md, franking).
import { ApiError } from '../../core/api.std.js';
import { locallySound, type HavenClient } from '../../core/client.std.js';
import {
  claimAlert, DISMISS_REASONS, dismissAlert, releaseAlert, resolveAlert, type AlertRow, type DismissReason,
} from '../../core/moderation.std.js';
import { t, type Key } from '../i18n.dom.js';
import { HELP_LANGUAGES } from '../app/counseling.std.js';
import { h, root, type Child } from '../app/dom.dom.js';
import type { Notice, ScreenDef } from '../app/registry.dom.js';
import { render } from '../app/router.dom.js';
import { app } from '../app/state.std.js';
import { errorLine, header, statusLine, wipeDialog } from '../app/widgets.dom.js';
import { age, MODERATOR_TABS, shortId, staffTabs } from './nav.dom.js';
import { fetchOnce, groupOf, modState, pseudonymIn, refreshAlerts, refreshGroups, replaceAlert, type OpenedView } from './state.std.js';

const ERRORS: Record<string, Key> = {
  unverified: 'escalateNeedsVerify', already_claimed: 'alreadyClaimed', content_changed: 'contentChanged',
};

/** Runs one action on the chosen alert; an answer the server refuses becomes a line the moderator can act on. */
async function act(work: (client: HavenClient) => Promise<void>): Promise<void> {
  const client = app.client;
  if (!client) return;
  app.error = '';
  app.status = '';
  try {
    await work(client);
  } catch (e) {
    app.error = t(e instanceof ApiError ? ERRORS[e.code] ?? 'error' : 'error');
    await refreshAlerts(client).catch(() => undefined);
  }
  render();
}

async function openOnDevice(client: HavenClient, alertId: string): Promise<void> {
  try {
    const opened = await client.openAlert(alertId);
    const view: OpenedView = { content: opened.packet.content, claimedSender: opened.claimedSender,
      raisedBy: opened.raisedBy, tier: opened.summary.tier };
    modState.opened.set(alertId, view);
    // The report must open its own commitment and be about this very message; if not, it is forged, whatever it
    // says, and the server hears `failed` when the moderator verifies.
    if (!locallySound(opened)) modState.opened.set(alertId, 'mismatch');
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    modState.opened.set(alertId, e.code === 'alert_unreadable' ? 'unreadable' : 'mismatch');
  }
  if (!modState.groups.length) await refreshGroups(client).catch(() => undefined);
}

function selected(): AlertRow | null {
  return modState.alerts.find((a) => a.alertId === modState.selected) ?? null;
}

function alertItem(a: AlertRow, me: string): HTMLElement {
  const chosen = a.alertId === modState.selected;
  return h('li', {},
    h('button', { type: 'button', class: `alert-item tier-${a.tier}${chosen ? ' chosen' : ''}`, 'data-test': 'alert',
      'data-alert': a.alertId, 'aria-pressed': chosen ? 'true' : 'false',
      click: () => { modState.selected = a.alertId; modState.pushed = null; render(); } },
      h('span', { class: 'tier' }, t('tierN', { tier: a.tier })),
      h('span', { class: 'what' }, t(`alertStatus_${a.status}` as Key), ' · ', t(`source_${a.source}` as Key), ' · ',
        t('reportsN', { n: a.reports })),
      h('span', { class: 'when' }, age(a.createdAt), a.claimedBy ? ` · ${t(a.claimedBy === me ? 'claimedByMe' : 'claimedByOther')}` : ''),
      verifiedMark(a.verified, true)));
}

/** The three states of a report's verification, each with its own colour, icon and words. */
export function verifiedMark(verified: boolean | null, compact = false): HTMLElement {
  const [cls, icon, title, body]: [string, string, Key, Key] = verified === true
    ? ['verified-yes', '✔', 'verifiedYes', 'verifiedYesBody']
    : verified === false ? ['verified-no', '✖', 'verifiedNo', 'verifiedNoBody']
      : ['verified-unknown', '?', 'verifiedUnknown', 'verifiedUnknownBody'];
  if (compact) return h('span', { class: `badge ${cls}` }, h('span', { 'aria-hidden': 'true' }, icon), ' ', t(title));
  return h('div', { class: `verdict ${cls}`, 'data-test': 'verification', role: 'status' },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, icon),
    h('div', {}, h('strong', {}, t(title)), h('p', {}, t(body))));
}

function contextSection(a: AlertRow): Child {
  const opened = modState.opened.get(a.alertId);
  if (opened === undefined) return null;
  if (opened === 'unreadable' || opened === 'mismatch') {
    return h('p', { class: opened === 'mismatch' ? 'error' : 'note', 'data-test': 'alert-context' },
      t(opened === 'mismatch' ? 'alertMismatch' : 'alertUnreadable'));
  }
  const group = groupOf(a.conversation);
  const name = (account: string): string => pseudonymIn(group, account) ?? t('someoneUnknown', { id: shortId(account) });
  const sender = a.verified === true ? t('contextSenderVerified', { name: name(opened.claimedSender) })
    : a.verified === false ? t('contextSenderNone') : t('contextSenderClaimed', { name: name(opened.claimedSender) });
  const c = opened.content;
  const row = (label: Key, value: Child, test?: string): HTMLElement[] =>
    [h('dt', {}, t(label)), h('dd', test ? { 'data-test': test } : {}, value)];
  return h('section', { class: 'context', 'data-test': 'alert-context', 'aria-labelledby': 'context-h' },
    h('h3', { id: 'context-h' }, t('contextHeading')),
    h('dl', {},
      ...row('contextGroup', group ? t('contextGroupKnown', { id: shortId(group.groupId) })
        : t('contextGroupUnknown', { id: shortId(a.conversation) }), 'context-group'),
      ...row('contextSender', sender, 'context-sender'),
      ...row('contextRaisedBy', name(opened.raisedBy)),
      ...row('contextLanguage', c.language),
      ...row('contextCategories', c.categories.join(', '))),
    h('h4', {}, t('contextSnippet')),
    c.excerpts.length
      ? h('ul', { class: 'snippets' }, ...c.excerpts.map((x) => h('li', { 'data-test': 'snippet', lang: c.language === 'und' ? false : c.language },
        x.snippet.slice(0, x.start), h('mark', {}, x.snippet.slice(x.start, x.end)), x.snippet.slice(x.end))))
      : h('p', { class: 'note' }, t('contextNoSnippet')));
}

function actions(a: AlertRow, me: string): HTMLElement {
  const mine = a.claimedBy === me;
  const button = (label: Key, test: string, work: (c: HavenClient) => Promise<void>, cls = ''): HTMLElement =>
    h('button', { type: 'button', class: cls, 'data-test': test, disabled: app.busy, click: () => void act(work) }, t(label));
  const opened = modState.opened.get(a.alertId);
  const language = typeof opened === 'object' && HELP_LANGUAGES.some(([code]) => code === opened.content.language)
    ? opened.content.language : HELP_LANGUAGES[0]![0];
  const languageSelect = h('select', { name: 'escalate-language' }, ...HELP_LANGUAGES.map(([code, label]) =>
    h('option', { value: code, lang: code, selected: code === language }, label)));
  const reason = h('select', { name: 'dismiss-reason' }, ...DISMISS_REASONS.map((r) =>
    h('option', { value: r }, t(`reason_${r}` as Key))));
  const parts: Child[] = [];
  if (a.status === 'open') parts.push(button('claim', 'claim', async (c) => {
    replaceAlert(await claimAlert(c.api, a.alertId));
    await openOnDevice(c, a.alertId);
  }));
  if (opened === undefined) parts.push(button('openContent', 'open-alert', (c) => openOnDevice(c, a.alertId), 'secondary'));
  if (mine && (a.status === 'claimed' || a.status === 'escalated')) {
    parts.push(button('verify', 'verify', async (c) => {
      await c.verifyAlert(a.alertId);
      await refreshAlerts(c);
    }));
  }
  const rows: Child[] = [h('div', { class: 'row' }, ...parts)];
  if (mine && a.status === 'claimed') {
    rows.push(h('div', { class: 'row end' }, h('label', {}, t('escalateLanguage'), languageSelect),
      button('escalate', 'escalate', async (c) => {
        await c.escalateAlert(a.alertId, languageSelect.value);
        await refreshAlerts(c);
        app.status = t('escalated');
      })));
    rows.push(h('div', { class: 'row end' }, h('label', {}, t('dismissReason'), reason),
      button('dismiss', 'dismiss', async (c) => {
        replaceAlert(await dismissAlert(c.api, a.alertId, reason.value as DismissReason));
      }, 'secondary')));
  }
  const last: Child[] = [];
  if (mine && (a.status === 'claimed' || a.status === 'escalated')) {
    last.push(button('resolve', 'resolve', async (c) => replaceAlert(await resolveAlert(c.api, a.alertId)), 'secondary'));
  }
  if (mine && a.status === 'claimed') last.push(button('release', 'release', async (c) => replaceAlert(await releaseAlert(c.api, a.alertId)), 'secondary'));
  rows.push(h('div', { class: 'row' }, ...last));
  return h('div', { class: 'actions' }, ...rows);
}

function detail(me: string): HTMLElement {
  const a = selected();
  if (!a) return h('section', { id: 'alert-detail', class: 'pane' }, h('p', { class: 'note' }, t('selectAlert')));
  return h('section', { id: 'alert-detail', class: 'pane', 'aria-labelledby': 'alert-h', 'data-test': 'alert-detail' },
    h('h2', { id: 'alert-h' }, `${t('alertHeading')} · ${t('tierN', { tier: a.tier })} · ${t(`alertStatus_${a.status}` as Key)}`),
    h('p', { class: 'note' }, t(`source_${a.source}` as Key), ' · ', t('reportsN', { n: a.reports }), ' · ', age(a.createdAt),
      a.claimedBy ? ` · ${t(a.claimedBy === me ? 'claimedByMe' : 'claimedByOther')}` : ''),
    verifiedMark(a.verified),
    contextSection(a),
    statusLine(),
    errorLine(),
    actions(a, me));
}

function queue(me: string): HTMLElement {
  const closed = h('input', { type: 'checkbox', name: 'show-closed', checked: modState.showClosed });
  closed.addEventListener('change', () => {
    modState.showClosed = closed.checked;
    void act(refreshAlerts);
  });
  return h('section', { id: 'alert-queue', class: 'pane', 'aria-labelledby': 'queue-h' },
    h('h2', { id: 'queue-h' }, t('alertsHeading')),
    modState.pushed ? h('p', { class: 'pushed', role: 'alert', 'data-test': 'pushed' }, t('newAlertBanner', { tier: modState.pushed.tier })) : null,
    modState.alerts.length
      ? h('ul', { class: 'list alerts' }, ...modState.alerts.map((a) => alertItem(a, me)))
      : h('p', { class: 'note' }, t('alertsNone')),
    h('label', { class: 'inline' }, closed, t('showClosed')));
}

function dashboardScreen(): HTMLElement[] {
  const me = app.client?.accountId ?? '';
  fetchOnce('alerts', app.client, poll, render);
  return [header(t('dashTitle'), 'home'), staffTabs(MODERATOR_TABS), wipeDialog() ?? '',
    h('div', { class: 'staff-columns' }, queue(me), detail(me))].filter((x): x is HTMLElement => x !== '');
}

/** A poll or push changed the queue: redraw only the queue, so a half-chosen dismissal reason is not reset. */
function redrawQueue(): void {
  root.querySelector('#alert-queue')?.replaceWith(queue(app.client?.accountId ?? ''));
}

export async function onAlertPushed(event: Notice & { alert_id?: unknown; tier?: unknown }, client: HavenClient): Promise<void> {
  if (typeof event.alert_id !== 'string' || typeof event.tier !== 'number') return;
  modState.pushed = { alertId: event.alert_id, tier: event.tier };
  await refreshAlerts(client);
}

async function poll(client: HavenClient): Promise<void> {
  await refreshAlerts(client);
  if (!modState.groups.length) await refreshGroups(client);
}

export const dashboard: ScreenDef = { render: dashboardScreen, poll, refreshed: redrawQueue };
