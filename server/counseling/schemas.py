"""Request and response bodies of the counseling endpoints, and the fixed code lists they use.

Nothing a member or counselor types is stored: a request carries a language and a topic code, a closed session
an outcome code, and notes are sealed blobs the server cannot open (crypto/sealed.py, domain "session-note").
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from server.statuses import HelpRequestStatus, SessionStatus
from wire.b64 import decoder, serializer
from wire.frames import AccountId

# --- the fixed code lists (documented in docs/counseling.md) ---------------------------------------------------
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
TOPICS = ("general", "trauma", "safety", "legal", "family", "substance", "crisis", "other")
OUTCOMES = ("resolved", "referred", "follow_up", "no_show", "transferred_out", "other")
TRANSFER_MODES = ("warm", "cold")
# A counselor's languages are stored comma-separated in a 64-character column: 16 codes of up to 3 letters fit.
MAX_COUNSELOR_LANGUAGES = 16
MAX_SESSIONS_LIMIT = 20
# A sealed note (crypto.sealed wire), as the client produced it.
MAX_NOTE_BYTES = 64 * 1024

Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
Topic = Literal["general", "trauma", "safety", "legal", "family", "substance", "crisis", "other"]
Outcome = Literal["resolved", "referred", "follow_up", "no_show", "transferred_out", "other"]
TransferMode = Literal["warm", "cold"]


class HelpLane(StrEnum):
    """Help requests from outside any group pay a proof of work whose difficulty rises with each lane's own recent
    rate, so a flood of other requests never makes a crisis request dearer (issue 10, item 8)."""

    GENERAL = "general"
    CRISIS = "crisis"


HELP_LANES = tuple(HelpLane)
# The lane's code in a help challenge's nonce (server.identity.challenge.issue_help).
LANE_CODES = {HelpLane.GENERAL: 0, HelpLane.CRISIS: 1}


def lane_of(topic: str | None) -> HelpLane:
    return HelpLane.CRISIS if topic == "crisis" else HelpLane.GENERAL


# server.identity.challenge help layout: nonce 16 (difficulty, lane, 14 random) || expires 8 || MAC 16.
PowChallenge = Annotated[bytes, decoder(exact=40), serializer]
Sealed = Annotated[bytes, decoder(maximum=MAX_NOTE_BYTES), serializer]


class _Body(BaseModel):
    # Strict at the edge: `0` is not `false`, "5" is not 5 (issue 10, item 9).
    model_config = ConfigDict(extra="forbid", strict=True)


# --- members ---------------------------------------------------------------------------------------------------
class PowChallengeOut(BaseModel):
    challenge: PowChallenge
    pow_bits: int
    expires_at: int = Field(description="milliseconds since the epoch")


class PowProof(_Body):
    challenge: PowChallenge
    counter: Annotated[int, Field(ge=0, lt=2**64)]


class HelpRequestIn(_Body):
    language: Language
    topic: Topic | None = None
    pow: PowProof | None = None


class HelpRequestOut(BaseModel):
    request_id: str
    status: HelpRequestStatus
    position: int = Field(description="1 + open requests in the same language served before it; 0 once offered")


class SessionRef(BaseModel):
    session_id: str
    conversation_id: str
    counselor_id: str


class OpenRequestOut(BaseModel):
    request_id: str
    status: HelpRequestStatus
    language: str
    topic: str | None
    position: int
    created_at: int


class MyRequestOut(BaseModel):
    request: OpenRequestOut | None
    session: SessionRef | None


# --- counselors ------------------------------------------------------------------------------------------------
class ProfileIn(_Body):
    available: bool
    languages: Annotated[list[Language], Field(max_length=MAX_COUNSELOR_LANGUAGES)]
    max_sessions: Annotated[int, Field(ge=1, le=MAX_SESSIONS_LIMIT)]

    @field_validator("languages")
    @classmethod
    def _distinct(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class ProfileOut(BaseModel):
    available: bool
    languages: list[str]
    max_sessions: int
    active_sessions: int


class ColleagueOut(BaseModel):
    """Another available counselor a session can be transferred to (counselors have no pseudonym: the id)."""

    account_id: str
    languages: list[str]
    active_sessions: int
    max_sessions: int


class OfferOut(BaseModel):
    request_id: str
    language: str
    topic: str | None
    priority: int
    waited_ms: int
    offer_expires_at: int


class QueueOut(BaseModel):
    offer: OfferOut | None
    waiting: int = Field(description="requests waiting in the caller's languages")


# --- sessions --------------------------------------------------------------------------------------------------
class SessionOut(BaseModel):
    session_id: str
    request_id: str
    conversation_id: str | None = Field(description="null once the session is closed (its conversation is gone)")
    member_id: str
    counselor_id: str
    transfer_to: str | None
    status: SessionStatus
    outcome: str | None
    created_at: int
    closed_at: int | None


class TransferIn(_Body):
    to: AccountId
    mode: TransferMode
    note: Sealed | None = None


class NoteIn(_Body):
    sealed: Sealed


class NoteCreated(BaseModel):
    note_id: str


class NoteOut(BaseModel):
    id: str
    author: str
    sealed: Sealed
    created_at: int


class CloseIn(_Body):
    outcome: Outcome


# --- admins ----------------------------------------------------------------------------------------------------
class StatsOut(BaseModel):
    waiting: int
    offered: int
    active_sessions: int
    available_counselors: int
    median_wait_ms: int | None = Field(description="of the requests waiting now; null when none")
    median_time_to_accept_ms: int | None = Field(
        description="requests accepted yesterday and today, rounded up to its wait bucket; null when none"
    )
    outcomes: dict[str, int] = Field(description="sessions closed yesterday and today, by outcome")
    cancelled: int = Field(description="requests cancelled yesterday and today")
