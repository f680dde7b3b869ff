// The audit log's hash chain, version 2 (docs/protocol.md §1.4; crypto/audit.py). Who acted (`actor`) and whom the
// action was about (`subject`, "" for nobody) enter the hash only through salted commitments, so the server can
// erase a value with its salt (an identity deleted, a membership ended) and every entry still verifies:
//   link_commit(salt, value) = BLAKE2b-256(lp("haven-audit-link-v2") || lp(salt) || lp(value))
//   entry_hash = BLAKE2b-256(lp("haven-audit-v2") || u64 id || actor_commit || lp(action) || lp(object_id) ||
//                            subject_commit || u64 time_ms || prev_hash)
// A present value must open its commitment (so it cannot be swapped); an erased one (value and salt both null) is
// taken as its stored commitment.
import { ascii, concat, lp, u64, utf8, type Bytes } from './encoding.std.js';
import { blake2b, ctEqual } from './sodium.std.js';

export const AUDIT_VERSION = 2;
const DOMAIN = ascii('haven-audit-v2');
const LINK_DOMAIN = ascii('haven-audit-link-v2');
export const GENESIS = new Uint8Array(32);

export interface AuditRecord {
  id: number;
  /** null once erased (with its salt). */
  actor: string | null;
  actorSalt: Bytes | null;
  actorCommit: Bytes;
  action: string;
  objectId: string;
  /** "" when the action was about nobody; null once erased. */
  subject: string | null;
  subjectSalt: Bytes | null;
  subjectCommit: Bytes;
  timeMs: number;
  prevHash: Bytes;
  entryHash: Bytes;
}

export function linkCommit(salt: Bytes, value: string): Bytes {
  return blake2b(concat(lp(LINK_DOMAIN), lp(salt), lp(utf8(value))));
}

export function entryHash(id: number, actorCommit: Bytes, action: string, objectId: string, subjectCommit: Bytes,
  timeMs: number, prev: Bytes): Bytes {
  return blake2b(concat(lp(DOMAIN), u64(id), actorCommit, lp(utf8(action)), lp(utf8(objectId)), subjectCommit,
    u64(timeMs), prev));
}

function linkHolds(value: string | null, salt: Bytes | null, commitment: Bytes): boolean {
  if (commitment.length !== 32) return false;
  if (value === null) return salt === null;
  return salt !== null && ctEqual(linkCommit(salt, value), commitment);
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: string;
  /** Entries whose actor or subject was erased: they verify, but no longer say who. */
  erased: number;
}

/** Names the first entry whose order, link or contents do not hold. */
export function verifyChain(records: Iterable<AuditRecord>): ChainCheck {
  let previous: Bytes = GENESIS;
  let lastId = 0;
  let count = 0;
  let erased = 0;
  const broken = (id: number, reason: string): ChainCheck => ({ ok: false, entries: count, brokenAt: id, reason, erased });
  for (const r of records) {
    count += 1;
    if (r.id <= lastId) return broken(r.id, 'entries out of order');
    if (!ctEqual(r.prevHash, previous)) return broken(r.id, 'does not link to the entry before it');
    if (!linkHolds(r.actor, r.actorSalt, r.actorCommit)) return broken(r.id, 'its actor does not match its commitment');
    if (!linkHolds(r.subject, r.subjectSalt, r.subjectCommit)) return broken(r.id, 'its subject does not match its commitment');
    if (!ctEqual(entryHash(r.id, r.actorCommit, r.action, r.objectId, r.subjectCommit, r.timeMs, r.prevHash), r.entryHash)) {
      return broken(r.id, 'its contents do not match its hash');
    }
    if (r.actor === null || r.subject === null) erased += 1;
    previous = r.entryHash;
    lastId = r.id;
  }
  return { ok: true, entries: count, erased };
}
