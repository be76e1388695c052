"""What a due reminder says: counts and buttons, computed when it is sent, never client text.

A digest or nudge whose drafts were finished meanwhile, or a review reminder for a plan already
reviewed, has nothing to say: `compose` returns None and the row is skipped. The digest also
carries each route flagged as blocked and not yet in a digest (bot/dialogue/plans/blocked.py),
as the objective's id and counts, with its buttons: it names no client, as the rest of it does
not (the code appears in the chat after a tap). A supervisor's digest counts the notes waiting
for their co-signature; the notices of supervision itself (a note waiting for a supervisor, a
note returned to its writer) say only that, and where to look.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.progress.route import past_target
from bot.reminders.rules import rules
from bot.shared import dates
from bot.shared.events import Button, Reply
from bot.shared.wording import Wording, age_text, counted
from storage.cosignatures import RETURNED, WAITING
from storage.models import Plan, RouteFlag
from storage.reminders import Claimed
from storage.route_flags import Found
from storage.store import Store

OPEN_LABEL = {"digest": "open_drafts", "nudge": "open_drafts", "review": "open_reviews"}


def buttons(words: Wording, reminder: Claimed) -> list[list[Button]]:
    kind, rid = reminder.kind, reminder.id
    label = OPEN_LABEL.get(kind, "open_own")
    last = (
        Button(words("reminder.button.stop"), f"remind:stop:{rid}")
        if kind == "own"
        else Button(
            words("reminder.button.off", kind=words(f"reminder.kind.{kind}")), f"remind:off:{rid}"
        )
    )
    return [
        [Button(words(f"reminder.button.{label}"), f"remind:open:{rid}")],
        [
            Button(words("reminder.button.snooze"), f"remind:snooze:{rid}"),
            Button(words("reminder.button.morning"), f"remind:morning:{rid}"),
        ],
        [last],
    ]


async def reviews_due(store: Store, now: datetime) -> tuple[list[Plan], int]:
    """Plans of this clinician due for review within the horizon, and how many are overdue."""
    today = now.astimezone(ZoneInfo(store.clinician.timezone)).date()
    horizon = today + timedelta(days=rules().review_horizon_days + 1)
    plans = await store.plans.due_for_review(horizon)
    overdue = sum(1 for plan in plans if plan.review_due < today)
    return plans, overdue


async def compose(store: Store, words: Wording, reminder: Claimed, now: datetime) -> Reply | None:
    kind = reminder.kind
    if kind == "digest":
        return await _digest_with_routes(store, words, reminder, now)
    if kind == WAITING:
        waiting = await store.cosignatures.waiting_count()
        return Reply(counted(words, "reminder.cosign", waiting)) if waiting else None
    if kind == RETURNED:
        return Reply(words("reminder.cosign_returned"))
    if kind == "nudge":
        text = await _nudge(store, words, now)
    elif kind == "review":
        text = await _review(store, words, now)
    elif kind == "own":
        zone = ZoneInfo(store.clinician.timezone)
        text = words("reminder.own.text", when=dates.clock(reminder.due_at.astimezone(zone)))
    else:
        return None
    if text is None:
        return None
    return Reply(text, buttons=buttons(words, reminder))


async def _digest_with_routes(
    store: Store, words: Wording, reminder: Claimed, now: datetime
) -> Reply | None:
    drafts = await _digest(store, words, now)
    flags = await blocked_routes(store, now)
    waiting = await store.cosignatures.waiting_count()
    if drafts is None and not flags and not waiting:
        return None
    shown = flags[: rules().digest_routes]
    lines = [drafts] if drafts else []
    if waiting:
        lines.append(counted(words, "reminder.cosign", waiting))
    rows = []
    if len(shown) == 1:
        (flag,) = shown
        reason = reason_text(words, flag)
        lines.append(words("reminder.route.one", id=flag.objective_id, reason=reason))
        rows.append(route_buttons(words, flag.id))
    elif shown:
        lines.append(words("reminder.route.many", count=len(flags)))
        for number, flag in enumerate(shown, 1):
            reason = reason_text(words, flag)
            line = words("reminder.route.line", number=number, id=flag.objective_id, reason=reason)
            lines.append(line)
            rows.append(route_buttons(words, flag.id, f"{number} · "))
    if len(flags) > len(shown):
        lines.append(words("reminder.route.more", count=len(flags) - len(shown)))
    for flag in shown:
        flag.digest_at = now
    if drafts:
        rows.extend(buttons(words, reminder))
    return Reply("\n\n".join(lines), buttons=rows)


async def blocked_routes(store: Store, now: datetime) -> list[RouteFlag]:
    """Flags not yet in a digest whose objective is still active as worded, after flagging
    active objectives past their target date (the only reason that comes with time rather than
    with a signed note)."""
    today = now.astimezone(ZoneInfo(store.clinician.timezone)).date()
    active: set[tuple[str, str, str]] = set()
    for opened in await store.plans.every_current():
        identities = list((await store.plans.identities(opened.row.id)).values())[-1]
        objectives = [o for o in opened.plan.objectives() if o.status == "active"]
        active.update((opened.row.id, o.id, identities[o.id]) for o in objectives)
        found = [
            Found(objective.id, identities[objective.id], why.reason, why.figures)
            for objective in objectives
            for why in past_target(objective, today)
        ]
        await store.route_flags.record(opened.row.id, found, now, covers={"past_target"})
    return [
        flag
        for flag in await store.route_flags.for_digest()
        if (flag.plan_id, flag.objective_id, flag.identity) in active
    ]


def reason_text(words: Wording, flag: RouteFlag) -> str:
    """Why a route looks blocked, in counts only (the digest never carries client text)."""
    return words(f"route.reason.{flag.reason}", **flag.figures)


ROUTE_ANSWERS = ("review", "later", "dismiss")


def route_buttons(words: Wording, flag_id: str, number: str = "") -> list[Button]:
    """A blocked route's buttons (answered in bot/dialogue/plans/blocked.py), in the digest and
    at /plan CODE."""
    return [
        Button(words(f"route.button.{action}", number=number), f"route:{action}:{flag_id}")
        for action in ROUTE_ANSWERS
    ]


async def _digest(store: Store, words: Wording, now: datetime) -> str | None:
    count, oldest = await store.notes.draft_count()
    if not count:
        return None
    text = counted(words, "reminder.digest", count, age=age_text(words, now - oldest))
    # Late by date of service, not by when the draft was begun: a note started today for last
    # week's session is late.
    days = rules().late_after_days
    today = now.astimezone(ZoneInfo(store.clinician.timezone)).date()
    late = await store.notes.late_drafts(today - timedelta(days=days))
    if late:
        text += " " + counted(words, "reminder.digest_late", late, days=days)
    return text


async def _nudge(store: Store, words: Wording, now: datetime) -> str | None:
    hours = store.clinician.nudge_hours
    count = await store.notes.drafts_untouched_since(now - timedelta(hours=hours))
    if not count:
        return None
    return counted(words, "reminder.nudge", count, hours=hours)


async def _review(store: Store, words: Wording, now: datetime) -> str | None:
    plans, overdue = await reviews_due(store, now)
    if not plans:
        return None
    overdue_text = " " + words("reminder.review.overdue", count=overdue) if overdue else ""
    return counted(
        words,
        "reminder.review",
        len(plans),
        days=rules().review_horizon_days,
        overdue=overdue_text,
    )
