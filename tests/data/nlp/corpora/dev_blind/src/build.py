"""Build ../statements.jsonl from the hand-written rows, shuffled per plan, and check it."""
import collections
import json
import pathlib
import random

import yaml

from rows_a import MDD, OPIOID, PANIC, SOCIAL
from rows_b import ANGER, HEALTH, HOARDING, POSTPARTUM

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent
PLANS = [("panic", PANIC), ("mdd", MDD), ("social", SOCIAL), ("opioid", OPIOID),
         ("anger", ANGER), ("hoarding", HOARDING), ("health", HEALTH), ("postpartum", POSTPARTUM)]
PROGRESS = {"improved", "worsened", "unchanged", "unknown"}


def objective_ids(plan_file):
    plan = yaml.safe_load(plan_file.read_text())
    ids = {}
    for p in plan["problems"]:
        for g in p["goals"]:
            for o in g["objectives"]:
                ids[o["id"]] = o["direction"]
    return ids


def main():
    rows = []
    for name, data in PLANS:
        ids = objective_ids(OUT / "plans" / f"{name}.yaml")
        assert len(data) == 40, (name, len(data))
        texts = [r[1] for r in data]
        assert len(set(texts)) == len(texts), name
        shuffled = list(data)
        random.Random(f"dev_blind-{name}").shuffle(shuffled)
        for i, (cat, text, gold, meas) in enumerate(shuffled, 1):
            objs = [g[0] for g in gold]
            assert len(set(objs)) == len(objs), text
            for obj, neg, prog in gold:
                assert obj in ids, (name, obj)
                assert prog in PROGRESS and isinstance(neg, bool), text
            rows.append({
                "plan": f"{name}.yaml",
                "text": text,
                "gold": [{"objective": o, "negated": n, "progress": p} for o, n, p in gold],
                "measurements": meas,
                "id": f"{name}-{i:03d}",
                "category": cat,
            })
    assert len({r["id"] for r in rows}) == len(rows)
    with open(OUT / "statements.jsonl", "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    # re-read to prove each line is valid JSON
    back = [json.loads(line) for line in open(OUT / "statements.jsonl")]
    assert len(back) == len(rows)
    report(back)


def report(rows):
    cats = collections.Counter(r["category"] for r in rows)
    per_plan = collections.defaultdict(collections.Counter)
    for r in rows:
        per_plan[r["plan"]][r["category"]] += 1
    prog = collections.Counter(g["progress"] for r in rows for g in r["gold"])
    neg = sum(g["negated"] for r in rows for g in r["gold"])
    kinds = collections.Counter(m["kind"] for r in rows for m in r["measurements"])
    prev = sum("previous" in m for r in rows for m in r["measurements"])
    flag = sum("flag" in m for r in rows for m in r["measurements"])
    untagged_meas = sum(len(r["measurements"]) for r in rows if not r["gold"])
    dictated = sum(r["text"][:1].islower() for r in rows)
    print("rows", len(rows), "tagged", sum(bool(r["gold"]) for r in rows),
          "untagged", sum(not r["gold"] for r in rows),
          "multi-label rows", sum(len(r["gold"]) > 1 for r in rows))
    print("categories", dict(cats))
    for p, c in per_plan.items():
        print(" ", p, dict(c), "dictated", sum(r["text"][:1].islower() for r in rows if r["plan"] == p))
    print("labels", sum(prog.values()), dict(prog), "negated", neg)
    print("measurements", sum(kinds.values()), dict(kinds), "previous", prev, "flag", flag,
          "on untagged rows", untagged_meas)
    print("dictated", dictated)


if __name__ == "__main__":
    main()
