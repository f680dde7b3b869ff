"""`GET /metrics`: the Prometheus text format, counters that follow what happened, and no id anywhere."""

from __future__ import annotations

import re

import httpx

from client.relay import RelayConnection
from server.conversations.service import create_conversation

# The text exposition format, version 0.0.4: comments, then `name{label="value",...} number`.
HELP = re.compile(r"^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+$")
TYPE = re.compile(r"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"'
SAMPLE = re.compile(rf"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{{({LABEL})(,{LABEL})*\}})? (-?[0-9.e+]+)$")
HEX_ID = re.compile(r"[0-9a-f]{32}")


def parse(text: str) -> dict[str, float]:
    """Check every line against the format and return the samples; a family is declared before its samples."""
    assert text.endswith("\n")
    declared: dict[str, str] = {}
    samples: dict[str, float] = {}
    for line in text.splitlines():
        if match := HELP.match(line):
            continue
        if match := TYPE.match(line):
            assert match[1] not in declared, f"{match[1]} declared twice"
            declared[match[1]] = match[2]
            continue
        match = SAMPLE.match(line)
        assert match, f"not in the text format: {line!r}"
        assert match[1] in declared, f"{match[1]} has no TYPE line before it"
        if declared[match[1]] == "counter":
            assert match[1].endswith("_total")
        key = match[1] + (match[2] or "")
        assert key not in samples, f"{key} twice"
        samples[key] = float(match[5])
    return samples


async def test_metrics_follow_the_traffic_and_name_no_one(server_factory, database_url, register_identity, db):
    server = server_factory(database_url)
    alice, bob = await register_identity(server), await register_identity(server)
    async with db() as session, session.begin():
        conversation = await create_conversation(session, "direct", [alice.account_id, bob.account_id])
    async with httpx.AsyncClient(base_url=server.http_url) as http:
        before = parse((await http.get("/metrics")).text)
        a = await RelayConnection.connect(server.ws_url, alice)
        b = await RelayConnection.connect(server.ws_url, bob)
        try:
            await a.resume()
            await b.resume()
            for i in range(5):
                await a.send(conversation, f"m{i}".encode())
            for _ in range(5):
                await b.next_delivery()
            await b.send_raw("not json")
            await b.ping()
            response = await http.get("/metrics")
        finally:
            await a.close()
            await b.close()

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    text = response.text
    after = parse(text)

    def grew(key: str) -> float:
        return after[key] - before.get(key, 0.0)

    assert after["haven_connections_open"] == 2
    assert after["haven_connections_authenticated"] == 2
    assert grew("haven_messages_accepted_total") == 5
    assert grew("haven_messages_delivered_total") == 5
    assert grew('haven_frames_out_total{type="deliver"}') == 5
    assert grew('haven_frames_in_total{type="send"}') == 5
    assert grew('haven_frames_in_total{type="resume"}') == 2
    assert grew('haven_frames_in_total{type="auth"}') == 2
    assert grew('haven_frames_in_total{type="ping"}') == 1
    assert grew('haven_errors_total{code="malformed_json"}') == 1
    assert after["haven_outbound_queue_bytes"] >= 0

    # No person, group or conversation is named: no id, and no label value the server did not define.
    for identifier in (alice.account_id, bob.account_id, conversation):
        assert identifier not in text
    assert not HEX_ID.search(text)
    labels = set(re.findall(r'[a-z_]+="([^"]*)"', text))
    assert all(re.fullmatch(r"[a-z_]+", value) for value in labels), labels
