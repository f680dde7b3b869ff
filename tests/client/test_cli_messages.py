"""Every message the command line can print for a refusal names a `haven` command that exists, never an HTTP path
or a Python call: the CLI's hint table, every refusal the server raises (read from its source), every one the SDK
raises, and the CLI's own usage errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from client.cli import app
from client.cli.errors import HINTS, LEAKS, humane
from tests.haven_testing.databases import ROOT

COMMAND = re.compile(r"haven ((?:[a-z][a-z-]*)(?: (?:[a-z][a-z-]*|--[a-z-]+|[A-Z]+|[a-z]{2},[a-z]{2}|N|\.\.\.))*)")
RAISED = re.compile(r"(?:HavenClientError\(|fail\()\s*\"([a-z_]+)\",\s*f?\"([^\"]+)\"")
# The server names each refusal as a class (server/<domain>/exceptions.py) whose `code` is an ApiCode member and
# whose `message` follows it; member names are the codes upper-cased.
RAISED_HTTP = re.compile(r"code = ApiCode\.([A-Z0-9_]+)\n\s+message = \"([^\"]+)\"")
CLI_OWN = re.compile(r"CliError\(\s*f?\"([^\"]+)\"")


def _sources(*packages: str) -> list[tuple[Path, str]]:
    return [(path, path.read_text()) for package in packages for path in sorted((ROOT / package).rglob("*.py"))]


def _command_exists(words: list[str]) -> bool:
    """`words` after "haven": subcommands down to a command, then only options that command has."""
    # Typer may carry its own copy of Click: a group is whatever has subcommands.
    node: Any = typer.main.get_command(app)
    rest = list(words)
    while rest and hasattr(node, "commands") and rest[0] in node.commands:
        node = node.commands[rest.pop(0)]
    if hasattr(node, "commands") or node.name != words[len(words) - len(rest) - 1]:
        return False
    options = {opt for param in node.params for opt in param.opts}
    return all(word in options for word in rest if word.startswith("--"))


def _raised(*packages: str) -> list[tuple[str, str, str]]:
    found = []
    for path, text in _sources(*packages):
        for code, message in RAISED.findall(text):
            found.append((f"{path.relative_to(ROOT)}", code, message))
        for name, message in RAISED_HTTP.findall(text):
            found.append((f"{path.relative_to(ROOT)}", name.lower(), message))
    return found


@pytest.mark.parametrize("hint", HINTS, ids=lambda h: f"{h.code}:{h.when or '*'}")
def test_each_hint_names_a_real_command_and_no_path(hint) -> None:
    said = humane(hint.code, hint.when or "the server's own words")
    assert not LEAKS.search(said), said
    named = COMMAND.findall(said)
    for phrase in named:
        assert _command_exists(phrase.split()), f"{said!r} names a command that does not exist: haven {phrase}"


def test_every_refusal_the_server_and_the_sdk_raise_prints_without_a_path() -> None:
    raised = _raised("server", "client")
    assert len(raised) > 60  # the scan found them (a change of style would make this test vacuous)
    leaks = [
        (where, code, humane(code, message)) for where, code, message in raised if LEAKS.search(humane(code, message))
    ]
    assert leaks == []
    # The message that started this: the server names its endpoint; the person reads the command.
    said = humane("not_available", "set yourself available (PUT /v1/counseling/profile) first")
    assert said.endswith("(haven counselor available --languages my,en)")


def test_a_value_the_server_refused_by_its_form_is_said_in_words() -> None:
    assert humane("invalid_request", "path.account_id: string_pattern_mismatch") == (
        "account id is not in the expected form"
    )
    assert humane("invalid_request", "body.max_members: less_than_equal") == "max members is too large"


def test_the_clis_own_usage_errors_name_no_path() -> None:
    messages = [m for _, text in _sources("client/cli") for m in CLI_OWN.findall(text)]
    assert len(messages) >= 5
    assert [m for m in messages if LEAKS.search(m)] == []
