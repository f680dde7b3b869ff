"""Issue 10, item 9: what a curious scanner gets. No documentation pages (they loaded a third-party CDN and said
"Haven relay") and no schema unless a developer asks for it; every refusal, the router's 404 and 405 included, in
the documented `{"error": {"code", "message"}}` shape; literal paths answered 405 for other methods instead of
falling into a neighbouring route's 422; strict types at the edges; and an OpenAPI document that declares its
refusals and the sizes of its base64 fields."""

from __future__ import annotations

import httpx
import pytest

from client.api import HavenAPI
from server.app import create_app
from server.config import Settings
from tests.haven_testing.people import new_person, staff


def _refusal(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code and isinstance(body["error"]["message"], str)


async def _bearer(api: HavenAPI) -> dict[str, str]:
    """Raw requests, with the identity's bearer token, so the test sees exactly what the server answers."""
    await api.login()
    return {"Authorization": f"Bearer {api._token}"}


@pytest.mark.parametrize("path", ["/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"])
def test_no_documentation_by_default(live_server, path):
    with httpx.Client(base_url=live_server.http_url) as http:
        response = http.get(path)
        _refusal(response, 404, "not_found")
        assert "Haven" not in response.text


def test_api_docs_setting_serves_the_schema_alone(server_factory, database_url):
    server = server_factory(database_url, api_docs="true")
    with httpx.Client(base_url=server.http_url) as http:
        schema = http.get("/openapi.json")
        assert schema.status_code == 200 and "/v1/identities" in schema.json()["paths"]
        assert "cdn" not in schema.text.lower()
        for page in ("/docs", "/redoc"):
            _refusal(http.get(page), 404, "not_found")


def test_router_refusals_have_the_documented_shape(live_server):
    with httpx.Client(base_url=live_server.http_url) as http:
        _refusal(http.get("/no/such/thing"), 404, "not_found")
        _refusal(http.get("/v1/nothing-here"), 404, "not_found")
        not_allowed = http.delete("/health")
        _refusal(not_allowed, 405, "method_not_allowed")
        assert "GET" in not_allowed.headers["allow"]


async def test_literal_paths_answer_405_for_other_methods(live_server):
    person: HavenAPI = await new_person(live_server)
    try:
        headers = await _bearer(person)
        async with httpx.AsyncClient(base_url=live_server.http_url, headers=headers) as http:
            # Fell into GET /v1/identities/{account_id} and answered 422.
            me = await http.get("/v1/identities/me")
            _refusal(me, 405, "method_not_allowed")
            assert me.headers["allow"] == "DELETE"
            # Fell into PATCH /v1/groups/{group_id} and answered 422.
            join = await http.patch("/v1/groups/join", json={"code": "x"})
            _refusal(join, 405, "method_not_allowed")
            assert join.headers["allow"] == "POST"
            # A malformed id on a parameter route is still a malformed request.
            _refusal(await http.get("/v1/identities/not-an-id"), 422, "invalid_request")
    finally:
        await person.close()


async def test_bodies_take_strict_types(live_server):
    counselor = await staff(live_server, "counselor")
    try:
        headers = await _bearer(counselor)
        async with httpx.AsyncClient(base_url=live_server.http_url, headers=headers) as http:
            profile = {"languages": ["en"], "max_sessions": 2}
            for wrong in (
                {"available": 0},
                {"available": "true"},
                {"available": True, "max_sessions": "2"},
                {"available": True, "max_sessions": 2.0},
            ):
                _refusal(await http.put("/v1/counseling/profile", json={**profile, **wrong}), 422, "invalid_request")
            assert (await http.put("/v1/counseling/profile", json={**profile, "available": False})).status_code == 200
            _refusal(await http.post("/v1/groups", json={"pseudonym": "Ko", "dm_enabled": 1}), 422, "invalid_request")
    finally:
        await counselor.close()


def test_openapi_declares_refusals_and_base64_sizes():
    spec = create_app(Settings(api_docs=True)).openapi()
    for path, operations in spec["paths"].items():
        if not path.startswith("/v1/") or path == "/v1/config":  # public, fixed, refuses nothing
            continue
        for method, operation in operations.items():
            declared = set(operation["responses"])
            assert {"401", "403", "404", "409", "422", "429"} <= declared, (method, path)
            assert operation["responses"]["429"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"
            }
    registration = spec["components"]["schemas"]["RegistrationRequest"]["properties"]
    assert registration["signing_key"]["minLength"] == registration["signing_key"]["maxLength"] == 44
    assert registration["challenge"]["maxLength"] == 56
    assert registration["signing_key"]["contentEncoding"] == "base64"
    bundle = spec["components"]["schemas"]["PreKeyBundleOut"]["properties"]["bundle"]
    assert bundle["minLength"] == 4 and bundle["maxLength"] == 684
