"""The feature modules the engine routes to; a new feature is one line here."""

from bot.dialogue import (
    addendum,
    client_list,
    clients,
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
    clients,
    export,
    progress,
    reminders,
    private,
    group,
    lock,
]
