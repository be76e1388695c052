"""What the bot stored, read back for tests' assertions through the store's own repositories,
and records set up directly (a plan given to a client) where a test is not about how they come.
"""

from __future__ import annotations

from nlp import planfile
from storage.clients import Clients
from storage.models import Clinician, Plan, PlanVersion
from storage.plans import Plans
from tests.conftest import CLINICIAN


async def client_plan(
    services, code: str = "A.B.", clinician_id: int = CLINICIAN
) -> tuple[Plan, planfile.Plan] | None:
    """The client's plan row and current version, or None (no such client, or no plan)."""
    async with services.database.transaction() as session:
        client = await Clients(session, clinician_id).find(code)
        opened = await Plans(session, clinician_id).current(client.id) if client else None
        return None if opened is None else (opened.row, opened.plan)


async def plan_versions(
    services, code: str = "A.B.", clinician_id: int = CLINICIAN
) -> list[PlanVersion]:
    """Every stored version of the client's plan, oldest first."""
    async with services.database.transaction() as session:
        client = await Clients(session, clinician_id).find(code)
        plans = Plans(session, clinician_id)
        return await plans.versions((await plans.row_for_client(client.id)).id)


async def give_plan(
    services,
    code: str,
    plan: planfile.Plan,
    change: str = "imported",
    clinician_id: int = CLINICIAN,
) -> str:
    """Stores `plan` as the client's next version (the client created if new); its client id."""
    now = services.clock.now()
    async with services.database.transaction() as session:
        client = await Clients(session, clinician_id).get_or_create(code, now)
        await Plans(session, clinician_id).save_version(client.id, plan, change, now)
        return client.id


async def client_codes(services, clinician_id: int = CLINICIAN) -> list[str]:
    """The codes of every client the clinician has, most recently used first."""
    async with services.database.transaction() as session:
        return [client.code for client in await Clients(session, clinician_id).recent(limit=100)]


async def clinician_zone(services, clinician_id: int = CLINICIAN) -> str:
    async with services.database.transaction() as session:
        return (await session.get(Clinician, clinician_id)).timezone
