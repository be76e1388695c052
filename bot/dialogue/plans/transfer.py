"""Plan files in and out: import a YAML plan (a document in the chat, or `wayfinder plan import`)
and export the current version as YAML (a button, or `wayfinder plan export`).

Import is all or nothing: the file is parsed and validated whole before anything is stored, so a
bad file leaves no half plan. An imported plan for a client who already has one becomes its
next version; the earlier versions stay in the history. An objective id the file words
differently counts as a new objective until the clinician answers "same objective, reworded, or
a new one?" (identity.py; `wayfinder plan import` asks for --same or --new instead). Exported
file names carry no client code (a code is client information).

The file's `client:` never decides alone: a file for another client than the one the clinician
is on asks whose plan it is (for the file's client, for the one they are on, or cancel), and
a file that would replace a client's different current plan asks first, naming the version
(`wayfinder plan import` refuses without --replace).

document for A.B. while on G.H. ──► plan.import: [for A.B.] [for G.H.] [cancel]
for X, X has another plan ──► plan.import: [replace version N] [cancel] ──► imported
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import PurePath
from zoneinfo import ZoneInfo

from bot.dialogue.plans import identity
from bot.dialogue.plans.modes import PlanMode
from bot.dialogue.plans.show import show_plan
from bot.dialogue.turn import Turn
from bot.shared.events import Document
from bot.shared.wording import Wording
from nlp import planfile
from storage.models import Client, Clinician, PlanVersion
from storage.plans import OpenPlan
from storage.store import Store

PLAN_MODES = frozenset(PlanMode)
PLAN_SUFFIXES = (".yaml", ".yml", ".txt")
PLAN_MIME_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


@dataclass
class Imported:
    client: Client
    version: PlanVersion
    plan: planfile.Plan
    review_defaulted: bool  # the file had no review date, so the clinician's default was used
    reworded: dict[str, tuple[str, str]]  # ids worded differently from before: (was, now)


def clinician_today(clinician: Clinician, now: datetime) -> date:
    return now.astimezone(ZoneInfo(clinician.timezone)).date()


def read_plan_file(clinician: Clinician, data: bytes | str, now: datetime) -> tuple[
    planfile.Plan, bool
]:
    """The validated plan, and whether its review date is the clinician's default (the file
    had none); raises PlanFileError."""
    today = clinician_today(clinician, now)
    plan = planfile.parse_plan(data, today=today)
    if plan.review_due is not None:
        return plan, False
    return replace(plan, review_due=today + timedelta(days=clinician.review_days)), True


async def reworded_ids(store: Store, plan: planfile.Plan) -> dict[str, tuple[str, str]]:
    """Objective ids the client's current plan words differently: id -> (was, now)."""
    client = await store.clients.find(plan.client)
    current = await store.plans.current(client.id) if client else None
    if current is None:
        return {}
    return {
        objective_id: (current.plan.objective(objective_id).text, plan.objective(objective_id).text)
        for objective_id in await store.plans.reworded(client.id, plan)
    }


async def import_plan(
    store: Store,
    words: Wording,
    data: bytes | str,
    now: datetime,
    decisions: dict[str, str] | None = None,
    client_code: str | None = None,
) -> Imported:
    """Parses, validates and stores a plan file; raises PlanFileError, storing nothing.

    `decisions`: identity.SAME or NEW per reworded id; an undecided one is a new objective.
    `client_code`: whose plan it is, when not the file's `client:`."""
    plan, defaulted = read_plan_file(store.clinician, data, now)
    if client_code is not None:
        plan = replace(plan, client=client_code)
    reworded = await reworded_ids(store, plan)
    client = await store.clients.get_or_create(plan.client, now)
    stored = await store.plans.save_version(
        client.id, plan, words("plan.change.imported"), now, decisions
    )
    return Imported(client, stored, plan, defaulted, reworded)


async def replaced_by(store: Store, plan: planfile.Plan) -> OpenPlan | None:
    """The client's current plan that importing `plan` would replace; None when there is none or
    it is the same plan."""
    client = await store.clients.find(plan.client)
    current = await store.plans.current(client.id) if client else None
    return None if current is None or current.plan == plan else current


def export_file(plan: planfile.Plan, number: int) -> tuple[str, bytes]:
    return f"treatment-plan-v{number}.yaml", planfile.dump_plan(plan).encode("utf-8")


def looks_like_plan_file(document: Document) -> bool:
    suffix = PurePath(document.filename or "").suffix.lower()
    return suffix in PLAN_SUFFIXES or (document.mime_type or "").lower() in PLAN_MIME_TYPES


async def on_document(turn: Turn) -> None:
    """A document in the chat is a plan to import; anything else gets a short refusal."""
    document = turn.event.document
    if document is None or not looks_like_plan_file(document):
        turn.say("plan.import.not_yaml")
        return
    if document.data is None or document.size > planfile.MAX_PLAN_BYTES:
        turn.say("plan.import.too_large")
        return
    try:
        plan, _ = read_plan_file(turn.clinician, document.data, turn.now)
        text = document.data.decode("utf-8")
    except (planfile.PlanFileError, UnicodeDecodeError) as problem:
        turn.say("plan.import.rejected", problem=str(problem))
        return
    here = await _working_on(turn)
    if here is not None and here.code != plan.client:
        turn.step_aside(PlanMode.IMPORT, file=text, file_client=plan.client, here=here.code)
        turn.say(
            "plan.import.whose",
            file_client=plan.client,
            here=here.code,
            buttons=[
                [turn.button("plan.import.button.for", "plan:imp:file", client=plan.client)],
                [turn.button("plan.import.button.for", "plan:imp:here", client=here.code)],
                [turn.button("plan.import.button.cancel", "plan:imp:cancel")],
            ],
        )
        return
    await _import_for(turn, text, plan.client)


async def _working_on(turn: Turn) -> Client | None:
    """The client whose plan the clinician is on: the plan flow's, else the last one used."""
    client_id = turn.state.get("client_id") if turn.mode in PLAN_MODES else None
    if client_id is not None:
        return await turn.store.clients.own(client_id)
    recent = await turn.store.clients.recent(1)
    return recent[0] if recent else None


async def _import_for(turn: Turn, text: str, code: str, *, replacing: bool = False) -> None:
    """Imports the file as `code`'s plan; asks first when it would replace a different plan."""
    plan, _ = read_plan_file(turn.clinician, text, turn.now)
    current = await replaced_by(turn.store, replace(plan, client=code))
    if current is not None and not replacing:
        number = current.row.current_version
        turn.step_aside(PlanMode.IMPORT, file=text, client=code)
        turn.say(
            "plan.import.replace",
            client=code,
            number=number,
            saved=turn.local(current.row.updated_at).date().isoformat(),
            buttons=[
                [turn.button("plan.import.button.replace", "plan:imp:replace", number=number)],
                [turn.button("plan.import.button.cancel", "plan:imp:cancel")],
            ],
        )
        return
    try:
        imported = await import_plan(
            turn.store, turn.services.wording, text, turn.now, client_code=code
        )
    except planfile.PlanFileError as problem:
        turn.say("plan.import.rejected", problem=str(problem))
        return
    key = "plan.import.done_defaulted" if imported.review_defaulted else "plan.import.done"
    turn.say(key, client=imported.client.code, number=imported.version.number)
    show_plan(turn, await turn.store.plans.current(imported.client.id))
    identity.ask_after_import(turn, imported.version.id, imported.reworded)


async def on_import_button(turn: Turn, action: str) -> None:
    """`plan:imp:file|here|replace|cancel`, answering plan.import's question."""
    if turn.mode != PlanMode.IMPORT or action not in ("file", "here", "replace", "cancel"):
        turn.say("input.stale_button")
        return
    asked = turn.step_back()
    if action == "cancel":
        turn.say("plan.import.cancelled")
    elif action == "replace":
        await _import_for(turn, asked["file"], asked["client"], replacing=True)
    else:
        code = asked["file_client"] if action == "file" else asked["here"]
        await _import_for(turn, asked["file"], code)


async def on_import_text(turn: Turn) -> None:
    """Text where whose plan (or a replacement) was asked: the file is left, said so, and the
    text goes where it would have gone."""
    turn.step_back()
    turn.say("plan.import.left")
    await turn.route_text(turn)


def send_export(turn: Turn, opened: OpenPlan) -> None:
    name, content = export_file(opened.plan, opened.row.current_version)
    turn.reply(
        turn.words(
            "plan.export.sent", client=opened.client.code, number=opened.row.current_version
        ),
        file=(name, content),
    )
