"""Login tokens, the first admin, role invites and revocation: HTTP rules, each test on the app in process with a
database of its own (tests/haven_testing/inprocess.py)."""

from __future__ import annotations

import base64
import time

import pytest

from client.api import admin as admin_api
from client.errors import HavenClientError
from crypto.audit import verify_chain
from crypto.auth import sign_auth
from tests.haven_testing.live_server import TEST_SECRET
from tests.haven_testing.people import admin_of, new_person, staff


async def test_login_token_works_and_is_refused_after_logout(app_server):
    api = await new_person(app_server)
    try:
        account, roles = await admin_api.me(api)
        assert account == api.account_id and roles == frozenset()
        token = api._token
        await api.logout()
        async with app_server.http() as http:
            response = await http.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthenticated"
    finally:
        await api.close()


@pytest.mark.parametrize(
    "header", ["", "Bearer", "Bearer !!!", "Basic abc", "Bearer " + "A" * 43, "Bearer " + "A" * 10]
)
async def test_missing_or_bad_tokens_are_refused(app_server, header):
    async with app_server.http() as http:
        response = await http.get("/v1/me", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


async def test_login_challenge_is_single_use_and_signature_bound(app_server):
    api = await new_person(app_server)
    try:
        async with app_server.http() as http:
            body = (await http.get("/v1/auth/challenge")).json()
            challenge = base64.b64decode(body["challenge"])
            now = time.time_ns() // 1_000_000
            signature = sign_auth(api.identity.signing, challenge, body["server_id"], now, api.account_id)
            request = {
                "account": api.account_id,
                "challenge": body["challenge"],
                "time": now,
                "signature": base64.b64encode(signature).decode(),
            }
            assert (await http.post("/v1/auth/tokens", json=request)).status_code == 201
            replay = await http.post("/v1/auth/tokens", json=request)
            assert replay.status_code == 409 and replay.json()["error"]["code"] == "challenge_used"
            other = await new_person(app_server)
            stolen = await http.post("/v1/auth/tokens", json={**request, "account": other.account_id})
            assert stolen.status_code in (401, 409)
            await other.close()
            stale = {**request, "time": now - 10 * 60 * 1000}
            answer = await http.post("/v1/auth/tokens", json=stale)
            assert answer.status_code in (401, 409)
    finally:
        await api.close()


async def test_bootstrap_needs_the_server_secret_and_happens_once(app_server):
    admin = await admin_of(app_server)
    try:
        assert "admin" in (await admin_api.me(admin))[1]
        intruder = await new_person(app_server)
        with pytest.raises(HavenClientError) as wrong:
            await admin_api.bootstrap(intruder, b"\x01" * 32)
        assert wrong.value.code == "bootstrap_invalid"
        with pytest.raises(HavenClientError) as again:
            await admin_api.bootstrap(intruder, bytes.fromhex(TEST_SECRET))
        assert again.value.code == "already_initialized"
        await intruder.close()
    finally:
        await admin.close()


async def test_role_invites_are_single_use_revocable_and_admin_only(app_server):
    admin = await admin_of(app_server)
    counselor = await staff(app_server, "counselor")
    member = await new_person(app_server)
    late = await new_person(app_server)
    try:
        assert (await admin_api.me(counselor))[1] == {"counselor"}
        with pytest.raises(HavenClientError) as forbidden:
            await admin_api.create_role_invite(counselor, "moderator")
        assert forbidden.value.code == "forbidden"

        invite = await admin_api.create_role_invite(admin, "moderator")
        assert await admin_api.redeem_role_invite(member, invite.code) == "moderator"
        with pytest.raises(HavenClientError) as used:
            await admin_api.redeem_role_invite(late, invite.code)
        assert used.value.code == "invite_used"

        revoked = await admin_api.create_role_invite(admin, "counselor")
        await admin_api.revoke_role_invite(admin, revoked.invite_id)
        with pytest.raises(HavenClientError) as gone:
            await admin_api.redeem_role_invite(late, revoked.code)
        assert gone.value.code == "invite_invalid"
        with pytest.raises(HavenClientError) as bogus:
            await admin_api.redeem_role_invite(late, "notarealinvitecodeatallxyz")
        assert bogus.value.code == "invite_invalid"
        # Codes are retyped by hand: case and surrounding spaces do not matter; other characters are refused.
        retyped = await admin_api.create_role_invite(admin, "counselor")
        assert await admin_api.redeem_role_invite(late, f"  {retyped.code.upper()} ") == "counselor"
        with pytest.raises(HavenClientError) as malformed:
            await admin_api.redeem_role_invite(late, "-starts-with-a-dash-like-an-option")
        assert malformed.value.code == "invalid_request"

        await admin_api.revoke_role(admin, member.account_id, "moderator")
        assert (await admin_api.me(member))[1] == frozenset()

        roster = await admin_api.roster(admin)
        assert roster[counselor.account_id] == {"counselor"}
        records = await admin_api.audit_entries(admin)
        actions = [r.action for r in records]
        assert "admin.bootstrap" in actions and "role.grant.moderator" in actions and "role.revoke.moderator" in actions
        assert verify_chain(records).ok
    finally:
        for api in (admin, counselor, member, late):
            await api.close()


async def test_moderator_keys_list_current_moderators(app_server):
    moderator = await staff(app_server, "moderator")
    member = await new_person(app_server)
    try:
        keys = await admin_api.moderator_keys(member)
        assert moderator.identity.public() in keys
    finally:
        await moderator.close()
        await member.close()


async def test_api_session_survives_a_lost_token(app_server):
    api = await new_person(app_server)
    try:
        api._token = base64.urlsafe_b64encode(b"\x00" * 32).decode().rstrip("=")
        assert (await admin_api.me(api))[0] == api.account_id
    finally:
        await api.close()


async def test_the_last_admin_cannot_be_revoked(app_server):
    server = app_server
    admin = await admin_of(server)
    try:
        with pytest.raises(HavenClientError) as last:
            await admin_api.revoke_role(admin, admin.account_id, "admin")
        assert last.value.code == "last_admin"
        second = await staff(server, "admin")
        await admin_api.revoke_role(second, admin.account_id, "admin")
        assert (await admin_api.me(admin))[1] == frozenset()
        with pytest.raises(HavenClientError) as now_last:
            await admin_api.revoke_role(second, second.account_id, "admin")
        assert now_last.value.code == "last_admin"
        await second.close()
    finally:
        await admin.close()
