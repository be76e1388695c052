"""The fake Bot API and the Chat harness, proven against a small PTB Application built here."""

import asyncio
import datetime as dtm
import io
import re

import pytest
from PIL import Image
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.support.chat import Chat, running
from tests.support.fake_bot_api import DOWNLOAD, FakeBotAPI

USER = 1001


def png_bytes(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return buffer.getvalue()


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_text(f"echo: {update.message.text}")


async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("SOAP note", callback_data="template:soap"),
                InlineKeyboardButton("DAP note", callback_data="template:dap"),
            ],
            [InlineKeyboardButton("Help", url="https://example.org/help")],
        ]
    )
    await update.message.reply_text(
        "<b>Pick</b> a template", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )


async def picked(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer()
    await query.edit_message_text(f"Template: {query.data.removeprefix('template:')}")


async def count_voice_bytes(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    voice_file = await update.message.voice.get_file()
    data = await voice_file.download_as_bytearray()
    await update.message.reply_text(f"voice: {len(data)} bytes, {voice_file.file_path}")


async def chart(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.message.reply_photo(png_bytes(), caption="Progress <i>chart</i>")
    await update.message.reply_document(b"note,text\n", filename="export.csv")


async def edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.edited_message
    await message.reply_text(f"edited #{message.message_id}: {message.text}")


async def describe_attachment(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.message
    if message.sticker:
        await message.reply_text(f"sticker {message.sticker.emoji}")
    elif message.photo:
        await message.reply_text(f"photo {message.photo[-1].width}x{message.photo[-1].height}")
    elif message.audio:
        await message.reply_text(f"audio {message.audio.file_name} {message.audio.mime_type}")
    elif message.document:
        data = await (await message.document.get_file()).download_as_bytearray()
        await message.reply_text(f"document {message.document.file_name}: {data.decode()}")


def build_app(api: FakeBotAPI) -> Application:
    app = api.application_builder().build()
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(CommandHandler("chart", chart))
    app.add_handler(CallbackQueryHandler(picked))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT, edited))
    app.add_handler(MessageHandler(filters.VOICE, count_voice_bytes))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(
        MessageHandler(
            filters.Sticker.ALL | filters.PHOTO | filters.AUDIO | filters.Document.ALL,
            describe_attachment,
        )
    )
    return app


@pytest.fixture
def api() -> FakeBotAPI:
    return FakeBotAPI()


@pytest.fixture
async def chat(api: FakeBotAPI):
    app = build_app(api)
    async with running(app):
        yield Chat(app, api, USER)


async def test_say_and_expect_see_what_the_user_sees(chat: Chat, api: FakeBotAPI) -> None:
    message_id = await chat.say("hello <there>")

    reply = chat.expect("echo:", "hello <there>")
    assert chat.last_text == "echo: hello <there>"
    assert reply.message_id == message_id + 1  # one id sequence per chat, as on Telegram
    assert api.calls_of("getMe"), "initialize() asks the fake who the bot is"
    chat.expect_not("goodbye")
    with pytest.raises(AssertionError, match="echo: hello"):
        chat.expect("goodbye")
    with pytest.raises(AssertionError, match="a reply contains 'echo'"):
        chat.expect_not("echo")


async def test_a_command_carries_its_entity_and_html_markup_is_removed(chat: Chat) -> None:
    await chat.say("/menu")

    reply = chat.expect("Pick a template")
    assert reply.text == "<b>Pick</b> a template"
    assert chat.buttons() == ["SOAP note", "DAP note", "Help"]


async def test_press_sends_the_callback_and_collects_the_edit(chat: Chat, api: FakeBotAPI) -> None:
    await chat.say("/menu")
    menu_id = chat.replies[0].message_id

    await chat.press("SOAP")

    reply = chat.expect("Template: soap")
    assert reply.edited and reply.message_id == menu_id
    assert api.messages_in(USER)[-1].visible_text == "Template: soap"
    assert api.messages_in(USER)[-1].reply_markup is None
    assert api.pending_callback_queries == set()
    assert [call.method for call in chat.activity] == ["answerCallbackQuery", "editMessageText"]


async def test_press_names_the_buttons_when_the_label_is_missing_or_ambiguous(chat: Chat) -> None:
    with pytest.raises(AssertionError, match="no bot message in this chat has an inline keyboard"):
        await chat.press("SOAP")
    await chat.say("/menu")

    with pytest.raises(AssertionError, match=r"no button matches 'BIRP'.*'SOAP note', 'DAP note'"):
        await chat.press("BIRP")
    with pytest.raises(AssertionError, match="several buttons match 'note'"):
        await chat.press("note")
    with pytest.raises(AssertionError, match="not a callback button"):
        await chat.press("Help")


async def test_voice_is_downloaded_through_get_file(chat: Chat, api: FakeBotAPI) -> None:
    await chat.send_voice(b"\x4f\x67\x67\x53" * 300, duration=4)

    chat.expect("voice: 1200 bytes")
    methods = [call.method for call in chat.activity]
    assert methods == ["getFile", DOWNLOAD, "sendMessage"]


async def test_photo_and_document_uploads_are_decoded(chat: Chat, api: FakeBotAPI) -> None:
    await chat.say("/chart")

    [photo] = chat.photos
    assert photo.data == png_bytes() and (photo.width, photo.height) == (40, 30)
    chat.expect("Progress <i>chart</i>")  # no parse_mode: the tags are literal text
    [document] = chat.documents
    assert (document.filename, document.data) == ("export.csv", b"note,text\n")

    await chat.app.bot.send_photo(USER, photo.file_id)  # resending by file_id, no upload
    assert api.messages_in(USER)[-1].photo.data == photo.data


async def test_edit_delivers_an_edited_message(chat: Chat) -> None:
    message_id = await chat.say("first draft")

    await chat.edit(message_id, "second draft")

    chat.expect(f"edited #{message_id}: second draft")
    with pytest.raises(AssertionError, match="not said by this user"):
        await chat.edit(message_id + 1, "the bot's reply is not mine to edit")


async def test_attachments_arrive_with_the_shapes_ptb_expects(chat: Chat) -> None:
    await chat.send_sticker()
    chat.expect("sticker 👍")
    await chat.send_photo()
    chat.expect("photo 1280x960")
    await chat.send_audio(b"ID3" + bytes(100), duration=12, file_name="session.mp3")
    chat.expect("audio session.mp3 audio/mpeg")
    await chat.send_document("plan.yaml", b"client: X", "application/x-yaml")
    chat.expect("document plan.yaml: client: X")


async def test_429_raises_retry_after_with_its_delay(
    chat: Chat, api: FakeBotAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    api.fail_next("sendMessage", retry_after=7)

    with pytest.raises(RetryAfter) as raised:
        await chat.app.bot.send_message(USER, "hi")

    assert raised.value.retry_after == dtm.timedelta(seconds=7)
    await chat.app.bot.send_message(USER, "hi again")  # only the next call fails
    assert [call.error is not None for call in api.calls_of("sendMessage")] == [True, False]


async def test_blocked_chat_answers_403_forbidden(chat: Chat, api: FakeBotAPI) -> None:
    api.block(USER)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await chat.app.bot.send_message(USER, "reminder")
    await chat.say("hello")  # the handler's reply fails; PTB logs it and the bot sends nothing
    assert chat.replies == []
    assert chat.activity[-1].error.error_code == 403

    api.unblock(USER)
    await chat.say("hello")
    chat.expect("echo: hello")


@pytest.mark.parametrize(
    ("error_code", "exception"), [(400, BadRequest), (403, Forbidden), (500, NetworkError)]
)
async def test_injected_errors_map_to_ptb_exceptions(
    chat: Chat, api: FakeBotAPI, error_code: int, exception: type[Exception]
) -> None:
    api.fail_next("sendChatAction", error_code=error_code, times=2)
    for _ in range(2):
        with pytest.raises(exception):
            await chat.app.bot.send_chat_action(USER, "typing")
    assert await chat.app.bot.send_chat_action(USER, "typing")


async def test_telegram_refusals_are_reproduced(chat: Chat, api: FakeBotAPI) -> None:
    bot = chat.app.bot
    refusals = {
        "message is too long": bot.send_message(USER, "x" * 4097),
        "message text is empty": bot.send_message(USER, "  "),
        "chat not found": bot.send_message(999, "hi"),
        'Unsupported start tag "br"': bot.send_message(USER, "a<br>b", parse_mode=ParseMode.HTML),
        "Character '.' is reserved": bot.send_message(USER, "A.B.", parse_mode="MarkdownV2"),
        "BUTTON_DATA_INVALID": bot.send_message(
            USER,
            "pick",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("x", callback_data="x" * 65)]]
            ),
        ),
        "message to edit not found": bot.edit_message_text("new", chat_id=USER, message_id=404),
        "IMAGE_PROCESS_FAILED": bot.send_photo(USER, b"not an image"),
        "invalid file_id": bot.get_file("no-such-file"),
        "wrong file identifier": bot.send_document(USER, "no-such-file"),
        "file must be non-empty": bot.send_document(USER, b"", filename="empty.txt"),
        "method not found: fooBar": bot.do_api_request("fooBar"),
    }
    for wording, refused in refusals.items():
        with pytest.raises(BadRequest, match="(?i)" + re.escape(wording)):
            await refused
    assert api.messages_in(USER) == []
    assert api.calls_of("fooBar")[0].error.error_code == 400


async def test_unchanged_edit_is_refused_and_delete_removes(chat: Chat, api: FakeBotAPI) -> None:
    sent = await chat.app.bot.send_message(USER, "*Plan* due", parse_mode="MarkdownV2")
    assert sent.text == "Plan due"
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await sent.edit_text("Plan due")

    assert await sent.delete()
    assert api.messages_in(USER) == []
    with pytest.raises(BadRequest, match="(?i)message to delete not found"):
        await sent.delete()


async def test_get_updates_honours_offset_and_long_poll_timeout(api: FakeBotAPI) -> None:
    app = build_app(api)
    async with running(app):
        api.queue_update(api.updates.message(USER, "one"))
        api.queue_update(api.updates.message(USER, "two"))
        first, second = await app.bot.get_updates(timeout=0)
        assert [first.message.text, second.message.text] == ["one", "two"]
        assert len(await app.bot.get_updates(offset=second.update_id)) == 1
        assert await app.bot.get_updates(offset=second.update_id + 1, timeout=0) == ()

        asyncio.get_running_loop().call_later(
            0.05, api.queue_update, api.updates.message(USER, "late")
        )
        [late] = await app.bot.get_updates(offset=second.update_id + 1, timeout=5)
        assert late.message.text == "late"


async def test_get_updates_honours_negative_offset_and_allowed_updates(api: FakeBotAPI) -> None:
    app = build_app(api)
    async with running(app):
        for text in ("one", "two", "three"):
            api.queue_update(api.updates.message(USER, text))
        [last] = await app.bot.get_updates(offset=-1, timeout=0)
        assert last.message.text == "three"
        assert len(api.pending_updates) == 1  # a negative offset forgets the older ones

        await app.bot.send_message(USER, "a bot message")
        api.queue_update(api.updates.callback_query(USER, api.messages_in(USER)[-1], "x"))
        [only_messages] = await app.bot.get_updates(timeout=0, allowed_updates=["message"])
        assert only_messages.message.text == "three"
        assert len(api.pending_updates) == 1


async def test_polling_delivers_a_queued_update(api: FakeBotAPI) -> None:
    app = build_app(api)
    api.add_user(USER)
    async with running(app, polling=True):
        api.queue_update(api.updates.message(USER, "via polling"))
        [reply] = await api.wait_for_messages(USER)
        assert reply.visible_text == "echo: via polling"
    assert api.calls_of("deleteWebhook")
    assert api.pending_updates == []  # the updater's last getUpdates confirmed what it fetched


async def test_an_active_webhook_refuses_get_updates(chat: Chat, api: FakeBotAPI) -> None:
    api.queue_update(api.updates.message(USER, "queued"))
    await chat.app.bot.set_webhook("https://bot.example.org/hook")

    with pytest.raises(Conflict, match="webhook is active"):
        await chat.app.bot.get_updates(timeout=0)
    await chat.app.bot.delete_webhook(drop_pending_updates=True)
    assert api.pending_updates == []
    assert await chat.app.bot.get_updates(timeout=0) == ()


async def test_registered_files_are_served_at_their_path(chat: Chat, api: FakeBotAPI) -> None:
    api.add_file("voice-1", b"OggS-data", file_path="voice/file_7.oga")
    api.add_file("huge", bytes(20 * 1024 * 1024 + 1))

    voice_file = await chat.app.bot.get_file("voice-1")
    assert voice_file.file_path.endswith("/voice/file_7.oga")
    assert await voice_file.download_as_bytearray() == b"OggS-data"
    with pytest.raises(BadRequest, match="(?i)file is too big"):
        await chat.app.bot.get_file("huge")


async def test_set_my_commands_is_recorded_and_served(chat: Chat, api: FakeBotAPI) -> None:
    await chat.app.bot.set_my_commands([("note", "Write a progress note"), ("drafts", "Drafts")])

    [call] = api.calls_of("setMyCommands")
    assert call.params["commands"] == [
        {"command": "note", "description": "Write a progress note"},
        {"command": "drafts", "description": "Drafts"},
    ]
    commands = await chat.app.bot.get_my_commands()
    assert [command.command for command in commands] == ["note", "drafts"]
    with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
        await chat.app.bot.set_my_commands([("Note-Taking", "bad name")])


async def test_wrong_token_is_unauthorized() -> None:
    api = FakeBotAPI()
    app = (
        Application.builder()
        .token("999:WRONG")
        .request(api.request())
        .get_updates_request(api.request())
        .build()
    )
    with pytest.raises(InvalidToken):
        await app.initialize()
    assert api.calls == []
