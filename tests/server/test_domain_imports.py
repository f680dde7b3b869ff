"""The server's domains depend one way (docs/architecture.md): read from the source, every import of one domain
package by another, function bodies included, forms no cycle; the domains reach neither `client` nor
`moderation`; and `wire/` reaches nothing of the server."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOMAINS = ("identity", "groups", "counseling", "alerts", "audit", "admin", "accounts", "prekeys", "conversations")


def _imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _domain_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {domain: set() for domain in DOMAINS}
    for domain in DOMAINS:
        for path in (ROOT / "server" / domain).glob("*.py"):
            for name in _imported(path):
                parts = name.split(".")
                if len(parts) > 1 and parts[0] == "server" and parts[1] in DOMAINS and parts[1] != domain:
                    graph[domain].add(parts[1])
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> list[str] | None:
        if node in visiting:
            return [*visiting[visiting.index(node) :], node]
        if node in done:
            return None
        visiting.append(node)
        for following in sorted(graph[node]):
            found = visit(following)
            if found:
                return found
        visiting.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        found = visit(start)
        if found:
            return found
    return None


def test_the_server_domains_import_each_other_without_a_cycle() -> None:
    assert _cycle(_domain_graph()) is None


def test_the_cycle_check_would_see_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_account_deletion_and_role_endings_sit_above_the_domains_they_touch() -> None:
    graph = _domain_graph()
    assert {"alerts", "counseling", "identity"} <= graph["accounts"]
    assert not any("accounts" in graph[domain] for domain in DOMAINS if domain != "admin")


def test_the_server_reaches_neither_client_nor_moderation_and_wire_nothing_of_the_server() -> None:
    for path in (ROOT / "server").rglob("*.py"):
        assert not {name.split(".")[0] for name in _imported(path)} & {"client", "moderation"}, path
    for path in (ROOT / "wire").glob("*.py"):
        assert not {name.split(".")[0] for name in _imported(path)} & {"server", "client", "crypto"}, path


# Modules of a domain that speak HTTP: its router, and the dependencies that read the bearer token and the role.
HTTP_MODULES = {"router.py", "caller.py"}
HTTP_LIBRARIES = {"fastapi", "starlette"}


def _speaks_http(path: Path) -> set[str]:
    """What of HTTP a module imports: a web framework, or the module that turns refusals into HTTP answers."""
    return {
        name
        for name in _imported(path)
        if name.split(".")[0] in HTTP_LIBRARIES or name == "server.errors" or name.startswith("server.errors.")
    }


def _commits(path: Path) -> list[int]:
    """Lines where the module calls `<anything>.commit()`."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"
    ]


def _domain_modules() -> list[Path]:
    return [path for domain in DOMAINS for path in sorted((ROOT / "server" / domain).glob("*.py"))]


def test_services_and_repositories_import_nothing_of_http() -> None:
    """A domain raises its named refusals (server/domain.py) and server/errors.py maps them to HTTP in one
    handler: outside the routers and the caller dependency, no domain module knows HTTP exists."""
    checked = [path for path in _domain_modules() if path.name not in HTTP_MODULES]
    assert len(checked) > 25
    offenders = {str(path.relative_to(ROOT)): found for path in checked if (found := _speaks_http(path))}
    assert offenders == {}


def test_no_router_commits() -> None:
    """One place commits: the service method that makes a change (docs/architecture.md, "the commit rule")."""
    routers = [path for path in _domain_modules() if path.name == "router.py"]
    assert len(routers) >= 7
    offenders = {str(path.relative_to(ROOT)): lines for path in routers if (lines := _commits(path))}
    assert offenders == {}


def test_the_http_and_commit_checks_would_see_an_offender(tmp_path: Path) -> None:
    service = tmp_path / "service.py"
    service.write_text("from fastapi import HTTPException\nfrom server.errors import error_body\n")
    assert _speaks_http(service) == {"fastapi", "server.errors"}
    router = tmp_path / "router.py"
    router.write_text("async def f(db):\n    x = 1\n    await db.commit()\n")
    assert _commits(router) == [3]
