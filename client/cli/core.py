"""What every command shares: the global options, the passphrase, opening and closing the identity, running a
coroutine, and turning every failure into one line and an exit code (1 refusal, 2 usage/unreachable, 130 Ctrl-C)."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import os
import re
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterator
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


class CliError(HavenClientError):
    """A failure the CLI itself detects: printed as "error: <message>", exit `code` (kept as `exit_code`)."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__("cli_usage", message)
        self.exit_code = code


class Unreachable(HavenClientError):
    """The server could not be reached (raised with the URL known at the time)."""

    def __init__(self, message: str = "the server could not be reached") -> None:
        super().__init__("unreachable", message)


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
        if confirm:  # a new identity file: this passphrase will guard it
            _refuse_weak(from_env)
        return from_env
    try:
        with open("/dev/tty"):
            pass
    except OSError:
        raise CliError("no terminal to ask for the passphrase on: set HAVEN_PASSPHRASE") from None
    first = getpass.getpass("Passphrase: ")
    if not first:
        raise CliError("the passphrase must not be empty")
    if confirm:
        _refuse_weak(first)
        if getpass.getpass("Passphrase again: ") != first:
            raise HavenClientError("passphrase_mismatch", "the two passphrases differ")
    return first


def _refuse_weak(passphrase: str) -> None:
    from client.cli.passphrase import OVERRIDE_ENV, weakness

    problem = weakness(passphrase)
    if problem is not None:
        raise HavenClientError("weak_passphrase", f"{problem} ({OVERRIDE_ENV}=1 accepts it, for tests only)")


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

    passphrase = opts.passphrase()
    with busy("unlocking the identity file"):
        client = await HavenClient.load(opts.state, passphrase, country=country())
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


def call(ctx: typer.Context, action: Callable[[HavenClient], Awaitable[T]]) -> T:
    """The command's one request: open the identity (no connection), await `action` with it, close it (which saves),
    and hand back its answer for the command to print."""

    async def go() -> T:
        async with opened(options(ctx)) as client:
            return await action(client)

    return run(go())


def text_argument(text: str) -> str:
    """ "-" reads the message from stdin, so that it lands in no shell history."""
    if text != "-":
        return text
    read = sys.stdin.read().rstrip("\n")
    if not read:
        raise CliError("nothing to send on stdin")
    return read


def fail(code: str, message: str) -> HavenClientError:
    return HavenClientError(code, message)


@contextlib.contextmanager
def busy(doing: str) -> Iterator[None]:
    """A spinner with the elapsed time on stderr while something slow runs — on a terminal only, so that pipes
    and scripts see exactly the lines they saw before (Rich draws it from its own thread)."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        progress.add_task(doing + "…", total=None)
        yield


# --- checking arguments before the identity is unlocked (1.5 s and ~300 MB at the moderate KDF) --------------
ID_FORM = re.compile(r"^[0-9a-f]{32}$")
PREFIX_FORM = re.compile(r"^[0-9a-f]{4,32}$")


def full_id(value: str) -> str:
    """A Typer callback: a server id is 32 lowercase hex digits, as every listing prints it in full."""
    if not ID_FORM.match(value.strip().lower()):
        raise typer.BadParameter(f"{value!r} is not an id: ids are 32 hex digits, as the listings print them")
    return value.strip().lower()


def member_ref(value: str) -> str:
    """A Typer callback for a member: an account id, a unique prefix of one (4+ hex digits), or a pseudonym."""
    if not value.strip():
        raise typer.BadParameter("give an account id, a prefix of one, or a pseudonym")
    return value.strip()


def resolve_member(candidates: dict[str, str], ref: str) -> str:
    """The one account among `candidates` (account -> pseudonym) that `ref` names: in full, by a unique prefix
    (4+ hex digits), or by pseudonym; refused when none or several match."""
    lowered = ref.lower()
    if ID_FORM.match(lowered):
        return lowered
    found = {a for a, p in candidates.items() if p == ref}
    if not found and PREFIX_FORM.match(lowered):
        found = {a for a in candidates if a.startswith(lowered)}
    if len(found) != 1:
        many = "several members match" if found else "no member matches"
        raise HavenClientError("unknown_member", f"{many} {ref!r}: give more of the account id")
    return found.pop()
