// Properties beyond the vectors, in Node and in Chromium: what an attacker can send is refused with the one
// opaque error and changes nothing; stored limits are bounded before any work; the wire's base64 is strict.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  DecryptionError, Envelope, ContentType, IdentityKeyPair, InvalidKeyError, MemoryOneTimePreKeyStore,
  OneTimePreKey, PairwisePayload, PayloadError, PreKeyBundle, RatchetState, SignedPreKey, acceptSession, decodePayload,
  fromBase64, initialMessage, keystore, ready, sealed, senderKeys, startSession, toBase64, toHex, u64, utf8,
  PairwiseSessions, BundleMismatchError, DEFAULT_MAX_FRAME_BYTES, maxBodyBytes, sendFrameBytes,
} from '../src/core/index.std.js';
import { ClientState, LAST_RESORT_PREKEY_ID } from '../src/core/state.std.js';
const { GroupMessage } = senderKeys;
import { ARGON2ID } from '../src/core/sodium.std.js';

before(async () => {
  await ready();
});

function pair(): { alice: RatchetState; bob: RatchetState } {
  const a = IdentityKeyPair.generate();
  const b = IdentityKeyPair.generate();
  const spk = SignedPreKey.generate(b, 1);
  const opk = OneTimePreKey.generate(3);
  const [alice, header] = startSession(a, new PreKeyBundle(b.public(), spk.public(), opk.public()));
  const [bob] = acceptSession(b, spk, new MemoryOneTimePreKeyStore([opk]), initialMessage(alice, header, utf8('hi')).toBytes());
  return { alice, bob };
}

test('ratchet: a tampered message is refused and leaves the state exactly as it was', () => {
  const { alice, bob } = pair();
  const wire = alice.encrypt(utf8('secret')).toBytes();
  const before = toHex(bob.toBytes());
  for (const at of [1, 20, 45, wire.length - 1]) {
    const bad = wire.slice();
    bad[at]! ^= 1;
    assert.throws(() => bob.decrypt(bad), DecryptionError);
    assert.equal(toHex(bob.toBytes()), before);
  }
  assert.equal(new TextDecoder().decode(bob.decrypt(wire)), 'secret');
});

test('X3DH: a bundle whose signed prekey is not signed by its identity is refused', () => {
  const a = IdentityKeyPair.generate();
  const b = IdentityKeyPair.generate();
  const mallory = IdentityKeyPair.generate();
  const spk = SignedPreKey.generate(mallory, 1);
  assert.throws(() => startSession(a, new PreKeyBundle(b.public(), spk.public())), DecryptionError);
});

test('sender keys: a member holding the chain key cannot forge another member\'s message', () => {
  const gid = utf8('group-under-test');
  const alice = new senderKeys.GroupSession(gid);
  const bob = new senderKeys.GroupSession(gid);
  const carol = new senderKeys.GroupSession(gid);
  const dist = alice.rotate(1000);
  bob.addDistribution('alice', dist);
  carol.addDistribution('alice', dist);
  // Carol knows Alice's chain key, so she can make a ciphertext that decrypts — but not Alice's signature.
  const real = GroupMessage.fromBytes(alice.encrypt(utf8('real'), 1000).toBytes());
  const forged = new GroupMessage(real.groupId, real.epoch, real.senderKeyId, 1, real.ciphertext, real.signature);
  assert.throws(() => bob.decrypt(forged.toBytes()), DecryptionError);
  assert.deepEqual(bob.decrypt(real.toBytes())[0], 'alice');
  assert.throws(() => bob.decrypt(real.toBytes()), DecryptionError, 'a duplicate finds no key');
  // A membership change requires a new epoch before sending.
  alice.noteMembershipChange();
  assert.throws(() => alice.encrypt(utf8('x'), 1000));
});

test('sealed: tampering with the recipient list or the body fails the signature; a non-recipient cannot open', () => {
  const sender = IdentityKeyPair.generate();
  const mod = IdentityKeyPair.generate();
  const other = IdentityKeyPair.generate();
  const wire = sealed.seal(utf8('alert'), 'alert', sender, [mod.public()]).toBytes();
  assert.equal(wire[0], 2, 'version 2: sealed sender');
  assert.deepEqual(sealed.openSealed(wire, 'alert', mod)[1], utf8('alert'));
  assert.throws(() => sealed.openSealed(wire, 'alert', other), DecryptionError);
  const swapped = wire.slice();
  swapped.set(other.public().agreement, 1 + 4 + 5 + 32 + 2); // the one R_i in the header
  assert.throws(() => sealed.openSealed(swapped, 'alert', other), DecryptionError);
  const body = wire.slice();
  body[body.length - 70]! ^= 1;
  assert.throws(() => sealed.openSealed(body, 'alert', mod), DecryptionError);
  assert.throws(() => sealed.openSealed(wire.slice(0, 50), 'alert', mod), DecryptionError);
});

test('sealed v2: the wire names nobody; every field is bound; version 1 still opens', () => {
  const sender = IdentityKeyPair.generate();
  const mods = [IdentityKeyPair.generate(), IdentityKeyPair.generate()];
  const m = sealed.seal(utf8('crisis'), 'alert', sender, mods.map((x) => x.public()));
  const wire = m.toBytes();
  const has = (hay: Uint8Array, needle: Uint8Array): boolean => toHex(hay).includes(toHex(needle));
  assert.ok(!has(wire, sender.public().signing) && !has(wire, sender.public().agreement), 'no sender key in the wire');
  const [who, text] = sealed.openSealed(wire, 'alert', mods[1]!);
  assert.ok(who.equals(sender.public()));
  assert.deepEqual(text, utf8('crisis'));
  // One flipped bit in each field: version, domain, ephemeral key, each recipient, each entry, nonce, body.
  const headerLen = 1 + 4 + 5 + 32 + 2 + 32 * 2;
  const offsets: Record<string, number> = {
    version: 0, domain: 6, ephemeral: 1 + 4 + 5, count: 1 + 4 + 5 + 32 + 1, r0: 1 + 4 + 5 + 32 + 2, r1: headerLen - 1,
    entry0_nonce: headerLen, entry0_wrapped: headerLen + 30, entry1_nonce: headerLen + 72, entry1_wrapped: headerLen + 143,
    nonce: headerLen + 144, body_sender: headerLen + 168, body_signature: headerLen + 168 + 70, body_tail: wire.length - 1,
  };
  for (const [field, at] of Object.entries(offsets)) {
    const t = wire.slice();
    t[at]! ^= 1;
    for (const mod of mods) assert.throws(() => sealed.openSealed(t, 'alert', mod), DecryptionError, field);
  }
  // A recipient re-sealing the same content under its own header cannot keep the sender's name: it signs as itself.
  const resealed = sealed.seal(utf8('crisis'), 'alert', mods[0]!, mods.map((x) => x.public()));
  assert.ok(sealed.openSealed(resealed.toBytes(), 'alert', mods[1]!)[0].equals(mods[0]!.public()));
  // Version 1 (sender in the clear) still opens, to the same answer.
  const v1 = sealed.sealV1(utf8('crisis'), 'alert', sender, mods.map((x) => x.public())).toBytes();
  assert.equal(v1[0], 1);
  assert.ok(has(v1, sender.public().signing), 'version 1 names its sealer (what version 2 fixes)');
  const [who1, text1] = sealed.openSealed(v1, 'alert', mods[0]!);
  assert.ok(who1.equals(sender.public()));
  assert.deepEqual(text1, utf8('crisis'));
  const unknown = wire.slice();
  unknown[0] = 3;
  assert.throws(() => sealed.openSealed(unknown, 'alert', mods[0]!), DecryptionError);
});

test('keystore: limits outside [MIN, SENSITIVE] in a tampered file are refused before deriving', () => {
  const file = keystore.seal(new Map([['k', utf8('v')]]), 'pw', ARGON2ID.OPSLIMIT_MIN, ARGON2ID.MEMLIMIT_MIN);
  const huge = file.slice();
  huge.set(u64(2 ** 40), 13); // memlimit field: 1 TiB
  assert.throws(() => keystore.open(huge, 'pw'), DecryptionError);
  const flipped = file.slice();
  flipped[flipped.length - 1]! ^= 1;
  assert.throws(() => keystore.open(flipped, 'pw'), DecryptionError);
  assert.deepEqual(keystore.open(file, 'pw').get('k'), utf8('v'));
  // NFC: the same passphrase typed in another Unicode composition opens the same file.
  const composed = keystore.seal(new Map([['k', utf8('v')]]), 'caf\u00e9', ARGON2ID.OPSLIMIT_MIN, ARGON2ID.MEMLIMIT_MIN);
  assert.deepEqual(keystore.open(composed, 'cafe\u0301').get('k'), utf8('v'));
});

test('wire: base64 is strict (padding, alphabet, whitespace) and payload framing is checked', () => {
  assert.equal(toBase64(fromBase64('AAECAw==')), 'AAECAw==');
  for (const bad of ['AAECAw', 'AAECAw=', 'AAEC Aw==', 'AAECAw-_', 'AAECAx==']) assert.throws(() => fromBase64(bad), InvalidKeyError);
  assert.throws(() => decodePayload(Uint8Array.of(9, 1, 2)), PayloadError);
  assert.throws(() => decodePayload(Uint8Array.of(2, 0)), PayloadError);
  assert.throws(() => new PairwisePayload([]), PayloadError);
  const env = Envelope.create(ContentType.Text, new Uint8Array(32713));
  assert.equal(env.seal().length, 32768);
  assert.throws(() => Envelope.create(ContentType.Text, new Uint8Array(32714)));
});

test('pairwise: a bundle for another identity is refused; simultaneous initiation converges on one session', () => {
  const a = IdentityKeyPair.generate();
  const b = IdentityKeyPair.generate();
  const keys = (id: IdentityKeyPair): { spk: SignedPreKey; opks: MemoryOneTimePreKeyStore; bundle: PreKeyBundle } => {
    const spk = SignedPreKey.generate(id, 1);
    const opk = OneTimePreKey.generate(1);
    return { spk, opks: new MemoryOneTimePreKeyStore([opk]), bundle: new PreKeyBundle(id.public(), spk.public(), opk.public()) };
  };
  const ka = keys(a);
  const kb = keys(b);
  const conv = 'cd'.repeat(16);
  const sa = new PairwiseSessions();
  const sb = new PairwiseSessions();
  assert.throws(() => sa.encrypt(conv, b.accountId, utf8('x'), () => ka.bundle, a), BundleMismatchError);
  // Both send first, at the same time: two sessions, each side receives on both.
  const fromA = sa.encrypt(conv, b.accountId, utf8('a1'), () => kb.bundle, a);
  const fromB = sb.encrypt(conv, a.accountId, utf8('b1'), () => ka.bundle, b);
  assert.deepEqual(sb.decrypt(conv, a.accountId, fromA, b, new Map([[1, kb.spk]]), kb.opks), utf8('a1'));
  assert.deepEqual(sa.decrypt(conv, b.accountId, fromB, a, new Map([[1, ka.spk]]), ka.opks), utf8('b1'));
  // Afterwards every message decrypts exactly once on the other side, whichever session each picked to send in.
  for (let i = 0; i < 3; i++) {
    const x = sa.encrypt(conv, b.accountId, utf8(`a${i}`), () => kb.bundle, a);
    assert.deepEqual(sb.decrypt(conv, a.accountId, x, b, new Map([[1, kb.spk]]), kb.opks), utf8(`a${i}`));
    const y = sb.encrypt(conv, a.accountId, utf8(`b${i}`), () => ka.bundle, b);
    assert.deepEqual(sa.decrypt(conv, b.accountId, y, a, new Map([[1, ka.spk]]), ka.opks), utf8(`b${i}`));
  }
  // The state round-trips through its encoding unchanged.
  assert.equal(toHex(PairwiseSessions.fromBytes(sa.toBytes()).toBytes()), toHex(sa.toBytes()));
});

test('frame budget (C8): the body table by recipient count, and real frames at each limit fit while one bucket more does not', () => {
  assert.equal(maxBodyBytes(1), 32_713);
  assert.equal(maxBodyBytes(2), 16_329);
  for (let n = 3; n <= 11; n++) assert.equal(maxBodyBytes(n), 4_041);
  for (let n = 12; n <= 16; n++) assert.equal(maxBodyBytes(n), 969);
  assert.equal(maxBodyBytes(40, { group: true }), 32_713);
  assert.equal(maxBodyBytes(1, { maxFrameBytes: 100 }), 0);
  assert.throws(() => maxBodyBytes(17), PayloadError);
  assert.throws(() => maxBodyBytes(0), PayloadError);
  // The frame relay.std.ts writes for n InitialMessage entries (every session new, each bundle with a one-time
  // prekey, the largest case) carrying the largest body: within 64 KiB; the next bucket's smallest body: over it.
  const sender = IdentityKeyPair.generate();
  const frameFor = (n: number, bodyBytes: number): number => {
    const sessions = new PairwiseSessions();
    const envelope = Envelope.create(ContentType.Text, new Uint8Array(bodyBytes).fill(0x61)).seal();
    const entries = Array.from({ length: n }, () => {
      const peer = IdentityKeyPair.generate();
      const bundle = new PreKeyBundle(peer.public(), SignedPreKey.generate(peer, 1).public(), OneTimePreKey.generate(7).public());
      return sessions.encrypt('ab'.repeat(16), peer.accountId, envelope, () => bundle, sender);
    });
    const frame = JSON.stringify({ type: 'send', conversation: 'ab'.repeat(16), client_id: toBase64(new Uint8Array(16)),
      ciphertext: toBase64(new PairwisePayload(entries).encode()), commitment: toBase64(new Uint8Array(32)) });
    assert.ok(frame.length <= sendFrameBytes(new PairwisePayload(entries).encode().length), 'C8 bounds the frame written');
    return frame.length;
  };
  for (const n of [1, 2, 3, 11, 12, 16]) {
    const limit = maxBodyBytes(n);
    assert.ok(frameFor(n, limit) <= DEFAULT_MAX_FRAME_BYTES, `${n} recipients at ${limit} bytes fit`);
    if (limit < 32_713) assert.ok(frameFor(n, limit + 1) > DEFAULT_MAX_FRAME_BYTES, `${n} recipients at ${limit + 1} bytes do not`);
  }
});

test('prekeys: the last-resort prekey (id 0xFFFFFFFF) answers several sessions, is never removed on use, and survives the state', () => {
  const state = ClientState.create('http://localhost');
  const [pub, made] = state.ensureLastResortPrekey();
  assert.ok(made);
  assert.equal(pub.keyId, LAST_RESORT_PREKEY_ID);
  assert.equal(state.ensureLastResortPrekey()[1], false, 'made once, then kept');
  state.generatePrekeys(3);
  assert.equal(state.oneTimePrekeys.count, 3, 'the last-resort key is not counted as a one-time prekey');
  const spk = state.currentSignedPrekey;
  for (const text of ['first', 'second']) {
    // Two initiators, both given the last-resort key in the one-time slot (the server had no one-time key left).
    const alice = IdentityKeyPair.generate();
    const [aState, header] = startSession(alice, new PreKeyBundle(state.identity.public(), spk.public(), pub));
    const [, plaintext] = acceptSession(state.identity, spk, state.oneTimePrekeys, initialMessage(aState, header, utf8(text)).toBytes());
    assert.equal(new TextDecoder().decode(plaintext), text);
    assert.ok(state.oneTimePrekeys.lastResort, 'still there after use');
  }
  // A one-time prekey, by contrast, is gone after its session opened.
  const oneTimeId = [...state.oneTimePrekeys.keys.keys()].find((id) => id !== LAST_RESORT_PREKEY_ID)!;
  state.oneTimePrekeys.remove(oneTimeId);
  assert.equal(state.oneTimePrekeys.count, 2);
  const reopened = ClientState.fromEntries(state.toEntries());
  assert.equal(toHex(reopened.oneTimePrekeys.lastResort!.privateKey), toHex(state.oneTimePrekeys.lastResort!.privateKey));
  assert.equal(reopened.oneTimePrekeys.count, 2);
  reopened.oneTimePrekeys.remove(LAST_RESORT_PREKEY_ID);
  assert.ok(reopened.oneTimePrekeys.lastResort);
});
