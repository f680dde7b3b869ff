"""What the server writes to disk is its own alone: the data folder 0700, every file in it 0600, whatever the
umask (issue 10, item 9). A seized or shared machine's other accounts must not read the database or the secret."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600


def private_directory(path: Path) -> None:
    """Create `path` (and its parents) if needed, and make it 0700. The working directory itself is left alone:
    a database next to the code is a development setup, and narrowing a checkout would surprise its owner."""
    path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    if path.resolve() != Path.cwd().resolve():
        os.chmod(path, DIRECTORY_MODE)


def private_file(path: Path) -> None:
    """Create `path` empty if it is missing — 0600 from the start, never readable for a moment — or narrow it."""
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    try:
        os.fchmod(descriptor, FILE_MODE)
    finally:
        os.close(descriptor)


def narrow_if_present(path: Path) -> None:
    """Make an existing file 0600 (one an older version, or another tool, created with the umask's mode)."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, FILE_MODE)


def write_private(path: Path, data: str) -> None:
    """Write a new file that is 0600 from its first byte."""
    private_directory(path.parent)
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(data)
