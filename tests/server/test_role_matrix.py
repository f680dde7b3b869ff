"""The role × action matrix: every HTTP endpoint the app exposes, called by every kind of caller, on SQLite and
PostgreSQL; and the websocket frames that carry messages.

The HTTP walks run on the app in process, each on a database of its own (tests/haven_testing/inprocess.py); the walks
that need messages or frames (alerts name a message's seq) run on a real server of their own.

Requirement (Roles and enrollment): "Every endpoint and frame checks the caller's role and membership: a test walks
the full matrix (each role × each action) and asserts every refusal."

`ACTIONS` below is the table. Each row names one (method, path) of the app, who may call it, and how everyone else
is refused; `test_the_table_covers_every_endpoint` fails as soon as the app grows an endpoint without a row. An
*allowed* cell only asserts that the answer is not an authorization refusal (not 401/403, not a server error): the
action's own rules may still answer 404/409/422 (a counselor accepting a request not offered to them). A *refused*
cell asserts the exact status and code. Destructive actions act on objects of their own (a fresh pending member to
approve, a fresh session to close, a fresh identity to delete), so the walk's order does not matter.

Who the callers are, relative to the objects the actions name (made by `build_world`):

* anonymous — no token;
* member — a registered identity with no role and no relation to anything;
* group_member / pending_member — an active / a pending member of the group G (plain identities);
* group_moderator — a staff moderator who created G (so its group moderator); it also moderates the helper groups;
* moderator — a staff moderator outside G;
* counselor — a staff counselor on no session;
* session_member / session_counselor — the two participants of the active counseling session S;
* admin — a staff admin (made through a role invite) outside G and S.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import connect as ws_connect

from client.api import HavenAPI
from client.api import counseling as counseling_api
from client.api import groups as groups_api
from client.errors import HavenClientError
from client.relay import RelayConnection
from crypto.auth import bootstrap_proof
from crypto.keys import IdentityKeyPair
from crypto.sealed import DOMAIN_ALERT, seal
from server.app import create_app
from tests.haven_testing.live_server import TEST_SECRET
from tests.haven_testing.people import Server, admin_of, new_person, staff

CALLERS = (
    "anonymous",
    "member",
    "group_member",
    "pending_member",
    "group_moderator",
    "moderator",
    "counselor",
    "session_member",
    "session_counselor",
    "admin",
)
AUTHENTICATED = frozenset(CALLERS) - {"anonymous"}
NOT_IN_GROUP = ("member", "moderator", "counselor", "session_member", "session_counselor", "admin")

# Not part of the API: operations and the generated documentation; the websocket is walked by its own tests.
UNWALKED = {
    ("GET", "/health"),
    ("GET", "/ready"),
    # Aggregate counters without ids, for an operator's scraper (tests/server/test_metrics.py): no caller role.
    ("GET", "/metrics"),
    # The built web app's static files, the same for everyone (tests/web/test_web_app.py checks how they are served).
    ("GET", "/"),
    ("GET", "/assets/{name}"),
    ("GET", "/build-manifest.json"),
    ("GET", "/sw.js"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/redoc"),
    ("WEBSOCKET", "/v1/ws"),
}


# --- the table ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Expect:
    """`allowed`: any answer but 401/403 (and no server error); otherwise exactly `status` and `code`."""

    allowed: bool
    status: int | None = None
    code: str | None = None

    def __str__(self) -> str:
        if self.allowed:
            return "allowed" if self.status is None else f"allowed ({self.status} {self.code})"
        return f"{self.status} {self.code}"


ALLOW = Expect(True)
UNAUTHENTICATED = Expect(False, 401, "unauthenticated")
FORBIDDEN = Expect(False, 403, "forbidden")


def refused(status: int, code: str) -> Expect:
    return Expect(False, status, code)


def allowed_as(status: int, code: str) -> Expect:
    """Allowed by authorization, and then refused by the action's own rule with exactly this answer."""
    return Expect(True, status, code)


Fill = Callable[["World", str], Mapping[str, str]]
Body = Callable[["World", str], Any]


@dataclass(frozen=True)
class Action:
    method: str
    route: str  # exactly as the app declares it
    domain: str
    allowed: frozenset[str] = frozenset()
    public: bool = False  # needs no token at all
    special: Mapping[str, Expect] = field(default_factory=dict)
    fill: Fill | None = None  # the path parameters, per caller
    body: Body | None = None
    params: Mapping[str, Any] | None = None
    # Acts on the caller itself (deleting the identity): walked with fresh callers.
    consumes_caller: bool = False

    @property
    def name(self) -> str:
        return f"{self.method} {self.route}"

    def expect(self, caller: str) -> Expect:
        if caller in self.special:
            return self.special[caller]
        if self.public:
            return ALLOW
        if caller == "anonymous":
            return UNAUTHENTICATED
        return ALLOW if caller in self.allowed else FORBIDDEN


def _who(*callers: str) -> frozenset[str]:
    unknown = set(callers) - set(CALLERS)
    assert not unknown, unknown
    return frozenset(callers)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _alert_body(w: World, caller: str) -> dict[str, Any]:
    """A manual report about the group member's first message in G, sealed and signed by the caller itself (so
    that only authorization can refuse it)."""
    identity = w.identity(caller)
    sealed = seal(b"matrix alert", domain=DOMAIN_ALERT, sender=identity, recipients=[w.identity("moderator").public()])
    return {
        "conversation": w.group_conversation,
        "seq": 1,
        "tier": 2,
        "source": "manual",
        "subject": w.account("group_member"),
        "language": "en",
        "sealed": _b64(bytes(sealed)),
    }


def _mine_or(fresh: str, usual: str, owner: str) -> Fill:
    """`owner` acts on an object of its own (`fresh`, a destructive action's), everyone else on the shared one."""

    def fill(w: World, caller: str) -> Mapping[str, str]:
        return {key: w.ids[fresh if caller == owner else usual] for key in ("session_id", "alert_id")}

    return fill


def _ids(**names: str) -> Fill:
    """Path parameters taken from the world's objects: `group_id="group"` -> w.ids["group"]."""
    return lambda w, _caller: {param: w.ids[name] for param, name in names.items()}


GROUP_MOD = _who("group_moderator")
ACTIVE_IN_G = _who("group_member", "group_moderator")
COUNSELORS = _who("counselor", "session_counselor")
STAFF_MODERATORS = _who("moderator", "group_moderator")
NOT_CLAIMER = {"group_moderator": refused(403, "not_claimer")}

ACTIONS: tuple[Action, ...] = (
    # --- identity, login, prekeys (docs/protocol.md 1.1–1.3, 1.5) ---------------------------------------------
    Action("GET", "/v1/config", "identity", public=True),
    Action("GET", "/v1/registration/challenge", "identity", public=True),
    Action("POST", "/v1/identities", "identity", public=True, body=lambda w, c: {}),
    # Public on purpose (tests/server/test_registration.py looks identities up without a token): a peer checks
    # the keys it was told out of band.
    Action("GET", "/v1/identities/{account_id}", "identity", public=True, fill=_ids(account_id="filler")),
    Action("DELETE", "/v1/identities/me", "identity", allowed=AUTHENTICATED, consumes_caller=True),
    Action("GET", "/v1/auth/challenge", "identity", public=True),
    Action("POST", "/v1/auth/tokens", "identity", public=True, body=lambda w, c: {}),
    Action("DELETE", "/v1/auth/tokens/current", "identity", allowed=AUTHENTICATED),
    Action("GET", "/v1/me", "identity", allowed=AUTHENTICATED),
    Action("PUT", "/v1/prekeys", "identity", allowed=AUTHENTICATED, body=lambda w, c: {"one_time_prekeys": []}),
    Action("GET", "/v1/prekeys", "identity", allowed=AUTHENTICATED),
    # Only someone sharing a conversation with the owner (the filler is an active member of G); not oneself.
    Action("GET", "/v1/prekeys/{account_id}", "identity", allowed=ACTIVE_IN_G, fill=_ids(account_id="filler")),
    # --- staff roles and the audit log (docs/protocol.md 1.4) -------------------------------------------------
    # Anyone holding the server secret, once: with the right proof every caller gets past authorization.
    Action(
        "POST",
        "/v1/admin/bootstrap",
        "admin",
        allowed=AUTHENTICATED,
        special={c: allowed_as(409, "already_initialized") for c in AUTHENTICATED},
        body=lambda w, c: {"proof": _b64(bootstrap_proof(bytes.fromhex(TEST_SECRET), w.account(c)))},
    ),
    Action(
        "POST",
        "/v1/admin/invites",
        "admin",
        allowed=_who("admin"),
        body=lambda w, c: {"role": "counselor", "ttl_seconds": 3600},
    ),
    Action(
        "DELETE", "/v1/admin/invites/{invite_id}", "admin", allowed=_who("admin"), fill=_ids(invite_id="role_invite")
    ),
    Action(
        "POST",
        "/v1/roles/redeem",
        "admin",
        allowed=AUTHENTICATED,
        special={c: allowed_as(404, "invite_invalid") for c in AUTHENTICATED},
        body=lambda w, c: {"code": "nosuchinvitecodeanywhere"},
    ),
    Action(
        "DELETE",
        "/v1/admin/roles/{account_id}/{role}",
        "admin",
        allowed=_who("admin"),
        fill=lambda w, c: {"account_id": w.ids["role_holder"], "role": "counselor"},
    ),
    Action("GET", "/v1/admin/roles", "admin", allowed=_who("admin")),
    Action(
        "GET", "/v1/admin/audit", "admin", allowed=_who("admin", "moderator", "group_moderator"), params={"limit": 1}
    ),
    Action("GET", "/v1/moderators/keys", "admin", allowed=AUTHENTICATED),
    # --- groups (docs/groups.md, server/groups/policy.py) ---------------------------------------------------------
    Action(
        "POST",
        "/v1/groups",
        "groups",
        allowed=_who("moderator", "group_moderator", "admin"),
        body=lambda w, c: {"pseudonym": "matrix"},
    ),
    Action("GET", "/v1/groups", "groups", allowed=AUTHENTICATED),
    # Any identity may ask (to another group, so that G is unchanged); the group moderator already belongs.
    Action(
        "POST",
        "/v1/groups/join",
        "groups",
        allowed=AUTHENTICATED,
        special={"group_moderator": allowed_as(409, "already_member")},
        body=lambda w, c: {"code": w.ids["join_code"], "pseudonym": "asker"},
    ),
    # A pending member sees its own status only (200).
    Action(
        "GET",
        "/v1/groups/{group_id}",
        "groups",
        allowed=_who("group_member", "pending_member", "group_moderator"),
        fill=_ids(group_id="group"),
    ),
    Action(
        "PATCH",
        "/v1/groups/{group_id}",
        "groups",
        allowed=_who("group_moderator", "admin"),
        fill=_ids(group_id="group"),
        body=lambda w, c: {"dm_enabled": False},
    ),
    Action(
        "POST",
        "/v1/groups/{group_id}/invites",
        "groups",
        allowed=GROUP_MOD,
        fill=_ids(group_id="group"),
        body=lambda w, c: {"ttl_seconds": 3600, "max_uses": 1},
    ),
    Action("GET", "/v1/groups/{group_id}/invites", "groups", allowed=GROUP_MOD, fill=_ids(group_id="group")),
    Action(
        "DELETE",
        "/v1/groups/{group_id}/invites/{invite_id}",
        "groups",
        allowed=GROUP_MOD,
        fill=_ids(group_id="group", invite_id="group_invite"),
    ),
    Action("GET", "/v1/groups/{group_id}/pending", "groups", allowed=GROUP_MOD, fill=_ids(group_id="group")),
    Action(
        "POST",
        "/v1/groups/{group_id}/members/{account_id}/approve",
        "groups",
        allowed=GROUP_MOD,
        fill=_ids(group_id="group", account_id="to_approve"),
    ),
    Action(
        "POST",
        "/v1/groups/{group_id}/members/{account_id}/reject",
        "groups",
        allowed=GROUP_MOD,
        fill=_ids(group_id="group", account_id="to_reject"),
    ),
    Action(
        "POST",
        "/v1/groups/{group_id}/members/{account_id}/remove",
        "groups",
        allowed=GROUP_MOD,
        fill=_ids(group_id="group", account_id="to_remove"),
    ),
    Action(
        "POST",
        "/v1/groups/{group_id}/members/{account_id}/ban",
        "groups",
        allowed=GROUP_MOD,
        fill=_ids(group_id="group", account_id="to_ban"),
    ),
    # Group moderators or an admin; the target is an active member holding the staff role moderator.
    Action(
        "POST",
        "/v1/groups/{group_id}/moderators/{account_id}",
        "groups",
        allowed=_who("group_moderator", "admin"),
        fill=_ids(group_id="group", account_id="to_promote"),
    ),
    # Any member of the group (GL, which the group member, the pending member and a filler share with its
    # moderator); the last group moderator may not leave while others remain; a non-member is no member.
    Action(
        "POST",
        "/v1/groups/{group_id}/leave",
        "groups",
        allowed=_who("group_member", "pending_member"),
        special={
            "group_moderator": allowed_as(409, "last_moderator"),
            **{c: refused(404, "unknown_member") for c in NOT_IN_GROUP},
        },
        fill=_ids(group_id="leave_group"),
    ),
    Action(
        "POST",
        "/v1/groups/{group_id}/pairs/{peer}",
        "groups",
        allowed=ACTIVE_IN_G,
        fill=_ids(group_id="group", peer="filler"),
    ),
    Action("GET", "/v1/groups/{group_id}/pairs", "groups", allowed=ACTIVE_IN_G, fill=_ids(group_id="group")),
    # --- counseling (docs/counseling.md) -------------------------------------------------------------------
    Action("GET", "/v1/counseling/pow", "counseling", allowed=AUTHENTICATED),
    # In a language no counselor of this walk speaks, so no request made here is ever offered.
    Action(
        "POST",
        "/v1/counseling/requests",
        "counseling",
        allowed=AUTHENTICATED,
        body=lambda w, c: {"language": w.ids["unspoken_language"]},
    ),
    Action("GET", "/v1/counseling/requests/mine", "counseling", allowed=AUTHENTICATED),
    # The session member's own request (accepted, so no longer cancellable: 403 for others comes first).
    Action(
        "DELETE",
        "/v1/counseling/requests/{request_id}",
        "counseling",
        special={"session_member": allowed_as(409, "request_not_cancellable")},
        fill=_ids(request_id="session_request"),
    ),
    Action("GET", "/v1/counseling/profile", "counseling", allowed=COUNSELORS),
    Action("GET", "/v1/counseling/counselors", "counseling", allowed=COUNSELORS),
    Action(
        "PUT",
        "/v1/counseling/profile",
        "counseling",
        allowed=COUNSELORS,
        body=lambda w, c: {"available": True, "languages": [w.ids["language"]], "max_sessions": 20},
    ),
    Action("POST", "/v1/counseling/offers/next", "counseling", allowed=COUNSELORS),
    Action("GET", "/v1/counseling/queue", "counseling", allowed=COUNSELORS),
    # Offered to nobody (it is the session's, accepted): a counselor passes authorization and hits the rule.
    Action(
        "POST",
        "/v1/counseling/offers/{request_id}/accept",
        "counseling",
        special={c: allowed_as(409, "not_offered") for c in COUNSELORS},
        fill=_ids(request_id="session_request"),
    ),
    Action(
        "POST",
        "/v1/counseling/offers/{request_id}/decline",
        "counseling",
        special={c: allowed_as(409, "not_offered") for c in COUNSELORS},
        fill=_ids(request_id="session_request"),
    ),
    Action("GET", "/v1/counseling/sessions", "counseling", allowed=AUTHENTICATED),
    Action(
        "GET",
        "/v1/counseling/sessions/{session_id}",
        "counseling",
        allowed=_who("session_member", "session_counselor"),
        fill=_ids(session_id="session"),
    ),
    Action(
        "POST",
        "/v1/counseling/sessions/{session_id}/transfer",
        "counseling",
        allowed=_who("session_counselor"),
        fill=_mine_or("session_to_transfer", "session", "session_counselor"),
        body=lambda w, c: {"to": w.ids["transfer_target"], "mode": "warm"},
    ),
    Action(
        "POST",
        "/v1/counseling/sessions/{session_id}/transfer/complete",
        "counseling",
        allowed=_who("session_counselor"),
        fill=_mine_or("session_to_complete", "session", "session_counselor"),
    ),
    Action(
        "POST",
        "/v1/counseling/sessions/{session_id}/transfer/cancel",
        "counseling",
        allowed=_who("session_counselor"),
        fill=_mine_or("session_to_cancel", "session", "session_counselor"),
    ),
    Action(
        "POST",
        "/v1/counseling/sessions/{session_id}/notes",
        "counseling",
        allowed=_who("session_counselor"),
        fill=_ids(session_id="session"),
        body=lambda w, c: {"sealed": _b64(b"sealed note bytes")},
    ),
    Action(
        "GET",
        "/v1/counseling/sessions/{session_id}/notes",
        "counseling",
        allowed=_who("session_counselor"),
        fill=_ids(session_id="session"),
    ),
    Action(
        "POST",
        "/v1/counseling/sessions/{session_id}/close",
        "counseling",
        allowed=_who("session_counselor"),
        fill=_mine_or("session_to_close", "session", "session_counselor"),
        body=lambda w, c: {"outcome": "resolved"},
    ),
    Action("GET", "/v1/counseling/stats", "counseling", allowed=_who("admin")),
    # --- crisis alerts (docs/alerts.md) --------------------------------------------------------------------
    # Members of the conversation (G's) the reported message is in; the subject is the group member.
    Action("POST", "/v1/alerts", "alerts", allowed=ACTIVE_IN_G, body=_alert_body),
    Action("GET", "/v1/alerts", "alerts", allowed=STAFF_MODERATORS, params={"limit": 1}),
    Action("GET", "/v1/alerts/{alert_id}", "alerts", allowed=STAFF_MODERATORS, fill=_ids(alert_id="alert_open")),
    # Each moderator claims an open alert of its own; the others are refused on a shared one.
    Action(
        "POST",
        "/v1/alerts/{alert_id}/claim",
        "alerts",
        allowed=STAFF_MODERATORS,
        fill=lambda w, c: {"alert_id": w.ids.get(f"alert_to_claim_{c}", w.ids["alert_open"])},
    ),
    # The claimer only (the moderator, on a fresh alert it holds); the other moderator is refused `not_claimer`
    # on an alert the moderator holds.
    Action(
        "POST",
        "/v1/alerts/{alert_id}/release",
        "alerts",
        allowed=_who("moderator"),
        special=NOT_CLAIMER,
        fill=_mine_or("alert_to_release", "alert_held", "moderator"),
    ),
    Action(
        "POST",
        "/v1/alerts/{alert_id}/verify",
        "alerts",
        allowed=_who("moderator"),
        special=NOT_CLAIMER,
        fill=_mine_or("alert_to_verify", "alert_held", "moderator"),
        body=lambda w, c: {
            "local_check": "passed",
            # The report filed on alert_to_verify: the claimer's check of another alert is refused before it matters.
            "report": w.ids["report_to_verify"],
            "sender": w.account("group_member"),
            "commitment": _b64(bytes(32)),
            "ciphertext_hash": _b64(bytes(32)),
            "server_time": 1,
            "franking_tag": _b64(bytes(32)),
        },
    ),
    Action(
        "POST",
        "/v1/alerts/{alert_id}/escalate",
        "alerts",
        allowed=_who("moderator"),
        special=NOT_CLAIMER,
        fill=_mine_or("alert_to_escalate", "alert_held", "moderator"),
        body=lambda w, c: {"language": w.ids["unspoken_language"]},
    ),
    Action(
        "POST",
        "/v1/alerts/{alert_id}/dismiss",
        "alerts",
        allowed=_who("moderator"),
        special=NOT_CLAIMER,
        fill=_mine_or("alert_to_dismiss", "alert_held", "moderator"),
        body=lambda w, c: {"reason": "false_positive"},
    ),
    Action(
        "POST",
        "/v1/alerts/{alert_id}/resolve",
        "alerts",
        allowed=_who("moderator"),
        special=NOT_CLAIMER,
        fill=_mine_or("alert_to_resolve", "alert_held", "moderator"),
    ),
)


def app_endpoints() -> set[tuple[str, str]]:
    """Every (method, path) the app serves, read from the app itself (routes, including those of included
    routers, and the OpenAPI description, so neither a hidden nor a nested route escapes)."""
    app = create_app()
    found: set[tuple[str, str]] = set()

    def add(route: Any, path: str) -> None:
        methods = getattr(route, "methods", None)
        if methods is None:  # a websocket route
            found.add(("WEBSOCKET", path))
            return
        found.update((m, path) for m in methods if m != "HEAD")

    for route in app.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is not None:  # FastAPI's included router (newer versions keep them nested)
            for context in contexts():
                add(context.original_route, context.path)
        else:
            add(route, route.path)
    for path, operations in app.openapi()["paths"].items():
        found.update((method.upper(), path) for method in operations)
    return found


def test_the_table_covers_every_endpoint():
    """An endpoint added without a row in ACTIONS (or a row for an endpoint that is gone) fails here."""
    table = [(a.method, a.route) for a in ACTIONS]
    assert len(table) == len(set(table)), "an endpoint has two rows"
    exposed = app_endpoints() - UNWALKED
    assert set(table) == exposed, (
        f"endpoints without a matrix row: {sorted(exposed - set(table))}; "
        f"rows for endpoints the app does not have: {sorted(set(table) - exposed)}"
    )
    assert ("WEBSOCKET", "/v1/ws") in app_endpoints()


def test_every_row_is_coherent():
    for action in ACTIONS:
        assert set(action.special) <= set(CALLERS), action.name
        assert action.allowed <= AUTHENTICATED, action.name
        if not action.public:
            assert action.expect("anonymous") == UNAUTHENTICATED, action.name


# --- the world the actions act on ----------------------------------------------------------------------------------
@dataclass
class World:
    server: Server
    people: dict[str, HavenAPI] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    extra: list[HavenAPI] = field(default_factory=list)  # identities that are not callers (targets, fillers)
    group_conversation: str = ""
    _anonymous: IdentityKeyPair = field(default_factory=IdentityKeyPair.generate)

    def identity(self, caller: str) -> IdentityKeyPair:
        return self._anonymous if caller == "anonymous" else self.people[caller].identity

    def account(self, caller: str) -> str:
        return self.identity(caller).account_id

    async def keep(self, person: HavenAPI) -> HavenAPI:
        self.extra.append(person)
        return person

    async def close(self) -> None:
        for api in [*self.people.values(), *self.extra]:
            await api.close()


async def _join(world: World, person: HavenAPI, code: str, group: str, *, approve: bool) -> None:
    await groups_api.join(person, code, "someone")
    if approve:
        await groups_api.approve(world.people["group_moderator"], group, person.account_id)


async def _fresh_in(world: World, group: str, code: str, *, approve: bool, role: str | None = None) -> str:
    person = await world.keep(await (staff(world.server, role) if role else new_person(world.server)))
    await _join(world, person, code, group, approve=approve)
    return person.account_id


async def _fresh_session(world: World) -> str:
    """A new active session of the session counselor with a new member (in the helper group: no proof of work)."""
    member = await world.keep(await new_person(world.server))
    await _join(world, member, world.ids["aux_code"], world.ids["aux_group"], approve=True)
    await counseling_api.request_help(member, world.ids["language"], "general")
    counselor = world.people["session_counselor"]
    offer = await counseling_api.next_offer(counselor)
    assert offer is not None
    return (await counseling_api.accept_offer(counselor, offer.request_id)).session_id


async def build_world(server: Server) -> World:
    """Every caller, the group G (its moderator, an active member, a pending member, a filler), a helper group
    for people who need to be in some group, and the active session S."""
    world = World(server)
    kinds = {
        "admin": "admin",
        "group_moderator": "moderator",
        "moderator": "moderator",
        "counselor": "counselor",
        "session_counselor": "counselor",
    }
    await (await admin_of(server)).close()  # bootstrapped once, before the concurrent invites below
    made = await asyncio.gather(
        *(staff(server, role) for role in kinds.values()),
        *(new_person(server) for _ in range(5)),
    )
    world.people.update(zip(kinds, made[: len(kinds)], strict=True))
    plain = list(made[len(kinds) :])
    for name in ("member", "group_member", "pending_member", "session_member"):
        world.people[name] = plain.pop()
    filler = await world.keep(plain.pop())
    world.ids["filler"] = filler.account_id

    gmod = world.people["group_moderator"]
    group = await groups_api.create_group(gmod, "moderator of G")
    world.ids["group"], world.group_conversation = group.group_id, group.conversation_id
    invite = await groups_api.create_invite(gmod, group.group_id, max_uses=1000)
    world.ids["group_code"] = invite.code
    await _join(world, world.people["group_member"], invite.code, group.group_id, approve=True)
    await _join(world, filler, invite.code, group.group_id, approve=True)
    await _join(world, world.people["pending_member"], invite.code, group.group_id, approve=False)

    aux = await groups_api.create_group(gmod, "moderator of the helper group")
    world.ids["aux_group"] = aux.group_id
    world.ids["aux_code"] = (await groups_api.create_invite(gmod, aux.group_id, max_uses=1000)).code

    # Each world has a database of its own: no other test's requests wait in these languages.
    world.ids["language"] = "en"
    world.ids["unspoken_language"] = "my"
    await counseling_api.set_profile(
        world.people["session_counselor"], available=True, languages=[world.ids["language"]], max_sessions=20
    )
    member = world.people["session_member"]
    await _join(world, member, world.ids["aux_code"], aux.group_id, approve=True)
    world.ids["session_request"] = (await counseling_api.request_help(member, world.ids["language"])).request_id
    offer = await counseling_api.next_offer(world.people["session_counselor"])
    assert offer is not None and offer.request_id == world.ids["session_request"]
    world.ids["session"] = (
        await counseling_api.accept_offer(world.people["session_counselor"], offer.request_id)
    ).session_id
    return world


@asynccontextmanager
async def world_of(server: Server) -> AsyncIterator[World]:
    world = await build_world(server)
    try:
        yield world
    finally:
        await world.close()


# --- the walk ------------------------------------------------------------------------------------------------------
async def call(world: World, http: httpx.AsyncClient, action: Action, caller: str) -> httpx.Response:
    path = action.route.format(**action.fill(world, caller)) if action.fill else action.route
    body = action.body(world, caller) if action.body else None
    for _attempt in range(50):
        headers = {}
        if caller != "anonymous":
            api = world.people[caller]
            await api.login()
            headers["Authorization"] = f"Bearer {api._token}"
        response = await http.request(action.method, path, json=body, params=action.params, headers=headers)
        if response.status_code != 429:
            return response
        await asyncio.sleep(0.2)  # the per-identity API bucket refills at 20 per second
    raise AssertionError(f"{action.name} as {caller}: still rate limited")


def verdict(action: Action, caller: str, expected: Expect, response: httpx.Response) -> str | None:
    """None when the answer is what was expected; else what went wrong, naming action and caller."""
    status = response.status_code
    try:
        code = response.json().get("error", {}).get("code") if status >= 400 else None
    except ValueError:
        code = None
    got = f"{status} {code}" if code else str(status)
    if expected.allowed:
        if status in (401, 403) or status >= 500:
            return f"{action.name} as {caller}: expected {expected}, got {got}"
        if expected.status is not None and (status, code) != (expected.status, expected.code):
            return f"{action.name} as {caller}: expected {expected}, got {got}"
        return None
    if (status, code) != (expected.status, expected.code):
        return f"{action.name} as {caller}: expected {expected}, got {got}"
    return None


async def walk(
    world: World,
    actions: list[Action],
    callers: tuple[str, ...] = CALLERS,
    expect: Callable[[Action, str], Expect | None] | None = None,
) -> int:
    """Every caller on every action; all mismatches are reported together. The number of cells walked.

    `expect` overrides the table (None: skip the cell)."""
    assert actions
    failures: list[str] = []
    cells = 0
    async with httpx.AsyncClient(base_url=world.server.http_url, transport=world.server.transport, timeout=30) as http:
        for action in actions:
            for caller in callers:
                expected = expect(action, caller) if expect else action.expect(caller)
                if expected is None:
                    continue
                response = await call(world, http, action, caller)
                cells += 1
                problem = verdict(action, caller, expected, response)
                if problem:
                    failures.append(problem)
                if action.route == "/v1/auth/tokens/current" and response.status_code == 204:
                    world.people[caller]._token = None  # logged out: the next call logs in again
    assert not failures, "\n".join(failures)
    return cells


def of_domain(domain: str) -> list[Action]:
    return [a for a in ACTIONS if a.domain == domain and not a.consumes_caller]


# --- identity, admin ---------------------------------------------------------------------------------------------
async def test_identity_and_admin_matrix(app_server):
    async with world_of(app_server) as world:
        admin = world.people["admin"]
        world.ids["role_invite"] = (await admin.post("/v1/admin/invites", {"role": "counselor"}))["invite_id"]
        world.ids["role_holder"] = (await world.keep(await staff(app_server, "counselor"))).account_id
        cells = await walk(world, of_domain("identity") + of_domain("admin"))
        assert cells == len(CALLERS) * len(of_domain("identity") + of_domain("admin"))
        # The allowed revocations really happened; the refused ones changed nothing before them.
        assert world.ids["role_holder"] not in {row["account_id"] for row in await admin.get_list("/v1/admin/roles")}


async def test_deleting_an_identity_matrix(app_server):
    """Every kind of caller may delete itself (anonymous may not): each in a world of its own making."""
    deletions = [a for a in ACTIONS if a.consumes_caller]
    async with world_of(app_server) as world:
        await walk(world, deletions)
        async with app_server.http() as http:
            for caller in AUTHENTICATED:
                gone = await http.get(f"/v1/identities/{world.account(caller)}")
                assert gone.status_code == 404, f"{caller} was not deleted"


# --- groups --------------------------------------------------------------------------------------------------------
async def test_groups_matrix(app_server):
    async with world_of(app_server) as world:
        gmod = world.people["group_moderator"]
        group, code = world.ids["group"], world.ids["group_code"]
        world.ids["to_approve"] = await _fresh_in(world, group, code, approve=False)
        world.ids["to_reject"] = await _fresh_in(world, group, code, approve=False)
        world.ids["to_remove"] = await _fresh_in(world, group, code, approve=True)
        world.ids["to_ban"] = await _fresh_in(world, group, code, approve=True)
        world.ids["to_promote"] = await _fresh_in(world, group, code, approve=True, role="moderator")
        world.ids["group_invite"] = (await groups_api.create_invite(gmod, group)).invite_id
        joinable = await groups_api.create_group(gmod, "moderator of the group to join")
        world.ids["join_code"] = (await groups_api.create_invite(gmod, joinable.group_id, max_uses=1000)).code
        leave = await groups_api.create_group(gmod, "moderator of the group to leave")
        world.ids["leave_group"] = leave.group_id
        leave_code = (await groups_api.create_invite(gmod, leave.group_id, max_uses=10)).code
        await _join(world, world.people["group_member"], leave_code, leave.group_id, approve=True)
        await _join(world, world.people["pending_member"], leave_code, leave.group_id, approve=False)
        await _fresh_in(world, leave.group_id, leave_code, approve=True)  # so the moderator is never alone

        await walk(world, of_domain("groups"))

        # What the allowed cells did, they did to their own objects; G's callers are as they were.
        info = await groups_api.group_info(gmod, group)
        members = {m.account_id: m.group_role for m in info.members}
        assert members[world.ids["to_approve"]] == "member"
        assert members[world.ids["to_promote"]] == "moderator"
        assert world.ids["to_remove"] not in members and world.ids["to_ban"] not in members
        assert world.account("group_member") in members
        assert [p.account_id for p in await groups_api.pending(gmod, group)] == [world.account("pending_member")]


# --- counseling ------------------------------------------------------------------------------------------------------
async def test_counseling_matrix(app_server):
    async with world_of(app_server) as world:
        target = await world.keep(await staff(app_server, "counselor"))
        # A language of the world's nobody asks in: the target is offered nothing while the walk runs.
        await counseling_api.set_profile(target, available=True, languages=["th"], max_sessions=20)
        world.ids["transfer_target"] = target.account_id
        counselor = world.people["session_counselor"]
        for name in ("session_to_transfer", "session_to_complete", "session_to_cancel", "session_to_close"):
            world.ids[name] = await _fresh_session(world)
        for name in ("session_to_complete", "session_to_cancel"):
            await counseling_api.transfer(counselor, world.ids[name], target.account_id, "warm")

        await walk(world, of_domain("counseling"))

        session = await counseling_api.session(counselor, world.ids["session"])
        assert (session.status, session.transfer_to) == ("active", None)
        completed = await counseling_api.session(target, world.ids["session_to_complete"])
        assert completed.counselor_id == target.account_id
        assert (await counseling_api.session(counselor, world.ids["session_to_close"])).status == "closed"


# --- alerts ----------------------------------------------------------------------------------------------------------
ALERTS_NEEDED = (
    "alert_open",
    "alert_held",
    "alert_to_claim_moderator",
    "alert_to_claim_group_moderator",
    "alert_to_release",
    "alert_to_verify",
    "alert_to_escalate",
    "alert_to_dismiss",
    "alert_to_resolve",
)


async def test_alerts_matrix(server_factory, fresh_database_url):
    server = server_factory(fresh_database_url)  # a real server (the messages go over the websocket) of its own
    async with world_of(server) as world:
        sender = await RelayConnection.connect(server.ws_url, world.people["group_member"].identity)
        try:
            await sender.resume()
            seqs = [(await sender.send(world.group_conversation, secrets.token_bytes(48))).seq for _ in ALERTS_NEEDED]
        finally:
            await sender.close()
        assert seqs[0] == 1  # POST /v1/alerts reports seq 1: a second report on alert_open, which changes nothing
        reporter, moderator = world.people["group_moderator"], world.people["moderator"]
        for name, seq in zip(ALERTS_NEEDED, seqs, strict=True):
            body = {**_alert_body(world, "group_moderator"), "seq": seq}
            world.ids[name] = (await reporter.post("/v1/alerts", body))["alert_id"]
        for name in (
            "alert_held",
            "alert_to_release",
            "alert_to_verify",
            "alert_to_escalate",
            "alert_to_dismiss",
            "alert_to_resolve",
        ):
            await moderator.post(f"/v1/alerts/{world.ids[name]}/claim")
        detail = await moderator.get(f"/v1/alerts/{world.ids['alert_to_verify']}")
        world.ids["report_to_verify"] = detail["sealed_reports"][0]["report_id"]

        await walk(world, of_domain("alerts"))

        held = await moderator.get(f"/v1/alerts/{world.ids['alert_held']}")
        assert (held["status"], held["claimed_by"]) == ("claimed", moderator.account_id)
        opened = await moderator.get(f"/v1/alerts/{world.ids['alert_open']}")
        assert (opened["status"], opened["claimed_by"]) == ("open", None)
        finals = {
            name: (await moderator.get(f"/v1/alerts/{world.ids[name]}"))["status"]
            for name in ("alert_to_release", "alert_to_escalate", "alert_to_dismiss", "alert_to_resolve")
        }
        # Escalation needs a verified alert (409 `unverified`, after the authorization checks): still claimed.
        assert finals == {
            "alert_to_release": "open",
            "alert_to_escalate": "claimed",
            "alert_to_dismiss": "dismissed",
            "alert_to_resolve": "resolved",
        }


# --- the websocket ---------------------------------------------------------------------------------------------------
async def _answer(socket: Any) -> dict[str, Any]:
    frame: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), 10))
    return frame


async def test_unauthenticated_frames_are_refused(live_server):
    """Before `ready`, send, ack and resume are each refused `not_authenticated`; ping alone is answered."""
    conversation = secrets.token_hex(16)
    frames = {
        "send": {
            "type": "send",
            "conversation": conversation,
            "client_id": _b64(secrets.token_bytes(16)),
            "ciphertext": _b64(b"ciphertext"),
        },
        "ack": {"type": "ack", "conversation": conversation, "seq": 1},
        "resume": {"type": "resume", "after": {}},
        "resume naming a conversation": {"type": "resume", "after": {conversation: 0}},
    }
    socket = await ws_connect(live_server.ws_url, max_size=None, compression=None)
    try:
        assert (await _answer(socket))["type"] == "challenge"
        for name, frame in frames.items():
            await socket.send(json.dumps(frame))
            answer = await _answer(socket)
            assert (answer["type"], answer["code"], answer["fatal"]) == ("error", "not_authenticated", False), name
        await socket.send('{"type":"ping"}')
        assert await _answer(socket) == {"type": "pong"}
    finally:
        await socket.close()


async def test_frames_need_membership_of_the_conversation(server_factory, fresh_database_url):
    """Every authenticated caller × send, ack and resume in the group conversation and the session conversation:
    members are served, everyone else (pending members, staff of every role included) gets `unknown_conversation`."""
    server = server_factory(fresh_database_url)
    async with world_of(server) as world:
        session = await counseling_api.session(world.people["session_counselor"], world.ids["session"])
        conversations = {
            "the group's": (world.group_conversation, {"group_member", "group_moderator"}),
            "the session's": (session.conversation_id, {"session_member", "session_counselor"}),
        }
        connections: dict[str, RelayConnection] = {}
        failures: list[str] = []
        cells = 0
        try:
            for caller in sorted(AUTHENTICATED):
                connections[caller] = await RelayConnection.connect(server.ws_url, world.identity(caller))
                await connections[caller].resume()
            for label, (conversation, members) in conversations.items():
                for caller, connection in connections.items():
                    cells += 3
                    where = f"{label} conversation as {caller}"
                    try:
                        accepted = await connection.send(conversation, secrets.token_bytes(32), timeout=10)
                        sent = None if caller in members else f"send to {where}: accepted (seq {accepted.seq})"
                        last = accepted.seq
                    except HavenClientError as exc:
                        sent = (
                            None
                            if caller not in members and exc.code == "unknown_conversation"
                            else (f"send to {where}: {exc.code}")
                        )
                        last = 0
                    if sent:
                        failures.append(sent)
                    replayed = await connection.resume({conversation: 0}, timeout=10)
                    if caller in members:
                        if conversation not in replayed:
                            failures.append(f"resume of {where}: not replayed")
                    else:
                        error = await _next_error(connection)
                        if conversation in replayed or error != ("unknown_conversation", conversation):
                            failures.append(f"resume of {where}: replayed={conversation in replayed}, error={error}")
                    if caller not in members:
                        await connection.ack(conversation, 1)
                        error = await _next_error(connection)
                        if error != ("unknown_conversation", conversation):
                            failures.append(f"ack in {where}: error={error}")
                    else:
                        await connection.ack(conversation, max(last, 1))
            # Members' acks are answered only when refused: none may be.
            await asyncio.sleep(0.3)
            for label, (_conversation, members) in conversations.items():
                for caller in members:
                    while not connections[caller].errors.empty():
                        error = connections[caller].errors.get_nowait()
                        failures.append(f"{label} conversation as {caller}: unexpected {error.code}")
        finally:
            for connection in connections.values():
                await connection.close()
        assert not failures, "\n".join(failures)
        assert cells == 3 * len(AUTHENTICATED) * len(conversations)


async def _next_error(connection: RelayConnection, timeout: float = 5.0) -> tuple[str, str | None] | None:
    try:
        error = await connection.next_error(timeout)
    except TimeoutError:
        return None
    return error.code, error.ref


# --- roles end when they are revoked -----------------------------------------------------------------------------
class _AnyId(dict[str, str]):
    """Ids of objects a refused caller never reaches (authorization comes before the lookup): made up."""

    def __missing__(self, key: str) -> str:
        self[key] = secrets.token_hex(16)
        return self[key]


# Each staff caller, after its role is revoked, stands where this plain caller stands: whatever the role alone
# allowed it is now refused `forbidden`.
STRIPPED = {
    "group_moderator": ("moderator", "group_member"),  # still G's group moderator by its membership row
    "moderator": ("moderator", "member"),
    "session_counselor": ("counselor", "session_member"),  # still on the session
    "admin": ("admin", "member"),
}


async def test_revoked_staff_roles_lose_every_power(app_server):
    async with world_of(app_server) as world:
        world.ids = _AnyId(world.ids)
        root = await admin_of(app_server)  # the bootstrap admin revokes; the matrix admin is revoked too
        try:
            for caller, (role, _like) in STRIPPED.items():
                await root.delete(f"/v1/admin/roles/{world.account(caller)}/{role}")
        finally:
            await root.close()

        def expect(action: Action, caller: str) -> Expect | None:
            like = STRIPPED[caller][1]
            if action.expect(caller).allowed and not action.expect(like).allowed:
                return FORBIDDEN
            return None

        cells = await walk(world, [a for a in ACTIONS if not a.consumes_caller], tuple(STRIPPED), expect)
        assert cells >= 40
