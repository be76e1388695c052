"""Adding a problem, a goal or an intervention to a saved plan, and rewording or revising an
objective (its direction confirmed), end to end through the real PTB Application and the fake
Bot API. Each addition is a new version; "back", "next", "done" and "cancel" work as in a build.
"""

from __future__ import annotations

from storage.plans import read_version
from tests.support.stored import plan_versions


async def _identities(services) -> list[dict[str, str]]:
    """Each version's objective identities, oldest first."""
    return [stored.objective_identity for stored in await plan_versions(services, "A.B.")]


async def _versions(services, code="A.B."):
    """(number, change) of each stored version, and the current plan."""
    stored = await plan_versions(services, code)
    return [(v.number, v.change) for v in stored], read_version(stored[-1])


async def _with_sample_plan(chat, sample_plan):
    await chat.onboard()
    await chat.send_document("plan.yaml", sample_plan.encode(), "application/x-yaml")
    chat.expect("Imported A.B.'s plan as version 1")


async def test_adding_a_problem_with_its_goal_objective_and_intervention(
    chat, services, sample_plan
):
    await _with_sample_plan(chat, sample_plan)
    await chat.press("➕ Add")
    chat.expect("What do you want to add to A.B.'s plan?")
    assert chat.buttons() == ["Problem", "Goal", "Objective", "Intervention"]
    await chat.press("Problem")
    chat.expect("New problem P3")
    assert chat.buttons() == ["Cancel"]
    await chat.say("Drinks 5-6 beers most evenings")
    chat.expect("✓ P3", "Goal G3 for P3")
    await chat.say("Cut down drinking")
    chat.expect("Objective O4 for G3")
    await chat.say("Fewer than 2 drinking days a week")
    chat.expect("O4: I read this as something to decrease")
    await chat.say("yes")
    chat.expect("Target date for O4")
    await chat.say("12/03/2027")
    chat.expect("12/03/2027 could be 12 Mar 2027 or 03 Dec 2027", "2027-03-12", "Target date")
    await chat.say("Feb 15 2027")
    chat.expect("✓ O4 saved.", "Another objective for G3")
    await chat.press("Next")
    chat.expect("Interventions for G3")
    await chat.say("Motivational interviewing")
    await chat.say("next")
    chat.expect("Another goal for P3 (G4)? Type it, or next to save the plan.")
    await chat.say("next")
    chat.expect("Added P3, G3, O4, I2.")
    view = chat.expect("Treatment plan · A.B. · version 2").visible_text
    assert "P3 · Drinks 5-6 beers most evenings" in view
    assert "O4 ↓ Fewer than 2 drinking days a week · active · by 15 Feb 2027" in view
    history, plan = await _versions(services)
    assert history == [(1, "imported"), (2, "added P3, G3, O4, I2")]
    added = plan.problems[-1].goals[0]
    assert (added.id, [o.id for o in added.objectives], [i.id for i in added.interventions]) == (
        "G3",
        ["O4"],
        ["I2"],
    )
    assert plan.objective("O4").target_date.isoformat() == "2027-02-15"


async def test_adding_a_goal_needs_an_objective_and_done_saves(chat, services, sample_plan):
    await _with_sample_plan(chat, sample_plan)
    await chat.press("➕ Add")
    await chat.press("Goal")
    chat.expect("Add a goal to which problem?")
    await chat.press("P2 Sleeps")
    chat.expect("New goal G3 for P2")
    await chat.say("Feel rested in the morning")
    await chat.say("next")
    chat.expect("G3 needs at least one measurable objective")
    await chat.say("Bedtime before 23:00 on 5 nights a week")
    chat.expect("O4: should this go up")
    await chat.press("↑ Increase")
    await chat.say("back")
    chat.expect("O4: should this go up")  # back from the target date: the direction again
    await chat.press("↑ Increase")
    await chat.press("Skip")
    chat.expect("Another objective for G3")
    await chat.say("done")
    chat.expect("Added G3, O4.")
    history, plan = await _versions(services)
    assert history[-1] == (2, "added G3, O4")
    goal = plan.problems[1].goals[-1]
    assert (goal.id, goal.text, [o.id for o in goal.objectives]) == (
        "G3",
        "Feel rested in the morning",
        ["O4"],
    )
    assert plan.objective("O4").direction == "increase"


async def test_back_and_cancel_while_adding_leave_the_plan_as_it_was(chat, services, sample_plan):
    await _with_sample_plan(chat, sample_plan)
    await chat.press("➕ Add")
    await chat.press("Goal")
    await chat.press("P1 Panic")
    await chat.say("back")
    chat.expect("This is the first question.", "New goal G3 for P1")
    await chat.say("Drive on the highway again")
    await chat.say("back")
    chat.expect('Took out G3 ("Drive on the highway again")', "New goal G3 for P1")
    await chat.say("Drive on the highway again")
    await chat.say("cancel")
    chat.expect("Stopped. Nothing was changed.")
    await chat.say("/plan A.B.")
    await chat.press("➕ Add")
    await chat.press("Problem")
    await chat.say("next")  # nothing typed yet: nothing to save
    chat.expect("Stopped. Nothing was changed.")
    history, plan = await _versions(services)
    assert history == [(1, "imported")] and len(plan.problems) == 2


async def test_rewording_an_objective_asks_whether_it_is_the_same_then_its_direction(
    chat, services, sample_plan
):
    await _with_sample_plan(chat, sample_plan)
    await chat.press("Edit an item")
    await chat.press("O2")
    await chat.say("Practice driving to work at least 3 days a week")
    chat.expect(
        "O2 is worded differently now.", "Was: Fewer than one panic attack a week",
        "Same objective, reworded, or a new one?",
    )
    await chat.press("A new objective")
    chat.expect("O2: a new objective", "O2: I read this as something to increase")
    await chat.say("back")
    chat.expect("O2 now reads: Fewer than one panic attack a week")
    await chat.say("Practice driving to work at least 3 days a week")
    await chat.say("new")
    await chat.press("Yes, increase")
    view = chat.expect("version 2").visible_text
    assert "O2 ↑ Practice driving to work at least 3 days a week · active" in view
    history, plan = await _versions(services)
    assert history[-1] == (2, "edited O2") and plan.objective("O2").direction == "increase"
    first, second = await _identities(services)
    assert second["O1"] == first["O1"] and second["O2"] != first["O2"]


async def test_a_reworded_objective_said_to_be_the_same_keeps_its_identity(
    chat, services, sample_plan
):
    await _with_sample_plan(chat, sample_plan)
    await chat.press("Edit an item")
    await chat.press("O1")
    await chat.say("Practise diaphragmatic breathing on at least 5 days a week")
    await chat.press("Same, reworded")
    chat.expect("O1: the same objective, reworded", "I read this as something to increase")
    await chat.press("Yes, increase")
    first, second = await _identities(services)
    assert second == first


async def test_a_revision_in_a_review_asks_to_confirm_its_direction(chat, services, sample_plan):
    await _with_sample_plan(chat, sample_plan)
    await chat.press("Review now")
    await chat.press("Revise")
    chat.expect("revised wording for O1")
    await chat.say("Fewer than 2 days a week without breathing practice")
    chat.expect("O4: I read this as something to decrease")
    await chat.say("no")  # the clinician means more practice: increase
    chat.expect("Revision added as O4.", "2/3: O2")
    await chat.say("done")
    await chat.say("12/03/2027")
    chat.expect("could be 12 Mar 2027 or 03 Dec 2027", "When should this plan be reviewed?")
    await chat.say("12 Mar 2027")
    chat.expect("Review saved: 1 objective(s) changed. Next review 12 Mar 2027.")
    history, plan = await _versions(services)
    assert history[-1] == (2, "review")
    assert (plan.objective("O1").status, plan.objective("O4").direction) == ("revised", "increase")
    assert plan.objective("O4").target_date == plan.objective("O1").target_date


async def test_adding_interventions_typed_and_dictated(dictating, services, sample_plan):
    chat, speech = dictating
    await _with_sample_plan(chat, sample_plan)
    await chat.press("➕ Add")
    await chat.press("Intervention")
    chat.expect("Add an intervention to which goal?")
    await chat.press("G2 Restore")
    chat.expect("New intervention I2 for G2")
    await chat.say("Sleep hygiene education")
    chat.expect("✓ I2", "Another intervention for G2 (I3)?")
    speech.lines.append("Stimulus control and a fixed wake time")
    await chat.send_voice(b"OggS spoken intervention", duration=4)
    chat.expect("Stimulus control and a fixed wake time")
    await chat.press("Keep")
    chat.expect("✓ I3", "Another intervention for G2 (I4)?")
    await chat.press("Next")
    chat.expect("Added I2, I3.")
    history, plan = await _versions(services)
    assert history[-1] == (2, "added I2, I3")
    assert [i.text for i in plan.problems[1].goals[0].interventions] == [
        "Sleep hygiene education",
        "Stimulus control and a fixed wake time",
    ]
