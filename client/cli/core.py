"""What every command shares: the global options, the passphrase, opening and closing the identity, running a
coroutine, and turning every failure into one line and an exit code (1 refusal, 2 usage/unreachable, 130 Ctrl-C)."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import os
import sys
from collections.abc import AsyncIterator, Coroutine
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import typer

from client.errors import HavenClientError
from client.haven import HavenClient
from crypto import keystore

T = TypeVar("T")

DEFAULT_STATE = "~/.haven/identity.haven"


class Kdf(StrEnum):
    moderate = "moderate"
    interactive = "interactive"
    min = "min"


KDF_LIMITS = {
    Kdf.moderate: (keystore.OPSLIMIT_MODERATE, keystore.MEMLIMIT_MODERATE),
    Kdf.interactive: (keystore.OPSLIMIT_INTERACTIVE, keystore.MEMLIMIT_INTERACTIVE),
    Kdf.min: (keystore.OPSLIMIT_MIN, keystore.MEMLIMIT_MIN),
}


class CliError(Exception):
    """A failure the CLI itself detects: printed as "error: <message>", exit `code`."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = code


class Unreachable(Exception):
    """The server could not be reached (raised with the URL known at the time)."""


def country() -> str | None:
    """HAVEN_COUNTRY (e.g. MM, TH): where the person is, so that country's crisis resources come first."""
    return os.environ.get("HAVEN_COUNTRY", "").strip().upper() or None


@dataclass
class Options:
    state: Path
    kdf: Kdf
    _passphrase: str | None = field(default=None, repr=False)

    def passphrase(self, *, confirm: bool = False) -> str:
        if self._passphrase is None:
            self._passphrase = read_passphrase(confirm=confirm)
        return self._passphrase


# The server the current command talks to, for "cannot reach the server at <url>".
SERVER: dict[str, str] = {}


def note_server(url: str) -> None:
    SERVER["url"] = url.rstrip("/")


def read_passphrase(*, confirm: bool) -> str:
    """From HAVEN_PASSPHRASE, else a hidden prompt on the terminal — never an argument (shell history)."""
    from_env = os.environ.get("HAVEN_PASSPHRASE")
    if from_env is not None:
        if not from_env:
            raise CliError("HAVEN_PASSPHRASE is empty")
        return from_env
    try:
        with open("/dev/tty"):
            pass
    except OSError:
        raise CliError("no terminal to ask for the passphrase on: set HAVEN_PASSPHRASE") from None
    first = getpass.getpass("Passphrase: ")
    if not first:
        raise CliError("the passphrase must not be empty")
    if confirm and getpass.getpass("Passphrase again: ") != first:
        raise HavenClientError("passphrase_mismatch", "the two passphrases differ")
    return first


def options(ctx: typer.Context) -> Options:
    obj = ctx.find_root().obj
    assert isinstance(obj, Options)
    return obj


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


@contextlib.asynccontextmanager
async def opened(opts: Options, *, connect: bool = False, as_json: bool = False) -> AsyncIterator[HavenClient]:
    """Load the identity, optionally connect, and always close (which saves) — whatever happens inside."""
    from client.cli.output import drain

    client = await HavenClient.load(opts.state, opts.passphrase(), country=country())
    note_server(client.state.server_url)
    try:
        if connect:
            await client.connect()
        yield client
        if connect:
            await drain(client, as_json=as_json)
    except BaseException:
        with contextlib.suppress(Exception):
            await client.close()
        raise
    await client.close()
    if connect:
        await drain(client, as_json=as_json)


def text_argument(text: str) -> str:
    """"-" reads the message from stdin, so that it lands in no shell history."""
    if text != "-":
        return text
    read = sys.stdin.read().rstrip("\n")
    if not read:
        raise CliError("nothing to send on stdin")
    return read


def fail(code: str, message: str) -> HavenClientError:
    return HavenClientError(code, message)
