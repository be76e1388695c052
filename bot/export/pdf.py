"""The record as a PDF, for an auditor or an insurer (fpdf2, pure Python).

Page 1 opens with the practice, clinician, client code, export time and what the file holds;
then each signed note, oldest first: date of service, sections, objectives addressed (id, text,
plan version), signatures with times, the SHA-256 fingerprint, addenda. The current treatment
plan and the instrument scores close it. Every page but the first repeats the client code and
every page is numbered "Page n of N".
"""

from __future__ import annotations

from collections.abc import Iterator

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from bot.export import labels
from bot.export.labels import Words
from bot.export.model import ClinicalRecord, CurrentPlan, Note
from bot.export.pdf_fonts import FAMILY, FILES, MONO, Printable, font_path

PAGE_FORMAT = "letter"
MARGIN = 18  # mm
TITLE, HEADING, BODY, SMALL, TINY = 16, 12, 10, 9, 8  # points
GREY = 90
LEADING = 0.45  # line height in mm per point of type size
# Keep a heading with at least this much of what follows on its page (mm).
KEEP_WITH_NEXT = 30


def render_pdf(record: ClinicalRecord, words: Words) -> bytes:
    content, replaced = _layout(record, words, replaced=0)
    if replaced:
        # Rare: some text needs characters the fonts lack. Lay out again, saying so on page 1.
        content, _ = _layout(record, words, replaced=replaced)
    return content


class _RecordPDF(FPDF):
    def __init__(self, running_head: str, page_label: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format=PAGE_FORMAT)
        for (family, style), file_name in FILES.items():
            self.add_font(family, style, font_path(file_name))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN)
        self.running_head = running_head
        self.page_label = page_label  # worded once, with {page}; {nb} is fpdf2's page total

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FAMILY, "", TINY)
        self.set_text_color(GREY)
        self.cell(0, 4, self.running_head, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)
        self.set_text_color(0)

    def footer(self) -> None:
        self.set_y(-MARGIN + 4)
        self.set_font(FAMILY, "", TINY)
        self.set_text_color(GREY)
        self.cell(0, 4, self.page_label.replace("{page}", str(self.page_no())), align="C")
        self.set_text_color(0)


class _Writer:
    """Paragraph-level drawing, with every string cleaned for the fonts on its way in.

    Lines are broken here, by words, and each is drawn with fpdf2's plain `text`: its own
    multi_cell measures a line again for every character it adds (a 200-note record took 12 s),
    and a cell per line still cost three times as much as `text`.
    """

    def __init__(self, pdf: _RecordPDF, printable: Printable) -> None:
        self.pdf = pdf
        self.clean = printable
        self._widths: dict[tuple[str, str, float, str], float] = {}

    def text(
        self,
        text: str,
        *,
        size: float = BODY,
        style: str = "",
        indent: float = 0,
        family: str = FAMILY,
        grey: bool = False,
        fill: bool = False,
        after: float = 1,
    ) -> None:
        pdf = self.pdf
        pdf.set_font(family, style, size)
        pdf.set_text_color(GREY if grey else 0)
        left, width, height = pdf.l_margin + indent, pdf.epw - indent, size * LEADING
        baseline = height / 2 + 0.3 * pdf.font_size  # where fpdf2's cell puts it
        for line in self._lines(self.clean(text), width - 2 * pdf.c_margin):
            if pdf.y + height > pdf.page_break_trigger:
                pdf.add_page()
            if fill:
                pdf.rect(left, pdf.y, width, height, style="F")
            if line:
                pdf.text(left + pdf.c_margin, pdf.y + baseline, line)
            pdf.set_xy(pdf.l_margin, pdf.y + height)
        pdf.set_text_color(0)
        pdf.ln(after)

    def keep_room(self, height: float = KEEP_WITH_NEXT) -> None:
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def _width(self, word: str) -> float:
        pdf = self.pdf
        key = (pdf.font_family, pdf.font_style, pdf.font_size_pt, word)
        found = self._widths.get(key)
        if found is None:
            found = self._widths[key] = pdf.get_string_width(word)
        return found

    def _lines(self, text: str, room: float) -> Iterator[str]:
        """Greedy word wrap; a word longer than a line is cut where the line ends."""
        space = self._width(" ")
        for paragraph in text.split("\n"):
            line: list[str] = []
            used = 0.0
            for word in paragraph.split(" "):
                width = self._width(word)
                while width > room:
                    if line:
                        yield " ".join(line)
                        line, used = [], 0.0
                    head = self._longest_start(word, room)
                    yield head
                    word = word[len(head) :]
                    width = self._width(word)
                needed = width + (space if line else 0.0)
                if line and used + needed > room:
                    yield " ".join(line)
                    line, used = [word], width
                else:
                    line.append(word)
                    used += needed
            yield " ".join(line)

    def _longest_start(self, word: str, room: float) -> str:
        used = 0.0
        for end, char in enumerate(word):
            used += self._width(char)
            if used > room:
                return word[: max(end, 1)]
        return word


def _layout(record: ClinicalRecord, words: Words, *, replaced: int) -> tuple[bytes, int]:
    printable = Printable()
    title = words("record.title")
    running_head = " · ".join(filter(None, [record.client_code, title, record.practice]))
    pdf = _RecordPDF(printable(running_head), words("record.page", page="{page}", pages="{nb}"))
    pdf.set_title(title)
    pdf.set_creator("Wayfinder")
    pdf.set_creation_date(record.exported_at)
    pdf.set_fill_color(232, 236, 240)
    pdf.add_page()
    write = _Writer(pdf, printable)
    _opening(write, record, words, replaced)
    for note in record.notes:
        _note(write, record, note, words)
    if record.plan is not None:
        _plan(write, record, record.plan, words)
    if record.scores:
        _scores(write, record, words)
    return bytes(pdf.output()), printable.replaced


def _opening(write: _Writer, record: ClinicalRecord, words: Words, replaced: int) -> None:
    write.text(words("record.title"), size=TITLE, style="B", after=2)
    write.text(words("record.client", client=record.client_code), size=HEADING, style="B")
    for line in labels.practice_lines(words, record):
        write.text(line)
    exported = labels.moment(record, record.exported_at)
    write.text(words("record.exported", when=exported, zone=record.timezone))
    write.text(labels.contents_line(words, record), grey=True)
    for line in labels.failed_lines(words, record):
        write.text(line, style="B")
    if replaced:
        write.text(words("record.missing_glyphs", count=replaced), grey=True)
    write.pdf.ln(4)


def _note(write: _Writer, record: ClinicalRecord, note: Note, words: Words) -> None:
    write.keep_room()
    write.text(labels.note_heading(words, record, note), size=HEADING, style="B", fill=True)
    write.text(labels.service_line(words, note.service), style="B", after=3)
    for section in note.sections:
        write.keep_room(12)
        write.text(section.title, style="B", after=0.5)
        write.text(section.text or words("record.empty_section"), grey=not section.text, after=2)
    objectives = labels.objective_lines(words, note)
    if objectives:
        write.keep_room(12)
        write.text(objectives[0], size=SMALL, style="B", after=0.5)
        for line in objectives[1:]:
            write.text(line, size=SMALL, indent=4, after=0.5)
        write.pdf.ln(1.5)
    write.keep_room(12)
    for line in labels.signer_lines(words, record, note):
        write.text(line, size=SMALL, style="B", after=0.5)
    *fingerprints, last = labels.fingerprint_lines(words, note)
    for line in fingerprints:
        write.text(line, size=TINY, family=MONO, after=0.5)
    write.text(last, size=TINY, family=MONO, after=2)
    for addendum in note.addenda:
        write.keep_room(12)
        heading, _, text = labels.addendum_label(
            words, record, addendum.written_at, addendum.text
        ).partition("\n")
        write.text(heading, size=SMALL, style="I", after=0.5)
        write.text(text, after=2)
    write.pdf.ln(5)


def _plan(write: _Writer, record: ClinicalRecord, plan: CurrentPlan, words: Words) -> None:
    write.pdf.ln(4)
    write.keep_room(50)
    since = labels.day(plan.since.astimezone(labels.zone(record)).date())
    if plan.review_due is None:
        heading = words("record.plan.heading_no_review", version=plan.version, since=since)
    else:
        heading = words(
            "record.plan.heading",
            version=plan.version,
            since=since,
            due=labels.day(plan.review_due),
        )
    write.text(heading, size=HEADING, style="B", fill=True, after=3)
    for problem in plan.problems:
        write.keep_room(20)
        write.text(
            words("record.plan.problem", id=problem.id, statement=problem.statement), style="B"
        )
        for goal in problem.goals:
            write.text(words("record.plan.goal", id=goal.id, text=goal.text), indent=4)
            for objective in goal.objectives:
                write.text(
                    words("record.plan.objective", id=objective.id, text=objective.text),
                    indent=8,
                    after=0,
                )
                state = words(
                    "record.plan.objective_state",
                    status=words(f"record.status.{objective.status}"),
                    trend=words(f"record.trend.{objective.trend}"),
                )
                write.text(state, size=SMALL, indent=12, grey=True)
            if goal.interventions:
                listed = "; ".join(f"{i.id} {i.text}" for i in goal.interventions)
                write.text(
                    words("record.plan.interventions", interventions=listed), size=SMALL, indent=8
                )
        write.pdf.ln(2)


def _scores(write: _Writer, record: ClinicalRecord, words: Words) -> None:
    write.pdf.ln(4)
    write.keep_room(40)
    write.text(words("record.scores.heading"), size=HEADING, style="B", fill=True, after=3)
    pdf = write.pdf
    pdf.set_font(FAMILY, "", BODY)
    header = [words(f"record.scores.{key}") for key in ("instrument", "value", "day")]
    columns = (50, 25, 45)
    with pdf.table(
        width=sum(columns), col_widths=columns, align="LEFT", first_row_as_headings=True
    ) as table:
        table.row([write.clean(cell) for cell in header])
        for score in record.scores:
            table.row(
                [
                    write.clean(score.instrument),
                    f"{score.value:g}",
                    labels.day(score.date_of_service),
                ]
            )
