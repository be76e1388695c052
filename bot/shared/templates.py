"""Note templates from TOML files: sections with a prompt, a hint, required or optional.

`kind` in `[template]` says who a note is about: "individual" (the default, offered by /note),
"group" or "individualized_group" (offered by /group; see bot/dialogue/group/). In a group
template, sections marked `member = true` are written once per member, after the shared ones.
`spoken` lists the words that, said at the start of a sentence in a dictation, head that section
(bot/dialogue/headings.py); the title when the file names none.

A file is a template when it has a `[template]` table. A broken file is reported by name and
problem; the rest still load, so one typo in a practice's folder never takes the bot down.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from bot.shared.wording import PROMPTS_DIR


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    prompt: str
    hint: str
    required: bool
    member: bool = False  # a group template's per-member section
    spoken: tuple[str, ...] = ()  # spoken headings ("Subjective"), the title by default


INDIVIDUAL = "individual"
KINDS = (INDIVIDUAL, "group", "individualized_group")


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    description: str
    sections: tuple[Section, ...]
    kind: str = INDIVIDUAL

    @property
    def shared_count(self) -> int:
        """How many sections, from the start, every group member shares."""
        return sum(1 for section in self.sections if not section.member)

    @property
    def section_keys(self) -> list[str]:
        return [section.key for section in self.sections]


class TemplateError(Exception):
    pass


def parse_template(data: dict) -> Template:
    head = data.get("template")
    if not isinstance(head, dict):
        raise TemplateError("no [template] table")
    for field_name in ("key", "name"):
        if not isinstance(head.get(field_name), str) or not head[field_name].strip():
            raise TemplateError(f"[template] needs a '{field_name}'")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise TemplateError("needs at least one [[sections]] entry")
    sections, seen = [], set()
    for number, raw in enumerate(raw_sections, start=1):
        missing = [k for k in ("key", "title", "prompt") if not isinstance(raw.get(k), str)]
        if missing:
            raise TemplateError(f"section {number} lacks {', '.join(missing)}")
        if raw["key"] in seen:
            raise TemplateError(f"section key '{raw['key']}' appears twice")
        seen.add(raw["key"])
        spoken = raw.get("spoken", [raw["title"]])
        if not isinstance(spoken, list) or not all(
            isinstance(word, str) and word.strip() for word in spoken
        ):
            raise TemplateError(f"section '{raw['key']}': spoken must be a list of words")
        sections.append(
            Section(
                key=raw["key"],
                title=raw["title"],
                prompt=raw["prompt"],
                hint=str(raw.get("hint", "")),
                required=bool(raw.get("required", True)),
                member=bool(raw.get("member", False)),
                spoken=tuple(word.strip() for word in spoken),
            )
        )
    kind = head.get("kind", INDIVIDUAL)
    if kind not in KINDS:
        raise TemplateError(f"[template] kind must be one of {', '.join(KINDS)}")
    members = [section.member for section in sections]
    if any(members) and (kind == INDIVIDUAL or members != sorted(members)):
        raise TemplateError("member sections belong to group templates, after the shared ones")
    return Template(
        key=head["key"].strip().lower(),
        name=head["name"].strip(),
        description=str(head.get("description", "")),
        sections=tuple(sections),
        kind=kind,
    )


class TemplateLibrary:
    def __init__(self, templates: dict[str, Template], problems: list[str]):
        self.templates = templates
        self.problems = problems

    @classmethod
    def load(cls, extra_dir: Path | None = None) -> TemplateLibrary:
        templates: dict[str, Template] = {}
        problems: list[str] = []
        files = sorted(PROMPTS_DIR.glob("*.toml"))
        if extra_dir is not None:
            files += sorted(extra_dir.glob("*.toml"))
        for path in files:
            try:
                with path.open("rb") as handle:
                    data = tomllib.load(handle)
                if "template" not in data and path.parent == PROMPTS_DIR:
                    continue  # wording and other data files live beside the templates
                template = parse_template(data)
            except (tomllib.TOMLDecodeError, TemplateError, UnicodeDecodeError) as problem:
                problems.append(f"{path.name}: {problem}")
                continue
            templates[template.key] = template
        return cls(templates, problems)

    def get(self, key: str) -> Template | None:
        return self.templates.get(key.lower())

    def of_kind(self, *kinds: str) -> list[Template]:
        return [template for template in self.templates.values() if template.kind in kinds]

    def __iter__(self):
        return iter(self.templates.values())
