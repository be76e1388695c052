"""`/audit`: the last accesses of the clinician's own records, from the audit trail.

Only their own chain (storage/audit.py): what was read, signed, exported or unlocked, when and
from where; never content. A client is named by code, found through the clinician's own clients.
"""

from __future__ import annotations

from bot.dialogue.routes import Routes
from bot.dialogue.turn import Turn
from bot.shared import dates

SHOWN = 20


async def audit_command(turn: Turn) -> None:
    await turn.store.audit.record("read", turn.now, "audit")
    rows = await turn.store.audit.recent(SHOWN)
    lines = [turn.words("audit.heading", count=len(rows))]
    for row in rows:
        client = await turn.store.clients.own(row.client_id)
        lines.append(
            turn.words(
                "audit.line",
                when=dates.short_moment(turn.local(row.at)),
                action=turn.words(f"audit.action.{row.action}"),
                record=turn.words(f"audit.record.{row.record_type or 'none'}"),
                client=f" · {client.code}" if client is not None else "",
                transport=row.transport,
            )
        )
    turn.reply("\n".join(lines))


ROUTES = Routes(commands={"audit": audit_command})
