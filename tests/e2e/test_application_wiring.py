"""How the Application is assembled from settings: Bot API server, commands, message splitting."""

from __future__ import annotations

from dataclasses import replace

from bot.shared.services import Services
from bot.telegram.application import build_application, production_builder
from bot.telegram.outgoing import split_message


def test_a_self_hosted_bot_api_server_is_used_when_configured(services: Services):
    configured = replace(
        services, settings=replace(services.settings, telegram_token="1:T",
                                   bot_api_url="http://127.0.0.1:8081/")
    )
    app = build_application(configured, builder=production_builder(configured))
    assert app.bot.base_url == "http://127.0.0.1:8081/bot1:T"
    assert app.bot.base_file_url == "http://127.0.0.1:8081/file/bot1:T"


def test_long_text_is_cut_at_paragraphs_then_lines_then_words():
    paragraphs = "\n\n".join(f"Paragraph {n} " + "word " * 300 for n in range(6))
    pieces = split_message(paragraphs, limit=4096)
    assert all(len(p) <= 4096 for p in pieces)
    assert all(p.startswith("Paragraph") for p in pieces)
    assert " ".join(pieces).split() == paragraphs.split()
    unbroken = "x" * 9000
    assert [len(p) for p in split_message(unbroken)] == [4096, 4096, 808]
    assert split_message("") == [""]
