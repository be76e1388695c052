"""Test support: an in-process fake Telegram Bot API and a conversation harness over PTB."""
