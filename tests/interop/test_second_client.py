"""The independent second client (tests/interop/second_client, written from docs/protocol.md and the documents it
links, importing nothing from this repository) against a real server, with the reference SDK as its peer in both
directions. When the documentation stops being exact enough to implement from, this fails."""

from __future__ import annotations

import ast
import json
import os
import sys
import time
from pathlib import Path

import pytest

from client.haven import HavenClient  # the peer only: the second client itself never imports the SDK
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN
from tests.haven_testing.live_server import TEST_SECRET
from tests.interop.second_client import client as C
from tests.interop.second_client import crypto as H
from tests.interop.second_client.vectors import check

PACKAGE = Path(__file__).parent / "second_client"
VECTORS = Path(__file__).parents[1] / "vectors"
ALLOWED_THIRD_PARTY = {"nacl", "httpx", "websockets"}


def test_the_second_client_imports_only_the_standard_library_pynacl_httpx_and_websockets() -> None:
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level > 0:
                continue  # its own modules
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY, f"{path.name} imports {name}"


def test_every_vector_file_reproduces_from_its_recorded_inputs() -> None:
    checked, fails = check(VECTORS)
    assert fails == []
    files = {name.split(".")[0] for name in checked}
    assert files == {"hkdf", "identity", "envelope", "franking", "session", "group", "sealed", "keystore", "product"}
    assert len(checked) > 150


async def test_the_second_client_and_the_sdk_talk_both_ways(server_factory, fresh_database_url, tmp_path) -> None:
    """Registration, login, prekeys, the websocket, 1:1 sessions started by either side, a group by sender keys, a
    franking report that verifies, documented refusals, a replay after reconnecting, a help request with proof of
    work. The SDK peers P and Q are real HavenClients; only the checks of the SDK's side use its API."""
    server = server_factory(fresh_database_url, help_pow_bits="8")
    url, tmp = server.http_url, tmp_path
    ws = url.replace("http", "ws") + "/v1/ws"
    s = C.Second(url)
    await s.register()
    await s.login()
    await s.upload_prekeys()
    me = await s.call("GET", "/v1/me")
    assert me["account_id"] == s.account
    cfg = await s.call("GET", "/v1/config", auth=False)
    # bootstrap the first admin (1.4), then make ourselves a moderator with an invite
    await s.call(
        "POST", "/v1/admin/bootstrap", {"proof": C.b64(H.bootstrap_proof(bytes.fromhex(TEST_SECRET), s.account))}
    )
    inv = await s.call("POST", "/v1/admin/invites", {"role": "moderator", "ttl_seconds": 600})
    assert (await s.call("POST", "/v1/roles/redeem", {"code": inv["code"]}))["role"] == "moderator"
    g = await s.call("POST", "/v1/groups", {"pseudonym": "Second", "dm_enabled": True})
    gid, gconv = g["group_id"], g["conversation_id"]
    await s.connect(ws)
    await s.resume()

    # two SDK peers join: P (we start the session) and Q (it starts the session)
    peers = []
    for name in ("P", "Q"):
        c = await HavenClient.create(url, tmp / f"{name}.haven", "pw", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN)
        gi = await s.call("POST", f"/v1/groups/{gid}/invites", {"ttl_seconds": 600, "max_uses": 1})
        await c.groups.join(gi["code"], name)
        await s.call("POST", f"/v1/groups/{gid}/members/{c.account_id}/approve")
        await c.connect()
        peers.append(c)
    p, q = peers
    members = [s.account, p.account_id, q.account_id]

    # 1:1, we start (X3DH as Alice with P's bundle), P answers
    pair_p = (await s.call("POST", f"/v1/groups/{gid}/pairs/{p.account_id}"))["conversation_id"]
    s.group_of_pair[pair_p] = gconv
    await s.send_pairwise(pair_p, [p.account_id], 1, b"hello P from the second client")
    m = await p.next_message(timeout=20)
    assert m.text == "hello P from the second client" and m.sender == s.account, m
    await p.send_pairwise_text(pair_p, [s.account], "hello second, from P")
    r = await s.next_message()
    assert r.body == b"hello second, from P" and r.sender == p.account_id
    await s.send_pairwise(pair_p, [p.account_id], 1, b"second round")
    assert (await p.next_message(timeout=20)).text == "second round"

    # 1:1, Q starts (we are Bob, with a one-time prekey)
    pair_q = (await s.call("POST", f"/v1/groups/{gid}/pairs/{q.account_id}"))["conversation_id"]
    s.group_of_pair[pair_q] = gconv
    await q.send_pairwise_text(pair_q, [s.account], "hi second, Q here")
    r = await s.next_message()
    assert r.body == b"hi second, Q here" and r.sender == q.account_id
    await s.send_pairwise(pair_q, [q.account_id], 1, b"hi Q")
    assert (await q.next_message(timeout=20)).text == "hi Q"

    # group: we send (distribution over pair channels first), both SDK peers read; P sends, we read
    await s.send_group(gid, gconv, "group hello from second")
    for c in (p, q):
        m = await c.next_message(timeout=20)
        assert m.text == "group hello from second", m
    await p.send_group_text(gconv, members, "group hello from P")
    r = await s.next_message()
    assert r.body == b"group hello from P" and r.conversation == gconv
    group_msg = r

    # franking report of P's group message: seal an alert packet to the moderators (us), raise, verify
    mods = await s.call("GET", "/v1/moderators/keys")
    cth = H.blake2b(32, group_msg.ciphertext)
    report = H.franking_report(
        group_msg.message_id,
        group_msg.sender,
        group_msg.conversation,
        group_msg.seq,
        group_msg.body,
        group_msg.franking_key,
        group_msg.commitment,
        cth,
        group_msg.server_time,
        group_msg.tag,
    )
    content = {
        "v": 1,
        "message_id": group_msg.message_id.hex(),
        "tier": 1,
        "categories": ["distress"],
        "language": "en",
        "excerpts": [],
    }
    sealed = H.seal(H.alert_packet(content, report), "alert", s.ident, [C.unb64(m["agreement_key"]) for m in mods])
    a = await s.call(
        "POST",
        "/v1/alerts",
        {
            "conversation": gconv,
            "seq": group_msg.seq,
            "tier": 1,
            "source": "manual",
            "language": "en",
            "sealed": C.b64(sealed),
        },
    )
    await s.call("POST", f"/v1/alerts/{a['alert_id']}/claim")
    al = await s.call("GET", f"/v1/alerts/{a['alert_id']}")
    # alerts.md: every report of the message is kept apart under the alert; ours is the only one here.
    (ours,) = al["sealed_reports"]
    sealer, packet = H.open_sealed(C.unb64(ours["sealed"]), "alert", s.ident)
    assert packet == H.alert_packet(content, report) and sealer == s.ident.public
    v = await s.call(
        "POST",
        f"/v1/alerts/{a['alert_id']}/verify",
        {
            "local_check": "passed",
            "report": ours["report_id"],
            "sender": group_msg.sender,
            "commitment": C.b64(group_msg.commitment),
            "ciphertext_hash": C.b64(cth),
            "server_time": group_msg.server_time,
            "franking_tag": C.b64(group_msg.tag),
        },
    )
    assert v == {"verified": True, "subject": p.account_id}, v

    # probes of documented refusals and shapes
    assert set(cfg) == {"server_id", "alert_min_tier", "max_frame_bytes", "message_ttl_seconds"}, cfg
    ident = await s.call("GET", f"/v1/identities/{p.account_id}", auth=False)
    assert set(ident) == {"account_id", "signing_key", "agreement_key"}
    counts = await s.call("GET", "/v1/prekeys")
    assert counts == {"signed_prekey_id": 1, "one_time_prekeys": 4, "last_resort_prekey_id": None}, counts
    with pytest.raises(C.ApiError) as refused:
        await s.call("PUT", "/v1/prekeys", {"one_time_prekeys": [C.b64(next(iter(s.opks.values())).public())]})
    assert (refused.value.status, refused.value.code) == (409, "prekey_exists")
    with pytest.raises(C.ApiError) as refused:
        await s.register()
    assert (refused.value.status, refused.value.code) == (409, "identity_exists")
    cid = os.urandom(16)
    await s.ws.send(
        json.dumps({"type": "send", "conversation": "0" * 32, "client_id": C.b64(cid), "ciphertext": "AA=="})
    )
    f = await s.frame()
    assert f["type"] == "error" and f["code"] == "unknown_conversation" and f["ref"] == C.b64(cid), f
    await s.ws.send(json.dumps({"type": "ack", "conversation": pair_p, "seq": 10**6}))
    f = await s.frame()
    assert f["code"] == "ack_out_of_range" and f["ref"] == pair_p and f["fatal"] is False, f
    await s.ws.send(json.dumps({"type": "ping"}))
    assert (await s.frame())["type"] == "pong"
    await s.ws.send(json.dumps({"type": "ack", "conversation": pair_p, "seq": 1, "extra": 1}))
    f = await s.frame()
    assert f["code"] == "invalid_frame" and f.get("ref") == pair_p, f
    await s.ws.send(json.dumps({"type": "ack", "conversation": pair_p, "seq": True}))
    f = await s.frame()
    assert f["code"] == "invalid_frame", f
    await s.ws.send(
        json.dumps(
            {"type": "send", "conversation": pair_p, "client_id": "AAECAwQFBgcICQoLDA0ODw", "ciphertext": "AA=="}
        )
    )
    f = await s.frame()
    assert f["code"] == "bad_base64", f
    ch = await s.call("GET", "/v1/auth/challenge", auth=False)
    old = int(time.time() * 1000) - 3_600_000
    sig = H.ed_sign(s.ident.ed_seed, H.auth_transcript(C.unb64(ch["challenge"]), ch["server_id"], old, s.account))
    with pytest.raises(C.ApiError) as refused:
        await s.call(
            "POST",
            "/v1/auth/tokens",
            {"account": s.account, "challenge": ch["challenge"], "time": old, "signature": C.b64(sig)},
            auth=False,
        )
    assert (refused.value.status, refused.value.code) == (401, "auth_stale")

    # idempotent resend: the same client_id is answered with the original accepted (section 2)
    cid = os.urandom(16)
    first = await s.send_raw(pair_p, b"\x00junk", None, cid)
    again = await s.send_raw(pair_p, b"\x00junk", None, cid)
    assert again["seq"] == first["seq"] and again["duplicate"] is True
    # offline: P writes while we are away; the next connection's resume replays it before "resumed" (section 2)
    await s.disconnect()
    sent = await p.send_pairwise_text(pair_p, [s.account], "while you were away")
    await s.connect(ws)
    positions = await s.resume()
    assert [f["seq"] for f in s.backlog] == [sent.seq] and positions[pair_p] >= sent.seq
    replayed = s.open(s.backlog[0])
    assert replayed is not None and replayed.body == b"while you were away"
    assert replayed.tag is not None and replayed.commitment is not None

    # help request from someone in no group (proof of work, 1.6)
    h = C.Second(url)
    await h.register()
    await h.login()
    pw = await h.call("GET", "/v1/counseling/pow?topic=general")
    ctr = H.solve_pow(C.unb64(pw["challenge"]), h.account.encode(), pw["pow_bits"])
    req = await h.call(
        "POST",
        "/v1/counseling/requests",
        {"language": "en", "topic": "general", "pow": {"challenge": pw["challenge"], "counter": ctr}},
    )
    assert req["status"] == "waiting"
    await h.close()

    for c in peers:
        await c.close()
        await c.api.close()
    await s.close()
