"""`/lock`: a PIN between a phone left unattended and the clinical record.

/lock (no PIN yet) ──► lock.new_pin ──(4-8 digits)──► lock.confirm_pin ──(the same)──► locked
/lock ──► locked                /lock change ──► lock.new_pin ──► lock.confirm_pin ──► changed
/lock remove ──► no PIN, no lock
locked ──(anything)──► held, "enter your PIN" ──(the PIN)──► unlocked, the conversation where
it was, and what was held handled in order (held.py)

With a PIN set, the chat also locks itself after WAYFINDER_LOCK_AFTER_MINUTES without a
message. While locked, the engine hands every event here first (`holds_turn`) and nothing else
runs. Every message that may hold a PIN is deleted from the chat. Five wrong PINs in a row
block tries for 15 minutes; a forgotten PIN is cleared with `wayfinder reset-pin USER_ID`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.dialogue import held
from bot.dialogue.modes import IDLE, Mode
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared import dates
from storage.models import Clinician
from storage.pins import PIN_PATTERN, pin_matches, pin_verifier


class LockMode(Mode):
    NEW_PIN = "lock.new_pin"
    CONFIRM_PIN = "lock.confirm_pin"


MAX_WRONG_PINS = 5
WAIT_AFTER_WRONG_PINS = timedelta(minutes=15)
# How stale the last-seen time may get before it is written again: auto-lock counts in minutes,
# and writing it on every turn would cost every turn an UPDATE.
SEEN_GRANULARITY = timedelta(minutes=1)


async def lock_command(turn: Turn) -> None:
    clinician = turn.clinician
    choice = turn.event.args[0].casefold() if turn.event.args else ""
    if choice == "remove":
        if clinician.pin_verifier is None:
            turn.say("lock.no_pin")
            return
        clinician.pin_verifier, clinician.locked = None, False
        turn.say("lock.removed")
    elif choice == "change" or (not choice and clinician.pin_verifier is None):
        first_time = clinician.pin_verifier is None
        turn.goto(LockMode.NEW_PIN, then_lock=first_time)
        turn.say("lock.ask_first_pin" if first_time else "lock.ask_new_pin")
    elif not choice:
        clinician.locked = True
        turn.say("lock.locked_now")
    else:
        turn.say("lock.usage")


async def on_new_pin(turn: Turn) -> None:
    pin = turn.event.text.strip()
    if not PIN_PATTERN.fullmatch(pin):
        _answer(turn, "lock.bad_pin")
        return
    turn.goto(
        LockMode.CONFIRM_PIN,
        first=pin_verifier(turn.clinician.id, pin),
        then_lock=turn.state.get("then_lock", False),
    )
    _answer(turn, "lock.ask_confirm")


async def on_confirm_pin(turn: Turn) -> None:
    state, clinician = turn.state, turn.clinician
    if not pin_matches(clinician.id, turn.event.text.strip(), state.get("first")):
        turn.goto(LockMode.NEW_PIN, then_lock=state.get("then_lock", False))
        _answer(turn, "lock.mismatch")
        return
    clinician.pin_verifier = state["first"]
    clinician.last_seen_at = turn.now
    turn.goto(IDLE)
    if state.get("then_lock"):
        clinician.locked = True
        _answer(turn, "lock.set_and_locked", minutes=turn.services.settings.lock_after_minutes)
        if waiting := await held.waiting(turn):  # held before `wayfinder reset-pin`
            turn.say("lock.held.from_before", count=waiting)
    else:
        _answer(turn, "lock.changed")


def is_locked(clinician: Clinician, now: datetime, lock_after_minutes: int) -> bool:
    """Locked, or due to lock itself for being idle (a voice message is then not transcribed)."""
    return clinician.pin_verifier is not None and (
        clinician.locked or _idle_too_long(clinician, now, lock_after_minutes)
    )


def _idle_too_long(clinician: Clinician, now: datetime, lock_after_minutes: int) -> bool:
    seen = clinician.last_seen_at
    return lock_after_minutes > 0 and seen is not None and now - seen >= timedelta(
        minutes=lock_after_minutes
    )


async def holds_turn(turn: Turn) -> bool:
    """True when the lock takes this turn: the chat is locked, or locks now for being idle."""
    clinician, now = turn.clinician, turn.now
    if clinician.pin_verifier is None:
        return False
    limit = turn.services.settings.lock_after_minutes
    locks_now = not clinician.locked and _idle_too_long(clinician, now, limit)
    if clinician.last_seen_at is None or now - clinician.last_seen_at >= SEEN_GRANULARITY:
        clinician.last_seen_at = now
    if locks_now:
        clinician.locked = True
        if not _pin_shaped(turn):  # a PIN sent just as the chat locks itself is tried below
            await _hold(turn, turn.words("lock.locked_idle", minutes=limit))
            return True
    if not clinician.locked:
        return False
    await _try_pin(turn)
    return True  # the PIN, right or wrong, goes no further


async def _try_pin(turn: Turn) -> None:
    clinician, now = turn.clinician, turn.now
    typed, a_pin = turn.event.text.strip(), _pin_shaped(turn)
    waits = clinician.pin_retry_at is not None and now < clinician.pin_retry_at
    if not a_pin:
        why = "lock.wait" if waits else "lock.locked"
        until = waits and dates.clock(turn.local(clinician.pin_retry_at))
        await _hold(turn, turn.words(why, until=until))
    elif waits:
        _answer(turn, "lock.wait", until=dates.clock(turn.local(clinician.pin_retry_at)))
    elif pin_matches(clinician.id, typed, clinician.pin_verifier):
        clinician.locked, clinician.pin_failures, clinician.pin_retry_at = False, 0, None
        await turn.store.audit.record("unlock", now, "chat")
        _answer(turn, "lock.unlocked")
        await held.handle_all(turn)
    else:
        await turn.store.audit.record("failed_access", now, "pin")
        _wrong_pin(turn)


def _pin_shaped(turn: Turn) -> bool:
    event = turn.event
    return event.kind == "text" and PIN_PATTERN.fullmatch(event.text.strip()) is not None


async def _hold(turn: Turn, why_locked: str) -> None:
    """One answer: the chat is locked (and why), and what became of the message."""
    outcome = await held.hold(turn)
    turn.reply(f"{why_locked} {turn.words(outcome, limit=held.MAX_HELD)}")


def _wrong_pin(turn: Turn) -> None:
    clinician = turn.clinician
    if clinician.pin_failures + 1 >= MAX_WRONG_PINS:
        clinician.pin_failures, clinician.pin_retry_at = 0, turn.now + WAIT_AFTER_WRONG_PINS
        _answer(turn, "lock.too_many", until=dates.clock(turn.local(clinician.pin_retry_at)))
    else:
        clinician.pin_failures += 1
        _answer(turn, "lock.wrong", left=MAX_WRONG_PINS - clinician.pin_failures)


def _answer(turn: Turn, key: str, *, forget: bool = True, **values: object) -> None:
    """A reply to a message that may hold a PIN, which is deleted from the chat."""
    reply = turn.say(key, **values)
    if forget:
        reply.forget_message = turn.event.message_id


ROUTES = Routes(
    commands={"lock": lock_command},
    modes={LockMode.NEW_PIN: on_new_pin, LockMode.CONFIRM_PIN: on_confirm_pin},
)
