"""Files that hold client data are the owner's alone, whatever the umask: the data directory
0700, the SQLite database and its -wal and -shm files 0600.

A directory we did not create (a home directory named as the data directory) keeps its mode
only if it is already closed to others; otherwise it is closed. Files are created 0600 before
SQLite first opens them, and re-checked after, since SQLite creates -wal and -shm itself.
"""

from __future__ import annotations

import os
from pathlib import Path

DIRECTORY_MODE = 0o700
FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_directory(path: Path) -> None:
    path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(DIRECTORY_MODE)


def private_file(path: Path) -> None:
    """Creates the file empty with mode 0600 if it is not there; closes it to others if it is."""
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    if path.stat().st_mode & 0o077:
        path.chmod(FILE_MODE)


def private_sqlite_files(database: Path) -> None:
    """The database file and whichever of its companions exist, 0600."""
    for companion in SQLITE_COMPANIONS:
        extra = database.with_name(database.name + companion)
        if extra.exists() and extra.stat().st_mode & 0o077:
            extra.chmod(FILE_MODE)
    if database.exists() and database.stat().st_mode & 0o077:
        database.chmod(FILE_MODE)
