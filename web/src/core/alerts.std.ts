// The alert queue (docs/alerts.md; client/api/alerts.py): the statuses, a row as the server lists it, and the
// moderator's calls that change only its status. What needs this device's keys (openAlert, verifyAlert,
// escalateAlert) is HavenClient's, which reads its rows with `alertRow` too. staff.std.ts re-exports all of it.
import { expectArray, expectBool, expectId, expectInt, expectObject, expectString, oneOf, type HavenApi } from './api.std.js';

export enum AlertStatus {
  Open = 'open',
  Claimed = 'claimed',
  Escalated = 'escalated',
  Dismissed = 'dismissed',
  Resolved = 'resolved',
}
/** Statuses a moderator still works on; the other two are final. */
export const LIVE_STATUSES: readonly AlertStatus[] = [AlertStatus.Open, AlertStatus.Claimed, AlertStatus.Escalated];

export enum DismissReason {
  FalsePositive = 'false_positive',
  Idiom = 'idiom',
  Quoted = 'quoted',
  Fiction = 'fiction',
  Duplicate = 'duplicate',
  Other = 'other',
}
export const DISMISS_REASONS: readonly DismissReason[] = Object.values(DismissReason);

export interface AlertRow {
  alertId: string;
  tier: number;
  status: AlertStatus;
  source: string;
  conversation: string;
  seq: number;
  reports: number;
  createdAtMs: number;
  updatedAtMs: number;
  claimedBy: string | null;
  /** null until a moderator verified (or failed to verify) the current report; reset when a more severe report
   * replaces the content. */
  verified: boolean | null;
}

export function alertRow(v: unknown): AlertRow {
  const o = expectObject(v, 'alert');
  const w = 'alert';
  return { alertId: expectId(o, 'alert_id', w), tier: expectInt(o, 'tier', w), status: oneOf(AlertStatus, o.status, 'alert status'),
    source: expectString(o, 'source', w), conversation: expectId(o, 'conversation', w), seq: expectInt(o, 'seq', w),
    reports: expectInt(o, 'reports', w), createdAtMs: expectInt(o, 'created_at', w), updatedAtMs: expectInt(o, 'updated_at', w),
    claimedBy: o.claimed_by === null ? null : expectId(o, 'claimed_by', w),
    verified: o.verified === null ? null : expectBool(o, 'verified', w) };
}

/** Most severe first, then oldest first: the order the server lists and the dashboard keeps after a push. */
export function byUrgency(a: AlertRow, b: AlertRow): number {
  return b.tier - a.tier || a.createdAtMs - b.createdAtMs || (a.alertId < b.alertId ? -1 : 1);
}

/** Moderator: the queue, optionally only `status`, only tier >= `minTier`, at most `limit` (1..500; the server's
 * default is 200). */
export async function listAlerts(api: HavenApi, filter: { status?: AlertStatus; minTier?: number; limit?: number } = {}): Promise<AlertRow[]> {
  const params: Record<string, string | number> = {};
  if (filter.status !== undefined) params.status = filter.status;
  if (filter.minTier !== undefined) params.min_tier = filter.minTier;
  if (filter.limit !== undefined) params.limit = filter.limit;
  return expectArray(await api.get('/v1/alerts', params), 'alerts').map(alertRow);
}

/** Moderator: take an open alert (only the claimer may verify, escalate, dismiss or resolve it). */
export async function claimAlert(api: HavenApi, alertId: string): Promise<AlertRow> {
  return alertRow(await api.post(`/v1/alerts/${alertId}/claim`));
}

/** The claimer: give it back to the queue. */
export async function releaseAlert(api: HavenApi, alertId: string): Promise<AlertRow> {
  return alertRow(await api.post(`/v1/alerts/${alertId}/release`));
}

export async function dismissAlert(api: HavenApi, alertId: string, reason: DismissReason): Promise<AlertRow> {
  return alertRow(await api.post(`/v1/alerts/${alertId}/dismiss`, { reason }));
}

export async function resolveAlert(api: HavenApi, alertId: string): Promise<AlertRow> {
  return alertRow(await api.post(`/v1/alerts/${alertId}/resolve`));
}
