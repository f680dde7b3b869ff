from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

import pytest

from crypto.encoding import lp, u64
from crypto.errors import DecryptionError, InvalidKeyError
from crypto.franking import (
    RELAY_DOMAIN,
    REPORT_VERSION,
    FrankingReport,
    ciphertext_hash,
    commit,
    new_franking_key,
    open_commitment,
    relay_tag,
    verify_relay_tag,
    verify_report,
)

SECRET = b"s" * 32
MID = b"m" * 16
SENDER = "885719260d7111b432dea986ccfab92c"
VICTIM = "0123456789abcdef0123456789abcdef"
CONV = "conversation-1"
SEQ = 17
TIME = 1_700_000_000_123
VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "franking.json"


def _tag(
    ciphertext: bytes, commitment: bytes, *, sender: str = SENDER, conv: str = CONV, seq: int = SEQ, time: int = TIME
) -> bytes:
    return relay_tag(
        SECRET, commitment, ciphertext, sender_account_id=sender, conversation_id=conv, seq=seq, server_time=time
    )


def _report() -> tuple[FrankingReport, bytes]:
    fk = new_franking_key()
    c = commit(fk, MID, SENDER, CONV, b"the message")
    ciphertext = b"\x01" + b"c" * 80
    report = FrankingReport.build(
        message_id=MID,
        sender_account_id=SENDER,
        conversation_id=CONV,
        seq=SEQ,
        plaintext=b"the message",
        franking_key=fk,
        commitment=c,
        ciphertext=ciphertext,
        server_time=TIME,
        tag=_tag(ciphertext, c),
    )
    return report, ciphertext


def test_honest_report_verifies() -> None:
    report, ciphertext = _report()
    open_commitment(report.franking_key, report.commitment, MID, SENDER, CONV, b"the message")
    verify_relay_tag(
        SECRET,
        report.commitment,
        ciphertext,
        report.tag,
        sender_account_id=SENDER,
        conversation_id=CONV,
        seq=SEQ,
        server_time=TIME,
    )
    again = FrankingReport.from_bytes(bytes(report))
    assert (again.seq, again.sender_account_id, again.server_time) == (SEQ, SENDER, TIME)
    verify_report(SECRET, again)
    assert b"the message".hex() not in repr(again)


def _flip(value: bytes) -> bytes:
    return bytes([value[0] ^ 1]) + value[1:]


@pytest.mark.parametrize(
    "field",
    [
        "plaintext",
        "commitment",
        "ciphertext_hash",
        "tag",
        "franking_key",
        "message_id",
        "server_time",
        "seq",
        "conversation_id",
        "sender_account_id",
    ],
)
def test_any_tampered_field_fails(field: str) -> None:
    report, _ = _report()
    value = getattr(report, field)
    if isinstance(value, bytes):
        setattr(report, field, _flip(value))
    elif isinstance(value, int):
        setattr(report, field, value + 1)
    else:
        setattr(report, field, value + "x")
    with pytest.raises(DecryptionError):
        verify_report(SECRET, report)


def test_the_tag_names_the_relayed_sender_not_the_committed_one() -> None:
    """The attack of issue 10 item 1 at the crypto layer: an informer commits over the victim's account id; the
    relay tags it with the informer's (authenticated) account. A report claiming the victim opens the commitment
    but does not verify; only the truth (the informer) matches the tag."""
    fk = new_franking_key()
    words = b"I have a gun and I will kill myself tonight"
    c = commit(fk, MID, VICTIM, CONV, words)
    junk = b"\x00" * 64
    tag = _tag(junk, c, sender=SENDER)  # the relay authenticated SENDER, the informer
    claim = FrankingReport.build(
        message_id=MID,
        sender_account_id=VICTIM,
        conversation_id=CONV,
        seq=SEQ,
        plaintext=words,
        franking_key=fk,
        commitment=c,
        ciphertext=junk,
        server_time=TIME,
        tag=tag,
    )
    claim.check_commitment()  # the words open the commitment: that proves nothing about the sender
    with pytest.raises(DecryptionError):
        verify_report(SECRET, claim)
    assert hmac.compare_digest(claim.expected_tag(SECRET), _tag(junk, c, sender=VICTIM))
    assert not hmac.compare_digest(tag, _tag(junk, c, sender=VICTIM))
    with pytest.raises(DecryptionError):
        verify_relay_tag(
            SECRET, c, junk, tag, sender_account_id=VICTIM, conversation_id=CONV, seq=SEQ, server_time=TIME
        )
    verify_relay_tag(SECRET, c, junk, tag, sender_account_id=SENDER, conversation_id=CONV, seq=SEQ, server_time=TIME)


def test_the_tag_binds_the_seq() -> None:
    report, ciphertext = _report()
    for seq in (SEQ - 1, SEQ + 1, 0):
        with pytest.raises(DecryptionError):
            verify_relay_tag(
                SECRET,
                report.commitment,
                ciphertext,
                report.tag,
                sender_account_id=SENDER,
                conversation_id=CONV,
                seq=seq,
                server_time=TIME,
            )


def test_tampered_inputs_fail_individually() -> None:
    report, ciphertext = _report()
    kwargs = {"sender_account_id": SENDER, "conversation_id": CONV, "seq": SEQ, "server_time": TIME}
    with pytest.raises(DecryptionError):
        open_commitment(report.franking_key, report.commitment, MID, SENDER, CONV, b"the messagE")
    with pytest.raises(DecryptionError):
        open_commitment(report.franking_key, _flip(report.commitment), MID, SENDER, CONV, b"the message")
    with pytest.raises(DecryptionError):
        verify_relay_tag(SECRET, report.commitment, _flip(ciphertext), report.tag, **kwargs)
    with pytest.raises(DecryptionError):
        verify_relay_tag(SECRET, report.commitment, ciphertext, _flip(report.tag), **kwargs)
    with pytest.raises(DecryptionError):
        verify_relay_tag(b"t" * 32, report.commitment, ciphertext, report.tag, **kwargs)
    with pytest.raises(DecryptionError):
        verify_report(b"t" * 32, report)


def test_version_1_reports_and_bad_ranges_are_refused() -> None:
    report, _ = _report()
    encoded = bytes(report)
    assert encoded[0] == REPORT_VERSION == 2
    with pytest.raises(InvalidKeyError):
        FrankingReport.from_bytes(b"\x01" + encoded[1:])
    with pytest.raises(InvalidKeyError):
        FrankingReport.from_bytes(encoded + b"\x00")
    with pytest.raises(InvalidKeyError):
        relay_tag(
            SECRET, report.commitment, b"c", sender_account_id=SENDER, conversation_id=CONV, seq=-1, server_time=TIME
        )
    with pytest.raises(InvalidKeyError):
        relay_tag(
            b"short", report.commitment, b"c", sender_account_id=SENDER, conversation_id=CONV, seq=SEQ, server_time=TIME
        )


def test_vectors_record_every_input_and_reproduce_with_the_stdlib() -> None:
    """A second implementation needs only the recorded inputs, BLAKE2b and HMAC-SHA256 (hashlib, hmac)."""
    v = json.loads(VECTORS.read_text())
    h = bytes.fromhex
    assert v["version"] == {
        "commit_domain": "haven-franking-commit-v1",
        "relay_domain": RELAY_DOMAIN.decode(),
        "report_version": REPORT_VERSION,
    }
    commitment = hashlib.blake2b(h(v["commit_input"]), digest_size=32, key=h(v["franking_key"])).digest()
    assert commitment.hex() == v["commitment"]
    assert hashlib.blake2b(h(v["ciphertext"]), digest_size=32).digest().hex() == v["ciphertext_hash"]
    assert ciphertext_hash(h(v["ciphertext"])).hex() == v["ciphertext_hash"]
    tag_input = (
        lp(RELAY_DOMAIN)
        + lp(commitment)
        + lp(h(v["ciphertext_hash"]))
        + lp(v["sender_account_id"].encode())
        + lp(v["conversation_id"].encode())
        + u64(v["seq"])
        + u64(v["server_time"])
    )
    assert tag_input.hex() == v["tag_input"]
    assert hmac.new(h(v["server_secret"]), tag_input, "sha256").hexdigest() == v["tag"]
    report = FrankingReport.from_bytes(h(v["report"]))
    assert (report.sender_account_id, report.conversation_id, report.seq, report.server_time) == (
        v["sender_account_id"],
        v["conversation_id"],
        v["seq"],
        v["server_time"],
    )
    verify_report(h(v["server_secret"]), report)
    other = v["other_sender"]
    assert other["tag"] != v["tag"]
    assert (
        relay_tag(
            h(v["server_secret"]),
            commitment,
            h(v["ciphertext"]),
            sender_account_id=other["sender_account_id"],
            conversation_id=v["conversation_id"],
            seq=v["seq"],
            server_time=v["server_time"],
        ).hex()
        == other["tag"]
    )
