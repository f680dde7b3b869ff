// The tab row of the staff screens: a moderator's three screens, and the admin page for whoever holds both roles
// (the server refuses what a role does not allow, so a tab is a way, never a permission).
import { t, type Key } from '../i18n.dom.js';
import { h } from '../app/dom.dom.js';
import type { Screen } from '../app/registry.dom.js';
import { go } from '../app/router.dom.js';
import { app } from '../app/state.std.js';

export function staffTabs(tabs: ReadonlyArray<readonly [Screen, Key]>): HTMLElement {
  return h('nav', { class: 'tabs', 'aria-label': t('staffTitle') }, ...tabs.map(([screen, label]) =>
    h('button', { type: 'button', class: app.screen === screen ? 'tab current' : 'tab secondary', 'data-test': `tab-${screen}`,
      'aria-current': app.screen === screen ? 'page' : false, click: () => go(screen) }, t(label))));
}

export const MODERATOR_TABS: ReadonlyArray<readonly [Screen, Key]> = [
  ['dashboard', 'tabAlerts'], ['modGroups', 'tabGroups'], ['audit', 'tabAudit'],
];

/** Short enough to read aloud, long enough to tell two apart: the first 8 hex characters of an id. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

export function age(ms: number, now = Date.now()): string {
  const minutes = Math.floor(Math.max(0, now - ms) / 60_000);
  if (minutes < 1) return t('ageNow');
  if (minutes < 120) return t('ageMinutes', { n: minutes });
  return t('ageHours', { n: Math.floor(minutes / 60) });
}
