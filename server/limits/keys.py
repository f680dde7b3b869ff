"""Redis key names for shared limits. A bucket's name is a keyed hash of the limit and the identity, never the
identity itself: whoever reads Redis (a dump, `MONITOR`, a seized cache) learns neither who was active nor who
fetched whose prekeys, and without the server secret cannot test a guessed account id against the keys."""

from __future__ import annotations

import hashlib
import hmac

DOMAIN = b"haven/ratelimit-key/v1\x00"


class LimitKeys:
    def __init__(self, prefix: str, server_secret: bytes) -> None:
        self._prefix = prefix
        # A subkey of its own, so these hashes never equal an HMAC the server computes elsewhere.
        self._secret = hmac.new(server_secret, DOMAIN, hashlib.sha256).digest()

    def bucket(self, limit: str, key: str) -> str:
        digest = hmac.new(self._secret, limit.encode() + b"\x00" + key.encode(), hashlib.sha256).hexdigest()
        # 128 bits: collisions (two identities sharing a bucket) are out of reach for any realistic user count.
        return f"{self._prefix}:limit:{limit}:{digest[:32]}"

    def difficulty(self, lane: str) -> str:
        """One key per lane (registration, a help lane): a deployment-wide count, no identity in it."""
        return f"{self._prefix}:pow:{lane}"

    def pattern(self) -> str:
        """Every key of this deployment's limits (for tests and operators: `SCAN MATCH`)."""
        return f"{self._prefix}:limit:*"
