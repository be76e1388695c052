"""What the dialogue, the reminders and the transports share, below all three of them.

Events in and replies out (events), the bot's wording (wording), note templates (templates) and
the services a turn runs on (services). Nothing here imports bot.dialogue, bot.reminders or
bot.telegram, so each of those can use it without importing another.
"""
