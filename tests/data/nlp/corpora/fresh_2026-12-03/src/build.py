"""Writes statements.jsonl of the fresh held-out set from the hand-written rows below.

Rows were written from LABELLING.md and the three plans alone, before any rule of the
issue-11 round changed; the set is scored once before and once after that round, never tuned on.
Each row: plan, text, gold as "O1:neg:improved O2:unknown" (or "-"), measurements, category.
"""

import json
from pathlib import Path

D = {"kind": "duration"}
F = {"kind": "frequency"}
R = {"kind": "rating"}

ROWS = [
    ("insomnia", "Got roughly seven hours most nights this week.", "O1:improved",
     [{**D, "name": "sleep", "value": 7, "unit": "hour"}], "paraphrase"),
    ("insomnia", "Out of bed by 6:30 every morning, weekends included.", "O2:improved", [], "paraphrase"),
    ("insomnia", "Switched to decaf after lunch.", "O3:improved", [], "paraphrase"),
    ("insomnia", "Had three lattes yesterday to get through a deadline.", "O3:unknown",
     [{**F, "name": "latte", "value": 3, "period": "day"}], "measurement"),
    ("insomnia", "Left the sleep log blank for most of the week.", "O4:neg:worsened", [], "negation"),
    ("insomnia", "Brought in a fully filled-in sleep diary.", "O4:improved", [], "paraphrase"),
    ("insomnia", "Kept the same alarm time all week, even on Sunday.", "O2:improved", [], "paraphrase"),
    ("insomnia", "Still lying awake until 2 most nights.", "O1:unchanged", [], "paraphrase"),
    ("insomnia", "Only managed about 4 hours on Wednesday night.", "O1:worsened",
     [{**D, "name": "sleep", "value": 4, "unit": "hour"}], "measurement"),
    ("insomnia", "Her husband drinks coffee late at night.", "-", [], "experiencer"),
    ("insomnia", "Plan: cut the afternoon espresso and keep the diary every morning.",
     "O3:unknown O4:unknown", [], "hypothetical"),
    ("insomnia", "Total sleep up to 6 hours from 4.5 at intake.", "O1:improved",
     [{**D, "name": "sleep", "value": 6, "unit": "hour", "previous": 4.5}], "measurement"),
    ("alcohol", "Stayed dry the whole weekend despite the wedding.", "O1:neg:improved", [], "paraphrase"),
    ("alcohol", "Went to two meetings this week, one of them a Big Book study.", "O2:improved",
     [{**F, "name": "meeting", "value": 2, "period": "week"}], "measurement"),
    ("alcohol", "Skipped his Thursday AA meeting to work late.", "O2:neg:worsened", [], "negation"),
    ("alcohol", "Urges were around 3/10 most evenings, lower than last week.", "O4:improved",
     [{**R, "name": "urge", "value": 3, "scale": 10}], "measurement"),
    ("alcohol", "When the urge hit after work he went for a run and called his sponsor.",
     "O4:unknown O3:improved", [], "multi"),
    ("alcohol", "Had a six-pack on Friday night watching the game.", "O1:unknown", [], "paraphrase"),
    ("alcohol", "His brother got a DUI last month.", "-", [], "experiencer"),
    ("alcohol", "Has been drinking more water and herbal tea in the evenings.", "-", [], "distractor"),
    ("alcohol", "Poured the rest of the whisky down the sink rather than finish the bottle.",
     "O1:improved", [], "paraphrase"),
    ("alcohol", "Relapsed on Saturday after three weeks sober.", "O1:worsened",
     [{**D, "name": "sober", "value": 3, "unit": "week"}], "measurement"),
    ("adolescent", "No meltdowns at home since last session.", "O1:neg:improved", [], "negation"),
    ("adolescent", "Made it to school Monday through Thursday.", "O3:improved", [], "paraphrase"),
    ("adolescent", "Refused to get out of the car at the school gate twice this week.",
     "O3:neg:worsened", [{**F, "name": None, "value": 2, "period": "week"}], "negation"),
    ("adolescent", "Mom put a sticker on the chart every time he got ready on time.", "O4:improved",
     [], "reported_by_other"),
    ("adolescent", "His younger sister had a tantrum at dinner.", "-", [], "experiencer"),
    ("adolescent",
     "When he felt himself getting wound up, he went to his room and did his squeeze-and-release.",
     "O2:improved", [], "paraphrase"),
    ("adolescent", "Screamed and slammed doors for an hour when the Xbox was taken away.", "O1:unknown",
     [{**D, "name": "outburst", "value": 1, "unit": "hour"}], "paraphrase"),
    ("adolescent", "Parents have not followed through on the agreed consequences.", "O4:neg:worsened",
     [], "negation"),
    ("adolescent", "Teacher reports he was in class every day this week.", "O3:improved", [],
     "reported_by_other"),
    ("adolescent", "Therapist reviewed the praise plan with both parents.", "O4:unknown", [], "paraphrase"),
]


def gold(spec: str) -> list[dict]:
    if spec == "-":
        return []
    out = []
    for item in spec.split():
        fields = item.split(":")
        out.append({"objective": fields[0], "negated": "neg" in fields, "progress": fields[-1]})
    return out


def main() -> None:
    folder = Path(__file__).resolve().parent.parent
    lines = []
    counts: dict[str, int] = {}
    for plan, text, spec, measurements, category in ROWS:
        counts[plan] = counts.get(plan, 0) + 1
        row = {
            "plan": f"{plan}.yaml",
            "text": text,
            "gold": gold(spec),
            "measurements": measurements,
            "id": f"{plan}-{counts[plan]:03d}",
            "category": category,
        }
        lines.append(json.dumps(row))
    assert len({json.loads(x)["text"] for x in lines}) == len(lines)
    (folder / "statements.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(len(lines), "rows", counts)


if __name__ == "__main__":
    main()
