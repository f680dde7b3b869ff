// The staff calls the UI needs (docs/protocol.md §1.4, groups.md, counseling.md, alerts.md; client/api/admin.py,
// alerts.py, groups.py, counseling.py): role invites, the roster, the audit log with its hash chain checked on the
// device, the alert queue, a group moderator's pending/approve/reject/remove/ban, colleagues and queue statistics.
// Plain functions over a HavenApi, so they work with `client.api` of an unlocked HavenClient. Every answer has been
// checked against its published schema by HavenApi before it is read here. Verifying and opening an alert need this
// device's keys: those are HavenClient.verifyAlert and HavenClient.openAlert.
import { ApiError, expectArray, expectBool, expectId, expectInt, expectObject, expectString, type HavenApi } from './api.std.js';
import { verifyChain, type AuditRecord, type ChainCheck } from './audit.std.js';
import { fromHex, type Bytes } from './encoding.std.js';

type Obj = Record<string, unknown>;

// --- roles and invites (§1.4) -------------------------------------------------------------------------------------
export enum StaffRole {
  Admin = 'admin',
  Moderator = 'moderator',
  Counselor = 'counselor',
}

export interface RoleInvite {
  inviteId: string;
  /** Give it to the person out of band; it is shown once. */
  code: string;
  role: StaffRole;
  expiresAtMs: number;
}

function role(o: Obj, key: string, what: string): StaffRole {
  const v = expectString(o, key, what);
  if (!(Object.values(StaffRole) as string[]).includes(v)) throw new ApiError('invalid_response', `the server sent an unknown role ${what}.${key}`);
  return v as StaffRole;
}

/** Admin: a one-time invite to `role`, valid `ttlSeconds` (at least 60). */
export async function createRoleInvite(api: HavenApi, r: StaffRole, ttlSeconds = 86_400): Promise<RoleInvite> {
  const o = expectObject(await api.post('/v1/admin/invites', { role: r, ttl_seconds: ttlSeconds }), 'role invite');
  return { inviteId: expectString(o, 'invite_id', 'role invite'), code: expectString(o, 'code', 'role invite'),
    role: role(o, 'role', 'role invite'), expiresAtMs: expectInt(o, 'expires_at', 'role invite') };
}

/** Admin: withdraw an invite nobody redeemed yet. */
export async function revokeRoleInvite(api: HavenApi, inviteId: string): Promise<void> {
  await api.delete(`/v1/admin/invites/${encodeURIComponent(inviteId)}`);
}

/** Anyone holding a code: take the role it grants. */
export async function redeemRoleInvite(api: HavenApi, code: string): Promise<StaffRole> {
  return role(expectObject(await api.post('/v1/roles/redeem', { code }), 'redeemed role'), 'role', 'redeemed role');
}

/** Admin: take `r` from an account (409 `last_admin` for the last admin). */
export async function revokeRole(api: HavenApi, accountId: string, r: StaffRole): Promise<void> {
  await api.delete(`/v1/admin/roles/${accountId}/${r}`);
}

export interface StaffMember {
  accountId: string;
  roles: StaffRole[];
}

/** Admin: everyone who holds a role. */
export async function roster(api: HavenApi): Promise<StaffMember[]> {
  return expectArray(await api.get('/v1/admin/roles'), 'roster').map((row) => {
    const o = expectObject(row, 'staff member');
    return { accountId: expectId(o, 'account_id', 'staff member'),
      roles: expectArray(o.roles, 'staff member.roles').map((_, i) => role(o.roles as Obj, String(i), 'staff member.roles')) };
  });
}

/** Who this identity is and which roles it holds (GET /v1/me). */
export async function me(api: HavenApi): Promise<StaffMember> {
  const o = expectObject(await api.get('/v1/me'), 'me');
  return { accountId: expectId(o, 'account_id', 'me'),
    roles: expectArray(o.roles, 'me.roles').map((_, i) => role(o.roles as Obj, String(i), 'me.roles')) };
}

// --- the audit log (§1.4, audit chain v2) -------------------------------------------------------------------------
function hex(o: Obj, key: string, what: string): Bytes {
  try {
    return fromHex(expectString(o, key, what));
  } catch {
    throw new ApiError('invalid_response', `the server sent an invalid ${what}.${key}`);
  }
}
function optionalString(o: Obj, key: string, what: string): string | null {
  return o[key] === null ? null : expectString(o, key, what);
}

function auditRecord(row: unknown): AuditRecord {
  const o = expectObject(row, 'audit entry');
  const w = 'audit entry';
  return { id: expectInt(o, 'id', w), actor: optionalString(o, 'actor', w), actorSalt: o.actor_salt === null ? null : hex(o, 'actor_salt', w),
    actorCommit: hex(o, 'actor_commit', w), action: expectString(o, 'action', w), objectId: expectString(o, 'object_id', w),
    subject: optionalString(o, 'subject', w), subjectSalt: o.subject_salt === null ? null : hex(o, 'subject_salt', w),
    subjectCommit: hex(o, 'subject_commit', w), timeMs: expectInt(o, 'time', w), prevHash: hex(o, 'prev_hash', w),
    entryHash: hex(o, 'entry_hash', w) };
}

/** Admin: every audit entry, oldest first, fetched `pageSize` (1..1000) at a time. */
export async function auditLog(api: HavenApi, pageSize = 1000): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  let after = 0;
  for (;;) {
    const page = expectArray(await api.get('/v1/admin/audit', { after, limit: pageSize }), 'audit log').map(auditRecord);
    records.push(...page);
    if (page.length < pageSize) return records;
    after = page[page.length - 1]!.id;
  }
}

/** Admin: the whole log and the device's own check of its hash chain — the server is not trusted to say it holds. */
export async function verifiedAuditLog(api: HavenApi, pageSize = 1000): Promise<{ records: AuditRecord[]; check: ChainCheck }> {
  const records = await auditLog(api, pageSize);
  return { records, check: verifyChain(records) };
}

// --- the alert queue (alerts.md) ----------------------------------------------------------------------------------
export enum AlertStatus {
  Open = 'open',
  Claimed = 'claimed',
  Escalated = 'escalated',
  Dismissed = 'dismissed',
  Resolved = 'resolved',
}

export enum DismissReason {
  FalsePositive = 'false_positive',
  Idiom = 'idiom',
  Quoted = 'quoted',
  Fiction = 'fiction',
  Duplicate = 'duplicate',
  Other = 'other',
}

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
  /** null until a moderator verified (or failed to verify) the current report. */
  verified: boolean | null;
}

export function alertRow(v: unknown): AlertRow {
  const o = expectObject(v, 'alert');
  const status = expectString(o, 'status', 'alert');
  if (!(Object.values(AlertStatus) as string[]).includes(status)) throw new ApiError('invalid_response', 'the server sent an unknown alert status');
  return { alertId: expectId(o, 'alert_id', 'alert'), tier: expectInt(o, 'tier', 'alert'), status: status as AlertStatus,
    source: expectString(o, 'source', 'alert'), conversation: expectId(o, 'conversation', 'alert'), seq: expectInt(o, 'seq', 'alert'),
    reports: expectInt(o, 'reports', 'alert'), createdAtMs: expectInt(o, 'created_at', 'alert'),
    updatedAtMs: expectInt(o, 'updated_at', 'alert'), claimedBy: o.claimed_by === null ? null : expectId(o, 'claimed_by', 'alert'),
    verified: o.verified === null ? null : expectBool(o, 'verified', 'alert') };
}

/** Moderator: the queue, optionally only `status`, only tier >= `minTier`, at most `limit`. */
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

/** The claimer: a priority counseling request for the verified subject (409 `unverified` otherwise). */
export async function escalateAlert(api: HavenApi, alertId: string, language: string): Promise<{ alertId: string; requestId: string }> {
  const o = expectObject(await api.post(`/v1/alerts/${alertId}/escalate`, { language }), 'escalation');
  return { alertId: expectId(o, 'alert_id', 'escalation'), requestId: expectString(o, 'request_id', 'escalation') };
}

export async function dismissAlert(api: HavenApi, alertId: string, reason: DismissReason): Promise<AlertRow> {
  return alertRow(await api.post(`/v1/alerts/${alertId}/dismiss`, { reason }));
}

export async function resolveAlert(api: HavenApi, alertId: string): Promise<AlertRow> {
  return alertRow(await api.post(`/v1/alerts/${alertId}/resolve`));
}

// --- a group moderator (groups.md) --------------------------------------------------------------------------------
export interface PendingMember {
  accountId: string;
  pseudonym: string;
  joinedAtMs: number;
}

export enum MembershipChange {
  Joined = 'joined',
  Left = 'left',
  Removed = 'removed',
  Banned = 'banned',
}

export interface MembershipChanged {
  groupId: string;
  accountId: string;
  change: MembershipChange;
  /** A new version means a new sender-key epoch for everyone still in the group. */
  membershipVersion: number;
}

function changed(v: unknown): MembershipChanged {
  const o = expectObject(v, 'membership change');
  const change = expectString(o, 'change', 'membership change');
  if (!(Object.values(MembershipChange) as string[]).includes(change)) throw new ApiError('invalid_response', 'the server sent an unknown membership change');
  return { groupId: expectId(o, 'group_id', 'membership change'), accountId: expectId(o, 'account_id', 'membership change'),
    change: change as MembershipChange, membershipVersion: expectInt(o, 'membership_version', 'membership change') };
}

/** Join requests waiting for a moderator of the group. */
export async function pendingMembers(api: HavenApi, groupId: string): Promise<PendingMember[]> {
  return expectArray(await api.get(`/v1/groups/${groupId}/pending`), 'pending members').map((row) => {
    const o = expectObject(row, 'pending member');
    return { accountId: expectId(o, 'account_id', 'pending member'), pseudonym: expectString(o, 'pseudonym', 'pending member'),
      joinedAtMs: expectInt(o, 'joined_at', 'pending member') };
  });
}

export async function approveMember(api: HavenApi, groupId: string, accountId: string): Promise<MembershipChanged> {
  return changed(await api.post(`/v1/groups/${groupId}/members/${accountId}/approve`));
}

export async function rejectMember(api: HavenApi, groupId: string, accountId: string): Promise<void> {
  await api.post(`/v1/groups/${groupId}/members/${accountId}/reject`);
}

export async function removeMember(api: HavenApi, groupId: string, accountId: string): Promise<MembershipChanged> {
  return changed(await api.post(`/v1/groups/${groupId}/members/${accountId}/remove`));
}

/** Removed, and refused if they try to join again. */
export async function banMember(api: HavenApi, groupId: string, accountId: string): Promise<MembershipChanged> {
  return changed(await api.post(`/v1/groups/${groupId}/members/${accountId}/ban`));
}

// --- counseling staff (counseling.md) -----------------------------------------------------------------------------
export interface Colleague {
  accountId: string;
  languages: string[];
  activeSessions: number;
  maxSessions: number;
}

/** Counselor: the available colleagues a session can be transferred to. */
export async function counselors(api: HavenApi): Promise<Colleague[]> {
  return expectArray(await api.get('/v1/counseling/counselors'), 'counselors').map((row) => {
    const o = expectObject(row, 'counselor');
    return { accountId: expectId(o, 'account_id', 'counselor'),
      languages: expectArray(o.languages, 'counselor.languages').map((_, i) => expectString(o.languages as Obj, String(i), 'counselor.languages')),
      activeSessions: expectInt(o, 'active_sessions', 'counselor'), maxSessions: expectInt(o, 'max_sessions', 'counselor') };
  });
}

export interface CounselingStats {
  waiting: number;
  offered: number;
  activeSessions: number;
  availableCounselors: number;
  medianWaitMs: number | null;
  medianTimeToAcceptMs: number | null;
  /** Closed sessions by outcome. */
  outcomes: Record<string, number>;
  cancelled: number;
}

/** Staff: the queue's figures (counts only; nothing about who). */
export async function counselingStats(api: HavenApi): Promise<CounselingStats> {
  const o = expectObject(await api.get('/v1/counseling/stats'), 'stats');
  const w = 'stats';
  const outcomes = expectObject(o.outcomes, 'stats.outcomes');
  return { waiting: expectInt(o, 'waiting', w), offered: expectInt(o, 'offered', w), activeSessions: expectInt(o, 'active_sessions', w),
    availableCounselors: expectInt(o, 'available_counselors', w),
    medianWaitMs: o.median_wait_ms === null ? null : expectInt(o, 'median_wait_ms', w),
    medianTimeToAcceptMs: o.median_time_to_accept_ms === null ? null : expectInt(o, 'median_time_to_accept_ms', w),
    outcomes: Object.fromEntries(Object.keys(outcomes).map((k) => [k, expectInt(outcomes, k, 'stats.outcomes')])),
    cancelled: expectInt(o, 'cancelled', w) };
}
