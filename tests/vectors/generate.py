"""Generate the cross-implementation test vectors in this folder: `python tests/vectors/generate.py`.

Every random draw comes from `crypto.rng.deterministic_rng` with a fixed seed, so the output is byte-for-byte
reproducible; `tests/crypto/test_crypto_vectors.py` regenerates it and compares with the committed JSON.
All byte strings are lowercase hex. A second implementation should replay the same draws: see the "rng" notes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from crypto.envelope import ContentType, Envelope, pad
from crypto.fingerprints import safety_number, scannable_fingerprint
from crypto.franking import FrankingReport, commit, relay_tag
from crypto.keys import IdentityKeyPair, OneTimePreKey, SignedPreKey, X25519PrivateKey
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN, Keystore
from crypto.primitives import hkdf_sha256, x25519
from crypto.ratchet import RatchetMessage, kdf_ck, message_key_material
from crypto.registration import registration_proofs
from crypto.rng import deterministic_rng
from crypto.sealed import SealedMessage, open_sealed, seal, wrap_key
from crypto.sender_keys import GroupSession
from crypto.session import accept_session, initial_message, start_session
from crypto.x3dh import MemoryOneTimePreKeyStore, PreKeyBundle

HERE = Path(__file__).resolve().parent
ALICE_SEED = bytes.fromhex("a1" * 32)
BOB_SEED = bytes.fromhex("b0" * 32)
SPK_SEED = bytes.fromhex("5b" * 32)
OPK_SEED = bytes.fromhex("0e" * 32)
RNG_NOTE = ("rng = BLAKE2b-512 counter mode: block i = BLAKE2b-512(key=seed, msg=u64be(i)), bytes consumed in order "
            "(crypto/rng.py deterministic_rng)")


def _hex(b: bytes) -> str:
    return b.hex()


def _parties() -> tuple[IdentityKeyPair, IdentityKeyPair, SignedPreKey, OneTimePreKey]:
    alice = IdentityKeyPair.from_seed(ALICE_SEED)
    bob = IdentityKeyPair.from_seed(BOB_SEED)
    return alice, bob, SignedPreKey.from_seed(bob, 1, SPK_SEED), OneTimePreKey.from_seed(7, OPK_SEED)


def hkdf_vectors() -> dict[str, Any]:
    ikm, salt, info = bytes.fromhex("0b" * 22), bytes.fromhex("000102030405060708090a0b0c"), bytes.fromhex(
        "f0f1f2f3f4f5f6f7f8f9")
    return {"source": "RFC 5869 A.1", "ikm": _hex(ikm), "salt": _hex(salt), "info": _hex(info), "length": 42,
            "okm": _hex(hkdf_sha256(ikm, salt, info, 42))}


REGISTRATION_CHALLENGE = bytes(range(40))


def _registration(ident: IdentityKeyPair, server: X25519PrivateKey) -> dict[str, str]:
    proof, signature = registration_proofs(ident, REGISTRATION_CHALLENGE, bytes(server.public_key()))
    return {"registration_challenge": _hex(REGISTRATION_CHALLENGE), "agreement_proof": _hex(proof),
            "registration_signature": _hex(signature)}


def identity_vectors() -> dict[str, Any]:
    alice, bob, spk, opk = _parties()
    server = X25519PrivateKey.from_seed(bytes.fromhex("5e" * 32))
    out: dict[str, Any] = {}
    for name, seed, ident in (("alice", ALICE_SEED, alice), ("bob", BOB_SEED, bob)):
        pub = ident.public()
        out[name] = {"seed": _hex(seed), "ed25519_seed": _hex(bytes(ident.signing)),
                     "x25519_private": _hex(bytes(ident.agreement)), "ed25519_public": _hex(bytes(pub.signing)),
                     "x25519_public": _hex(bytes(pub.agreement)), "account_id": pub.account_id,
                     **_registration(ident, server)}
    out["server_ephemeral_private"] = _hex(bytes(server))
    out["signed_prekey"] = {"seed": _hex(SPK_SEED), "id": 1, "public": _hex(bytes(spk.public().public)),
                            "signature": _hex(spk.signature)}
    out["one_time_prekey"] = {"seed": _hex(OPK_SEED), "id": 7, "public": _hex(bytes(opk.public().public))}
    out["safety_number"] = safety_number(alice.public(), bob.public())
    out["scannable_fingerprint"] = _hex(scannable_fingerprint(alice.public(), bob.public()))
    return out


def session_vectors() -> dict[str, Any]:
    """X3DH then a ratchet conversation delivered out of order."""
    alice, bob, spk, opk = _parties()
    a_seed, b_seed = b"haven-vectors-alice-rng", b"haven-vectors-bob-rng-0"
    a_rng, b_rng = deterministic_rng(a_seed), deterministic_rng(b_seed)
    bundle = PreKeyBundle(bob.public(), spk.public(), opk.public())
    a_state, header = start_session(alice, bundle, a_rng)
    first = initial_message(a_state, header, b"hello bob")
    store = MemoryOneTimePreKeyStore([opk])
    b_state, plaintext, result = accept_session(bob, spk, store, bytes(first), b_rng)
    assert plaintext == b"hello bob"
    x3dh = {"bundle": _hex(bytes(bundle)), "x3dh_header": _hex(bytes(header)),
            "shared_secret": _hex(result.shared_secret), "associated_data": _hex(result.associated_data),
            "initial_message": _hex(bytes(first))}

    states = {"alice": a_state, "bob": b_state}
    messages: list[dict[str, Any]] = []

    def send(sender: str, text: bytes) -> RatchetMessage:
        state = states[sender]
        assert state.cks is not None
        _, mk = kdf_ck(state.cks)
        key, nonce = message_key_material(mk)
        msg = state.encrypt(text)
        messages.append({"index": len(messages), "from": sender, "plaintext": _hex(text), "message_key": _hex(mk),
                         "aead_key": _hex(key), "aead_nonce": _hex(nonce), "wire": _hex(bytes(msg))})
        return msg

    # Sends and deliveries interleaved so that the reordering straddles DH ratchet steps.
    events: list[tuple[str, str, bytes] | tuple[str, int]] = [
        ("send", "bob", b"hi alice"), ("send", "alice", b"a1"), ("send", "alice", b"a2"), ("deliver", 0),
        ("send", "alice", b"a3 on a new chain"), ("deliver", 3), ("send", "bob", b"b1"), ("deliver", 2),
        ("deliver", 4), ("deliver", 1), ("send", "alice", b"a4"), ("send", "alice", b"a5"), ("deliver", 6),
        ("deliver", 5),
    ]
    delivery: list[int] = []
    for event in events:
        if event[0] == "send":
            _, sender, text = event  # type: ignore[misc]
            send(sender, text)
            continue
        i = int(event[1])
        delivery.append(i)
        m = messages[i]
        receiver = "bob" if m["from"] == "alice" else "alice"
        assert states[receiver].decrypt(bytes.fromhex(m["wire"])) == bytes.fromhex(m["plaintext"])
    script = [[e[0], *(e[1:] if e[0] == "deliver" else (e[1], _hex(e[2])))] for e in events]  # type: ignore[misc]
    return {"rng": RNG_NOTE, "alice_rng_seed": _hex(a_seed), "bob_rng_seed": _hex(b_seed), "x3dh": x3dh,
            "messages": messages, "events": script, "delivery_order": delivery,
            "final_state_alice": _hex(states["alice"].to_bytes()), "final_state_bob": _hex(states["bob"].to_bytes())}


def group_vectors() -> dict[str, Any]:
    seeds = {"alice": b"haven-vectors-group-alice", "bob": b"haven-vectors-group-bob00"}
    sessions = {n: GroupSession(b"haven-group-0001", rng=deterministic_rng(s)) for n, s in seeds.items()}
    epochs: list[dict[str, Any]] = []
    now = 1_700_000_000
    for epoch_change in range(2):
        dists = {}
        for n, s in sessions.items():
            dists[n] = s.rotate(now + epoch_change)
        for n, d in dists.items():
            for m, s in sessions.items():
                if m != n:
                    s.add_distribution(n, d)
        msgs = [("alice", sessions["alice"].encrypt(b"epoch %d message %d" % (epoch_change, i), now))
                for i in range(3)] + [("bob", sessions["bob"].encrypt(b"bob in epoch %d" % epoch_change, now))]
        for sender, msg in [msgs[2], msgs[0], msgs[3], msgs[1]]:
            receiver = "bob" if sender == "alice" else "alice"
            assert sessions[receiver].decrypt(bytes(msg))[0] == sender
        epochs.append({"distributions": {n: _hex(bytes(d)) for n, d in dists.items()},
                       "messages": [{"from": s, "wire": _hex(bytes(m))} for s, m in msgs],
                       "delivery_order": [2, 0, 3, 1]})
    return {"rng": RNG_NOTE, "rng_seeds": {n: _hex(s) for n, s in seeds.items()}, "group_id": _hex(b"haven-group-0001"),
            "rotate_draws": "u32 sender_key_id (4 bytes) || chain_key (32) || Ed25519 seed (32)", "epochs": epochs,
            "final_state_bob": _hex(sessions["bob"].to_bytes())}


def envelope_vectors() -> dict[str, Any]:
    rng = deterministic_rng(b"haven-vectors-envelope")
    env = Envelope.new(ContentType.TEXT, "မင်္ဂလာပါ, hello".encode(), rng)
    pads = [{"input_len": n, "padded": _hex(pad(bytes(range(256)) * (n // 256) + bytes(range(n % 256))))}
            for n in (0, 10, 255, 256)]
    return {"rng": RNG_NOTE, "rng_seed": _hex(b"haven-vectors-envelope"), "envelope": {
        "content_type": env.content_type, "message_id": _hex(env.message_id), "franking_key": _hex(env.franking_key),
        "body": _hex(env.body), "encoded": _hex(env.encode()), "sealed": _hex(env.seal())}, "padding": pads}


def franking_vectors() -> dict[str, Any]:
    fk = bytes.fromhex("f0" * 32)
    secret = bytes.fromhex("5e" * 32)
    mid, sender, conv = bytes.fromhex("01" * 16), "885719260d7111b432dea986ccfab92c", "conv-1"
    pt, time = b"report me", 1_700_000_000_123
    ciphertext = bytes.fromhex("c1" * 100)
    c = commit(fk, mid, sender, conv, pt)
    tag = relay_tag(secret, c, ciphertext, conv, time)
    report = FrankingReport.build(message_id=mid, sender_account_id=sender, conversation_id=conv, plaintext=pt,
                                  franking_key=fk, commitment=c, ciphertext=ciphertext, server_time=time, tag=tag)
    return {"franking_key": _hex(fk), "server_secret": _hex(secret), "message_id": _hex(mid),
            "sender_account_id": sender, "conversation_id": conv, "plaintext": _hex(pt), "server_time": time,
            "ciphertext": _hex(ciphertext), "commitment": _hex(c), "ciphertext_hash": _hex(report.ciphertext_hash),
            "tag": _hex(tag), "report": _hex(bytes(report))}


def keystore_vectors() -> dict[str, Any]:
    seed = b"haven-vectors-keystore"
    entries = {"identity": bytes(IdentityKeyPair.from_seed(ALICE_SEED)), "note": b"hello"}
    sealed = Keystore(entries).seal("passphrase ဘက်", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN,
                                    rng=deterministic_rng(seed))
    return {"rng": RNG_NOTE, "rng_seed": _hex(seed), "passphrase_utf8": _hex("passphrase ဘက်".encode()),
            "opslimit": OPSLIMIT_MIN, "memlimit": MEMLIMIT_MIN, "entries": {k: _hex(v) for k, v in entries.items()},
            "sealed": _hex(sealed)}


CAROL_SEED = bytes.fromhex("c0" * 32)


def sealed_vectors() -> dict[str, Any]:
    """Seal to many (crypto/sealed.py): an alert to three moderators (the sender among them) and a session note to
    one counselor. Draws: eph_priv (32), content_key (32), nonce_i per recipient (24 each), body nonce (24)."""
    alice, bob, _, _ = _parties()
    carol = IdentityKeyPair.from_seed(CAROL_SEED)
    names = {"alice": alice, "bob": bob, "carol": carol}
    cases = [("haven-vectors-sealed-alert", "alert", ["bob", "carol", "alice"],
              "severity 3: plan named — မင်္ဂလာပါ".encode()),
             ("haven-vectors-sealed-note0", "session-note", ["bob"], b"")]
    out: list[dict[str, Any]] = []
    for seed, domain, recipients, plaintext in cases:
        draws = deterministic_rng(seed.encode())
        eph_priv, content_key = X25519PrivateKey(draws(32)), draws(32)
        message = seal(plaintext, domain=domain, sender=alice, recipients=[names[n].public() for n in recipients],
                       rng=deterministic_rng(seed.encode()))
        assert bytes(message.ephemeral) == bytes(eph_priv.public_key())
        wraps = []
        for n in recipients:
            r = names[n].public().agreement
            shared = x25519(bytes(eph_priv), bytes(r))
            wraps.append({"recipient": n, "agreement_public": _hex(bytes(r)), "shared": _hex(shared),
                          "wrap_key": _hex(wrap_key(shared, message.ephemeral, r, domain))})
            assert open_sealed(bytes(message), domain=domain, recipient=names[n]) == (alice.public(), plaintext)
        assert bytes(SealedMessage.from_bytes(bytes(message))) == bytes(message)
        out.append({"rng_seed": _hex(seed.encode()), "domain": domain, "sender": "alice", "plaintext": _hex(plaintext),
                    "ephemeral_private": _hex(bytes(eph_priv)), "ephemeral_public": _hex(bytes(message.ephemeral)),
                    "content_key": _hex(content_key), "recipients": wraps, "header": _hex(message.header()),
                    "signature": _hex(message.signature), "wire": _hex(bytes(message))})
    return {"rng": RNG_NOTE, "identity_seeds": {n: _hex(s) for n, s in (("alice", ALICE_SEED), ("bob", BOB_SEED),
                                                                         ("carol", CAROL_SEED))},
            "signature_domain": _hex(b"haven-sealed-sig-v1\x00"), "wrap_info": _hex(b"haven-sealed-v1"),
            "messages": out}


def product_vectors() -> dict[str, Any]:
    """The product layer a second client must match: the audit chain, the bootstrap proof, conversation payloads
    (docs/protocol.md C15) and alert packets (C16)."""
    from client.alert_packet import AlertPacket
    from client.pairwise import PairwiseSessions
    from client.payloads import GroupPayload, PairwisePayload
    from crypto.audit import AUDIT_VERSION, GENESIS, entry_hash, new_link
    from crypto.auth import bootstrap_proof
    from moderation.alert import AlertContent, AlertExcerpt

    secret = bytes.fromhex("5e" * 32)
    alice, bob, _, _ = _parties()
    # Audit chain v2 (crypto/audit.py): salts drawn in order (actor's, then subject's, per entry) from
    # deterministic_rng(b"haven-vectors-audit-v2"). Entry 5's subject has been erased (value and salt null): it
    # must verify from its stored commitment.
    chain: list[dict[str, Any]] = []
    previous = GENESIS
    link_rng = deterministic_rng(b"haven-vectors-audit-v2")
    member = "0d" * 16
    for entry_id, (actor, action, object_id, subject, time_ms) in enumerate(
        [(alice.account_id, "admin.bootstrap", "", "", 1796000000000),
         (alice.account_id, "invite.create.moderator", "ab" * 16, "", 1796000000500),
         (bob.account_id, "alert.claim", "cd" * 16, "", 1796000001000),
         (bob.account_id, "group.approve", "9c" * 16, member, 1796000002000),
         (bob.account_id, "group.remove", "9c" * 16, member, 1796000003000)], start=1):
        actor_salt, actor_commit = new_link(actor, link_rng)
        subject_salt, subject_commit = new_link(subject, link_rng)
        digest = entry_hash(entry_id, actor_commit, action, object_id, subject_commit, time_ms, previous)
        erased = entry_id == 5
        chain.append({
            "id": entry_id, "actor": actor, "actor_salt": _hex(actor_salt), "actor_commit": _hex(actor_commit),
            "action": action, "object_id": object_id, "subject": None if erased else subject,
            "subject_salt": None if erased else _hex(subject_salt), "subject_commit": _hex(subject_commit),
            "time_ms": time_ms, "prev_hash": _hex(previous), "entry_hash": _hex(digest)})
        previous = digest
    rng = deterministic_rng(b"haven-vectors-product")
    group = GroupSession(bytes.fromhex("9c" * 16), rng=rng)
    group.rotate(1796000000)
    group_payload = GroupPayload(group.encrypt(Envelope.new(ContentType.TEXT, b"hello group", rng).seal(), 1796000000))
    _, _, spk, opk = _parties()
    bundle = PreKeyBundle(bob.public(), spk.public(), opk.public())
    sessions = PairwiseSessions(rng)
    first = sessions.encrypt("9c" * 16, bob.account_id, Envelope.new(ContentType.TEXT, b"hi", rng).seal(),
                             lambda _peer: bundle, identity=alice)
    pairwise = PairwisePayload((first,))
    content = AlertContent("ee" * 16, 4, ("suicide",), "en",
                           (AlertExcerpt("kill myself", "suicide", 4, "i will kill myself tonight", 7, 18),))
    report = FrankingReport.build(
        message_id=bytes.fromhex("ee" * 16), sender_account_id=alice.account_id, conversation_id="9c" * 16,
        plaintext=b"i will kill myself tonight", franking_key=bytes.fromhex("f0" * 32),
        commitment=commit(bytes.fromhex("f0" * 32), bytes.fromhex("ee" * 16), alice.account_id, "9c" * 16,
                          b"i will kill myself tonight"),
        ciphertext=b"the exact relayed ciphertext", server_time=1796000000000, tag=bytes.fromhex("7a" * 32))
    return {
        "rng": RNG_NOTE, "rng_seed": _hex(b"haven-vectors-product"),
        "audit_chain": chain, "audit_version": AUDIT_VERSION,
        "bootstrap_proof": {"server_secret": _hex(secret), "account_id": alice.account_id,
                            "proof": _hex(bootstrap_proof(secret, alice.account_id))},
        "group_payload": _hex(group_payload.encode()),
        "pairwise_payload": {"entries": [{"recipient": e.recipient, "initial": e.initial, "data": _hex(e.data)}
                                         for e in pairwise.entries], "encoded": _hex(pairwise.encode())},
        "alert_packet": {"content_json": content.to_json(), "report": _hex(bytes(report)),
                         "encoded": _hex(AlertPacket(content, report).encode())},
    }


def build() -> dict[str, Any]:
    return {"hkdf.json": hkdf_vectors(), "identity.json": identity_vectors(), "session.json": session_vectors(),
            "group.json": group_vectors(), "envelope.json": envelope_vectors(), "franking.json": franking_vectors(),
            "keystore.json": keystore_vectors(), "sealed.json": sealed_vectors(), "product.json": product_vectors()}


def render(content: Any) -> str:
    return json.dumps(content, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def main() -> None:
    for name, content in build().items():
        (HERE / name).write_text(render(content))
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
