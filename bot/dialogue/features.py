"""The feature modules the engine routes to; a new feature is one line here."""

from bot.dialogue import (
    addendum,
    client_list,
    dictation,
    drafts,
    export,
    general,
    group,
    lock,
    notes,
    onboarding,
    plans,
    private,
    progress,
    reminders,
    signed_notes,
    status,
)

FEATURES = [
    onboarding,
    general,
    notes,
    drafts,
    addendum,
    dictation,
    plans,
    status,
    client_list,
    export,
    progress,
    reminders,
    private,
    group,
    lock,
    signed_notes,
]
