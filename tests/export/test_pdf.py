"""The PDF export: what an auditor reads, read back with pypdf and drawn to PNG with pdftoppm."""

from __future__ import annotations

import asyncio
import logging
import shutil
from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from PIL import Image
from pypdf import PdfReader

from bot.export.pdf import render_pdf
from tests.export.support import (
    add_clinician,
    add_plan_version,
    add_signed_note,
    record_of,
    tagged,
    words,
)

PRACTICE = "Riverside Counselling"
LONG = "Discussed the week's exposure practice and what made the drive easier. " * 12


async def twelve_weeks(database) -> None:
    await add_clinician(database, "America/New_York")
    await add_plan_version(database, "A.B.")
    for week in range(12):
        signed_at = datetime(2026, 9, 7, 21, tzinfo=UTC) + timedelta(weeks=week)
        await add_signed_note(
            database,
            "A.B.",
            signed_at,
            {
                "subjective": f"Week {week + 1}: practised breathing on 5 days. {LONG}",
                "plan": "Continue breathing practice.",
            },
            tags={"subjective": [tagged("Practised breathing on 5 days.", ("O1", "improved"))]},
            addenda=((signed_at + timedelta(hours=2), f"Addendum for week {week + 1}."),),
        )


def page_texts(content: bytes) -> list[str]:
    # Lines wrap where the page ends them: compare with whitespace collapsed.
    return [" ".join(page.extract_text().split()) for page in PdfReader(BytesIO(content)).pages]


async def test_each_note_reads_back_with_its_signature_fingerprint_links_and_page_numbers(
    services,
):
    await twelve_weeks(services.database)
    record = await record_of(services.database, "A.B.", practice=PRACTICE)

    pages = page_texts(render_pdf(record, words))

    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    assert all("A.B. · Signed progress notes · Riverside Counselling" in t for t in pages[1:])
    whole = " ".join(pages)
    for expected in (
        "Signed progress notes",
        "Client: A.B.",
        f"Practice: {PRACTICE}",
        "Clinician: user 1001",
        "12 signed note(s), oldest first.",
        "SOAP note · A.B. · signed",
        "Date of service: Mon 07 Sep 2026",
        "Date of service: Mon 23 Nov 2026",
        "Week 12: practised breathing on 5 days.",
        "Objectives addressed: O1",
        "O1 Practice diaphragmatic breathing at least 5 days per week (plan version 1)",
        "Signed Mon 07 Sep 2026 17:00 by user 1001",
        "Addendum, Mon 07 Sep 2026 19:00:",
        "Addendum for week 12.",
        "Treatment plan · version 1",
        "O1 Practice diaphragmatic breathing at least 5 days per week active · improving",
    ):
        assert expected in whole, expected
    for note in record.notes:
        assert f"SHA-256 {note.sha256}" in whole


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm (Debian package poppler-utils) is not installed; .ci/run installs it",
)
async def test_every_page_draws_as_a_letter_page_with_ink_in_its_head_body_and_foot(
    services, tmp_path
):
    await twelve_weeks(services.database)
    content = render_pdf(await record_of(services.database, "A.B."), words)
    (tmp_path / "record.pdf").write_bytes(content)

    drawing = await asyncio.create_subprocess_exec(
        "pdftoppm", "-r", "50", "-png", str(tmp_path / "record.pdf"), str(tmp_path / "page")
    )
    assert await drawing.wait() == 0

    drawn = sorted(tmp_path.glob("page-*.png"))
    assert len(drawn) == len(PdfReader(BytesIO(content)).pages) > 3
    for number, path in enumerate(drawn, start=1):
        page = Image.open(path).convert("L")
        width, height = page.size
        assert abs(width / height - 8.5 / 11) < 0.01
        band = height // 12

        def ink(top: int, bottom: int, page=page, width=width) -> int:
            # Pixels darker than light grey (the footer's small grey type is anti-aliased).
            return sum(page.crop((0, top, width, bottom)).histogram()[:200])

        assert ink(band, height - band) > 500  # notes on every page
        assert ink(height - band, height) > 10  # "Page n of N"
        if number > 1:
            assert ink(0, band) > 10  # the client code and title heading each page


async def test_accents_greek_and_cyrillic_print_and_what_the_font_lacks_is_marked_not_logged(
    services, caplog
):
    from bot.logsafe import configure_logging

    configure_logging("DEBUG")
    caplog.set_level(logging.DEBUG)
    await add_clinician(services.database)
    await add_signed_note(
        services.database,
        "É.Ж.",
        datetime(2026, 11, 30, 15, tzinfo=UTC),
        {"subjective": "Café talk; Ψυχή and Жизнь → ✓. Name in Chinese: 王芳.\tTabbed."},
    )

    content = render_pdf(await record_of(services.database, "É.Ж."), words)

    whole = " ".join(page_texts(content))
    assert "Client: É.Ж." in whole
    assert "Café talk; Ψυχή and Жизнь → ✓. Name in Chinese: ��. Tabbed." in whole
    assert "2 character(s) that this PDF's font cannot show appear as �" in whole
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "王" not in logged and "芳" not in logged and "missing" not in logged
