"""Registering an identity with a server: fetch a challenge, pay the proof of work, prove both keys."""

from __future__ import annotations

import asyncio
import base64

import httpx

from client.errors import HavenClientError
from crypto.keys import IdentityKeyPair
from crypto.pow import solve_pow
from crypto.registration import registration_proofs


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


async def register(http: httpx.AsyncClient, identity: IdentityKeyPair) -> str:
    """Register `identity` and return its account id (idempotent: an existing identity is not an error)."""
    response = await http.get("/v1/registration/challenge")
    _raise_for_error(response)
    body = response.json()
    challenge = base64.b64decode(body["challenge"])
    ephemeral = base64.b64decode(body["server_ephemeral"])
    public = identity.public()
    # Seconds of CPU at the default difficulty: keep the event loop free meanwhile.
    counter = await asyncio.to_thread(solve_pow, challenge, bytes(public), int(body["pow_bits"]))
    proof, signature = registration_proofs(identity, challenge, ephemeral)
    response = await http.post(
        "/v1/identities",
        json={
            "signing_key": _b64(bytes(public.signing)),
            "agreement_key": _b64(bytes(public.agreement)),
            "challenge": _b64(challenge),
            "pow_counter": counter,
            "agreement_proof": _b64(proof),
            "signature": _b64(signature),
        },
    )
    if response.status_code == 409 and response.json()["error"]["code"] == "identity_exists":
        return public.account_id
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
