"""The connection protocol as a state machine with no I/O: text in, events and frames out.

The websocket loop (server/ws/) feeds it every inbound message and acts on the events it returns; tests drive
it directly without a socket. Time and the challenge are passed in, so every transition is reproducible.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum, auto

from pydantic import ValidationError

from crypto.auth import verify_auth
from server.ratelimit import TokenBucket
from wire import frames
from wire.codes import CLOSE_AUTH_FAILED, CLOSE_POLICY, ErrorCode


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

# Which field an error echoes as `ref`, per frame type, and the longest value echoed: 24 characters is the base64
# of a 16-byte client id, 32 a conversation id. A longer value is no id the client could be waiting on.
_REF_FIELDS: dict[str, tuple[str, int]] = {"send": ("client_id", 24), "ack": ("conversation", 32)}
# For a frame the server will not parse (over max_frame_bytes, or over the frame rate) the same fields are found
# by a search instead: the first `"name": "value"` whose value holds only base64 characters (hex ids are a subset).
# An unescaped `"name"` followed by `:` can only be a key in JSON, so no parser is needed. Each search runs in C and
# returns its first match (no per-match Python work a hostile frame could multiply); attempts start only at the
# quoted name and read forward through one whitespace run and at most 32 characters, so the cost is linear in a
# frame the websocket layer has already bounded (HAVEN_HARD_FRAME_CEILING_BYTES).
_REF_SCANS = {
    name: re.compile(rf'"{name}"[ \t\n\r]*:[ \t\n\r]*"([A-Za-z0-9+/=]{{1,32}})"')
    for name in ("type", "client_id", "conversation")
}
_REF_CHARS = re.compile(r"[A-Za-z0-9+/=]+")


def _ref_of(raw: dict[str, object]) -> str | None:
    """The `ref` for an error about a parsed frame: its client id (send) or conversation (ack), if short."""
    kind = raw.get("type")
    field = _REF_FIELDS.get(kind) if isinstance(kind, str) else None
    if field is None:
        return None
    value = raw.get(field[0])
    if not isinstance(value, str) or len(value) > field[1] or not _REF_CHARS.fullmatch(value):
        return None
    return value


def _ref_of_unparsed(data: str) -> str | None:
    """The `ref` for a frame refused before parsing: the first match of each field's search (_REF_SCANS)."""
    kind = _REF_SCANS["type"].search(data)
    if kind is None or (field := _REF_FIELDS.get(kind.group(1))) is None:
        return None
    value = _REF_SCANS[field[0]].search(data)
    return None if value is None else _ref_of({"type": kind.group(1), field[0]: value.group(1)})


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
            # Not parsed (a flood must not cost a JSON parse each), but scanned for the id so that the sender can
            # retry exactly the refused send.
            ref = _ref_of_unparsed(data) if isinstance(data, str) else None
            return [error(ErrorCode.RATE_LIMITED, "too many frames on this connection; slow down", ref)]
        if isinstance(data, bytes):
            return [error(ErrorCode.BINARY_NOT_SUPPORTED, "frames are JSON text")]
        # Checked on the encoded size: that is what the limit protects and what a client can compute.
        if len(data) > self._max_frame_bytes or (
            len(data) * 4 > self._max_frame_bytes and len(data.encode("utf-8", "surrogatepass")) > self._max_frame_bytes
        ):
            # The ref lets a client fail the one send that was too big at once instead of waiting for an answer.
            message = f"frame exceeds {self._max_frame_bytes} bytes"
            return [error(ErrorCode.FRAME_TOO_LARGE, message, _ref_of_unparsed(data))]
        try:
            raw = json.loads(data)
        except (ValueError, RecursionError):
            return [error(ErrorCode.MALFORMED_JSON, "frame is not valid JSON")]
        if not isinstance(raw, dict):
            return [error(ErrorCode.INVALID_FRAME, "frame must be a JSON object")]
        kind = raw.get("type")
        model = frames.CLIENT_FRAMES.get(kind) if isinstance(kind, str) else None
        if model is None:
            return [error(ErrorCode.UNKNOWN_TYPE, "unknown frame type")]
        try:
            frame = model.model_validate(raw, strict=True)
        except ValidationError as exc:
            return [self._validation_error(exc, raw)]
        return self._dispatch(frame, now_ms, _ref_of(raw))

    def _validation_error(self, exc: ValidationError, raw: dict[str, object]) -> Outbound:
        first = exc.errors(include_url=False, include_input=False)[0]
        code = _ERROR_TYPE_CODES.get(first["type"], ErrorCode.INVALID_FRAME)
        # Only the top-level field, named by the protocol: deeper parts of the location are keys the client chose.
        location = first["loc"]
        field = "frame" if first["type"] == "extra_forbidden" or not location else str(location[0])
        # The message names the field and the rule, never the value the client sent; the ref echoes the id (as sent)
        # so the sender can match the refusal to its request.
        return error(code, f"{field}: {first['type']}", ref=_ref_of(raw))

    def _dispatch(self, frame: frames.ClientFrame, now_ms: int, ref: str | None) -> list[Event]:
        if isinstance(frame, frames.PingFrame):
            return [Outbound(frames.pong_frame())]
        if isinstance(frame, frames.AuthFrame):
            return self._on_auth(frame, now_ms)
        if self.state is not State.AUTHENTICATED:
            return [error(ErrorCode.NOT_AUTHENTICATED, "authenticate first", ref)]
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
