"""Counseling calls (docs/counseling.md): help requests, counselor profile and queue, offers, sessions, transfers,
sealed notes, closing, and the admins' aggregate figures."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from client.api.transport import HavenAPI, b64, unb64
from crypto.pow import solve_pow

_BASE = "/v1/counseling"


@dataclass(frozen=True, slots=True)
class PowChallenge:
    challenge: bytes
    pow_bits: int
    expires_at_ms: int


@dataclass(frozen=True, slots=True)
class PowSolution:
    challenge: bytes
    counter: int


@dataclass(frozen=True, slots=True)
class HelpRequest:
    request_id: str
    status: str
    position: int


@dataclass(frozen=True, slots=True)
class OpenRequest:
    request_id: str
    status: str
    language: str
    topic: str | None
    position: int
    created_at_ms: int


@dataclass(frozen=True, slots=True)
class SessionRef:
    session_id: str
    conversation_id: str
    counselor_id: str


@dataclass(frozen=True, slots=True)
class MyRequest:
    request: OpenRequest | None
    session: SessionRef | None


@dataclass(frozen=True, slots=True)
class Profile:
    available: bool
    languages: tuple[str, ...]
    max_sessions: int
    active_sessions: int


@dataclass(frozen=True, slots=True)
class Offer:
    request_id: str
    language: str
    topic: str | None
    priority: int
    waited_ms: int
    offer_expires_at_ms: int


@dataclass(frozen=True, slots=True)
class QueueView:
    offer: Offer | None
    waiting: int


@dataclass(frozen=True, slots=True)
class Session:
    session_id: str
    request_id: str
    # None once the session is closed: its conversation was deleted with it.
    conversation_id: str | None
    member_id: str
    counselor_id: str
    transfer_to: str | None
    status: str
    outcome: str | None
    created_at_ms: int
    closed_at_ms: int | None


@dataclass(frozen=True, slots=True)
class Note:
    note_id: str
    author: str
    sealed: bytes
    created_at_ms: int


@dataclass(frozen=True, slots=True)
class Stats:
    waiting: int
    offered: int
    active_sessions: int
    available_counselors: int
    median_wait_ms: int | None
    median_time_to_accept_ms: int | None


# --- members ---------------------------------------------------------------------------------------------------
async def pow_challenge(api: HavenAPI, topic: str | None = None) -> PowChallenge:
    """A challenge for a request with `topic` (`crisis` has its own lane and difficulty)."""
    body = await api.get(f"{_BASE}/pow", **({"topic": topic} if topic is not None else {}))
    return PowChallenge(unb64(body["challenge"]), int(body["pow_bits"]), int(body["expires_at"]))


async def solve_help_pow(api: HavenAPI, topic: str | None = None) -> PowSolution:
    """Fetch a challenge for `topic` and solve it for this identity (payload = account id), off the event loop."""
    issued = await pow_challenge(api, topic)
    counter = await asyncio.to_thread(solve_pow, issued.challenge, api.account_id.encode("ascii"), issued.pow_bits)
    return PowSolution(issued.challenge, counter)


async def request_help(
    api: HavenAPI, language: str, topic: str | None = None, pow: PowSolution | None = None
) -> HelpRequest:
    """Ask for a counselor. Outside any group pass `pow` (from solve_help_pow)."""
    body: dict[str, Any] = {"language": language}
    if topic is not None:
        body["topic"] = topic
    if pow is not None:
        body["pow"] = {"challenge": b64(pow.challenge), "counter": pow.counter}
    answer = await api.post(f"{_BASE}/requests", body)
    return HelpRequest(answer["request_id"], answer["status"], int(answer["position"]))


async def my_request(api: HavenAPI) -> MyRequest:
    body = await api.get(f"{_BASE}/requests/mine")
    raw_request, raw_session = body.get("request"), body.get("session")
    request = (
        OpenRequest(
            raw_request["request_id"],
            raw_request["status"],
            raw_request["language"],
            raw_request.get("topic"),
            int(raw_request["position"]),
            int(raw_request["created_at"]),
        )
        if raw_request
        else None
    )
    session = (
        SessionRef(raw_session["session_id"], raw_session["conversation_id"], raw_session["counselor_id"])
        if raw_session
        else None
    )
    return MyRequest(request, session)


async def cancel_request(api: HavenAPI, request_id: str) -> None:
    await api.delete(f"{_BASE}/requests/{request_id}")


# --- counselors ------------------------------------------------------------------------------------------------
def _profile(body: dict[str, Any]) -> Profile:
    return Profile(
        bool(body["available"]), tuple(body["languages"]), int(body["max_sessions"]), int(body["active_sessions"])
    )


async def get_profile(api: HavenAPI) -> Profile:
    return _profile(await api.get(f"{_BASE}/profile"))


async def set_profile(api: HavenAPI, *, available: bool, languages: list[str], max_sessions: int) -> Profile:
    return _profile(
        await api.put(
            f"{_BASE}/profile", {"available": available, "languages": languages, "max_sessions": max_sessions}
        )
    )


def _offer(body: dict[str, Any]) -> Offer:
    return Offer(
        body["request_id"],
        body["language"],
        body.get("topic"),
        int(body["priority"]),
        int(body["waited_ms"]),
        int(body["offer_expires_at"]),
    )


async def next_offer(api: HavenAPI) -> Offer | None:
    """The best waiting request for this counselor, offered exclusively; None when nothing fits."""
    body = await api.post_optional(f"{_BASE}/offers/next")
    return None if body is None else _offer(body)


async def queue(api: HavenAPI) -> QueueView:
    body = await api.get(f"{_BASE}/queue")
    return QueueView(_offer(body["offer"]) if body.get("offer") else None, int(body["waiting"]))


async def accept_offer(api: HavenAPI, request_id: str) -> Session:
    return _session(await api.post(f"{_BASE}/offers/{request_id}/accept"))


async def decline_offer(api: HavenAPI, request_id: str) -> None:
    await api.post(f"{_BASE}/offers/{request_id}/decline")


# --- sessions --------------------------------------------------------------------------------------------------
def _session(body: dict[str, Any]) -> Session:
    return Session(
        body["session_id"],
        body["request_id"],
        body["conversation_id"],
        body["member_id"],
        body["counselor_id"],
        body.get("transfer_to"),
        body["status"],
        body.get("outcome"),
        int(body["created_at"]),
        None if body.get("closed_at") is None else int(body["closed_at"]),
    )


async def sessions(api: HavenAPI) -> list[Session]:
    return [_session(row) for row in await api.get_list(f"{_BASE}/sessions")]


async def session(api: HavenAPI, session_id: str) -> Session:
    return _session(await api.get(f"{_BASE}/sessions/{session_id}"))


async def transfer(api: HavenAPI, session_id: str, to: str, mode: str, note: bytes | None = None) -> Session:
    """Hand the session to counselor `to` ("warm": both stay until complete; "cold": at once). `note` is a
    crypto.sealed blob sealed to `to`'s identity (domain "session-note")."""
    body: dict[str, Any] = {"to": to, "mode": mode}
    if note is not None:
        body["note"] = b64(note)
    return _session(await api.post(f"{_BASE}/sessions/{session_id}/transfer", body))


async def complete_transfer(api: HavenAPI, session_id: str) -> Session:
    return _session(await api.post(f"{_BASE}/sessions/{session_id}/transfer/complete"))


async def cancel_transfer(api: HavenAPI, session_id: str) -> Session:
    return _session(await api.post(f"{_BASE}/sessions/{session_id}/transfer/cancel"))


async def add_note(api: HavenAPI, session_id: str, sealed: bytes) -> str:
    """Store a note sealed to the caller's own identity; the server cannot read it."""
    return str((await api.post(f"{_BASE}/sessions/{session_id}/notes", {"sealed": b64(sealed)}))["note_id"])


async def notes(api: HavenAPI, session_id: str) -> list[Note]:
    return [
        Note(row["id"], row["author"], unb64(row["sealed"]), int(row["created_at"]))
        for row in await api.get_list(f"{_BASE}/sessions/{session_id}/notes")
    ]


async def close_session(api: HavenAPI, session_id: str, outcome: str) -> None:
    await api.post(f"{_BASE}/sessions/{session_id}/close", {"outcome": outcome})


# --- admins ----------------------------------------------------------------------------------------------------
async def stats(api: HavenAPI) -> Stats:
    body = await api.get(f"{_BASE}/stats")
    return Stats(
        int(body["waiting"]),
        int(body["offered"]),
        int(body["active_sessions"]),
        int(body["available_counselors"]),
        body.get("median_wait_ms"),
        body.get("median_time_to_accept_ms"),
    )
