"""Export file names (issue #16 item 6): the export's time to the second in the clinician's zone
and a short random part, unique even within one second, and never a client code."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.export.files import FORMATS
from tests.e2e.test_export import sign_note
from tests.export.test_export_over_telegram import FILE_NAME


async def test_two_clients_exported_in_the_same_second_get_different_names_without_codes(chat):
    await chat.onboard()
    for code in ("A.B.", "C.D."):
        await sign_note(chat, code, "Slept better.", "Alert.", "Improving.", "Same plan.")
    names = []
    for code in ("A.B.", "C.D.", "A.B."):  # the clock stands still: all in one second
        await chat.say(f"/export {code} text")
        (sent,) = chat.documents
        names.append(sent.filename)
    assert len(set(names)) == 3, names
    for name in names:
        assert FILE_NAME.fullmatch(name) and name.startswith("record-20261130-100000-"), name
        assert "A.B" not in name and "C.D" not in name


def test_a_thousand_names_in_one_second_never_repeat():
    moment = datetime(2026, 11, 30, 10, 0, 5, tzinfo=UTC)
    for export in FORMATS.values():
        names = {export.file_name(moment) for _ in range(1000)}
        assert len(names) == 1000
        assert all(name.startswith("record-20261130-100005-") for name in names)
