"""Admin, role and identity calls: who am I, bootstrap, role invites, the roster, the audit log, prekeys."""

from __future__ import annotations

from dataclasses import dataclass

from client.api.transport import HavenAPI, b64, unb64
from client.errors import HavenClientError
from crypto.audit import AuditRecord
from crypto.auth import bootstrap_proof
from crypto.keys import Ed25519PublicKey, IdentityPublic, X25519PublicKey
from crypto.x3dh import PreKeyBundle


@dataclass(frozen=True, slots=True)
class RoleInvite:
    invite_id: str
    code: str
    role: str
    expires_at_ms: int


async def me(api: HavenAPI) -> tuple[str, frozenset[str]]:
    body = await api.get("/v1/me")
    return str(body["account_id"]), frozenset(body["roles"])


async def bootstrap(api: HavenAPI, server_secret: bytes) -> None:
    """Claim the first admin role; needs the server's secret (run on the server's host)."""
    await api.post("/v1/admin/bootstrap", {"proof": b64(bootstrap_proof(server_secret, api.account_id))})


async def create_role_invite(api: HavenAPI, role: str, ttl_seconds: int = 86400) -> RoleInvite:
    body = await api.post("/v1/admin/invites", {"role": role, "ttl_seconds": ttl_seconds})
    return RoleInvite(body["invite_id"], body["code"], body["role"], int(body["expires_at"]))


async def revoke_role_invite(api: HavenAPI, invite_id: str) -> None:
    await api.delete(f"/v1/admin/invites/{invite_id}")


async def redeem_role_invite(api: HavenAPI, code: str) -> str:
    return str((await api.post("/v1/roles/redeem", {"code": code}))["role"])


async def revoke_role(api: HavenAPI, account_id: str, role: str) -> None:
    await api.delete(f"/v1/admin/roles/{account_id}/{role}")


async def roster(api: HavenAPI) -> dict[str, frozenset[str]]:
    return {row["account_id"]: frozenset(row["roles"]) for row in await api.get_list("/v1/admin/roles")}


async def audit_entries(api: HavenAPI, page_size: int = 1000) -> list[AuditRecord]:
    """Every audit entry, oldest first, fetched page by page."""
    records: list[AuditRecord] = []
    after = 0
    while True:
        page = await api.get_list("/v1/admin/audit", after=after, limit=page_size)
        records.extend(
            AuditRecord(
                int(row["id"]),
                row["actor"],
                row["action"],
                row["object_id"],
                int(row["time"]),
                bytes.fromhex(row["prev_hash"]),
                bytes.fromhex(row["entry_hash"]),
                actor_salt=_optional_hex(row["actor_salt"]),
                actor_commit=bytes.fromhex(row["actor_commit"]),
                subject=row["subject"],
                subject_salt=_optional_hex(row["subject_salt"]),
                subject_commit=bytes.fromhex(row["subject_commit"]),
            )
            for row in page
        )
        if len(page) < page_size:
            return records
        after = records[-1].id


def _optional_hex(value: str | None) -> bytes | None:
    return None if value is None else bytes.fromhex(value)


async def moderator_keys(api: HavenAPI) -> list[IdentityPublic]:
    return [
        IdentityPublic(Ed25519PublicKey(unb64(row["signing_key"])), X25519PublicKey(unb64(row["agreement_key"])))
        for row in await api.get_list("/v1/moderators/keys")
    ]


async def identity_public(api: HavenAPI, account_id: str) -> IdentityPublic:
    """An identity's public keys, checked: they must hash to the account id asked for (the server cannot swap
    them for keys of its own)."""
    row = await api.get(f"/v1/identities/{account_id}")
    public = IdentityPublic(Ed25519PublicKey(unb64(row["signing_key"])), X25519PublicKey(unb64(row["agreement_key"])))
    if public.account_id != account_id:
        raise HavenClientError("identity_mismatch", "the server returned keys of another identity")
    return public


async def upload_prekeys(
    api: HavenAPI, signed_prekey: bytes | None, one_time_prekeys: list[bytes], last_resort_prekey: bytes | None = None
) -> None:
    body: dict[str, object] = {"one_time_prekeys": [b64(k) for k in one_time_prekeys]}
    if signed_prekey is not None:
        body["signed_prekey"] = b64(signed_prekey)
    if last_resort_prekey is not None:
        body["last_resort_prekey"] = b64(last_resort_prekey)
    await api.put("/v1/prekeys", body)


async def prekey_count(api: HavenAPI) -> tuple[int | None, int]:
    signed, count, _last_resort = await prekey_status(api)
    return signed, count


async def prekey_status(api: HavenAPI) -> tuple[int | None, int, int | None]:
    """(signed prekey id, one-time prekeys left, last-resort prekey id) as the server holds them."""
    body = await api.get("/v1/prekeys")
    last_resort = body.get("last_resort_prekey_id")
    return body["signed_prekey_id"], int(body["one_time_prekeys"]), None if last_resort is None else int(last_resort)


async def fetch_bundle(api: HavenAPI, account_id: str) -> PreKeyBundle:
    """A peer's bundle, checked: its identity must be the one `account_id` names."""
    bundle = PreKeyBundle.from_bytes(unb64((await api.get(f"/v1/prekeys/{account_id}"))["bundle"]))
    if bundle.identity.account_id != account_id:
        raise HavenClientError("bundle_mismatch", "the server returned a bundle for another identity")
    return bundle
