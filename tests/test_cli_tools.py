"""The command line's smaller tools, each a real `haven` process: group settings, invite revocation, promotion,
a member's report from `group chat`, a moderator handing an alert back, a counselor's own notes and calling
off a warm transfer."""

from __future__ import annotations

import pytest

from tests.haven_testing.cli import Chat, Person, parallel


@pytest.mark.slow
async def test_the_smaller_tools(server_factory, fresh_database_url, tmp_path):
    server = server_factory(fresh_database_url, help_pow_bits="4")
    url = server.http_url
    admin, moderator, c1, c2, alice, bob = (
        Person(name, tmp_path / f"{name}.haven") for name in ("admin", "moderator", "c1", "c2", "alice", "bob")
    )
    admin.run("admin", "init", "--server", url)
    parallel(*(lambda p=p: p.run("identity", "new", "--server", url) for p in (moderator, c1, c2, alice, bob)))
    for person, role in ((moderator, "moderator"), (c1, "counselor"), (c2, "counselor")):
        code = admin.run("admin", "invite", "--role", role).strip()
        person.run("role", "redeem", code)
    ids = {p.name: p.json("identity", "show")["account"] for p in (alice, bob, moderator, c2)}

    group = moderator.run("group", "create", "--pseudonym", "mod").strip()
    code = moderator.run("group", "invite", group, "--uses", "2").strip()
    for person in (alice, bob):
        person.run("group", "join", code, "--pseudonym", person.name)
        moderator.run("group", "approve", group, ids[person.name])
    assert "on" in moderator.run("group", "settings", group, "--dm")
    assert "off" in moderator.run("group", "settings", group, "--no-dm", "--max-members", "10")
    spare, said = moderator.run_both("group", "invite", group)
    invite_id = said.split()[1].rstrip(",")  # "invite <id>, 1 use(s), valid until ..."
    moderator.run("group", "revoke-invite", group, invite_id)
    _, refusal = c2.run_both("group", "join", spare.strip(), "--pseudonym", "late", code=1)
    assert refusal.startswith("error: invite_invalid:"), refusal
    # A plain member cannot be made a group moderator: the staff role is needed.
    _, refusal = moderator.run_both("group", "promote", group, ids["alice"], code=1)
    assert refusal.startswith("error: not_staff_moderator:"), refusal

    # Alice reports the message Bob sent, from inside `group chat`.
    chat = Chat(alice, group)
    chat.expect("chatting in")
    bob.run("group", "send", group, "i want to disappear and not wake up")
    chat.expect("i want to disappear")
    chat.say("/report")
    chat.expect("reported the message")
    code_, _err = chat.end()
    assert code_ == 0
    alerts = moderator.json("moderator", "alerts")
    assert alerts[0]["source"] == "manual" and alerts[0]["tier"] >= 1
    alert = alerts[0]["alert"]
    moderator.run("moderator", "claim", alert)
    assert "open" in moderator.run("moderator", "release", alert)

    # A counselor's own notes, and a warm transfer called off.
    alice.run("help", "request", "--language", "en")
    parallel(
        lambda: c1.run("counselor", "available", "--languages", "en"),
        lambda: c2.run("counselor", "available", "--languages", "en"),
    )
    request = c1.json("counselor", "queue")["request"]
    session = c1.run("counselor", "accept", request).strip()
    c1.run("counselor", "note", session, "first contact; agreed to talk tomorrow")
    assert "agreed to talk tomorrow" in c1.run("counselor", "notes", session)
    c1.run("counselor", "transfer", session, "--to", ids["c2"], "--mode", "warm")
    assert "stays with" in c1.run("counselor", "cancel-transfer", session)
