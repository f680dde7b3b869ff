// The audit log's hash chain (docs/protocol.md §1.4; crypto/audit.py). Kept small: the chain is being revised.
//   entry_hash = BLAKE2b-256(lp("haven-audit-v1") || u64 id || lp(actor) || lp(action) || lp(object_id) || u64 time_ms || prev)
import { ascii, concat, lp, u64, utf8, type Bytes } from './encoding.std.js';
import { blake2b, ctEqual } from './sodium.std.js';

const DOMAIN = ascii('haven-audit-v1');
export const GENESIS = new Uint8Array(32);

export interface AuditRecord {
  id: number;
  actor: string;
  action: string;
  objectId: string;
  timeMs: number;
  prevHash: Bytes;
  entryHash: Bytes;
}

export function entryHash(id: number, actor: string, action: string, objectId: string, timeMs: number, prev: Bytes): Bytes {
  return blake2b(concat(lp(DOMAIN), u64(id), lp(utf8(actor)), lp(utf8(action)), lp(utf8(objectId)), u64(timeMs), prev));
}

export interface ChainCheck {
  ok: boolean;
  entries: number;
  brokenAt?: number;
  reason?: string;
}

/** Names the first entry whose order, link or contents do not hold. */
export function verifyChain(records: Iterable<AuditRecord>): ChainCheck {
  let previous: Bytes = GENESIS;
  let lastId = 0;
  let count = 0;
  for (const r of records) {
    count += 1;
    if (r.id <= lastId) return { ok: false, entries: count, brokenAt: r.id, reason: 'entries out of order' };
    if (!ctEqual(r.prevHash, previous)) return { ok: false, entries: count, brokenAt: r.id, reason: 'does not link to the entry before it' };
    if (!ctEqual(entryHash(r.id, r.actor, r.action, r.objectId, r.timeMs, r.prevHash), r.entryHash)) {
      return { ok: false, entries: count, brokenAt: r.id, reason: 'its contents do not match its hash' };
    }
    previous = r.entryHash;
    lastId = r.id;
  }
  return { ok: true, entries: count };
}
