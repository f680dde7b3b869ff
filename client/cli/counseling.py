"""haven help ... (a member asking for a counselor) and haven counselor ... (availability, queue, sessions)."""

from __future__ import annotations

from enum import StrEnum

import typer

from client.cli.core import CliError, busy, call, full_id, opened, options, run, text_argument
from client.cli.output import fields, line, stamp, table

help_app = typer.Typer(help="Ask for a one-to-one session with a counselor.", no_args_is_help=True)
counselor_app = typer.Typer(help="Counselors: availability, the queue, sessions, transfers.", no_args_is_help=True)
JSON = typer.Option(False, "--json", help="Machine-readable output.")
SESSION = typer.Argument(..., help="The session id (32 hex digits).", callback=full_id)
REQUEST = typer.Argument(..., metavar="REQUEST", help="The request id (32 hex digits).", callback=full_id)
TEXT = typer.Argument(..., help='The message; "-" reads it from stdin (keeps it out of shell history).')


class Language(StrEnum):
    my = "my"
    en = "en"


class Topic(StrEnum):  # the server's topic codes: nothing a member types about themselves is stored
    general = "general"
    trauma = "trauma"
    safety = "safety"
    legal = "legal"
    family = "family"
    substance = "substance"
    crisis = "crisis"
    other = "other"


class Outcome(StrEnum):  # the server's outcome codes (server/counseling/schemas.py OUTCOMES)
    resolved = "resolved"
    referred = "referred"
    follow_up = "follow_up"
    no_show = "no_show"
    transferred_out = "transferred_out"
    other = "other"


class Mode(StrEnum):
    warm = "warm"
    cold = "cold"


def _send(ctx: typer.Context, session: str, text: str) -> None:
    message = text_argument(text)

    async def go() -> None:
        async with opened(options(ctx), connect=True) as client:
            sent = await client.counseling.send(session, message)
            line(f"sent #{sent.seq}")

    run(go())


# --- members -------------------------------------------------------------------------------------------------
@help_app.command("request")
def request(
    ctx: typer.Context,
    language: Language = typer.Option(..., "--language", help="my (Burmese) or en."),  # noqa: B008
    topic: Topic | None = typer.Option(None, "--topic", help="What it is about, as a code (optional)."),  # noqa: B008
) -> None:
    """Ask for a counselor; prints the request id and your place in the queue."""

    async def go() -> None:
        async with opened(options(ctx)) as client:
            # Outside any group a request carries a small proof of work (a few seconds): keeps floods out.
            with busy("asking for a counselor (a small proof of work first, which keeps floods of requests out)"):
                made = await client.counseling.request_help(language.value, topic.value if topic else None)
        line(f"request {made.request_id} {made.status}, position {made.position}")

    run(go())


@help_app.command("status")
def status(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Your open request and, once a counselor took it, your session."""
    mine = call(ctx, lambda client: client.counseling.my_request())
    req, ses = mine.request, mine.session
    if as_json:
        fields(
            [
                ("request", None if req is None else req.request_id),
                ("status", None if req is None else req.status),
                ("position", None if req is None else req.position),
                ("session", None if ses is None else ses.session_id),
                ("counselor", None if ses is None else ses.counselor_id),
            ],
            as_json=True,
        )
        return
    if req is not None:
        line(f"request {req.request_id} {req.status}, position {req.position} ({req.language})")
    if ses is not None:
        line(f"session {ses.session_id} with counselor {ses.counselor_id} (write: haven help send {ses.session_id} -)")
    if req is None and ses is None:
        line("no open request")


@help_app.command("cancel")
def cancel(ctx: typer.Context, request_id: str = REQUEST) -> None:
    """Withdraw your request."""
    call(ctx, lambda client: client.counseling.cancel(request_id))
    line(f"cancelled {request_id}")


@help_app.command("send")
def help_send(ctx: typer.Context, session: str = SESSION, text: str = TEXT) -> None:
    """Write to your counselor in a session."""
    _send(ctx, session, text)


# --- counselors ----------------------------------------------------------------------------------------------
@counselor_app.command("available")
def available(
    ctx: typer.Context,
    languages: str | None = typer.Option(None, "--languages", help="Comma-separated: my,en"),
    max_sessions: int = typer.Option(3, "--max-sessions", min=1),
    off: bool = typer.Option(False, "--off", help="Stop taking new sessions."),
) -> None:
    """Set your availability, languages and how many sessions you take at once."""
    if not off and not languages:
        raise CliError("give --languages my,en (or --off)")
    bad = [x for x in (languages or "").split(",") if x.strip() and not x.strip().isalpha()]
    if bad or any(not 2 <= len(x.strip()) <= 3 for x in (languages or "").split(",") if x.strip()):
        raise CliError("--languages takes language codes separated by commas, e.g. my,en")

    async def go() -> None:
        async with opened(options(ctx)) as client:
            if off:
                current = await client.counseling.profile()
                profile = await client.counseling.set_availability(False, list(current.languages), current.max_sessions)
            else:
                assert languages is not None
                wanted = [x.strip() for x in languages.split(",") if x.strip()]
                profile = await client.counseling.set_availability(True, wanted, max_sessions)
        state = "available" if profile.available else "not available"
        line(
            f"{state}: {','.join(profile.languages)}, up to {profile.max_sessions} sessions "
            f"({profile.active_sessions} active)"
        )

    run(go())


@counselor_app.command("queue")
def queue(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Take the next offer (escalated crises first): request id, language, priority, how long it waited."""
    offer = call(ctx, lambda client: client.counseling.next_offer())
    if offer is None:
        if as_json:
            fields([("request", None)], as_json=True)
        else:
            line("nothing waiting")
        return
    fields(
        [
            ("request", offer.request_id),
            ("language", offer.language),
            ("priority", offer.priority),
            ("waited", f"{offer.waited_ms // 1000}s" if not as_json else offer.waited_ms),
            ("topic", offer.topic),
            ("offer_expires", stamp(offer.offer_expires_at_ms)),
        ],
        as_json=as_json,
    )


@counselor_app.command("accept")
def accept(ctx: typer.Context, request_id: str = REQUEST) -> None:
    """Accept an offer; prints the new session id (the member may be offline: write first)."""
    session = call(ctx, lambda client: client.counseling.accept(request_id))
    line(session.session_id)


@counselor_app.command("decline")
def decline(ctx: typer.Context, request_id: str = REQUEST) -> None:
    """Pass on an offer; it goes back to the queue."""
    call(ctx, lambda client: client.counseling.decline(request_id))
    line(f"declined {request_id}")


@counselor_app.command("sessions")
def sessions(ctx: typer.Context, as_json: bool = JSON) -> None:
    """Your sessions."""
    found = call(ctx, lambda client: client.counseling.sessions())
    rows = [
        (
            s.session_id,
            s.status,
            s.member_id,
            s.counselor_id,
            s.transfer_to,
            s.outcome,
            s.created_at_ms if as_json else stamp(s.created_at_ms),
        )
        for s in found
    ]
    table(
        ("session", "status", "member", "counselor", "transfer_to", "outcome", "created"),
        rows,
        as_json=as_json,
        empty="no sessions",
    )


@counselor_app.command("colleagues")
def colleagues(ctx: typer.Context, as_json: bool = JSON) -> None:
    """The other available counselors — whom you can transfer a session to (transfer --to ACCOUNT)."""
    found = call(ctx, lambda client: client.api.get_list("/v1/counseling/counselors"))
    rows = [(c["account_id"], ",".join(c["languages"]), f"{c['active_sessions']}/{c['max_sessions']}") for c in found]
    table(("account", "languages", "sessions"), rows, as_json=as_json, empty="no other counselor is available")


@counselor_app.command("send")
def counselor_send(ctx: typer.Context, session: str = SESSION, text: str = TEXT) -> None:
    """Write to the member (and, during a warm transfer, the other counselor)."""
    _send(ctx, session, text)


@counselor_app.command("transfer")
def transfer(
    ctx: typer.Context,
    session: str = SESSION,
    to: str = typer.Option(
        ..., "--to", help="The next counselor's account id (haven counselor colleagues).", callback=full_id
    ),
    mode: Mode = typer.Option(Mode.warm, "--mode", help="warm: both stay until complete; cold: at once."),  # noqa: B008
    notes: str | None = typer.Option(None, "--notes", help="Sealed to the next counselor alone, here."),
) -> None:
    """Hand the session to another counselor, with notes only they can read."""
    moved = call(ctx, lambda client: client.counseling.transfer(session, to, mode=mode.value, notes=notes))
    line(f"transfer of {moved.session_id} to {to} ({mode.value}): {moved.status}")


@counselor_app.command("complete")
def complete(ctx: typer.Context, session: str = SESSION) -> None:
    """Finish a warm transfer (the receiving counselor): the previous one leaves the session."""
    done = call(ctx, lambda client: client.counseling.complete_transfer(session))
    line(f"{done.session_id} now with {done.counselor_id}")


@counselor_app.command("cancel-transfer")
def cancel_transfer(ctx: typer.Context, session: str = SESSION) -> None:
    """Call off a warm transfer you started: the receiving counselor leaves the session again."""
    done = call(ctx, lambda client: client.counseling.cancel_transfer(session))
    line(f"{done.session_id} stays with {done.counselor_id}")


@counselor_app.command("note")
def note(
    ctx: typer.Context,
    session: str = SESSION,
    text: str = typer.Argument(..., help="The note ('-' reads it from stdin, keeping it out of shell history)."),
) -> None:
    """Keep a note on the session, sealed to yourself on this device (for the next counselor: transfer --notes)."""
    note_id = call(ctx, lambda client: client.counseling.add_note(session, text_argument(text)))
    line(f"note {note_id} kept")


@counselor_app.command("notes")
def notes(ctx: typer.Context, session: str = SESSION, as_json: bool = JSON) -> None:
    """The session's notes addressed to you, opened on this device."""
    found = call(ctx, lambda client: client.counseling.notes(session))
    rows = [(n.author, n.created_at_ms if as_json else stamp(n.created_at_ms), n.text) for n in found]
    table(("author", "time", "text"), rows, as_json=as_json, empty="no notes")


@counselor_app.command("close")
def close(
    ctx: typer.Context,
    session: str = SESSION,
    outcome: Outcome = typer.Option(..., "--outcome"),  # noqa: B008
) -> None:
    """Close the session with an outcome; this device forgets its keys."""
    call(ctx, lambda client: client.counseling.close(session, outcome.value))
    line(f"closed {session}: {outcome.value}")
