"""Changing a saved plan from its buttons: mark, revise, edit, add, review; history and versions."""

from __future__ import annotations

from bot.dialogue.engine import Dialogue
from bot.shared.events import Event
from storage.plans import plans_due_for_review, read_version
from tests.conftest import CLINICIAN
from tests.plans.conftest import Talk
from tests.support.stored import plan_versions


async def _history(services, code="A.B."):
    stored = await plan_versions(services, code)
    return [(v.number, v.change) for v in stored], read_version(stored[-1])


async def _imported(talk, sample_plan):
    await talk.send_file("plan.yaml", sample_plan.encode())


async def test_marking_an_objective_met_acknowledges_it_warmly(talk, services, sample_plan):
    await _imported(talk, sample_plan)
    await talk.press("Mark objective")
    await talk.press("O2")
    await talk.press("Met")
    first, view = talk.replies[0].text, talk.replies[-1].text
    assert first.startswith("🎉 Objective O2 met: Fewer than one panic attack a week.")
    assert "version 2" in view and "O2 ↓ Fewer than one panic attack a week · met ✓" in view
    history, plan = await _history(services)
    assert history == [(1, "imported"), (2, "objective O2 met")]
    assert plan.objective("O2").status == "met"
    await talk.press("Mark objective")
    assert "O2" not in " ".join(talk.labels())  # only active objectives can be marked


async def test_discontinue_and_a_stale_status_button(talk, services, sample_plan):
    await _imported(talk, sample_plan)
    await talk.press("Mark objective")
    await talk.press("O3")
    stale_met = talk.button("Met").data
    await talk.press("Discontinued")
    assert "O3 ↑ Sleep at least 7 hours on 5 nights a week · discontinued" in talk.text
    reply = await talk.send(Event(CLINICIAN, "button", data=stale_met))
    assert "O3 is not an active objective" in reply
    history, plan = await _history(services)
    assert history[-1] == (2, "objective O3 discontinued")
    assert plan.objective("O3").status == "discontinued"


async def test_revising_an_objective_keeps_the_old_wording_as_revised(talk, services, sample_plan):
    await _imported(talk, sample_plan)
    await talk.press("Mark objective")
    await talk.press("O1")
    assert "becomes O4 in the same goal" in await talk.press("Revised")
    assert "something to increase" in await talk.say("Practice breathing twice a day")
    await talk.press("Yes, increase")
    await talk.say("2027-03-01")
    history, plan = await _history(services)
    assert history[-1] == (2, "objective O1 revised as O4")
    assert plan.objective("O1").status == "revised"
    new = plan.objective("O4")
    assert (new.text, new.status, new.direction) == (
        "Practice breathing twice a day",
        "active",
        "increase",
    )
    assert [o.id for o in plan.problems[0].goals[0].objectives] == ["O1", "O2", "O4"]


async def test_revised_with_skip_only_marks_it(talk, services, sample_plan):
    await _imported(talk, sample_plan)
    await talk.press("Mark objective")
    await talk.press("O3")
    await talk.press("Revised")
    await talk.say("skip")
    history, plan = await _history(services)
    assert history[-1] == (2, "objective O3 revised")
    assert plan.objective("O3").status == "revised" and plan.objective("O4") is None


async def test_editing_an_item_and_adding_an_objective(talk, services, sample_plan):
    await _imported(talk, sample_plan)
    await talk.press("Edit an item")
    assert talk.labels() == ["P1", "P2", "G1", "O1", "O2", "I1", "G2", "O3"]
    assert "I1 now reads: Teach diaphragmatic breathing" in await talk.press("I1")
    await talk.say("Teach breathing; start interoceptive exposure in week 3")
    assert "I1 · Teach breathing; start interoceptive exposure in week 3" in talk.text
    assert "What do you want to add to A.B.'s plan?" in await talk.press("➕ Add")
    assert "Add an objective to which goal?" in await talk.press("Objective")
    assert "G1 Reduce frequency" in " ".join(talk.labels())
    assert "New objective O4 for G2" in await talk.press("G2 Restore")
    await talk.say("Go to bed before 23:00 on 5 nights a week")
    await talk.say("increase")
    await talk.press("Skip")
    history, plan = await _history(services)
    assert history[1:] == [(2, "edited I1"), (3, "added O4")]
    assert plan.objective("O4").direction == "increase"
    assert plan.problems[1].goals[0].objectives[-1].id == "O4"


async def test_cancel_while_changing_saves_nothing(talk, services, sample_plan):
    await _imported(talk, sample_plan)
    await talk.press("Edit an item")
    await talk.press("P1")
    assert "Nothing was changed" in await talk.say("cancel")
    history, _ = await _history(services)
    assert history == [(1, "imported")]


async def test_review_walks_each_active_objective(talk, services, sample_plan):
    await _imported(talk, sample_plan)
    reply = await talk.press("Review now")
    assert "3 active objective(s)" in reply and "1/3: O1 ↑ Practice diaphragmatic" in reply
    assert "2/3: O2" in await talk.press("Keep")
    assert "3/3: O3" in await talk.press("Met")
    assert "2/3: O2" in await talk.say("back")  # undoes "met" on O2
    assert "3/3: O3" in await talk.say("met")
    reply = await talk.press("Revise")
    assert "revised wording for O3" in reply
    assert "O4: I read this as something to increase" in await talk.say("Sleep 7 hours on 6 nights")
    assert "revised wording for O3" in await talk.say("back")  # the wording is taken out again
    assert "something to increase" in await talk.say("Sleep 7 hours on 6 nights")
    assert "When should this plan be reviewed?" in await talk.say("yes")
    assert "not in the future" in await talk.say("2026-11-01")
    await talk.say("2027-05-01")
    texts = [reply.text for reply in talk.replies]
    assert texts[0] == "Review saved: 2 objective(s) changed. Next review 01 May 2027."
    assert texts[1].startswith("🎉 Objective O2 met")
    assert "Next review: 01 May 2027" in texts[-1]
    history, plan = await _history(services)
    assert history[-1] == (2, "review")
    statuses = {o.id: o.status for o in plan.objectives()}
    assert statuses == {"O1": "active", "O2": "met", "O3": "revised", "O4": "active"}
    assert plan.objective("O4").direction == "increase"
    assert plan.review_due.isoformat() == "2027-05-01"
    async with services.database.transaction() as session:
        due = await plans_due_for_review(session, plan.review_due)
    assert due == []


async def test_review_done_keeps_the_rest_and_takes_the_default_date(talk, services, sample_plan):
    await _imported(talk, sample_plan)
    await talk.press("Review now")
    await talk.press("Discontinue")
    await talk.say("done")
    await talk.press("28 Feb 2027")
    history, plan = await _history(services)
    assert history[-1] == (2, "review") and plan.review_due.isoformat() == "2027-02-28"
    assert [o.status for o in plan.objectives()] == ["discontinued", "active", "active"]


async def test_a_change_is_refused_when_the_plan_moved_on_meanwhile(talk, services, sample_plan):
    await _imported(talk, sample_plan)
    await talk.press("Edit an item")
    await talk.press("O2")
    other_phone = Talk(Dialogue(services))
    await other_phone.send_file("plan.yaml", sample_plan.replace("Fewer than", "Under").encode())
    assert "A.B. already has a plan (version 1" in other_phone.text
    await other_phone.press("Replace version 1")
    assert "Same objective, reworded" in await talk.say("Fewer than two panic attacks a month")
    assert "something to decrease" in await talk.say("same")
    reply = await talk.press("Yes, decrease")
    assert "changed while you were editing" in reply
    history, plan = await _history(services)
    assert history[-1] == (2, "imported") and plan.objective("O2").text.startswith("Under")


async def test_history_lists_versions_and_shows_old_ones_read_only(talk, sample_plan):
    await _imported(talk, sample_plan)
    await talk.press("Mark objective")
    await talk.press("O2")
    await talk.press("Met")
    reply = await talk.say("/plan a.b. history")
    assert "A.B.'s plan has 2 version(s)" in reply
    assert reply.index("v2 · 30 Nov 2026 · objective O2 met") < reply.index("v1 · 30 Nov 2026")
    reply = await talk.press("v1")
    assert "version 1 of 2 (an earlier version, read only)" in reply
    assert "O2 ↓ Fewer than one panic attack a week · active" in reply
    assert "No plan" not in await talk.say("/plan Z.Z. history") and "no plan yet" in talk.text


async def test_someone_elses_plan_buttons_do_nothing(services, talk, sample_plan):
    await _imported(talk, sample_plan)
    plan_id = talk.button("Mark objective").data.split(":")[2]
    other = Talk(Dialogue(services, trusted_users=frozenset({4242})), user_id=4242)
    await other.say("/start")
    await other.say("UTC")
    reply = await other.send(Event(4242, "button", data=f"plan:met:{plan_id}:O2"))
    assert "no longer available" in reply


async def test_plan_command_usage_and_unknown_arguments(talk):
    assert "/plan CODE history" in await talk.say("/plan A.B. delete everything")


async def test_a_review_with_no_active_objective_only_sets_the_date(talk, services, sample_plan):
    done = sample_plan.replace("            direction: increase\n", "            status: met\n")
    done = done.replace("            direction: decrease\n", "            status: met\n")
    done = done.replace('a week"\nself_check', 'a week"\n            status: met\nself_check')
    await talk.send_file("plan.yaml", done.encode())
    reply = await talk.press("Review now")
    assert "0 active objective(s)" in reply and "When should this plan be reviewed?" in reply
    assert "This is the first question" in await talk.say("back")
    await talk.say("in 6 weeks")
    history, plan = await _history(services)
    assert history[-1] == (2, "review") and plan.review_due.isoformat() == "2027-01-11"


async def test_another_feature_can_open_a_plan_or_its_review_by_id(talk, sample_plan):
    await _imported(talk, sample_plan)
    plan_id = talk.button("Review now").data.split(":")[2]
    reply = await talk.send(Event(CLINICIAN, "button", data=f"plan:open:{plan_id}"))
    assert reply.startswith("Treatment plan · A.B. · version 1")
    reply = await talk.send(Event(CLINICIAN, "button", data=f"plan:review:{plan_id}"))
    assert "1/3: O1" in reply


async def test_add_buttons_naming_a_missing_or_wrong_parent_change_nothing(
    talk, services, sample_plan
):
    await _imported(talk, sample_plan)
    plan_id = talk.button("➕ Add").data.split(":")[2]
    for data in (f"plan:addg:{plan_id}:G1", f"plan:addi:{plan_id}:P9", f"plan:addo:{plan_id}:I1"):
        assert "no longer active" in await talk.send(Event(CLINICIAN, "button", data=data))
    history, _ = await _history(services)
    assert history == [(1, "imported")]


async def test_a_single_problem_or_goal_is_not_asked_for(talk, sample_plan):
    one_problem = sample_plan[: sample_plan.index("  - id: P2")] + "self_check: {}\n"
    await talk.send_file("plan.yaml", one_problem.encode())
    await talk.press("➕ Add")
    assert "New goal G2 for P1" in await talk.press("Goal")
    await talk.say("cancel")
    await talk.say("/plan A.B.")
    await talk.press("➕ Add")
    assert "New intervention I2 for G1" in await talk.press("Intervention")
