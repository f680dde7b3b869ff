"""The committed vectors in tests/vectors/ must reproduce byte for byte, and open with the public API."""

from __future__ import annotations

import base64
import importlib.util
import json
import re
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from crypto.auth import auth_transcript, sign_auth, verify_auth
from crypto.envelope import BUCKETS, Envelope, pad, unpad
from crypto.fingerprints import safety_number, scannable_fingerprint
from crypto.franking import FrankingReport, commit, verify_report
from crypto.keys import IdentityKeyPair, OneTimePreKey, SignedPreKey, X25519PrivateKey
from crypto.keystore import Keystore
from crypto.pow import leading_zero_bits, pow_digest, solve_pow
from crypto.primitives import aead_decrypt, hkdf_sha256, x25519
from crypto.ratchet import RatchetMessage, RatchetState, kdf_ck, message_key_material
from crypto.registration import registration_proofs, verify_agreement_proof, verify_registration_signature
from crypto.rng import deterministic_rng
from crypto.sealed import VERSION, VERSION_2, open_sealed, seal, seal_v1, signed_v2, wrap_key
from crypto.sender_keys import DEFAULT_MAX_AGE_SECONDS, DEFAULT_MAX_MESSAGES, GroupSession
from crypto.session import accept_session, initial_message, start_session
from crypto.x3dh import MemoryOneTimePreKeyStore, PreKeyBundle

VECTORS = Path(__file__).resolve().parents[1] / "vectors"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("haven_vector_generator", VECTORS / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GENERATOR = _generator()
BUILT = GENERATOR.build()


@pytest.mark.parametrize("name", sorted(BUILT))
def test_vector_file_reproduces(name: str) -> None:
    assert (VECTORS / name).read_text() == GENERATOR.render(BUILT[name])


def _load(name: str) -> dict[str, object]:
    data = json.loads((VECTORS / name).read_text())
    assert isinstance(data, dict)
    return data


def test_vectors_open_with_public_api() -> None:
    ident = _load("identity.json")
    alice = ident["alice"]
    assert isinstance(alice, dict)
    pair = IdentityKeyPair.from_seed(bytes.fromhex(alice["seed"]))
    assert pair.public().account_id == alice["account_id"]
    ed, x = bytes.fromhex(str(alice["ed25519_public"])), bytes.fromhex(str(alice["x25519_public"]))
    challenge = bytes.fromhex(str(alice["registration_challenge"]))
    proof = bytes.fromhex(str(alice["agreement_proof"]))
    server_private = bytes.fromhex(str(ident["server_ephemeral_private"]))
    assert verify_agreement_proof(server_private, challenge, ed, x, proof)
    assert verify_registration_signature(ed, x, challenge, proof, bytes.fromhex(str(alice["registration_signature"])))

    ks = _load("keystore.json")
    opened = Keystore.open(bytes.fromhex(str(ks["sealed"])), bytes.fromhex(str(ks["passphrase_utf8"])))
    assert {k: v.hex() for k, v in opened.items()} == ks["entries"]

    fr = _load("franking.json")
    verify_report(bytes.fromhex(str(fr["server_secret"])), FrankingReport.from_bytes(bytes.fromhex(str(fr["report"]))))

    session = _load("session.json")
    state = RatchetState.from_bytes(bytes.fromhex(str(session["final_state_bob"])))
    assert state.to_bytes().hex() == session["final_state_bob"]


def test_product_vectors_check_with_public_api() -> None:
    from client.alert_packet import AlertPacket
    from client.payloads import PairwisePayload, decode_payload
    from crypto.audit import AuditRecord, verify_chain
    from crypto.auth import bootstrap_proof

    product = _load("product.json")
    chain = product["audit_chain"]
    assert isinstance(chain, list)

    def hexed(value: str | None) -> bytes | None:
        return None if value is None else bytes.fromhex(value)

    records = [
        AuditRecord(
            e["id"],
            e["actor"],
            e["action"],
            e["object_id"],
            e["time_ms"],
            bytes.fromhex(e["prev_hash"]),
            bytes.fromhex(e["entry_hash"]),
            actor_salt=hexed(e["actor_salt"]),
            actor_commit=bytes.fromhex(e["actor_commit"]),
            subject=e["subject"],
            subject_salt=hexed(e["subject_salt"]),
            subject_commit=bytes.fromhex(e["subject_commit"]),
        )
        for e in chain
    ]
    assert product["audit_version"] == 2
    check = verify_chain(records)
    assert check.ok and check.erased == 1
    tampered = [*records[:1], replace(records[1], action="invite.create.admin"), *records[2:]]
    assert verify_chain(tampered).broken_at == records[1].id
    # A present link cannot be swapped for someone else: it must open its commitment.
    swapped = [*records[:3], replace(records[3], subject="f" * 32), records[4]]
    assert verify_chain(swapped).broken_at == records[3].id
    # Erasing a link (value and salt) keeps the chain whole.
    erased = [
        *records[:3],
        replace(records[3], subject=None, subject_salt=None, actor=None, actor_salt=None),
        records[4],
    ]
    assert verify_chain(erased).ok
    proof = product["bootstrap_proof"]
    assert isinstance(proof, dict)
    assert bootstrap_proof(bytes.fromhex(proof["server_secret"]), proof["account_id"]).hex() == proof["proof"]
    pairwise = product["pairwise_payload"]
    assert isinstance(pairwise, dict)
    decoded = decode_payload(bytes.fromhex(pairwise["encoded"]))
    assert isinstance(decoded, PairwisePayload)
    assert [(e.recipient, e.initial, e.data.hex()) for e in decoded.entries] == [
        (e["recipient"], e["initial"], e["data"]) for e in pairwise["entries"]
    ]
    packet = product["alert_packet"]
    assert isinstance(packet, dict)
    opened = AlertPacket.decode(bytes.fromhex(packet["encoded"]))
    assert opened.content.to_json() == packet["content_json"]
    opened.report.check_commitment()


# --- every output recomputed from the inputs its file records ---------------------------------------------------
# These tests read only the JSON (never generate.py's constants), so they fail if a file stops recording an input
# that a second implementation would need, not just if the bytes change.


def _h(value: object) -> bytes:
    assert isinstance(value, str)
    return bytes.fromhex(value)


def _d(value: object) -> dict[str, Any]:
    assert isinstance(value, dict)
    return value


def _identities(parties: dict[str, Any]) -> dict[str, IdentityKeyPair]:
    return {name: IdentityKeyPair.from_seed(_h(seed)) for name, seed in _d(parties["identity_seeds"]).items()}


def _bob_prekeys(parties: dict[str, Any], bob: IdentityKeyPair) -> tuple[SignedPreKey, OneTimePreKey]:
    spk, opk = _d(parties["bob_signed_prekey"]), _d(parties["bob_one_time_prekey"])
    return SignedPreKey.from_seed(bob, spk["id"], _h(spk["seed"])), OneTimePreKey.from_seed(opk["id"], _h(opk["seed"]))


def test_hkdf_recomputes() -> None:
    v = _load("hkdf.json")
    assert hkdf_sha256(_h(v["ikm"]), _h(v["salt"]), _h(v["info"]), int(str(v["length"]))) == _h(v["okm"])


def test_identity_recomputes_from_seeds() -> None:
    v = _load("identity.json")
    server_private = X25519PrivateKey.from_seed(_h(v["server_ephemeral_private"]))
    pairs: dict[str, IdentityKeyPair] = {}
    for name in ("alice", "bob"):
        record = _d(v[name])
        pair = IdentityKeyPair.from_seed(_h(record["seed"]))
        pairs[name] = pair
        public = pair.public()
        assert bytes(pair.signing).hex() == record["ed25519_seed"]
        assert bytes(pair.agreement).hex() == record["x25519_private"]
        assert bytes(public.signing).hex() == record["ed25519_public"]
        assert bytes(public.agreement).hex() == record["x25519_public"]
        assert public.account_id == record["account_id"]
        proof, signature = registration_proofs(
            pair, _h(record["registration_challenge"]), bytes(server_private.public_key())
        )
        assert (proof.hex(), signature.hex()) == (record["agreement_proof"], record["registration_signature"])
    spk_record, opk_record = _d(v["signed_prekey"]), _d(v["one_time_prekey"])
    spk = SignedPreKey.from_seed(pairs[spk_record["owner"]], spk_record["id"], _h(spk_record["seed"]))
    assert bytes(spk.private).hex() == spk_record["private"] == spk_record["seed"]
    assert bytes(spk.public().public).hex() == spk_record["public"]
    assert spk.signature.hex() == spk_record["signature"]
    assert bytes(spk.public()).hex() == spk_record["encoded_public"]
    opk = OneTimePreKey.from_seed(opk_record["id"], _h(opk_record["seed"]))
    assert bytes(opk.private).hex() == opk_record["private"] == opk_record["seed"]
    assert bytes(opk.public()).hex() == opk_record["encoded_public"]
    a, b = (pairs[n].public() for n in v["safety_number_parties"])  # type: ignore[attr-defined]
    assert safety_number(a, b) == v["safety_number"]
    assert scannable_fingerprint(a, b).hex() == v["scannable_fingerprint"]


def test_auth_and_proofs_of_work_recompute() -> None:
    v = _load("identity.json")
    a = _d(v["auth"])
    signer = IdentityKeyPair.from_seed(_h(_d(v[a["signer"]])["seed"]))
    assert signer.public().account_id == a["account"]
    transcript = auth_transcript(_h(a["challenge"]), a["server_id"], a["time_ms"], a["account"])
    assert transcript.hex() == a["transcript"]
    assert (
        sign_auth(signer.signing, _h(a["challenge"]), a["server_id"], a["time_ms"], a["account"]).hex()
        == a["signature"]
    )
    assert verify_auth(
        bytes(signer.public().signing),
        _h(a["signature"]),
        _h(a["challenge"]),
        a["server_id"],
        a["time_ms"],
        a["account"],
    )
    uses = set()
    for case in v["proofs_of_work"]:  # type: ignore[attr-defined]
        uses.add(case["use"])
        challenge, payload = _h(case["challenge"]), _h(case["payload"])
        digest = pow_digest(challenge, payload, case["counter"])
        assert digest.hex() == case["digest"]
        assert leading_zero_bits(digest) >= case["bits"]
        assert solve_pow(challenge, payload, case["bits"]) == case["counter"]
    assert uses == {"registration", "help_request"}


def test_session_recomputes_from_seeds_plaintexts_and_events() -> None:
    v = _load("session.json")
    parties = _d(v["parties"])
    ids = _identities(parties)
    alice, bob = ids[str(v["initiator"])], ids[str(v["responder"])]
    spk, opk = _bob_prekeys(parties, bob)
    bundle = PreKeyBundle(bob.public(), spk.public(), opk.public())
    x3dh = _d(v["x3dh"])
    assert bytes(bundle).hex() == x3dh["bundle"]
    a_state, header = start_session(alice, bundle, deterministic_rng(_h(v["alice_rng_seed"])))
    first = initial_message(a_state, header, _h(v["first_plaintext"]))
    assert (bytes(header).hex(), bytes(first).hex()) == (x3dh["x3dh_header"], x3dh["initial_message"])
    b_state, plaintext, result = accept_session(
        bob, spk, MemoryOneTimePreKeyStore([opk]), bytes(first), deterministic_rng(_h(v["bob_rng_seed"]))
    )
    assert plaintext == _h(v["first_plaintext"])
    assert (result.shared_secret.hex(), result.associated_data.hex()) == (
        x3dh["shared_secret"],
        x3dh["associated_data"],
    )
    states = {"alice": a_state, "bob": b_state}
    recorded = v["messages"]
    assert isinstance(recorded, list)
    sent: list[RatchetMessage] = []
    delivered: list[int] = []
    for event in v["events"]:  # type: ignore[attr-defined]
        if event[0] == "send":
            state = states[event[1]]
            assert state.cks is not None
            _, mk = kdf_ck(state.cks)
            key, nonce = message_key_material(mk)
            message = state.encrypt(_h(event[2]))
            expected = recorded[len(sent)]
            assert (expected["from"], expected["plaintext"]) == (event[1], event[2])
            assert (mk.hex(), key.hex(), nonce.hex()) == (
                expected["message_key"],
                expected["aead_key"],
                expected["aead_nonce"],
            )
            assert bytes(message).hex() == expected["wire"]
            sent.append(message)
        else:
            index = event[1]
            delivered.append(index)
            receiver = "bob" if recorded[index]["from"] == "alice" else "alice"
            assert states[receiver].decrypt(bytes(sent[index])).hex() == recorded[index]["plaintext"]
    assert delivered == v["delivery_order"]
    assert len(sent) == len(recorded)
    assert states["alice"].to_bytes().hex() == v["final_state_alice"]
    assert states["bob"].to_bytes().hex() == v["final_state_bob"]


def test_group_recomputes_from_seeds_times_and_plaintexts() -> None:
    v = _load("group.json")
    policy = _d(v["policy"])
    assert (policy["max_messages"], policy["max_age_seconds"]) == (DEFAULT_MAX_MESSAGES, DEFAULT_MAX_AGE_SECONDS)
    seeds = _d(v["rng_seeds"])
    sessions = {name: GroupSession(_h(v["group_id"]), rng=deterministic_rng(_h(seed))) for name, seed in seeds.items()}
    for epoch in v["epochs"]:  # type: ignore[attr-defined]
        distributions = {name: sessions[name].rotate(epoch["rotate_time"]) for name in seeds}
        assert {n: bytes(d).hex() for n, d in distributions.items()} == epoch["distributions"]
        assert {n: s.epoch for n, s in sessions.items()} == epoch["epoch"]
        for sender, distribution in distributions.items():
            for receiver, session in sessions.items():
                if receiver != sender:
                    session.add_distribution(sender, distribution)
        wires = []
        for m in epoch["messages"]:
            wire = bytes(sessions[m["from"]].encrypt(_h(m["plaintext"]), epoch["encrypt_time"]))
            assert wire.hex() == m["wire"]
            wires.append(wire)
        for i in epoch["delivery_order"]:
            sender = epoch["messages"][i]["from"]
            receiver = "bob" if sender == "alice" else "alice"
            assert sessions[receiver].decrypt(wires[i]) == (sender, _h(epoch["messages"][i]["plaintext"]))
    assert sessions["bob"].to_bytes().hex() == v["final_state_bob"]


def test_envelope_and_padding_recompute_from_their_inputs() -> None:
    v = _load("envelope.json")
    e = _d(v["envelope"])
    envelope = Envelope.new(e["content_type"], _h(e["body"]), deterministic_rng(_h(v["rng_seed"])))
    assert (envelope.message_id.hex(), envelope.franking_key.hex()) == (e["message_id"], e["franking_key"])
    assert (envelope.encode().hex(), envelope.seal().hex()) == (e["encoded"], e["sealed"])
    for case in v["padding"]:  # type: ignore[attr-defined]
        data = _h(case["input"])
        assert len(data) == case["input_len"]
        assert pad(data).hex() == case["padded"]
        assert unpad(_h(case["padded"])) == data


def test_keystore_recomputes_from_its_inputs() -> None:
    v = _load("keystore.json")
    entries = {name: _h(value) for name, value in _d(v["entries"]).items()}
    sealed = Keystore(entries).seal(
        _h(v["passphrase_utf8"]),
        opslimit=int(str(v["opslimit"])),
        memlimit=int(str(v["memlimit"])),
        rng=deterministic_rng(_h(v["rng_seed"])),
    )
    assert sealed.hex() == v["sealed"]


def test_sealed_recomputes_from_its_inputs() -> None:
    v = _load("sealed.json")
    ids = {name: IdentityKeyPair.from_seed(_h(seed)) for name, seed in _d(v["identity_seeds"]).items()}
    assert _h(v["signature_domain"]) == b"haven-sealed-sig-v1\x00"
    for m in v["messages"]:  # type: ignore[attr-defined]
        recipients = [ids[r["recipient"]] for r in m["recipients"]]
        message = seal_v1(
            _h(m["plaintext"]),
            domain=m["domain"],
            sender=ids[m["sender"]],
            recipients=[r.public() for r in recipients],
            rng=deterministic_rng(_h(m["rng_seed"])),
        )
        draws = deterministic_rng(_h(m["rng_seed"]))
        assert (draws(32).hex(), draws(32).hex()) == (m["ephemeral_private"], m["content_key"])
        assert bytes(message.ephemeral).hex() == m["ephemeral_public"]
        for record, pair in zip(m["recipients"], recipients, strict=True):
            agreement = pair.public().agreement
            shared = x25519(_h(m["ephemeral_private"]), bytes(agreement))
            assert (bytes(agreement).hex(), shared.hex()) == (record["agreement_public"], record["shared"])
            assert wrap_key(shared, message.ephemeral, agreement, m["domain"], VERSION).hex() == record["wrap_key"]
        assert (message.header().hex(), message.signature.hex()) == (m["header"], m["signature"])
        assert bytes(message).hex() == m["wire"]


def test_sealed_v2_recomputes_from_its_inputs() -> None:
    """Version 2 (sealed sender): every draw, wrap key, entry, the signed string, the inner plaintext and the wire
    recompute from the seeds; every recipient opens it to the sender and plaintext; the wire names nobody."""
    v = _load("sealed.json")
    ids = {name: IdentityKeyPair.from_seed(_h(seed)) for name, seed in _d(v["identity_seeds"]).items()}
    assert (_h(v["signature_domain_v2"]), _h(v["wrap_info_v2"])) == (b"haven-sealed-sig-v2\x00", b"haven-sealed-v2")
    assert v["messages_v2"]
    for m in v["messages_v2"]:  # type: ignore[attr-defined]
        recipients = [ids[r["recipient"]] for r in m["recipients"]]
        sender = ids[m["sender"]]
        message = seal(
            _h(m["plaintext"]),
            domain=m["domain"],
            sender=sender,
            recipients=[r.public() for r in recipients],
            rng=deterministic_rng(_h(m["rng_seed"])),
        )
        draws = deterministic_rng(_h(m["rng_seed"]))
        assert (draws(32).hex(), draws(32).hex()) == (m["ephemeral_private"], m["content_key"])
        assert [draws(24).hex() for _ in recipients] == [r["entry_nonce"] for r in m["recipients"]]
        assert draws(24).hex() == m["body_nonce"] == message.nonce.hex()
        assert bytes(message.ephemeral).hex() == m["ephemeral_public"]
        for record, pair, entry in zip(m["recipients"], recipients, message.entries, strict=True):
            agreement = pair.public().agreement
            shared = x25519(_h(m["ephemeral_private"]), bytes(agreement))
            assert (bytes(agreement).hex(), shared.hex()) == (record["agreement_public"], record["shared"])
            key = wrap_key(shared, message.ephemeral, agreement, m["domain"], VERSION_2)
            assert key.hex() == record["wrap_key"] and entry.ciphertext.hex() == record["wrapped"]
            assert aead_decrypt(key, entry.nonce, entry.ciphertext, message.header()).hex() == m["content_key"]
        assert (message.header().hex(), message.entries_part().hex()) == (m["header"], m["entries"])
        signed = signed_v2(message.header(), message.entries_part(), message.nonce, sender.public(), _h(m["plaintext"]))
        assert signed.hex() == m["signed"] and sender.signing.sign(signed).hex() == m["signature"]
        assert m["inner"] == m["sender_identity_public"] + m["signature"] + m["plaintext"]
        inner = aead_decrypt(
            _h(m["content_key"]), message.nonce, message.body, message.header() + message.entries_part()
        )
        assert inner.hex() == m["inner"] and message.body.hex() == m["body"]
        assert bytes(message).hex() == m["wire"]
        # The sender's identity is nowhere in the wire (its agreement key is, where it is itself a recipient).
        assert m["sender_identity_public"] not in m["wire"] and m["sender_identity_public"][:64] not in m["wire"]
        for pair in recipients:
            assert open_sealed(_h(m["wire"]), domain=m["domain"], recipient=pair) == (
                sender.public(),
                _h(m["plaintext"]),
            )


def test_product_payloads_recompute_from_their_inputs() -> None:
    from client.pairwise import PairwiseSessions
    from client.payloads import GroupPayload, PairwisePayload

    v = _load("product.json")
    inputs = _d(v["payload_inputs"])
    parties = _d(inputs["parties"])
    ids = _identities(parties)
    # One rng, consumed in the order the file lists (inputs["draws"]).
    rng = deterministic_rng(_h(v["rng_seed"]))
    g = _d(inputs["group"])
    group = GroupSession(_h(g["group_id"]), rng=rng)
    group.rotate(g["rotate_time"])
    group_envelope = Envelope.new(g["content_type"], _h(g["body"]), rng)
    assert (group_envelope.message_id.hex(), group_envelope.franking_key.hex()) == (g["message_id"], g["franking_key"])
    assert GroupPayload(group.encrypt(group_envelope.seal(), g["encrypt_time"])).encode().hex() == v["group_payload"]
    p = _d(inputs["pairwise"])
    sender, recipient = ids[p["sender"]], ids[p["recipient"]]
    spk, opk = _bob_prekeys(parties, recipient)
    bundle = PreKeyBundle(recipient.public(), spk.public(), opk.public())
    assert bytes(bundle).hex() == p["bundle"]
    pair_envelope = Envelope.new(p["content_type"], _h(p["body"]), rng)
    assert (pair_envelope.message_id.hex(), pair_envelope.franking_key.hex()) == (p["message_id"], p["franking_key"])
    entry = PairwiseSessions(rng).encrypt(
        p["conversation"], recipient.public().account_id, pair_envelope.seal(), lambda _peer: bundle, identity=sender
    )
    pairwise = _d(v["pairwise_payload"])
    assert PairwisePayload((entry,)).encode().hex() == pairwise["encoded"]
    # And the recipient opens it: the envelope comes back whole.
    state, padded, _ = accept_session(recipient, spk, MemoryOneTimePreKeyStore([opk]), entry.data)
    assert Envelope.open(padded).encode() == pair_envelope.encode()
    assert state.to_bytes()


def test_alert_packet_recomputes_from_its_inputs() -> None:
    from client.alert_packet import AlertPacket
    from moderation.alert import AlertContent

    packet = _d(_load("product.json")["alert_packet"])
    i = _d(packet["inputs"])
    content = AlertContent.from_dict(i["content"])
    assert content.to_json() == packet["content_json"]
    ids = _identities(_d(_load("product.json")["payload_inputs"])["parties"])
    assert ids[i["sender"]].public().account_id == i["sender_account_id"]
    text, key, mid = _h(i["plaintext"]), _h(i["franking_key"]), _h(i["message_id"])
    report = FrankingReport.build(
        message_id=mid,
        sender_account_id=i["sender_account_id"],
        conversation_id=i["conversation_id"],
        seq=i["seq"],
        plaintext=text,
        franking_key=key,
        commitment=commit(key, mid, i["sender_account_id"], i["conversation_id"], text),
        ciphertext=_h(i["ciphertext"]),
        server_time=i["server_time"],
        tag=_h(i["tag"]),
    )
    assert bytes(report).hex() == packet["report"]
    assert AlertPacket(content, report).encode().hex() == packet["encoded"]


def test_every_domain_string_in_the_code_is_listed_in_protocol_md() -> None:
    """C12 lists every constant byte string exactly; a new one in the code without a row there fails here."""
    root = VECTORS.parents[1]
    doc = (root / "docs" / "protocol.md").read_text()
    table = doc[doc.index("### C12.") : doc.index("### C13.")]
    literal = re.compile(r'\bb"((?:haven-|Haven )[^"\\]*(?:\\x00)?)"')
    found = {
        m.group(1)
        for folder in ("crypto", "server", "client")
        for path in (root / folder).rglob("*.py")
        for m in literal.finditer(path.read_text())
    }
    assert len(found) >= 25
    missing = sorted(s for s in found if f"| `{s}` |" not in table)
    assert not missing, missing


# --- the frame budget of docs/protocol.md C8, checked against real frames ---------------------------------------
SDK_FRAME_OVERHEAD = 189
BUDGET_TABLE = """| recipients n | 1 | 2 | 3–11 | 12–16 | group (any size) |
|---|---|---|---|---|---|
| largest frame-fitting bucket | 32,768 | 16,384 | 4,096 | 1,024 | 32,768 |
| largest body (bytes) | 32,713 | 16,329 | 4,041 | 969 | 32,713 |"""


def _frame_bytes(payload: bytes) -> int:
    """The SDK's send frame (client/relay.py: json.dumps with the default separators) with a commitment."""
    frame = {
        "type": "send",
        "conversation": "9c" * 16,
        "client_id": base64.b64encode(bytes(16)).decode(),
        "ciphertext": base64.b64encode(payload).decode(),
        "commitment": base64.b64encode(bytes(32)).decode(),
    }
    return len(json.dumps(frame).encode())


def _documented_frame(payload_bytes: int) -> int:
    return SDK_FRAME_OVERHEAD + 4 * -(-payload_bytes // 3)


def _documented_max_body(recipients: int | None, max_frame: int = 65536) -> int | None:
    size = (lambda b: 115 + b) if recipients is None else (lambda b: 2 + recipients * (185 + b))
    fitting = [b - 55 for b in BUCKETS if _documented_frame(size(b)) <= max_frame]
    return max(fitting, default=None)


@pytest.mark.parametrize(("recipients", "bucket"), [(1, 32768), (2, 16384), (3, 4096), (16, 1024), (16, 256)])
def test_documented_frame_size_is_the_real_frame_size(recipients: int, bucket: int) -> None:
    from client.pairwise import PairwiseSessions
    from client.payloads import PairwisePayload

    sender = IdentityKeyPair.from_seed(bytes([0xA1]) * 32)
    envelope = Envelope.new(1, bytes(bucket - 55), deterministic_rng(b"haven-frame-budget"))
    padded = envelope.seal()
    assert len(padded) == bucket
    sessions = PairwiseSessions(deterministic_rng(b"haven-frame-budget-x3dh"))
    entries = []
    for i in range(recipients):
        peer = IdentityKeyPair.from_seed(bytes([i + 1]) * 32)
        bundle = PreKeyBundle(
            peer.public(),
            SignedPreKey.from_seed(peer, 1, bytes([0x50 + i]) * 32).public(),
            OneTimePreKey.from_seed(7, bytes([0x90 + i]) * 32).public(),
        )
        entries.append(
            sessions.encrypt("9c" * 16, peer.public().account_id, padded, lambda _p, b=bundle: b, identity=sender)
        )
    payload = PairwisePayload(tuple(entries)).encode()
    assert len(payload) == 2 + recipients * (185 + bucket)
    assert _frame_bytes(payload) == _documented_frame(len(payload))


def test_documented_group_frame_size_is_the_real_frame_size() -> None:
    from client.payloads import GroupPayload

    group = GroupSession(bytes(16), rng=deterministic_rng(b"haven-frame-budget-group"))
    group.rotate(1796000000)
    padded = Envelope.new(1, bytes(32713), deterministic_rng(b"haven-frame-budget")).seal()
    payload = GroupPayload(group.encrypt(padded, 1796000000)).encode()
    assert len(payload) == 115 + 32768
    assert _frame_bytes(payload) == _documented_frame(len(payload)) <= 65536


def test_documented_budget_table_matches_the_formula() -> None:
    doc = (VECTORS.parents[1] / "docs" / "protocol.md").read_text()
    assert BUDGET_TABLE in doc
    assert f"**O = {SDK_FRAME_OVERHEAD}**" in doc
    expected = {1: 32713, 2: 16329, **dict.fromkeys(range(3, 12), 4041), **dict.fromkeys(range(12, 17), 969)}
    assert {n: _documented_max_body(n) for n in range(1, 17)} == expected
    assert _documented_max_body(None) == 32713
    # One byte more than the largest body needs the next bucket, which no longer fits (or no bucket holds it).
    for n, body in expected.items():
        bigger = [b for b in BUCKETS if 54 + body + 1 < b]
        assert not bigger or _documented_frame(2 + n * (185 + bigger[0])) > 65536
