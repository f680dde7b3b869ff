"""What a refusal says on the command line: the server's stable code, and words that name a `haven` command —
never an HTTP path, a Python name or an SDK call.

The server's messages are written for any client (the web app, the SDK) and some name an endpoint
("set yourself available (PUT /v1/counseling/profile) first"); the CLI replaces those, and adds the next step
where there is an obvious one. `tests/client/test_cli_messages.py` walks this table and every message the server
and the SDK can raise, and fails if what the CLI would print names a path or a command that does not exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Hint:
    code: str
    # Applies when the server's message contains this (None: any message with this code).
    when: str | None
    # What to print instead; "{message}" keeps the server's words and adds to them.
    say: str


HINTS: tuple[Hint, ...] = (
    Hint(
        "not_available",
        None,
        "you are not taking sessions: set yourself available first (haven counselor available --languages my,en)",
    ),
    Hint("at_capacity", None, "{message} (raise it: haven counselor available --languages ... --max-sessions N)"),
    Hint(
        "invalid_transition",
        "not allowed on an alert that is open",
        "claim it first (haven moderator claim ALERT): this is not allowed on an alert nobody has claimed",
    ),
    Hint(
        "invalid_transition",
        "changed meanwhile",
        "the alert changed meanwhile: look again (haven moderator alerts) and retry",
    ),
    Hint("not_claimer", None, "{message}: ask them to hand it back (haven moderator release ALERT)"),
    Hint("already_claimed", None, "{message}; see who in: haven moderator alerts"),
    Hint("not_offered", None, "this request is not offered to you: take the next one (haven counselor queue)"),
    Hint("offer_expired", None, "{message}: take the next one (haven counselor queue)"),
    Hint(
        "transfer_pending",
        None,
        "a warm transfer of this session is in progress: finish it (haven counselor "
        "complete SESSION) or call it off (haven counselor cancel-transfer SESSION) first",
    ),
    Hint(
        "counselor_unavailable",
        None,
        "that counselor is not available, is full, or is you or the member: "
        "see who can take it (haven counselor colleagues)",
    ),
    Hint("no_transfer", None, "{message} (start one: haven counselor transfer SESSION --to ACCOUNT)"),
    Hint("request_open", None, "{message} (see it: haven help status; withdraw it: haven help cancel REQUEST)"),
    Hint(
        "not_staff_moderator",
        None,
        "only a holder of the moderator role can moderate a group (an admin grants "
        "it: haven admin invite --role moderator)",
    ),
    Hint("unauthenticated", None, "the server did not accept this device's login; check the clock and try again"),
    Hint("not_connected", None, "not connected to the server"),
    Hint(
        "no_prekeys",
        None,
        "that person's device has not published its keys yet: they need to connect once (haven inbox)",
    ),
    Hint("not_member", None, "{message} (a group moderator approves joins: haven group pending GROUP)"),
    Hint("session_closed", None, "{message} (your open sessions: haven counselor sessions, or haven help status)"),
)

# A value the server refused by its form: "path.account_id: string_pattern_mismatch" and the like.
_FIELD_RULE = re.compile(r"^(?:(?:path|query|body)\.)?([\w.]+): ([a-z_]+)$")
_RULES = {
    "string_pattern_mismatch": "is not in the expected form",
    "string_too_long": "is too long",
    "string_too_short": "is too short",
    "missing": "is missing",
    "int_parsing": "must be a whole number",
    "greater_than_equal": "is too small",
    "less_than_equal": "is too large",
    "literal_error": "is not one of the allowed values",
    "enum": "is not one of the allowed values",
}
# What must never reach the person: an HTTP method and path, or a call in the SDK.
LEAKS = re.compile(r"/v1/|\b(?:GET|PUT|POST|DELETE|PATCH) /|\w\(\)")


def humane(code: str, message: str) -> str:
    """The message the CLI prints after "error: <code>: "."""
    for hint in HINTS:
        if hint.code == code and (hint.when is None or hint.when in message):
            return hint.say.format(message=message)
    field_rule = _FIELD_RULE.match(message) if code == "invalid_request" else None
    if field_rule is not None:
        field, rule = field_rule.groups()
        return f"{field.replace('_', ' ')} {_RULES.get(rule, 'was refused')}"
    if LEAKS.search(message):
        return "the server refused this request"
    return message
