"""Reminders: when they are due (schedule), which rows to keep (planner), what they say
(compose), the clinician's own reminders in plain words (own), and sending them (dispatcher).

Transport-free like `bot.dialogue`: the dispatcher awaits a `send(clinician_id, reply)` that the
transport supplies (Telegram: `bot.telegram.sender.make_sender`).
"""
