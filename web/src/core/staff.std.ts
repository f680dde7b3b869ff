// The staff calls (docs/protocol.md §1.4, groups.md, alerts.md, counseling.md; client/api/admin.py, alerts.py,
// groups.py): role invites, the roster, the audit log with its hash chain checked on the device, the alert queue, the
// groups a moderator runs with their pending joins, and the counseling queue's figures. The one module the moderator
// dashboard, the admin page and the interop tests all use (web/test/interop/driver.node.ts).
// Plain functions over a HavenApi, so they work with `client.api` of an unlocked HavenClient. Every answer has been
// checked against its published schema by HavenApi (api.std.ts, docs/schema/openapi.json) before it is read here,
// and is read again field by field, so a value outside the enums below is an ApiError, never a half-typed object.
// What needs this device's keys is HavenClient's: openAlert, verifyAlert, and escalateAlert next to them; the
// counselor's own calls (colleagues, offers) are counselor.std.ts.
import { ApiError, expectArray, expectBool, expectId, expectInt, expectObject, expectString, oneOf, type HavenApi } from './api.std.js';
import { verifyChain, type AuditRecord, type ChainCheck } from './audit.std.js';
import { fromHex, type Bytes } from './encoding.std.js';

export * from './alerts.std.js';

type Obj = Record<string, unknown>;

// --- roles and invites (§1.4) -------------------------------------------------------------------------------------
export enum StaffRole {
  Admin = 'admin',
  Moderator = 'moderator',
  Counselor = 'counselor',
}
export const STAFF_ROLES: readonly StaffRole[] = Object.values(StaffRole);

function roles(v: unknown, what: string): StaffRole[] {
  return expectArray(v, what).map((r) => oneOf(StaffRole, r, `role in ${what}`));
}

export interface RoleInvite {
  inviteId: string;
  /** Give it to the person out of band; it is shown once (the server keeps only its HMAC). */
  code: string;
  role: StaffRole;
  expiresAtMs: number;
}

/** Admin: a one-time invite to `role`, valid `ttlSeconds` (at least 60). */
export async function createRoleInvite(api: HavenApi, role: StaffRole, ttlSeconds = 86_400): Promise<RoleInvite> {
  const o = expectObject(await api.post('/v1/admin/invites', { role, ttl_seconds: ttlSeconds }), 'role invite');
  return { inviteId: expectId(o, 'invite_id', 'role invite'), code: expectString(o, 'code', 'role invite'),
    role: oneOf(StaffRole, o.role, 'role invite.role'), expiresAtMs: expectInt(o, 'expires_at', 'role invite') };
}

/** Admin: withdraw an invite nobody redeemed yet. */
export async function revokeRoleInvite(api: HavenApi, inviteId: string): Promise<void> {
  await api.delete(`/v1/admin/invites/${encodeURIComponent(inviteId)}`);
}

/** Anyone holding a code: take the role it grants. */
export async function redeemRoleInvite(api: HavenApi, code: string): Promise<StaffRole> {
  return oneOf(StaffRole, expectObject(await api.post('/v1/roles/redeem', { code }), 'redeemed role').role, 'redeemed role');
}

/** Admin: take `role` from an account (409 `last_admin` for the last admin). */
export async function revokeRole(api: HavenApi, accountId: string, role: StaffRole): Promise<void> {
  await api.delete(`/v1/admin/roles/${accountId}/${role}`);
}

export interface StaffMember {
  accountId: string;
  roles: StaffRole[];
}

/** Admin: everyone who holds a role. */
export async function roster(api: HavenApi): Promise<StaffMember[]> {
  return expectArray(await api.get('/v1/admin/roles'), 'roster').map((row) => {
    const o = expectObject(row, 'staff member');
    return { accountId: expectId(o, 'account_id', 'staff member'), roles: roles(o.roles, 'staff member.roles') };
  });
}

/** Who this identity is and which roles it holds (GET /v1/me). */
export async function me(api: HavenApi): Promise<StaffMember> {
  const o = expectObject(await api.get('/v1/me'), 'me');
  return { accountId: expectId(o, 'account_id', 'me'), roles: roles(o.roles, 'me.roles') };
}

// --- the audit log (§1.4, audit chain v2), verified here ----------------------------------------------------------
function hex(o: Obj, key: string): Bytes {
  try {
    return fromHex(expectString(o, key, 'audit entry'));
  } catch {
    throw new ApiError('invalid_response', `the server sent an invalid audit entry.${key}`);
  }
}

function auditRecord(row: unknown): AuditRecord {
  const o = expectObject(row, 'audit entry');
  const w = 'audit entry';
  const text = (key: string): string | null => (o[key] === null ? null : expectString(o, key, w));
  const salt = (key: string): Bytes | null => (o[key] === null ? null : hex(o, key));
  return { id: expectInt(o, 'id', w), actor: text('actor'), actorSalt: salt('actor_salt'), actorCommit: hex(o, 'actor_commit'),
    action: expectString(o, 'action', w), objectId: expectString(o, 'object_id', w), subject: text('subject'),
    subjectSalt: salt('subject_salt'), subjectCommit: hex(o, 'subject_commit'), timeMs: expectInt(o, 'time', w),
    prevHash: hex(o, 'prev_hash'), entryHash: hex(o, 'entry_hash') };
}

export interface AuditLog {
  /** Oldest first. */
  entries: AuditRecord[];
  /** The chain checked on this device from the genesis hash (audit.std.ts, crypto/audit.py's rules): a server that
   * altered, dropped or reordered an entry cannot make this pass. */
  check: ChainCheck;
}

/** Admin or moderator: every audit entry, fetched `pageSize` (1..1000) at a time, and the device's own check of its
 * hash chain. The only way this module hands out entries, so nothing shows them unchecked. */
export async function auditLog(api: HavenApi, pageSize = 1000): Promise<AuditLog> {
  const entries: AuditRecord[] = [];
  for (;;) {
    const after = entries.length ? entries[entries.length - 1]!.id : 0;
    const page = expectArray(await api.get('/v1/admin/audit', { after, limit: pageSize }), 'audit log').map(auditRecord);
    entries.push(...page);
    if (page.length < pageSize) return { entries, check: verifyChain(entries) };
  }
}

// --- the groups a moderator runs (groups.md) ----------------------------------------------------------------------
export enum GroupStatus {
  Active = 'active',
  Pending = 'pending',
}

export enum GroupRole {
  Member = 'member',
  Moderator = 'moderator',
}

export interface MyGroup {
  groupId: string;
  status: GroupStatus;
  groupRole: GroupRole;
}

/** Every group this identity is in or asked to join, with its part in it. */
export async function myGroups(api: HavenApi): Promise<MyGroup[]> {
  return expectArray(await api.get('/v1/groups'), 'groups').map((v) => {
    const o = expectObject(v, 'group');
    return { groupId: expectId(o, 'group_id', 'group'), status: oneOf(GroupStatus, o.status, 'group status'),
      groupRole: oneOf(GroupRole, o.group_role, 'group role') };
  });
}

/** A new group with this identity as its moderator, known in it as `pseudonym`. */
export async function createGroup(api: HavenApi, pseudonym: string): Promise<{ groupId: string; conversationId: string }> {
  const o = expectObject(await api.post('/v1/groups', { pseudonym }), 'group');
  return { groupId: expectId(o, 'group_id', 'group'), conversationId: expectId(o, 'conversation_id', 'group') };
}

/** A join code for the group; shown once (only its HMAC is stored). */
export async function createGroupInvite(api: HavenApi, groupId: string, maxUses: number, ttlSeconds: number): Promise<{ code: string; expiresAtMs: number }> {
  const o = expectObject(await api.post(`/v1/groups/${groupId}/invites`, { max_uses: maxUses, ttl_seconds: ttlSeconds }), 'group invite');
  return { code: expectString(o, 'code', 'group invite'), expiresAtMs: expectInt(o, 'expires_at', 'group invite') };
}

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
  const w = 'membership change';
  return { groupId: expectId(o, 'group_id', w), accountId: expectId(o, 'account_id', w),
    change: oneOf(MembershipChange, o.change, 'membership change'), membershipVersion: expectInt(o, 'membership_version', w) };
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

// --- the counseling queue's figures (counseling.md) ---------------------------------------------------------------
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
  const maybe = (key: string): number | null => (o[key] === null ? null : expectInt(o, key, w));
  const outcomes = expectObject(o.outcomes, 'stats.outcomes');
  return { waiting: expectInt(o, 'waiting', w), offered: expectInt(o, 'offered', w), activeSessions: expectInt(o, 'active_sessions', w),
    availableCounselors: expectInt(o, 'available_counselors', w), medianWaitMs: maybe('median_wait_ms'),
    medianTimeToAcceptMs: maybe('median_time_to_accept_ms'),
    outcomes: Object.fromEntries(Object.keys(outcomes).map((k) => [k, expectInt(outcomes, k, 'stats.outcomes')])),
    cancelled: expectInt(o, 'cancelled', w) };
}
