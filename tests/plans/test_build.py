"""The guided plan build through the dialogue: questions in order, buttons and typed answers,
"back", "done", "cancel", bad dates, the self-check, and a restart in the middle."""

from __future__ import annotations

from sqlalchemy import select

from bot.dialogue.engine import Dialogue
from storage.models import AuditEvent
from tests.plans.conftest import Talk
from tests.support.stored import client_plan


async def test_full_guided_build_with_buttons_and_typed_answers(talk, services):
    assert "Problem P1" in await talk.say("/plan A.B.")
    assert "Goal G1 for P1" in await talk.say("Panic attacks 4-5 times per week; avoids driving")
    assert "Objective O1 for G1" in await talk.say("Reduce frequency of panic attacks")
    reply = await talk.say("Practice diaphragmatic breathing at least 5 days per week")
    assert "something to increase" in reply
    assert talk.labels()[0] == "Yes, increase ↑"
    assert "Target date for O1" in await talk.press("Yes, increase")
    assert "Another objective for G1 (O2)" in await talk.say("15 Jan 2027")
    assert "something to decrease" in await talk.say("Fewer than one panic attack a week")
    await talk.say("yes")
    await talk.press("Skip")
    assert "Interventions for G1" in await talk.press("Next")
    await talk.say("Teach diaphragmatic breathing and interoceptive exposure (CBT)")
    assert "Another goal for P1 (G2)" in await talk.say("next")
    assert "Another problem (P2)" in await talk.say("next")
    assert "Goal G2 for P2" in await talk.say("Sleeps 4-5 hours a night")
    await talk.say("Restore a regular sleep pattern")
    reply = await talk.say("Feel rested most mornings")
    assert "should this go up" in reply  # no cue in the wording: the bot asks instead
    await talk.say("increase")
    await talk.say("in 8 weeks")
    assert "When should this plan be reviewed? Tap 28 Feb 2027 (in 90 days)" in await talk.say(
        "done"
    )
    assert "(1/3): Does the plan address the client's own goals" in await talk.press("28 Feb 2027")
    assert "strengths" in await talk.press("Yes")
    assert "involved" in await talk.say("No")
    reply = await talk.press("Yes")
    assert "Saved: A.B.'s treatment plan (version 1)" in reply
    assert "strengths ✗ no" in reply  # a "no" stays visible on the plan
    assert "O1 ↑ Practice diaphragmatic breathing" in reply and "by 15 Jan 2027" in reply
    assert "O2 ↓ Fewer than one panic attack a week · active" in reply

    row, plan = await client_plan(services)
    assert row.review_due.isoformat() == "2027-02-28"
    assert [o.id for o in plan.objectives()] == ["O1", "O2", "O3"]
    assert plan.objective("O1").target_date.isoformat() == "2027-01-15"
    assert plan.objective("O2").direction == "decrease"
    assert plan.objective("O2").target_date is None
    assert plan.objective("O3").target_date.isoformat() == "2027-01-25"
    assert plan.problems[0].goals[0].interventions[0].id == "I1"
    assert (plan.self_check.client_goals, plan.self_check.strengths) == (True, False)
    assert plan.self_check.client_involved is True


async def _one_objective(talk):
    await talk.say("/plan C.D.")
    await talk.say("Low mood most days")
    await talk.say("Improve mood")
    await talk.say("Walk 20 minutes on 4 days a week")


async def test_back_takes_the_last_answer_out_and_asks_again(talk):
    await _one_objective(talk)
    reply = await talk.say("back")
    assert 'Took out O1 ("Walk 20 minutes on 4 days a week")' in reply
    assert "Objective O1 for G1" in reply
    reply = await talk.say("back")
    assert "Took out G1" in reply and "Goal G1 for P1" in reply
    assert "Objective O1 for G1" in await talk.say("Lift mood")  # ids reused after an undo
    assert "✓ O1" in await talk.say("Walk daily")
    assert "Target date for O1" in await talk.say("yes")
    assert "I read this as something to increase" in await talk.say("back")  # back to direction


async def test_done_insists_on_an_objective_for_every_goal(talk, services):
    await talk.say("/plan E.F.")
    await talk.say("Drinks 6 beers a night")
    await talk.say("Reduce drinking")
    reply = await talk.say("done")
    assert "G1 needs at least one measurable objective" in reply
    reply = await talk.say("next")
    assert "G1 needs at least one measurable objective" in reply
    assert await client_plan(services, "E.F.") is None


async def test_a_problem_may_wait_without_goals(talk, services):
    await talk.say("/plan G.H.")
    await talk.say("Conflict with partner")
    assert "Another problem (P2)" in await talk.press("Next")
    await talk.say("done")
    await talk.press("28 Feb 2027")
    for _ in range(3):
        await talk.press("Skip")
    row, plan = await client_plan(services, "G.H.")
    assert plan.problems[0].goals == [] and plan.self_check.client_goals is None


async def test_unreadable_and_past_dates_are_asked_again(talk):
    await _one_objective(talk)
    await talk.say("yes")
    assert "couldn't read that as a date" in await talk.say("sometime soon-ish")
    assert "not in the future" in await talk.say("2025-03-01")
    assert "Another objective" in await talk.say("2027-03-01")
    await talk.say("next")
    await talk.say("done")
    assert "not in the future" in await talk.say("yesterday")
    assert "(1/3)" in await talk.say("2027-06-30")


async def test_cancel_keeps_a_draft_plan_that_resumes_at_the_same_question(talk, services):
    await _one_objective(talk)
    assert "Kept as a draft plan; /plan C.D. to go on" in await talk.say("cancel")
    assert await client_plan(services, "C.D.") is None
    assert "Draft plans (1):" in await talk.say("/drafts")
    assert "There is a draft plan for C.D." in await talk.say("/plan C.D.")
    assert talk.labels() == ["Resume", "Start over", "🗑 Delete"]
    reply = await talk.press("Resume")
    assert "where you stopped" in reply and "O1: I read this" in reply
    assert "Target date for O1" in await talk.say("yes")


async def test_slash_cancel_keeps_the_draft_plan_too_and_start_over_asks_first(talk, services):
    await _one_objective(talk)
    assert "Kept as a draft plan" in await talk.say("/cancel")
    await talk.say("/plan C.D.")
    assert "Drop the draft plan for C.D. and start again?" in await talk.press("Start over")
    assert "Kept the draft plan for C.D." in await talk.press("Keep it")
    await talk.say("/plan C.D.")
    await talk.press("Start over")
    assert "Problem P1" in await talk.press("Drop it and start again")


async def test_deleting_a_draft_plan_is_confirmed_and_audited(talk, services):
    await _one_objective(talk)
    await talk.say("cancel")
    await talk.say("/plan C.D.")
    assert "Delete the draft plan for C.D.?" in await talk.press("Delete")
    assert "Deleted: the draft plan for C.D." in await talk.press("Delete for good")
    assert "Problem P1" in await talk.say("/plan C.D.")
    async with services.database.transaction() as session:
        actions = list(await session.scalars(select(AuditEvent.action)))
    assert "delete_draft" in actions


async def test_a_restart_in_the_middle_loses_nothing(talk, services):
    await _one_objective(talk)
    restarted = Talk(Dialogue(services))  # a new process: only the database remembers
    assert "Target date for O1" in await restarted.say("yes")
    assert "Another objective for G1 (O2)" in await restarted.say("skip")


async def test_an_empty_answer_adds_nothing(talk):
    await talk.say("/plan I.J.")
    assert "empty" in await talk.say("   ")
    assert "Goal G1" in await talk.say("Avoids school")


async def test_a_bad_client_code_is_asked_again(talk):
    await talk.say("/plan")
    assert "Type the client's code" in talk.text
    assert "looks like a person's name" in await talk.say("Anna Maria Bianchi")
    assert "up to 16 letters" in await talk.say("anna maria")
    assert "Problem P1" in await talk.say("A.M.B.")


async def test_plan_again_mid_build_carries_on_where_it_stopped(talk, services):
    await _one_objective(talk)
    reply = await talk.say("/plan c.d.")
    assert "carrying on where you stopped" in reply and "O1: I read this" in reply
    reply = await talk.say("/plan K.L.")
    assert "Kept the plan you were building for C.D. as a draft plan" in reply
    assert "Problem P1" in reply


async def test_done_before_any_problem_asks_for_one(talk, services):
    await talk.say("/plan M.N.")
    assert "A plan needs at least one problem" in await talk.say("done")
    assert "Goal G1 for P1" in await talk.say("Avoids leaving the house")
    assert await client_plan(services, "M.N.") is None


async def test_plan_without_a_code_offers_recent_clients(talk, sample_plan):
    await talk.send_file("plan.yaml", sample_plan.encode())
    assert "Tap a recent client" in await talk.say("/plan")
    assert "Treatment plan · A.B. · version 1" in await talk.press("A.B.")
    await talk.say("/plan")
    assert "Cancelled" in await talk.say("next")  # a navigation word is not a client code


async def test_a_plan_the_format_refuses_is_not_thrown_away(talk, services, monkeypatch):
    from bot.dialogue.plans import draft as drafts
    from nlp.planfile import PlanFileError

    await _one_objective(talk)
    await talk.say("yes")
    await talk.say("skip")
    await talk.say("done")
    await talk.press("28 Feb 2027")
    await talk.say("yes")
    await talk.say("yes")
    real = drafts.to_plan

    def refuse(draft):
        raise PlanFileError("objective O1 is unclear.")

    monkeypatch.setattr(drafts, "to_plan", refuse)
    reply = await talk.say("yes")
    assert "Not saved yet: objective O1 is unclear." in reply and "Another problem (P2)" in reply
    monkeypatch.setattr(drafts, "to_plan", real)
    await talk.say("done")
    await talk.press("28 Feb 2027")
    for _ in range(3):
        await talk.say("yes")
    assert (await client_plan(services, "C.D."))[1].objective("O1").text.startswith("Walk")


async def test_a_typed_answer_longer_than_a_plan_item_is_refused_and_asked_again(talk):
    assert "Problem P1" in await talk.say("/plan A.B.")
    reply = await talk.say("Panic attacks. " * 200)
    assert "2999 characters" in reply and "Nothing was added" in reply  # stripped
    assert "Goal G1 for P1" in await talk.say("Panic attacks 4-5 times per week")
