"""The wire side of the second client: HTTP (protocol.md 1, groups.md, alerts.md, counseling.md), the websocket
(section 3), and what goes inside `ciphertext` (C15). One device, kept in memory."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import websockets

from . import crypto as H


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code = status, code


@dataclass
class Received:
    conversation: str
    seq: int
    sender: str
    server_time: int
    ciphertext: bytes
    commitment: bytes | None
    tag: bytes | None
    content_type: int = 0
    body: bytes = b""
    message_id: bytes = b""
    franking_key: bytes = b""


@dataclass
class PairSession:
    sid: bytes
    ratchet: H.Ratchet
    started_by_me: bool
    header: bytes
    received: bool = False


@dataclass
class Second:
    base: str
    ident: H.Identity = field(default_factory=H.Identity.generate)
    token: str = ""
    spk: H.SignedPreKey | None = None
    opks: dict[int, H.OneTimePreKey] = field(default_factory=dict)
    sessions: dict[tuple[str, str], list[PairSession]] = field(default_factory=dict)
    send_session: dict[tuple[str, str], bytes] = field(default_factory=dict)
    groups: dict[str, H.GroupSession] = field(default_factory=dict)
    held: list[Received] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
    group_of_pair: dict[str, str] = field(default_factory=dict)  # pair channel -> its group's conversation
    group_versions: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.http = httpx.AsyncClient(base_url=self.base, timeout=30)
        self.ws: Any = None
        self.frames: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None
        self.backlog: list[dict[str, Any]] = []

    @property
    def account(self) -> str:
        return self.ident.account_id

    # ---- HTTP -------------------------------------------------------------------------------------------
    async def call(self, method: str, path: str, body: Any = None, auth: bool = True) -> Any:
        headers = {"Authorization": f"Bearer {self.token}"} if auth and self.token else {}
        r = await self.http.request(method, path, json=body, headers=headers)
        if r.status_code >= 400:
            err = r.json().get("error", {})
            raise ApiError(r.status_code, err.get("code", "?"), err.get("message", ""))
        return r.json() if r.content else None

    async def register(self) -> str:
        ch = await self.call("GET", "/v1/registration/challenge", auth=False)
        challenge, seph = unb64(ch["challenge"]), unb64(ch["server_ephemeral"])
        counter = H.solve_pow(challenge, self.ident.ed_pub + self.ident.x_pub, ch["pow_bits"])
        proof, sig = H.registration_proofs(self.ident, challenge, seph)
        r = await self.call(
            "POST",
            "/v1/identities",
            {
                "signing_key": b64(self.ident.ed_pub),
                "agreement_key": b64(self.ident.x_pub),
                "challenge": ch["challenge"],
                "pow_counter": counter,
                "agreement_proof": b64(proof),
                "signature": b64(sig),
            },
            auth=False,
        )
        assert r["account_id"] == self.account, (r, self.account)
        return r["account_id"]

    async def login(self) -> None:
        ch = await self.call("GET", "/v1/auth/challenge", auth=False)
        now = int(time.time() * 1000)
        sig = H.ed_sign(
            self.ident.ed_seed, H.auth_transcript(unb64(ch["challenge"]), ch["server_id"], now, self.account)
        )
        r = await self.call(
            "POST",
            "/v1/auth/tokens",
            {"account": self.account, "challenge": ch["challenge"], "time": now, "signature": b64(sig)},
            auth=False,
        )
        self.token = r["token"]

    async def upload_prekeys(self, n: int = 5) -> None:
        self.spk = H.SignedPreKey.make(self.ident, 1, os.urandom(32))
        base = max(self.opks, default=0)
        new = [H.OneTimePreKey(base + i + 1, os.urandom(32)) for i in range(n)]
        for k in new:
            self.opks[k.id] = k
        await self.call(
            "PUT",
            "/v1/prekeys",
            {"signed_prekey": b64(self.spk.public()), "one_time_prekeys": [b64(k.public()) for k in new]},
        )

    # ---- websocket --------------------------------------------------------------------------------------
    async def connect(self, ws_url: str) -> None:
        self.ws = await websockets.connect(ws_url, compression=None, max_size=2**20)
        ch = json.loads(await self.ws.recv())
        assert ch["type"] == "challenge", ch
        now = int(time.time() * 1000)
        sig = H.ed_sign(
            self.ident.ed_seed, H.auth_transcript(unb64(ch["challenge"]), ch["server_id"], now, self.account)
        )
        await self.ws.send(json.dumps({"type": "auth", "account": self.account, "time": now, "signature": b64(sig)}))
        ready = json.loads(await self.ws.recv())
        assert ready == {"type": "ready", "account": self.account}, ready
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for raw in self.ws:
            f = json.loads(raw)
            (self.events if f["type"] == "event" else self.frames).put_nowait(f)

    async def disconnect(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            self._reader = None
        if self.ws is not None:
            await self.ws.close()
            self.ws = None
        self.frames = asyncio.Queue()

    async def close(self) -> None:
        await self.disconnect()
        await self.http.aclose()

    async def frame(self, want: str | None = None, timeout: float = 15) -> dict[str, Any]:
        while True:
            f = await asyncio.wait_for(self.frames.get(), timeout)
            if want is None or f["type"] == want:
                return f
            if f["type"] == "error":
                raise RuntimeError(f"server error {f}")
            self.log.append(f"skipped frame {f['type']}")

    async def resume(self, after: dict[str, int] | None = None) -> dict[str, int]:
        await self.ws.send(json.dumps({"type": "resume", "after": after or {}}))
        delivered = []
        while True:
            f = await self.frame()
            if f["type"] == "resumed":
                self.backlog = delivered
                return f["conversations"]
            delivered.append(f)

    async def send_raw(self, conv: str, ct: bytes, com: bytes | None, client_id: bytes | None = None) -> dict[str, Any]:
        cid = client_id or os.urandom(16)
        frame: dict[str, Any] = {"type": "send", "conversation": conv, "client_id": b64(cid), "ciphertext": b64(ct)}
        if com is not None:
            frame["commitment"] = b64(com)
        await self.ws.send(json.dumps(frame))
        f = await self.frame()
        if f["type"] != "accepted":
            raise RuntimeError(f"send refused: {f}")
        assert f["client_id"] == b64(cid) and f["conversation"] == conv
        return f

    async def ack(self, conv: str, seq: int) -> None:
        await self.ws.send(json.dumps({"type": "ack", "conversation": conv, "seq": seq}))

    # ---- pairwise (C15) -----------------------------------------------------------------------------------
    async def _entry_for(self, conv: str, peer: str, padded: bytes) -> tuple[str, int, bytes]:
        """One PAIRWISE entry (C15): an InitialMessage (type 1) until a message arrived in a session this client
        started, a RatchetMessage (type 2) after."""
        key = (conv, peer)
        sid = self.send_session.get(key)
        if sid is None:
            answer = await self.call("GET", f"/v1/prekeys/{peer}")
            raw = unb64(answer["bundle"])
            bundle = H.Bundle.parse(raw)
            if H.account_id_of(bundle.ident[:32], bundle.ident[32:]) != peer:  # protocol.md 1.3
                raise H.Opaque
            header, ratchet, _ = H.x3dh_alice(self.ident, raw, H.os_rng)
            sid = header[65:97]  # session id = EK_A_pub
            self.sessions.setdefault(key, []).append(PairSession(sid, ratchet, True, header))
            self.send_session[key] = sid
        session = next(s for s in self.sessions[key] if s.sid == sid)
        if session.started_by_me and not session.received:
            return peer, 1, b"\x01" + session.header + session.ratchet.encrypt(padded)
        return peer, 2, session.ratchet.encrypt(padded)

    async def send_pairwise(
        self, conv: str, peers: list[str], content_type: int, body: bytes, frank: bool = True
    ) -> tuple[dict[str, Any], bytes, bytes]:
        mid, fk = os.urandom(16), os.urandom(32)
        padded = H.pad(H.envelope(content_type, mid, fk, body))
        entries = [await self._entry_for(conv, p, padded) for p in peers]
        com = H.commitment(fk, mid, self.account, conv, body) if frank else None
        return await self.send_raw(conv, H.pairwise_payload(entries), com), mid, fk

    def _open_pairwise(self, r: Received) -> bytes | None:
        try:
            entries = H.parse_pairwise(r.ciphertext)
        except Exception:
            return None
        mine = [e for e in entries if e[0] == self.account]
        if not mine:
            return None
        _, typ, msg = mine[0]
        key = (r.conversation, r.sender)
        kept = self.sessions.setdefault(key, [])
        if typ == 1:
            if msg[0] != 1:
                return None
            ik, ek, spk_id, opk_id, hl = H.parse_x3dh_header(msg[1:])
            header = msg[1 : 1 + hl]
            if H.account_id_of(ik[:32], ik[32:]) != r.sender:
                return None
            old = next((s for s in kept if s.sid == ek), None)
            if old is not None:
                if old.started_by_me or old.header != header:
                    return None
                try:
                    pt = old.ratchet.decrypt(msg[1 + hl :])
                except H.Opaque:
                    return None
                old.received = True
                return pt
            if self.spk is None or spk_id != self.spk.id:
                return None
            opk = None
            if opk_id is not None:
                opk = self.opks.get(opk_id)
                if opk is None:
                    return None
            ratchet, _ = H.x3dh_bob(self.ident, self.spk, opk, ik, ek, H.os_rng)
            try:
                pt = ratchet.decrypt(msg[1 + hl :])
            except H.Opaque:
                return None
            if opk_id is not None:
                del self.opks[opk_id]
            s = PairSession(ek, ratchet, False, header, received=True)
            kept.append(s)
            cur = self.send_session.get(key)
            cs = next((x for x in kept if x.sid == cur), None)
            if cs is not None and cs.started_by_me and not cs.received:
                self.send_session[key] = min(cur, ek)  # memcmp order
            else:
                self.send_session[key] = ek
            while len(kept) > 8:
                victim = next(x for x in kept if x.sid != self.send_session[key])
                kept.remove(victim)
            return pt
        if typ == 2:
            dh = msg[1:33]
            sid = self.send_session.get(key)
            order = (
                [s for s in kept if s.ratchet.dhr == dh or any(k[0] == dh for k in s.ratchet.skipped)]
                + [s for s in kept if s.sid == sid]
                + list(reversed(kept))
            )
            for s in order:
                try:
                    pt = s.ratchet.decrypt(msg)
                except H.Opaque:
                    continue
                s.received = True
                return pt
        return None

    # ---- receiving --------------------------------------------------------------------------------------
    def _received(self, f: dict[str, Any]) -> Received:
        return Received(
            f["conversation"],
            f["seq"],
            f["sender"],
            f["server_time"],
            unb64(f["ciphertext"]),
            unb64(f["commitment"]) if "commitment" in f else None,
            unb64(f["franking_tag"]) if "franking_tag" in f else None,
        )

    def open(self, f: dict[str, Any]) -> Received | None:
        """Decrypt one deliver frame; None for a dropped one (distributions are installed and return the Received
        with content_type 2)."""
        r = self._received(f)
        if r.ciphertext[:1] == b"\x01":
            gs = self.groups.get(r.conversation)
            if gs is None:
                return None
            try:
                sender, padded = gs.decrypt(r.ciphertext[1:])
            except H.Opaque:
                self.held.append(r)
                return None
            if sender != r.sender:
                return None
        elif r.ciphertext[:1] == b"\x02":
            padded = self._open_pairwise(r)
            if padded is None:
                return None
        else:
            return None
        try:
            ct, mid, fk, body = H.unpad_envelope(padded)
        except H.Opaque:
            return None
        r.content_type, r.message_id, r.franking_key, r.body = ct, mid, fk, body
        if ct == 1:
            if r.commitment is None or H.commitment(fk, mid, r.sender, r.conversation, body) != r.commitment:
                return None
            body.decode("utf-8")
        elif ct == 2 and r.ciphertext[:1] == b"\x02":
            gconv = self.group_of_pair.get(r.conversation)
            if gconv is None:
                return None
            self.groups[gconv].add_distribution(r.sender, body)
        else:
            return None
        return r

    async def next_message(self, timeout: float = 20) -> Received:
        deadline = time.monotonic() + timeout
        while True:
            f = await self.frame("deliver", timeout=max(0.1, deadline - time.monotonic()))
            r = self.open(f)
            await self.ack(f["conversation"], f["seq"])
            if r is None:
                self.log.append(f"dropped {f['conversation']}:{f['seq']}")
                continue
            if r.content_type == 2:
                self.log.append("installed a distribution")
                retry, self.held = self.held, []
                for h in retry:
                    ff = {
                        "conversation": h.conversation,
                        "seq": h.seq,
                        "sender": h.sender,
                        "server_time": h.server_time,
                        "ciphertext": b64(h.ciphertext),
                    }
                    if h.commitment:
                        ff["commitment"] = b64(h.commitment)
                    if h.tag:
                        ff["franking_tag"] = b64(h.tag)
                    rr = self.open(ff)
                    if rr is not None and rr.content_type == 1:
                        return rr
                continue
            return r

    # ---- groups (C7, C15) -------------------------------------------------------------------------------
    async def send_group(self, gid: str, conv: str, text: str) -> dict[str, Any]:
        info = await self.call("GET", f"/v1/groups/{gid}")
        gs = self.groups.setdefault(conv, H.GroupSession(bytes.fromhex(conv)))
        now = int(time.time())
        if gs.needs_new_epoch(now) or self.group_versions.get(conv) != info["membership_version"]:
            gs.rotate(now)
            self.group_versions[conv] = info["membership_version"]
            for m in info["members"]:
                if m["account_id"] == self.account:
                    continue
                pair = await self.call("POST", f"/v1/groups/{gid}/pairs/{m['account_id']}")
                self.group_of_pair[pair["conversation_id"]] = conv
                await self.send_pairwise(pair["conversation_id"], [m["account_id"]], 2, gs.distribution(), frank=False)
        mid, fk = os.urandom(16), os.urandom(32)
        body = text.encode()
        wire = gs.encrypt(H.pad(H.envelope(1, mid, fk, body)), now)
        return await self.send_raw(conv, H.group_payload(wire), H.commitment(fk, mid, self.account, conv, body))
