"""Quality of the objective tagger on the labelled development set (tests/data/nlp).

Prints precision, recall and F1 of (sentence, objective) pairs, accuracy of `negated` and of
`progress` on correctly linked pairs, and exact match of measurements.
Usage: python bench/nlp_eval.py [--errors] [--labels heldout_labels.txt]
labels.txt is the development set (labelled before tuning); heldout_labels.txt was written after
the first tagger version, heldout2_labels.txt before the issue-4 follow-up (see
tests/data/nlp/README.md for how far each is still unseen).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp import build_tagger  # noqa: E402
from nlp.planfile import parse_plan  # noqa: E402

DATA = ROOT / "tests" / "data" / "nlp"


@dataclass
class Example:
    plan: str
    text: str
    tags: dict[str, tuple[bool, str]]  # objective -> (negated, progress)
    measurements: list[dict]


def load_examples(path: Path = DATA / "labels.txt") -> list[Example]:
    examples = []
    plan = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("# plan:"):
            plan = line.split(":", 1)[1].strip()
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
        measurements = [json.loads(p) for p in parts[1:]]
        if plan is None or not rest:
            raise SystemExit(f"labels.txt line {number}: no plan or no labels")
        examples.append(Example(plan, text.strip(), tags, measurements))
    return examples


def _canonical(measurements: list[dict]) -> list[str]:
    return sorted(json.dumps(m, sort_keys=True) for m in measurements)


def evaluate(examples: list[Example], show_errors: bool = False) -> dict[str, float]:
    taggers = {}
    tp = fp = fn = 0
    negated_right = progress_right = 0
    measured = measured_right = 0
    for example in examples:
        if example.plan not in taggers:
            plan_file = DATA / "plans" / f"{example.plan}.yaml"
            taggers[example.plan] = build_tagger(parse_plan(plan_file.read_text("utf-8")))
        results = taggers[example.plan].tag(example.text)
        predicted: dict[str, tuple[bool, str, list[str]]] = {}
        predicted_measurements = []
        for result in results:
            for tag in result.tags:
                predicted.setdefault(tag.objective, (tag.negated, tag.progress, tag.evidence))
            predicted_measurements += [m.to_json() for m in result.measurements]
        errors = []
        for objective, (negated, progress) in example.tags.items():
            if objective not in predicted:
                fn += 1
                errors.append(f"missed {objective}")
                continue
            tp += 1
            got_negated, got_progress, evidence = predicted[objective]
            negated_right += got_negated == negated
            progress_right += got_progress == progress
            if got_negated != negated or got_progress != progress:
                errors.append(
                    f"{objective}: negated {got_negated} (want {negated}), progress "
                    f"{got_progress} (want {progress}) {evidence}"
                )
        for objective in predicted.keys() - example.tags.keys():
            fp += 1
            errors.append(f"extra {objective} {predicted[objective][2]}")
        if example.measurements or predicted_measurements:
            measured += 1
            if _canonical(example.measurements) == _canonical(predicted_measurements):
                measured_right += 1
            else:
                errors.append(
                    f"measurements {predicted_measurements} (want {example.measurements})"
                )
        if show_errors and errors:
            print(f"[{example.plan}] {example.text}")
            for error in errors:
                print(f"    {error}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(examples),
        "plans": len(taggers),
        "pairs_labelled": tp + fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "negated_accuracy": negated_right / tp if tp else 0.0,
        "progress_accuracy": progress_right / tp if tp else 0.0,
        "measurement_sentences": measured,
        "measurement_exact_match": measured_right / measured if measured else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    parser.add_argument("--labels", default="labels.txt", help="a label file in tests/data/nlp")
    args = parser.parse_args()
    figures = evaluate(load_examples(DATA / args.labels), show_errors=args.errors)
    for key, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{key:26} {shown}")


if __name__ == "__main__":
    main()
