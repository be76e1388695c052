"""`/progress CODE [TOPIC]` and "how is A.B. doing (on sleep)?": one client's progress.

Per objective of the current plan: the trend with the rule that decided it, the measures that
belong to it and its latest evidence, days to the target date; then the measurements over time;
with data, a chart (PNG, one panel per measure) in the same reply. Reads signed notes only;
private notes live in another table and never appear here. Until notes carry a date of service,
a note's date of service is the day it was signed, in the clinician's time zone. Evidence is
bound to the objective as worded when the note was written (its plan version), so an id reused
for a new objective starts without the old one's evidence.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.dialogue.integrity import tell_failures
from bot.dialogue.progress_chart import progress_chart
from bot.dialogue.progress_view import (
    ProgressWords,
    chart_panels,
    measurement_lines,
    objective_lines,
)
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.progress.evidence import Evidence, Session
from bot.progress.trends import ObjectiveView, objective_views, on_topic
from nlp.planfile import PlanFileError
from storage.identity import translation
from storage.integrity import IntegrityFailure
from storage.notes import service_day
from storage.plans import OpenPlan


async def progress_command(turn: Turn) -> None:
    args = turn.event.args
    if not args:
        turn.say("progress.usage")
        return
    await show_progress(turn, args[0], " ".join(args[1:]).strip() or None)


async def show_progress(turn: Turn, code: str, topic: str | None) -> None:
    client = await turn.store.clients.find(code)
    if client is None:
        turn.say("progress.unknown_client", client=code)
        return
    try:
        found = await turn.store.plans.current(client.id)
    except PlanFileError:
        turn.say("progress.bad_plan", client=client.code)
        return
    if found is None:
        turn.say("progress.no_plan", client=client.code)
        return
    progress = await plan_progress(turn, found)
    await turn.store.audit.record("read", turn.now, "progress", client.id, client_id=client.id)
    tell_failures(turn, progress.failed)
    views, measures = progress.views, progress.evidence.measures
    if topic:
        focused = on_topic(views, measures, topic)
        if focused is None:
            turn.say("progress.no_topic", client=client.code, topic=topic)
            topic = None
        else:
            views, measures = focused
    words = ProgressWords(turn.services.wording)
    today = turn.local(turn.now).date()
    lines = [_header(turn, client.code, topic, len(progress.sessions))]
    for view in views:
        lines.extend(objective_lines(words, view, today))
    lines.extend(measurement_lines(words, measures))
    # Drawing takes a few hundred milliseconds: off the event loop, so other chats keep moving.
    chart = await asyncio.to_thread(
        progress_chart,
        turn.words("progress.chart.title", client=client.code),
        turn.words("progress.chart.x_axis"),
        chart_panels(words, views, measures),
    )
    turn.reply("\n".join(lines))
    if chart is not None:
        turn.reply(turn.words("progress.chart_caption", client=client.code), image=chart)


@dataclass
class Progress:
    """A client's plan judged against their signed notes."""

    views: list[ObjectiveView]  # per objective of the current plan, in plan order
    evidence: Evidence
    sessions: list[Session]
    identities: dict[str, str]  # the current version's objective ids -> identities
    failed: list[IntegrityFailure]  # signed notes that failed their check, left out


async def plan_progress(turn: Turn, opened: OpenPlan) -> Progress:
    """Each objective of the current plan judged from the signed notes, each note's evidence
    counted only for the objectives it was written about (the same identity)."""
    identities = await turn.store.plans.identities(opened.row.id)
    current = list(identities.values())[-1]
    signed = await turn.store.notes.signed_record(opened.client.id)
    # By date of service: a note written late for an earlier session counts in its place.
    sessions = sorted(
        (
            Session(
                service_day(note, turn.zone),
                note.tags or {},
                translation(identities[note.plan_version_id], current)
                if note.plan_version_id in identities
                else None,
            )
            for note, _ in signed.notes
        ),
        key=lambda session: session.day,
    )
    views, evidence = objective_views(opened.plan.objectives(), sessions)
    return Progress(views, evidence, sessions, current, signed.failed)


def _header(turn: Turn, code: str, topic: str | None, notes: int) -> str:
    if topic:
        return turn.words("progress.header_topic", client=code, topic=topic, notes=notes)
    return turn.words("progress.header", client=code, notes=notes)


ROUTES = Routes(commands={"progress": progress_command})
