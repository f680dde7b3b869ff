"""The root of every refusal a domain makes. A service names the rule it enforces by raising a subclass of
`DomainError` from its package's `exceptions.py` (polar's `<domain>/exceptions.py`, Synapse's `api/errors.py`);
it never builds an HTTP answer. `server/errors.py` maps the root to HTTP in one handler: the status is
`HTTP_STATUS[code]`, the body `{"error": {"code", "message"}}`.

Each subclass carries its `code` and its `message` as class attributes, one class per rule. A message is fixed;
a few are templates whose terms come from a closed set the server itself defines (an alert's status, a group
action, a staff role, a limit) — never an id, a key or anything the caller sent."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from wire.codes import ApiCode


class DomainError(Exception):
    """A refusal by a named rule. Subclasses set `code` and `message`; a template message's `{term}`s are filled
    from the keyword terms the raise passes (`AlertNotClaimable(status=...)`; a term left out is a KeyError, and
    tests/server/test_codes.py checks every raise names exactly its template's terms)."""

    code: ClassVar[ApiCode]
    message: str

    def __init__(self, **terms: StrEnum | int | str) -> None:
        # Formatting a fixed message changes nothing: none has a brace unless it is a template.
        self.message = type(self).message.format(**{name: str(term) for name, term in terms.items()})
        super().__init__(self.message)
