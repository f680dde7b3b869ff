"""Issue 10, item 9: `data/haven.db` was created 0644 in a 0755 folder. The data folder is 0700 and every file in
it (database, -wal, -shm, server secret) 0600, whatever the umask — for a new deployment, and for files an older
version left readable."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from client.registration import register
from crypto.keys import IdentityKeyPair
from server.config import Settings
from tests.haven_testing.databases import migrate


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The usual 022 (or none at all): what the server must not rely on. Children inherit it."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _assert_private(folder: Path) -> None:
    assert _mode(folder) == 0o700, oct(_mode(folder))
    names = sorted(p.name for p in folder.iterdir())
    assert {"haven.db", "haven.db-wal", "haven.db-shm"} <= set(names), names
    for path in folder.iterdir():
        assert _mode(path) == 0o600, (path.name, oct(_mode(path)))


async def _use(server) -> None:
    # A registration writes through the WAL, so -wal and -shm exist while the server runs.
    async with httpx.AsyncClient(base_url=server.http_url) as http:
        await register(http, IdentityKeyPair.generate())


async def test_a_new_sqlite_deployment_is_private(server_factory, tmp_path, loose_umask):
    folder = tmp_path / "data"
    url = f"sqlite+aiosqlite:///{folder / 'haven.db'}"
    migrate(url, "upgrade", "head")  # alembic creates the file, through the server's own engine
    server = server_factory(url)
    await _use(server)
    _assert_private(folder)


async def test_files_an_older_version_left_readable_are_narrowed(server_factory, tmp_path, loose_umask):
    folder = tmp_path / "data"
    url = f"sqlite+aiosqlite:///{folder / 'haven.db'}"
    migrate(url, "upgrade", "head")
    server = server_factory(url)
    await _use(server)
    server.stop()
    os.chmod(folder, 0o755)
    for path in folder.iterdir():
        os.chmod(path, 0o644)
    server.start()
    await _use(server)
    _assert_private(folder)


def test_the_server_secret_file_is_private(tmp_path, loose_umask):
    os.umask(0)  # the worst case: everything world-writable unless the code says otherwise
    created = Settings(server_secret_file=tmp_path / "fresh" / "server_secret")
    secret = created.server_secret_bytes()
    assert len(secret) == 32
    assert _mode(tmp_path / "fresh") == 0o700
    assert _mode(tmp_path / "fresh" / "server_secret") == 0o600
    # One an older version wrote with the umask's mode is narrowed when read, and still the same secret.
    os.chmod(tmp_path / "fresh" / "server_secret", 0o644)
    assert Settings(server_secret_file=tmp_path / "fresh" / "server_secret").server_secret_bytes() == secret
    assert _mode(tmp_path / "fresh" / "server_secret") == 0o600
