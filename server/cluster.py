"""`python -m server.cluster`: several relay processes on one machine sharing PostgreSQL and Redis.

For an operator to see the multi-process setup work locally (`make serve-cluster`). It creates the database if
it is missing, migrates it, makes sure every process shares one server secret, starts the processes on
consecutive ports and stops them all on Ctrl-C. In production use docker-compose.yml or your orchestrator.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import time
from types import FrameType

from sqlalchemy.engine import make_url

from server.config import Settings

DEFAULT_DATABASE_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/haven"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


async def ensure_database(url: str) -> None:
    import asyncpg

    parsed = make_url(url)
    name = parsed.database
    maintenance = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    connection = await asyncpg.connect(maintenance, timeout=10)
    try:
        exists = await connection.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m server.cluster", description=__doc__)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--base-port", type=int, default=8000)
    args = parser.parse_args()

    env = dict(os.environ)
    env.setdefault("HAVEN_DATABASE_URL", DEFAULT_DATABASE_URL)
    env.setdefault("HAVEN_REDIS_URL", DEFAULT_REDIS_URL)
    settings = Settings(database_url=env["HAVEN_DATABASE_URL"])
    if settings.is_sqlite:
        sys.exit("a cluster needs PostgreSQL: SQLite has a single writer (set HAVEN_DATABASE_URL)")
    asyncio.run(ensure_database(settings.database_url))
    subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], env=env, check=True)
    # Created once here, so the processes do not race to create different secrets.
    env.setdefault("HAVEN_SERVER_SECRET", settings.server_secret_bytes().hex())

    children = []
    for index in range(args.processes):
        port = args.base_port + index
        children.append(subprocess.Popen([sys.executable, "-m", "server"], env={**env, "HAVEN_PORT": str(port)}))
        print(f"relay process {index + 1}: http://127.0.0.1:{port}  (websocket ws://127.0.0.1:{port}/v1/ws)")

    def stop(_signum: int, _frame: FrameType | None) -> None:
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while any(child.poll() is None for child in children):
        time.sleep(0.2)
        if any(child.poll() not in (None, 0) for child in children):
            stop(signal.SIGTERM, None)
    for child in children:
        child.wait()


if __name__ == "__main__":
    main()
