"""Registration over HTTP: proof of work (harder under load), proofs of both keys, single-use challenges; each test
on the app in process with a database of its own (tests/haven_testing/inprocess.py)."""

from __future__ import annotations

import base64

import httpx
import pytest

from client.registration import register
from crypto.keys import Ed25519PrivateKey, IdentityKeyPair
from crypto.pow import solve_pow, verify_pow
from crypto.registration import registration_proofs
from server.identity import challenge as challenge_tokens
from tests.haven_testing.live_server import TEST_SECRET


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


async def prepared_body(http: httpx.AsyncClient, identity: IdentityKeyPair) -> tuple[dict, bytes]:
    issued = (await http.get("/v1/registration/challenge")).json()
    challenge = base64.b64decode(issued["challenge"])
    ephemeral = base64.b64decode(issued["server_ephemeral"])
    public = identity.public()
    counter = solve_pow(challenge, bytes(public), issued["pow_bits"])
    proof, signature = registration_proofs(identity, challenge, ephemeral)
    body = {
        "signing_key": b64(bytes(public.signing)),
        "agreement_key": b64(bytes(public.agreement)),
        "challenge": issued["challenge"],
        "pow_counter": counter,
        "agreement_proof": b64(proof),
        "signature": b64(signature),
    }
    return body, challenge


async def post(http: httpx.AsyncClient, body: dict) -> tuple[int, str | None]:
    response = await http.post("/v1/identities", json=body)
    code = response.json().get("error", {}).get("code") if response.status_code >= 400 else None
    return response.status_code, code


async def test_register_then_look_up(app_server):
    identity = IdentityKeyPair.generate()
    async with app_server.http() as http:
        account_id = await register(http, identity)
        assert account_id == identity.account_id
        found = (await http.get(f"/v1/identities/{account_id}")).json()
        assert base64.b64decode(found["signing_key"]) == bytes(identity.public().signing)
        assert base64.b64decode(found["agreement_key"]) == bytes(identity.public().agreement)
        assert set(found) == {"account_id", "signing_key", "agreement_key"}
        missing = await http.get(f"/v1/identities/{'0' * 32}")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "unknown_identity"


async def test_each_broken_proof_is_refused(app_server):
    async with app_server.http() as http:
        identity = IdentityKeyPair.generate()
        body, challenge = await prepared_body(http, identity)
        keys = bytes(identity.public())

        bad_counter = next(c for c in range(1000) if not verify_pow(challenge, keys, c, 4))
        assert await post(http, {**body, "pow_counter": bad_counter}) == (400, "pow_insufficient")
        assert await post(http, {**body, "agreement_proof": b64(bytes(32))}) == (400, "proof_invalid")
        assert await post(http, {**body, "signature": b64(bytes(64))}) == (400, "signature_invalid")
        # Someone else's signing key cannot claim these keys.
        other = Ed25519PrivateKey.generate()
        status, code = await post(http, {**body, "signing_key": b64(bytes(other.public_key()))})
        assert status == 400 and code in {"pow_insufficient", "proof_invalid", "signature_invalid"}
        tampered = bytearray(challenge)
        tampered[0] ^= 1
        assert await post(http, {**body, "challenge": b64(bytes(tampered))}) == (400, "challenge_invalid")

        assert await post(http, body) == (201, None)
        # The same identity again, and the same challenge for another identity, are both refused.
        again, _ = await prepared_body(http, identity)
        assert await post(http, again) == (409, "identity_exists")
        newcomer = IdentityKeyPair.generate()
        reuse, _ = await prepared_body(http, newcomer)
        reuse_challenge = base64.b64decode(body["challenge"])
        ephemeral = challenge_tokens.ephemeral_private(bytes.fromhex(TEST_SECRET), reuse_challenge[:16])
        from nacl.bindings import crypto_scalarmult_base

        proof, signature = registration_proofs(newcomer, reuse_challenge, crypto_scalarmult_base(ephemeral))
        reuse.update(
            challenge=body["challenge"],
            pow_counter=solve_pow(reuse_challenge, bytes(newcomer.public()), 4),
            agreement_proof=b64(proof),
            signature=b64(signature),
        )
        assert await post(http, reuse) == (409, "challenge_used")


async def test_expired_challenge_is_refused(app_server):
    issued = challenge_tokens.issue(bytes.fromhex(TEST_SECRET), now_ms=1_000, ttl_seconds=1)
    identity = IdentityKeyPair.generate()
    async with app_server.http() as http:
        body, _ = await prepared_body(http, identity)
        assert await post(http, {**body, "challenge": b64(issued.token)}) == (400, "challenge_expired")


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("signing_key", "not base64!", "bad_base64"),
        ("signing_key", b64(bytes(31)), "bad_length"),
        ("challenge", b64(bytes(39)), "bad_length"),
        ("pow_counter", -1, "invalid_request"),
        ("surname", "Aung", "invalid_request"),
    ],
)
async def test_malformed_bodies_get_precise_codes(app_server, field, value, code):
    async with app_server.http() as http:
        body, _ = await prepared_body(http, IdentityKeyPair.generate())
        response = await http.post("/v1/identities", json={**body, field: value})
        assert response.status_code == 422
        error = response.json()["error"]
        assert error["code"] == code
        assert str(value) not in error["message"] or field == "pow_counter"


async def test_many_registrations_cost_more_work_and_are_never_refused(app_server_factory):
    # Issue 10, item 8: a deployment-wide bucket that one attacker drains locked every newcomer out; now the
    # proof of work rises with the recent rate instead, and a challenge keeps the difficulty it was issued with.
    async with app_server_factory(registrations_per_minute=1, registration_burst=2) as server, server.http() as http:
        early, _ = await prepared_body(http, IdentityKeyPair.generate())
        await register(http, IdentityKeyPair.generate())
        await register(http, IdentityKeyPair.generate())
        # Solved at the base difficulty before the spike: still accepted.
        assert await post(http, early) == (201, None)

        issued = (await http.get("/v1/registration/challenge")).json()
        bits = issued["pow_bits"]
        assert bits > 4
        identity = IdentityKeyPair.generate()
        challenge = base64.b64decode(issued["challenge"])
        keys = bytes(identity.public())
        cheap = next(
            c for c in range(1 << 20) if verify_pow(challenge, keys, c, 4) and not verify_pow(challenge, keys, c, bits)
        )
        proof, signature = registration_proofs(identity, challenge, base64.b64decode(issued["server_ephemeral"]))
        body = {
            "signing_key": b64(bytes(identity.public().signing)),
            "agreement_key": b64(bytes(identity.public().agreement)),
            "challenge": issued["challenge"],
            "pow_counter": cheap,
            "agreement_proof": b64(proof),
            "signature": b64(signature),
        }
        assert await post(http, body) == (400, "pow_insufficient")
        # Paying the higher difficulty gets through: nobody is refused for the rate.
        for _ in range(3):
            await register(http, IdentityKeyPair.generate())
