"""Note templates from TOML files: sections with a prompt, a hint, required or optional.

A file is a template when it has a `[template]` table. A broken file is reported by name and
problem; the rest still load, so one typo in a practice's folder never takes the bot down.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from bot.dialogue.wording import PROMPTS_DIR


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    prompt: str
    hint: str
    required: bool


@dataclass(frozen=True)
class Template:
    key: str
    name: str
    description: str
    sections: tuple[Section, ...]

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
        sections.append(
            Section(
                key=raw["key"],
                title=raw["title"],
                prompt=raw["prompt"],
                hint=str(raw.get("hint", "")),
                required=bool(raw.get("required", True)),
            )
        )
    return Template(
        key=head["key"].strip().lower(),
        name=head["name"].strip(),
        description=str(head.get("description", "")),
        sections=tuple(sections),
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

    def __iter__(self):
        return iter(self.templates.values())
