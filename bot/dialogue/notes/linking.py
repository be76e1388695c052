"""The golden thread: each saved message is tagged to the client's plan objectives.

Tags live on the note (`note.tags`, encrypted): section key -> the tagger's sentence objects
(docs/formats.md) plus `ref`, the chat message they came from, so an edit re-tags exactly
its own text and a clinician's removal stays removed. A tag the clinician adds by hand carries
the evidence "added by clinician"; the words they point to become a learned keyword, so the
same miss does not happen twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.dialogue.turn import Turn
from bot.logsafe import describe_failure
from bot.shared.events import Button
from nlp import Tagger, build_tagger
from nlp.planfile import Plan
from storage.memo import Memo
from storage.models import Plan as PlanRow
from storage.open_note import OpenNote

CLINICIAN_EVIDENCE = "added by clinician"

log = logging.getLogger(__name__)

_taggers: Memo[Tagger] = Memo(size=256)


@dataclass
class ClientPlan:
    """The client's current plan, with the keywords clinicians taught the tagger for it."""

    row: PlanRow
    plan: Plan
    learned: dict[str, list[str]]

    @property
    def tagger(self) -> Tagger:
        # A plan row and version number name one immutable version; with the same learned
        # keywords, the tagger built for it last time is the same tagger.
        learned = tuple((o, tuple(k)) for o, k in sorted(self.learned.items()))
        key = (self.row.id, self.row.current_version, learned)
        return _taggers.find(key) or _taggers.keep(key, build_tagger(self.plan, self.learned))


async def client_plan(turn: Turn, opened: OpenNote) -> ClientPlan | None:
    found = await turn.store.plans.for_tagging(opened.client.id)
    return None if found is None else ClientPlan(*found)


async def tag_entry(
    turn: Turn,
    opened: OpenNote,
    section: str,
    ref: int | None,
    text: str,
    found: ClientPlan | None = None,
) -> list[dict] | None:
    """Tag one message's text; returns the new sentence objects (empty without a plan), or
    None when the tagger failed: the message then stays in the note, untagged.

    `found` is the client's plan when the caller has already looked it up. The section key
    tells the tagger that an Intervention's or a Plan's sentences are not client progress.
    """
    found = found or await client_plan(turn, opened)
    if found is None:
        return []
    tags = opened.note.tags or {}
    kept = [s for s in tags.get(section, []) if ref is None or s.get("ref") != ref]
    try:
        results = [
            {**result.to_json(), "ref": ref}
            for result in found.tagger.tag(text, section=section)
        ]
    except Exception as failure:  # the NLP never costs a word: the text is already stored
        log.error("tagging failed, message left untagged: %s", describe_failure(failure))
        results = None
    tags[section] = kept + (results or [])
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
