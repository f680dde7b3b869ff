"""Counseling in the SDK: asking for help, a counselor's queue, sessions (X3DH from the member's prekeys on the
first message, so the member may be offline), transfers with notes sealed to the next counselor, closing."""

from __future__ import annotations

from dataclasses import dataclass

from client.api import admin as admin_api
from client.api import counseling as counseling_api
from client.directory import ConversationInfo
from client.errors import HavenClientError
from client.messages import SentMessage
from client.port import Facade
from crypto.errors import CryptoError
from crypto.sealed import DOMAIN_SESSION_NOTE, open_sealed, seal
from wire.frames import SessionClosedEvent, SessionOpenedEvent, SessionTransferEvent


@dataclass(frozen=True, slots=True)
class SessionNote:
    author: str
    text: str
    created_at_ms: int

    def __repr__(self) -> str:
        return f"SessionNote(author={self.author}, <text>)"


class CounselingOps(Facade):
    # --- members -----------------------------------------------------------------------------------------
    async def request_help(self, language: str, topic: str | None = None) -> counseling_api.HelpRequest:
        """Ask for a counselor; pays the proof of work the server asks of someone in no group."""
        try:
            return await counseling_api.request_help(self._api, language, topic)
        except HavenClientError as exc:
            if exc.code != "pow_required":
                raise
        solution = await counseling_api.solve_help_pow(self._api, topic)
        return await counseling_api.request_help(self._api, language, topic, solution)

    async def my_request(self) -> counseling_api.MyRequest:
        return await counseling_api.my_request(self._api)

    async def cancel(self, request_id: str) -> None:
        await counseling_api.cancel_request(self._api, request_id)

    # --- counselors --------------------------------------------------------------------------------------
    async def set_availability(
        self, available: bool, languages: list[str], max_sessions: int = 3
    ) -> counseling_api.Profile:
        return await counseling_api.set_profile(
            self._api, available=available, languages=languages, max_sessions=max_sessions
        )

    async def profile(self) -> counseling_api.Profile:
        return await counseling_api.get_profile(self._api)

    async def queue(self) -> counseling_api.QueueView:
        return await counseling_api.queue(self._api)

    async def next_offer(self) -> counseling_api.Offer | None:
        return await counseling_api.next_offer(self._api)

    async def accept(self, request_id: str) -> counseling_api.Session:
        session = await counseling_api.accept_offer(self._api, request_id)
        self._remember(session.conversation_id, session.session_id)
        return session

    async def decline(self, request_id: str) -> None:
        await counseling_api.decline_offer(self._api, request_id)

    async def transfer(
        self, session_id: str, to: str, *, mode: str = "warm", notes: str | None = None
    ) -> counseling_api.Session:
        """Hand the session to counselor `to`; `notes` are sealed to `to` alone before they leave this device."""
        note: bytes | None = None
        if notes is not None:
            recipient = await admin_api.identity_public(self._api, to)
            note = bytes(
                seal(
                    notes.encode("utf-8"),
                    domain=DOMAIN_SESSION_NOTE,
                    sender=self._client.state.identity,
                    recipients=[recipient],
                )
            )
        return await counseling_api.transfer(self._api, session_id, to, mode, note)

    async def complete_transfer(self, session_id: str) -> counseling_api.Session:
        return await counseling_api.complete_transfer(self._api, session_id)

    async def cancel_transfer(self, session_id: str) -> counseling_api.Session:
        return await counseling_api.cancel_transfer(self._api, session_id)

    async def add_note(self, session_id: str, text: str) -> str:
        sealed = seal(
            text.encode("utf-8"),
            domain=DOMAIN_SESSION_NOTE,
            sender=self._client.state.identity,
            recipients=[self._client.state.identity.public()],
        )
        return await counseling_api.add_note(self._api, session_id, bytes(sealed))

    async def notes(self, session_id: str) -> list[SessionNote]:
        """The session's notes addressed to this counselor, opened here; one that does not open is skipped."""
        opened: list[SessionNote] = []
        for note in await counseling_api.notes(self._api, session_id):
            try:
                author, text = open_sealed(
                    note.sealed, domain=DOMAIN_SESSION_NOTE, recipient=self._client.state.identity
                )
            except CryptoError:
                continue
            if author.account_id != note.author:
                continue  # sealed by someone other than the counselor the server names: not shown
            opened.append(SessionNote(note.author, text.decode("utf-8", "replace"), note.created_at_ms))
        return opened

    async def close(self, session_id: str, outcome: str) -> None:
        session = await counseling_api.session(self._api, session_id)
        await counseling_api.close_session(self._api, session_id, outcome)
        self._forget(session.conversation_id)

    async def stats(self) -> counseling_api.Stats:
        return await counseling_api.stats(self._api)

    # --- both --------------------------------------------------------------------------------------------
    async def sessions(self) -> list[counseling_api.Session]:
        found = await counseling_api.sessions(self._api)
        for session in found:
            if session.status == "active":
                self._remember(session.conversation_id, session.session_id)
        return found

    async def send(self, session_id: str, text: str) -> SentMessage:
        """To everyone else in the session (the member and its counselor — both counselors during a warm
        transfer), each through its own Double Ratchet."""
        session = await counseling_api.session(self._api, session_id)
        if session.status != "active" or session.conversation_id is None:
            raise HavenClientError("session_closed", "this session is closed")
        self._remember(session.conversation_id, session.session_id)
        participants = [session.member_id, session.counselor_id]
        if session.transfer_to:
            participants.append(session.transfer_to)
        return await self._client.send_pairwise_text(session.conversation_id, participants, text)

    async def sync(self) -> None:
        """Learn the caller's active sessions and forget the conversations of those no longer active for it
        (closed, or transferred away) — also those that ended while this device was offline, whose notice the
        relay did not keep."""
        active = {session.session_id for session in await self.sessions() if session.status == "active"}
        for conversation, info in list(self._client.state.profile.get("conversations", {}).items()):
            if info.get("kind") == "session" and info.get("session") not in active:
                self._forget(conversation)
        self._client.save()

    async def on_session_event(self, event: SessionOpenedEvent | SessionTransferEvent | SessionClosedEvent) -> None:
        if isinstance(event, SessionClosedEvent):
            for conversation, info in list(self._client.state.profile.get("conversations", {}).items()):
                if info.get("session") == event.session:
                    self._forget(conversation)
            return
        await self.sync()

    def _remember(self, conversation: str | None, session_id: str) -> None:
        if conversation is not None and self._client.directory.lookup(conversation) is None:
            self._client.directory.remember(conversation, ConversationInfo("session", session_id=session_id))
            self._client.save()

    def _forget(self, conversation: str | None) -> None:
        if conversation is None:
            return
        self._client.state.pairwise.forget_conversation(conversation)
        self._client.directory.forget(conversation)
        self._client.save()
