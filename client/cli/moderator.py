"""haven moderator ...: crisis alerts — list, open here, claim, verify the franking proof, escalate, dismiss."""

from __future__ import annotations

from enum import StrEnum

import typer

from client.api import alerts as alerts_api
from client.api.alerts import DISMISS_REASONS, STATUSES
from client.cli.core import CliError, call, full_id, opened, options, run
from client.cli.output import fields, line, stamp, table
from client.haven import HavenClient

app = typer.Typer(help="Moderators: crisis alerts.", no_args_is_help=True)
ALERT = typer.Argument(..., help="The alert id (32 hex digits, as haven moderator alerts prints it).", callback=full_id)


class Language(StrEnum):
    my = "my"
    en = "en"


async def _where(
    client: HavenClient, conversation: str, subject: str | None, verified: bool | None, synced: set[str] | None = None
) -> tuple[str, str]:
    """Where the alert is and whom it is about, as far as this device may know: the group (or session) and the
    member's pseudonym in it when this moderator is in that group; otherwise the ids alone. An alert names its
    subject only once verification proved who sent the message, never on the reporter's word."""
    info = client.directory.lookup(conversation)
    if info is None and (synced is None or not synced):
        await client.groups.sync()  # the groups this moderator is in, and their conversations: once a command
        if synced is not None:
            synced.add("groups")
        info = client.directory.lookup(conversation)
    if info is None:
        where = f"a conversation you are not in ({conversation})"
    elif info.kind == "session":
        where = f"session {info.session_id}"
    elif info.kind == "pair":
        where = f"direct messages in group {info.group_id}"
    else:
        where = f"group {info.group_id}"
    if subject is None:
        return where, "(deleted their identity)" if verified else "(nobody until the report is verified)"
    name = client.groups.pseudonyms(info.group_id).get(subject) if info is not None and info.group_id else None
    return where, f"{name} ({subject})" if name else subject


class Reason(StrEnum):
    false_positive = "false_positive"
    idiom = "idiom"
    quoted = "quoted"
    fiction = "fiction"
    duplicate = "duplicate"
    other = "other"


assert {r.value for r in Reason} == set(DISMISS_REASONS)


@app.command("alerts")
def alerts(
    ctx: typer.Context,
    status: str | None = typer.Option(None, "--status", help=", ".join(STATUSES)),
    min_tier: int | None = typer.Option(None, "--min-tier", min=1, max=4),
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Alerts, most severe first."""
    if status is not None and status not in STATUSES:
        raise CliError(f"--status must be one of {', '.join(STATUSES)}")

    async def go() -> None:
        async with opened(options(ctx)) as client:
            found = await client.alerts.list(status=status, min_tier=min_tier)
            rows, synced = [], set[str]()
            for a in found:
                subject = (await alerts_api.get_alert(client.api, a.alert_id)).subject
                where, about = await _where(client, a.conversation, subject, a.verified, synced)
                rows.append(
                    (
                        a.alert_id,
                        a.tier,
                        a.status,
                        a.reports,
                        a.source,
                        where,
                        about,
                        a.created_at_ms if as_json else stamp(a.created_at_ms),
                        a.claimed_by or "",
                        a.verified,
                    )
                )
        table(
            ("alert", "tier", "status", "reports", "source", "where", "about", "created", "claimed_by", "verified"),
            rows,
            as_json=as_json,
            empty="no alerts",
        )

    run(go())


@app.command("show")
def show(
    ctx: typer.Context,
    alert: str = ALERT,
    as_json: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Open the alert's sealed content on this device: tier, categories, excerpts, the message."""

    async def go() -> None:
        async with opened(options(ctx)) as client:
            opened_alert = await client.alerts.open(alert)
            where, about = await _where(
                client, opened_alert.summary.conversation, opened_alert.subject, opened_alert.summary.verified
            )
        s, content = opened_alert.summary, opened_alert.content
        excerpts = [f"{e.snippet} [{e.category}, tier {e.tier}]" for e in content.excerpts]
        fields(
            [
                ("alert", s.alert_id),
                ("tier", s.tier),
                ("status", s.status),
                ("reports", s.reports),
                ("where", where),
                ("about", about),
                ("subject", opened_alert.subject),
                ("raised_by", opened_alert.raised_by),
                ("verified", s.verified),
                ("claimed_sender", opened_alert.claimed_sender),
                ("language", content.language),
                ("categories", ", ".join(content.categories)),
                ("excerpts", excerpts if as_json else " | ".join(excerpts)),
                ("message", opened_alert.message_text),
            ],
            as_json=as_json,
        )

    run(go())


def _act(ctx: typer.Context, alert: str, action: str, reason: str | None = None) -> None:
    async def go() -> None:
        async with opened(options(ctx)) as client:
            ops = client.alerts
            if action == "claim":
                after = await ops.claim(alert)
            elif action == "release":
                after = await ops.release(alert)
            elif action == "dismiss":
                assert reason is not None
                after = await ops.dismiss(alert, reason)
            else:
                after = await ops.resolve(alert)
        line(f"{after.alert_id} {after.status}")

    run(go())


@app.command("claim")
def claim(ctx: typer.Context, alert: str = ALERT) -> None:
    """Take the alert (others see it is being handled)."""
    _act(ctx, alert, "claim")


@app.command("release")
def release(ctx: typer.Context, alert: str = ALERT) -> None:
    """Hand a claimed alert back to the other moderators."""
    _act(ctx, alert, "release")


@app.command("verify")
def verify(ctx: typer.Context, alert: str = ALERT) -> None:
    """Check the franking proof: prints "verified" (exit 0) or "NOT verified" (exit 1)."""

    async def go() -> bool:
        async with opened(options(ctx)) as client:
            return await client.alerts.verify(alert)

    ok = run(go())
    line("verified" if ok else "NOT verified")
    if not ok:
        raise typer.Exit(1)


@app.command("escalate")
def escalate(
    ctx: typer.Context,
    alert: str = ALERT,
    language: Language | None = typer.Option(None, "--language", help="Default: the alert's."),  # noqa: B008
) -> None:
    """Queue a priority counseling request for the person; prints the request id."""
    done = call(ctx, lambda client: client.alerts.escalate(alert, language.value if language else None))
    line(f"escalated: request {done.request_id}")


@app.command("dismiss")
def dismiss(
    ctx: typer.Context,
    alert: str = ALERT,
    reason: Reason = typer.Option(..., "--reason"),  # noqa: B008
) -> None:
    """Dismiss as a false positive (or idiom, quoted, fiction, duplicate, other)."""
    _act(ctx, alert, "dismiss", reason.value)


@app.command("resolve")
def resolve(ctx: typer.Context, alert: str = ALERT) -> None:
    """Mark the alert handled."""
    _act(ctx, alert, "resolve")
