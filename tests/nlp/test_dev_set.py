"""The development set stays above issue 4's quality targets (bench/nlp_eval.py prints them)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "nlp_eval.py"


def test_dev_set_meets_targets() -> None:
    spec = importlib.util.spec_from_file_location("nlp_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    examples = module.load_examples()
    assert len(examples) >= 300
    assert len({e.plan for e in examples}) >= 6
    figures = module.evaluate(examples)
    assert figures["f1"] >= 0.90
    assert figures["progress_accuracy"] >= 0.85
