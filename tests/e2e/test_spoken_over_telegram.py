"""Voice beyond the plain transcript, through the real PTB app: Edit hands the transcript back,
dictated section headings split the note, and voice outside a note is shown, never dropped.

The speech model is scripted (`dictating`): these flows care what was heard, not how.
"""

from __future__ import annotations


async def test_edit_sends_the_transcript_back_to_copy_and_correct(dictating):
    chat, speech = dictating
    await chat.start_note("A.B.", "soap")
    speech.lines.append("Client reports sleeping five ours a night.")
    await chat.send_voice(b"OggS dictated", duration=5)
    await chat.press("Edit")
    chat.expect("copy it, correct it and send it back")
    assert chat.last_text == "Client reports sleeping five ours a night."
    await chat.say("Client reports sleeping five hours a night.")
    chat.expect("Added to Subjective (1 so far)")
    await chat.say("done")
    review = chat.expect("SOAP note · A.B.")
    assert "five hours a night" in review.visible_text
    assert "five ours" not in review.visible_text
