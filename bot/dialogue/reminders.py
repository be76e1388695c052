"""`/remind`, `/settings` and the buttons under a sent reminder.

    /remind TEXT, "remind me ..." ──► remind.confirm (payload: due, recurrence, what)
        ──(Yes, or "yes")──► a reminder row; idle
        ──(No, or "no")──► idle
        ──(another reminder)──► read again as a reminder; stays in remind.confirm
        ──(any other text)──► not set; back where the clinician was, the text handled there
    (it steps aside: Yes or No returns to the note or flow the request came from)
    a reminder's buttons: remind:{open|snooze|morning|off|stop}:<reminder id>
    /settings [digest HH:MM | quiet HH:MM-HH:MM | nudge HOURS | timezone NAME]
    settings:toggle:<kind>

Any change to settings replans the clinician's reminders in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from bot.dialogue import drafts
from bot.dialogue.modes import Mode
from bot.dialogue.onboarding import match_zone, set_zone, zone_buttons
from bot.dialogue.reviews_due import reviews_answer
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.reminders.own import MAX_TASK_CHARS, parse_own
from bot.reminders.planner import PLANNED_KINDS, plan_clinician, quiet_hours
from bot.reminders.rules import rules
from bot.reminders.schedule import WEEKDAYS, clock_text, parse_clock
from bot.shared import dates
from bot.shared.events import Button
from bot.shared.vocabulary import meanings, whole_number
from storage.models import Reminder, new_id
from storage.reminders import NewReminder


class RemindMode(Mode):
    CONFIRM = "remind.confirm"


MAX_NUDGE_HOURS = 336


def _when(turn: Turn, moment: datetime) -> str:
    return dates.weekday_moment(turn.local(moment))


def _hold_note(turn: Turn, due: datetime) -> tuple[datetime, str]:
    held = quiet_hours(turn.clinician).hold(due)
    if held == due:
        return due, ""
    return held, " " + turn.words("remind.quiet_note", end=dates.clock(turn.local(held)))


# --- /remind -------------------------------------------------------------------------------


async def remind_command(turn: Turn) -> None:
    text = " ".join(turn.event.args).strip()
    if text:
        await remind_from_text(turn, text)
        return
    own = await turn.store.reminders.own_pending()
    if own:
        lines, buttons = [turn.words("remind.list_header")], []
        for row in own:
            when = _when(turn, row.due_at)
            repeat = " " + turn.words("remind.list_repeat") if row.recurrence else ""
            lines.append(turn.words("remind.list_line", when=when, repeat=repeat))
            stop = turn.words("remind.list_stop", when=when)
            buttons.append([Button(stop, f"remind:stop:{row.id}")])
        turn.reply("\n".join(lines), buttons=buttons)
    else:
        turn.say("remind.none")
    turn.say("remind.usage")


async def remind_from_text(turn: Turn, text: str) -> None:
    parsed = parse_own(text, turn.now, turn.zone)
    if parsed is None:
        turn.say("remind.not_understood")
        return
    if parsed.due <= turn.now:
        turn.say("remind.past", when=_when(turn, parsed.due))
        return
    if len(parsed.what) > MAX_TASK_CHARS:
        turn.say("remind.too_long", limit=MAX_TASK_CHARS)
        return
    due, note = _hold_note(turn, parsed.due)
    when = _when(turn, due)
    if parsed.recurrence:
        every, clock = _repeat(parsed.recurrence)
        when = turn.words("remind.confirm_every", weekday=every, time=clock, when=when)
    what = turn.words("remind.confirm_what", what=parsed.what) if parsed.what else ""
    turn.step_aside(
        RemindMode.CONFIRM,
        due=due.isoformat(),
        recurrence=parsed.recurrence,
        what=parsed.what,
    )
    turn.say(
        "remind.confirm",
        when=when + note,
        what=what,
        buttons=[
            [
                Button(turn.words("remind.confirm_yes"), "remind:confirm:"),
                Button(turn.words("remind.confirm_no"), "remind:discard:"),
            ]
        ],
    )


def _repeat(recurrence: str) -> tuple[str, str]:
    """("Friday", "16:00") for "weekly:4:16:00"; ("day" / "weekday", clock) otherwise."""
    kind, _, rest = recurrence.partition(":")
    if kind == "weekly":
        weekday, _, clock = rest.partition(":")
        return WEEKDAYS[int(weekday)].capitalize(), clock
    return ("day" if kind == "daily" else "weekday"), rest


async def on_confirm_text(turn: Turn) -> None:
    answer = meanings("reminder_words").get(turn.event.text.strip().casefold().rstrip(".!"))
    if answer == "yes":
        await _confirm(turn)
    elif answer == "no":
        turn.step_back()
        turn.say("remind.discarded")
    elif parse_own(turn.event.text, turn.now, turn.zone) is not None:
        await remind_from_text(turn, turn.event.text)
    else:  # not an answer: the text goes where the clinician was, the reminder is not set
        turn.step_back()
        turn.say("remind.left_unset")
        await turn.route_text(turn)


async def _confirm(turn: Turn) -> None:
    state = turn.state
    if turn.mode != RemindMode.CONFIRM or "due" not in state:
        turn.say("input.stale_button")
        return
    due = datetime.fromisoformat(state["due"])
    series = new_id()
    await turn.store.reminders.add(
        NewReminder(
            turn.clinician.id,
            "own",
            due,
            dedupe_key=f"own:{series}:{dates.occurrence_key(due)}",
            subject_id=series,
            recurrence=state.get("recurrence"),
        ),
        state.get("what") or None,
        turn.now,
    )
    turn.step_back()
    turn.say("remind.set", when=_when(turn, due))


# --- buttons under a sent reminder -----------------------------------------------------------


async def on_button(turn: Turn, action: str, argument: str) -> None:
    if action == "confirm":
        await _confirm(turn)
        return
    if action == "discard":
        if turn.mode == RemindMode.CONFIRM:
            turn.step_back()
        turn.say("remind.discarded")
        return
    row = await turn.store.reminders.own(argument)
    if row is None:
        turn.say("reminder.tap.gone")
        return
    if action == "open":
        await _open(turn, row)
    elif action in ("snooze", "morning"):
        await _snooze(turn, row, action)
    elif action == "off":
        await _turn_off(turn, row.kind)
    elif action == "stop":
        await turn.store.reminders.cancel_pending(kinds=["own"], subject_id=row.subject_id)
        turn.say("reminder.tap.stopped")
    else:
        turn.say("input.stale_button")


async def _open(turn: Turn, row: Reminder) -> None:
    if row.kind in ("digest", "nudge"):
        waiting = await turn.store.notes.drafts()
        if len(waiting) == 1:  # one draft: straight back into it
            await drafts.on_button(turn, "resume", waiting[0].id)
        else:
            await drafts.drafts_command(turn)
    elif row.kind == "review":
        await reviews_answer(turn)
    else:
        turn.say("reminder.tap.own", text=row.text or _when(turn, row.due_at))


async def _snooze(turn: Turn, row: Reminder, action: str) -> None:
    quiet = quiet_hours(turn.clinician)
    if action == "snooze":
        due = quiet.hold(turn.now + rules().snooze_short)
    else:
        due = quiet.next_morning(turn.now)
    key = f"snooze:{row.id}:{dates.occurrence_key(due)}"
    if not await turn.store.reminders.exists(key):
        await turn.store.reminders.add(
            NewReminder(
                turn.clinician.id, row.kind, due, dedupe_key=key, subject_id=row.subject_id
            ),
            row.text,
            turn.now,
        )
    turn.say("reminder.tap.snoozed", when=_when(turn, due))


async def _turn_off(turn: Turn, kind: str) -> None:
    off = set(turn.clinician.reminders_off or [])
    off.add(kind)
    turn.clinician.reminders_off = sorted(off)  # a new list, so the JSON column sees a change
    await turn.store.reminders.cancel_pending(kinds=[kind])
    turn.say("reminder.tap.turned_off", kind=turn.words(f"reminder.kind.{kind}"))


# --- /settings -------------------------------------------------------------------------------


async def settings_command(turn: Turn) -> None:
    args = [a.casefold() for a in turn.event.args]
    if not args:
        _show_settings(turn)
        return
    what, value = args[0], " ".join(args[1:])
    if what == "digest":
        clock = parse_clock(value)
        if clock is None:
            turn.say("settings.bad_time")
            return
        turn.clinician.digest_time = clock_text(clock)
        turn.say("settings.digest_set", time=turn.clinician.digest_time)
    elif what == "quiet":
        start, _, end = value.replace("–", "-").replace(" ", "").partition("-")
        start_clock, end_clock = parse_clock(start), parse_clock(end)
        if start_clock is None or end_clock is None:
            turn.say("settings.bad_quiet")
            return
        turn.clinician.quiet_start = clock_text(start_clock)
        turn.clinician.quiet_end = clock_text(end_clock)
        turn.say(
            "settings.quiet_set", start=turn.clinician.quiet_start, end=turn.clinician.quiet_end
        )
    elif what == "nudge":
        hours = whole_number(value)
        if hours is None or not 1 <= hours <= MAX_NUDGE_HOURS:
            turn.say("settings.bad_hours")
            return
        turn.clinician.nudge_hours = hours
        turn.say("settings.nudge_set", hours=turn.clinician.nudge_hours)
    elif what in ("timezone", "zone"):
        zone = match_zone(value)
        if zone is None:
            turn.say("onboarding.bad_timezone", buttons=zone_buttons())
            return
        set_zone(turn, zone)
    else:
        turn.say("settings.unknown")
        return
    await plan_clinician(turn.store, turn.now)


def _show_settings(turn: Turn) -> None:
    clinician = turn.clinician
    off = set(clinician.reminders_off or [])

    def state(kind: str) -> str:
        return turn.words("settings.off" if kind in off else "settings.on")

    toggles = [
        [
            Button(
                turn.words(
                    "settings.toggle_on" if kind in off else "settings.toggle_off",
                    kind=turn.words(f"reminder.kind.{kind}"),
                ),
                f"settings:toggle:{kind}",
            )
        ]
        for kind in PLANNED_KINDS
    ]
    turn.say(
        "settings.show",
        zone=clinician.timezone,
        digest=state("digest"),
        digest_time=clinician.digest_time,
        nudge=state("nudge"),
        nudge_hours=clinician.nudge_hours,
        review=state("review"),
        quiet_start=clinician.quiet_start,
        quiet_end=clinician.quiet_end,
        buttons=toggles,
    )


async def on_settings_button(turn: Turn, action: str, kind: str) -> None:
    if action != "toggle" or kind not in PLANNED_KINDS:
        turn.say("input.stale_button")
        return
    off = set(turn.clinician.reminders_off or [])
    off.symmetric_difference_update({kind})
    turn.clinician.reminders_off = sorted(off)
    await plan_clinician(turn.store, turn.now)
    _show_settings(turn)


ROUTES = Routes(
    commands={"remind": remind_command, "settings": settings_command},
    buttons={"remind": on_button, "settings": on_settings_button},
    modes={RemindMode.CONFIRM: on_confirm_text},
)
