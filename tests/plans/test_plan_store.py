"""Plan storage: versions, the current plan, history, review queries, encryption; SQLite and
PostgreSQL (when WAYFINDER_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from nlp.planfile import parse_plan, plan_from_dict, plan_to_dict
from storage.clients import Clients
from storage.models import Client, Clinician, LearnedKeyword, Note, PlanVersion
from storage.notes import Notes
from storage.plans import Plans, plans_due_for_review, read_version
from tests.conftest import CLINICIAN

OTHER_CLINICIAN = 2002


async def _setup(services, codes=("A.B.",)):
    now = services.clock.now()
    async with services.database.transaction() as session:
        for clinician_id in (CLINICIAN, OTHER_CLINICIAN):
            session.add(Clinician(id=clinician_id, created_at=now, reminders_off=[]))
        await session.flush()
        clients = [await Clients(session, CLINICIAN).get_or_create(code, now) for code in codes]
    return [client.id for client in clients]


async def _save(services, client_id, plan, change, clinician_id=CLINICIAN):
    async with services.database.transaction() as session:
        return await Plans(session, clinician_id).save_version(
            client_id, plan, change, services.clock.now()
        )


async def test_every_change_is_a_new_version_and_old_ones_stay_readable(
    store_services, sample_plan
):
    services = store_services
    (client_id,) = await _setup(services)
    first = parse_plan(sample_plan)
    body = plan_to_dict(first)
    body["problems"][0]["goals"][0]["objectives"][1]["status"] = "met"
    second = plan_from_dict(body)

    v1 = await _save(services, client_id, first, "imported")
    services.clock.advance(days=3)
    v2 = await _save(services, client_id, second, "objective O2 met")
    assert (v1.number, v2.number) == (1, 2)

    async with services.database.transaction() as session:
        plans = Plans(session, CLINICIAN)
        opened = await plans.current(client_id)
        row, current = opened.row, opened.plan
        assert row.current_version == 2
        assert current.objective("O2").status == "met"
        history = await plans.versions(row.id)
        assert [(v.number, v.change) for v in history] == [(1, "imported"), (2, "objective O2 met")]
        assert read_version(history[0]) == first
        assert read_version(history[1]) == second
        assert await plans.current_version_id(client_id) == v2.id


async def test_a_note_keeps_the_version_current_when_it_was_written(store_services, sample_plan):
    services = store_services
    (client_id,) = await _setup(services)
    v1 = await _save(services, client_id, parse_plan(sample_plan), "imported")
    async with services.database.transaction() as session:
        note = await Notes(session, CLINICIAN).start(
            await session.get(Client, client_id),
            "soap",
            services.clock.now(),
            plan_version_id=await Plans(session, CLINICIAN).current_version_id(client_id),
        )
    await _save(services, client_id, parse_plan(sample_plan), "review")
    async with services.database.transaction() as session:
        stored = await session.get(Note, note.id)
        assert stored.plan_version_id == v1.id
        assert await Plans(session, CLINICIAN).current_version_id(client_id) != v1.id


async def test_plans_due_for_review_before_a_date(store_services, sample_plan):
    services = store_services
    ids = await _setup(services, codes=("A.B.", "C.D.", "E.F.", "G.H."))
    plan = parse_plan(sample_plan)
    dues = [date(2027, 1, 10), date(2026, 12, 20), date(2027, 3, 1), None]
    for client_id, due in zip(ids, dues, strict=True):
        await _save(services, client_id, replace(plan, review_due=due), "imported")
    async with services.database.transaction() as session:
        other = await Clients(session, OTHER_CLINICIAN).get_or_create("X.Y.", services.clock.now())
    await _save(
        services, other.id, replace(plan, review_due=date(2026, 12, 1)), "imported", OTHER_CLINICIAN
    )

    async with services.database.transaction() as session:
        mine = await Plans(session, CLINICIAN).due_for_review(date(2027, 1, 10))
        everyone = await plans_due_for_review(session, date(2027, 1, 11))
    assert [p.client_id for p in mine] == [ids[1]]  # strictly before; soonest first
    assert [p.review_due for p in everyone] == [
        date(2026, 12, 1),
        date(2026, 12, 20),
        date(2027, 1, 10),
    ]


async def test_a_later_version_moves_the_review_date(store_services, sample_plan):
    services = store_services
    (client_id,) = await _setup(services)
    plan = parse_plan(sample_plan)
    await _save(services, client_id, plan, "imported")
    await _save(services, client_id, replace(plan, review_due=date(2027, 5, 1)), "review")
    async with services.database.transaction() as session:
        assert await plans_due_for_review(session, date(2027, 3, 1)) == []
        assert len(await plans_due_for_review(session, date(2027, 5, 2))) == 1


async def test_plan_text_is_encrypted_at_rest(store_services, sample_plan):
    services = store_services
    (client_id,) = await _setup(services)
    await _save(services, client_id, parse_plan(sample_plan), "imported")
    async with services.database.transaction() as session:
        raw = (await session.execute(select(PlanVersion.body_sealed))).scalar_one()
    # Whole JSON strings: two bytes ("O1") turn up in random ciphertext about once in sixty runs.
    assert b"Panic" not in raw and b"A.B." not in raw and b'"O1"' not in raw


async def test_another_clinicians_plan_cannot_be_versioned(store_services, sample_plan):
    services = store_services
    (client_id,) = await _setup(services)
    await _save(services, client_id, parse_plan(sample_plan), "imported")
    with pytest.raises(PermissionError):
        await _save(services, client_id, parse_plan(sample_plan), "x", OTHER_CLINICIAN)


async def test_two_writers_cannot_both_make_version_two(store_services, sample_plan):
    services = store_services
    (client_id,) = await _setup(services)
    plan = parse_plan(sample_plan)
    v1 = await _save(services, client_id, plan, "imported")
    with pytest.raises(IntegrityError):
        async with services.database.transaction() as session:
            session.add(
                PlanVersion(
                    plan_id=v1.plan_id,
                    number=1,
                    body=plan_to_dict(plan),
                    change="racing writer",
                    created_at=services.clock.now(),
                )
            )


async def test_learned_keywords_are_kept_per_objective_without_repeats(store_services, sample_plan):
    services = store_services
    (client_id,) = await _setup(services)
    await _save(services, client_id, parse_plan(sample_plan), "imported")
    now = services.clock.now()
    async with services.database.transaction() as session:
        plans = Plans(session, CLINICIAN)
        row = await plans.row_for_client(client_id)
        assert await plans.learn_keyword(row, "O1", "belly  breathing", now)
        assert not await plans.learn_keyword(row, "O1", "Belly breathing", now)
        assert await plans.learn_keyword(row, "O3", "shut-eye", now)
        with pytest.raises(ValueError):
            await plans.learn_keyword(row, "O3", "  ", now)
    async with services.database.transaction() as session:
        learned = await Plans(session, CLINICIAN).learned_keywords(row.id)
        raw = (await session.execute(select(LearnedKeyword.keyword_sealed))).scalars().all()
    assert learned == {"O1": ["belly breathing"], "O3": ["shut-eye"]}
    assert all(b"belly" not in blob and b"shut" not in blob for blob in raw)


async def _identity_maps(services, client_id) -> list[dict[str, str]]:
    async with services.database.transaction() as session:
        plans = Plans(session, CLINICIAN)
        row = (await plans.current(client_id)).row
        return list((await plans.identities(row.id)).values())


def _reworded(plan, objective_id: str, text: str):
    body = plan_to_dict(plan)
    for problem in body["problems"]:
        for goal in problem["goals"]:
            for objective in goal["objectives"]:
                if objective["id"] == objective_id:
                    objective["text"] = text
    return plan_from_dict(body)


async def test_objective_identity_follows_the_wording_and_the_clinicians_answer(
    store_services, sample_plan
):
    services = store_services
    (client_id,) = await _setup(services)
    first = parse_plan(sample_plan)
    await _save(services, client_id, first, "imported")
    spaced = _reworded(first, "O1", "  practice diaphragmatic  breathing at least 5 days per week")
    await _save(services, client_id, spaced, "imported")  # case and spacing: the same
    yoga = _reworded(spaced, "O1", "Attend a weekly yoga class")
    await _save(services, client_id, yoga, "imported")  # no answer: a new objective
    async with services.database.transaction() as session:
        plans = Plans(session, CLINICIAN)
        await plans.save_version(  # said to be the same objective, reworded
            client_id, _reworded(yoga, "O2", "At most one panic attack a month"), "edited O2",
            services.clock.now(), {"O2": "same"},
        )
    maps = await _identity_maps(services, client_id)
    assert [m["O1"] for m in maps] == ["1:O1", "1:O1", "3:O1", "3:O1"]
    assert [m["O2"] for m in maps] == ["1:O2"] * 4


async def test_versions_stored_before_identities_get_them_from_the_wording(
    store_services, sample_plan
):
    services = store_services
    (client_id,) = await _setup(services)
    first = parse_plan(sample_plan)
    await _save(services, client_id, first, "imported")
    await _save(services, client_id, _reworded(first, "O3", "Sleep 8 hours"), "imported")
    async with services.database.transaction() as session:
        for stored in await session.scalars(select(PlanVersion)):
            stored.objective_identity = None  # as migration 0005 leaves older versions
    maps = await _identity_maps(services, client_id)
    assert maps == [
        {"O1": "1:O1", "O2": "1:O2", "O3": "1:O3"},
        {"O1": "1:O1", "O2": "1:O2", "O3": "2:O3"},
    ]
