"""The data directory is 0700 and the database with its -wal and -shm 0600, whatever the umask."""

from __future__ import annotations

import os
import stat

from bot.app import open_services


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_files_with_client_data_are_the_owners_alone_under_umask_022(settings, clock):
    previous = os.umask(0o022)
    try:
        services = await open_services(settings, clock)
        try:
            async with services.database.transaction() as session:
                await session.connection()
            directory = settings.data_dir
            files = sorted(path.name for path in directory.iterdir())
            assert {"wayfinder.db", "wayfinder.db-wal", "wayfinder.db-shm"} <= set(files)
            assert mode(directory) == 0o700
            for name in files:
                assert mode(directory / name) == 0o600, name
        finally:
            await services.database.close()
    finally:
        os.umask(previous)


async def test_an_open_data_directory_is_closed(settings, clock):
    settings.data_dir.mkdir(mode=0o755)
    os.chmod(settings.data_dir, 0o755)
    services = await open_services(settings, clock)
    await services.database.close()
    assert mode(settings.data_dir) == 0o700
