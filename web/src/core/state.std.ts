// Everything a device keeps, as Keystore entries in exactly the layout of client/state.py (docs/protocol.md C17),
// so a state sealed here opens in the Python SDK and the other way round. Where the sealed bytes live is the
// caller's `StateStore` (IndexedDB in a browser: stateStore.dom.ts; memory or a file in Node).
import { Reader, concat, fromUtf8, lp, u32, u64, u8, utf8, compareBytes, type Bytes } from './encoding.std.js';
import { InvalidKeyError } from './errors.std.js';
import { IdentityKeyPair, OneTimePreKey, SignedPreKey, type OneTimePreKeyPublic, type SignedPreKeyPublic } from './keys.std.js';
import { PairwiseSessions } from './pairwise.std.js';
import type { Rng } from './rng.std.js';
import { GroupSession } from './senderKeys.std.js';
import { MemoryOneTimePreKeyStore } from './x3dh.std.js';
import { canonicalJson } from './alertPacket.std.js';

const STATE_VERSION = 1;
export const SIGNED_PREKEY_GRACE_SECONDS = 7 * 86400;
const MAX_ONE_TIME_PREKEYS = 2000;

export interface HeldMessage {
  conversation: string;
  seq: number;
  sender: string;
  ciphertext: Bytes;
  serverTime: number;
  commitment: Bytes;
  tag: Bytes;
}

export type Profile = Record<string, unknown>;

/** The reserved id of the last-resort prekey (protocol.md §1.3; client/state.py LAST_RESORT_PREKEY_ID): the largest
 * key id, which the one-time prekey counter never reaches. */
export const LAST_RESORT_PREKEY_ID = 0xffffffff;

/** The private halves of published one-time prekeys, and the last-resort prekey, which is never removed on use: it
 * answers every session opened while the one-time keys are drained (PQXDH §2.5, §4.3). */
export class OneTimePreKeyRing extends MemoryOneTimePreKeyStore {
  override remove(keyId: number): void {
    if (keyId !== LAST_RESORT_PREKEY_ID) super.remove(keyId);
  }

  /** How many one-time prekeys are kept (not counting the last-resort key). */
  get count(): number {
    return this.keys.size - (this.keys.has(LAST_RESORT_PREKEY_ID) ? 1 : 0);
  }

  get lastResort(): OneTimePreKey | undefined {
    return this.keys.get(LAST_RESORT_PREKEY_ID);
  }
}

function byUtf8(a: string, b: string): number {
  return compareBytes(utf8(a), utf8(b));
}

export class ClientState {
  role = 'member';
  previousRetiredAt = 0;
  oneTimePrekeys = new OneTimePreKeyRing();
  nextSignedPrekeyId = 2;
  nextOneTimePrekeyId = 1;
  groups = new Map<string, GroupSession>();
  positions = new Map<string, number>();
  held: HeldMessage[] = [];
  profile: Profile = {};
  pairwise: PairwiseSessions;

  constructor(
    public serverUrl: string,
    public identity: IdentityKeyPair,
    public signedPrekeys: Map<number, SignedPreKey>,
    public currentSignedPrekeyId: number,
    readonly rng?: Rng,
  ) {
    this.pairwise = new PairwiseSessions(rng);
  }

  static create(serverUrl: string, rng?: Rng): ClientState {
    const identity = IdentityKeyPair.generate(rng);
    const spk = SignedPreKey.generate(identity, 1, rng);
    return new ClientState(serverUrl, identity, new Map([[1, spk]]), 1, rng);
  }

  get accountId(): string {
    return this.identity.accountId;
  }

  get currentSignedPrekey(): SignedPreKey {
    return this.signedPrekeys.get(this.currentSignedPrekeyId)!;
  }

  rotateSignedPrekey(now: number): SignedPreKeyPublic {
    const id = this.nextSignedPrekeyId++;
    const spk = SignedPreKey.generate(this.identity, id, this.rng);
    const previous = this.currentSignedPrekeyId;
    this.signedPrekeys = new Map([[previous, this.signedPrekeys.get(previous)!], [id, spk]]);
    this.currentSignedPrekeyId = id;
    this.previousRetiredAt = now;
    return spk.public();
  }

  pruneSignedPrekeys(now: number): void {
    if (this.signedPrekeys.size > 1 && now - this.previousRetiredAt >= SIGNED_PREKEY_GRACE_SECONDS) {
      this.signedPrekeys = new Map([[this.currentSignedPrekeyId, this.currentSignedPrekey]]);
      this.previousRetiredAt = 0;
    }
  }

  generatePrekeys(count: number): OneTimePreKeyPublic[] {
    if (count < 1 || count > MAX_ONE_TIME_PREKEYS - this.oneTimePrekeys.count) throw new RangeError('too many one-time prekeys');
    const out: OneTimePreKeyPublic[] = [];
    for (let i = 0; i < count; i++) {
      if (this.nextOneTimePrekeyId >= LAST_RESORT_PREKEY_ID) throw new RangeError('prekey ids exhausted');
      const key = OneTimePreKey.generate(this.nextOneTimePrekeyId++, this.rng);
      this.oneTimePrekeys.keys.set(key.keyId, key);
      out.push(key.public());
    }
    return out;
  }

  /** The last-resort prekey's public half, and whether it was made just now (then it must be published). */
  ensureLastResortPrekey(): [OneTimePreKeyPublic, boolean] {
    const kept = this.oneTimePrekeys.lastResort;
    if (kept) return [kept.public(), false];
    const key = OneTimePreKey.generate(LAST_RESORT_PREKEY_ID, this.rng);
    this.oneTimePrekeys.keys.set(key.keyId, key);
    return [key.public(), true];
  }

  toEntries(): Map<string, Bytes> {
    const spks = [...this.signedPrekeys.values()].sort((a, b) => a.keyId - b.keyId);
    const groups = [...this.groups.entries()].sort((a, b) => byUtf8(a[0], b[0]));
    const positions = [...this.positions.entries()].sort((a, b) => byUtf8(a[0], b[0]));
    return new Map<string, Bytes>([
      ['state', u8(STATE_VERSION)],
      ['server_url', utf8(this.serverUrl)],
      ['role', utf8(this.role)],
      ['identity', this.identity.toBytes()],
      ['signed_prekeys', concat(u32(this.currentSignedPrekeyId), u64(this.previousRetiredAt), u8(spks.length), ...spks.map((k) => k.toBytes()))],
      ['one_time_prekeys', concat(u32(this.oneTimePrekeys.keys.size), ...[...this.oneTimePrekeys.keys.values()].map((k) => k.toBytes()))],
      ['prekey_ids', concat(u32(this.nextSignedPrekeyId), u32(this.nextOneTimePrekeyId))],
      ['pairwise', this.pairwise.toBytes()],
      ['groups', concat(u32(groups.length), ...groups.flatMap(([c, g]) => [lp(utf8(c)), lp(g.toBytes())]))],
      ['positions', concat(u32(positions.length), ...positions.flatMap(([c, s]) => [lp(utf8(c)), u64(s)]))],
      ['held', concat(u32(this.held.length), ...this.held.map((h) => concat(lp(utf8(h.conversation)), u64(h.seq), lp(utf8(h.sender)),
        lp(h.ciphertext), u64(h.serverTime), lp(h.commitment), lp(h.tag))))],
      ['profile', utf8(canonicalJson(this.profile))],
    ]);
  }

  static fromEntries(ks: ReadonlyMap<string, Bytes>, rng?: Rng): ClientState {
    const get = (name: string): Bytes => {
      const v = ks.get(name);
      if (!v) throw new InvalidKeyError('malformed client state');
      return v;
    };
    if (get('state').length !== 1 || get('state')[0] !== STATE_VERSION) throw new InvalidKeyError('unknown client state version');
    let r = new Reader(get('signed_prekeys'));
    const current = r.u32();
    const retired = r.u64();
    const spks = new Map<number, SignedPreKey>();
    for (let n = r.u8(); n > 0; n--) {
      const k = SignedPreKey.fromBytes(r.take(100));
      spks.set(k.keyId, k);
    }
    r.done();
    if (!spks.has(current)) throw new InvalidKeyError('current signed prekey missing');
    const state = new ClientState(fromUtf8(get('server_url')), IdentityKeyPair.fromBytes(get('identity')), spks, current, rng);
    state.previousRetiredAt = retired;
    state.role = fromUtf8(get('role'));
    r = new Reader(get('one_time_prekeys'));
    for (let n = r.u32(); n > 0; n--) {
      const k = OneTimePreKey.fromBytes(r.take(36));
      state.oneTimePrekeys.keys.set(k.keyId, k);
    }
    r.done();
    r = new Reader(get('prekey_ids'));
    state.nextSignedPrekeyId = r.u32();
    state.nextOneTimePrekeyId = r.u32();
    r.done();
    state.pairwise = PairwiseSessions.fromBytes(get('pairwise'), rng);
    r = new Reader(get('groups'));
    for (let n = r.u32(); n > 0; n--) {
      const c = r.text();
      state.groups.set(c, GroupSession.fromBytes(r.lp(), rng));
    }
    r.done();
    r = new Reader(get('positions'));
    for (let n = r.u32(); n > 0; n--) {
      const c = r.text();
      state.positions.set(c, r.u64());
    }
    r.done();
    r = new Reader(get('held'));
    for (let n = r.u32(); n > 0; n--) {
      state.held.push({ conversation: r.text(), seq: r.u64(), sender: r.text(), ciphertext: r.lp(), serverTime: r.u64(),
        commitment: r.lp(), tag: r.lp() });
    }
    r.done();
    let profile: unknown;
    try {
      profile = JSON.parse(fromUtf8(get('profile')));
    } catch {
      throw new InvalidKeyError('malformed client state');
    }
    if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) throw new InvalidKeyError('profile must be a JSON object');
    state.profile = profile as Profile;
    return state;
  }
}
