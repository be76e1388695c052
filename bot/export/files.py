"""The export formats: how each renders, its file name and media type.

File names are unique and say nothing about the client: the export time to the second in the
clinician's zone and a short random part (`record-20261130-100005-3fa9c1d2.pdf`), never a code.
The PDF and FHIR libraries load on their first use, not when the bot starts.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.export.labels import Words
from bot.export.model import ClinicalRecord
from bot.export.text import render_text


def _render_pdf(record: ClinicalRecord, words: Words) -> bytes:
    from bot.export.pdf import render_pdf

    return render_pdf(record, words)


def _render_fhir(record: ClinicalRecord, words: Words) -> bytes:
    from bot.export.fhir import render_fhir

    return render_fhir(record, words)


@dataclass(frozen=True)
class ExportFormat:
    key: str
    extension: str
    media_type: str
    render: Callable[[ClinicalRecord, Words], bytes]

    def file_name(self, local_time: datetime) -> str:
        return f"record-{local_time:%Y%m%d-%H%M%S}-{secrets.token_hex(4)}.{self.extension}"


FORMATS: dict[str, ExportFormat] = {
    export.key: export
    for export in (
        ExportFormat("text", "txt", "text/plain", render_text),
        ExportFormat("pdf", "pdf", "application/pdf", _render_pdf),
        ExportFormat("fhir", "fhir.json", "application/fhir+json", _render_fhir),
    )
}
