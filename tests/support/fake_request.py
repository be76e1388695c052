"""PTB's transport to the fake Bot API: a telegram.request.BaseRequest that never opens a socket.

It does what HTTP and Telegram's front end would: finds the token and method in the URL, decodes
JSON parameters and multipart files, and answers with the Bot API's JSON envelope and status.
"""

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from telegram.request import BaseRequest, RequestData

from tests.support.bot_api_rules import BotApiError, api_error

if TYPE_CHECKING:
    from tests.support.fake_bot_api import FakeBotAPI

_DEFAULT_READ_TIMEOUT = 5.0


@dataclass
class UploadedFile:
    """A file part of a multipart request, as the fake received it."""

    filename: str | None
    data: bytes
    mime_type: str | None


class FakeRequest(BaseRequest):
    """One transport bound to a FakeBotAPI; PTB wants separate ones for getUpdates and the rest."""

    def __init__(self, api: "FakeBotAPI") -> None:
        self._api = api

    @property
    def read_timeout(self) -> float | None:
        return _DEFAULT_READ_TIMEOUT

    async def initialize(self) -> None:
        """Nothing to open: the server lives in this process."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        # Base URLs vary (WAYFINDER_BOT_API_URL); PTB always puts "<token>/" before the method.
        # File downloads arrive percent-encoded (PTB quotes the path, so ":" becomes "%3A").
        _, token_found, target = unquote(url).partition(f"{self._api.token}/")
        try:
            if not token_found:
                raise api_error("unauthorized", 401)
            if method == "GET":
                return 200, self._api.download(target)
            params, files = _decode(request_data)
            result = await self._api.call(target, params, files)
        except BotApiError as error:
            return error.error_code, json.dumps(error.to_json()).encode()
        return 200, json.dumps({"ok": True, "result": result}).encode()


def _decode(request_data: RequestData | None) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Parameters as the server would parse them off the wire, and the uploaded file parts."""
    if request_data is None:
        return {}, {}
    # The JSON round trip proves every parameter survives serialisation, as on the wire.
    params = json.loads(json.dumps(request_data.parameters))
    files = {}
    for part_name, (filename, content, mime_type) in request_data.multipart_data.items():
        data = content.read() if hasattr(content, "read") else content
        files[part_name] = UploadedFile(filename=filename, data=data, mime_type=mime_type)
    return params, files
