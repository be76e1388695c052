"""The clinician's time zone: UTC until they name one, asked once, never in the way.

first message, whatever it is ──► handled as usual, then one line: times are in UTC for now
/start ──► onboarding.timezone ──(zone tapped or typed)──► set; back where they were
                  └──(anything else)──► back where they were; the text goes there, zone kept
/settings timezone NAME ──► set (bot/dialogue/reminders.py)

A zone is named as people say it: "Eastern", "PST", "London" (prompts/timezones.toml, each
meaning a zone with its daylight saving), an IANA name, or a zone's city ("Kolkata").
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, available_timezones

from bot.dialogue.modes import Mode
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared import dates
from bot.shared.events import Button
from bot.shared.vocabulary import as_typed, meanings


class OnboardingMode(Mode):
    TIMEZONE = "onboarding.timezone"


COMMON_ZONES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Australia/Sydney",
)


def zone_buttons() -> list[list[Button]]:
    row = [
        Button(zone.split("/")[-1].replace("_", " "), f"onboard:tz:{zone}") for zone in COMMON_ZONES
    ]
    return [row[i : i + 2] for i in range(0, len(row), 2)]


def match_zone(text: str) -> str | None:
    """The IANA zone a typed name means, or None when it names no zone."""
    typed = as_typed(text)
    named = meanings("timezones").get(typed)
    if named:
        return named
    wanted = typed.replace(" ", "_")
    if not wanted:
        return None
    lowered = {zone.casefold(): zone for zone in available_timezones()}
    exact = lowered.get(wanted)
    if exact:
        return exact
    # "Kolkata" or "new york" without the region: accept when exactly one zone ends that way.
    endings = [z for key, z in lowered.items() if key.endswith("/" + wanted)]
    return endings[0] if len(endings) == 1 else None


async def start_command(turn: Turn) -> None:
    key = "onboarding.welcome_back" if turn.clinician.onboarded else "onboarding.welcome"
    turn.say(key, zone=turn.clinician.timezone)
    turn.clinician.onboarded = True  # asked: from now on the zone is theirs to change, not ours
    turn.step_aside(OnboardingMode.TIMEZONE)
    turn.say("onboarding.ask_timezone", buttons=zone_buttons())


def after_first_turn(turn: Turn) -> None:
    """A clinician whose first message was not /start: it was handled; now the one line
    about the time zone, never asked again."""
    turn.clinician.onboarded = True
    turn.say("onboarding.zone_default", zone=turn.clinician.timezone)


def set_zone(turn: Turn, zone: str) -> None:
    ZoneInfo(zone)  # proves the zone exists before it is stored
    turn.clinician.timezone = zone
    turn.clinician.onboarded = True
    local = dates.clock(turn.local(turn.now))
    turn.say("onboarding.done", zone=zone, local=local, digest=turn.clinician.digest_time)


async def on_timezone_text(turn: Turn) -> None:
    zone = match_zone(turn.event.text)
    turn.step_back()
    if zone is None:
        turn.say("onboarding.zone_kept", zone=turn.clinician.timezone)
        await turn.route_text(turn)
        return
    set_zone(turn, zone)


async def on_button(turn: Turn, action: str, zone: str) -> None:
    if action != "tz" or zone not in COMMON_ZONES:
        turn.say("input.stale_button")
        return
    if turn.mode == OnboardingMode.TIMEZONE:
        turn.step_back()
    set_zone(turn, zone)


ROUTES = Routes(
    commands={"start": start_command},
    buttons={"onboard": on_button},
    modes={OnboardingMode.TIMEZONE: on_timezone_text},
)
