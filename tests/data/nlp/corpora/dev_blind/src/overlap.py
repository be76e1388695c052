"""Report tagged rows whose text shares a content word (5-letter stem, words over 3 letters,
common function words removed) with one of its gold objectives' text."""
import collections
import json
import pathlib
import re

import yaml

OUT = pathlib.Path(__file__).resolve().parent.parent
STOP = set("""with from that this than they them then their there what when will would into
about after before each most more less over under only also have been were does done very
just some such your yours ours least times week weeks days daily per""".split())


def stems(text):
    return {w.lower()[:5] for w in re.findall(r"[A-Za-z][A-Za-z'-]*", text)
            if len(w) > 3 and w.lower() not in STOP}


def main(verbose=False):
    objs = {}
    for f in (OUT / "plans").glob("*.yaml"):
        for pr in yaml.safe_load(f.read_text())["problems"]:
            for g in pr["goals"]:
                for o in g["objectives"]:
                    objs[(f.name, o["id"])] = o["text"]
    rows = [json.loads(line) for line in open(OUT / "statements.jsonl")]
    tagged = [r for r in rows if r["gold"]]
    shared = collections.Counter()
    n_shared = 0
    for r in tagged:
        common = stems(r["text"]) & set().union(*[stems(objs[(r["plan"], g["objective"])]) for g in r["gold"]])
        if common:
            n_shared += 1
            shared.update(common)
            if verbose:
                print(r["id"], sorted(common), "::", r["text"])
    print(f"tagged {len(tagged)}; share no content word with a gold objective: {len(tagged) - n_shared}")
    if verbose:
        print(shared.most_common(40))


if __name__ == "__main__":
    import sys
    main("-v" in sys.argv)
