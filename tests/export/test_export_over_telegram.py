"""/export through PTB and the fake Bot API: Text, PDF and FHIR buttons, each its own file."""

from __future__ import annotations

import base64
import json
import re
from io import BytesIO

from fhir.resources.R4B.bundle import Bundle
from pypdf import PdfReader

from tests.e2e.test_export import sign_note
from tests.e2e.test_note_linking import give_plan

CANARY = "Okapi-Canary-5521"
FILE_NAME = re.compile(r"record-\d{8}-\d{6}-[0-9a-f]{8}\.(txt|pdf|fhir\.json)")


def pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages
    )


def fhir_text(data: bytes) -> str:
    """The bundle's JSON with every attachment decoded, so nothing hides in base64."""
    Bundle.model_validate_json(data)
    bundle = json.loads(data)
    attachments = [
        base64.b64decode(content["attachment"]["data"]).decode("utf-8")
        for entry in bundle["entry"]
        for content in entry["resource"].get("content", [])
    ]
    return "\n".join([data.decode("utf-8"), *attachments])


async def test_text_pdf_and_fhir_each_hold_the_signed_note_and_never_the_private_one(
    chat, services, clock
):
    await chat.onboard()
    await give_plan(services, clock)
    await sign_note(
        chat, "A.B.", "Practised diaphragmatic breathing on four days.", "Calm, on time.",
        "Panic attacks fewer.", "Continue breathing practice.",
    )
    await chat.say("/private A.B.")
    await chat.say(f"{CANARY}: talked about her marriage.")
    await chat.say("done")
    chat.expect("Private note saved")

    sent = {}
    for label in ("Text", "PDF", "FHIR"):
        await chat.say("/export A.B.")
        chat.expect("A.B.: 1 signed note(s). Which file?")
        assert chat.buttons() == ["Text", "PDF", "FHIR"]
        await chat.press(label)
        chat.expect("A.B.: 1 signed note(s), oldest first")
        (sent[label],) = chat.documents

    text = sent["Text"].data.decode("utf-8")
    pdf = pdf_text(sent["PDF"].data)
    fhir = fhir_text(sent["FHIR"].data)
    for shown in (text, pdf, fhir):
        assert "Practised diaphragmatic breathing on four days." in shown
        assert "O1 Practice diaphragmatic breathing at least 5 days per week" in shown
        assert CANARY not in shown and "marriage" not in shown
    assert sent["PDF"].data.startswith(b"%PDF-")
    assert "Page 1 of 1" in pdf
    assert '"resourceType": "Bundle"' in fhir
    names = [document.filename for document in sent.values()]
    assert all(FILE_NAME.fullmatch(name) for name in names), names
    # 15:00 UTC is 10:00:00 in the clinician's New York: all three in the same second, still apart.
    assert all(name.startswith("record-20261130-100000-") for name in names), names
    assert len(set(names)) == 3
    assert not any("A.B" in name for name in names)


async def test_a_format_after_the_code_sends_that_file_and_an_unknown_one_offers_the_buttons(
    chat,
):
    await chat.onboard()
    await sign_note(chat, "C.D.", "Slept better.", "Alert.", "Improving.", "Same plan.")

    await chat.say("/export C.D. PDF")
    (document,) = chat.documents
    assert document.filename.endswith(".pdf") and "Slept better." in pdf_text(document.data)

    await chat.say("/export C.D. docx")
    assert not chat.documents
    chat.expect("C.D.: 1 signed note(s). Which file?")
    await chat.press("FHIR")
    (document,) = chat.documents
    assert document.filename.endswith(".fhir.json") and "Slept better." in fhir_text(document.data)
