"""haven identity new | show | delete."""

from __future__ import annotations

import typer

from client.cli.core import KDF_LIMITS, Options, busy, country, fail, note_server, opened, options, run
from client.cli.output import fields, line
from client.haven import HavenClient

app = typer.Typer(help="This device's identity: create, show, delete.", no_args_is_help=True)


async def create_identity(opts: Options, server: str) -> HavenClient:
    """A new identity at --state (refused if one is there: it would be lost), registered on `server`."""
    if opts.state.exists():
        raise fail("identity_exists", f"there is already an identity at {opts.state}")
    passphrase = opts.passphrase(confirm=True)  # refused here if weak: before any work is paid for
    note_server(server)
    opts.state.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    opslimit, memlimit = KDF_LIMITS[opts.kdf]
    # Registration pays a proof of work (seconds at the default difficulty) so that identities cannot be
    # minted in bulk; then the identity file is sealed under the passphrase (Argon2id, ~1.5 s).
    with busy(
        "registering: solving the proof of work that keeps mass sign-ups out, then sealing the identity "
        "file under your passphrase"
    ):
        return await HavenClient.create(
            server,
            opts.state,
            passphrase,
            opslimit=opslimit,
            memlimit=memlimit,
            country=country(),
        )


@app.command("new")
def new(ctx: typer.Context, server: str = typer.Option(..., "--server", help="e.g. https://haven.example")) -> None:
    """Create a pseudonymous identity on this device and register it (no phone, no email)."""

    async def go() -> None:
        client = await create_identity(options(ctx), server)
        await client.close()
        line(client.account_id)

    run(go())


@app.command("show")
def show(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """The account id, the server and the roles the server gives this identity."""

    async def go() -> None:
        async with opened(options(ctx)) as client:
            account, roles = await client.admin.whoami()
            fields(
                [
                    ("account", account),
                    ("server", client.state.server_url),
                    ("roles", ", ".join(sorted(roles)) or "member"),
                ],
                as_json=as_json,
            )

    run(go())


@app.command("delete")
def delete(
    ctx: typer.Context, yes: bool = typer.Option(False, "--yes", help="Really delete: cannot be undone.")
) -> None:
    """Delete everything the server holds about this identity, then this device's file."""
    if not yes:
        raise fail("confirm_required", "this deletes the identity for good; run again with --yes")

    async def go() -> None:
        opts = options(ctx)
        client = await HavenClient.load(opts.state, opts.passphrase(), country=country())
        note_server(client.state.server_url)
        try:
            await client.delete_identity()
        except BaseException:
            await client.close()
            raise
        line(f"deleted {client.account_id}")

    run(go())
