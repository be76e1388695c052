"""`/progress CODE [TOPIC]` and "how is A.B. doing (on sleep)?": one client's progress.

Per objective of the current plan: the trend, the latest tagged evidence with its date, days to
the target date; then the measurements over time; with data, a chart (PNG) in the same reply.
Reads signed notes only; private notes live in another table and never appear here.
"""

from __future__ import annotations

import asyncio
from datetime import date

from sqlalchemy import select

from bot.dialogue.progress_chart import Panel, progress_chart
from bot.dialogue.progress_trends import (
    ObjectiveView,
    Session,
    about_topic,
    measurement_series,
    objective_views,
)
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from nlp.planfile import PlanFileError
from storage.clients import find_client
from storage.models import Note
from storage.plans import current_plan

MAX_SERIES_POINTS = 6  # in the text; the chart shows them all


async def progress_command(turn: Turn) -> None:
    args = turn.event.args
    if not args:
        turn.say("progress.usage")
        return
    await show_progress(turn, args[0], " ".join(args[1:]).strip() or None)


async def show_progress(turn: Turn, code: str, topic: str | None) -> None:
    client = await find_client(turn.session, turn.clinician.id, code)
    if client is None:
        turn.say("progress.unknown_client", client=code)
        return
    try:
        found = await current_plan(turn.session, client.id)
    except PlanFileError:
        turn.say("progress.bad_plan", client=client.code)
        return
    if found is None:
        turn.say("progress.no_plan", client=client.code)
        return
    _, plan = found
    sessions = await _signed_sessions(turn, client.id)
    views = objective_views(plan.objectives(), sessions)
    series = measurement_series(sessions)
    if topic:
        chosen = [view for view in views if about_topic(view.objective, topic)]
        if chosen:
            views = chosen
            series = {k: v for k, v in series.items() if topic.casefold() in k.casefold()}
        else:
            turn.say("progress.no_topic", client=client.code, topic=topic)
            topic = None
    today = turn.local(turn.now).date()
    lines = [_header(turn, client.code, topic, len(sessions))]
    for view in views:
        lines.extend(_objective_lines(turn, view, today))
    if series:
        lines.append(turn.words("progress.measurements"))
        for label, points in series.items():
            shown = " → ".join(f"{v:g} ({d:%d %b})" for d, v in points[-MAX_SERIES_POINTS:])
            lines.append(turn.words("progress.measurement", name=label, series=shown))
    # Drawing takes a few hundred milliseconds: off the event loop, so other chats keep moving.
    chart = await asyncio.to_thread(
        progress_chart,
        turn.words("progress.chart_caption", client=client.code),
        [
            Panel(turn.words("progress.chart.measurements"), series),
            Panel(
                turn.words("progress.chart.objectives"),
                {view.objective.id: view.cumulative for view in views if view.nets},
                zero_line=True,
            ),
        ],
    )
    turn.reply("\n".join(lines))
    if chart is not None:
        turn.reply(turn.words("progress.chart_caption", client=client.code), image=chart)


async def _signed_sessions(turn: Turn, client_id: str) -> list[Session]:
    notes = await turn.session.scalars(
        select(Note)
        .where(
            Note.client_id == client_id,
            Note.clinician_id == turn.clinician.id,
            Note.status == "signed",
        )
        .order_by(Note.signed_at)
    )
    return [Session(turn.local(note.signed_at).date(), note.tags or {}) for note in notes]


def _header(turn: Turn, code: str, topic: str | None, notes: int) -> str:
    if topic:
        return turn.words("progress.header_topic", client=code, topic=topic, notes=notes)
    return turn.words("progress.header", client=code, notes=notes)


def _objective_lines(turn: Turn, view: ObjectiveView, today: date) -> list[str]:
    objective = view.objective
    lines = [
        "",  # a blank line between objectives, for reading on a phone
        turn.words("progress.objective", id=objective.id, text=objective.text),
        turn.words("progress.trend_line", trend=turn.words(f"progress.trend.{view.trend}")),
    ]
    if view.evidence:
        latest = view.evidence[-1]
        known = ("improved", "worsened", "unchanged")
        progress = latest.progress if latest.progress in known else "unknown"
        lines.append(
            turn.words(
                "progress.latest",
                date=latest.day.strftime("%d %b"),
                progress=turn.words(f"progress.word.{progress}"),
                sentence=latest.sentence,
            )
        )
    else:
        lines.append(turn.words("progress.no_evidence"))
    if objective.target_date is not None:
        left = (objective.target_date - today).days
        if left > 0:
            days = turn.words("progress.target_left", days=left)
        elif left == 0:
            days = turn.words("progress.target_today")
        else:
            days = turn.words("progress.target_past", days=-left)
        lines.append(turn.words("progress.target", date=objective.target_date, days=days))
    return lines


ROUTES = Routes(commands={"progress": progress_command})
