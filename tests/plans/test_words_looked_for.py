"""Writing or rewording an objective shows the words the tagger will look for in notes, and the
clinician adds their client's own words in one tap (end to end through the real PTB app)."""

from __future__ import annotations

from tests.support.stored import client_plan


async def test_building_an_objective_shows_the_lexicon_and_takes_the_clients_words(
    chat, services
):
    await chat.onboard()
    await chat.say("/plan D.E.")
    await chat.say("Drinks most evenings")
    await chat.say("Cut down drinking")
    await chat.say("Reduce drinking to fewer than 2 days per week")
    chat.expect("I'll also look for:", "alcohol", "something to decrease")
    await chat.press("own words")
    chat.expect("type the words your client uses")
    await chat.say("Friday ritual, a few glasses, ")
    chat.expect("And your words: Friday ritual, a few glasses", "something to decrease")
    await chat.press("Yes, decrease")
    await chat.press("Skip")
    await chat.press("Next")
    await chat.say("done")
    await chat.press("2027")  # the default review date
    for _ in range(3):
        await chat.press("Yes")
    chat.expect("Treatment plan · D.E. · version 1")
    _, plan = await client_plan(services, "D.E.")
    assert list(plan.objectives()[0].keywords) == ["Friday ritual", "a few glasses"]

    await chat.start_note("D.E.", "soap")
    await chat.say("Kept up the Friday ritual.")  # words the lexicon alone does not link
    chat.expect("🔗 O1")


async def test_rewording_an_objective_shows_what_will_be_looked_for(chat, sample_plan):
    await chat.onboard()
    await chat.send_document("plan.yaml", sample_plan.encode(), "application/x-yaml")
    await chat.press("Edit an item")
    await chat.press("O3")
    await chat.say("Sleep at least 7 hours a night")
    await chat.press("Same, reworded")
    chat.expect("I'll also look for:", "hours of sleep", "something to increase")
