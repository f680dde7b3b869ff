"""The `haven` command line, on the client SDK alone (client.haven.HavenClient and its facades).

Every failure is one line on stderr and an exit code: 1 for a refusal ("error: <code>: <message>"), 2 for bad
usage or an unreachable server, 130 for Ctrl-C — never a traceback (HAVEN_DEBUG=1 shows one).
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from pathlib import Path

import httpx
import typer
import websockets

try:  # Typer 0.2x carries its own copy of Click; these are the exceptions its commands raise.
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
except ImportError:  # a Typer that uses the Click package itself
    from click.exceptions import ClickException, NoArgsIsHelpError, UsageError  # type: ignore[assignment]

from client.cli import admin, counseling, groups, identity, inbox, moderator
from client.cli.core import DEFAULT_STATE, SERVER, CliError, Kdf, Options
from client.cli.errors import humane
from client.errors import HavenClientError

app = typer.Typer(
    name="haven",
    help="Haven: anonymous, end-to-end encrypted peer support. The passphrase comes from HAVEN_PASSPHRASE or a "
    "hidden prompt, never from an argument.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _global(
    ctx: typer.Context,
    state: Path = typer.Option(  # noqa: B008
        DEFAULT_STATE,
        "--state",
        envvar="HAVEN_STATE",
        help="The identity file on this device.",
        show_default=True,
    ),
    kdf: Kdf = typer.Option(  # noqa: B008
        Kdf.moderate,
        "--kdf",
        envvar="HAVEN_KDF",
        help="Passphrase hardening for a NEW identity file: moderate (default), interactive (weaker, faster), "
        "min (for tests only: offers no protection).",
    ),
) -> None:
    ctx.obj = Options(state.expanduser(), kdf)


app.add_typer(identity.app, name="identity")
app.add_typer(admin.app, name="admin")
app.add_typer(admin.role_app, name="role")
app.add_typer(groups.app, name="group")
app.add_typer(counseling.help_app, name="help")
app.add_typer(counseling.counselor_app, name="counselor")
app.add_typer(moderator.app, name="moderator")
app.command("inbox")(inbox.inbox)


def _say(message: str) -> None:
    print(f"error: {message}", file=sys.stderr, flush=True)


def _unreachable() -> int:
    _say(f"cannot reach the server at {SERVER.get('url', 'the configured URL')}")
    return 2


def run_cli(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    debug = bool(os.environ.get("HAVEN_DEBUG"))
    logging.basicConfig(level=logging.WARNING if debug else logging.CRITICAL + 1)
    try:
        result = typer.main.get_command(app).main(args=argv, prog_name="haven", standalone_mode=False)
        if result == 130:  # Typer turns Ctrl-C into Exit(130) silently
            _say("interrupted")
        return result if isinstance(result, int) else 0
    except NoArgsIsHelpError as exc:
        print(exc.format_message(), flush=True)
        return 0
    except ClickException as exc:
        hint = f" (see: {exc.ctx.command_path} --help)" if isinstance(exc, UsageError) and exc.ctx else ""
        _say(exc.format_message().replace("\n", " ") + hint)
        return 2 if isinstance(exc, UsageError) else exc.exit_code
    except typer.Abort as exc:
        if isinstance(exc.__cause__, EOFError):
            _say("aborted")
            return 1
        _say("interrupted")
        return 130
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except CliError as exc:
        _say(exc.message)
        return exc.exit_code
    except HavenClientError as exc:
        _say(f"{exc.code}: {humane(exc.code, exc.message)}")
        return 1
    except httpx.HTTPStatusError as exc:
        _say(f"http_error: the server answered HTTP {exc.response.status_code}")
        return 1
    except (httpx.HTTPError, ConnectionError, socket.gaierror, TimeoutError, websockets.WebSocketException):
        if debug:
            raise
        return _unreachable()
    except OSError as exc:
        if debug:
            raise
        _say(f"{exc.strerror or type(exc).__name__}: {exc.filename or ''}".rstrip(": "))
        return 1
    except Exception:
        if debug:
            raise
        _say("internal: something unexpected went wrong (run again with HAVEN_DEBUG=1 for the details)")
        return 1


def main() -> None:
    sys.exit(run_cli())
