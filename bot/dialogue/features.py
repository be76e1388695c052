"""The feature modules the engine routes to; a new feature is one line here."""

from bot.dialogue import drafts, general, notes, onboarding

FEATURES = [onboarding, general, notes, drafts]
