"""Seal to many: every recipient opens, nobody else does, and any change to the wire is the one opaque error.

Version 2 (sealed sender, what `seal` writes) and version 1 (read only: stored alerts) both; the version-2 tests
show the wire names nobody and that the inner signature binds every field."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crypto.errors import DecryptionError, InvalidKeyError
from crypto.keys import IdentityKeyPair, IdentityPublic, X25519PrivateKey
from crypto.primitives import aead_decrypt, aead_encrypt, x25519
from crypto.rng import deterministic_rng
from crypto.sealed import (
    MAX_PLAINTEXT,
    MAX_RECIPIENTS,
    SIGNATURE_DOMAIN,
    VERSION,
    SealedMessage,
    SealedMessageV2,
    WrappedKey,
    open_sealed,
    parse_sealed,
    seal,
    seal_v1,
    signed_v2,
    wrap_key,
)

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
RNG = deterministic_rng(b"test-crypto-sealed-identities")
SENDER = IdentityKeyPair.generate(RNG)
MODS = [IdentityKeyPair.generate(RNG) for _ in range(4)]
OUTSIDER = IdentityKeyPair.generate(RNG)


def _alert(plaintext: bytes = b"crisis: severity 3") -> SealedMessageV2:
    return seal(plaintext, domain="alert", sender=SENDER, recipients=[m.public() for m in MODS])


def _alert_v1(plaintext: bytes = b"crisis: severity 3") -> SealedMessage:
    return seal_v1(plaintext, domain="alert", sender=SENDER, recipients=[m.public() for m in MODS])


def _sender_encodings(identity: IdentityPublic) -> list[bytes]:
    """The sender's identity keys as any client might write them: raw, hex, base64 and base64url."""
    found = []
    for raw in (bytes(identity), bytes(identity.signing), bytes(identity.agreement)):
        found += [raw, raw.hex().encode(), base64.b64encode(raw), base64.urlsafe_b64encode(raw).rstrip(b"=")]
    return found


@pytest.mark.parametrize("make", [_alert, _alert_v1], ids=["v2", "v1"])
def test_every_recipient_opens_and_learns_the_sender(make: Callable[[], SealedMessage | SealedMessageV2]) -> None:
    message = make()
    wire = bytes(message)
    for mod in MODS:
        sender, plaintext = open_sealed(wire, domain="alert", recipient=mod)
        assert sender == SENDER.public() and plaintext == b"crisis: severity 3"
    assert open_sealed(message, domain="alert", recipient=MODS[0])[1] == b"crisis: severity 3"
    assert message.recipients == tuple(m.public().agreement for m in MODS)
    assert message.is_recipient(MODS[2].public()) and not message.is_recipient(OUTSIDER.public())
    assert type(parse_sealed(wire)) is type(message)


def test_version_2_names_nobody_and_version_1_did() -> None:
    """The point of version 2: no encoding of the sealer's identity anywhere in the wire. The same check finds it in
    version 1, so it is not vacuous."""
    v2, v1 = bytes(_alert()), bytes(_alert_v1())
    assert not [e for e in _sender_encodings(SENDER.public()) if e in v2]
    assert bytes(SENDER.public()) in v1
    assert repr(_alert()) == "SealedMessageV2(domain='alert', recipients=4)"


def test_round_trip_encoding_and_layout() -> None:
    message = _alert(b"x" * 10)
    wire = bytes(message)
    assert bytes(SealedMessageV2.from_bytes(wire)) == wire
    header_len = 1 + 4 + len(b"alert") + 32 + 2 + 32 * len(MODS)
    assert len(message.header()) == header_len
    assert len(wire) == header_len + 72 * len(MODS) + 24 + 64 + 64 + 10 + 16
    assert wire[0] == 2
    assert "crisis" not in repr(message) and "x" * 10 not in repr(message)
    old = _alert_v1(b"x" * 10)
    assert bytes(SealedMessage.from_bytes(bytes(old))) == bytes(old)
    header_v1 = 1 + 4 + len(b"alert") + 64 + 32 + 2 + 32 * len(MODS)
    assert len(old.header()) == header_v1 and len(bytes(old)) == header_v1 + 72 * len(MODS) + 24 + 10 + 16 + 64
    assert bytes(old)[0] == 1 and len(bytes(old)) == len(wire)
    with pytest.raises(DecryptionError):
        SealedMessageV2.from_bytes(bytes(old))
    with pytest.raises(DecryptionError):
        SealedMessage.from_bytes(wire)
    with pytest.raises(DecryptionError):
        parse_sealed(b"\x03" + wire[1:])


def test_sender_can_include_itself() -> None:
    message = seal(b"note", domain="session-note", sender=SENDER, recipients=[SENDER.public(), MODS[0].public()])
    assert open_sealed(bytes(message), domain="session-note", recipient=SENDER)[1] == b"note"


@pytest.mark.parametrize("make", [_alert, _alert_v1], ids=["v2", "v1"])
def test_not_a_recipient_and_wrong_domain_fail_opaquely(make: Callable[[], SealedMessage | SealedMessageV2]) -> None:
    wire = bytes(make())
    with pytest.raises(DecryptionError) as outsider:
        open_sealed(wire, domain="alert", recipient=OUTSIDER)
    with pytest.raises(DecryptionError) as domain:
        open_sealed(wire, domain="session-note", recipient=MODS[0])
    with pytest.raises(DecryptionError):
        open_sealed(wire, domain="", recipient=MODS[0])
    assert str(outsider.value) == str(domain.value) == "decryption failed"


@pytest.mark.parametrize("make", [_alert, _alert_v1], ids=["v2", "v1"])
def test_truncation_fails_at_every_length(make: Callable[[bytes], SealedMessage | SealedMessageV2]) -> None:
    wire = bytes(make(b"short"))
    for cut in range(len(wire)):
        with pytest.raises(DecryptionError):
            open_sealed(wire[:cut], domain="alert", recipient=MODS[1])
    with pytest.raises(DecryptionError):
        open_sealed(wire + b"\x00", domain="alert", recipient=MODS[1])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_any_bit_flip_fails(data: st.DataObject) -> None:
    v2 = data.draw(st.booleans())
    wire = bytearray(bytes(_alert(b"flip me")) if v2 else bytes(_alert_v1(b"flip me")))
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


def test_v1_signature_binds_the_sender() -> None:
    """Version 1: an insider (a recipient knows the content key) cannot make the message appear to come from
    someone else: re-signing under another name changes the header, which is the AEAD associated data."""
    message = _alert_v1()
    forged = _resign(message, MODS[0], sender=MODS[0].public())
    with pytest.raises(DecryptionError):
        open_sealed(bytes(forged), domain="alert", recipient=MODS[1])
    with pytest.raises(DecryptionError):  # same sender field, wrong signer
        open_sealed(bytes(_resign(message, MODS[0])), domain="alert", recipient=MODS[1])
    assert open_sealed(bytes(_resign(message, SENDER)), domain="alert", recipient=MODS[1])[1] == b"crisis: severity 3"


def test_v1_signature_is_checked_before_unwrapping() -> None:
    """Version 1: dropping a recipient or reordering entries (the server trying to learn who the moderators are
    by provoking errors) is refused by the signature, not by the AEAD."""
    message = _alert_v1()
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
    assert len(SealedMessageV2.from_bytes(bytes(big)).recipients) == MAX_RECIPIENTS
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


# --- version 2: what the inner signature binds -------------------------------------------------------------------
V2_FIELDS = ["version", "domain", "ephemeral", "count", "recipient", "entry_nonce", "entry_wrapped", "nonce", "body"]


def _field_offset(message: SealedMessageV2, field: str) -> int:
    """The offset of one byte inside `field` of the wire (the last recipient / entry, to reach past the first)."""
    header = len(message.header())
    entries = header + 72 * len(message.recipients)
    return {
        "version": 0,
        "domain": 1 + 4 + 1,
        "ephemeral": 1 + 4 + 5 + 7,
        "count": 1 + 4 + 5 + 32 + 1,
        "recipient": header - 3,
        "entry_nonce": entries - 72 + 5,
        "entry_wrapped": entries - 1,
        "nonce": entries + 10,
        "body": entries + 24 + 100,
    }[field]


@pytest.mark.parametrize("field", V2_FIELDS)
def test_v2_tampering_with_any_field_fails_for_every_recipient(field: str) -> None:
    message = _alert()
    wire = bytearray(bytes(message))
    wire[_field_offset(message, field)] ^= 1
    for mod in MODS:
        with pytest.raises(DecryptionError):
            open_sealed(bytes(wire), domain="alert", recipient=mod)


def _v2_with_inner(message: SealedMessageV2, content_key: bytes, inner: bytes, **changes: object) -> SealedMessageV2:
    """What an insider who knows the content key can build: the same header and entries (or `changes`), any body."""
    fields: dict[str, object] = {
        "domain": message.domain,
        "ephemeral": message.ephemeral,
        "recipients": message.recipients,
        "entries": message.entries,
        "nonce": message.nonce,
    }
    fields.update(changes)
    draft = SealedMessageV2(body=bytes(200), **fields)  # type: ignore[arg-type]
    body = aead_encrypt(content_key, draft.nonce, inner, draft.header() + draft.entries_part())
    return SealedMessageV2(body=body, **fields)  # type: ignore[arg-type]


def _content_key(message: SealedMessageV2, mod: IdentityKeyPair) -> bytes:
    own = mod.public().agreement
    index = message.recipients.index(own)
    shared = x25519(bytes(mod.agreement), bytes(message.ephemeral))
    entry = message.entries[index]
    return aead_decrypt(
        wrap_key(shared, message.ephemeral, own, "alert", 2), entry.nonce, entry.ciphertext, message.header()
    )


def test_v2_insider_cannot_name_someone_else() -> None:
    """A moderator (a recipient: it knows the content key) rewrites the body: naming the sender with its own
    signature, or the real sender's signature over another plaintext, both fail. Signing as itself works — and
    then the message names the moderator, not the member."""
    message = _alert()
    insider = MODS[0]
    key = _content_key(message, insider)
    sender = SENDER.public()
    plaintext = b"crisis: severity 4"
    header, entries = message.header(), message.entries_part()
    own_signature = insider.signing.sign(signed_v2(header, entries, message.nonce, sender, plaintext))
    forged = _v2_with_inner(message, key, bytes(sender) + own_signature + plaintext)
    real_signature = SENDER.signing.sign(signed_v2(header, entries, message.nonce, sender, b"crisis: severity 3"))
    swapped_text = _v2_with_inner(message, key, bytes(sender) + real_signature + plaintext)
    for attempt in (forged, swapped_text):
        with pytest.raises(DecryptionError):
            open_sealed(bytes(attempt), domain="alert", recipient=MODS[1])
    honest = insider.signing.sign(signed_v2(header, entries, message.nonce, insider.public(), plaintext))
    as_itself = _v2_with_inner(message, key, bytes(insider.public()) + honest + plaintext)
    assert open_sealed(bytes(as_itself), domain="alert", recipient=MODS[1]) == (insider.public(), plaintext)


def _outer(recipients: list[IdentityKeyPair], inner: Callable[[bytes, bytes, bytes], bytes]) -> SealedMessageV2:
    """A well-formed version-2 outer layer (fresh ephemeral key, content key, entries) around whatever inner
    `inner(header, entries, nonce)` returns: what anyone who holds a member's inner (an insider) can build."""
    eph = X25519PrivateKey.generate()
    keys = [r.public().agreement for r in recipients]
    content_key = bytes(range(32))
    placeholders = [WrappedKey(bytes(24), bytes(48)) for _ in keys]
    header = SealedMessageV2(
        domain="alert",
        ephemeral=eph.public_key(),
        recipients=keys,
        entries=placeholders,
        nonce=bytes(24),
        body=bytes(200),
    ).header()
    entries = []
    for key in keys:
        wrap = wrap_key(x25519(bytes(eph), bytes(key)), eph.public_key(), key, "alert", 2)
        entries.append(WrappedKey(bytes(24), aead_encrypt(wrap, bytes(24), content_key, header)))
    entries_part = b"".join(bytes(e) for e in entries)
    body = aead_encrypt(content_key, bytes(24), inner(header, entries_part, bytes(24)), header + entries_part)
    return SealedMessageV2(
        domain="alert", ephemeral=eph.public_key(), recipients=keys, entries=entries, nonce=bytes(24), body=body
    )


def test_v2_signature_cannot_be_lifted_to_other_recipients() -> None:
    """The member's (sender, signature, plaintext), taken from a message an insider opened, put in a new outer layer
    with other recipients (fewer, reordered) fails: the signature covers the header and entries. The same outer
    layer with a signature over it opens, so only the signature refuses the lifted one."""
    message = _alert()
    _, plaintext = open_sealed(bytes(message), domain="alert", recipient=MODS[0])
    signature = SENDER.signing.sign(
        signed_v2(message.header(), message.entries_part(), message.nonce, SENDER.public(), plaintext)
    )
    lifted = bytes(SENDER.public()) + signature + plaintext

    def resigned(header: bytes, entries: bytes, nonce: bytes) -> bytes:
        fresh = SENDER.signing.sign(signed_v2(header, entries, nonce, SENDER.public(), plaintext))
        return bytes(SENDER.public()) + fresh + plaintext

    for recipients in (MODS[:3], MODS[::-1]):
        with pytest.raises(DecryptionError):
            open_sealed(bytes(_outer(recipients, lambda *_: lifted)), domain="alert", recipient=MODS[0])
        control = _outer(recipients, resigned)
        assert open_sealed(bytes(control), domain="alert", recipient=MODS[0]) == (SENDER.public(), plaintext)


def test_v2_and_v1_of_the_same_content_both_open_to_the_same_answer() -> None:
    for mod in MODS:
        assert open_sealed(bytes(_alert()), domain="alert", recipient=mod) == open_sealed(
            bytes(_alert_v1()), domain="alert", recipient=mod
        )
    assert wrap_key(bytes(32), MODS[0].public().agreement, MODS[1].public().agreement, "alert", VERSION) != wrap_key(
        bytes(32), MODS[0].public().agreement, MODS[1].public().agreement, "alert", 2
    )
