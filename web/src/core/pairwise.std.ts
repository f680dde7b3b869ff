// Double Ratchet sessions per (conversation, peer) — start, accept, converge, persist (docs/protocol.md C15;
// client/pairwise.py, whose module docstring gives the rules and the byte encoding this file reproduces).
// Sessions are kept under their id (the X3DH ephemeral public key); on simultaneous initiation the lower id wins.
import { Reader, bytesEqual, compareBytes, concat, lp, toHex, u32, u8, utf8, type Bytes } from './encoding.std.js';
import { DecryptionError, InvalidKeyError, fail } from './errors.std.js';
import type { IdentityKeyPair, SignedPreKey } from './keys.std.js';
import { PairwiseEntry } from './payloads.std.js';
import { RatchetMessage, RatchetState } from './ratchet.std.js';
import type { Rng } from './rng.std.js';
import { InitialMessage, acceptSession, initialMessage, startSession } from './session.std.js';
import { ctEqual } from './sodium.std.js';
import { X3DHHeader, type OneTimePreKeyStore, type PreKeyBundle } from './x3dh.std.js';

const VERSION = 1;
const ROLE_INITIATOR = 1;
const ROLE_RESPONDER = 2;
const MAX_SESSIONS_PER_PEER = 8;

export type BundleProvider = (peer: string) => PreKeyBundle;

export class BundleMismatchError extends Error {
  override name = 'BundleMismatchError';
  constructor() {
    super('the prekey bundle does not belong to the requested account');
  }
}

interface Session {
  state: RatchetState;
  header: X3DHHeader;
  initiated: boolean;
  confirmed: boolean;
}

class Peer {
  // session id hex -> [id, session], oldest first
  sessions = new Map<string, [Bytes, Session]>();
  sendId: Bytes | null = null;

  add(id: Bytes, session: Session): void {
    const current = this.sendId === null ? undefined : this.sessions.get(toHex(this.sendId))?.[1];
    this.sessions.set(toHex(id), [id, session]);
    if (current === undefined || this.sendId === null) this.sendId = id;
    else if (current.initiated && !current.confirmed) this.sendId = compareBytes(id, this.sendId) < 0 ? id : this.sendId;
    else this.sendId = id;
    while (this.sessions.size > MAX_SESSIONS_PER_PEER) {
      const send = toHex(this.sendId);
      const oldest = [...this.sessions.keys()].find((k) => k !== send)!;
      this.sessions.delete(oldest);
    }
  }
}

function peerKey(conversation: string, peer: string): string {
  return JSON.stringify([conversation, peer]);
}

export class PairwiseSessions {
  private peers = new Map<string, Peer>();
  constructor(private readonly rng?: Rng) {}

  hasSession(conversation: string, peer: string): boolean {
    return this.peers.get(peerKey(conversation, peer))?.sendId != null;
  }

  forgetConversation(conversation: string): void {
    for (const k of [...this.peers.keys()]) if ((JSON.parse(k) as string[])[0] === conversation) this.peers.delete(k);
  }

  forgetPeer(conversation: string, peer: string): void {
    this.peers.delete(peerKey(conversation, peer));
  }

  encrypt(conversation: string, peer: string, plaintext: Bytes, bundles: BundleProvider, identity: IdentityKeyPair): PairwiseEntry {
    const p = this.peers.get(peerKey(conversation, peer));
    if (p && p.sendId) {
      const s = p.sessions.get(toHex(p.sendId))![1];
      if (s.initiated && !s.confirmed) return new PairwiseEntry(peer, true, initialMessage(s.state, s.header, plaintext).toBytes());
      return new PairwiseEntry(peer, false, s.state.encrypt(plaintext).toBytes());
    }
    const bundle = bundles(peer);
    if (!ctEqual(utf8(bundle.identity.accountId), utf8(peer))) throw new BundleMismatchError();
    const [state, header] = startSession(identity, bundle, this.rng);
    const wire = initialMessage(state, header, plaintext).toBytes();
    this.peerFor(conversation, peer).add(header.ephemeral, { state, header, initiated: true, confirmed: false });
    return new PairwiseEntry(peer, true, wire);
  }

  /** The opaque error, with nothing changed, for anything that does not authenticate. */
  decrypt(conversation: string, sender: string, entry: PairwiseEntry, identity: IdentityKeyPair,
    signedPrekeys: ReadonlyMap<number, SignedPreKey>, oneTimePrekeys: OneTimePreKeyStore): Bytes {
    if (!ctEqual(utf8(entry.recipient), utf8(identity.accountId))) fail();
    if (entry.initial) {
      return this.decryptInitial(conversation, sender, InitialMessage.fromBytes(entry.data), identity, signedPrekeys, oneTimePrekeys);
    }
    const message = RatchetMessage.fromBytes(entry.data);
    const p = this.peers.get(peerKey(conversation, sender));
    if (!p) fail();
    for (const s of candidates(p, message)) {
      try {
        const plaintext = s.state.decrypt(message);
        s.confirmed = true;
        return plaintext;
      } catch (e) {
        if (!(e instanceof DecryptionError)) throw e;
      }
    }
    return fail();
  }

  private peerFor(conversation: string, peer: string): Peer {
    const k = peerKey(conversation, peer);
    let p = this.peers.get(k);
    if (!p) {
      p = new Peer();
      this.peers.set(k, p);
    }
    return p;
  }

  private decryptInitial(conversation: string, sender: string, message: InitialMessage, identity: IdentityKeyPair,
    signedPrekeys: ReadonlyMap<number, SignedPreKey>, oneTimePrekeys: OneTimePreKeyStore): Bytes {
    if (!ctEqual(utf8(message.x3dh.identity.accountId), utf8(sender))) fail();
    const id = message.x3dh.ephemeral;
    const existing = this.peers.get(peerKey(conversation, sender))?.sessions.get(toHex(id))?.[1];
    if (existing) {
      // A later InitialMessage of a session we accepted, or a replay (the ratchet refuses that one).
      if (existing.initiated || !bytesEqual(existing.header.toBytes(), message.x3dh.toBytes())) fail();
      return existing.state.decrypt(message.message);
    }
    const spk = signedPrekeys.get(message.x3dh.signedPrekeyId);
    if (!spk) fail();
    const [state, plaintext] = acceptSession(identity, spk, oneTimePrekeys, message, this.rng);
    this.peerFor(conversation, sender).add(id, { state, header: message.x3dh, initiated: false, confirmed: true });
    return plaintext;
  }

  toBytes(): Bytes {
    const parts: Bytes[] = [u8(VERSION), u32(this.peers.size)];
    // Python sorts by (conversation, peer) as str: compare UTF-8 bytes, which orders by code point.
    const keys = [...this.peers.keys()].map((k) => [k, JSON.parse(k) as [string, string]] as const);
    keys.sort((a, b) => compareBytes(utf8(a[1][0]), utf8(b[1][0])) || compareBytes(utf8(a[1][1]), utf8(b[1][1])));
    for (const [k, [conversation, peer]] of keys) {
      const p = this.peers.get(k)!;
      parts.push(lp(utf8(conversation)), lp(utf8(peer)), p.sendId === null ? u8(0) : concat(u8(1), p.sendId), u8(p.sessions.size));
      for (const [id, s] of p.sessions.values()) {
        parts.push(id, u8(s.initiated ? ROLE_INITIATOR : ROLE_RESPONDER), u8(s.confirmed ? 1 : 0), lp(s.header.toBytes()),
          lp(s.state.toBytes()));
      }
    }
    return concat(...parts);
  }

  static fromBytes(data: Bytes, rng?: Rng): PairwiseSessions {
    const r = new Reader(data);
    if (r.u8() !== VERSION) throw new InvalidKeyError('unknown pairwise state version');
    const out = new PairwiseSessions(rng);
    for (let n = r.u32(); n > 0; n--) {
      const conversation = r.text();
      const peerId = r.text();
      const p = new Peer();
      const flag = r.u8();
      if (flag !== 0 && flag !== 1) throw new InvalidKeyError('bad optional flag');
      p.sendId = flag ? r.take(32) : null;
      for (let m = r.u8(); m > 0; m--) {
        const id = r.take(32);
        const role = r.u8();
        const confirmed = r.u8();
        if ((role !== ROLE_INITIATOR && role !== ROLE_RESPONDER) || (confirmed !== 0 && confirmed !== 1)) {
          throw new InvalidKeyError('bad session flags');
        }
        const header = X3DHHeader.fromBytes(r.lp());
        const state = RatchetState.fromBytes(r.lp(), rng);
        p.sessions.set(toHex(id), [id, { state, header, initiated: role === ROLE_INITIATOR, confirmed: confirmed === 1 }]);
      }
      if (p.sendId && !p.sessions.has(toHex(p.sendId))) throw new InvalidKeyError('send session missing');
      out.peers.set(peerKey(conversation, peerId), p);
    }
    r.done();
    return out;
  }
}

/** Sessions to try, most likely first: the one whose chain the header names, then the send session, then newest. */
function candidates(p: Peer, message: RatchetMessage): Session[] {
  const dh = message.header.dh;
  const ranked = [...p.sessions.values()].map(([id, s], age) => {
    const named = (s.state.dhr !== null && bytesEqual(s.state.dhr, dh)) || s.state.hasSkipped(dh, message.header.n);
    const isSend = p.sendId !== null && bytesEqual(id, p.sendId);
    return { s, key: [named ? 0 : 1, isSend ? 0 : 1, -age] };
  });
  ranked.sort((a, b) => a.key[0]! - b.key[0]! || a.key[1]! - b.key[1]! || a.key[2]! - b.key[2]!);
  return ranked.map((x) => x.s);
}
