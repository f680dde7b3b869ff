"""The wire frames: JSON text objects with a "type". Inbound ones are validated here and nowhere else."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from server.protocol.b64 import Ciphertext, ClientMessageId, Commitment, Signature, b64encode

AccountId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
ConversationId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
Seq = Annotated[int, Field(ge=0, lt=2**63)]


class _Inbound(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class AuthFrame(_Inbound):
    type: Literal["auth"]
    account: AccountId
    time: Annotated[int, Field(ge=0, lt=2**63)]
    signature: Signature


class SendFrame(_Inbound):
    type: Literal["send"]
    conversation: ConversationId
    client_id: ClientMessageId
    ciphertext: Ciphertext
    # The sender's franking commitment (crypto/franking.py); the server answers with its tag over it.
    commitment: Commitment | None = None


class AckFrame(_Inbound):
    type: Literal["ack"]
    conversation: ConversationId
    seq: Seq


class ResumeFrame(_Inbound):
    type: Literal["resume"]
    # conversation -> replay messages with seq greater than this; conversations not named resume from the
    # member's acknowledged position.
    after: Annotated[dict[ConversationId, Seq], Field(max_length=10_000)] = Field(default_factory=dict)


class PingFrame(_Inbound):
    type: Literal["ping"]


InboundFrame = AuthFrame | SendFrame | AckFrame | ResumeFrame | PingFrame
INBOUND_TYPES: dict[str, type[InboundFrame]] = {
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


def accepted_frame(
    client_id: bytes,
    conversation: str,
    seq: int,
    server_time_ms: int,
    duplicate: bool,
    franking_tag: bytes | None = None,
) -> str:
    # Hot path, one per message: formatted directly. Every value is a validated hex id, an int, base64 or a
    # bool, none of which JSON needs to escape (tests compare it with json.dumps of the same object).
    tag = f',"franking_tag":"{b64encode(franking_tag)}"' if franking_tag is not None else ""
    return (
        f'{{"type":"accepted","client_id":"{b64encode(client_id)}","conversation":"{conversation}",'
        f'"seq":{int(seq)},"server_time":{int(server_time_ms)},"duplicate":{"true" if duplicate else "false"}'
        f"{tag}}}"
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
