"""The sans-I/O connection state machine, driven directly: no sockets, time and challenge injected."""

from __future__ import annotations

import base64
import json
import secrets
from typing import Any

import pytest
from nacl.signing import SigningKey

from crypto.auth import auth_transcript, sign_auth
from crypto.keys import IdentityKeyPair
from server.protocol.machine import (
    MAX_AUTH_FAILURES,
    AckRequested,
    Authenticated,
    AuthRequested,
    Close,
    ConnectionProtocol,
    Outbound,
    ResumeRequested,
    SendRequested,
    State,
)
from wire.codes import CLOSE_AUTH_FAILED, ErrorCode

SERVER_ID = "haven-test"
NOW = 1_750_000_000_000
SKEW = 120_000
MAX_FRAME = 4096
CONVERSATION = "0123456789abcdef" * 2
MARKER = "ZZ-marker-9f3a-ZZ"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def make(
    *,
    challenge: bytes | None = None,
    now: int = NOW,
    max_frame_bytes: int = MAX_FRAME,
    skew: int = SKEW,
    fps: float = 1000.0,
    burst: int = 1000,
    server_id: str = SERVER_ID,
) -> ConnectionProtocol:
    return ConnectionProtocol(
        server_id=server_id,
        challenge=challenge if challenge is not None else secrets.token_bytes(32),
        now_ms=now,
        max_frame_bytes=max_frame_bytes,
        clock_skew_ms=skew,
        frames_per_second=fps,
        frame_burst=burst,
    )


class Identity:
    def __init__(self) -> None:
        self.key = SigningKey.generate()
        self.account = secrets.token_hex(16)

    @property
    def public(self) -> bytes:
        return bytes(self.key.verify_key)


def sign(key: SigningKey, challenge: bytes, server_id: str, time_ms: int, account: str) -> bytes:
    """Ed25519 over the auth transcript, made with PyNaCl directly: independent of the client's signer."""
    return bytes(key.sign(auth_transcript(challenge, server_id, time_ms, account)).signature)


def challenge_of(protocol: ConnectionProtocol) -> bytes:
    return base64.b64decode(json.loads(protocol.greeting)["challenge"])


def auth_frame(
    identity: Identity,
    challenge: bytes,
    *,
    time_ms: int = NOW,
    server_id: str = SERVER_ID,
    account: str | None = None,
    signed_account: str | None = None,
    key: SigningKey | None = None,
) -> str:
    """An auth frame claiming `account`, whose signature covers `signed_account` (both default to the identity)."""
    signature = sign(key or identity.key, challenge, server_id, time_ms, signed_account or identity.account)
    return json.dumps(
        {"type": "auth", "account": account or identity.account, "time": time_ms, "signature": b64(signature)}
    )


def decode(event: Any) -> dict[str, Any]:
    assert isinstance(event, Outbound), event
    frame: dict[str, Any] = json.loads(event.frame)
    return frame


def single_error(events: list[Any]) -> dict[str, Any]:
    assert len(events) == 1, events
    frame = decode(events[0])
    assert frame["type"] == "error"
    return frame


def assert_error(events: list[Any], code: ErrorCode, *, fatal: bool = False) -> dict[str, Any]:
    frame = single_error(events)
    assert frame["code"] == code.value
    assert frame["fatal"] is fatal
    assert isinstance(frame["message"], str)
    assert frame["message"]
    return frame


def authenticated(now: int = NOW, **kwargs: Any) -> tuple[ConnectionProtocol, Identity]:
    protocol = make(now=now, **kwargs)
    identity = Identity()
    events = protocol.receive(auth_frame(identity, challenge_of(protocol), time_ms=now), now)
    assert events == [AuthRequested(identity.account)]
    events = protocol.complete_auth(identity.public)
    assert [type(e) for e in events] == [Outbound, Authenticated]
    return protocol, identity


def ping(protocol: ConnectionProtocol, now: int = NOW) -> None:
    events = protocol.receive('{"type":"ping"}', now)
    assert len(events) == 1
    assert decode(events[0]) == {"type": "pong"}


def send_frame(**overrides: Any) -> dict[str, Any]:
    frame: dict[str, Any] = {
        "type": "send",
        "conversation": CONVERSATION,
        "client_id": b64(b"\x01" * 16),
        "ciphertext": b64(b"opaque"),
    }
    frame.update(overrides)
    return frame


def assert_still_usable(protocol: ConnectionProtocol, now: int = NOW) -> None:
    """After a non-fatal error: ping answers and, when authenticated, a valid send still goes through."""
    ping(protocol, now)
    if protocol.state is State.AUTHENTICATED:
        events = protocol.receive(json.dumps(send_frame()), now)
        assert events == [SendRequested(CONVERSATION, b"\x01" * 16, b"opaque")]


# --- greeting and authentication ---------------------------------------------------------------------------


def test_greeting_is_a_challenge_frame() -> None:
    challenge = secrets.token_bytes(32)
    protocol = make(challenge=challenge, max_frame_bytes=5000)
    assert json.loads(protocol.greeting) == {
        "type": "challenge",
        "challenge": b64(challenge),
        "server_id": SERVER_ID,
        "server_time": NOW,
        "max_frame_bytes": 5000,
    }
    assert protocol.state is State.AWAITING_AUTH
    assert protocol.account is None


def test_auth_success_yields_ready_and_authenticated() -> None:
    protocol = make()
    identity = Identity()
    events = protocol.receive(auth_frame(identity, challenge_of(protocol)), NOW)
    assert events == [AuthRequested(identity.account)]
    assert protocol.state is State.AUTHENTICATING
    events = protocol.complete_auth(identity.public)
    assert len(events) == 2
    assert decode(events[0]) == {"type": "ready", "account": identity.account}
    assert events[1] == Authenticated(identity.account)
    assert protocol.state is State.AUTHENTICATED
    assert protocol.account == identity.account
    assert_still_usable(protocol)


def test_answer_made_by_the_client_signer_is_accepted() -> None:
    """crypto.auth.sign_auth, with the key type the client holds, produces what the machine verifies."""
    protocol = make()
    identity = IdentityKeyPair.generate()
    signature = sign_auth(identity.signing, challenge_of(protocol), SERVER_ID, NOW, identity.account_id)
    assert len(signature) == 64
    frame = json.dumps({"type": "auth", "account": identity.account_id, "time": NOW, "signature": b64(signature)})
    assert protocol.receive(frame, NOW) == [AuthRequested(identity.account_id)]
    events = protocol.complete_auth(bytes(identity.signing.public_key()))
    assert events[-1] == Authenticated(identity.account_id)
    # The same signer's answer for another account id does not verify.
    other = make()
    wrong = sign_auth(identity.signing, challenge_of(other), SERVER_ID, NOW, "0" * 32)
    frame = json.dumps({"type": "auth", "account": identity.account_id, "time": NOW, "signature": b64(wrong)})
    assert other.receive(frame, NOW) == [AuthRequested(identity.account_id)]
    assert_error(other.complete_auth(bytes(identity.signing.public_key())), ErrorCode.AUTH_FAILED)


@pytest.mark.parametrize("offset", [-SKEW, SKEW, 0])
def test_auth_accepted_at_the_edge_of_the_allowed_skew(offset: int) -> None:
    protocol = make()
    identity = Identity()
    events = protocol.receive(auth_frame(identity, challenge_of(protocol), time_ms=NOW + offset), NOW)
    assert events == [AuthRequested(identity.account)]
    assert Authenticated(identity.account) in protocol.complete_auth(identity.public)


@pytest.mark.parametrize("offset", [-SKEW - 1, SKEW + 1, -NOW, 10 * SKEW])
def test_stale_time_in_either_direction_is_auth_stale(offset: int) -> None:
    protocol = make()
    identity = Identity()
    # Correctly signed over the stale time: only the clock check can refuse it.
    events = protocol.receive(auth_frame(identity, challenge_of(protocol), time_ms=NOW + offset), NOW)
    assert_error(events, ErrorCode.AUTH_STALE)
    assert protocol.state is State.AWAITING_AUTH
    assert protocol.account is None
    assert_still_usable(protocol)
    # The connection may still authenticate properly.
    assert protocol.receive(auth_frame(identity, challenge_of(protocol)), NOW) == [AuthRequested(identity.account)]
    assert Authenticated(identity.account) in protocol.complete_auth(identity.public)


def test_stale_is_judged_against_the_time_of_receipt_not_of_the_greeting() -> None:
    protocol = make(now=NOW)
    identity = Identity()
    later = NOW + 10 * SKEW
    # Signed at the greeting's time but received much later: stale.
    assert_error(protocol.receive(auth_frame(identity, challenge_of(protocol)), later), ErrorCode.AUTH_STALE)
    # Signed at the time of receipt: fine.
    events = protocol.receive(auth_frame(identity, challenge_of(protocol), time_ms=later), later)
    assert events == [AuthRequested(identity.account)]


def _fail(protocol: ConnectionProtocol, frame: str, key: bytes | None) -> list[Any]:
    events = protocol.receive(frame, NOW)
    assert len(events) == 1
    assert isinstance(events[0], AuthRequested)
    return protocol.complete_auth(key)


def test_wrong_signature_is_auth_failed() -> None:
    protocol = make()
    identity = Identity()
    forged = auth_frame(identity, challenge_of(protocol), key=SigningKey.generate())
    assert_error(_fail(protocol, forged, identity.public), ErrorCode.AUTH_FAILED)
    assert protocol.state is State.AWAITING_AUTH
    assert protocol.account is None
    assert_still_usable(protocol)


def test_signature_over_another_time_is_auth_failed() -> None:
    protocol = make()
    identity = Identity()
    signature = sign(identity.key, challenge_of(protocol), SERVER_ID, NOW - 1, identity.account)
    frame = json.dumps({"type": "auth", "account": identity.account, "time": NOW, "signature": b64(signature)})
    assert_error(_fail(protocol, frame, identity.public), ErrorCode.AUTH_FAILED)


def test_all_zero_signature_is_auth_failed() -> None:
    protocol = make()
    identity = Identity()
    frame = json.dumps({"type": "auth", "account": identity.account, "time": NOW, "signature": b64(bytes(64))})
    assert_error(_fail(protocol, frame, identity.public), ErrorCode.AUTH_FAILED)


def test_unknown_account_is_indistinguishable_from_a_bad_signature() -> None:
    unknown = make()
    identity = Identity()
    unknown_error = assert_error(
        _fail(unknown, auth_frame(identity, challenge_of(unknown)), None), ErrorCode.AUTH_FAILED
    )
    forged = make()
    forged_error = assert_error(
        _fail(forged, auth_frame(identity, challenge_of(forged), key=SigningKey.generate()), identity.public),
        ErrorCode.AUTH_FAILED,
    )
    # No oracle for which accounts are registered.
    assert unknown_error == forged_error
    assert unknown.state is State.AWAITING_AUTH
    assert_still_usable(unknown)


def test_answer_for_another_connections_challenge_is_refused() -> None:
    identity = Identity()
    first = make()
    captured = auth_frame(identity, challenge_of(first))
    assert first.receive(captured, NOW) == [AuthRequested(identity.account)]
    assert Authenticated(identity.account) in first.complete_auth(identity.public)
    # The same valid answer replayed on another connection (another challenge) does not verify.
    second = make()
    assert_error(_fail(second, captured, identity.public), ErrorCode.AUTH_FAILED)
    assert second.account is None
    assert_still_usable(second)


def test_answer_signed_for_another_server_id_is_refused() -> None:
    protocol = make()
    identity = Identity()
    frame = auth_frame(identity, challenge_of(protocol), server_id="haven-elsewhere")
    assert_error(_fail(protocol, frame, identity.public), ErrorCode.AUTH_FAILED)
    assert protocol.account is None


def test_same_challenge_on_a_server_with_another_id_is_refused() -> None:
    challenge = secrets.token_bytes(32)
    identity = Identity()
    frame = auth_frame(identity, challenge, server_id=SERVER_ID)
    other = make(challenge=challenge, server_id="haven-other")
    assert_error(_fail(other, frame, identity.public), ErrorCode.AUTH_FAILED)


def test_answer_claiming_another_account_is_refused() -> None:
    attacker, victim = Identity(), Identity()
    protocol = make()
    # Signed with the attacker's key over the victim's account id: the victim's key does not verify it.
    frame = auth_frame(attacker, challenge_of(protocol), account=victim.account, signed_account=victim.account)
    assert_error(_fail(protocol, frame, victim.public), ErrorCode.AUTH_FAILED)
    assert protocol.account is None


def test_answer_signed_over_another_account_id_is_refused() -> None:
    identity, other = Identity(), Identity()
    protocol = make()
    # The claimed account's own key, but the signed transcript names a different account.
    frame = auth_frame(identity, challenge_of(protocol), signed_account=other.account)
    assert_error(_fail(protocol, frame, identity.public), ErrorCode.AUTH_FAILED)
    assert protocol.account is None


def test_second_auth_after_success_is_already_authenticated() -> None:
    protocol, identity = authenticated()
    other = Identity()
    for frame in (
        auth_frame(identity, challenge_of(protocol)),
        auth_frame(other, challenge_of(protocol)),
    ):
        assert_error(protocol.receive(frame, NOW), ErrorCode.ALREADY_AUTHENTICATED)
        assert protocol.state is State.AUTHENTICATED
        assert protocol.account == identity.account
    # Nothing the machine asks for lets the second identity in.
    assert protocol.complete_auth(other.public) == []
    assert protocol.account == identity.account
    assert_still_usable(protocol)


def test_auth_while_a_lookup_is_pending_is_refused() -> None:
    protocol = make()
    identity, other = Identity(), Identity()
    assert protocol.receive(auth_frame(identity, challenge_of(protocol)), NOW) == [AuthRequested(identity.account)]
    assert_error(protocol.receive(auth_frame(other, challenge_of(protocol)), NOW), ErrorCode.INVALID_FRAME)
    # The pending lookup is still the first one.
    events = protocol.complete_auth(identity.public)
    assert Authenticated(identity.account) in events
    assert protocol.account == identity.account


def test_complete_auth_without_a_request_does_nothing() -> None:
    protocol = make()
    assert protocol.complete_auth(Identity().public) == []
    assert protocol.state is State.AWAITING_AUTH


@pytest.mark.parametrize(
    "failures",
    [
        ["bad_signature", "bad_signature", "bad_signature"],
        ["stale", "unknown", "bad_signature"],
        ["unknown", "bad_signature", "stale"],
        ["stale", "stale", "stale"],
    ],
)
def test_third_failed_auth_is_fatal_and_closes(failures: list[str]) -> None:
    assert MAX_AUTH_FAILURES == 3
    protocol = make()
    identity = Identity()
    challenge = challenge_of(protocol)
    for index, kind in enumerate(failures):
        if kind == "stale":
            events = protocol.receive(auth_frame(identity, challenge, time_ms=NOW - 2 * SKEW), NOW)
            code = ErrorCode.AUTH_STALE
        elif kind == "unknown":
            events = _fail(protocol, auth_frame(identity, challenge), None)
            code = ErrorCode.AUTH_FAILED
        else:
            events = _fail(protocol, auth_frame(identity, challenge, key=SigningKey.generate()), identity.public)
            code = ErrorCode.AUTH_FAILED
        if index < len(failures) - 1:
            assert_error(events, code)
            assert_still_usable(protocol)
        else:
            assert len(events) == 2
            assert_error(events[:1], code, fatal=True)
            assert events[1] == Close(CLOSE_AUTH_FAILED, "authentication failed")
    assert protocol.state is State.CLOSED
    # A closed machine ignores everything, even a now-correct answer.
    assert protocol.receive(auth_frame(identity, challenge), NOW) == []
    assert protocol.receive('{"type":"ping"}', NOW) == []
    assert protocol.complete_auth(identity.public) == []
    assert protocol.account is None


def test_two_failures_then_success_authenticates() -> None:
    protocol = make()
    identity = Identity()
    challenge = challenge_of(protocol)
    assert_error(_fail(protocol, auth_frame(identity, challenge), None), ErrorCode.AUTH_FAILED)
    assert_error(protocol.receive(auth_frame(identity, challenge, time_ms=0), NOW), ErrorCode.AUTH_STALE)
    assert protocol.receive(auth_frame(identity, challenge), NOW) == [AuthRequested(identity.account)]
    assert Authenticated(identity.account) in protocol.complete_auth(identity.public)


def test_malformed_auth_frames_are_not_counted_as_failed_attempts() -> None:
    protocol = make()
    identity = Identity()
    for _ in range(5):
        bad = {"type": "auth", "account": identity.account, "time": NOW, "signature": b64(bytes(63))}
        assert_error(protocol.receive(json.dumps(bad), NOW), ErrorCode.BAD_LENGTH)
    assert protocol.state is State.AWAITING_AUTH
    assert protocol.receive(auth_frame(identity, challenge_of(protocol)), NOW) == [AuthRequested(identity.account)]
    assert Authenticated(identity.account) in protocol.complete_auth(identity.public)


# --- requests before and after authentication ------------------------------------------------------------


@pytest.mark.parametrize(
    "frame",
    [
        send_frame(),
        {"type": "ack", "conversation": CONVERSATION, "seq": 1},
        {"type": "resume", "after": {CONVERSATION: 0}},
        {"type": "resume"},
    ],
    ids=["send", "ack", "resume", "resume-empty"],
)
def test_requests_before_auth_are_not_authenticated(frame: dict[str, Any]) -> None:
    protocol = make()
    assert_error(protocol.receive(json.dumps(frame), NOW), ErrorCode.NOT_AUTHENTICATED)
    assert protocol.state is State.AWAITING_AUTH
    ping(protocol)
    # Refused requests do not count as failed authentications either.
    identity = Identity()
    for _ in range(MAX_AUTH_FAILURES):
        assert_error(protocol.receive(json.dumps(frame), NOW), ErrorCode.NOT_AUTHENTICATED)
    assert protocol.receive(auth_frame(identity, challenge_of(protocol)), NOW) == [AuthRequested(identity.account)]
    assert Authenticated(identity.account) in protocol.complete_auth(identity.public)


def test_requests_while_the_lookup_is_pending_are_not_authenticated() -> None:
    protocol = make()
    identity = Identity()
    protocol.receive(auth_frame(identity, challenge_of(protocol)), NOW)
    assert_error(protocol.receive(json.dumps(send_frame()), NOW), ErrorCode.NOT_AUTHENTICATED)


def test_requests_after_auth_become_events() -> None:
    protocol, _ = authenticated()
    client_id = secrets.token_bytes(16)
    events = protocol.receive(json.dumps(send_frame(client_id=b64(client_id), ciphertext=b64(b"\x00\xff"))), NOW)
    assert events == [SendRequested(CONVERSATION, client_id, b"\x00\xff")]
    events = protocol.receive(json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": 7}), NOW)
    assert events == [AckRequested(CONVERSATION, 7)]
    events = protocol.receive(json.dumps({"type": "resume", "after": {CONVERSATION: 3}}), NOW)
    assert events == [ResumeRequested({CONVERSATION: 3})]
    assert protocol.receive('{"type":"resume"}', NOW) == [ResumeRequested({})]
    ping(protocol)


@pytest.mark.parametrize("seq", [0, 1, 2**63 - 1])
def test_seq_bounds_accepted(seq: int) -> None:
    protocol, _ = authenticated()
    events = protocol.receive(json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": seq}), NOW)
    assert events == [AckRequested(CONVERSATION, seq)]


def test_largest_ciphertext_is_accepted() -> None:
    protocol, _ = authenticated(max_frame_bytes=2 << 20)
    events = protocol.receive(json.dumps(send_frame(ciphertext=b64(b"c" * (1 << 20)))), NOW)
    assert len(events) == 1
    assert isinstance(events[0], SendRequested)
    assert len(events[0].ciphertext) == 1 << 20


# --- malformed frames ---------------------------------------------------------------------------------------

GOOD_SIGNATURE = b64(bytes(64))
ACCOUNT = "fedcba9876543210" * 2

BAD_FRAMES: list[tuple[str, str, ErrorCode]] = [
    # Not JSON at all.
    ("empty", "", ErrorCode.MALFORMED_JSON),
    ("whitespace", "   ", ErrorCode.MALFORMED_JSON),
    ("truncated", '{"type":"ping"', ErrorCode.MALFORMED_JSON),
    ("single-quotes", "{'type':'ping'}", ErrorCode.MALFORMED_JSON),
    ("trailing-garbage", '{"type":"ping"} x', ErrorCode.MALFORMED_JSON),
    ("two-objects", '{"type":"ping"}{"type":"ping"}', ErrorCode.MALFORMED_JSON),
    ("trailing-comma", '{"type":"ping",}', ErrorCode.MALFORMED_JSON),
    ("bare-word", "ping", ErrorCode.MALFORMED_JSON),
    ("bad-escape", '{"type":"\\x70ing"}', ErrorCode.MALFORMED_JSON),
    (
        "huge-integer",
        '{"type":"ack","conversation":"' + CONVERSATION + '","seq":' + "9" * 5000 + "}",
        ErrorCode.MALFORMED_JSON,
    ),
    ("deep-nesting", "[" * 3000 + "]" * 3000, ErrorCode.MALFORMED_JSON),
    # JSON, but not an object.
    ("array", "[]", ErrorCode.INVALID_FRAME),
    ("array-of-frame", '[{"type":"ping"}]', ErrorCode.INVALID_FRAME),
    ("number", "1", ErrorCode.INVALID_FRAME),
    ("string", '"ping"', ErrorCode.INVALID_FRAME),
    ("null", "null", ErrorCode.INVALID_FRAME),
    ("true", "true", ErrorCode.INVALID_FRAME),
    ("nan", "NaN", ErrorCode.INVALID_FRAME),
    # Objects of no known type.
    ("no-type", "{}", ErrorCode.UNKNOWN_TYPE),
    ("no-type-fields", '{"conversation":"' + CONVERSATION + '","seq":1}', ErrorCode.UNKNOWN_TYPE),
    ("type-null", '{"type":null}', ErrorCode.UNKNOWN_TYPE),
    ("type-number", '{"type":1}', ErrorCode.UNKNOWN_TYPE),
    ("type-list", '{"type":["ping"]}', ErrorCode.UNKNOWN_TYPE),
    ("type-object", '{"type":{"ping":1}}', ErrorCode.UNKNOWN_TYPE),
    ("type-case", '{"type":"PING"}', ErrorCode.UNKNOWN_TYPE),
    ("type-space", '{"type":"ping "}', ErrorCode.UNKNOWN_TYPE),
    ("type-outbound-pong", '{"type":"pong"}', ErrorCode.UNKNOWN_TYPE),
    ("type-outbound-deliver", '{"type":"deliver"}', ErrorCode.UNKNOWN_TYPE),
    ("type-outbound-challenge", '{"type":"challenge"}', ErrorCode.UNKNOWN_TYPE),
    ("type-empty", '{"type":""}', ErrorCode.UNKNOWN_TYPE),
    ("type-nul", '{"type":"ping\\u0000"}', ErrorCode.UNKNOWN_TYPE),
    ("type-proto", '{"type":"__class__"}', ErrorCode.UNKNOWN_TYPE),
    # Missing and extra fields.
    ("ping-extra", '{"type":"ping","x":1}', ErrorCode.INVALID_FRAME),
    (
        "send-missing-ciphertext",
        json.dumps({k: v for k, v in send_frame().items() if k != "ciphertext"}),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "send-missing-conversation",
        json.dumps({k: v for k, v in send_frame().items() if k != "conversation"}),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "send-missing-client-id",
        json.dumps({k: v for k, v in send_frame().items() if k != "client_id"}),
        ErrorCode.INVALID_FRAME,
    ),
    ("send-extra", json.dumps(send_frame(sender=ACCOUNT)), ErrorCode.INVALID_FRAME),
    ("send-extra-seq", json.dumps(send_frame(seq=5)), ErrorCode.INVALID_FRAME),
    ("ack-missing-seq", json.dumps({"type": "ack", "conversation": CONVERSATION}), ErrorCode.INVALID_FRAME),
    (
        "ack-extra",
        json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": 1, "all": True}),
        ErrorCode.INVALID_FRAME,
    ),
    ("resume-extra", json.dumps({"type": "resume", "after": {}, "since": 0}), ErrorCode.INVALID_FRAME),
    ("auth-missing-signature", json.dumps({"type": "auth", "account": ACCOUNT, "time": NOW}), ErrorCode.INVALID_FRAME),
    (
        "auth-extra",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": NOW, "signature": GOOD_SIGNATURE, "admin": True}),
        ErrorCode.INVALID_FRAME,
    ),
    # Bad base64.
    ("b64-unpadded", json.dumps(send_frame(ciphertext="eA")), ErrorCode.BAD_BASE64),
    ("b64-bad-padding", json.dumps(send_frame(ciphertext="eA=")), ErrorCode.BAD_BASE64),
    ("b64-excess-padding", json.dumps(send_frame(ciphertext="eA===")), ErrorCode.BAD_BASE64),
    ("b64-padding-inside", json.dumps(send_frame(ciphertext="eA==eA==")), ErrorCode.BAD_BASE64),
    ("b64-whitespace", json.dumps(send_frame(ciphertext="eA =")), ErrorCode.BAD_BASE64),
    ("b64-newline", json.dumps(send_frame(ciphertext="eA==\n")), ErrorCode.BAD_BASE64),
    ("b64-leading-space", json.dumps(send_frame(ciphertext=" eA==")), ErrorCode.BAD_BASE64),
    ("b64-urlsafe", json.dumps(send_frame(ciphertext="-_-_")), ErrorCode.BAD_BASE64),
    ("b64-non-ascii", json.dumps(send_frame(ciphertext="éA==")), ErrorCode.BAD_BASE64),
    (
        "b64-non-ascii-raw",
        '{"type":"send","conversation":"'
        + CONVERSATION
        + '","client_id":"AQEBAQEBAQEBAQEBAQEBAQ==","ciphertext":"eA\u00e9="}',
        ErrorCode.BAD_BASE64,
    ),
    ("b64-lone-surrogate", json.dumps(send_frame(ciphertext="\ud800")), ErrorCode.BAD_BASE64),
    ("b64-number", json.dumps(send_frame(ciphertext=1234)), ErrorCode.BAD_BASE64),
    ("b64-null", json.dumps(send_frame(ciphertext=None)), ErrorCode.BAD_BASE64),
    ("b64-list", json.dumps(send_frame(ciphertext=[1, 2])), ErrorCode.BAD_BASE64),
    ("b64-client-id", json.dumps(send_frame(client_id="AQEBAQEBAQEBAQEBAQEBAQ")), ErrorCode.BAD_BASE64),
    (
        "b64-signature",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": NOW, "signature": "!" * 88}),
        ErrorCode.BAD_BASE64,
    ),
    # Wrong lengths.
    ("client-id-15", json.dumps(send_frame(client_id=b64(bytes(15)))), ErrorCode.BAD_LENGTH),
    ("client-id-17", json.dumps(send_frame(client_id=b64(bytes(17)))), ErrorCode.BAD_LENGTH),
    ("client-id-32", json.dumps(send_frame(client_id=b64(bytes(32)))), ErrorCode.BAD_LENGTH),
    ("client-id-empty", json.dumps(send_frame(client_id="")), ErrorCode.BAD_LENGTH),
    ("ciphertext-empty", json.dumps(send_frame(ciphertext="")), ErrorCode.BAD_LENGTH),
    (
        "signature-63",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": NOW, "signature": b64(bytes(63))}),
        ErrorCode.BAD_LENGTH,
    ),
    (
        "signature-65",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": NOW, "signature": b64(bytes(65))}),
        ErrorCode.BAD_LENGTH,
    ),
    (
        "signature-empty",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": NOW, "signature": ""}),
        ErrorCode.BAD_LENGTH,
    ),
    # Bad ids.
    ("conversation-upper", json.dumps(send_frame(conversation=CONVERSATION.upper())), ErrorCode.INVALID_FRAME),
    ("conversation-31", json.dumps(send_frame(conversation=CONVERSATION[:31])), ErrorCode.INVALID_FRAME),
    ("conversation-33", json.dumps(send_frame(conversation=CONVERSATION + "a")), ErrorCode.INVALID_FRAME),
    ("conversation-non-hex", json.dumps(send_frame(conversation="g" * 32)), ErrorCode.INVALID_FRAME),
    (
        "conversation-trailing-newline",
        json.dumps(send_frame(conversation=CONVERSATION + "\n")),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "conversation-leading-space",
        json.dumps(send_frame(conversation=" " + CONVERSATION[1:])),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "conversation-fullwidth-digit",
        json.dumps(send_frame(conversation="\uff10" + CONVERSATION[1:])),
        ErrorCode.INVALID_FRAME,
    ),
    ("conversation-int", json.dumps(send_frame(conversation=12345)), ErrorCode.INVALID_FRAME),
    ("conversation-null", json.dumps(send_frame(conversation=None)), ErrorCode.INVALID_FRAME),
    ("conversation-list", json.dumps(send_frame(conversation=[CONVERSATION])), ErrorCode.INVALID_FRAME),
    (
        "ack-conversation-upper",
        json.dumps({"type": "ack", "conversation": CONVERSATION.upper(), "seq": 1}),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "auth-account-upper",
        json.dumps({"type": "auth", "account": ACCOUNT.upper(), "time": NOW, "signature": GOOD_SIGNATURE}),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "auth-account-short",
        json.dumps({"type": "auth", "account": ACCOUNT[:-1], "time": NOW, "signature": GOOD_SIGNATURE}),
        ErrorCode.INVALID_FRAME,
    ),
    ("resume-key-upper", json.dumps({"type": "resume", "after": {CONVERSATION.upper(): 1}}), ErrorCode.INVALID_FRAME),
    ("resume-after-list", json.dumps({"type": "resume", "after": [CONVERSATION]}), ErrorCode.INVALID_FRAME),
    ("resume-after-null", json.dumps({"type": "resume", "after": None}), ErrorCode.INVALID_FRAME),
    # Numbers out of range or of the wrong type.
    ("seq-negative", json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": -1}), ErrorCode.INVALID_FRAME),
    ("seq-2-63", json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": 2**63}), ErrorCode.INVALID_FRAME),
    ("seq-huge", json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": 10**40}), ErrorCode.INVALID_FRAME),
    ("seq-true", json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": True}), ErrorCode.INVALID_FRAME),
    ("seq-false", json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": False}), ErrorCode.INVALID_FRAME),
    ("seq-float", json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": 1.0}), ErrorCode.INVALID_FRAME),
    ("seq-exponent", '{"type":"ack","conversation":"' + CONVERSATION + '","seq":1e2}', ErrorCode.INVALID_FRAME),
    ("seq-infinity", '{"type":"ack","conversation":"' + CONVERSATION + '","seq":Infinity}', ErrorCode.INVALID_FRAME),
    ("seq-nan", '{"type":"ack","conversation":"' + CONVERSATION + '","seq":NaN}', ErrorCode.INVALID_FRAME),
    ("seq-string", json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": "1"}), ErrorCode.INVALID_FRAME),
    ("seq-null", json.dumps({"type": "ack", "conversation": CONVERSATION, "seq": None}), ErrorCode.INVALID_FRAME),
    ("resume-seq-negative", json.dumps({"type": "resume", "after": {CONVERSATION: -5}}), ErrorCode.INVALID_FRAME),
    ("resume-seq-huge", json.dumps({"type": "resume", "after": {CONVERSATION: 2**64}}), ErrorCode.INVALID_FRAME),
    ("resume-seq-bool", json.dumps({"type": "resume", "after": {CONVERSATION: True}}), ErrorCode.INVALID_FRAME),
    (
        "auth-time-negative",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": -1, "signature": GOOD_SIGNATURE}),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "auth-time-huge",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": 2**63, "signature": GOOD_SIGNATURE}),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "auth-time-bool",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": True, "signature": GOOD_SIGNATURE}),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "auth-time-string",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": str(NOW), "signature": GOOD_SIGNATURE}),
        ErrorCode.INVALID_FRAME,
    ),
    (
        "auth-time-float",
        json.dumps({"type": "auth", "account": ACCOUNT, "time": float(NOW), "signature": GOOD_SIGNATURE}),
        ErrorCode.INVALID_FRAME,
    ),
]


@pytest.mark.parametrize(("frame", "code"), [(f, c) for _, f, c in BAD_FRAMES], ids=[n for n, _, _ in BAD_FRAMES])
@pytest.mark.parametrize("authenticate", [True, False], ids=["authenticated", "unauthenticated"])
def test_bad_frame_is_refused_with_its_code_and_the_connection_survives(
    frame: str, code: ErrorCode, authenticate: bool
) -> None:
    if authenticate:
        protocol, identity = authenticated(max_frame_bytes=32 * 1024)
    else:
        protocol, identity = make(max_frame_bytes=32 * 1024), Identity()
    before = protocol.state
    for _ in range(MAX_AUTH_FAILURES + 1):  # never fatal, however often
        assert_error(protocol.receive(frame, NOW), code)
        assert protocol.state is before
    assert_still_usable(protocol)
    if not authenticate:
        # Bad frames are not failed authentications: the connection can still sign in.
        events = protocol.receive(auth_frame(identity, challenge_of(protocol)), NOW)
        assert events == [AuthRequested(identity.account)]
        assert Authenticated(identity.account) in protocol.complete_auth(identity.public)
    else:
        assert protocol.account == identity.account


def test_ciphertext_over_one_mebibyte_is_bad_length() -> None:
    protocol, _ = authenticated(max_frame_bytes=4 << 20)
    assert_error(
        protocol.receive(json.dumps(send_frame(ciphertext=b64(b"c" * ((1 << 20) + 1)))), NOW), ErrorCode.BAD_LENGTH
    )
    assert_still_usable(protocol)


def test_bad_client_id_is_echoed_as_ref_only_when_short() -> None:
    protocol, _ = authenticated()
    short = protocol.receive(json.dumps(send_frame(client_id=b64(bytes(15)))), NOW)
    assert assert_error(short, ErrorCode.BAD_LENGTH)["ref"] == b64(bytes(15))
    long = protocol.receive(json.dumps(send_frame(client_id=b64(bytes(40)))), NOW)
    assert "ref" not in assert_error(long, ErrorCode.BAD_LENGTH)
    not_a_string = protocol.receive(json.dumps(send_frame(client_id=12)), NOW)
    assert "ref" not in assert_error(not_a_string, ErrorCode.BAD_BASE64)


# --- ref: which request an error answers -----------------------------------------------------------------------
CLIENT_ID = b64(bytes(range(16)))


def _ack_frame(**overrides: Any) -> dict[str, Any]:
    return {"type": "ack", "conversation": CONVERSATION, "seq": 1, **overrides}


@pytest.mark.parametrize(
    ("frame", "code", "ref"),
    [
        (_ack_frame(seq="1"), ErrorCode.INVALID_FRAME, CONVERSATION),
        (_ack_frame(seq=1.0), ErrorCode.INVALID_FRAME, CONVERSATION),
        (_ack_frame(seq=-1), ErrorCode.INVALID_FRAME, CONVERSATION),
        (_ack_frame(seq=True), ErrorCode.INVALID_FRAME, CONVERSATION),
        (_ack_frame(extra=1), ErrorCode.INVALID_FRAME, CONVERSATION),
        (send_frame(client_id=CLIENT_ID, ciphertext="not base64!"), ErrorCode.BAD_BASE64, CLIENT_ID),
        (send_frame(client_id=CLIENT_ID, ciphertext=""), ErrorCode.BAD_LENGTH, CLIENT_ID),
        (send_frame(client_id=CLIENT_ID, conversation="ABC"), ErrorCode.INVALID_FRAME, CLIENT_ID),
        (send_frame(client_id=CLIENT_ID, commitment=b64(bytes(31))), ErrorCode.BAD_LENGTH, CLIENT_ID),
    ],
    ids=[
        "ack-seq-string",
        "ack-seq-float",
        "ack-seq-negative",
        "ack-seq-bool",
        "ack-extra",
        "send-ciphertext-b64",
        "send-ciphertext-empty",
        "send-conversation",
        "send-commitment",
    ],
)
def test_refused_send_and_ack_carry_their_ref(frame: dict[str, Any], code: ErrorCode, ref: str) -> None:
    protocol, _ = authenticated()
    assert assert_error(protocol.receive(json.dumps(frame), NOW), code)["ref"] == ref


@pytest.mark.parametrize(
    ("frame", "ref"), [(send_frame(client_id=CLIENT_ID), CLIENT_ID), (_ack_frame(), CONVERSATION)], ids=["send", "ack"]
)
def test_not_authenticated_carries_the_ref(frame: dict[str, Any], ref: str) -> None:
    assert assert_error(make().receive(json.dumps(frame), NOW), ErrorCode.NOT_AUTHENTICATED)["ref"] == ref


def test_an_id_that_is_no_id_is_not_echoed() -> None:
    protocol, _ = authenticated()
    # Not of the base64 alphabet, or longer than any id: the client cannot be waiting on it.
    for client_id in ['"quoted"', "a b", "A" * 25, ""]:
        refused = protocol.receive(json.dumps(send_frame(client_id=client_id)), NOW)
        assert "ref" not in single_error(refused)
    for conversation in ["0" * 33, "{}", ""]:
        assert "ref" not in single_error(protocol.receive(json.dumps(_ack_frame(conversation=conversation)), NOW))


@pytest.mark.parametrize("spacing", ["", " ", "\n\t "], ids=["compact", "spaced", "whitespace"])
@pytest.mark.parametrize("client_id_first", [True, False], ids=["id-first", "id-last"])
def test_frame_too_large_carries_the_client_id(spacing: str, client_id_first: bool) -> None:
    """The SDK waits for an answer naming its client id: without a ref an oversized send hung until a timeout."""
    protocol, _ = authenticated(max_frame_bytes=2048)
    fields = [
        f'"type"{spacing}:{spacing}"send"',
        f'"conversation":"{CONVERSATION}"',
        f'"ciphertext":"{b64(bytes(3000))}"',
    ]
    fields.insert(0 if client_id_first else 3, f'"client_id"{spacing}:{spacing}"{CLIENT_ID}"')
    frame = "{" + ",".join(fields) + "}"
    assert assert_error(protocol.receive(frame, NOW), ErrorCode.FRAME_TOO_LARGE)["ref"] == CLIENT_ID
    assert_still_usable(protocol)


def test_frame_too_large_ack_carries_the_conversation() -> None:
    protocol, _ = authenticated(max_frame_bytes=2048)
    frame = json.dumps(_ack_frame()) + " " * 3000
    assert assert_error(protocol.receive(frame, NOW), ErrorCode.FRAME_TOO_LARGE)["ref"] == CONVERSATION


@pytest.mark.parametrize(
    "frame",
    [
        # No type, another type, an id inside a string value (escaped quotes), an over-long id, not JSON at all.
        '{"client_id":"' + CLIENT_ID + '","x":"' + "a" * 3000 + '"}',
        '{"type":"resume","client_id":"' + CLIENT_ID + '","x":"' + "a" * 3000 + '"}',
        '{"type":"send","x":"\\"client_id\\":\\"' + CLIENT_ID + '\\"' + "a" * 3000 + '"}',
        '{"type":"send","client_id":"' + "A" * 40 + '","x":"' + "a" * 3000 + '"}',
        "x" * 3000,
    ],
    ids=["no-type", "resume", "inside-a-string", "too-long", "not-json"],
)
def test_frame_too_large_without_a_readable_id_has_no_ref(frame: str) -> None:
    protocol, _ = authenticated(max_frame_bytes=2048)
    assert "ref" not in assert_error(protocol.receive(frame, NOW), ErrorCode.FRAME_TOO_LARGE)


def test_rate_limited_frame_carries_its_ref() -> None:
    protocol, _ = authenticated(fps=1.0, burst=2)
    ping(protocol)
    refused = protocol.receive(json.dumps(send_frame(client_id=CLIENT_ID)), NOW)
    assert assert_error(refused, ErrorCode.RATE_LIMITED)["ref"] == CLIENT_ID
    assert "ref" not in assert_error(protocol.receive(b"binary", NOW), ErrorCode.RATE_LIMITED)


# --- sizes and binary frames ---------------------------------------------------------------------------------


def _padded_ping(total_chars: int, filler: str = " ") -> str:
    """A valid ping of exactly `total_chars` characters (JSON whitespace, or a string field of `filler`)."""
    body = '{"type":"ping"}'
    return body + filler * (total_chars - len(body))


def test_frame_exactly_at_the_limit_is_accepted() -> None:
    protocol = make(max_frame_bytes=2048)
    events = protocol.receive(_padded_ping(2048), NOW)
    assert [decode(e) for e in events] == [{"type": "pong"}]


def test_frame_one_byte_over_the_limit_is_too_large() -> None:
    protocol, _ = authenticated(max_frame_bytes=2048)
    assert_error(protocol.receive(_padded_ping(2049), NOW), ErrorCode.FRAME_TOO_LARGE)
    assert_error(protocol.receive("x" * 100_000, NOW), ErrorCode.FRAME_TOO_LARGE)
    assert protocol.state is State.AUTHENTICATED
    assert_still_usable(protocol)


@pytest.mark.parametrize("char", ["é", "€", "😀"], ids=["2-byte", "3-byte", "4-byte"])
def test_frame_under_the_limit_in_characters_but_over_in_utf8_bytes(char: str) -> None:
    limit = 2048
    protocol, _ = authenticated(max_frame_bytes=limit)
    prefix = '{"type":"send","conversation":"' + CONVERSATION + '","client_id":"AQEBAQEBAQEBAQEBAQEBAQ==","x":"'
    room = limit - len(prefix) - 2
    frame = prefix + char * room + '"}'
    assert len(frame) == limit
    assert len(frame.encode("utf-8")) > limit
    assert_error(protocol.receive(frame, NOW), ErrorCode.FRAME_TOO_LARGE)
    assert_still_usable(protocol)


def test_multibyte_frame_exactly_at_the_byte_limit_is_accepted() -> None:
    limit = 2048
    protocol = make(max_frame_bytes=limit)
    # '{"type":"ping"}' is 15 bytes; "\u20ac" is 3 bytes in UTF-8. Pad with whitespace to the exact limit.
    head = '{"type":"ping","x":"'
    frame_chars = head + "€" * 600 + '"}'
    size = len(frame_chars.encode("utf-8"))
    frame = frame_chars + " " * (limit - size)
    assert len(frame.encode("utf-8")) == limit
    # The extra field makes it invalid, but only after it passed the size check.
    assert_error(protocol.receive(frame, NOW), ErrorCode.INVALID_FRAME)
    assert_error(protocol.receive(frame + " ", NOW), ErrorCode.FRAME_TOO_LARGE)


@pytest.mark.parametrize(
    "data", [b'{"type":"ping"}', b"", b"\x00\xff\xfe", "héllo".encode()], ids=["json", "empty", "junk", "utf8"]
)
@pytest.mark.parametrize("authenticate", [True, False], ids=["authenticated", "unauthenticated"])
def test_binary_frames_are_refused(data: bytes, authenticate: bool) -> None:
    protocol = authenticated()[0] if authenticate else make()
    assert_error(protocol.receive(data, NOW), ErrorCode.BINARY_NOT_SUPPORTED)
    assert_still_usable(protocol)


# --- per-connection frame rate limit -------------------------------------------------------------------------


def test_frame_rate_limit_then_recovery() -> None:
    protocol, _ = authenticated(fps=10.0, burst=5)
    # The auth frame took one token of the burst.
    for _ in range(4):
        ping(protocol)
    for _ in range(3):
        assert_error(protocol.receive('{"type":"ping"}', NOW), ErrorCode.RATE_LIMITED)
    # Refused frames, whatever they are, are refused for the rate, not inspected.
    assert_error(protocol.receive(b"binary", NOW), ErrorCode.RATE_LIMITED)
    assert_error(protocol.receive("not json", NOW), ErrorCode.RATE_LIMITED)
    assert protocol.state is State.AUTHENTICATED
    # 150 ms at 10 frames/s buys one frame (and a half).
    ping(protocol, NOW + 150)
    assert_error(protocol.receive('{"type":"ping"}', NOW + 150), ErrorCode.RATE_LIMITED)
    # A long pause refills the bucket up to the burst, not beyond.
    later = NOW + 60_000
    for _ in range(5):
        ping(protocol, later)
    assert_error(protocol.receive('{"type":"ping"}', later), ErrorCode.RATE_LIMITED)
    assert_still_usable(protocol, later + 1000)


def test_frame_rate_limit_applies_before_auth_and_does_not_count_as_auth_failure() -> None:
    protocol = make(fps=1.0, burst=2)
    identity = Identity()
    ping(protocol)
    ping(protocol)
    for _ in range(MAX_AUTH_FAILURES + 1):
        assert_error(protocol.receive(auth_frame(identity, challenge_of(protocol)), NOW), ErrorCode.RATE_LIMITED)
    assert protocol.state is State.AWAITING_AUTH
    later = NOW + 1000
    events = protocol.receive(auth_frame(identity, challenge_of(protocol), time_ms=later), later)
    assert events == [AuthRequested(identity.account)]
    assert Authenticated(identity.account) in protocol.complete_auth(identity.public)


def test_clock_going_backwards_does_not_refill_or_break_the_bucket() -> None:
    protocol, _ = authenticated(fps=10.0, burst=2)
    ping(protocol)
    assert_error(protocol.receive('{"type":"ping"}', NOW), ErrorCode.RATE_LIMITED)
    assert_error(protocol.receive('{"type":"ping"}', NOW - 60_000), ErrorCode.RATE_LIMITED)
    ping(protocol, NOW + 1000)


# --- error messages never echo the input ---------------------------------------------------------------------

ECHO_CASES: list[tuple[str, dict[str, Any] | str]] = [
    ("conversation", send_frame(conversation=MARKER)),
    ("client_id", send_frame(client_id=MARKER * 3)),
    ("ciphertext", send_frame(ciphertext=MARKER)),
    ("ciphertext-valid-b64-marker", send_frame(ciphertext=MARKER + "==")),
    ("ack-conversation", {"type": "ack", "conversation": MARKER, "seq": 1}),
    ("ack-seq", {"type": "ack", "conversation": CONVERSATION, "seq": MARKER}),
    ("auth-account", {"type": "auth", "account": MARKER, "time": NOW, "signature": GOOD_SIGNATURE}),
    ("auth-signature", {"type": "auth", "account": ACCOUNT, "time": NOW, "signature": MARKER}),
    ("auth-time", {"type": "auth", "account": ACCOUNT, "time": MARKER, "signature": GOOD_SIGNATURE}),
    ("resume-value", {"type": "resume", "after": {CONVERSATION: MARKER}}),
    ("extra-field-value", {"type": "ping", "x": MARKER}),
    ("type", {"type": MARKER}),
    ("nested", send_frame(conversation={"a": [MARKER]})),
    ("malformed", '{"type":"' + MARKER),
    ("not-object", json.dumps([MARKER])),
]


@pytest.mark.parametrize("frame", [c for _, c in ECHO_CASES], ids=[n for n, _ in ECHO_CASES])
def test_error_message_never_echoes_the_offending_value(frame: dict[str, Any] | str) -> None:
    protocol, _ = authenticated()
    text = frame if isinstance(frame, str) else json.dumps(frame)
    error = single_error(protocol.receive(text, NOW))
    assert error["code"] != ErrorCode.RATE_LIMITED.value
    assert MARKER not in error["message"]
    assert "ZZ-marker" not in error["message"]
    assert_still_usable(protocol)


def test_error_message_does_not_echo_a_bad_resume_key() -> None:
    protocol, _ = authenticated()
    error = single_error(protocol.receive(json.dumps({"type": "resume", "after": {MARKER: 1}}), NOW))
    assert error["code"] == ErrorCode.INVALID_FRAME.value
    assert MARKER not in error["message"]


def test_error_message_does_not_echo_an_unexpected_field_name() -> None:
    protocol, _ = authenticated()
    error = single_error(protocol.receive(json.dumps({"type": "ping", MARKER * 100: 1}), NOW))
    assert error["code"] == ErrorCode.INVALID_FRAME.value
    assert MARKER not in error["message"]
    assert len(error["message"]) < 200


def test_hand_formatted_hot_frames_equal_their_json_encoding() -> None:
    from wire import frames as wire
    from wire.messages import Accepted

    client_id, ciphertext = bytes(range(16)), bytes(range(256)) * 3
    assert json.loads(wire.accepted_frame(Accepted(client_id, "a" * 32, 7, 1795486930602, True))) == {
        "type": "accepted",
        "client_id": wire.b64encode(client_id),
        "conversation": "a" * 32,
        "seq": 7,
        "server_time": 1795486930602,
        "duplicate": True,
    }
    assert json.loads(wire.accepted_frame(Accepted(client_id, "a" * 32, 1, 2, False)))["duplicate"] is False
    assert json.loads(wire.deliver_frame("b" * 32, 9, "c" * 32, client_id, ciphertext, 5)) == {
        "type": "deliver",
        "conversation": "b" * 32,
        "seq": 9,
        "sender": "c" * 32,
        "client_id": wire.b64encode(client_id),
        "ciphertext": wire.b64encode(ciphertext),
        "server_time": 5,
    }
