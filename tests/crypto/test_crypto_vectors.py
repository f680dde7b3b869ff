"""The committed vectors in tests/vectors/ must reproduce byte for byte, and open with the public API."""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

from crypto.franking import FrankingReport, verify_report
from crypto.keys import IdentityKeyPair
from crypto.keystore import Keystore
from crypto.ratchet import RatchetState
from crypto.registration import verify_agreement_proof, verify_registration_signature

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

    records = [AuditRecord(e["id"], e["actor"], e["action"], e["object_id"], e["time_ms"],
                           bytes.fromhex(e["prev_hash"]), bytes.fromhex(e["entry_hash"]),
                           actor_salt=hexed(e["actor_salt"]), actor_commit=bytes.fromhex(e["actor_commit"]),
                           subject=e["subject"], subject_salt=hexed(e["subject_salt"]),
                           subject_commit=bytes.fromhex(e["subject_commit"])) for e in chain]
    assert product["audit_version"] == 2
    check = verify_chain(records)
    assert check.ok and check.erased == 1
    tampered = [*records[:1], replace(records[1], action="invite.create.admin"), *records[2:]]
    assert verify_chain(tampered).broken_at == records[1].id
    # A present link cannot be swapped for someone else: it must open its commitment.
    swapped = [*records[:3], replace(records[3], subject="f" * 32), records[4]]
    assert verify_chain(swapped).broken_at == records[3].id
    # Erasing a link (value and salt) keeps the chain whole.
    erased = [*records[:3], replace(records[3], subject=None, subject_salt=None, actor=None, actor_salt=None),
              records[4]]
    assert verify_chain(erased).ok
    proof = product["bootstrap_proof"]
    assert isinstance(proof, dict)
    assert bootstrap_proof(bytes.fromhex(proof["server_secret"]), proof["account_id"]).hex() == proof["proof"]
    pairwise = product["pairwise_payload"]
    assert isinstance(pairwise, dict)
    decoded = decode_payload(bytes.fromhex(pairwise["encoded"]))
    assert isinstance(decoded, PairwisePayload)
    assert [(e.recipient, e.initial, e.data.hex()) for e in decoded.entries] == [
        (e["recipient"], e["initial"], e["data"]) for e in pairwise["entries"]]
    packet = product["alert_packet"]
    assert isinstance(packet, dict)
    opened = AlertPacket.decode(bytes.fromhex(packet["encoded"]))
    assert opened.content.to_json() == packet["content_json"]
    opened.report.check_commitment()
