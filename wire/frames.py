"""The websocket frames: JSON text objects with a "type". Every frame in both directions is a model here; the
server validates what it receives with them and the client what it receives (client/relay.py)."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, ValidationError

from wire.b64 import (
    Challenge,
    Ciphertext,
    ClientMessageId,
    Commitment,
    Signature,
    b64encode,
    decoder,
    serializer,
)
from wire.codes import ErrorCode
from wire.messages import Accepted, Delivered

AccountId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
ConversationId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
Seq = Annotated[int, Field(ge=0, lt=2**63)]


class _FromClient(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class AuthFrame(_FromClient):
    type: Literal["auth"]
    account: AccountId
    time: Annotated[int, Field(ge=0, lt=2**63)]
    signature: Signature


class SendFrame(_FromClient):
    type: Literal["send"]
    conversation: ConversationId
    client_id: ClientMessageId
    ciphertext: Ciphertext
    # The sender's franking commitment (crypto/franking.py); the server answers with its tag over it.
    commitment: Commitment | None = None


class AckFrame(_FromClient):
    type: Literal["ack"]
    conversation: ConversationId
    seq: Seq


class ResumeFrame(_FromClient):
    type: Literal["resume"]
    # conversation -> replay messages with seq greater than this; conversations not named resume from the
    # member's acknowledged position.
    after: Annotated[dict[ConversationId, Seq], Field(max_length=10_000)] = Field(default_factory=dict)


class PingFrame(_FromClient):
    type: Literal["ping"]


ClientFrame = AuthFrame | SendFrame | AckFrame | ResumeFrame | PingFrame
CLIENT_FRAMES: dict[str, type[ClientFrame]] = {
    "auth": AuthFrame,
    "send": SendFrame,
    "ack": AckFrame,
    "resume": ResumeFrame,
    "ping": PingFrame,
}


# Outbound frames are built by hand: the server produces them, so there is nothing to validate, and the
# deliver frame sits on the hot path where one json.dumps per message (shared by all recipients) matters.
_ENCODER = json.JSONEncoder(separators=(",", ":"))


def encode(frame: dict[str, Any]) -> str:
    return _ENCODER.encode(frame)


def challenge_frame(challenge: bytes, server_id: str, server_time_ms: int, max_frame_bytes: int) -> str:
    return encode(
        {
            "type": "challenge",
            "challenge": b64encode(challenge),
            "server_id": server_id,
            "server_time": server_time_ms,
            "max_frame_bytes": max_frame_bytes,
        }
    )


def ready_frame(account_id: str) -> str:
    return encode({"type": "ready", "account": account_id})


def _franking_fields(commitment: bytes | None, tag: bytes | None) -> str:
    if commitment is None or tag is None:
        return ""
    return f',"commitment":"{b64encode(commitment)}","franking_tag":"{b64encode(tag)}"'


def accepted_frame(accepted: Accepted) -> str:
    # Hot path, one per message: formatted directly. Every value is a validated hex id, an int, base64 or a
    # bool, none of which JSON needs to escape (tests/server/test_schemas.py compares it with the model's JSON).
    tag = f',"franking_tag":"{b64encode(accepted.franking_tag)}"' if accepted.franking_tag is not None else ""
    return (
        f'{{"type":"accepted","client_id":"{b64encode(accepted.client_id)}","conversation":"{accepted.conversation}",'
        f'"seq":{int(accepted.seq)},"server_time":{int(accepted.server_time_ms)},'
        f'"duplicate":{"true" if accepted.duplicate else "false"}{tag}}}'
    )


def deliver_frame(
    conversation: str,
    seq: int,
    sender: str,
    client_id: bytes,
    ciphertext: bytes,
    server_time_ms: int,
    commitment: bytes | None = None,
    franking_tag: bytes | None = None,
) -> str:
    # Hot path (see accepted_frame): the ids are validated lowercase hex, the rest base64 and integers.
    return (
        f'{{"type":"deliver","conversation":"{conversation}","seq":{int(seq)},"sender":"{sender}",'
        f'"client_id":"{b64encode(client_id)}","ciphertext":"{b64encode(ciphertext)}",'
        f'"server_time":{int(server_time_ms)}{_franking_fields(commitment, franking_tag)}}}'
    )


def event_frame(event: str, fields: dict[str, Any]) -> str:
    """A notice outside any conversation's order: {"type": "event", "event": <kind>, ...fields}."""
    return encode({"type": "event", "event": event, **fields})


def resumed_frame(last_seq: dict[str, int]) -> str:
    return encode({"type": "resumed", "conversations": last_seq})


def pong_frame() -> str:
    return encode({"type": "pong"})


def error_frame(code: str, message: str, ref: str | None = None, fatal: bool = False) -> str:
    frame: dict[str, Any] = {"type": "error", "code": code, "message": message, "fatal": fatal}
    if ref is not None:
        frame["ref"] = ref
    return encode(frame)


# --- Outbound frames as models ------------------------------------------------------------------------------------
# The definition of what the server sends, for docs/schema/ and for a second client. The builders above stay the
# encoders (the hot-path ones are f-strings); tests/server/test_schemas.py proves each builder's output byte-equal
# to `encode_model` of the matching model below, so the two cannot drift apart.

FrankingTag = Annotated[bytes, decoder(exact=32), serializer]
ServerTime = Annotated[int, Field(ge=0, lt=2**63, description="milliseconds since the Unix epoch")]


def _as_sent(schema: dict[str, Any]) -> None:
    """The schema of what goes on the wire. Every member is always sent except one whose default is None, which
    `encode_model` leaves out rather than sending null: a generated client then types it `x?: string`, not
    `x: string | null`."""
    properties: dict[str, dict[str, Any]] = schema.get("properties", {})
    optional = [name for name, member in properties.items() if "default" in member and member["default"] is None]
    schema["required"] = [name for name in properties if name not in optional]
    for name in optional:
        member = properties[name]
        rest = [choice for choice in member.pop("anyOf", []) if choice != {"type": "null"}]
        del member["default"]
        member.update(rest[0] if len(rest) == 1 else {"anyOf": rest})


class _FromServer(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, json_schema_extra=_as_sent)


class ChallengeFrame(_FromServer):
    """The server's first frame on every connection; the client answers with `auth` (docs/protocol.md §3.1)."""

    type: Literal["challenge"] = "challenge"
    challenge: Challenge
    server_id: str
    server_time: ServerTime
    max_frame_bytes: Annotated[int, Field(ge=1)]


class ReadyFrame(_FromServer):
    type: Literal["ready"] = "ready"
    account: AccountId


class AcceptedFrame(_FromServer):
    """A `send` was stored (or was a duplicate of one stored before) under `seq`."""

    type: Literal["accepted"] = "accepted"
    client_id: ClientMessageId
    conversation: ConversationId
    seq: Seq
    server_time: ServerTime
    duplicate: bool
    franking_tag: FrankingTag | None = None

    def accepted(self) -> Accepted:
        return Accepted(
            self.client_id, self.conversation, self.seq, self.server_time, self.duplicate, self.franking_tag
        )


class DeliverFrame(_FromServer):
    type: Literal["deliver"] = "deliver"
    conversation: ConversationId
    seq: Seq
    sender: AccountId
    client_id: ClientMessageId
    ciphertext: Ciphertext
    server_time: ServerTime
    # Both or neither: present when the send carried a commitment (C9).
    commitment: Commitment | None = None
    franking_tag: FrankingTag | None = None

    def delivered(self) -> Delivered:
        return Delivered(
            self.conversation,
            self.seq,
            self.sender,
            self.client_id,
            self.ciphertext,
            self.server_time,
            self.commitment,
            self.franking_tag,
        )


class ResumedFrame(_FromServer):
    type: Literal["resumed"] = "resumed"
    conversations: dict[ConversationId, Seq]


HexId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]


class _Event(_FromServer):
    """A notice outside any conversation's order: a hint, never the truth (docs/protocol.md §3.3). Members are ids,
    codes and numbers only; each flow's document says who receives which."""

    type: Literal["event"] = "event"


class MembershipEvent(_Event):
    """groups.md: every active member after the change, and the account it concerns, start a new epoch."""

    event: Literal["membership"] = "membership"
    group: HexId
    conversation: ConversationId
    version: Annotated[int, Field(ge=0)]
    change: Literal["joined", "left", "removed", "banned"]
    account: AccountId


class GroupUpdatedEvent(_Event):
    event: Literal["group_updated"] = "group_updated"
    group: HexId
    dm_enabled: bool
    max_members: Annotated[int, Field(ge=1)]


class JoinRequestedEvent(_Event):
    event: Literal["join_requested"] = "join_requested"
    group: HexId


class QueueEvent(_Event):
    """counseling.md: requests waiting in the recipient counselor's languages."""

    event: Literal["queue"] = "queue"
    waiting: Annotated[int, Field(ge=0)]


class SessionOpenedEvent(_Event):
    event: Literal["session_opened"] = "session_opened"
    session: HexId
    conversation: ConversationId
    counselor: AccountId


class SessionTransferEvent(_Event):
    """counseling.md. A revoked counselor's sessions are `released`: `counselor` null and no `conversation`."""

    event: Literal["session_transfer"] = "session_transfer"
    session: HexId
    conversation: ConversationId | None = None
    counselor: AccountId | None
    mode: Literal["warm", "cold", "complete", "cancel", "released"]


class SessionClosedEvent(_Event):
    event: Literal["session_closed"] = "session_closed"
    session: HexId


class AlertEvent(_Event):
    """alerts.md: a new alert from the threshold up, or one whose tier a report raised, to every moderator."""

    event: Literal["alert"] = "alert"
    alert_id: HexId
    tier: Annotated[int, Field(ge=1, le=4)]
    conversation: ConversationId


EVENT_MODELS: dict[str, type[_Event]] = {
    "membership": MembershipEvent,
    "group_updated": GroupUpdatedEvent,
    "join_requested": JoinRequestedEvent,
    "queue": QueueEvent,
    "session_opened": SessionOpenedEvent,
    "session_transfer": SessionTransferEvent,
    "session_closed": SessionClosedEvent,
    "alert": AlertEvent,
}
# Every kind the server announces (tests/server/test_schemas.py reads the server for kinds missing here).
EventKind = Literal[
    "membership",
    "group_updated",
    "join_requested",
    "queue",
    "session_opened",
    "session_transfer",
    "session_closed",
    "alert",
]
EventFrame = Annotated[
    MembershipEvent
    | GroupUpdatedEvent
    | JoinRequestedEvent
    | QueueEvent
    | SessionOpenedEvent
    | SessionTransferEvent
    | SessionClosedEvent
    | AlertEvent,
    Field(discriminator="event"),
]


class PongFrame(_FromServer):
    type: Literal["pong"] = "pong"


class ErrorFrame(_FromServer):
    type: Literal["error"] = "error"
    code: ErrorCode
    message: str
    fatal: bool = False
    # The `client_id` or conversation the refusal is about, when there is one (docs/protocol.md §3.4).
    ref: str | None = None


ServerFrame = Annotated[
    ChallengeFrame | ReadyFrame | AcceptedFrame | DeliverFrame | ResumedFrame | EventFrame | PongFrame | ErrorFrame,
    Field(discriminator="type"),
]
# `event` has one model per kind (EVENT_MODELS).
SERVER_FRAMES: dict[str, type[_FromServer]] = {
    "challenge": ChallengeFrame,
    "ready": ReadyFrame,
    "accepted": AcceptedFrame,
    "deliver": DeliverFrame,
    "resumed": ResumedFrame,
    "pong": PongFrame,
    "error": ErrorFrame,
}


def _absent(frame: _FromServer) -> set[str]:
    """The optional members (default None) that are None: left out of the wire rather than sent as null. An
    event's own members are sent as given, null included."""
    return {
        name
        for name, field in type(frame).model_fields.items()
        if field.default is None and getattr(frame, name) is None
    }


def encode_model(frame: _FromServer) -> str:
    """The reference encoding of an outbound frame: compact JSON, members in field order, `_absent` ones left
    out. Slower than the builders above, so only tests and tools use it."""
    return frame.model_dump_json(exclude=_absent(frame))


def as_sent(frame: _FromServer) -> dict[str, Any]:
    """An outbound frame as the JSON object on the wire (for a client that shows or forwards what it got)."""
    return frame.model_dump(mode="json", exclude=_absent(frame))


_SERVER_FRAME: TypeAdapter[ServerFrame] = TypeAdapter(ServerFrame)


def parse_server_frame(data: str | bytes) -> ServerFrame:
    """A frame the server sent, validated (the client's reader). Raises pydantic.ValidationError."""
    return _SERVER_FRAME.validate_json(data)


def only_unknown_kind(error: ValidationError) -> bool:
    """Whether a frame failed only because its `type` or event kind is one this version does not know: a later
    server's addition, which a client passes over rather than treating as a broken server."""
    return all(detail["type"] == "union_tag_invalid" for detail in error.errors())
