"""Exporting one client's record: a typed model, a builder from storage rows, three renderers.

model.py   what an export holds (plain dataclasses)
build.py   storage rows -> model (pure; the rows come from storage.exports)
text.py    a UTF-8 text file          pdf.py   a PDF (fpdf2)          fhir.py   a FHIR R4 Bundle
files.py   the formats: renderer, unique file name, media type
"""
