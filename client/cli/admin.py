"""haven admin ... (bootstrap, role invites, roster, statistics, the audit chain) and haven role redeem."""

from __future__ import annotations

import os
import secrets
from enum import StrEnum
from pathlib import Path

import typer

from client.cli.core import CliError, Options, call, country, fail, full_id, note_server, opened, options, run
from client.cli.identity import create_identity
from client.cli.output import fields, line, stamp, table
from client.haven import HavenClient

app = typer.Typer(help="Deployment administration (admins).", no_args_is_help=True)
audit_app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
app.add_typer(audit_app, name="audit")
role_app = typer.Typer(help="Staff roles: redeem an admin's invite.", no_args_is_help=True)

JSON = typer.Option(False, "--json", help="Machine-readable output.")


class Role(StrEnum):
    counselor = "counselor"
    moderator = "moderator"
    admin = "admin"


def server_secret(secret_file: Path) -> bytes:
    """HAVEN_SERVER_SECRET (hex), else the file, else a new secret written to the file (0600), as the server does."""
    raw_hex = os.environ.get("HAVEN_SERVER_SECRET")
    if raw_hex is None and secret_file.exists():
        raw_hex = secret_file.read_text().strip()
    if raw_hex is None:
        raw_hex = secrets.token_bytes(32).hex()
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(raw_hex)
    try:
        raw = bytes.fromhex(raw_hex)
    except ValueError:
        raise fail("bad_secret", "the server secret is not hexadecimal") from None
    if len(raw) < 32:
        raise fail("bad_secret", "the server secret must be at least 32 bytes (64 hex digits)")
    return raw


async def admin_identity(opts: Options, server: str) -> HavenClient:
    if not opts.state.exists():
        return await create_identity(opts, server)
    client = await HavenClient.load(opts.state, opts.passphrase(), country=country())
    note_server(client.state.server_url)
    if client.state.server_url != server.rstrip("/"):
        await client.close()
        raise fail("other_server", f"the identity at {opts.state} belongs to {client.state.server_url}")
    return client


@app.command("init")
def init(
    ctx: typer.Context,
    server: str = typer.Option(..., "--server", help="This deployment's URL."),
    secret_file: Path = typer.Option(  # noqa: B008
        Path("data/server_secret"),
        "--secret-file",
        help="Used when HAVEN_SERVER_SECRET is unset; created if missing.",
    ),
) -> None:
    """Bootstrap a deployment ON THE SERVER'S HOST: make this identity (created if needed) the first admin."""
    secret = server_secret(secret_file)

    async def go() -> None:
        client = await admin_identity(options(ctx), server)
        try:
            await client.admin.bootstrap(secret)
        finally:
            await client.close()
        line(f"admin {client.account_id} on {client.state.server_url}")

    run(go())


@app.command("invite")
def invite(
    ctx: typer.Context,
    role: Role = typer.Option(..., "--role"),  # noqa: B008
    ttl: int = typer.Option(86400, "--ttl", min=60, help="Seconds the code stays valid."),
) -> None:
    """Issue a one-time staff invite; prints the code (give it to the person over a safe channel)."""
    made = call(ctx, lambda client: client.admin.invite(role.value, ttl))
    line(made.code)
    line(f"invite {made.invite_id} for a {made.role}, valid until {stamp(made.expires_at_ms)}", err=True)


def _optional_id(value: str | None) -> str | None:
    return None if value is None else full_id(value)


@app.command("revoke")
def revoke(
    ctx: typer.Context,
    account: str | None = typer.Option(
        None, "--account", help="Take a role from this account (with --role).", callback=_optional_id
    ),
    role: Role | None = typer.Option(None, "--role"),  # noqa: B008
    invite_id: str | None = typer.Option(
        None, "--invite", help="Revoke an unused invite instead.", callback=_optional_id
    ),
) -> None:
    """Revoke a staff role (--account ID --role ROLE) or an unused invite (--invite ID)."""
    if (invite_id is None) == (account is None) or (account is not None) != (role is not None):
        raise CliError("give either --account ID --role ROLE, or --invite ID")

    async def go() -> None:
        async with opened(options(ctx)) as client:
            if invite_id is not None:
                await client.admin.revoke_invite(invite_id)
                line(f"revoked invite {invite_id}")
            else:
                assert account is not None
                assert role is not None
                await client.admin.revoke_role(account, role.value)
                line(f"revoked {role.value} from {account}")

    run(go())


@app.command("roster")
def roster(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Every account holding a staff role."""
    staff = call(ctx, lambda client: client.admin.roster())
    rows = [(account, ",".join(sorted(roles))) for account, roles in sorted(staff.items())]
    table(("account", "roles"), rows, as_json=as_json)


@app.command("stats")
def stats(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Counseling figures in aggregate (no person, no content)."""
    figures = call(ctx, lambda client: client.counseling.stats())
    wait: int | str | None = figures.median_wait_ms
    accept: int | str | None = figures.median_time_to_accept_ms
    if not as_json:  # null means "no data", which a blank hides
        wait = "nobody is waiting" if wait is None else wait
        accept = "no request accepted in the last 24 h" if accept is None else accept
    fields(
        [
            ("waiting", figures.waiting),
            ("offered", figures.offered),
            ("active_sessions", figures.active_sessions),
            ("available_counselors", figures.available_counselors),
            ("median_wait_ms", wait),
            ("median_time_to_accept_ms", accept),
        ],
        as_json=as_json,
    )


@audit_app.command("verify")
def audit_verify(ctx: typer.Context) -> None:
    """Check the whole hash chain on this device; exit 1 if any entry was altered, removed or inserted."""

    async def go() -> bool:
        async with opened(options(ctx)) as client:
            check = await client.admin.verify_audit()
        if check.ok:
            line(f"audit chain intact: {check.entries} entries")
        else:
            line(f"audit chain BROKEN at entry {check.broken_at}: {check.reason}")
        return check.ok

    if not run(go()):
        raise typer.Exit(1)


@audit_app.command("show")
def audit_show(ctx: typer.Context, as_json: bool = JSON) -> None:
    """The audit entries, oldest first."""
    records = call(ctx, lambda client: client.admin.audit_log())
    rows = [(r.id, r.time_ms if as_json else stamp(r.time_ms), r.actor, r.action, r.object_id) for r in records]
    table(("id", "time", "actor", "action", "object"), rows, as_json=as_json, empty="no entries")


@role_app.command("redeem")
def redeem(ctx: typer.Context, code: str = typer.Argument(..., help="The invite code from an admin.")) -> None:
    """Take the staff role an admin's invite grants (counselor, moderator or admin)."""
    role = call(ctx, lambda client: client.admin.redeem(code))
    line(f"you are now a {role}")
