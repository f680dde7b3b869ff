from __future__ import annotations

import pytest

from crypto.errors import DecryptionError
from crypto.franking import (
    FrankingReport,
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
CONV = "conversation-1"
TIME = 1_700_000_000_123


def _report() -> tuple[FrankingReport, bytes]:
    fk = new_franking_key()
    c = commit(fk, MID, SENDER, CONV, b"the message")
    ciphertext = b"\x01" + b"c" * 80
    tag = relay_tag(SECRET, c, ciphertext, CONV, TIME)
    report = FrankingReport.build(message_id=MID, sender_account_id=SENDER, conversation_id=CONV,
                                  plaintext=b"the message", franking_key=fk, commitment=c, ciphertext=ciphertext,
                                  server_time=TIME, tag=tag)
    return report, ciphertext


def test_honest_report_verifies() -> None:
    report, ciphertext = _report()
    open_commitment(report.franking_key, report.commitment, MID, SENDER, CONV, b"the message")
    verify_relay_tag(SECRET, report.commitment, ciphertext, CONV, TIME, report.tag)
    again = FrankingReport.from_bytes(bytes(report))
    verify_report(SECRET, again)
    assert b"the message".hex() not in repr(again)


def _flip(value: bytes) -> bytes:
    return bytes([value[0] ^ 1]) + value[1:]


@pytest.mark.parametrize("field", ["plaintext", "commitment", "ciphertext_hash", "tag", "franking_key",
                                   "message_id", "server_time", "conversation_id", "sender_account_id"])
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


def test_tampered_inputs_fail_individually() -> None:
    report, ciphertext = _report()
    with pytest.raises(DecryptionError):
        open_commitment(report.franking_key, report.commitment, MID, SENDER, CONV, b"the messagE")
    with pytest.raises(DecryptionError):
        open_commitment(report.franking_key, _flip(report.commitment), MID, SENDER, CONV, b"the message")
    with pytest.raises(DecryptionError):
        verify_relay_tag(SECRET, report.commitment, _flip(ciphertext), CONV, TIME, report.tag)
    with pytest.raises(DecryptionError):
        verify_relay_tag(SECRET, report.commitment, ciphertext, CONV, TIME, _flip(report.tag))
    with pytest.raises(DecryptionError):
        verify_relay_tag(b"t" * 32, report.commitment, ciphertext, CONV, TIME, report.tag)
    with pytest.raises(DecryptionError):
        verify_report(b"t" * 32, report)
