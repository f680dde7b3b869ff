// The staff calls the moderator dashboard and the admin page make (docs/alerts.md, docs/groups.md,
// docs/protocol.md §1.4, docs/counseling.md), typed: the alert queue and its lifecycle, a moderator's groups with their
// pending joins, staff invites and the roster, the aggregate figures, and the audit log with its chain checked here,
// on the device, never by trusting the server. Opening, verifying and escalating an alert are HavenClient's
// (client.std.ts: openAlert, verifyAlert, escalateAlert), because they need the identity's keys.
import { ApiError, expectArray, expectId, expectInt, expectObject, expectString, type HavenApi } from './api.std.js';
import { verifyChain, type AuditRecord, type ChainCheck } from './audit.std.js';
import { fromHex } from './encoding.std.js';

export type StaffRole = 'admin' | 'moderator' | 'counselor';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'moderator', 'counselor'];

export type AlertStatus = 'open' | 'claimed' | 'escalated' | 'dismissed' | 'resolved';
const ALERT_STATUSES: readonly AlertStatus[] = ['open', 'claimed', 'escalated', 'dismissed', 'resolved'];
/** Statuses a moderator still works on; the other two are final. */
export const LIVE_STATUSES: readonly AlertStatus[] = ['open', 'claimed', 'escalated'];

export type DismissReason = 'false_positive' | 'idiom' | 'quoted' | 'fiction' | 'duplicate' | 'other';
export const DISMISS_REASONS: readonly DismissReason[] = ['false_positive', 'idiom', 'quoted', 'fiction', 'duplicate', 'other'];

type Obj = Record<string, unknown>;

function oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[], what: string): T {
  const v = expectString(o, key, what);
  if (!(allowed as readonly string[]).includes(v)) throw new ApiError('invalid_response', `${what}: unexpected ${key}`);
  return v as T;
}

function idOrNull(o: Obj, key: string, what: string): string | null {
  return o[key] === null || o[key] === undefined ? null : expectId(o, key, what);
}

// --- alerts ----------------------------------------------------------------------------------------------------
export interface AlertRow {
  alertId: string;
  tier: number;
  status: AlertStatus;
  source: string;
  conversation: string;
  seq: number;
  reports: number;
  createdAt: number;
  updatedAt: number;
  claimedBy: string | null;
  /** null until verified or refuted; reset when a more severe report replaces the content. */
  verified: boolean | null;
}

function parseAlert(v: unknown): AlertRow {
  const o = expectObject(v, 'alert');
  if (o.verified !== null && typeof o.verified !== 'boolean') throw new ApiError('invalid_response', 'alert: bad verified');
  return { alertId: expectId(o, 'alert_id', 'alert'), tier: expectInt(o, 'tier', 'alert'),
    status: oneOf(o, 'status', ALERT_STATUSES, 'alert'), source: expectString(o, 'source', 'alert'),
    conversation: expectId(o, 'conversation', 'alert'), seq: expectInt(o, 'seq', 'alert'),
    reports: expectInt(o, 'reports', 'alert'), createdAt: expectInt(o, 'created_at', 'alert'),
    updatedAt: expectInt(o, 'updated_at', 'alert'), claimedBy: idOrNull(o, 'claimed_by', 'alert'), verified: o.verified };
}

/** Most severe first, then oldest first: the order the server lists and the dashboard keeps after a push. */
export function byUrgency(a: AlertRow, b: AlertRow): number {
  return b.tier - a.tier || a.createdAt - b.createdAt || (a.alertId < b.alertId ? -1 : 1);
}

export async function listAlerts(api: HavenApi, query: { status?: AlertStatus; minTier?: number; limit?: number } = {}): Promise<AlertRow[]> {
  const params: Record<string, string | number> = { limit: query.limit ?? 200 };
  if (query.status) params.status = query.status;
  if (query.minTier) params.min_tier = query.minTier;
  return expectArray(await api.get('/v1/alerts', params), 'alerts').map(parseAlert);
}

export async function claimAlert(api: HavenApi, alertId: string): Promise<AlertRow> {
  return parseAlert(await api.post(`/v1/alerts/${alertId}/claim`));
}

export async function releaseAlert(api: HavenApi, alertId: string): Promise<AlertRow> {
  return parseAlert(await api.post(`/v1/alerts/${alertId}/release`));
}

export async function dismissAlert(api: HavenApi, alertId: string, reason: DismissReason): Promise<AlertRow> {
  return parseAlert(await api.post(`/v1/alerts/${alertId}/dismiss`, { reason }));
}

export async function resolveAlert(api: HavenApi, alertId: string): Promise<AlertRow> {
  return parseAlert(await api.post(`/v1/alerts/${alertId}/resolve`));
}

// --- groups a moderator moderates ------------------------------------------------------------------------------
export interface MyGroup {
  groupId: string;
  status: 'active' | 'pending';
  groupRole: 'member' | 'moderator';
}

export async function myGroups(api: HavenApi): Promise<MyGroup[]> {
  return expectArray(await api.get('/v1/groups'), 'groups').map((v) => {
    const o = expectObject(v, 'group');
    return { groupId: expectId(o, 'group_id', 'group'), status: oneOf(o, 'status', ['active', 'pending'] as const, 'group'),
      groupRole: oneOf(o, 'group_role', ['member', 'moderator'] as const, 'group') };
  });
}

export async function createGroup(api: HavenApi, pseudonym: string): Promise<{ groupId: string; conversationId: string }> {
  const o = expectObject(await api.post('/v1/groups', { pseudonym }), 'group');
  return { groupId: expectId(o, 'group_id', 'group'), conversationId: expectId(o, 'conversation_id', 'group') };
}

/** A join code for the group; shown once (only its HMAC is stored). */
export async function createGroupInvite(api: HavenApi, groupId: string, maxUses: number, ttlSeconds: number): Promise<{ code: string; expiresAt: number }> {
  const o = expectObject(await api.post(`/v1/groups/${groupId}/invites`, { max_uses: maxUses, ttl_seconds: ttlSeconds }), 'invite');
  return { code: expectString(o, 'code', 'invite'), expiresAt: expectInt(o, 'expires_at', 'invite') };
}

export interface PendingMember {
  accountId: string;
  pseudonym: string;
  joinedAt: number;
}

export async function pendingMembers(api: HavenApi, groupId: string): Promise<PendingMember[]> {
  return expectArray(await api.get(`/v1/groups/${groupId}/pending`), 'pending').map((v) => {
    const o = expectObject(v, 'pending member');
    return { accountId: expectId(o, 'account_id', 'pending member'), pseudonym: expectString(o, 'pseudonym', 'pending member'),
      joinedAt: expectInt(o, 'joined_at', 'pending member') };
  });
}

export type MemberAction = 'approve' | 'reject' | 'remove' | 'ban';

export async function actOnMember(api: HavenApi, groupId: string, accountId: string, action: MemberAction): Promise<void> {
  await api.post(`/v1/groups/${groupId}/members/${accountId}/${action}`);
}

// --- staff (admin) ---------------------------------------------------------------------------------------------
export async function myRoles(api: HavenApi): Promise<StaffRole[]> {
  const o = expectObject(await api.get('/v1/me'), 'me');
  return expectArray(o.roles, 'me.roles').filter((r): r is StaffRole => typeof r === 'string' && (STAFF_ROLES as readonly string[]).includes(r));
}

export interface StaffInvite {
  inviteId: string;
  /** Shown once: the server keeps only its HMAC. */
  code: string;
  role: StaffRole;
  expiresAt: number;
}

export async function createStaffInvite(api: HavenApi, role: StaffRole, ttlSeconds = 86_400): Promise<StaffInvite> {
  const o = expectObject(await api.post('/v1/admin/invites', { role, ttl_seconds: ttlSeconds }), 'staff invite');
  return { inviteId: expectId(o, 'invite_id', 'staff invite'), code: expectString(o, 'code', 'staff invite'),
    role: oneOf(o, 'role', STAFF_ROLES, 'staff invite'), expiresAt: expectInt(o, 'expires_at', 'staff invite') };
}

export async function revokeStaffInvite(api: HavenApi, inviteId: string): Promise<void> {
  await api.delete(`/v1/admin/invites/${inviteId}`);
}

export interface StaffMember {
  accountId: string;
  roles: StaffRole[];
}

export async function roster(api: HavenApi): Promise<StaffMember[]> {
  return expectArray(await api.get('/v1/admin/roles'), 'roster').map((v) => {
    const o = expectObject(v, 'staff member');
    return { accountId: expectId(o, 'account_id', 'staff member'),
      roles: expectArray(o.roles, 'staff member roles').map((r) => {
        if (typeof r !== 'string' || !(STAFF_ROLES as readonly string[]).includes(r)) throw new ApiError('invalid_response', 'roster: unknown role');
        return r as StaffRole;
      }) };
  });
}

export async function revokeRole(api: HavenApi, accountId: string, role: StaffRole): Promise<void> {
  await api.delete(`/v1/admin/roles/${accountId}/${role}`);
}

export interface CounselingStats {
  waiting: number;
  offered: number;
  activeSessions: number;
  availableCounselors: number;
  medianWaitMs: number | null;
  medianTimeToAcceptMs: number | null;
  outcomes: Record<string, number>;
  cancelled: number;
}

export async function counselingStats(api: HavenApi): Promise<CounselingStats> {
  const o = expectObject(await api.get('/v1/counseling/stats'), 'stats');
  const maybe = (key: string): number | null => (o[key] === null ? null : expectInt(o, key, 'stats'));
  const outcomes = expectObject(o.outcomes, 'stats.outcomes');
  return { waiting: expectInt(o, 'waiting', 'stats'), offered: expectInt(o, 'offered', 'stats'),
    activeSessions: expectInt(o, 'active_sessions', 'stats'), availableCounselors: expectInt(o, 'available_counselors', 'stats'),
    medianWaitMs: maybe('median_wait_ms'), medianTimeToAcceptMs: maybe('median_time_to_accept_ms'),
    outcomes: Object.fromEntries(Object.keys(outcomes).map((k) => [k, expectInt(outcomes, k, 'stats.outcomes')])),
    cancelled: expectInt(o, 'cancelled', 'stats') };
}

// --- the audit log, verified here --------------------------------------------------------------------------------
const AUDIT_PAGE = 1000;

function hexOrNull(o: Obj, key: string): Uint8Array | null {
  return o[key] === null ? null : hexField(o, key);
}

function hexField(o: Obj, key: string): Uint8Array {
  try {
    return fromHex(expectString(o, key, 'audit entry'));
  } catch {
    throw new ApiError('invalid_response', `audit entry: bad ${key}`);
  }
}

function parseAuditEntry(v: unknown): AuditRecord {
  const o = expectObject(v, 'audit entry');
  const text = (key: string): string | null => (o[key] === null ? null : expectString(o, key, 'audit entry'));
  return { id: expectInt(o, 'id', 'audit entry'), actor: text('actor'), actorSalt: hexOrNull(o, 'actor_salt'),
    actorCommit: hexField(o, 'actor_commit'), action: expectString(o, 'action', 'audit entry'),
    objectId: expectString(o, 'object_id', 'audit entry'), subject: text('subject'), subjectSalt: hexOrNull(o, 'subject_salt'),
    subjectCommit: hexField(o, 'subject_commit'), timeMs: expectInt(o, 'time', 'audit entry'),
    prevHash: hexField(o, 'prev_hash'), entryHash: hexField(o, 'entry_hash') };
}

export interface AuditLog {
  entries: AuditRecord[];
  /** The chain checked on this device from the genesis hash: a server that altered, dropped or reordered an
   * entry cannot make this pass. */
  check: ChainCheck;
}

/** Every entry, page by page, and the chain verified locally (crypto/audit.py's rules, audit.std.ts). */
export async function auditLog(api: HavenApi): Promise<AuditLog> {
  const entries: AuditRecord[] = [];
  for (;;) {
    const after = entries.length ? entries[entries.length - 1]!.id : 0;
    const page = expectArray(await api.get('/v1/admin/audit', { after, limit: AUDIT_PAGE }), 'audit').map(parseAuditEntry);
    entries.push(...page);
    if (page.length < AUDIT_PAGE) break;
  }
  return { entries, check: verifyChain(entries) };
}
