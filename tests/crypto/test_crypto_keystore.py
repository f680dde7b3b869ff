from __future__ import annotations

import pytest

from crypto.errors import DecryptionError, InvalidKeyError
from crypto.keys import IdentityKeyPair
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN, Keystore


def test_round_trip_and_wrong_passphrase() -> None:
    ident = IdentityKeyPair.generate()
    store = Keystore({"identity": bytes(ident), "session/abc": b"\x01state"})
    sealed = store.seal("correct horse ဘက်ထရီ", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN)
    assert bytes(ident) not in sealed
    opened = Keystore.open(sealed, "correct horse ဘက်ထရီ")
    assert dict(opened) == dict(store)
    assert IdentityKeyPair.from_bytes(opened["identity"]) == ident
    with pytest.raises(DecryptionError) as info:
        Keystore.open(sealed, "wrong")
    assert str(info.value) == "decryption failed"
    assert "identity" in repr(opened) and bytes(ident).hex() not in repr(opened)


def test_tampering_and_limits() -> None:
    sealed = Keystore({"a": b"b"}).seal(b"pw", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN)
    for i in (0, 4, 5, 13, 21, 40, len(sealed) - 1):
        forged = bytearray(sealed)
        forged[i] ^= 1
        with pytest.raises(DecryptionError):
            Keystore.open(bytes(forged), b"pw")
    with pytest.raises(DecryptionError):
        Keystore.open(sealed[:30], b"pw")
    huge = sealed[:13] + (2**40).to_bytes(8, "big") + sealed[21:]
    with pytest.raises(DecryptionError):
        Keystore.open(huge, b"pw")
    with pytest.raises(InvalidKeyError):
        Keystore({}).seal(b"pw", opslimit=0, memlimit=MEMLIMIT_MIN)


def test_nfc_normalised_passphrase() -> None:
    sealed = Keystore({"a": b"b"}).seal("e\u0301", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN)
    assert Keystore.open(sealed, "\u00e9")["a"] == b"b"
