"""Every refusal code the server can send is a member of one enum, has one HTTP status, and is documented.

HTTP codes are `ApiCode`, websocket codes `ErrorCode`, both in wire/codes.py. The server's
source is read as syntax: each call that builds a refusal, and each named domain refusal (`code = ...` in a
`DomainError` subclass), must name its code through the enum, so a bare string code (`code = "banned"`, or
`error_frame("slow_consumer", …)`) fails here, and every member must have a row in
docs/protocol.md (§1.7 for HTTP with its status, §3.4 for the websocket) and every row a member.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path
from typing import Any

import pytest

from server.app import create_app
from server.config import Settings
from server.domain import DomainError
from server.errors import ERROR_RESPONSES
from wire.codes import HTTP_STATUS, ApiCode, ErrorCode

ROOT = Path(__file__).resolve().parents[2]
PROTOCOL = ROOT / "docs" / "protocol.md"

# Calls that put a code on the wire, the enum their code argument must come from, and where that argument sits.
HTTP_BUILDERS = {"error_body": 0}
WS_BUILDERS = {"error_frame": 0, "error": 0, "Refused": 0}


def _section(heading: str) -> str:
    text = PROTOCOL.read_text(encoding="utf-8")
    start = text.index(heading)
    end = re.compile(r"^#{2,3} ", re.M).search(text, start + len(heading))
    return text[start : end.start() if end else len(text)]


def _rows(section: str) -> dict[str, str]:
    """`| \\`code\\` | second column |` rows of a markdown table: code -> second column."""
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"^\| `([a-z0-9_]+)` \| ([^|]+)\|", section, re.M)}


def _callee(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _refusal_code_literals(source: str, builders: dict[str, int]) -> list[tuple[int, str]]:
    """(line, literal) for each refusal-building call whose code is a string constant rather than an enum member."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and (name := _callee(node)) in builders:
            position = builders[name]
            arg = node.args[position] if len(node.args) > position else None
            arg = arg or next((k.value for k in node.keywords if k.arg == "code"), None)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, (str, int)):
                found.append((node.lineno, repr(arg.value)))
    return found


def _domain_code_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) for each `code = <string or number>` in a class body: a domain refusal whose code is not an
    enum member."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "code" for t in statement.targets)
                    and isinstance(statement.value, ast.Constant)
                ):
                    found.append((statement.lineno, repr(statement.value.value)))
    return found


def _domain_errors() -> list[type[DomainError]]:
    """Every named refusal of the server (create_app imports every domain)."""
    create_app(Settings())
    found, todo = [], list(DomainError.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__.startswith("server.")]


def _server_sources() -> dict[str, str]:
    return {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "server").rglob("*.py"))}


def test_http_codes_and_statuses_are_documented() -> None:
    documented = _rows(_section("### 1.7 HTTP error codes"))
    assert set(documented) == {code.value for code in ApiCode}
    for code in ApiCode:
        assert documented[code.value] == str(HTTP_STATUS.get(code, "—")), code


def test_websocket_codes_are_documented() -> None:
    documented = _rows(_section("### 3.4 Error codes"))
    assert set(documented) == {code.value for code in ErrorCode}


def test_every_http_code_has_one_status() -> None:
    # http_error alone relays whatever status the framework raised.
    assert set(ApiCode) - set(HTTP_STATUS) == {ApiCode.HTTP_ERROR}
    assert HTTP_STATUS[ApiCode.ALREADY_BANNED] == 409
    assert HTTP_STATUS[ApiCode.BANNED] == 403
    # Every status a code has is declared on the /v1 operations, and lists exactly the codes of that status.
    assert set(ERROR_RESPONSES) == set(HTTP_STATUS.values())
    for status, response in ERROR_RESPONSES.items():
        listed = set(re.findall(r"`([a-z0-9_]+)`", response["description"]))
        assert listed == {code.value for code, of in HTTP_STATUS.items() if of == status}, status


def test_no_refusal_in_the_server_names_its_code_as_a_string() -> None:
    sources = _server_sources()
    assert "server/errors.py" in sources and len(sources) > 40
    offenders = {
        path: literals
        for path, source in sources.items()
        if (
            literals := _refusal_code_literals(source, HTTP_BUILDERS)
            + _refusal_code_literals(source, WS_BUILDERS)
            + _domain_code_literals(source)
        )
    }
    assert offenders == {}


def _terms_raised(source: str, name: str) -> list[set[str]]:
    """The keyword names of each call `name(...)` in `source`."""
    return [
        {k.arg for k in node.keywords if k.arg is not None}
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and _callee(node) == name
    ]


def test_every_domain_refusal_has_a_status_and_a_message_that_names_no_value() -> None:
    """Each named refusal carries an enum code with one status and a fixed message. A template's terms (a
    status, an action, a role, a limit) are passed by name at every raise, exactly those the template has."""
    errors = _domain_errors()
    assert len(errors) > 80  # the walk found the domains' exceptions, not an empty tree
    sources = _server_sources()
    templates = 0
    for cls in errors:
        assert isinstance(cls.code, ApiCode) and cls.code in HTTP_STATUS, cls
        assert cls.message and cls.message == cls.message.strip(), cls
        terms = {field for _text, field, _spec, _conv in string.Formatter().parse(cls.message) if field}
        raised = [found for source in sources.values() for found in _terms_raised(source, cls.__name__)]
        assert raised, f"{cls.__name__} is never raised"
        assert all(found == terms for found in raised), (cls.__name__, terms, raised)
        if terms:
            templates += 1
        else:
            assert str(cls()) == cls().message == cls.message, cls
    assert templates == 5


def test_every_enum_code_in_the_server_source_is_a_member() -> None:
    """`ApiCode.X` / `ErrorCode.X` attribute reads name existing members (mypy checks this too; this one also
    covers a module mypy is told to skip), and each builder call the scan sees is one the scan was meant for."""
    calls = 0
    for path, source in _server_sources().items():
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                enum = {"ApiCode": ApiCode, "ErrorCode": ErrorCode}.get(node.value.id)
                if enum is not None and node.attr not in ("value", "name"):
                    assert node.attr in enum.__members__, (path, node.lineno, node.attr)
            if isinstance(node, ast.Call) and _callee(node) in HTTP_BUILDERS | WS_BUILDERS:
                calls += 1
            if isinstance(node, ast.ClassDef) and any(
                isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code" for t in s.targets)
                for s in node.body
            ):
                calls += 1
    assert calls > 100  # the scan saw the server's refusals, not an empty tree


def test_scanner_catches_a_bare_string_code() -> None:
    assert _refusal_code_literals('error_body(409, "m")', HTTP_BUILDERS) == [(1, "409")]
    assert _refusal_code_literals('error_body("banned", "m")', HTTP_BUILDERS) == [(1, "'banned'")]
    assert _domain_code_literals('class Banned(DomainError):\n    code = "banned"\n') == [(2, "'banned'")]
    assert _domain_code_literals("class Banned(DomainError):\n    code = ApiCode.BANNED\n") == []
    assert _refusal_code_literals('error_frame("slow_consumer", "m", fatal=True)', WS_BUILDERS) == [
        (1, "'slow_consumer'")
    ]
    assert _refusal_code_literals("error_body(ApiCode.BANNED, 'm')", HTTP_BUILDERS) == []
    assert _rows("| `a_b` | 409 | x |\n| code | status | when |\n") == {"a_b": "409"}


def test_openapi_carries_both_enums() -> None:
    spec = create_app(Settings(api_docs=True)).openapi()
    schemas = spec["components"]["schemas"]
    assert schemas["ErrorDetail"]["properties"]["code"] == {"$ref": "#/components/schemas/ApiCode"}
    assert schemas["ApiCode"]["enum"] == [code.value for code in ApiCode]
    assert schemas["WebsocketErrorCode"]["enum"] == [code.value for code in ErrorCode]


STATUS_MODULES = (
    "server/counseling",
    "server/alerts",
    "server/groups",
    "server/accounts",
    "server/identity/roles.py",
)


def _bare_status_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) for `x.status == "..."`, `x.status in ("...",)`, `status="..."` and `{"status": "..."}`."""
    found = []

    def literals(node: ast.AST) -> list[ast.Constant]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node]
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return [c for e in node.elts for c in literals(e)]
        return []

    def is_status(node: ast.AST) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "status") or (
            isinstance(node, ast.Name) and node.id == "status"
        )

    for node in ast.walk(ast.parse(source)):
        hits: list[ast.Constant] = []
        if isinstance(node, ast.Compare) and (is_status(node.left) or any(map(is_status, node.comparators))):
            hits = [c for side in (node.left, *node.comparators) for c in literals(side)]
        elif isinstance(node, ast.keyword) and node.arg == "status":
            hits = literals(node.value)
        elif isinstance(node, ast.Dict):
            hits = [
                c
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and k.value == "status"
                for c in literals(v)
            ]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "in_":
            hits = [c for arg in node.args for c in literals(arg)] if is_status(node.func.value) else []
        found += [(c.lineno, c.value) for c in hits]
    return found


def test_statuses_are_enums_not_strings() -> None:
    """Help requests, sessions, alerts, group members and staff invites compare and store their status through
    the enums of server/statuses.py, whose values are the stored strings (no migration)."""
    paths = [p for m in STATUS_MODULES for p in ((ROOT / m).rglob("*.py") if (ROOT / m).is_dir() else [ROOT / m])]
    assert len(paths) > 10
    offenders = {
        str(p.relative_to(ROOT)): hits for p in paths if (hits := _bare_status_literals(p.read_text(encoding="utf-8")))
    }
    assert offenders == {}
    assert sorted(
        _bare_status_literals('x.status == "open"\nf(status="a")\n{"status": "b"}\nX.status.in_(("c",))')
    ) == [
        (1, "open"),
        (2, "a"),
        (3, "b"),
        (4, "c"),
    ]


def test_stored_status_values_are_unchanged() -> None:
    """The values the database already holds (and the partial index in server/models/counseling.py names)."""
    from server.models.counseling import HelpRequest
    from server.statuses import AlertStatus, HelpRequestStatus, InviteStatus, MemberStatus, SessionStatus

    assert [s.value for s in HelpRequestStatus] == ["waiting", "offered", "active", "closed", "cancelled"]
    assert [s.value for s in SessionStatus] == ["active", "closed"]
    assert [s.value for s in AlertStatus] == ["open", "claimed", "escalated", "dismissed", "resolved"]
    assert [s.value for s in MemberStatus] == ["pending", "active", "banned"]
    assert [s.value for s in InviteStatus] == ["open", "used", "revoked"]
    indexed = {
        str(getattr(index.dialect_options["sqlite"], "_non_defaults", {}).get("where", ""))
        for index in HelpRequest.__table__.indexes  # type: ignore[attr-defined]
    }
    assert any("'waiting', 'offered', 'active'" in where for where in indexed)


def test_template_refusals_say_what_they_said_before_they_were_classes() -> None:
    """The five templates, filled as their raises fill them, give the text clients saw from the f-strings."""
    from server.alerts.exceptions import AlertNotClaimable, TransitionNotAllowed
    from server.groups.exceptions import ActionNotPermitted
    from server.groups.policy import Action
    from server.identity.exceptions import RoleRequired
    from server.prekeys.exceptions import TooManyOneTimePreKeys
    from server.statuses import AlertStatus

    assert AlertNotClaimable(status=AlertStatus.RESOLVED).message == "an alert that is resolved cannot be claimed"
    assert TransitionNotAllowed(status=AlertStatus.OPEN).message == "not allowed on an alert that is open"
    assert ActionNotPermitted(action=Action.APPROVE).message == "approve: not permitted for this caller in this group"
    assert RoleRequired(roles="admin or moderator").message == "this needs the role admin or moderator"
    assert TooManyOneTimePreKeys(limit=200).message == "at most 200 one-time prekeys"
    assert (ActionNotPermitted.code, AlertNotClaimable.code) == (ApiCode.FORBIDDEN, ApiCode.INVALID_TRANSITION)


async def test_conversation_refusals_are_domain_refusals(fresh_database_url: str, db_factory: Any) -> None:
    """The conversations package refuses under the one root too (it had an `Exception` of its own), so
    server/errors.py maps its refusals as it maps every domain's."""
    from server.conversations import exceptions as conversation_refusals
    from server.conversations.service import add_member, create_conversation

    sessions = db_factory(fresh_database_url)
    async with sessions() as session:
        with pytest.raises(DomainError) as unknown:
            await add_member(session, "0" * 32, "1" * 32)
        assert isinstance(unknown.value, conversation_refusals.UnknownConversation)
        assert (unknown.value.code, unknown.value.message) == (ApiCode.NOT_FOUND, "no such conversation")
        with pytest.raises(DomainError) as kind:
            await create_conversation(session, "broadcast", ["1" * 32])
        assert isinstance(kind.value, conversation_refusals.UnknownConversationKind)
        assert kind.value.code == ApiCode.INVALID_REQUEST
