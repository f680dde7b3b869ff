"""Registering an identity with a server: fetch a challenge, pay the proof of work, prove both keys."""

from __future__ import annotations

import asyncio
import base64

import httpx

from client.errors import HavenClientError
from client.identity import LocalIdentity
from crypto.pow import solve_pow
from crypto.registration import agreement_proof, sign_registration


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


async def register(http: httpx.AsyncClient, identity: LocalIdentity) -> str:
    """Register `identity` and return its account id (idempotent: an existing identity is not an error)."""
    response = await http.get("/v1/registration/challenge")
    _raise_for_error(response)
    body = response.json()
    challenge = base64.b64decode(body["challenge"])
    ephemeral = base64.b64decode(body["server_ephemeral"])
    keys = identity.signing_public + identity.agreement_public
    # Seconds of CPU at the default difficulty: keep the event loop free meanwhile.
    counter = await asyncio.to_thread(solve_pow, challenge, keys, int(body["pow_bits"]))
    proof = agreement_proof(
        bytes(identity.agreement), ephemeral, challenge, identity.signing_public, identity.agreement_public
    )
    response = await http.post(
        "/v1/identities",
        json={
            "signing_key": _b64(identity.signing_public),
            "agreement_key": _b64(identity.agreement_public),
            "challenge": _b64(challenge),
            "pow_counter": counter,
            "agreement_proof": _b64(proof),
            "signature": _b64(
                sign_registration(identity.signing, challenge, identity.agreement_public, proof)
            ),
        },
    )
    if response.status_code == 409 and response.json()["error"]["code"] == "identity_exists":
        return identity.account_id
    _raise_for_error(response)
    account_id: str = response.json()["account_id"]
    return account_id


def _raise_for_error(response: httpx.Response) -> None:
    if response.is_success:
        return
    try:
        error = response.json()["error"]
        raise HavenClientError(str(error["code"]), str(error["message"]))
    except (ValueError, KeyError, TypeError):
        raise HavenClientError("http_error", f"HTTP {response.status_code}") from None
