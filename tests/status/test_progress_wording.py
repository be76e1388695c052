"""The progress wording covers every key the progress code names, and every family it builds."""

from __future__ import annotations

import re
from pathlib import Path

from bot.progress.evidence import KINDS, KNOWN_PROGRESS
from bot.shared.wording import Wording

CODE = Path(__file__).resolve().parents[2] / "bot" / "dialogue"


def test_every_literal_progress_key_in_the_code_exists():
    keys = Wording.load().keys()
    used = {
        key
        for source in CODE.glob("progress*.py")
        for key in re.findall(r'"(progress\.[a-z_]+(?:\.[a-z_]+)*)"', source.read_text())
    }
    bases = {key for key in used if any(k.startswith(f"{key}.") for k in keys)}  # of a family
    assert len(used) > 20 and not used - bases - keys, sorted(used - bases - keys)


def test_every_key_family_is_complete():
    keys = Wording.load().keys()
    families = [
        f"progress.trend.{t}" for t in ("improving", "worsening", "flat", "too_little_data")
    ]
    families += [f"progress.source.{rule}" for rule in ("measure", "tagged")]
    families += [f"progress.how.{how}" for how in ("instrument", "named", "absent", "keyword")]
    families += ["progress.how.linked"]
    families += [f"progress.word.{p}" for p in (*KNOWN_PROGRESS, "unknown", "not_client")]
    families += [
        f"{base}.{kind}" for base in ("progress.label", "progress.amount") for kind in KINDS
    ]
    families += [f"progress.chart.axis.{kind}" for kind in KINDS]
    # the tagger's periods and units (nlp/data/measurements.json) read as words, not codes
    families += [f"progress.amount.frequency_in.{p}" for p in ("day", "night", "week", "month")]
    families += [
        f"progress.amount.duration_in.{u}" for u in ("minute", "hour", "day", "week", "month")
    ]
    families += [
        f"progress.chart.axis.duration_in.{u}" for u in ("minute", "hour", "day", "week", "month")
    ]
    assert not set(families) - keys, sorted(set(families) - keys)
