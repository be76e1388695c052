"""A canary typed into a note never reaches the database files in the clear."""

from __future__ import annotations

CANARY = "Zebra-Canary-7731"
CODE_CANARY = "ZQ.X9"


def files_bytes(settings) -> bytes:
    data_dir = settings.data_dir
    return b"".join(path.read_bytes() for path in sorted(data_dir.glob("wayfinder.db*")))


async def test_canary_never_reaches_the_database_file_or_its_wal(chat, settings, services):
    await chat.start_note(CODE_CANARY, "soap")
    message_id = await chat.say(f"Client said {CANARY} during session.")
    await chat.edit(message_id, f"Client said {CANARY} twice during session.")
    await chat.say("done")
    await chat.press("Save as draft")
    wal_and_db = files_bytes(settings)
    assert len(wal_and_db) > 0 and (settings.data_dir / "wayfinder.db-wal").exists()
    for needle in (CANARY, CODE_CANARY):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert needle.encode(encoding) not in wal_and_db
    await services.database.close()
    after_checkpoint = files_bytes(settings)
    for needle in (CANARY, CODE_CANARY):
        assert needle.encode() not in after_checkpoint


async def test_canary_never_reaches_the_logs_even_when_a_turn_fails(
    chat, services, caplog, monkeypatch
):
    import logging

    from bot.logsafe import configure_logging
    from storage import open_note

    configure_logging("DEBUG")  # as `wayfinder` does with WAYFINDER_LOG_LEVEL=DEBUG
    caplog.set_level(logging.DEBUG)
    await chat.start_note(CODE_CANARY, "soap")
    await chat.say(f"Client said {CANARY}.")


    def echoing_failure(note, section, text, ref, now):
        raise ValueError(f"cannot store {text!r}")  # a library that quotes its input

    with monkeypatch.context() as patch:
        patch.setattr(open_note, "append_entry", echoing_failure)
        await chat.say(f"More about {CANARY}.")
    chat.expect("Something went wrong", "Nothing was changed")
    await chat.say("done")
    review = chat.expect("SOAP note")
    assert f"More about {CANARY}." not in review.visible_text
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert logged, "the test should see log lines at DEBUG"
    assert CANARY not in logged and CODE_CANARY not in logged


async def test_a_group_s_members_present_never_reach_the_database_file(chat, settings, services):
    await chat.onboard()
    await chat.say(f"/group {CODE_CANARY} C.D.")
    await chat.press("Group")
    chat.expect("Date of service")
    await chat.say("done")
    chat.expect(f"Present: C.D., {CODE_CANARY}")
    await chat.press("Save as drafts")
    await services.database.close()
    stored = files_bytes(settings)
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        assert CODE_CANARY.encode(encoding) not in stored


async def test_text_held_while_the_chat_is_locked_never_reaches_the_database_file(
    chat, settings, services
):
    await chat.onboard()
    await chat.say("/lock")
    await chat.say("90817263")
    await chat.say("90817263")
    await chat.say(f"Client said {CANARY} while locked.")
    chat.expect("Kept your message")
    await services.database.close()
    stored = files_bytes(settings)
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        assert CANARY.encode(encoding) not in stored


async def test_a_draft_plan_kept_by_cancel_never_reaches_the_database_file(
    chat, settings, services
):
    await chat.onboard()
    await chat.say(f"/plan {CODE_CANARY}")
    await chat.say(f"Client fears {CANARY} most days")
    await chat.say("/cancel")
    chat.expect("Kept as a draft plan")
    await services.database.close()
    stored = files_bytes(settings)
    for needle in (CANARY, CODE_CANARY):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert needle.encode(encoding) not in stored
