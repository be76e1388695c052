"""The `wayfinder tag PLAN.yaml [FILE|-]` command: one JSON object per sentence (DESIGN.md).

bot/cli.py registers it with add_tag_parser(subparsers). A bad plan file prints its
PlanFileError message to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from nlp.planfile import MAX_PLAN_BYTES, PlanFileError, parse_plan

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def add_tag_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "tag",
        help="tag note text with a plan's objectives (one JSON object per sentence)",
        description="Tag each sentence of a note with the treatment-plan objectives it is "
        "about; prints one JSON object per sentence.",
    )
    parser.add_argument("plan", metavar="PLAN.yaml", help="the client's plan file")
    parser.add_argument(
        "file", nargs="?", default="-", metavar="FILE", help="note text; '-' or omitted: stdin"
    )
    parser.set_defaults(func=run_tag)
    return parser


def _paragraphs(text: str) -> Iterator[str]:
    """Sentences never cross a blank line, so a long file is tagged a paragraph at a time."""
    yield from (part for part in _PARAGRAPH_BREAK.split(text) if part.strip())


def _read_plan(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(MAX_PLAN_BYTES + 1)


def run_tag(args: argparse.Namespace) -> int:
    try:
        plan = parse_plan(_read_plan(args.plan))
    except PlanFileError as error:
        print(f"{args.plan}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{args.plan}: cannot read the plan file ({error.strerror}).", file=sys.stderr)
        return 2
    try:
        if args.file == "-":
            text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        else:
            text = Path(args.file).read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        print(f"{args.file}: cannot read the note ({error.strerror}).", file=sys.stderr)
        return 2
    from nlp.tagger import build_tagger  # spaCy loads only when there is something to tag

    tagger = build_tagger(plan)
    out = sys.stdout
    for paragraph in _paragraphs(text):
        for result in tagger.tag(paragraph):
            out.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    out.flush()
    return 0
