"""haven group ...: peer groups (create, invite, join, approve, moderate, leave, list, send, chat)."""

from __future__ import annotations

import typer

from client.cli.core import call, full_id, member_ref, opened, options, resolve_member, run, text_argument
from client.cli.output import line, stamp, table
from client.haven import HavenClient

app = typer.Typer(help="Peer groups.", no_args_is_help=True)
JSON = typer.Option(False, "--json", help="Machine-readable output.")
GROUP = typer.Argument(..., help="The group id (32 hex digits, as haven group list prints it).", callback=full_id)
ACCOUNT = typer.Argument(..., help="The member: account id, a unique prefix of it, or pseudonym.", callback=member_ref)
# Pseudonyms this device asked to join under, until the group's membership (which carries them) can be read.
PENDING_KEY = "cli_pending_pseudonyms"


def _pending_pseudonyms(client: HavenClient) -> dict[str, str]:
    return dict(client.state.profile.get(PENDING_KEY, {}))


@app.command("create")
def create(
    ctx: typer.Context,
    pseudonym: str = typer.Option(..., "--pseudonym", help="Your name inside this group."),
    max_members: int | None = typer.Option(None, "--max-members", min=2),
    dm: bool = typer.Option(False, "--dm", help="Allow direct messages between members."),
) -> None:
    """Create a group (staff only); you become its first moderator. Prints the group id."""
    created = call(ctx, lambda client: client.groups.create(pseudonym, max_members=max_members, dm_enabled=dm))
    line(created.group_id)


@app.command("invite")
def invite(
    ctx: typer.Context,
    group: str = GROUP,
    uses: int = typer.Option(1, "--uses", min=1, help="How many people may join with the code."),
    ttl: int = typer.Option(86400, "--ttl", min=60, help="Seconds the code stays valid."),
) -> None:
    """Make an invite code for the group (prints the code)."""
    made = call(ctx, lambda client: client.groups.invite(group, ttl_seconds=ttl, max_uses=uses))
    line(made.code)
    line(f"invite {made.invite_id}, {uses} use(s), valid until {stamp(made.expires_at_ms)}", err=True)


@app.command("join")
def join(
    ctx: typer.Context,
    code: str = typer.Argument(..., help="The invite code."),
    pseudonym: str = typer.Option(..., "--pseudonym", help="Your name inside this group."),
) -> None:
    """Ask to join with an invite code; a group moderator approves. Prints the group id and the status."""

    async def go() -> None:
        async with opened(options(ctx)) as client:
            joined = await client.groups.join(code, pseudonym)
            client.state.profile[PENDING_KEY] = {**_pending_pseudonyms(client), joined.group_id: pseudonym}
        line(f"{joined.group_id} {joined.status}")

    run(go())


@app.command("pending")
def pending(ctx: typer.Context, group: str = GROUP, as_json: bool = JSON) -> None:
    """Join requests waiting for a moderator."""
    waiting = call(ctx, lambda client: client.groups.pending(group))
    rows = [(p.account_id, p.pseudonym, p.joined_at_ms if as_json else stamp(p.joined_at_ms)) for p in waiting]
    table(("account", "pseudonym", "asked"), rows, as_json=as_json, empty="nobody waiting")


def _membership(ctx: typer.Context, group: str, ref: str, action: str) -> None:
    async def go() -> None:
        async with opened(options(ctx)) as client:
            ops = client.groups
            if action in ("approve", "reject"):
                candidates = {p.account_id: p.pseudonym for p in await ops.pending(group)}
            else:
                candidates = {m.account_id: m.pseudonym for m in (await ops.info(group)).members}
            account = resolve_member(candidates, ref)
            if action == "approve":
                await ops.approve(group, account)
            elif action == "reject":
                await ops.reject(group, account)
            elif action == "remove":
                await ops.remove(group, account)
            elif action == "promote":
                await ops.promote(group, account)
            else:
                await ops.ban(group, account)
            name = candidates.get(account)
        line(f"{action}: {account}" + (f" ({name})" if name else ""))

    run(go())


@app.command("approve")
def approve(ctx: typer.Context, group: str = GROUP, account: str = ACCOUNT) -> None:
    """Let a pending member in (a new sender-key epoch starts)."""
    _membership(ctx, group, account, "approve")


@app.command("reject")
def reject(ctx: typer.Context, group: str = GROUP, account: str = ACCOUNT) -> None:
    """Turn down a pending join request."""
    _membership(ctx, group, account, "reject")


@app.command("remove")
def remove(ctx: typer.Context, group: str = GROUP, account: str = ACCOUNT) -> None:
    """Remove a member (they cannot read anything sent afterwards)."""
    _membership(ctx, group, account, "remove")


@app.command("ban")
def ban(ctx: typer.Context, group: str = GROUP, account: str = ACCOUNT) -> None:
    """Remove a member and keep them from rejoining."""
    _membership(ctx, group, account, "ban")


@app.command("promote")
def promote(ctx: typer.Context, group: str = GROUP, account: str = ACCOUNT) -> None:
    """Make a member who holds the staff moderator role a moderator of this group too."""
    _membership(ctx, group, account, "promote")


@app.command("settings")
def settings(
    ctx: typer.Context,
    group: str = GROUP,
    dm: bool | None = typer.Option(None, "--dm/--no-dm", help="Allow or forbid direct messages between members."),
    max_members: int | None = typer.Option(None, "--max-members", min=2),
) -> None:
    """Change the group's settings (group moderators and admins)."""
    changed = call(ctx, lambda client: client.groups.update(group, dm_enabled=dm, max_members=max_members))
    line(f"direct messages {'on' if changed.dm_enabled else 'off'}, at most {changed.max_members} members")


@app.command("revoke-invite")
def revoke_invite(
    ctx: typer.Context,
    group: str = GROUP,
    invite: str = typer.Argument(..., help="The invite id (not the code).", callback=full_id),
) -> None:
    """Revoke an invite code before it expires or runs out."""
    call(ctx, lambda client: client.groups.revoke_invite(group, invite))
    line(f"revoked invite {invite}")


@app.command("leave")
def leave(ctx: typer.Context, group: str = GROUP) -> None:
    """Leave the group; this device forgets its keys."""
    call(ctx, lambda client: client.groups.leave(group))
    line(f"left {group}")


@app.command("list")
def list_groups(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Your groups: id, status (pending/active), your role in it, your pseudonym."""

    async def go() -> None:
        async with opened(options(ctx)) as client:
            rows = []
            asked_as, still_pending = _pending_pseudonyms(client), {}
            for g in await client.groups.mine():
                if g.status == "active":
                    await client.groups.info(g.group_id)  # learns the pseudonyms (and keeps the keys in step)
                elif g.group_id in asked_as:
                    still_pending[g.group_id] = asked_as[g.group_id]
                name = client.groups.pseudonyms(g.group_id).get(client.account_id) or asked_as.get(g.group_id)
                rows.append((g.group_id, g.status, g.group_role, name))
            client.state.profile[PENDING_KEY] = still_pending
        table(("group", "status", "role", "pseudonym"), rows, as_json=as_json, empty="no groups")

    run(go())


@app.command("send")
def send(
    ctx: typer.Context,
    group: str = GROUP,
    text: str = typer.Argument(..., help='The message; "-" reads it from stdin (keeps it out of shell history).'),
) -> None:
    """Send one message to the group (encrypted here with your sender key)."""
    message = text_argument(text)

    async def go() -> None:
        async with opened(options(ctx), connect=True) as client:
            sent = await client.groups.send(group, message)
            line(f"sent #{sent.seq}")

    run(go())


@app.command("chat")
def chat(ctx: typer.Context, group: str = GROUP) -> None:
    """Interactive: prints messages as they arrive, sends each line you type (kept and sent after a reconnect
    when the connection drops). /members, /safety ACCOUNT, /report [N], /quit."""
    from client.cli.chat import chat_loop

    async def go() -> None:
        async with opened(options(ctx), connect=True) as client:
            await chat_loop(client, group)

    run(go())
