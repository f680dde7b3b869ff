"""The transcript a client signs to authenticate a websocket connection.

transcript = b"haven-auth-v1\\x00" || challenge (32) || len(server_id) (1) || server_id (UTF-8)
             || client time in ms (8, big-endian) || account id (32 ASCII hex characters)

Binding the server id stops a signature made for one deployment from opening a session on another; the
challenge is fresh per connection, so a captured answer cannot be replayed on a new connection.
"""

from __future__ import annotations

from crypto.errors import DecryptionError, InvalidKeyError
from crypto.keys import Ed25519PrivateKey, Ed25519PublicKey
from crypto.primitives import hmac_sha256

AUTH_DOMAIN = b"haven-auth-v1\x00"
CHALLENGE_BYTES = 32


def auth_transcript(challenge: bytes, server_id: str, time_ms: int, account_id: str) -> bytes:
    if len(challenge) != CHALLENGE_BYTES:
        raise InvalidKeyError("challenge must be 32 bytes")
    server = server_id.encode("utf-8")
    if len(server) > 255:
        raise InvalidKeyError("server id too long")
    return (
        AUTH_DOMAIN
        + challenge
        + len(server).to_bytes(1, "big")
        + server
        + time_ms.to_bytes(8, "big")
        + account_id.encode("ascii")
    )


def sign_auth(signing: Ed25519PrivateKey, challenge: bytes, server_id: str, time_ms: int, account_id: str) -> bytes:
    return signing.sign(auth_transcript(challenge, server_id, time_ms, account_id))


def verify_auth(
    signing_public: bytes, signature: bytes, challenge: bytes, server_id: str, time_ms: int, account_id: str
) -> bool:
    try:
        Ed25519PublicKey(signing_public).verify(auth_transcript(challenge, server_id, time_ms, account_id), signature)
    except (DecryptionError, InvalidKeyError):
        return False
    return True


BOOTSTRAP_DOMAIN = b"haven-bootstrap-v1\x00"


def bootstrap_proof(server_secret: bytes, account_id: str) -> bytes:
    """Proof that whoever makes the first admin can read the server's secret, i.e. runs the deployment.

    HMAC-SHA256(server_secret, b"haven-bootstrap-v1\\x00" || account id ASCII). Accepted only while no admin exists.
    """
    return hmac_sha256(server_secret, BOOTSTRAP_DOMAIN + account_id.encode("ascii"))
