"""Helpers for reminder tests: clinicians, drafts, plans and a send() that records messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.reminders.dispatcher import Dispatcher
from bot.reminders.planner import plan_everyone
from bot.shared.events import Reply
from bot.shared.services import Services
from nlp.planfile import parse_plan
from storage.clients import Clients
from storage.models import Clinician, Reminder
from storage.notes import Notes, append_entry
from tests.conftest import CLINICIAN
from tests.support.stored import give_plan


@dataclass
class Outbox:
    """A transport stand-in: records (clinician_id, reply); can fail on purpose."""

    sent: list[tuple[int, Reply]] = field(default_factory=list)
    failures: list[Exception] = field(default_factory=list)  # raised first, one per call

    async def __call__(self, clinician_id: int, reply: Reply) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((clinician_id, reply))

    def texts(self) -> list[str]:
        return [reply.text for _, reply in self.sent]


async def add_clinician(services: Services, zone: str, clinician_id: int = CLINICIAN, **extra):
    async with services.database.transaction() as session:
        session.add(
            Clinician(
                id=clinician_id,
                timezone=zone,
                created_at=services.clock.now(),
                **{"onboarded": True, "reminders_off": [], **extra},
            )
        )


async def add_draft(services: Services, code: str = "A.B.", clinician_id: int = CLINICIAN):
    now = services.clock.now()
    async with services.database.transaction() as session:
        client = await Clients(session, clinician_id).get_or_create(code, now)
        note = await Notes(session, clinician_id).start(client, "soap", now)
        append_entry(note, "subjective", "Slept badly all week.", None, now)
        return note.id


PLAN_YAML = """
client: "{code}"
review_due: {review_due}
problems:
  - id: P1
    statement: "Panic attacks; poor sleep"
    goals:
      - id: G1
        text: "Fewer panic attacks, better sleep"
        objectives:
          - id: O1
            text: "Practice diaphragmatic breathing at least 5 days per week"
            direction: increase
            target_date: 2027-01-15
            keywords: [breathing]
          - id: O2
            text: "Sleep at least 7 hours on most nights"
            direction: increase
"""


async def add_plan(
    services: Services, code: str, review_due: date, clinician_id: int = CLINICIAN
) -> str:
    plan = parse_plan(PLAN_YAML.format(code=code, review_due=review_due.isoformat()))
    return await give_plan(services, code, plan, "created", clinician_id)


async def cycle(services: Services, dispatcher: Dispatcher):
    """What the scheduler does each tick: plan, then dispatch."""
    await plan_everyone(services.database, services.clock.now())
    return await dispatcher.tick()


async def rows(services: Services, **where) -> list[Reminder]:
    from sqlalchemy import select

    async with services.database.transaction() as session:
        query = select(Reminder).order_by(Reminder.due_at)
        for name, value in where.items():
            query = query.where(getattr(Reminder, name) == value)
        return list(await session.scalars(query))
