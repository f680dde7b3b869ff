"""The connection protocol as a state machine with no I/O: text in, events and frames out.

The websocket loop (server/ws/) feeds it every inbound message and acts on the events it returns; tests drive
it directly without a socket. Time and the challenge are passed in, so every transition is reproducible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum, auto

from pydantic import ValidationError

from crypto.auth import verify_auth
from server.protocol import frames
from server.protocol.errors import CLOSE_AUTH_FAILED, CLOSE_POLICY, ErrorCode
from server.ratelimit import TokenBucket


class State(Enum):
    AWAITING_AUTH = auto()
    AUTHENTICATING = auto()
    AUTHENTICATED = auto()
    CLOSED = auto()


@dataclass(frozen=True, slots=True)
class Outbound:
    frame: str


@dataclass(frozen=True, slots=True)
class Close:
    code: int
    reason: str


@dataclass(frozen=True, slots=True)
class AuthRequested:
    """Look up the account's signing key, then call `complete_auth`."""

    account: str


@dataclass(frozen=True, slots=True)
class Authenticated:
    account: str


@dataclass(frozen=True, slots=True)
class SendRequested:
    conversation: str
    client_id: bytes
    ciphertext: bytes
    commitment: bytes | None = None


@dataclass(frozen=True, slots=True)
class AckRequested:
    conversation: str
    seq: int


@dataclass(frozen=True, slots=True)
class ResumeRequested:
    after: dict[str, int]


Event = Outbound | Close | AuthRequested | Authenticated | SendRequested | AckRequested | ResumeRequested

# pydantic error types that map to their own wire code; anything else is invalid_frame.
_ERROR_TYPE_CODES = {"bad_base64": ErrorCode.BAD_BASE64, "bad_length": ErrorCode.BAD_LENGTH}
# Failed authentication attempts a connection may make before it is closed.
MAX_AUTH_FAILURES = 3


def error(code: ErrorCode, message: str, ref: str | None = None, fatal: bool = False) -> Outbound:
    return Outbound(frames.error_frame(code.value, message, ref, fatal))


class ConnectionProtocol:
    def __init__(
        self,
        *,
        server_id: str,
        challenge: bytes,
        now_ms: int,
        max_frame_bytes: int,
        clock_skew_ms: int,
        frames_per_second: float,
        frame_burst: int,
    ) -> None:
        self.server_id = server_id
        self.state = State.AWAITING_AUTH
        self.account: str | None = None
        self._challenge = challenge
        self._max_frame_bytes = max_frame_bytes
        self._clock_skew_ms = clock_skew_ms
        self._pending_auth: frames.AuthFrame | None = None
        self._auth_failures = 0
        self._frame_bucket = TokenBucket(frames_per_second, frame_burst, now_ms / 1000.0)
        self.greeting = frames.challenge_frame(challenge, server_id, now_ms, max_frame_bytes)

    # --- inbound -------------------------------------------------------------------------------------------
    def receive(self, data: str | bytes, now_ms: int) -> list[Event]:
        if self.state is State.CLOSED:
            return []
        if not self._frame_bucket.take(now_ms / 1000.0):
            return [error(ErrorCode.RATE_LIMITED, "too many frames on this connection; slow down")]
        if isinstance(data, bytes):
            return [error(ErrorCode.BINARY_NOT_SUPPORTED, "frames are JSON text")]
        # Checked on the encoded size: that is what the limit protects and what a client can compute.
        if len(data) > self._max_frame_bytes or (
            len(data) * 4 > self._max_frame_bytes and len(data.encode("utf-8", "surrogatepass")) > self._max_frame_bytes
        ):
            return [error(ErrorCode.FRAME_TOO_LARGE, f"frame exceeds {self._max_frame_bytes} bytes")]
        try:
            raw = json.loads(data)
        except (ValueError, RecursionError):
            return [error(ErrorCode.MALFORMED_JSON, "frame is not valid JSON")]
        if not isinstance(raw, dict):
            return [error(ErrorCode.INVALID_FRAME, "frame must be a JSON object")]
        kind = raw.get("type")
        model = frames.INBOUND_TYPES.get(kind) if isinstance(kind, str) else None
        if model is None:
            return [error(ErrorCode.UNKNOWN_TYPE, "unknown frame type")]
        try:
            frame = model.model_validate(raw, strict=True)
        except ValidationError as exc:
            return [self._validation_error(exc, raw)]
        return self._dispatch(frame, now_ms)

    def _validation_error(self, exc: ValidationError, raw: dict[str, object]) -> Outbound:
        first = exc.errors(include_url=False, include_input=False)[0]
        code = _ERROR_TYPE_CODES.get(first["type"], ErrorCode.INVALID_FRAME)
        # Only the top-level field, named by the protocol: deeper parts of the location are keys the client chose.
        location = first["loc"]
        field = "frame" if first["type"] == "extra_forbidden" or not location else str(location[0])
        # The message names the field and the rule, never the value the client sent.
        client_id = raw.get("client_id")
        # Echo the client id so the sender can match the refusal to its request; a longer one is no id.
        ref = client_id if isinstance(client_id, str) and len(client_id) <= 24 else None
        return error(code, f"{field}: {first['type']}", ref=ref)

    def _dispatch(self, frame: frames.InboundFrame, now_ms: int) -> list[Event]:
        if isinstance(frame, frames.PingFrame):
            return [Outbound(frames.pong_frame())]
        if isinstance(frame, frames.AuthFrame):
            return self._on_auth(frame, now_ms)
        if self.state is not State.AUTHENTICATED:
            return [error(ErrorCode.NOT_AUTHENTICATED, "authenticate first")]
        if isinstance(frame, frames.SendFrame):
            return [SendRequested(frame.conversation, frame.client_id, frame.ciphertext, frame.commitment)]
        if isinstance(frame, frames.AckFrame):
            return [AckRequested(frame.conversation, frame.seq)]
        return [ResumeRequested(dict(frame.after))]

    # --- authentication ------------------------------------------------------------------------------------
    def _on_auth(self, frame: frames.AuthFrame, now_ms: int) -> list[Event]:
        if self.state is State.AUTHENTICATED:
            return [error(ErrorCode.ALREADY_AUTHENTICATED, "this connection is already authenticated")]
        if self.state is State.AUTHENTICATING:
            return [error(ErrorCode.INVALID_FRAME, "an authentication is already in progress")]
        if abs(frame.time - now_ms) > self._clock_skew_ms:
            return self._auth_failure(ErrorCode.AUTH_STALE, "signed time is too far from the server's clock")
        self.state = State.AUTHENTICATING
        self._pending_auth = frame
        return [AuthRequested(frame.account)]

    def complete_auth(self, signing_key: bytes | None) -> list[Event]:
        """Finish the authentication `AuthRequested` asked for; `None` means no such account."""
        frame = self._pending_auth
        if self.state is not State.AUTHENTICATING or frame is None:
            return []
        self._pending_auth = None
        self.state = State.AWAITING_AUTH
        if signing_key is None or not verify_auth(
            signing_key, frame.signature, self._challenge, self.server_id, frame.time, frame.account
        ):
            # Unknown account and bad signature look the same, so the server is no oracle for registrations.
            return self._auth_failure(ErrorCode.AUTH_FAILED, "signature does not verify for this account")
        self.state = State.AUTHENTICATED
        self.account = frame.account
        # The challenge is spent: a second auth on this connection cannot reuse it.
        self._challenge = b""
        return [Outbound(frames.ready_frame(frame.account)), Authenticated(frame.account)]

    def _auth_failure(self, code: ErrorCode, message: str) -> list[Event]:
        self._auth_failures += 1
        if self._auth_failures >= MAX_AUTH_FAILURES:
            self.state = State.CLOSED
            return [error(code, message, fatal=True), Close(CLOSE_AUTH_FAILED, "authentication failed")]
        return [error(code, message)]

    def close_for_policy(self, code: ErrorCode, message: str, close_code: int = CLOSE_POLICY) -> list[Event]:
        self.state = State.CLOSED
        return [error(code, message, fatal=True), Close(close_code, code.value)]
