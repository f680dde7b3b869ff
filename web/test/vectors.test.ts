// Every file in tests/vectors/ reproduced byte for byte. The same file runs under `node --test` and in Chromium
// (scripts/browser-test.mjs bundles it with node:test and node:assert replaced by test/_browser/*).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import envelopeV from '../../tests/vectors/envelope.json';
import frankingV from '../../tests/vectors/franking.json';
import groupV from '../../tests/vectors/group.json';
import hkdfV from '../../tests/vectors/hkdf.json';
import identityV from '../../tests/vectors/identity.json';
import keystoreV from '../../tests/vectors/keystore.json';
import productV from '../../tests/vectors/product.json';
import sealedV from '../../tests/vectors/sealed.json';
import sessionV from '../../tests/vectors/session.json';
import { hkdfSha256, x25519Base } from '../src/core/sodium.std.js';
import {
  AlertPacket, ContentType, DecryptionError, Envelope, GroupPayload, IdentityKeyPair, InitialMessage, OneTimePreKey,
  PairwisePayload, PairwiseSessions, PreKeyBundle, RatchetState, SignedPreKey, MemoryOneTimePreKeyStore, acceptSession,
  audit, authTranscript, bootstrapProof, leadingZeroBits, powDigest, signAuth, solvePow, decodePayload, deterministicRng, franking, fromHex, initialMessage, kdfCk, keystore,
  messageKeyMaterial, pad, ready, registrationProofs, safetyNumber, scannableFingerprint, sealed, senderKeys,
  startSession, toHex, utf8, type AlertContent, type Bytes,
} from '../src/core/index.std.js';

const h = fromHex;
const hex = (b: Bytes): string => toHex(b);

before(async () => {
  await ready();
});

/** The session's parties, from the seeds session.json records (identity.json records the same ones). */
function parties(): { alice: IdentityKeyPair; bob: IdentityKeyPair; spk: SignedPreKey; opk: OneTimePreKey } {
  const p = sessionV.parties;
  const alice = IdentityKeyPair.fromSeed(h(p.identity_seeds.alice));
  const bob = IdentityKeyPair.fromSeed(h(p.identity_seeds.bob));
  return { alice, bob, spk: SignedPreKey.fromSeed(bob, p.bob_signed_prekey.id, h(p.bob_signed_prekey.seed)),
    opk: new OneTimePreKey(p.bob_one_time_prekey.id, h(p.bob_one_time_prekey.seed)) };
}

test('hkdf.json: RFC 5869 A.1', () => {
  assert.equal(hex(hkdfSha256(h(hkdfV.ikm), h(hkdfV.salt), h(hkdfV.info), hkdfV.length)), hkdfV.okm);
});

test('identity.json: keys, account ids, prekeys, registration proofs, safety number', () => {
  const { alice, bob, spk, opk } = parties();
  const server = h(identityV.server_ephemeral_private);
  for (const [name, ident] of [['alice', alice], ['bob', bob]] as const) {
    const v = identityV[name];
    assert.equal(hex(IdentityKeyPair.fromSeed(h(v.seed)).toBytes()), v.ed25519_seed + v.x25519_private);
    const pub = ident.public();
    assert.equal(hex(pub.signing), v.ed25519_public);
    assert.equal(hex(pub.agreement), v.x25519_public);
    assert.equal(pub.accountId, v.account_id);
    const [proof, signature] = registrationProofs(ident, h(v.registration_challenge), x25519Base(server));
    assert.equal(hex(proof), v.agreement_proof);
    assert.equal(hex(signature), v.registration_signature);
  }
  assert.equal(hex(spk.public().publicKey), identityV.signed_prekey.public);
  assert.equal(hex(spk.signature), identityV.signed_prekey.signature);
  assert.equal(hex(opk.public().publicKey), identityV.one_time_prekey.public);
  assert.equal(safetyNumber(alice.public(), bob.public()), identityV.safety_number);
  assert.equal(safetyNumber(bob.public(), alice.public()), identityV.safety_number);
  assert.equal(hex(scannableFingerprint(alice.public(), bob.public())), identityV.scannable_fingerprint);
});

test('identity.json: websocket auth transcript and signature, proofs of work, from the recorded inputs', () => {
  const a = identityV.auth;
  const signer = IdentityKeyPair.fromSeed(h(identityV[a.signer as 'alice' | 'bob'].seed));
  assert.equal(signer.public().accountId, a.account);
  assert.equal(hex(authTranscript(h(a.challenge), a.server_id, a.time_ms, a.account)), a.transcript);
  assert.equal(hex(signAuth(signer, h(a.challenge), a.server_id, a.time_ms)), a.signature);
  const uses = new Set<string>();
  for (const c of identityV.proofs_of_work) {
    uses.add(c.use);
    const digest = powDigest(h(c.challenge), h(c.payload), c.counter);
    assert.equal(hex(digest), c.digest);
    assert.ok(leadingZeroBits(digest) >= c.bits);
    assert.equal(hex(powDigest(h(c.challenge), h(c.payload), c.counter - 1)), c.digest_of_previous_counter);
    assert.equal(solvePow(h(c.challenge), h(c.payload), c.bits), c.counter);
  }
  assert.ok(uses.size >= 1);
});

test('session.json: X3DH, then a ratchet conversation delivered out of order, final states', () => {
  const { alice, bob, spk, opk } = parties();
  const aRng = deterministicRng(h(sessionV.alice_rng_seed));
  const bRng = deterministicRng(h(sessionV.bob_rng_seed));
  const bundle = new PreKeyBundle(bob.public(), spk.public(), opk.public());
  assert.equal(hex(bundle.toBytes()), sessionV.x3dh.bundle);
  assert.equal(hex(PreKeyBundle.fromBytes(bundle.toBytes()).toBytes()), sessionV.x3dh.bundle);
  const [aState, header] = startSession(alice, bundle, aRng);
  assert.equal(hex(header.toBytes()), sessionV.x3dh.x3dh_header);
  const first = initialMessage(aState, header, h(sessionV.first_plaintext));
  assert.equal(hex(first.toBytes()), sessionV.x3dh.initial_message);
  const store = new MemoryOneTimePreKeyStore([opk]);
  const [bState, plaintext, result] = acceptSession(bob, spk, store, first.toBytes(), bRng);
  assert.equal(hex(plaintext), sessionV.first_plaintext);
  assert.equal(hex(result.sharedSecret), sessionV.x3dh.shared_secret);
  assert.equal(hex(result.associatedData), sessionV.x3dh.associated_data);
  assert.equal(store.keys.size, 0, 'the one-time prekey is consumed once the first message authenticated');
  // A replay of the initial message no longer finds its one-time prekey.
  assert.throws(() => acceptSession(bob, spk, store, first.toBytes(), bRng), DecryptionError);

  const states: Record<string, RatchetState> = { alice: aState, bob: bState };
  let sent = 0;
  for (const event of sessionV.events) {
    if (event[0] === 'send') {
      const [, sender, text] = event as [string, string, string];
      const m = sessionV.messages[sent]!;
      assert.equal(m.from, sender);
      const state = states[sender]!;
      const [, mk] = kdfCk(state.cks!);
      const [key, nonce] = messageKeyMaterial(mk);
      assert.equal(hex(mk), m.message_key);
      assert.equal(hex(key), m.aead_key);
      assert.equal(hex(nonce), m.aead_nonce);
      assert.equal(hex(state.encrypt(h(text)).toBytes()), m.wire);
      sent += 1;
    } else {
      const m = sessionV.messages[event[1] as number]!;
      const receiver = m.from === 'alice' ? 'bob' : 'alice';
      assert.equal(hex(states[receiver]!.decrypt(h(m.wire))), m.plaintext);
      // Delivered twice: the duplicate finds no key and leaves the state unchanged. Tried on a copy with its own
      // randomness, because a refused message that names an old chain still draws a ratchet key (C6).
      const copy = RatchetState.fromBytes(states[receiver]!.toBytes(), deterministicRng(h('00'.repeat(16))));
      const before = hex(copy.toBytes());
      assert.throws(() => copy.decrypt(h(m.wire)), DecryptionError);
      assert.equal(hex(copy.toBytes()), before);
    }
  }
  assert.equal(hex(states.alice!.toBytes()), sessionV.final_state_alice);
  assert.equal(hex(states.bob!.toBytes()), sessionV.final_state_bob);
  assert.equal(hex(RatchetState.fromBytes(h(sessionV.final_state_bob)).toBytes()), sessionV.final_state_bob);
});

test('group.json: two epochs of sender keys, out-of-order delivery, final state', () => {
  const gid = h(groupV.group_id);
  const sessions = {
    alice: new senderKeys.GroupSession(gid, undefined, deterministicRng(h(groupV.rng_seeds.alice))),
    bob: new senderKeys.GroupSession(gid, undefined, deterministicRng(h(groupV.rng_seeds.bob))),
  };
  const now = 1_700_000_000;
  groupV.epochs.forEach((epoch, change) => {
    const dists = { alice: sessions.alice.rotate(now + change), bob: sessions.bob.rotate(now + change) };
    assert.equal(hex(dists.alice.toBytes()), epoch.distributions.alice);
    assert.equal(hex(dists.bob.toBytes()), epoch.distributions.bob);
    sessions.bob.addDistribution('alice', senderKeys.SenderKeyDistribution.fromBytes(dists.alice.toBytes()));
    sessions.alice.addDistribution('bob', dists.bob);
    const wires = [0, 1, 2].map((i) => sessions.alice.encrypt(utf8(`epoch ${change} message ${i}`), now).toBytes());
    wires.push(sessions.bob.encrypt(utf8(`bob in epoch ${change}`), now).toBytes());
    epoch.messages.forEach((m, i) => assert.equal(hex(wires[i]!), m.wire));
    for (const i of epoch.delivery_order) {
      const m = epoch.messages[i]!;
      const receiver = m.from === 'alice' ? sessions.bob : sessions.alice;
      const [sender] = receiver.decrypt(h(m.wire));
      assert.equal(sender, m.from);
      assert.throws(() => receiver.decrypt(h(m.wire)), DecryptionError);
    }
  });
  assert.equal(hex(sessions.bob.toBytes()), groupV.final_state_bob);
  assert.equal(hex(senderKeys.GroupSession.fromBytes(h(groupV.final_state_bob)).toBytes()), groupV.final_state_bob);
});

test('envelope.json: envelope encoding, padding buckets', () => {
  const rng = deterministicRng(h(envelopeV.rng_seed));
  const env = Envelope.create(ContentType.Text, h(envelopeV.envelope.body), rng);
  assert.equal(hex(env.messageId), envelopeV.envelope.message_id);
  assert.equal(hex(env.frankingKey), envelopeV.envelope.franking_key);
  assert.equal(hex(env.encode()), envelopeV.envelope.encoded);
  assert.equal(hex(env.seal()), envelopeV.envelope.sealed);
  assert.equal(hex(Envelope.open(h(envelopeV.envelope.sealed)).body), envelopeV.envelope.body);
  for (const p of envelopeV.padding) {
    const input = new Uint8Array(p.input_len).map((_, i) => i % 256);
    assert.equal(hex(pad(input)), p.padded);
  }
  const tampered = h(envelopeV.envelope.sealed);
  tampered[tampered.length - 1] = 1;
  assert.throws(() => Envelope.open(tampered), DecryptionError);
});

test('franking.json: commitment, relay tag v2, report v2, each from the recorded inputs', () => {
  const v = frankingV;
  assert.deepEqual(v.version, { commit_domain: franking.COMMIT_DOMAIN, relay_domain: franking.RELAY_DOMAIN,
    report_version: franking.REPORT_VERSION });
  assert.equal(hex(franking.commitInput(h(v.message_id), v.sender_account_id, v.conversation_id, h(v.plaintext))), v.commit_input);
  const c = franking.commit(h(v.franking_key), h(v.message_id), v.sender_account_id, v.conversation_id, h(v.plaintext));
  assert.equal(hex(c), v.commitment);
  const ctHash = franking.ciphertextHash(h(v.ciphertext));
  assert.equal(hex(ctHash), v.ciphertext_hash);
  const relay = { sender: v.sender_account_id, conversation: v.conversation_id, seq: v.seq, serverTime: v.server_time };
  assert.equal(hex(franking.tagInput(c, ctHash, relay)), v.tag_input);
  const tag = franking.relayTag(h(v.server_secret), c, h(v.ciphertext), relay);
  assert.equal(hex(tag), v.tag);
  // The same commitment relayed from another account gets another tag: the tag, not the commitment, names the sender.
  const other = franking.relayTag(h(v.server_secret), c, h(v.ciphertext), { ...relay, sender: v.other_sender.sender_account_id });
  assert.equal(hex(other), v.other_sender.tag);
  assert.notEqual(hex(other), v.tag);
  const report = franking.FrankingReport.build({ messageId: h(v.message_id), sender: v.sender_account_id,
    conversation: v.conversation_id, seq: v.seq, plaintext: h(v.plaintext), frankingKey: h(v.franking_key), commitment: c,
    ciphertext: h(v.ciphertext), serverTime: v.server_time, tag });
  assert.equal(hex(report.toBytes()), v.report);
  const parsed = franking.FrankingReport.fromBytes(h(v.report));
  assert.equal(parsed.seq, v.seq);
  franking.verifyReport(h(v.server_secret), parsed);
  // A report naming the other account, or another seq, does not verify against the recorded tag.
  const lying = new franking.FrankingReport(parsed.messageId, parsed.sender, parsed.conversation, parsed.seq + 1,
    parsed.plaintext, parsed.frankingKey, parsed.commitment, parsed.ciphertextHash, parsed.serverTime, parsed.tag);
  assert.throws(() => franking.verifyReport(h(v.server_secret), lying), DecryptionError);
  assert.throws(() => franking.openCommitment(h(v.franking_key), c, h(v.message_id), v.sender_account_id,
    v.conversation_id, utf8('something else')), DecryptionError);
  // Version 1 reports are refused: their tag cannot name the sender.
  const v1 = h(v.report);
  v1[0] = 1;
  assert.throws(() => franking.FrankingReport.fromBytes(v1));
});

test('keystore.json: Argon2id + AEAD file, opened and re-sealed byte for byte', () => {
  const v = keystoreV;
  const entries = new Map(Object.entries(v.entries).map(([k, x]) => [k, h(x)]));
  const passphrase = new TextDecoder().decode(h(v.passphrase_utf8));
  const sealedFile = keystore.seal(entries, passphrase, v.opslimit, v.memlimit, deterministicRng(h(v.rng_seed)));
  assert.equal(hex(sealedFile), v.sealed);
  const opened = keystore.open(h(v.sealed), passphrase);
  assert.deepEqual([...opened.keys()].sort(), Object.keys(v.entries).sort());
  for (const [k, x] of Object.entries(v.entries)) assert.equal(hex(opened.get(k)!), x);
  assert.throws(() => keystore.open(h(v.sealed), 'wrong passphrase'), DecryptionError);
});

test('sealed.json: seal to many, every recipient opens, every wrap key (version 1, read only)', () => {
  const ids: Record<string, IdentityKeyPair> = Object.fromEntries(
    Object.entries(sealedV.identity_seeds).map(([n, s]) => [n, IdentityKeyPair.fromSeed(h(s))]));
  for (const m of sealedV.messages) {
    const recipients = m.recipients.map((r) => ids[r.recipient]!.public());
    const msg = sealed.sealV1(h(m.plaintext), m.domain, ids[m.sender]!, recipients, deterministicRng(h(m.rng_seed)));
    assert.equal(hex(msg.ephemeral), m.ephemeral_public);
    assert.equal(hex(msg.header()), m.header);
    assert.equal(hex(msg.signature), m.signature);
    assert.equal(hex(msg.toBytes()), m.wire);
    for (const r of m.recipients) {
      assert.equal(hex(sealed.wrapKey(h(r.shared), h(m.ephemeral_public), h(r.agreement_public), m.domain, 1)), r.wrap_key);
      const [sender, plaintext] = sealed.openSealed(h(m.wire), m.domain, ids[r.recipient]!);
      assert.ok(sender.equals(ids[m.sender]!.public()));
      assert.equal(hex(plaintext), m.plaintext);
    }
    assert.throws(() => sealed.openSealed(h(m.wire), m.domain === 'alert' ? 'session-note' : 'alert', ids.bob!), DecryptionError);
  }
});

test('sealed.json: version 2 (sealed sender) byte for byte, every draw, the signed string, opened by every recipient', () => {
  const ids: Record<string, IdentityKeyPair> = Object.fromEntries(
    Object.entries(sealedV.identity_seeds).map(([n, s]) => [n, IdentityKeyPair.fromSeed(h(s))]));
  assert.ok(sealedV.messages_v2.length >= 2);
  for (const m of sealedV.messages_v2) {
    const sender = ids[m.sender]!;
    assert.equal(hex(sender.public().toBytes()), m.sender_identity_public);
    const recipients = m.recipients.map((r) => ids[r.recipient]!.public());
    const msg = sealed.seal(h(m.plaintext), m.domain, sender, recipients, deterministicRng(h(m.rng_seed)));
    assert.equal(hex(msg.ephemeral), m.ephemeral_public);
    assert.equal(hex(msg.header()), m.header);
    assert.equal(hex(msg.entriesPart()), m.entries);
    assert.equal(hex(msg.nonce), m.body_nonce);
    assert.equal(hex(msg.body), m.body);
    assert.equal(hex(msg.toBytes()), m.wire);
    const signed = sealed.signedV2(msg.header(), msg.entriesPart(), msg.nonce, sender.public(), h(m.plaintext));
    assert.equal(hex(signed), m.signed);
    assert.equal(hex(sender.sign(signed)), m.signature);
    assert.equal(m.inner, m.sender_identity_public + m.signature + m.plaintext);
    assert.ok(!m.wire.includes(m.sender_identity_public.slice(0, 64)), "the sender's signing key is not in the wire");
    m.recipients.forEach((r, i) => {
      assert.equal(hex(x25519Base(h(m.ephemeral_private))), m.ephemeral_public);
      assert.equal(hex(sealed.wrapKey(h(r.shared), h(m.ephemeral_public), h(r.agreement_public), m.domain, 2)), r.wrap_key);
      assert.deepEqual(msg.entries[i], [h(r.entry_nonce), h(r.wrapped)]);
      const [who, plaintext] = sealed.openSealed(h(m.wire), m.domain, ids[r.recipient]!);
      assert.ok(who.equals(sender.public()));
      assert.equal(hex(plaintext), m.plaintext);
    });
    assert.throws(() => sealed.openSealed(h(m.wire), m.domain === 'alert' ? 'session-note' : 'alert', ids.bob!), DecryptionError);
  }
});

test('product.json: audit chain, bootstrap proof, group and pairwise payloads, alert packet', () => {
  const v = productV;
  assert.equal(v.audit_version, audit.AUDIT_VERSION);
  const hexed = (x: string | null): Bytes | null => (x === null ? null : h(x));
  const records: audit.AuditRecord[] = v.audit_chain.map((e) => ({ id: e.id, actor: e.actor, actorSalt: hexed(e.actor_salt),
    actorCommit: h(e.actor_commit), action: e.action, objectId: e.object_id, subject: e.subject,
    subjectSalt: hexed(e.subject_salt), subjectCommit: h(e.subject_commit), timeMs: e.time_ms, prevHash: h(e.prev_hash),
    entryHash: h(e.entry_hash) }));
  for (const r of records) {
    // Recomputed from the recorded inputs: every present link from its salt and value, every entry from its fields.
    if (r.actor !== null) assert.equal(hex(audit.linkCommit(r.actorSalt!, r.actor)), hex(r.actorCommit));
    if (r.subject !== null) assert.equal(hex(audit.linkCommit(r.subjectSalt!, r.subject)), hex(r.subjectCommit));
    assert.equal(hex(audit.entryHash(r.id, r.actorCommit, r.action, r.objectId, r.subjectCommit, r.timeMs, r.prevHash)),
      hex(r.entryHash));
  }
  assert.deepEqual(audit.verifyChain(records), { ok: true, entries: records.length, erased: 1 });
  const broken = records.map((r, i) => (i === 1 ? { ...r, action: 'invite.create.admin' } : r));
  assert.equal(audit.verifyChain(broken).brokenAt, records[1]!.id);
  // A present link cannot be swapped for someone else; erasing one (value and salt) keeps the chain whole.
  const swapped = records.map((r, i) => (i === 3 ? { ...r, subject: 'f'.repeat(32) } : r));
  assert.equal(audit.verifyChain(swapped).brokenAt, records[3]!.id);
  const erased = records.map((r, i) => (i === 3 ? { ...r, subject: null, subjectSalt: null, actor: null, actorSalt: null } : r));
  assert.deepEqual(audit.verifyChain(erased), { ok: true, entries: records.length, erased: 2 });
  const halfErased = records.map((r, i) => (i === 3 ? { ...r, subject: null } : r));
  assert.equal(audit.verifyChain(halfErased).brokenAt, records[3]!.id);
  assert.equal(hex(bootstrapProof(h(v.bootstrap_proof.server_secret), v.bootstrap_proof.account_id)), v.bootstrap_proof.proof);

  const rng = deterministicRng(h(v.rng_seed));
  const pi = v.payload_inputs;
  const group = new senderKeys.GroupSession(h(pi.group.group_id), undefined, rng);
  group.rotate(pi.group.rotate_time);
  const groupEnv = Envelope.create(pi.group.content_type, h(pi.group.body), rng);
  assert.equal(hex(groupEnv.messageId), pi.group.message_id);
  assert.equal(hex(groupEnv.frankingKey), pi.group.franking_key);
  const gp = new GroupPayload(group.encrypt(groupEnv.seal(), pi.group.encrypt_time));
  assert.equal(hex(gp.encode()), v.group_payload);
  assert.ok(decodePayload(h(v.group_payload)) instanceof GroupPayload);

  const ids = Object.fromEntries(Object.entries(pi.parties.identity_seeds).map(([n, seed]) => [n, IdentityKeyPair.fromSeed(h(seed))]));
  const alice = ids[pi.pairwise.sender]!;
  const bob = ids[pi.pairwise.recipient]!;
  const spk = SignedPreKey.fromSeed(bob, pi.parties.bob_signed_prekey.id, h(pi.parties.bob_signed_prekey.seed));
  const opk = new OneTimePreKey(pi.parties.bob_one_time_prekey.id, h(pi.parties.bob_one_time_prekey.seed));
  const bundle = new PreKeyBundle(bob.public(), spk.public(), opk.public());
  assert.equal(hex(bundle.toBytes()), pi.pairwise.bundle);
  const sessions = new PairwiseSessions(rng);
  const pairEnv = Envelope.create(pi.pairwise.content_type, h(pi.pairwise.body), rng);
  assert.equal(hex(pairEnv.messageId), pi.pairwise.message_id);
  assert.equal(hex(pairEnv.frankingKey), pi.pairwise.franking_key);
  const first = sessions.encrypt(pi.pairwise.conversation, bob.accountId, pairEnv.seal(), () => bundle, alice);
  const pw = new PairwisePayload([first]);
  assert.equal(hex(pw.encode()), v.pairwise_payload.encoded);
  assert.equal(first.recipient, v.pairwise_payload.entries[0]!.recipient);
  assert.equal(hex(first.data), v.pairwise_payload.entries[0]!.data);
  const decoded = decodePayload(h(v.pairwise_payload.encoded));
  assert.ok(decoded instanceof PairwisePayload);
  // Bob opens it through his own PairwiseSessions.
  const bobSessions = new PairwiseSessions();
  const env = Envelope.open(bobSessions.decrypt(pi.pairwise.conversation, alice.accountId, decoded.entries[0]!, bob,
    new Map([[spk.keyId, spk]]), new MemoryOneTimePreKeyStore([opk])));
  assert.equal(hex(env.body), pi.pairwise.body);
  assert.ok(InitialMessage.fromBytes(first.data));

  // The alert packet, rebuilt from its recorded inputs, then decoded.
  const ai = v.alert_packet.inputs;
  const built = new AlertPacket(ai.content as unknown as AlertContent, franking.FrankingReport.build({
    messageId: h(ai.message_id), sender: ai.sender_account_id, conversation: ai.conversation_id, seq: ai.seq,
    plaintext: h(ai.plaintext), frankingKey: h(ai.franking_key),
    commitment: franking.commit(h(ai.franking_key), h(ai.message_id), ai.sender_account_id, ai.conversation_id, h(ai.plaintext)),
    ciphertext: h(ai.ciphertext), serverTime: ai.server_time, tag: h(ai.tag) }));
  assert.equal(built.contentJson(), v.alert_packet.content_json);
  assert.equal(hex(built.report.toBytes()), v.alert_packet.report);
  assert.equal(hex(built.encode()), v.alert_packet.encoded);
  const packet = AlertPacket.decode(h(v.alert_packet.encoded));
  assert.equal(packet.contentJson(), v.alert_packet.content_json);
  assert.equal(hex(packet.report.toBytes()), v.alert_packet.report);
  assert.equal(hex(packet.encode()), v.alert_packet.encoded);
  assert.equal(packet.report.seq, ai.seq);
  packet.report.checkCommitment();
});
