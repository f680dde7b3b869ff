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

from crypto.auth import auth_transcript, sign_auth
from crypto.encoding import lp, u64
from crypto.envelope import ContentType, Envelope, pad
from crypto.fingerprints import safety_number, scannable_fingerprint
from crypto.franking import COMMIT_DOMAIN, RELAY_DOMAIN, REPORT_VERSION, FrankingReport, commit, relay_tag
from crypto.keys import IdentityKeyPair, OneTimePreKey, SignedPreKey, X25519PrivateKey, X25519PublicKey
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN, Keystore
from crypto.pow import pow_digest, solve_pow
from crypto.primitives import hkdf_sha256, x25519
from crypto.ratchet import RatchetMessage, kdf_ck, message_key_material
from crypto.registration import registration_proofs
from crypto.rng import deterministic_rng
from crypto.sealed import (
    VERSION,
    VERSION_2,
    SealedMessage,
    SealedMessageV2,
    open_sealed,
    seal,
    seal_v1,
    signed_v2,
    wrap_key,
)
from crypto.sender_keys import GroupSession
from crypto.session import accept_session, initial_message, start_session
from crypto.x3dh import MemoryOneTimePreKeyStore, PreKeyBundle

HERE = Path(__file__).resolve().parent
ALICE_SEED = bytes.fromhex("a1" * 32)
BOB_SEED = bytes.fromhex("b0" * 32)
SPK_SEED = bytes.fromhex("5b" * 32)
OPK_SEED = bytes.fromhex("0e" * 32)
RNG_NOTE = (
    "rng = BLAKE2b-512 counter mode: block i = BLAKE2b-512(key=seed, msg=u64be(i)), bytes consumed in order "
    "(crypto/rng.py deterministic_rng)"
)
IDENTITY_SEED_RULE = (
    'IdentityKeyPair.from_seed(seed): ed25519_seed = BLAKE2b-256(b"haven-identity-ed25519", '
    'key=seed), x25519_private = BLAKE2b-256(b"haven-identity-x25519", key=seed)'
)
PREKEY_SEED_RULE = (
    "SignedPreKey/OneTimePreKey/server ephemeral from_seed(seed): the X25519 private key IS the "
    "32-byte seed (clamped by X25519); the signed prekey is signed by its owner's identity (C4)"
)


def _parties_inputs() -> dict[str, Any]:
    """Every identity and prekey a file uses, as the inputs that make them (identity.json has the outputs)."""
    return {
        "identity_seed_rule": IDENTITY_SEED_RULE,
        "prekey_seed_rule": PREKEY_SEED_RULE,
        "identity_seeds": {"alice": _hex(ALICE_SEED), "bob": _hex(BOB_SEED)},
        "bob_signed_prekey": {"id": 1, "seed": _hex(SPK_SEED)},
        "bob_one_time_prekey": {"id": 7, "seed": _hex(OPK_SEED)},
    }


def _hex(b: bytes) -> str:
    return b.hex()


def _parties() -> tuple[IdentityKeyPair, IdentityKeyPair, SignedPreKey, OneTimePreKey]:
    alice = IdentityKeyPair.from_seed(ALICE_SEED)
    bob = IdentityKeyPair.from_seed(BOB_SEED)
    return alice, bob, SignedPreKey.from_seed(bob, 1, SPK_SEED), OneTimePreKey.from_seed(7, OPK_SEED)


def hkdf_vectors() -> dict[str, Any]:
    ikm, salt, info = (
        bytes.fromhex("0b" * 22),
        bytes.fromhex("000102030405060708090a0b0c"),
        bytes.fromhex("f0f1f2f3f4f5f6f7f8f9"),
    )
    return {
        "source": "RFC 5869 A.1",
        "ikm": _hex(ikm),
        "salt": _hex(salt),
        "info": _hex(info),
        "length": 42,
        "okm": _hex(hkdf_sha256(ikm, salt, info, 42)),
    }


REGISTRATION_CHALLENGE = bytes(range(40))


def _registration(ident: IdentityKeyPair, server: X25519PrivateKey) -> dict[str, str]:
    proof, signature = registration_proofs(ident, REGISTRATION_CHALLENGE, bytes(server.public_key()))
    return {
        "registration_challenge": _hex(REGISTRATION_CHALLENGE),
        "agreement_proof": _hex(proof),
        "registration_signature": _hex(signature),
    }


def _auth_vector(ident: IdentityKeyPair) -> dict[str, Any]:
    """The websocket/login transcript (docs/protocol.md 3.1) and alice's signature over it."""
    challenge, server_id, time_ms = bytes(range(100, 132)), "haven-local", 1795482800601
    account = ident.public().account_id
    return {
        "signer": "alice",
        "challenge": _hex(challenge),
        "server_id": server_id,
        "time_ms": time_ms,
        "account": account,
        "transcript": _hex(auth_transcript(challenge, server_id, time_ms, account)),
        "signature": _hex(sign_auth(ident.signing, challenge, server_id, time_ms, account)),
    }


POW_BITS = 12


def _pow_vectors(ident: IdentityKeyPair) -> list[dict[str, Any]]:
    """Registration (1.1) and help-request (1.6) proofs of work: the smallest counter at POW_BITS bits."""
    pub = ident.public()
    cases = [
        ("registration", REGISTRATION_CHALLENGE, bytes(pub.signing) + bytes(pub.agreement)),
        ("help_request", bytes(range(200, 240)), pub.account_id.encode("ascii")),
    ]
    out = []
    for use, challenge, payload in cases:
        counter = solve_pow(challenge, payload, POW_BITS)
        out.append(
            {
                "use": use,
                "challenge": _hex(challenge),
                "payload": _hex(payload),
                "bits": POW_BITS,
                "counter": counter,
                "digest": _hex(pow_digest(challenge, payload, counter)),
                "digest_of_previous_counter": _hex(pow_digest(challenge, payload, counter - 1)) if counter else None,
            }
        )
    return out


def identity_vectors() -> dict[str, Any]:
    alice, bob, spk, opk = _parties()
    server = X25519PrivateKey.from_seed(bytes.fromhex("5e" * 32))
    out: dict[str, Any] = {}
    for name, seed, ident in (("alice", ALICE_SEED, alice), ("bob", BOB_SEED, bob)):
        pub = ident.public()
        out[name] = {
            "seed": _hex(seed),
            "ed25519_seed": _hex(bytes(ident.signing)),
            "x25519_private": _hex(bytes(ident.agreement)),
            "ed25519_public": _hex(bytes(pub.signing)),
            "x25519_public": _hex(bytes(pub.agreement)),
            "account_id": pub.account_id,
            **_registration(ident, server),
        }
    out["identity_seed_rule"] = IDENTITY_SEED_RULE
    out["prekey_seed_rule"] = PREKEY_SEED_RULE
    out["server_ephemeral_private"] = _hex(bytes(server))
    out["signed_prekey"] = {
        "owner": "bob",
        "seed": _hex(SPK_SEED),
        "id": 1,
        "private": _hex(bytes(spk.private)),
        "public": _hex(bytes(spk.public().public)),
        "signature": _hex(spk.signature),
        "encoded_public": _hex(bytes(spk.public())),
    }
    out["one_time_prekey"] = {
        "owner": "bob",
        "seed": _hex(OPK_SEED),
        "id": 7,
        "private": _hex(bytes(opk.private)),
        "public": _hex(bytes(opk.public().public)),
        "encoded_public": _hex(bytes(opk.public())),
    }
    out["auth"] = _auth_vector(alice)
    out["proofs_of_work"] = _pow_vectors(alice)
    out["safety_number_parties"] = ["alice", "bob"]
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
    x3dh = {
        "bundle": _hex(bytes(bundle)),
        "x3dh_header": _hex(bytes(header)),
        "shared_secret": _hex(result.shared_secret),
        "associated_data": _hex(result.associated_data),
        "initial_message": _hex(bytes(first)),
    }

    states = {"alice": a_state, "bob": b_state}
    messages: list[dict[str, Any]] = []

    def send(sender: str, text: bytes) -> RatchetMessage:
        state = states[sender]
        assert state.cks is not None
        _, mk = kdf_ck(state.cks)
        key, nonce = message_key_material(mk)
        msg = state.encrypt(text)
        messages.append(
            {
                "index": len(messages),
                "from": sender,
                "plaintext": _hex(text),
                "message_key": _hex(mk),
                "aead_key": _hex(key),
                "aead_nonce": _hex(nonce),
                "wire": _hex(bytes(msg)),
            }
        )
        return msg

    # Sends and deliveries interleaved so that the reordering straddles DH ratchet steps.
    events: list[tuple[str, str, bytes] | tuple[str, int]] = [
        ("send", "bob", b"hi alice"),
        ("send", "alice", b"a1"),
        ("send", "alice", b"a2"),
        ("deliver", 0),
        ("send", "alice", b"a3 on a new chain"),
        ("deliver", 3),
        ("send", "bob", b"b1"),
        ("deliver", 2),
        ("deliver", 4),
        ("deliver", 1),
        ("send", "alice", b"a4"),
        ("send", "alice", b"a5"),
        ("deliver", 6),
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
    return {
        "rng": RNG_NOTE,
        "parties": _parties_inputs(),
        "initiator": "alice",
        "responder": "bob",
        "first_plaintext": _hex(b"hello bob"),
        "draws": "alice: X3DH ephemeral (32), her first ratchet private key (32), then one ratchet private key "
        "(32) per DH ratchet step while decrypting; bob: one ratchet private key (32) per DH ratchet "
        "step while decrypting (accepting the initial message is one)",
        "alice_rng_seed": _hex(a_seed),
        "bob_rng_seed": _hex(b_seed),
        "x3dh": x3dh,
        "messages": messages,
        "events": script,
        "delivery_order": delivery,
        "final_state_alice": _hex(states["alice"].to_bytes()),
        "final_state_bob": _hex(states["bob"].to_bytes()),
    }


GROUP_START = 1_700_000_000


def group_vectors() -> dict[str, Any]:
    """Two members, two epochs each. Per epoch: both rotate at `rotate_time` (alice first), each installs the other's
    distribution, alice encrypts three messages and bob one at `encrypt_time`, delivered in `delivery_order`."""
    seeds = {"alice": b"haven-vectors-group-alice", "bob": b"haven-vectors-group-bob00"}
    group_id = b"haven-group-0001"
    sessions = {n: GroupSession(group_id, rng=deterministic_rng(s)) for n, s in seeds.items()}
    epochs: list[dict[str, Any]] = []
    now = GROUP_START
    order = [2, 0, 3, 1]
    for epoch_change in range(2):
        rotate_time = now + epoch_change
        dists = {n: s.rotate(rotate_time) for n, s in sessions.items()}
        for n, d in dists.items():
            for m, s in sessions.items():
                if m != n:
                    s.add_distribution(n, d)
        plain = [("alice", b"epoch %d message %d" % (epoch_change, i)) for i in range(3)]
        plain.append(("bob", b"bob in epoch %d" % epoch_change))
        msgs = [(sender, text, sessions[sender].encrypt(text, now)) for sender, text in plain]
        for sender, text, msg in [msgs[i] for i in order]:
            receiver = "bob" if sender == "alice" else "alice"
            assert sessions[receiver].decrypt(bytes(msg)) == (sender, text)
        epochs.append(
            {
                "rotate_time": rotate_time,
                "encrypt_time": now,
                "epoch": {n: s.epoch for n, s in sessions.items()},
                "distributions": {n: _hex(bytes(d)) for n, d in dists.items()},
                "messages": [{"from": s, "plaintext": _hex(t), "wire": _hex(bytes(m))} for s, t, m in msgs],
                "delivery_order": order,
            }
        )
    return {
        "rng": RNG_NOTE,
        "rng_seeds": {n: _hex(s) for n, s in seeds.items()},
        "group_id": _hex(group_id),
        "policy": {"max_messages": 1000, "max_age_seconds": 604800},
        "rotate_draws": "u32 sender_key_id (4 bytes) || chain_key (32) || Ed25519 seed (32)",
        "epoch_rule": "rotate(now) without an epoch: epoch = previous + 1, the first is 1",
        "epochs": epochs,
        "final_state_bob": _hex(sessions["bob"].to_bytes()),
    }


def envelope_vectors() -> dict[str, Any]:
    rng = deterministic_rng(b"haven-vectors-envelope")
    env = Envelope.new(ContentType.TEXT, "မင်္ဂလာပါ, hello".encode(), rng)
    inputs = [bytes(range(256)) * (n // 256) + bytes(range(n % 256)) for n in (0, 10, 255, 256)]
    pads = [{"input_len": len(x), "input": _hex(x), "padded": _hex(pad(x))} for x in inputs]
    return {
        "rng": RNG_NOTE,
        "rng_seed": _hex(b"haven-vectors-envelope"),
        "draws": "message_id (16), franking_key (32)",
        "envelope": {
            "content_type": env.content_type,
            "message_id": _hex(env.message_id),
            "franking_key": _hex(env.franking_key),
            "body": _hex(env.body),
            "encoded": _hex(env.encode()),
            "sealed": _hex(env.seal()),
        },
        "padding": pads,
    }


def franking_vectors() -> dict[str, Any]:
    """Franking v2 (crypto/franking.py, docs/protocol.md C9): every input is fixed and recorded, nothing is drawn.
    `tag_input` is the exact HMAC message; `other_sender` shows that the same commitment and ciphertext relayed
    from another account (an informer who committed over the victim's id) get a different tag."""
    fk = bytes.fromhex("f0" * 32)
    secret = bytes.fromhex("5e" * 32)
    mid, sender, conv = bytes.fromhex("01" * 16), "885719260d7111b432dea986ccfab92c", "conv-1"
    other = "0123456789abcdef0123456789abcdef"
    pt, seq, time = b"report me", 42, 1_700_000_000_123
    ciphertext = bytes.fromhex("c1" * 100)
    c = commit(fk, mid, sender, conv, pt)
    tag = relay_tag(secret, c, ciphertext, sender_account_id=sender, conversation_id=conv, seq=seq, server_time=time)
    report = FrankingReport.build(
        message_id=mid,
        sender_account_id=sender,
        conversation_id=conv,
        seq=seq,
        plaintext=pt,
        franking_key=fk,
        commitment=c,
        ciphertext=ciphertext,
        server_time=time,
        tag=tag,
    )
    commit_input = lp(COMMIT_DOMAIN) + lp(mid) + lp(sender.encode()) + lp(conv.encode()) + lp(pt)
    tag_input = (
        lp(RELAY_DOMAIN)
        + lp(c)
        + lp(report.ciphertext_hash)
        + lp(sender.encode())
        + lp(conv.encode())
        + u64(seq)
        + u64(time)
    )
    other_tag = relay_tag(
        secret, c, ciphertext, sender_account_id=other, conversation_id=conv, seq=seq, server_time=time
    )
    return {
        "version": {
            "commit_domain": COMMIT_DOMAIN.decode(),
            "relay_domain": RELAY_DOMAIN.decode(),
            "report_version": REPORT_VERSION,
        },
        "franking_key": _hex(fk),
        "server_secret": _hex(secret),
        "message_id": _hex(mid),
        "sender_account_id": sender,
        "conversation_id": conv,
        "seq": seq,
        "plaintext": _hex(pt),
        "server_time": time,
        "ciphertext": _hex(ciphertext),
        "commit_input": _hex(commit_input),
        "commitment": _hex(c),
        "ciphertext_hash": _hex(report.ciphertext_hash),
        "tag_input": _hex(tag_input),
        "tag": _hex(tag),
        "report": _hex(bytes(report)),
        "other_sender": {"sender_account_id": other, "tag": _hex(other_tag)},
    }


def keystore_vectors() -> dict[str, Any]:
    seed = b"haven-vectors-keystore"
    entries = {"identity": bytes(IdentityKeyPair.from_seed(ALICE_SEED)), "note": b"hello"}
    sealed = Keystore(entries).seal(
        "passphrase ဘက်", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN, rng=deterministic_rng(seed)
    )
    return {
        "rng": RNG_NOTE,
        "rng_seed": _hex(seed),
        "passphrase_utf8": _hex("passphrase ဘက်".encode()),
        "opslimit": OPSLIMIT_MIN,
        "memlimit": MEMLIMIT_MIN,
        "entries": {k: _hex(v) for k, v in entries.items()},
        "sealed": _hex(sealed),
    }


CAROL_SEED = bytes.fromhex("c0" * 32)


SEALED_CASES = [
    ("haven-vectors-sealed-alert", "alert", ["bob", "carol", "alice"], "severity 3: plan named — မင်္ဂလာပါ".encode()),
    ("haven-vectors-sealed-note0", "session-note", ["bob"], b""),
]
# Version 2 draws from seeds of its own, so that no v2 message shares an ephemeral key with a v1 one.
SEALED_V2_CASES = [
    ("haven-vectors-sealed2-alert", "alert", ["bob", "carol", "alice"], "severity 3: plan named — မင်္ဂလာပါ".encode()),
    ("haven-vectors-sealed2-note0", "session-note", ["bob"], b""),
]


def sealed_vectors() -> dict[str, Any]:
    """Seal to many (crypto/sealed.py): an alert to three moderators (the sender among them) and a session note to
    one counselor, in version 1 (`messages`: sender in the clear, read only) and version 2 (`messages_v2`: sealed
    sender). Draws, both versions: eph_priv (32), content_key (32), nonce_i per recipient (24 each), body nonce
    (24); version 2 records each draw, the signed string, the inner plaintext and the entries."""
    alice, bob, _, _ = _parties()
    carol = IdentityKeyPair.from_seed(CAROL_SEED)
    names = {"alice": alice, "bob": bob, "carol": carol}
    out: list[dict[str, Any]] = []
    for seed, domain, recipients, plaintext in SEALED_CASES:
        draws = deterministic_rng(seed.encode())
        eph_priv, content_key = X25519PrivateKey(draws(32)), draws(32)
        message = seal_v1(
            plaintext,
            domain=domain,
            sender=alice,
            recipients=[names[n].public() for n in recipients],
            rng=deterministic_rng(seed.encode()),
        )
        assert bytes(message.ephemeral) == bytes(eph_priv.public_key())
        wraps = _sealed_wraps(names, recipients, eph_priv, message.ephemeral, domain, VERSION)
        for n in recipients:
            assert open_sealed(bytes(message), domain=domain, recipient=names[n]) == (alice.public(), plaintext)
        assert bytes(SealedMessage.from_bytes(bytes(message))) == bytes(message)
        out.append(
            {
                "rng_seed": _hex(seed.encode()),
                "domain": domain,
                "sender": "alice",
                "plaintext": _hex(plaintext),
                "ephemeral_private": _hex(bytes(eph_priv)),
                "ephemeral_public": _hex(bytes(message.ephemeral)),
                "content_key": _hex(content_key),
                "recipients": wraps,
                "header": _hex(message.header()),
                "signature": _hex(message.signature),
                "wire": _hex(bytes(message)),
            }
        )
    out_v2: list[dict[str, Any]] = []
    for seed, domain, recipients, plaintext in SEALED_V2_CASES:
        draws = deterministic_rng(seed.encode())
        eph_priv, content_key = X25519PrivateKey(draws(32)), draws(32)
        entry_nonces = [draws(24) for _ in recipients]
        body_nonce = draws(24)
        message2 = seal(
            plaintext,
            domain=domain,
            sender=alice,
            recipients=[names[n].public() for n in recipients],
            rng=deterministic_rng(seed.encode()),
        )
        assert bytes(message2.ephemeral) == bytes(eph_priv.public_key())
        assert [e.nonce for e in message2.entries] == entry_nonces and message2.nonce == body_nonce
        wraps = _sealed_wraps(names, recipients, eph_priv, message2.ephemeral, domain, VERSION_2)
        for record, entry in zip(wraps, message2.entries, strict=True):
            record["entry_nonce"] = _hex(entry.nonce)
            record["wrapped"] = _hex(entry.ciphertext)
        signed = signed_v2(message2.header(), message2.entries_part(), body_nonce, alice.public(), plaintext)
        signature = alice.signing.sign(signed)
        inner = bytes(alice.public()) + signature + plaintext
        for n in recipients:
            assert open_sealed(bytes(message2), domain=domain, recipient=names[n]) == (alice.public(), plaintext)
        wire = bytes(message2)
        assert bytes(SealedMessageV2.from_bytes(wire)) == wire and bytes(alice.public().signing) not in wire
        out_v2.append(
            {
                "rng_seed": _hex(seed.encode()),
                "domain": domain,
                "sender": "alice",
                "sender_identity_public": _hex(bytes(alice.public())),
                "plaintext": _hex(plaintext),
                "ephemeral_private": _hex(bytes(eph_priv)),
                "ephemeral_public": _hex(bytes(message2.ephemeral)),
                "content_key": _hex(content_key),
                "body_nonce": _hex(body_nonce),
                "recipients": wraps,
                "header": _hex(message2.header()),
                "entries": _hex(message2.entries_part()),
                "signed": _hex(signed),
                "signature": _hex(signature),
                "inner": _hex(inner),
                "body": _hex(message2.body),
                "wire": _hex(wire),
            }
        )
    return {
        "rng": RNG_NOTE,
        "identity_seeds": {n: _hex(s) for n, s in (("alice", ALICE_SEED), ("bob", BOB_SEED), ("carol", CAROL_SEED))},
        "signature_domain": _hex(b"haven-sealed-sig-v1\x00"),
        "wrap_info": _hex(b"haven-sealed-v1"),
        "messages": out,
        "signature_domain_v2": _hex(b"haven-sealed-sig-v2\x00"),
        "wrap_info_v2": _hex(b"haven-sealed-v2"),
        "messages_v2": out_v2,
    }


def _sealed_wraps(
    names: dict[str, IdentityKeyPair],
    recipients: list[str],
    eph_priv: X25519PrivateKey,
    ephemeral: X25519PublicKey,
    domain: str,
    version: int,
) -> list[dict[str, Any]]:
    wraps = []
    for n in recipients:
        r = names[n].public().agreement
        shared = x25519(bytes(eph_priv), bytes(r))
        wraps.append(
            {
                "recipient": n,
                "agreement_public": _hex(bytes(r)),
                "shared": _hex(shared),
                "wrap_key": _hex(wrap_key(shared, ephemeral, r, domain, version)),
            }
        )
    return wraps


PRODUCT_SECRET = bytes.fromhex("5e" * 32)
PRODUCT_RNG_SEED = b"haven-vectors-product"
PRODUCT_GROUP_ID = bytes.fromhex("9c" * 16)
PRODUCT_TIME = 1796000000


def audit_chain_vectors() -> dict[str, Any]:
    """product.json "audit_chain" (docs/protocol.md 1.4, chain v2). Kept apart from the rest of product.json so that
    a change to the audit chain's format touches only this function. Salts are drawn in order (actor's, then
    subject's, per entry) from deterministic_rng(b"haven-vectors-audit-v2"). Entry 5's subject has been erased (value
    and salt null): it must verify from its stored commitment."""
    from crypto.audit import AUDIT_VERSION, GENESIS, entry_hash, new_link

    alice, bob, _, _ = _parties()
    chain: list[dict[str, Any]] = []
    previous = GENESIS
    link_rng = deterministic_rng(b"haven-vectors-audit-v2")
    member = "0d" * 16
    for entry_id, (actor, action, object_id, subject, time_ms) in enumerate(
        [
            (alice.account_id, "admin.bootstrap", "", "", 1796000000000),
            (alice.account_id, "invite.create.moderator", "ab" * 16, "", 1796000000500),
            (bob.account_id, "alert.claim", "cd" * 16, "", 1796000001000),
            (bob.account_id, "group.approve", "9c" * 16, member, 1796000002000),
            (bob.account_id, "group.remove", "9c" * 16, member, 1796000003000),
        ],
        start=1,
    ):
        actor_salt, actor_commit = new_link(actor, link_rng)
        subject_salt, subject_commit = new_link(subject, link_rng)
        digest = entry_hash(entry_id, actor_commit, action, object_id, subject_commit, time_ms, previous)
        erased = entry_id == 5
        chain.append(
            {
                "id": entry_id,
                "actor": actor,
                "actor_salt": _hex(actor_salt),
                "actor_commit": _hex(actor_commit),
                "action": action,
                "object_id": object_id,
                "subject": None if erased else subject,
                "subject_salt": None if erased else _hex(subject_salt),
                "subject_commit": _hex(subject_commit),
                "time_ms": time_ms,
                "prev_hash": _hex(previous),
                "entry_hash": _hex(digest),
            }
        )
        previous = digest
    return {"audit_chain": chain, "audit_version": AUDIT_VERSION}


def payload_vectors() -> dict[str, Any]:
    """product.json "payload_inputs", "group_payload" and "pairwise_payload" (C15): one rng shared, in the order
    of "draws"."""
    from client.pairwise import PairwiseSessions
    from client.payloads import GroupPayload, PairwisePayload

    rng = deterministic_rng(PRODUCT_RNG_SEED)
    group = GroupSession(PRODUCT_GROUP_ID, rng=rng)
    group.rotate(PRODUCT_TIME)
    group_envelope = Envelope.new(ContentType.TEXT, b"hello group", rng)
    group_payload = GroupPayload(group.encrypt(group_envelope.seal(), PRODUCT_TIME))
    alice, bob, spk, opk = _parties()
    bundle = PreKeyBundle(bob.public(), spk.public(), opk.public())
    sessions = PairwiseSessions(rng)
    conversation = "9c" * 16
    pair_envelope = Envelope.new(ContentType.TEXT, b"hi", rng)
    first = sessions.encrypt(conversation, bob.account_id, pair_envelope.seal(), lambda _peer: bundle, identity=alice)
    pairwise = PairwisePayload((first,))
    inputs = {
        "parties": _parties_inputs(),
        "draws": [
            "group rotate: sender_key_id (4), chain_key (32), signing seed (32)",
            "group envelope: message_id (16), franking_key (32)",
            "pairwise envelope: message_id (16), franking_key (32)",
            "pairwise X3DH ephemeral (32)",
            "pairwise alice's first ratchet private key (32)",
        ],
        "group": {
            "group_id": _hex(PRODUCT_GROUP_ID),
            "sender": "alice",
            "rotate_time": PRODUCT_TIME,
            "encrypt_time": PRODUCT_TIME,
            "content_type": int(ContentType.TEXT),
            "body": _hex(group_envelope.body),
            "message_id": _hex(group_envelope.message_id),
            "franking_key": _hex(group_envelope.franking_key),
        },
        "pairwise": {
            "conversation": conversation,
            "sender": "alice",
            "recipient": "bob",
            "bundle": _hex(bytes(bundle)),
            "content_type": int(ContentType.TEXT),
            "body": _hex(pair_envelope.body),
            "message_id": _hex(pair_envelope.message_id),
            "franking_key": _hex(pair_envelope.franking_key),
        },
    }
    return {
        "payload_inputs": inputs,
        "group_payload": _hex(group_payload.encode()),
        "pairwise_payload": {
            "entries": [
                {"recipient": e.recipient, "initial": e.initial, "data": _hex(e.data)} for e in pairwise.entries
            ],
            "encoded": _hex(pairwise.encode()),
        },
    }


def alert_packet_vectors() -> dict[str, Any]:
    """product.json "alert_packet" (C16): the alert content and a franking report over fixed inputs. The report's
    tag is a fixed stand-in (the packet format does not check it; franking.json has a real one)."""
    from client.alert_packet import AlertPacket
    from moderation.alert import AlertContent, AlertExcerpt

    alice = IdentityKeyPair.from_seed(ALICE_SEED)
    message_id, conversation, text = bytes.fromhex("ee" * 16), "9c" * 16, b"i will kill myself tonight"
    seq = 7
    franking_key, ciphertext, server_time, tag = (
        bytes.fromhex("f0" * 32),
        b"the exact relayed ciphertext",
        1796000000000,
        bytes.fromhex("7a" * 32),
    )
    content = AlertContent(
        message_id.hex(), 4, ("suicide",), "en", (AlertExcerpt("kill myself", "suicide", 4, text.decode(), 7, 18),)
    )
    report = FrankingReport.build(
        message_id=message_id,
        sender_account_id=alice.account_id,
        conversation_id=conversation,
        seq=seq,
        plaintext=text,
        franking_key=franking_key,
        commitment=commit(franking_key, message_id, alice.account_id, conversation, text),
        ciphertext=ciphertext,
        server_time=server_time,
        tag=tag,
    )
    inputs = {
        "sender": "alice",
        "sender_account_id": alice.account_id,
        "message_id": _hex(message_id),
        "conversation_id": conversation,
        "seq": seq,
        "plaintext": _hex(text),
        "franking_key": _hex(franking_key),
        "ciphertext": _hex(ciphertext),
        "server_time": server_time,
        "tag": _hex(tag),
        "content": content.to_dict(),
    }
    return {
        "alert_packet": {
            "inputs": inputs,
            "content_json": content.to_json(),
            "report": _hex(bytes(report)),
            "encoded": _hex(AlertPacket(content, report).encode()),
        }
    }


def product_vectors() -> dict[str, Any]:
    """The product layer a second client must match: the audit chain, the bootstrap proof, conversation payloads
    (docs/protocol.md C15) and alert packets (C16). Each section comes from its own function."""
    from crypto.auth import bootstrap_proof

    alice = IdentityKeyPair.from_seed(ALICE_SEED)
    return {
        "rng": RNG_NOTE,
        "rng_seed": _hex(PRODUCT_RNG_SEED),
        **audit_chain_vectors(),
        "bootstrap_proof": {
            "server_secret": _hex(PRODUCT_SECRET),
            "account_id": alice.account_id,
            "proof": _hex(bootstrap_proof(PRODUCT_SECRET, alice.account_id)),
        },
        **payload_vectors(),
        **alert_packet_vectors(),
    }


def build() -> dict[str, Any]:
    return {
        "hkdf.json": hkdf_vectors(),
        "identity.json": identity_vectors(),
        "session.json": session_vectors(),
        "group.json": group_vectors(),
        "envelope.json": envelope_vectors(),
        "franking.json": franking_vectors(),
        "keystore.json": keystore_vectors(),
        "sealed.json": sealed_vectors(),
        "product.json": product_vectors(),
    }


def render(content: Any) -> str:
    return json.dumps(content, indent=2, sort_keys=True, ensure_ascii=True) + "\n"


def main() -> None:
    for name, content in build().items():
        (HERE / name).write_text(render(content))
        print(f"wrote {name}")


if __name__ == "__main__":
    main()
