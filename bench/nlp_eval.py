"""Quality of the objective tagger on labelled sets: prints one row per set, or one set's errors.

Measures what the labelling standard asks (tests/data/nlp/README.md): precision, recall and F1 of
(sentence, objective) pairs; accuracy of `negated` and of `progress` on the pairs linked right;
precision and recall of measurements, matched by kind, value and previous value (names are
matched loosely by the standard, so they are not compared).

Usage: python bench/nlp_eval.py                    every set, one row each
       python bench/nlp_eval.py --set NAME --errors one set, and every disagreement
       python bench/nlp_eval.py --corpus DIR        any corpus folder (statements.jsonl + plans/)

The sets (tests/data/nlp/README.md says how far each is still unseen):
  development   labels.txt, written by the project before the first tagger
  heldout1/2    heldout_labels.txt, heldout2_labels.txt, read when rules were added since
  dev_blind     corpora/dev_blind: written blind to the tagger, used to develop its rules
  shared        corpora/shared: written independently; a check, never tuned sentence by sentence
  heldout_final corpora/heldout_final: written blind, kept back and run once (when present)
  fresh_2026-12-03  corpora/fresh_2026-12-03: the issue-11 round's own held-out set, scored
                once before and once after that round, never tuned on
  blind_2026-12-03  corpora/blind_2026-12-03: written blind to the tagger (six presentations
                new to it), scored once before and once after the linking round, never read
                to change rules; in the repository since, so later rounds have seen it
  blind2_2026-12-03  corpora/blind2_2026-12-03: written blind (six more presentations), kept
                out of the repository while the afternoon's rounds ran, scored once before
                and once after them; seen since
  blind3_2026-12-04  corpora/blind3_2026-12-04: written blind (six more presentations), kept
                out of the repository while the rounds of 2026-12-04 ran, scored once before
                and once after them; seen since
  blind4_2026-12-04  corpora/blind4_2026-12-04: written blind (six more presentations), kept
                out of the repository while the evening's rounds of 2026-12-04 ran, scored
                once before and once after them; seen since
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp import build_tagger  # noqa: E402
from nlp.planfile import parse_plan  # noqa: E402

DATA = ROOT / "tests" / "data" / "nlp"
CORPORA = DATA / "corpora"
LABEL_FILES = {
    "development": "labels.txt",
    "heldout1": "heldout_labels.txt",
    "heldout2": "heldout2_labels.txt",
}
CORPUS_SETS = (
    "dev_blind", "shared", "fresh_2026-12-03", "blind_2026-12-03", "blind2_2026-12-03",
    "blind3_2026-12-04", "blind4_2026-12-04", "blind5_2026-12-06",
    "blind6_2026-12-06", "blind7_2026-12-06", "heldout_final",
)


@dataclass
class Example:
    plan: Path
    text: str
    tags: dict[str, tuple[bool, str]]  # objective -> (negated, progress)
    measurements: list[dict]
    category: str = "-"


def load_label_file(path: Path) -> list[Example]:
    """The project's own format: `# plan: NAME` lines, then `SENTENCE => TAGS ;; MEASUREMENT`."""
    examples = []
    plan = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("# plan:"):
            plan = DATA / "plans" / f"{line.split(':', 1)[1].strip()}.yaml"
            continue
        if line.startswith("#"):
            continue
        text, _, rest = line.partition(" => ")
        parts = rest.split(" ;; ")
        tags = {}
        for item in parts[0].split():
            if item == "-":
                continue
            fields = item.split(":")
            tags[fields[0]] = ("neg" in fields[1:-1], fields[-1])
        if plan is None or not rest:
            raise SystemExit(f"{path.name} line {number}: no plan or no labels")
        examples.append(Example(plan, text.strip(), tags, [json.loads(p) for p in parts[1:]]))
    return examples


def load_corpus(folder: Path) -> list[Example]:
    """A corpus folder in the shared format: statements.jsonl and plans/*.yaml."""
    examples = []
    for line in (folder / "statements.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            tags = {g["objective"]: (bool(g["negated"]), g["progress"]) for g in row["gold"]}
            examples.append(
                Example(
                    folder / "plans" / row["plan"],
                    row["text"],
                    tags,
                    row["measurements"],
                    row.get("category", "-"),
                )
            )
    return examples


def load_set(name: str) -> list[Example]:
    if name in LABEL_FILES:
        return load_label_file(DATA / LABEL_FILES[name])
    return load_corpus(CORPORA / name)


def available_sets() -> list[str]:
    return [*LABEL_FILES, *(n for n in CORPUS_SETS if (CORPORA / n / "statements.jsonl").exists())]


def _key(m: dict) -> tuple:
    return (
        m.get("kind"),
        float(m.get("value")),
        None if m.get("previous") is None else float(m["previous"]),
    )


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    negated_right: int = 0
    progress_right: int = 0
    m_tp: int = 0
    m_fp: int = 0
    m_fn: int = 0
    by_category: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))


def evaluate(examples: list[Example], show_errors: bool = False) -> dict[str, float]:
    taggers: dict[Path, object] = {}
    c = Counts()
    for example in examples:
        if example.plan not in taggers:
            taggers[example.plan] = build_tagger(parse_plan(example.plan.read_bytes()))
        results = taggers[example.plan].tag(example.text)
        predicted = {}
        predicted_measurements = []
        for result in results:
            for tag in result.tags:
                predicted.setdefault(tag.objective, tag)
            predicted_measurements += [m.to_json() for m in result.measurements]
        errors = _compare_tags(example, predicted, c)
        errors += _compare_measurements(example, predicted_measurements, c)
        if show_errors and errors:
            print(f"[{example.plan.stem} {example.category}] {example.text}")
            for error in errors:
                print(f"    {error}")
    precision = c.tp / (c.tp + c.fp) if c.tp + c.fp else 0.0
    recall = c.tp / (c.tp + c.fn) if c.tp + c.fn else 0.0
    figures = {
        "sentences": len(examples),
        "plans": len(taggers),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "negated_accuracy": c.negated_right / c.tp if c.tp else 0.0,
        "progress_accuracy": c.progress_right / c.tp if c.tp else 0.0,
        "measurement_precision": c.m_tp / (c.m_tp + c.m_fp) if c.m_tp + c.m_fp else 0.0,
        "measurement_recall": c.m_tp / (c.m_tp + c.m_fn) if c.m_tp + c.m_fn else 0.0,
    }
    if show_errors:
        print("per category (tp, fp, fn):", dict(sorted(c.by_category.items())))
    return figures


def _compare_tags(example: Example, predicted: dict, c: Counts) -> list[str]:
    errors = []
    category = c.by_category[example.category]
    for objective, (negated, progress) in example.tags.items():
        tag = predicted.get(objective)
        if tag is None:
            c.fn += 1
            category[2] += 1
            errors.append(f"missed {objective}")
            continue
        c.tp += 1
        category[0] += 1
        c.negated_right += tag.negated == negated
        c.progress_right += tag.progress == progress
        if tag.negated != negated or tag.progress != progress:
            errors.append(
                f"{objective}: negated {tag.negated} (want {negated}), progress {tag.progress} "
                f"(want {progress}) {tag.evidence}"
            )
    for objective in predicted.keys() - example.tags.keys():
        c.fp += 1
        category[1] += 1
        errors.append(f"extra {objective} {predicted[objective].evidence}")
    return errors


def _compare_measurements(example: Example, predicted: list[dict], c: Counts) -> list[str]:
    wanted = [_key(m) for m in example.measurements]
    got = [_key(m) for m in predicted]
    unmatched = list(got)
    missing = []
    for key in wanted:
        if key in unmatched:
            unmatched.remove(key)
            c.m_tp += 1
        else:
            c.m_fn += 1
            missing.append(key)
    c.m_fp += len(unmatched)
    if missing or unmatched:
        return [f"measurements {predicted} (want {example.measurements})"]
    return []


def _row(name: str, f: dict) -> str:
    return (
        f"{name:17} {f['sentences']:5} {f['precision']:6.3f} {f['recall']:6.3f} {f['f1']:6.3f} "
        f"{f['negated_accuracy']:7.3f} {f['progress_accuracy']:8.3f} "
        f"{f['measurement_precision']:6.3f} {f['measurement_recall']:6.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[*LABEL_FILES, *CORPUS_SETS], help="one set only")
    parser.add_argument("--corpus", type=Path, help="a corpus folder in the shared format")
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    args = parser.parse_args()
    if args.corpus or args.set:
        examples = load_corpus(args.corpus) if args.corpus else load_set(args.set)
        figures = evaluate(examples, show_errors=args.errors)
        for key, value in figures.items():
            print(f"{key:24} {value:.3f}" if isinstance(value, float) else f"{key:24} {value}")
        return
    print(
        f"{'set':17} {'sent.':>5} {'P':>6} {'R':>6} {'F1':>6} {'negated':>7} {'progress':>8} "
        f"{'meas P':>6} {'meas R':>6}"
    )
    for name in available_sets():
        print(_row(name, evaluate(load_set(name))))


if __name__ == "__main__":
    main()
