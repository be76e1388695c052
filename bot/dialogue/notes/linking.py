"""The golden thread: each saved message is tagged to the client's plan objectives.

Tags live on the note (`note.tags`, encrypted): section key -> the tagger's sentence objects
(DESIGN.md's format) plus `ref`, the chat message they came from, so an edit re-tags exactly
its own text and a clinician's removal stays removed. A tag the clinician adds by hand carries
the evidence "added by clinician"; the words they point to become a learned keyword, so the
same miss does not happen twice.
"""

from __future__ import annotations

from bot.dialogue.events import Button
from bot.dialogue.notes.current import OpenNote
from bot.dialogue.turn import Turn
from nlp import build_tagger
from nlp.planfile import Plan
from storage import plans

CLINICIAN_EVIDENCE = "added by clinician"


async def client_plan(turn: Turn, opened: OpenNote):
    return await plans.current_plan(turn.session, opened.client.id)


async def tag_entry(
    turn: Turn, opened: OpenNote, section: str, ref: int | None, text: str, found=None
):
    """Tag one message's text; returns the new sentence objects (empty without a plan).

    `found` is the client's plan when the caller has already looked it up.
    """
    found = found or await client_plan(turn, opened)
    if found is None:
        return []
    row, plan = found
    learned = await plans.learned_keywords(turn.session, row.id)
    results = [
        {**result.to_json(), "ref": ref} for result in build_tagger(plan, learned).tag(text)
    ]
    tags = opened.note.tags or {}
    kept = [s for s in tags.get(section, []) if ref is None or s.get("ref") != ref]
    tags[section] = kept + results
    opened.note.tags = tags
    return results


def _cues(evidence: list[str]) -> list[str]:
    # Evidence reads "words ~ concept" for a match and "words (category)" for a modifier.
    return [item.rsplit(" (", 1)[0] for item in evidence if item.endswith(")")]


def _short(plan: Plan, objective_id: str) -> str:
    objective = plan.objective(objective_id)
    words = objective.text.split() if objective else []
    return " ".join(words[:4]) + ("…" if len(words) > 4 else "")


def describe(turn: Turn, plan: Plan, results: list[dict]) -> list[str]:
    lines = []
    for result in results:
        for tag in result["tags"]:
            cues = _cues(tag["evidence"])
            lines.append(turn.words(
                "link.line", objective=tag["objective"], name=_short(plan, tag["objective"]),
                progress=tag["progress"], cues=f" ({', '.join(cues)})" if cues else "",
            ))
    return lines


def buttons(turn: Turn, section: str, ref: int | None, results: list[dict]) -> list[list[Button]]:
    if ref is None:
        return []
    linked = sorted({tag["objective"] for r in results for tag in r["tags"]})
    row = [Button(turn.words("link.button.drop", objective=o), f"link:drop:{section}:{ref}:{o}")
           for o in linked]
    row.append(Button(turn.words("link.button.add"), f"link:add:{section}:{ref}"))
    return [row]


def drop(opened: OpenNote, section: str, ref: int, objective: str) -> bool:
    tags = opened.note.tags or {}
    dropped = False
    for sentence in tags.get(section, []):
        if sentence.get("ref") == ref:
            before = len(sentence["tags"])
            sentence["tags"] = [t for t in sentence["tags"] if t["objective"] != objective]
            dropped = dropped or len(sentence["tags"]) < before
    opened.note.tags = tags
    return dropped


def add_by_hand(opened: OpenNote, section: str, ref: int, objective: str, words: str) -> None:
    tags = opened.note.tags or {}
    tags.setdefault(section, []).append({
        "sentence": words, "ref": ref, "measurements": [],
        "tags": [{
            "objective": objective, "negated": False, "hypothetical": False,
            "historical": False, "other_person": False, "progress": "unknown",
            "evidence": [f"{words} ~ {CLINICIAN_EVIDENCE}" if words else CLINICIAN_EVIDENCE],
        }],
    })
    opened.note.tags = tags


def touches_an_objective(opened: OpenNote) -> bool:
    return any(s["tags"] for sentences in (opened.note.tags or {}).values() for s in sentences)
