"""`/start`: the clinician's time zone (buttons for common ones, or any IANA name typed).

/start ──► onboarding.timezone ──(button or typed zone)──► onboarded, idle
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.dialogue.modes import IDLE, Mode
from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared import dates
from bot.shared.events import Button


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


def _zone_buttons() -> list[list[Button]]:
    row = [
        Button(zone.split("/")[-1].replace("_", " "), f"onboard:tz:{zone}") for zone in COMMON_ZONES
    ]
    return [row[i : i + 2] for i in range(0, len(row), 2)]


def _match_zone(text: str) -> str | None:
    wanted = text.strip().replace(" ", "_")
    if not wanted:
        return None
    lowered = {zone.casefold(): zone for zone in available_timezones()}
    exact = lowered.get(wanted.casefold())
    if exact:
        return exact
    # "Kolkata" or "new york" without the region: accept when exactly one zone ends that way.
    endings = [z for key, z in lowered.items() if key.endswith("/" + wanted.casefold())]
    return endings[0] if len(endings) == 1 else None


async def start_command(turn: Turn) -> None:
    key = "onboarding.welcome_back" if turn.clinician.onboarded else "onboarding.welcome"
    turn.say(key, zone=turn.clinician.timezone)
    turn.goto(OnboardingMode.TIMEZONE)
    turn.say("onboarding.ask_timezone", buttons=_zone_buttons())


def _set_zone(turn: Turn, zone: str) -> None:
    ZoneInfo(zone)  # proves the zone exists before it is stored
    turn.clinician.timezone = zone
    turn.clinician.onboarded = True
    turn.goto(IDLE)
    local = dates.clock(turn.local(turn.now))
    turn.say("onboarding.done", zone=zone, local=local, digest=turn.clinician.digest_time)


async def on_timezone_text(turn: Turn) -> None:
    zone = _match_zone(turn.event.text)
    if zone is None:
        turn.say("onboarding.bad_timezone", buttons=_zone_buttons())
        return
    _set_zone(turn, zone)


async def on_button(turn: Turn, action: str, zone: str) -> None:
    try:
        _set_zone(turn, zone)
    except (ZoneInfoNotFoundError, ValueError):
        turn.say("onboarding.bad_timezone", buttons=_zone_buttons())


ROUTES = Routes(
    commands={"start": start_command},
    buttons={"onboard": on_button},
    modes={OnboardingMode.TIMEZONE: on_timezone_text},
)
