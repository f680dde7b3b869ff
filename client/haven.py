"""HavenClient: one identity on one server — its keys, its sessions, its messages, its crisis detection.

Everything the server must not see happens here: X3DH and the Double Ratchet for pairwise conversations (pair
channels inside groups, counseling sessions), sender keys for groups, franking commitments, crisis detection on
what is sent and what is received, alerts sealed to the moderators. The state (keys, ratchets, chains, what was
consumed) lives in one encrypted file that is saved after every message processed and BEFORE that message is
acknowledged to the server, so a crash never loses a message nor a key needed to read the next one.

Use the role facades for the product flows: `client.groups`, `client.counseling`, `client.alerts`,
`client.admin`. Incoming messages arrive on `next_message()`; notices (membership changes, offers, urgent
alerts) on `next_notice()`; crisis resources for the person at the keyboard on `next_crisis()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import secrets
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import httpx

from client import distribution as distributions
from client.admin_ops import AdminOps
from client.alert_ops import AlertOps
from client.alert_packet import AlertPacket
from client.api import HavenAPI
from client.api import admin as admin_api
from client.api import alerts as alerts_api
from client.api.config import ServerConfig, server_config
from client.core import crisis as crisis_rules
from client.core import held as held_rules
from client.core import prekeys as prekey_rules
from client.core.budget import check_frame_budget
from client.core.prekeys import ONE_TIME_PREKEY_BATCH as ONE_TIME_PREKEY_BATCH
from client.core.prekeys import ONE_TIME_PREKEY_LOW_WATER as ONE_TIME_PREKEY_LOW_WATER
from client.core.prekeys import PREKEY_REFILL_WAIT_SECONDS
from client.core.prekeys import SIGNED_PREKEY_ROTATE_SECONDS as SIGNED_PREKEY_ROTATE_SECONDS  # re-exported
from client.core.receive import Ack, Deliver, SaveState, consume
from client.counseling_ops import CounselingOps
from client.directory import ConversationInfo, Directory
from client.distribution import OwedDistribution
from client.errors import HavenClientError
from client.group_ops import GroupOps
from client.link import NETWORK_ERRORS, TRANSIENT_CODES, Abandoned, LinkStatus, Outages
from client.messages import AlertRaised, ConversationKind, CrisisNotice, IncomingMessage, SentMessage
from client.payloads import (
    GroupPayload,
    PairwiseEntry,
    PairwisePayload,
    PayloadError,
    decode_payload,
)
from client.registration import register
from client.reliable import PERMANENT_CODES, ReliableRelay
from client.state import ClientState, HeldMessage, StateFile
from crypto import franking
from crypto.envelope import ContentType, Envelope
from crypto.errors import CryptoError
from crypto.keys import IdentityPublic
from crypto.keystore import MEMLIMIT_MODERATE, OPSLIMIT_MODERATE
from crypto.sealed import DOMAIN_ALERT, seal
from crypto.sender_keys import GroupMessage, GroupSession, SenderKeyDistribution
from crypto.x3dh import PreKeyBundle
from moderation import Detector, Verdict, resources_for
from moderation.alert import AlertContent
from wire.frames import EventFrame, MembershipEvent, SessionClosedEvent, SessionOpenedEvent, SessionTransferEvent
from wire.messages import Delivered

log = logging.getLogger("haven.client")
_T = TypeVar("_T")

MODERATOR_KEYS_TTL_SECONDS = 60.0
REPORTABLE_KEPT = 1000


def ws_url_for(server_url: str) -> str:
    base = server_url.rstrip("/")
    if base.startswith("https://"):
        return "wss://" + base[len("https://") :] + "/v1/ws"
    if base.startswith("http://"):
        return "ws://" + base[len("http://") :] + "/v1/ws"
    raise HavenClientError("bad_url", "the server URL must start with http:// or https://")


class HavenClient:
    def __init__(
        self,
        state: ClientState,
        state_file: StateFile,
        *,
        detector: Detector | None = None,
        country: str | None = None,
        prekey_refill_wait: tuple[float, float] = PREKEY_REFILL_WAIT_SECONDS,
    ) -> None:
        self.state = state
        self.prekey_refill_wait = prekey_refill_wait
        self.state_file = state_file
        self.api = HavenAPI(state.server_url, state.identity)
        self.directory = Directory(state.profile)
        self._detector = detector
        # Where the person is (e.g. "MM", "TH"): that country's crisis resources come first.
        self.country = country.upper() if country else None
        self.relay: ReliableRelay | None = None
        self._inbox: asyncio.Queue[IncomingMessage] = asyncio.Queue()
        self._notices: asyncio.Queue[EventFrame | AlertRaised] = asyncio.Queue()
        self._crisis: asyncio.Queue[CrisisNotice] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
        self._lock = asyncio.Lock()  # one message processed (or sent) at a time: the state is not concurrent
        self._config: ServerConfig | None = None
        self._moderators: tuple[float, list[IdentityPublic]] | None = None
        self.undecryptable = 0  # deliveries dropped because they did not authenticate (counted, never shown)
        # The last messages received, with what a report needs. Memory only: a report is made while reading.
        self._reportable: OrderedDict[tuple[str, int], tuple[Envelope, bytes, bytes, bytes | None]] = OrderedDict()
        self.groups = GroupOps(self)
        self.counseling = CounselingOps(self)
        self.alerts = AlertOps(self)
        self.admin = AdminOps(self)
        # Steps waiting out an outage of the HTTP API (see client/link.py), and alerts that could not be raised
        # yet: retried on their own, so a message is never sent, nor processed, twice because of an alert.
        self._outages = Outages()
        self._alert_retries: asyncio.Queue[_AlertAttempt] = asyncio.Queue()
        self._alerts_pending = 0  # queued or being retried: the status says the API is unreachable meanwhile
        # Set when close() stopped a delivery half processed: its keys moved in memory only, and must not be saved.
        self._abandoned = False

    # --- lifecycle -----------------------------------------------------------------------------------------
    @classmethod
    async def create(
        cls,
        server_url: str,
        state_path: str | os.PathLike[str],
        passphrase: str,
        *,
        opslimit: int = OPSLIMIT_MODERATE,
        memlimit: int = MEMLIMIT_MODERATE,
        detector: Detector | None = None,
        country: str | None = None,
    ) -> HavenClient:
        """Make a new identity on this device, register it (paying the proof of work), publish prekeys."""
        state = ClientState.create(server_url.rstrip("/"))
        async with httpx.AsyncClient(base_url=state.server_url, timeout=60) as http:
            await register(http, state.identity)
        state_file = StateFile.create(state_path, passphrase, state, opslimit=opslimit, memlimit=memlimit)
        client = cls(state, state_file, detector=detector, country=country)
        try:
            await client.refresh_prekeys()
        except BaseException:
            await client.api.close()
            raise
        return client

    @classmethod
    async def load(
        cls,
        state_path: str | os.PathLike[str],
        passphrase: str,
        *,
        detector: Detector | None = None,
        country: str | None = None,
    ) -> HavenClient:
        """Unlock the identity kept at `state_path` (StateFileError for a wrong passphrase)."""
        try:
            state_file, state = StateFile.open(state_path, passphrase)
        except FileNotFoundError:
            raise HavenClientError("no_identity", f"no identity at {state_path}; create one first") from None
        return cls(state, state_file, detector=detector, country=country)

    @property
    def account_id(self) -> str:
        return self.state.identity.account_id

    @property
    def detector(self) -> Detector:
        """Built on first use: a short-lived client that never scans does not pay for the lexicons."""
        if self._detector is None:
            self._detector = Detector.default()
        return self._detector

    async def connect(self) -> None:
        """Open the websocket (reconnecting and resuming by itself from then on) and start processing."""
        if self.relay is not None:
            return
        self._outages = Outages()
        self._abandoned = False
        self.relay = ReliableRelay(
            [ws_url_for(self.state.server_url)], self.state.identity, self.state.positions, auto_ack=False
        )
        await self.relay.start()
        self._tasks = [
            asyncio.create_task(self._receive_loop(), name="haven-receive"),
            asyncio.create_task(self._event_loop(), name="haven-events"),
            asyncio.create_task(self._prekey_loop(), name="haven-prekeys"),
            asyncio.create_task(self._alert_loop(), name="haven-alerts"),
            asyncio.create_task(self._resync_loop(), name="haven-resync"),
        ]
        await self._drop_stale_held()

    async def close(self) -> None:
        """Stop between messages, never inside one (the lock is held while a message is processed), then save.

        A delivery waiting out an outage is abandoned unconsumed (the server delivers it again next time)."""
        self._outages.closing.set()
        async with self._lock:
            for task in self._tasks:
                task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks = []
        if self.relay is not None:
            await self.relay.close()
            self.relay = None
        if not self._abandoned:
            self.save()
        await self.api.close()

    @property
    def status(self) -> LinkStatus:
        """What the link to the server is doing now (docs/sdk.md, "Outages")."""
        if self.relay is None:
            return LinkStatus.NOT_CONNECTED
        if not self.relay.connected:
            return LinkStatus.RECONNECTING
        if self._outages.waiting or self._alerts_pending:
            return LinkStatus.API_UNREACHABLE
        return LinkStatus.CONNECTED

    async def __aenter__(self) -> HavenClient:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    def save(self) -> None:
        # state.positions advances only once a message has been processed (see _receive_loop), so a save can
        # never record a message as consumed that this device has not made durable.
        self.state_file.save(self.state)

    async def delete_identity(self) -> None:
        """Remove everything the server holds about this identity, then this device's state file."""
        await self.api.delete("/v1/identities/me")
        for task in self._tasks:
            task.cancel()
        if self.relay is not None:
            await self.relay.close()
            self.relay = None
        await self.api.close()
        self.state_file.delete()

    async def _drop_stale_held(self) -> None:
        """A group message whose sender's chain never came (the sender was removed, or lost its state) is kept no
        longer than the server would have kept it: past the deployment's message time-to-live, it goes."""
        ttl = (await self.config()).message_ttl_seconds
        kept = held_rules.drop_stale(self.state.held, ttl_seconds=ttl, now_ms=time.time_ns() // 1_000_000)
        if len(kept) != len(self.state.held):
            self.state.held = kept
            self.save()

    async def config(self) -> ServerConfig:
        """The deployment's settings, read once."""
        if self._config is None:
            self._config = await server_config(self.api)
        return self._config

    # --- prekeys -------------------------------------------------------------------------------------------
    async def _prekey_loop(self) -> None:
        """Refill and rotate on a randomised schedule while connected, never as a side effect of connecting."""
        jitter = secrets.SystemRandom()
        while True:
            await asyncio.sleep(prekey_rules.next_refill_wait(jitter, self.prekey_refill_wait))
            try:
                async with self._lock:
                    await self.refresh_prekeys()
            except (HavenClientError, httpx.HTTPError) as exc:
                log.warning("prekey refill failed", extra={"code": getattr(exc, "code", type(exc).__name__)})

    async def refresh_prekeys(self) -> None:
        """Publish a signed prekey (rotated weekly) and the last-resort prekey, and keep enough one-time prekeys
        on the server."""
        now_s = int(time.time())
        server_spk, count, server_last_resort = await admin_api.prekey_status(self.api)
        last_resort_key, made_now = self.state.ensure_last_resort_prekey()
        plan = prekey_rules.plan_refresh(
            now_s=now_s,
            signed_published_at=int(self.state.profile.get("signed_prekey_published_at", 0)),
            server_has_signed=server_spk is not None,
            server_one_time=count,
            server_has_last_resort=server_last_resort is not None,
            last_resort_made_now=made_now,
        )
        signed: bytes | None = None
        if plan.signed:
            if plan.rotate_signed:
                signed = bytes(self.state.rotate_signed_prekey(now_s))
            else:
                signed = bytes(self.state.current_signed_prekey.public())
            self.state.profile["signed_prekey_published_at"] = now_s
        # The previous signed prekey answers late initial messages for a grace period, then goes.
        self.state.prune_signed_prekeys(now_s)
        one_time = [bytes(k) for k in self.state.generate_prekeys(plan.one_time)] if plan.one_time else []
        last_resort = bytes(last_resort_key) if plan.last_resort else None
        if not plan.publishes:
            return
        # Saved first: a published key whose private half was lost would make a peer's first message unreadable.
        self.save()
        await admin_api.upload_prekeys(self.api, signed, one_time, last_resort)

    async def _bundle(self, account_id: str) -> PreKeyBundle:
        return await admin_api.fetch_bundle(self.api, account_id)

    # --- sending -------------------------------------------------------------------------------------------
    async def send_group_text(self, group_conversation: str, members: Sequence[str], text: str) -> SentMessage:
        """Encrypt `text` with this device's sender key for the group, starting a new epoch (and sending the
        new chain to every current member over pair channels) first when one is due."""
        group_id = self._group_id_for(group_conversation)
        await self._check_size(text, len(members), group=True)
        # What an earlier epoch still owes goes first: a member it missed could not read this message.
        await self._deliver_owed(group_conversation)
        async with self._lock:
            session = self.group_session(group_conversation)
            now_s = int(time.time())
            if session.needs_new_epoch(now_s):
                # Every channel and bundle first (network only): a failure here leaves the epoch as it was.
                prepared = await self._prepare_distribution(group_id, [m for m in members if m != self.account_id])
                distribution = Envelope.new(ContentType.SENDER_KEY_DISTRIBUTION, bytes(session.rotate(now_s)))
                owed = [
                    self._owed(group_conversation, channel, peer, bundles, distribution)
                    for channel, peer, bundles in prepared
                ]
                distributions.owe(self.state.profile, owed)
            envelope = Envelope.new(ContentType.TEXT, text.encode("utf-8"))
            commitment = franking.commit(
                envelope.franking_key, envelope.message_id, self.account_id, group_conversation, envelope.body
            )
            payload = GroupPayload(session.encrypt(envelope.seal(), now_s)).encode()
            # One save: the new epoch, the pair sessions it advanced, what it owes, and this chain step.
            self.save()
        await self._deliver_owed(group_conversation)
        return await self._send_and_scan(group_conversation, payload, envelope, commitment, text)

    async def send_pairwise_text(
        self, conversation: str, recipients: Sequence[str], text: str, content_type: int = ContentType.TEXT
    ) -> SentMessage:
        """One message to every other member of a pairwise conversation (a counseling session, or a direct
        message on a pair channel): the same envelope, encrypted once per recipient's ratchet."""
        await self._check_size(text, len(set(recipients) - {self.account_id}), group=False)
        envelope = Envelope.new(content_type, text.encode("utf-8"))
        commitment = franking.commit(
            envelope.franking_key, envelope.message_id, self.account_id, conversation, envelope.body
        )
        payload = await self._pairwise_payload(conversation, recipients, envelope)
        return await self._send_and_scan(conversation, payload, envelope, commitment, text)

    async def _check_size(self, text: str, recipients: int, *, group: bool) -> None:
        """Refuse, before encrypting, a text no single frame could carry (the server would answer
        frame_too_large, which names no request, and the send would wait for an answer that never comes)."""
        frame = (await self.config()).max_frame_bytes
        check_frame_budget(text, recipients, group=group, max_frame_bytes=frame)

    async def _pairwise_payload(self, conversation: str, recipients: Sequence[str], envelope: Envelope) -> bytes:
        peers = [r for r in dict.fromkeys(recipients) if r != self.account_id]
        if not peers:
            raise HavenClientError("no_recipients", "nobody else is in this conversation")
        bundles = {
            peer: await self._bundle(peer) for peer in peers if not self.state.pairwise.has_session(conversation, peer)
        }
        async with self._lock:
            entries = [
                self.state.pairwise.encrypt(
                    conversation, peer, envelope.seal(), bundles.__getitem__, identity=self.state.identity
                )
                for peer in peers
            ]
            self.save()
        return PairwisePayload(tuple(entries)).encode()

    async def _prepare_distribution(
        self, group_id: str, members: Sequence[str]
    ) -> list[tuple[str, str, dict[str, PreKeyBundle]]]:
        """(pair channel, peer, the bundle it needs if no session yet) for every member, before anything moves."""
        from client.api import groups as groups_api

        prepared: list[tuple[str, str, dict[str, PreKeyBundle]]] = []
        for peer in members:
            channel = await groups_api.pair_channel(self.api, group_id, peer)
            self.directory.remember(channel.conversation_id, ConversationInfo("pair", group_id=group_id, peer=peer))
            bundles: dict[str, PreKeyBundle] = {}
            if not self.state.pairwise.has_session(channel.conversation_id, peer):
                bundles[peer] = await self._bundle(peer)
            prepared.append((channel.conversation_id, peer, bundles))
        return prepared

    def _owed(
        self, conversation: str, channel: str, peer: str, bundles: dict[str, PreKeyBundle], distribution: Envelope
    ) -> OwedDistribution:
        entry = self.state.pairwise.encrypt(
            channel, peer, distribution.seal(), bundles.__getitem__, identity=self.state.identity
        )
        return OwedDistribution(
            conversation, channel, peer, PairwisePayload((entry,)).encode(), secrets.token_bytes(16)
        )

    async def _deliver_owed(self, conversation: str) -> None:
        """Send what an epoch still owes; each goes off the list (saved) once the relay accepted it."""
        relay = self._relay()
        for item in distributions.owed_for(self.state.profile, conversation):
            try:
                await relay.send(item.channel, item.payload, client_id=item.client_id)
            except HavenClientError as exc:
                if exc.code not in PERMANENT_CODES:
                    raise
                # The channel is gone (the member left or was removed): there is nobody left to deliver it to.
                log.warning("distribution not deliverable", extra={"code": exc.code})
            async with self._lock:
                distributions.settle(self.state.profile, item)
                self.save()

    async def _send_and_scan(
        self, conversation: str, payload: bytes, envelope: Envelope, commitment: bytes, text: str
    ) -> SentMessage:
        accepted = await self._relay().send(conversation, payload, commitment=commitment)
        crisis = await self._scan(
            text,
            conversation=conversation,
            seq=accepted.seq,
            sender=self.account_id,
            envelope=envelope,
            commitment=commitment,
            ciphertext=payload,
            server_time_ms=accepted.server_time_ms,
            tag=accepted.franking_tag,
        )
        return SentMessage(conversation, accepted.seq, envelope.message_id, accepted.server_time_ms, crisis)

    def _relay(self) -> ReliableRelay:
        if self.relay is None:
            raise HavenClientError("not_connected", "call connect() first")
        return self.relay

    # --- crisis detection and alerts ---------------------------------------------------------------------
    async def _scan(
        self,
        text: str,
        *,
        conversation: str,
        seq: int,
        sender: str,
        envelope: Envelope,
        commitment: bytes | None,
        ciphertext: bytes,
        server_time_ms: int,
        tag: bytes | None,
        manual: bool = False,
        verdict: Verdict | None = None,
    ) -> CrisisNotice | None:
        verdict = verdict or self.detector.scan(text)
        if verdict.tier == 0 and not manual:
            return None  # decided before the config is read: a calm message costs no request
        attempt = _AlertAttempt(
            verdict, text, conversation, seq, sender, envelope, commitment, ciphertext, server_time_ms, tag, manual
        )
        resources = resources_for(verdict.language if verdict.language != "und" else "en", self.country)
        alert_id: str | None = None
        pending = False
        try:
            alert_id = await self._alert_if_due(attempt)
        except NETWORK_ERRORS:
            # The message itself is already accepted (or read): the alert is retried on its own by _alert_loop.
            # Failing here would make a caller send the message again, or the receive loop drop it.
            pending = self._retry_alert(attempt)
        except HavenClientError as exc:
            if exc.code in TRANSIENT_CODES:  # a reverse proxy's 502 while the server restarts, a rate limit
                pending = self._retry_alert(attempt)
            else:
                # Detection is for triage, never for blocking: a refused alert must not fail the message.
                log.warning("alert not raised", extra={"code": exc.code})
        audience = self._decide(attempt, threshold=1).audience  # who the notice speaks to needs no threshold
        notice = CrisisNotice(
            conversation,
            verdict.tier,
            verdict.categories,
            verdict.language,
            resources,
            alert_id,
            audience,
            alert_pending=pending,
        )
        self._crisis.put_nowait(notice)
        return notice

    def _retry_alert(self, attempt: _AlertAttempt) -> bool:
        """Queue the alert for _alert_loop; whether one is pending (a message that cannot be reported alerts not)."""
        if not attempt.reportable:
            return False
        self._alerts_pending += 1
        self._alert_retries.put_nowait(attempt)
        return True

    def _decide(self, attempt: _AlertAttempt, *, threshold: int) -> crisis_rules.CrisisDecision:
        return crisis_rules.decide(
            tier=attempt.verdict.tier,
            manual=attempt.manual,
            threshold=threshold,
            sender=attempt.sender,
            me=self.account_id,
            reportable=attempt.reportable,
        )

    async def _alert_if_due(self, attempt: _AlertAttempt) -> str | None:
        """Raise the alert when the deployment's threshold asks for one; its id (None when none is raised)."""
        decision = self._decide(attempt, threshold=(await self.config()).alert_min_tier)
        if not decision.alert:
            return None
        return await self._raise_alert(attempt)

    async def _alert_loop(self) -> None:
        """Alerts a network error stopped, retried with backoff until the server takes them. The server
        deduplicates an alert per message, so an attempt whose answer was lost costs no second alert."""
        while True:
            attempt = await self._alert_retries.get()
            try:
                alert_id = await self._outages.until_reachable(functools.partial(self._alert_if_due, attempt))
            except Abandoned:
                return
            except HavenClientError as exc:
                log.warning("alert not raised", extra={"code": exc.code})
                continue
            finally:
                self._alerts_pending -= 1
            if alert_id is not None:
                self._notices.put_nowait(AlertRaised(attempt.conversation, attempt.seq, alert_id))

    async def _raise_alert(self, attempt: _AlertAttempt) -> str | None:
        moderators = await self._moderator_keys()
        if not moderators:
            return None
        verdict, envelope = attempt.verdict, attempt.envelope
        # Only a reportable message alerts (decide says so), so both are here.
        assert attempt.commitment is not None
        assert attempt.tag is not None
        tier = max(verdict.tier, 1)
        if verdict.tier >= 1:
            content = AlertContent.from_verdict(verdict, attempt.text, envelope.message_id.hex())
        else:  # a manual report of a message detection found nothing in
            content = AlertContent(envelope.message_id.hex(), 1, ("distress",), verdict.language, ())
        report = franking.FrankingReport.build(
            message_id=envelope.message_id,
            sender_account_id=attempt.sender,
            conversation_id=attempt.conversation,
            seq=attempt.seq,
            plaintext=envelope.body,
            franking_key=envelope.franking_key,
            commitment=attempt.commitment,
            ciphertext=attempt.ciphertext,
            server_time=attempt.server_time_ms,
            tag=attempt.tag,
        )
        sealed = seal(
            AlertPacket(content, report).encode(),
            domain=DOMAIN_ALERT,
            sender=self.state.identity,
            recipients=moderators,
        )
        raised = await alerts_api.raise_alert(
            self.api,
            conversation=attempt.conversation,
            seq=attempt.seq,
            tier=tier,
            source="manual" if attempt.manual else "automatic",
            language=verdict.language if verdict.language in ("en", "my") else "und",
            sealed=bytes(sealed),
        )
        return raised.alert_id

    async def _moderator_keys(self) -> list[IdentityPublic]:
        checked_at = time.monotonic()
        if self._moderators is None or checked_at - self._moderators[0] > MODERATOR_KEYS_TTL_SECONDS:
            self._moderators = (checked_at, await admin_api.moderator_keys(self.api))
        return self._moderators[1]

    async def report(self, message: IncomingMessage) -> CrisisNotice | None:
        """A member's own report of a message they received: an alert like an automatic one, tier ≥ 1."""
        kept = self._reportable.get((message.conversation, message.seq))
        if kept is None:
            raise HavenClientError("not_reportable", "this message is no longer held on this device")
        envelope, commitment, ciphertext, tag = kept
        return await self._scan(
            message.text,
            conversation=message.conversation,
            seq=message.seq,
            sender=message.sender,
            envelope=envelope,
            commitment=commitment,
            ciphertext=ciphertext,
            server_time_ms=message.server_time_ms,
            tag=tag,
            manual=True,
        )

    # --- receiving -----------------------------------------------------------------------------------------
    async def next_message(self, timeout: float | None = None) -> IncomingMessage:
        """The next message; one already waiting is returned at once, even with timeout 0."""
        return await _take(self._inbox, timeout)

    async def next_notice(self, timeout: float | None = None) -> EventFrame | AlertRaised:
        return await _take(self._notices, timeout)

    async def next_crisis(self, timeout: float | None = None) -> CrisisNotice:
        return await _take(self._crisis, timeout)

    async def _receive_loop(self) -> None:
        relay = self._relay()
        while True:
            delivered = await relay.receive()
            async with self._lock:
                try:
                    messages = await self._process(delivered)
                except Abandoned:
                    # close() during an outage: nothing of this delivery is saved nor acknowledged, so the
                    # server delivers it again to the next session, which reads it from the saved keys.
                    self._abandoned = True
                    return
                except HavenClientError as exc:
                    # The server could not say what this conversation is; it is dropped, and counted.
                    log.warning("delivery not processed", extra={"code": exc.code})
                    self.undecryptable += 1
                    messages = []
                # Consumed only now: the keys it advanced and the position move together, in one save, which
                # the core orders before the ack.
                effects = consume(self.state.positions, delivered.conversation, delivered.seq, messages)
                for effect in effects:
                    if isinstance(effect, SaveState):
                        self.save()
                    elif isinstance(effect, Deliver):
                        self._inbox.put_nowait(effect.message)
            # No refill here: one right after a message would tell a drainer this device is online. _prekey_loop
            # refills on its own random schedule, and the last-resort prekey covers the gap.
            for effect in effects:
                if isinstance(effect, Ack):
                    await relay.ack(effect.conversation, effect.seq)

    async def _process(self, delivered: Delivered) -> list[IncomingMessage]:
        try:
            payload = decode_payload(delivered.ciphertext)
        except PayloadError:
            self.undecryptable += 1
            return []
        info = await self._conversation_info(delivered.conversation)
        if isinstance(payload, GroupPayload):
            if info is None or info.kind != "group":
                self.undecryptable += 1
                return []
            return await self._process_group(delivered, payload.message, info, held=False)
        entry = payload.entry_for(self.account_id)
        if entry is None:
            return []
        return await self._process_pairwise(delivered, entry, info)

    async def _process_group(
        self, delivered: Delivered, message: GroupMessage, info: ConversationInfo, *, held: bool
    ) -> list[IncomingMessage]:
        session = self.group_session(delivered.conversation)
        if not session.has_chain_for(message):
            if not held:
                # Its sender's chain travels on a pair channel and may arrive later: keep it until then.
                self.state.held = held_rules.hold(
                    self.state.held,
                    HeldMessage(
                        delivered.conversation,
                        delivered.seq,
                        delivered.sender,
                        delivered.ciphertext,
                        delivered.server_time_ms,
                        delivered.commitment or b"",
                        delivered.franking_tag or b"",
                    ),
                )
            return []
        try:
            sender, padded = session.decrypt(message)
            if sender != delivered.sender:
                raise CryptoError("chain of another sender")
            envelope = Envelope.open(padded)
        except CryptoError:
            self.undecryptable += 1
            return []
        return await self._accept_text(delivered, envelope, "group", info)

    async def _process_pairwise(
        self, delivered: Delivered, entry: PairwiseEntry, info: ConversationInfo | None
    ) -> list[IncomingMessage]:
        state = self.state
        try:
            padded = state.pairwise.decrypt(
                delivered.conversation,
                delivered.sender,
                entry,
                identity=state.identity,
                signed_prekeys=state.signed_prekeys,
                one_time_prekeys=state.one_time_prekeys,
            )
            envelope = Envelope.open(padded)
        except CryptoError:
            self.undecryptable += 1
            return []
        if envelope.content_type == ContentType.SENDER_KEY_DISTRIBUTION:
            return await self._install_distribution(delivered.sender, envelope.body)
        if envelope.content_type != ContentType.TEXT:
            return []
        if info is None:
            self.undecryptable += 1
            return []
        if info.kind == "pair":
            allowed = await self._direct_messages_allowed(info.group_id)
            if not allowed:
                # The group has direct messages off: an honest client neither sends nor shows them.
                return []
            return await self._accept_text(delivered, envelope, "direct", info)
        return await self._accept_text(delivered, envelope, "session", info)

    async def _install_distribution(self, sender: str, body: bytes) -> list[IncomingMessage]:
        try:
            distribution = SenderKeyDistribution.from_bytes(body)
        except CryptoError:
            self.undecryptable += 1
            return []
        conversation = distribution.group_id.hex()
        info = await self._conversation_info(conversation)
        if info is None or info.kind != "group":
            return []  # a chain for a group this device is not in
        session = self.group_session(conversation)
        try:
            session.add_distribution(sender, distribution)
        except CryptoError:
            self.undecryptable += 1
            return []
        released: list[IncomingMessage] = []

        def readable(held: HeldMessage) -> bool:
            payload = decode_payload(held.ciphertext)
            return isinstance(payload, GroupPayload) and session.has_chain_for(payload.message)

        for held in held_rules.releasable(self.state.held, conversation, readable):
            payload = decode_payload(held.ciphertext)
            assert isinstance(payload, GroupPayload)
            self.state.held.remove(held)
            delivered = Delivered(
                held.conversation,
                held.seq,
                held.sender,
                b"",
                held.ciphertext,
                held.server_time,
                held.commitment or None,
                held.tag or None,
            )
            released += await self._process_group(delivered, payload.message, info, held=True)
        return released

    async def _accept_text(
        self, delivered: Delivered, envelope: Envelope, kind: ConversationKind, info: ConversationInfo
    ) -> list[IncomingMessage]:
        if delivered.commitment is None:
            self.undecryptable += 1  # every Haven client frankes; a message without a commitment is not shown
            return []
        try:
            franking.open_commitment(
                envelope.franking_key,
                delivered.commitment,
                envelope.message_id,
                delivered.sender,
                delivered.conversation,
                envelope.body,
            )
            text = envelope.body.decode("utf-8")
        except (CryptoError, UnicodeDecodeError):
            self.undecryptable += 1
            return []
        self._reportable[(delivered.conversation, delivered.seq)] = (
            envelope,
            delivered.commitment,
            delivered.ciphertext,
            delivered.franking_tag,
        )
        while len(self._reportable) > REPORTABLE_KEPT:
            self._reportable.popitem(last=False)
        verdict = self.detector.scan(text)
        await self._scan(
            text,
            conversation=delivered.conversation,
            seq=delivered.seq,
            sender=delivered.sender,
            envelope=envelope,
            commitment=delivered.commitment,
            ciphertext=delivered.ciphertext,
            server_time_ms=delivered.server_time_ms,
            tag=delivered.franking_tag,
            verdict=verdict,
        )
        return [
            IncomingMessage(
                delivered.conversation,
                delivered.seq,
                delivered.sender,
                text,
                envelope.message_id,
                delivered.server_time_ms,
                kind,
                info.group_id,
                info.session_id,
                verdict,
            )
        ]

    # --- conversations this device knows -------------------------------------------------------------------
    def group_session(self, conversation: str) -> GroupSession:
        session = self.state.groups.get(conversation)
        if session is None:
            session = GroupSession(bytes.fromhex(conversation))
            self.state.groups[conversation] = session
        return session

    def _group_id_for(self, conversation: str) -> str:
        info = self.directory.lookup(conversation)
        if info is None or info.kind != "group" or info.group_id is None:
            raise HavenClientError("unknown_group", "this device does not know that group yet")
        return info.group_id

    async def _conversation_info(self, conversation: str) -> ConversationInfo | None:
        info = self.directory.lookup(conversation)
        if info is None:
            # Waits out an outage rather than fail: failing would drop the delivery (or end the receive loop).
            await self._outages.until_reachable(self.groups.sync)
            await self._outages.until_reachable(self.counseling.sync)
            info = self.directory.lookup(conversation)
        return info

    async def _direct_messages_allowed(self, group_id: str | None) -> bool:
        if group_id is None:
            return False
        # Asked after the message was decrypted (its keys already moved): the call is retried in place until the
        # server answers, never the whole delivery, which could not be decrypted a second time.
        info = await self._outages.until_reachable(lambda: self.groups.info(group_id))
        return bool(info.dm_enabled)

    # --- events --------------------------------------------------------------------------------------------
    async def _event_loop(self) -> None:
        relay = self._relay()
        while True:
            event = await relay.events.get()
            try:
                await self._outages.until_reachable(functools.partial(self._on_event, event))
            except Abandoned:
                return
            except HavenClientError as exc:
                log.warning("event not handled", extra={"code": exc.code})
            self._notices.put_nowait(event)

    async def _resync_loop(self) -> None:
        """After every reconnect, read the groups and sessions again: notices are not replayed, so a member who
        joined or left while this device was offline would otherwise wait for the next send to be noticed, a group
        this device was removed from would never be forgotten, nor a session closed meanwhile."""
        relay = self._relay()
        relay.reconnected.clear()  # the first connection was made by connect(); only later ones count
        while True:
            await relay.reconnected.wait()
            relay.reconnected.clear()
            try:
                await self._outages.until_reachable(self._resync)
            except Abandoned:
                return
            except HavenClientError as exc:
                log.warning("groups not re-read after a reconnect", extra={"code": exc.code})

    async def _resync(self) -> None:
        async with self._lock:
            await self.groups.sync()
            await self.counseling.sync()

    async def _on_event(self, event: EventFrame) -> None:
        if isinstance(event, MembershipEvent):
            await self.groups.on_membership(event)
        elif isinstance(event, SessionOpenedEvent | SessionTransferEvent | SessionClosedEvent):
            await self.counseling.on_session_event(event)


@dataclass(frozen=True, slots=True)
class _AlertAttempt:
    """Everything an alert about one message needs, kept so it can be raised again after an outage."""

    verdict: Verdict
    text: str
    conversation: str
    seq: int
    sender: str
    envelope: Envelope
    commitment: bytes | None
    ciphertext: bytes
    server_time_ms: int
    tag: bytes | None
    manual: bool

    @property
    def reportable(self) -> bool:
        # Without a commitment and the relay's tag no report can be verified, so no alert is raised.
        return self.commitment is not None and self.tag is not None


async def _take(queue: asyncio.Queue[_T], timeout: float | None) -> _T:
    try:
        return queue.get_nowait()
    except asyncio.QueueEmpty:
        return await asyncio.wait_for(queue.get(), timeout)
