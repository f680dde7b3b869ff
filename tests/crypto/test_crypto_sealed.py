"""Seal to many: every recipient opens, nobody else does, and any change to the wire is the one opaque error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crypto.errors import DecryptionError, InvalidKeyError
from crypto.keys import IdentityKeyPair, IdentityPublic, X25519PrivateKey
from crypto.primitives import aead_decrypt, x25519
from crypto.rng import deterministic_rng
from crypto.sealed import (
    MAX_PLAINTEXT,
    MAX_RECIPIENTS,
    SIGNATURE_DOMAIN,
    SealedMessage,
    open_sealed,
    seal,
    wrap_key,
)

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
RNG = deterministic_rng(b"test-crypto-sealed-identities")
SENDER = IdentityKeyPair.generate(RNG)
MODS = [IdentityKeyPair.generate(RNG) for _ in range(4)]
OUTSIDER = IdentityKeyPair.generate(RNG)


def _alert(plaintext: bytes = b"crisis: severity 3") -> SealedMessage:
    return seal(plaintext, domain="alert", sender=SENDER, recipients=[m.public() for m in MODS])


def test_every_recipient_opens_and_learns_the_sender() -> None:
    message = _alert()
    wire = bytes(message)
    for mod in MODS:
        sender, plaintext = open_sealed(wire, domain="alert", recipient=mod)
        assert sender == SENDER.public() and plaintext == b"crisis: severity 3"
    assert open_sealed(message, domain="alert", recipient=MODS[0])[1] == b"crisis: severity 3"
    assert message.recipients == tuple(m.public().agreement for m in MODS)
    assert message.sender == SENDER.public()
    assert message.is_recipient(MODS[2].public()) and not message.is_recipient(OUTSIDER.public())


def test_round_trip_encoding_and_layout() -> None:
    message = _alert(b"x" * 10)
    wire = bytes(message)
    again = SealedMessage.from_bytes(wire)
    assert bytes(again) == wire
    header_len = 1 + 4 + len(b"alert") + 64 + 32 + 2 + 32 * len(MODS)
    assert len(message.header()) == header_len
    assert len(wire) == header_len + 72 * len(MODS) + 24 + 10 + 16 + 64
    assert wire[0] == 1
    assert "crisis" not in repr(message) and "x" * 10 not in repr(message)


def test_sender_can_include_itself() -> None:
    message = seal(b"note", domain="session-note", sender=SENDER, recipients=[SENDER.public(), MODS[0].public()])
    assert open_sealed(bytes(message), domain="session-note", recipient=SENDER)[1] == b"note"


def test_not_a_recipient_and_wrong_domain_fail_opaquely() -> None:
    wire = bytes(_alert())
    with pytest.raises(DecryptionError) as outsider:
        open_sealed(wire, domain="alert", recipient=OUTSIDER)
    with pytest.raises(DecryptionError) as domain:
        open_sealed(wire, domain="session-note", recipient=MODS[0])
    with pytest.raises(DecryptionError):
        open_sealed(wire, domain="", recipient=MODS[0])
    assert str(outsider.value) == str(domain.value) == "decryption failed"


def test_truncation_fails_at_every_length() -> None:
    wire = bytes(_alert(b"short"))
    for cut in range(len(wire)):
        with pytest.raises(DecryptionError):
            open_sealed(wire[:cut], domain="alert", recipient=MODS[1])
    with pytest.raises(DecryptionError):
        open_sealed(wire + b"\x00", domain="alert", recipient=MODS[1])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_any_bit_flip_fails(data: st.DataObject) -> None:
    wire = bytearray(bytes(_alert(b"flip me")))
    index = data.draw(st.integers(0, len(wire) - 1))
    wire[index] ^= 1 << data.draw(st.integers(0, 7))
    with pytest.raises(DecryptionError):
        open_sealed(bytes(wire), domain="alert", recipient=MODS[3])


def _resign(message: SealedMessage, signer: IdentityKeyPair, **changes: object) -> SealedMessage:
    fields: dict[str, object] = {
        "domain": message.domain,
        "sender": message.sender,
        "ephemeral": message.ephemeral,
        "recipients": message.recipients,
        "entries": message.entries,
        "nonce": message.nonce,
        "body": message.body,
        "signature": bytes(64),
    }
    fields.update(changes)
    unsigned = SealedMessage(**fields)  # type: ignore[arg-type]
    fields["signature"] = signer.signing.sign(SIGNATURE_DOMAIN + unsigned.signed_part())
    return SealedMessage(**fields)  # type: ignore[arg-type]


def test_signature_binds_the_sender() -> None:
    """An insider (a recipient knows the content key) cannot make the message appear to come from someone else:
    re-signing under another name changes the header, which is the AEAD associated data."""
    message = _alert()
    forged = _resign(message, MODS[0], sender=MODS[0].public())
    with pytest.raises(DecryptionError):
        open_sealed(bytes(forged), domain="alert", recipient=MODS[1])
    with pytest.raises(DecryptionError):  # same sender field, wrong signer
        open_sealed(bytes(_resign(message, MODS[0])), domain="alert", recipient=MODS[1])
    assert open_sealed(bytes(_resign(message, SENDER)), domain="alert", recipient=MODS[1])[1] == b"crisis: severity 3"


def test_signature_is_checked_before_unwrapping() -> None:
    """Dropping a recipient or reordering entries (the server trying to learn who the moderators are by
    provoking errors) is refused by the signature, not by the AEAD."""
    message = _alert()
    reordered = SealedMessage(
        domain=message.domain,
        sender=message.sender,
        ephemeral=message.ephemeral,
        recipients=message.recipients[::-1],
        entries=message.entries[::-1],
        nonce=message.nonce,
        body=message.body,
        signature=message.signature,
    )
    with pytest.raises(DecryptionError):
        open_sealed(bytes(reordered), domain="alert", recipient=MODS[0])


def test_bounds() -> None:
    pubs = [
        IdentityKeyPair.generate(deterministic_rng(b"bound-%03d-seed-xxxxxxxx" % i)).public()
        for i in range(MAX_RECIPIENTS + 1)
    ]
    big = seal(b"m", domain="alert", sender=SENDER, recipients=pubs[:MAX_RECIPIENTS])
    assert len(SealedMessage.from_bytes(bytes(big)).recipients) == MAX_RECIPIENTS
    with pytest.raises(InvalidKeyError):
        seal(b"m", domain="alert", sender=SENDER, recipients=pubs)
    with pytest.raises(InvalidKeyError):
        seal(b"m", domain="alert", sender=SENDER, recipients=[])
    with pytest.raises(InvalidKeyError):
        seal(b"m", domain="alert", sender=SENDER, recipients=[MODS[0].public(), MODS[0].public()])
    with pytest.raises(InvalidKeyError):
        seal(b"m", domain="", sender=SENDER, recipients=[MODS[0].public()])
    with pytest.raises(InvalidKeyError):
        seal(b"m", domain="d" * 65, sender=SENDER, recipients=[MODS[0].public()])
    with pytest.raises(InvalidKeyError):
        seal(bytes(MAX_PLAINTEXT + 1), domain="alert", sender=SENDER, recipients=[MODS[0].public()])
    full = seal(bytes(MAX_PLAINTEXT), domain="alert", sender=SENDER, recipients=[MODS[0].public()])
    assert open_sealed(bytes(full), domain="alert", recipient=MODS[0])[1] == bytes(MAX_PLAINTEXT)


def test_low_order_recipient_key_is_refused_at_seal_time() -> None:
    bad = IdentityPublic(MODS[0].public().signing, type(MODS[0].public().agreement)(bytes(32)))
    with pytest.raises(InvalidKeyError):
        seal(b"m", domain="alert", sender=SENDER, recipients=[bad])


def test_fresh_randomness_per_message() -> None:
    a, b = _alert(), _alert()
    assert a.ephemeral != b.ephemeral and a.body != b.body


def test_committed_vectors_open_and_match_the_documented_construction() -> None:
    data = json.loads((VECTORS / "sealed.json").read_text())
    seeds = {n: IdentityKeyPair.from_seed(bytes.fromhex(s)) for n, s in data["identity_seeds"].items()}
    for case in data["messages"]:
        wire = bytes.fromhex(case["wire"])
        message = SealedMessage.from_bytes(wire)
        assert message.header().hex() == case["header"]
        eph = X25519PrivateKey(bytes.fromhex(case["ephemeral_private"]))
        assert bytes(eph.public_key()).hex() == case["ephemeral_public"] == bytes(message.ephemeral).hex()
        for i, r in enumerate(case["recipients"]):
            ident = seeds[r["recipient"]]
            sender, plaintext = open_sealed(wire, domain=case["domain"], recipient=ident)
            assert sender == seeds[case["sender"]].public() and plaintext.hex() == case["plaintext"]
            shared = x25519(bytes(eph), bytes(ident.public().agreement))
            assert shared.hex() == r["shared"]
            key = wrap_key(shared, message.ephemeral, ident.public().agreement, case["domain"])
            assert key.hex() == r["wrap_key"]
            entry = message.entries[i]
            assert aead_decrypt(key, entry.nonce, entry.ciphertext, message.header()).hex() == case["content_key"]
        sender_pub = seeds[case["sender"]].public()
        sender_pub.signing.verify(SIGNATURE_DOMAIN + message.signed_part(), message.signature)
