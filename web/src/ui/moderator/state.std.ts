// The moderator's dashboard state, in memory only (gone on lock): the alert queue as the server lists it, what this
// device opened and checked, the groups this moderator runs with their pending joins, and the audit log's check.
import type { AlertContent } from '../../core/alertPacket.std.js';
import type { HavenClient, GroupMember } from '../../core/client.std.js';
import {
  byUrgency, listAlerts, LIVE_STATUSES, myGroups, pendingMembers, type AlertRow, type AuditLog, type PendingMember,
} from '../../core/moderation.std.js';
import { slice } from '../app/state.std.js';

/** What the sealed report told this device. The sender is only ever the report's claim until the server verified. */
export interface OpenedView {
  content: AlertContent;
  claimedSender: string;
  raisedBy: string;
  /** The tier the content was read at (a more severe report replaces it). */
  tier: number;
}

export type OpenFailure = 'unreadable' | 'mismatch';

export interface ModGroup {
  groupId: string;
  conversationId: string | null;
  members: GroupMember[];
  pending: PendingMember[];
}

export interface ModeratorState {
  alerts: AlertRow[];
  showClosed: boolean;
  selected: string | null;
  opened: Map<string, OpenedView | OpenFailure>;
  /** The last push, for the banner (ids and a tier only). */
  pushed: { alertId: string; tier: number } | null;
  groups: ModGroup[];
  /** The pseudonym typed for a new group, kept across redraws. */
  groupDraft: string;
  /** A group's invite link, shown once right after it was made. */
  inviteLinks: Map<string, string>;
  /** A remove/ban/revoke that waits for its second tap: `<action>:<group>:<account>`. */
  confirming: string | null;
  audit: AuditLog | null;
  /** Screens that fetched once since unlock (the first draw fetches; polls keep it fresh). */
  fetched: Set<string>;
}

export const modState = slice<ModeratorState>(() => ({
  alerts: [], showClosed: false, selected: null, opened: new Map(), pushed: null, groups: [], groupDraft: '', inviteLinks: new Map(),
  confirming: null, audit: null, fetched: new Set(),
}));

/** On a screen's first draw: fetch what it shows, then draw again (later draws wait for polls and pushes). */
export function fetchOnce(key: string, client: HavenClient | null, fetch: (client: HavenClient) => Promise<void>, redraw: () => void): void {
  if (!client || modState.fetched.has(key)) return;
  modState.fetched.add(key);
  void fetch(client).then(redraw, () => modState.fetched.delete(key));
}

export async function refreshAlerts(client: HavenClient): Promise<void> {
  const rows = await listAlerts(client.api, { limit: 500 });
  modState.alerts = rows.filter((a) => modState.showClosed || LIVE_STATUSES.includes(a.status)).sort(byUrgency);
}

/** Folds one changed alert (an action's answer) into the list without another request. */
export function replaceAlert(row: AlertRow): void {
  modState.alerts = [...modState.alerts.filter((a) => a.alertId !== row.alertId), row]
    .filter((a) => modState.showClosed || LIVE_STATUSES.includes(a.status)).sort(byUrgency);
}

export async function refreshGroups(client: HavenClient): Promise<void> {
  const mine = (await myGroups(client.api)).filter((g) => g.status === 'active' && g.groupRole === 'moderator');
  modState.groups = await Promise.all(mine.map(async (g) => {
    const info = await client.groupInfo(g.groupId);
    return { groupId: g.groupId, conversationId: info.conversationId, members: info.members,
      pending: await pendingMembers(client.api, g.groupId) };
  }));
}

/** The group an alert's conversation belongs to, when this moderator is in it. */
export function groupOf(conversation: string): ModGroup | null {
  return modState.groups.find((g) => g.conversationId === conversation) ?? null;
}

export function pseudonymIn(group: ModGroup | null, account: string): string | null {
  return group?.members.find((m) => m.accountId === account)?.pseudonym ?? null;
}
