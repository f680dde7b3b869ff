"""The whole product from the command line (tests/test_e2e_sdk.py's scenario), every step a real `haven` process
against a real server: admin init, staff invites, a group, members chatting (one through `haven group chat` over
pipes), a tier-4 Zawgyi message, the moderator's alert work, a counseling session opened to an offline member, a
warm transfer with notes, closing; then no plaintext in the database or the log, and the audit chain verifies
until a row is tampered with."""

from __future__ import annotations

import asyncio
import subprocess
import time

import pytest

from tests.haven_testing.cli import HAVEN, Chat, Person, parallel, texts
from tests.haven_testing.databases import ROOT
from tests.haven_testing.inspect import database_contents
from tests.haven_testing.scenario import (
    GROUP_HELLO,
    GROUP_REPLY,
    MEMBER_REPLY,
    NOTES,
    PLAINTEXTS,
    SECOND_COUNSELOR,
    SESSION_OPEN,
    ZAWGYI_TIER4,
    tamper_audit_entry,
)


@pytest.mark.slow
def test_the_whole_product_from_the_command_line(server_factory, fresh_database_url, tmp_path):
    server = server_factory(fresh_database_url, help_pow_bits="4")
    url = server.http_url
    people = {
        n: Person(n, tmp_path / f"{n}.haven")
        for n in ("admin", "moderator", "counselor1", "counselor2", "member0", "member1", "member2")
    }
    admin, moderator, c1, c2 = (people[n] for n in ("admin", "moderator", "counselor1", "counselor2"))
    m1, m2, m3 = people["member0"], people["member1"], people["member2"]

    # --- identities, the first admin, staff invites ---------------------------------------------------
    parallel(
        lambda: admin.run("admin", "init", "--server", url, "--secret-file", str(tmp_path / "unused")),
        *[lambda p=p: p.run("identity", "new", "--server", url) for p in people.values() if p is not admin],
    )
    assert not (tmp_path / "unused").exists()  # HAVEN_SERVER_SECRET was used
    assert "admin" in admin.json("identity", "show")["roles"]
    ids = {n: p.json("identity", "show")["account"] for n, p in people.items()}
    codes = {
        n: admin.run("admin", "invite", "--role", r).strip()
        for n, r in (("moderator", "moderator"), ("counselor1", "counselor"), ("counselor2", "counselor"))
    }
    outs = parallel(*[lambda n=n: people[n].run("role", "redeem", codes[n]) for n in codes])
    assert "moderator" in outs[0] and "counselor" in outs[1]
    roster = {row["account"]: row["roles"] for row in admin.json("admin", "roster")}
    assert roster[ids["moderator"]] == "moderator" and roster[ids["counselor2"]] == "counselor"

    # --- a group: invite, join (pending), approve; counselors make themselves available meanwhile -----
    group = moderator.run("group", "create", "--pseudonym", "Haven moderator", "--max-members", "20").strip()
    code = moderator.run("group", "invite", group, "--uses", "3").strip()
    joined = parallel(
        *[
            lambda p=p, i=i: p.run("group", "join", code, "--pseudonym", f"friend-{i}")
            for i, p in enumerate((m1, m2, m3))
        ],
        lambda: c1.run("counselor", "available", "--languages", "my,en"),
        lambda: c2.run("counselor", "available", "--languages", "my,en", "--max-sessions", "2"),
    )
    assert all(out.split() == [group, "pending"] for out in joined[:3])
    assert {row["pseudonym"] for row in moderator.json("group", "pending", group)} == {
        "friend-0",
        "friend-1",
        "friend-2",
    }
    for member in ("member0", "member1", "member2"):
        moderator.run("group", "approve", group, ids[member])
    assert m1.json("group", "list") == [{"group": group, "status": "active", "role": "member", "pseudonym": "friend-0"}]

    # --- chatting: member0 in `haven group chat` over pipes, the others with send/inbox ---------------
    chat = Chat(m1, group)
    chat.expect("chatting in")
    chat.say(GROUP_HELLO)

    def member1_reads_then_replies() -> list[dict]:
        rows = m2.inbox(1)
        m2.run("group", "send", group, GROUP_REPLY)
        return rows

    # member2's inbox runs while member1 reads and replies: it gets both.
    got2, got3 = parallel(member1_reads_then_replies, lambda: m3.inbox(2))
    assert texts(got2) == [GROUP_HELLO] and got2[0]["pseudonym"] == "friend-0" and got2[0]["kind"] == "group"
    assert texts(got3) == [GROUP_HELLO, GROUP_REPLY]
    assert "friend-1" in chat.expect(GROUP_REPLY)

    # --- a tier-4 message in Zawgyi: resources at once for the writer and for the reader ---------------
    sent = m3.run("group", "send", group, ZAWGYI_TIER4, country="MM")
    # Myanmar's entries come with their warnings (the police are part of the threat for a defector).
    assert "crisis language (tier 4)" in sent and "DANGER for defectors" in sent
    assert "friend-2" in chat.expect(ZAWGYI_TIER4)
    chat.expect("crisis language (tier 4)")
    chat.expect("Talk to a Haven counselor now")
    chat.say("/members")
    chat.expect(f"friend-1 {ids['member1']}")
    chat.say(f"/safety {ids['member1'][:10]}")
    safety = chat.expect("safety number with friend-1").rsplit(": ", 1)[1].split()
    assert len(safety) == 12 and all(len(g) == 5 and g.isdigit() for g in safety)
    code_, err = chat.end()
    assert code_ == 0 and "Traceback" not in err, err

    # --- the moderator: list, claim, open, verify, escalate -------------------------------------------
    alerts = moderator.json("moderator", "alerts", "--status", "open")
    assert alerts[0]["tier"] == 4 and alerts[0]["reports"] >= 2  # the writer's and member0's reports
    alert = alerts[0]["alert"]
    assert moderator.json("moderator", "alerts", "--min-tier", "4")[0]["alert"] == alert
    assert "claimed" in moderator.run("moderator", "claim", alert)
    assert moderator.run("moderator", "verify", alert).strip() == "verified"
    shown = moderator.json("moderator", "show", alert)
    assert shown["message"] == ZAWGYI_TIER4 and shown["subject"] == ids["member2"] and shown["tier"] == 4
    request = moderator.run("moderator", "escalate", alert).split()[-1]

    # --- the priority session, opened while member2 is offline -----------------------------------------
    offer = c1.json("counselor", "queue")
    assert offer["request"] == request and offer["priority"] == 4 and offer["language"] == "my"
    session = c1.run("counselor", "accept", request).strip()
    c1.run("counselor", "send", session, SESSION_OPEN)
    assert m3.json("help", "status")["session"] == session
    got = m3.inbox(1)
    assert [(r["text"], r["kind"], r["session"], r["sender"]) for r in got if r["type"] == "message"] == [
        (SESSION_OPEN, "session", session, ids["counselor1"])
    ]
    m3.run("help", "send", session, MEMBER_REPLY)
    assert texts(c1.inbox(1)) == [MEMBER_REPLY]

    # --- a member asks for help by themselves, then withdraws -----------------------------------------
    asked = m1.run("help", "request", "--language", "en", "--topic", "family").split()
    m1.run("help", "cancel", asked[1])
    assert m1.run("help", "status").strip() == "no open request"

    # --- warm transfer with notes; the second counselor reads them, writes, completes, closes ---------
    c1.run("counselor", "transfer", session, "--to", ids["counselor2"], "--mode", "warm", "--notes", NOTES)
    notes = c2.json("counselor", "notes", session)
    assert [(n["text"], n["author"]) for n in notes] == [(NOTES, ids["counselor1"])]
    c2.run("counselor", "send", session, SECOND_COUNSELOR)
    for rows in parallel(lambda: m3.inbox(1), lambda: c1.inbox(1)):
        assert [(r["text"], r["sender"]) for r in rows if r["type"] == "message"] == [
            (SECOND_COUNSELOR, ids["counselor2"])
        ]
    c2.run("counselor", "complete", session)
    refused = subprocess.run(
        [*HAVEN, "counselor", "notes", session], cwd=ROOT, env=c1.env(), capture_output=True, text=True, timeout=60
    )
    assert refused.returncode == 1 and refused.stderr.startswith("error: forbidden:"), refused.stderr
    assert [(s["session"], s["status"], s["counselor"]) for s in c2.json("counselor", "sessions")] == [
        (session, "active", ids["counselor2"])
    ]
    c2.run("counselor", "close", session, "--outcome", "follow_up")
    assert c2.json("counselor", "sessions") == []
    stats = admin.json("admin", "stats")
    assert stats["available_counselors"] == 2

    # --- afterwards: nothing readable left behind; the audit chain holds, and a forgery shows -----------
    time.sleep(0.2)
    stored = asyncio.run(database_contents(fresh_database_url))
    log = server.log_text().encode()
    for plaintext in PLAINTEXTS:
        assert plaintext.encode() not in stored, plaintext
        assert plaintext.encode() not in log, plaintext

    intact = admin.run("admin", "audit", "verify")
    assert intact.startswith("audit chain intact: ")
    actions = {row["action"] for row in admin.json("admin", "audit", "show")}
    assert {"alert.claim", "alert.verify", "alert.escalate", "session.transfer.warm"} <= actions
    target = asyncio.run(tamper_audit_entry(fresh_database_url))
    broken = admin.run("admin", "audit", "verify", code=1)
    assert broken.startswith(f"audit chain BROKEN at entry {target}:"), broken
