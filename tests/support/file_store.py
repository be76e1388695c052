"""Files the fake Bot API serves through getFile and downloads: registered by a test (a user's
voice note or document) or uploaded by the bot."""

from dataclasses import dataclass
from typing import Any


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str

    def to_json(self) -> dict[str, Any]:
        """The File object getFile answers with."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


class FileStore:
    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._count = 0

    def add(self, file_id: str, data: bytes, *, file_path: str | None = None) -> StoredFile:
        self._count += 1
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=f"unique-{file_id}",
            data=data,
            file_path=file_path or f"files/file_{self._count}",
        )
        self._by_id[file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def add_uploaded(self, data: bytes) -> StoredFile:
        """A file the bot uploaded; it gets a fresh file_id, as Telegram assigns one."""
        return self.add(f"bot-file-{self._count + 1}", data)

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def at_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)
