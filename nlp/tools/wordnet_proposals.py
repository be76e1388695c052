"""Build-time helper only: the tagger never imports this module, and nothing runs it at run time.

Proposes lexicon terms from the WordNet 3.0 database files (Debian's `wordnet-base`, installed
with `apt-get install wordnet-base`; it lands in /usr/share/wordnet). The data files are parsed
directly (no nltk). For a term it prints, per sense: the synonyms of the synset, its gloss, and
close relations (hyponyms, derivationally related forms, similar adjectives, verb groups, also-see,
antonyms as hints for `absent`). A maintainer then CURATES: WordNet lists many senses no progress
note uses, so keep only what a clinician would write in a note with the concept's meaning.

    python -m nlp.tools.wordnet_proposals "panic attack"
    python -m nlp.tools.wordnet_proposals worry --pos v --depth 2
    python -m nlp.tools.wordnet_proposals binge --flat          # one proposal a line
    python -m nlp.tools.wordnet_proposals --irregular sleep     # inflections from the .exc files

WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Used under the
WordNet 3.0 licence (see /usr/share/doc/wordnet-base/copyright): permission to use, copy,
modify and distribute for any purpose and without fee, provided the copyright notice and
disclaimer appear on all copies. The database is not copied into this repository; only curated
terms that a maintainer chose are.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

WORDNET_DIR = Path(os.environ.get("WNSEARCHDIR", "/usr/share/wordnet"))
POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
POS_NAMES = {"n": "noun", "v": "verb", "a": "adjective", "s": "adjective", "r": "adverb"}

# Pointer symbols (wninput(5WN)) and the label this tool prints for each.
RELATIONS = {
    "~": "hyponym",
    "~i": "instance",
    "+": "derivation",
    "&": "similar",
    "$": "verb group",
    "^": "also see",
    "!": "antonym",
    "*": "entails",
    "<": "participle of",
    "\\": "pertains to",
    "=": "attribute",
}
# Relations followed by default, and the ones printed only with --all.
DEFAULT_RELATIONS = ("~", "+", "&", "$", "^", "!")

# Morphy's detachment rules (morph(3WN)): suffix -> replacement, per part of speech.
DETACHMENT = {
    "n": [
        ("s", ""),
        ("ses", "s"),
        ("xes", "x"),
        ("zes", "z"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("men", "man"),
        ("ies", "y"),
    ],
    "v": [
        ("s", ""),
        ("ies", "y"),
        ("es", "e"),
        ("es", ""),
        ("ed", "e"),
        ("ed", ""),
        ("ing", "e"),
        ("ing", ""),
    ],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}


class WordNetMissing(RuntimeError):
    pass


@dataclass
class Pointer:
    symbol: str
    offset: int
    pos: str
    source: int  # 0: the whole synset; else 1-based word number in the source synset
    target: int  # 0: the whole synset; else 1-based word number in the target synset


@dataclass
class Synset:
    offset: int
    pos: str  # n, v, a, s, r
    lexname: int
    words: list[str]
    pointers: list[Pointer] = field(default_factory=list)
    gloss: str = ""

    def lemmas(self) -> list[str]:
        return [w.replace("_", " ") for w in self.words]


def _path(kind: str, pos: str) -> Path:
    path = WORDNET_DIR / f"{kind}.{POS_FILES[pos]}"
    if not path.exists():
        raise WordNetMissing(
            f"{path} not found: install Debian's wordnet-base (apt-get install wordnet-base) "
            "or set WNSEARCHDIR to a WordNet 3.0 dict folder"
        )
    return path


@cache
def _index(pos: str) -> dict[str, list[int]]:
    """lemma -> synset offsets in sense order, from index.<pos>."""
    entries: dict[str, list[int]] = {}
    with _path("index", pos).open(encoding="latin-1") as handle:
        for line in handle:
            if line.startswith("  "):
                continue  # licence header
            parts = line.split()
            lemma, p_cnt = parts[0], int(parts[3])
            synset_cnt = int(parts[2])
            rest = parts[4 + p_cnt :]
            # rest: sense_cnt tagsense_cnt offset...
            entries[lemma] = [int(o) for o in rest[2 : 2 + synset_cnt]]
    return entries


@cache
def _exceptions(pos: str) -> dict[str, list[str]]:
    """inflected form -> base forms, from <pos>.exc."""
    table: dict[str, list[str]] = {}
    path = WORDNET_DIR / f"{POS_FILES[pos]}.exc"
    if path.exists():
        with path.open(encoding="latin-1") as handle:
            for line in handle:
                parts = line.split()
                if len(parts) >= 2:
                    table.setdefault(parts[0], []).extend(parts[1:])
    return table


@cache
def _data_handle(pos: str):
    return _path("data", "a" if pos == "s" else pos).open("rb")


@cache
def synset(pos: str, offset: int) -> Synset:
    handle = _data_handle(pos)
    handle.seek(offset)
    line = handle.readline().decode("latin-1")
    body, _, gloss = line.partition(" | ")
    parts = body.split()
    ss_type, lexname = parts[2], int(parts[1])
    w_cnt = int(parts[3], 16)
    words = []
    for k in range(w_cnt):
        word = parts[4 + 2 * k]
        if word.endswith(")") and "(" in word:  # adjective markers: (a) (p) (ip)
            word = word[: word.index("(")]
        words.append(word.lower())
    i = 4 + 2 * w_cnt
    p_cnt = int(parts[i])
    pointers = []
    for k in range(p_cnt):
        symbol, off, ppos, st = parts[i + 1 + 4 * k : i + 5 + 4 * k]
        pointers.append(Pointer(symbol, int(off), ppos, int(st[:2], 16), int(st[2:], 16)))
    return Synset(int(parts[0]), ss_type, lexname, words, pointers, gloss.strip())


def base_forms(word: str, pos: str) -> list[str]:
    """Morphy: the word, its exception-list bases, then detachment-rule bases in the index."""
    word = word.lower().strip().replace(" ", "_").replace("-", "_")
    index = _index(pos)
    found: list[str] = []
    candidates = [word, *_exceptions(pos).get(word, [])]
    for suffix, replacement in DETACHMENT[pos]:
        if word.endswith(suffix) and len(word) > len(suffix):
            candidates.append(word[: len(word) - len(suffix)] + replacement)
    for candidate in candidates:
        if candidate in index and candidate not in found:
            found.append(candidate)
    if not found and "-" in word.replace("_", "-"):
        hyphen = word.replace("_", "-")
        if hyphen in index:
            found.append(hyphen)
    return found


def senses(word: str, pos: str) -> list[tuple[str, Synset]]:
    out = []
    for lemma in base_forms(word, pos):
        for offset in _index(pos)[lemma]:
            out.append((lemma, synset(pos, offset)))
    return out


def related(
    sense: Synset, lemma: str, symbols: tuple[str, ...], depth: int
) -> list[tuple[str, int, Synset, list[str]]]:
    """(label, level, synset, words) for each relation; lexical pointers keep only their word."""
    results: list[tuple[str, int, Synset, list[str]]] = []
    word_no = sense.words.index(lemma) + 1 if lemma in sense.words else 0

    def walk(current: Synset, level: int, seen: set[tuple[str, int]]) -> None:
        for ptr in current.pointers:
            if ptr.symbol not in symbols:
                continue
            if level == 1 and ptr.source and word_no and ptr.source != word_no:
                continue  # a lexical pointer from another word of the synset
            key = (ptr.pos, ptr.offset)
            if key in seen:
                continue
            seen.add(key)
            target = synset(ptr.pos, ptr.offset)
            words = target.lemmas()
            if ptr.target:
                words = [words[ptr.target - 1]]
            results.append((RELATIONS.get(ptr.symbol, ptr.symbol), level, target, words))
            if ptr.symbol in ("~", "~i") and level < depth:
                walk(target, level + 1, seen)

    walk(sense, 1, {(sense.pos, sense.offset)})
    return results


def proposals(
    term: str, pos_list: list[str], depth: int, symbols: tuple[str, ...], max_senses: int
) -> list[dict]:
    rows = []
    for pos in pos_list:
        for number, (lemma, sense) in enumerate(senses(term, pos)[:max_senses], start=1):
            rows.append(
                {
                    "pos": POS_NAMES[sense.pos],
                    "sense": number,
                    "lemma": lemma.replace("_", " "),
                    "synonyms": sense.lemmas(),
                    "gloss": sense.gloss,
                    "related": [
                        {"relation": label, "level": level, "words": words, "gloss": s.gloss}
                        for label, level, s, words in related(sense, lemma, symbols, depth)
                    ],
                }
            )
    return rows


def irregular_forms(base: str) -> dict[str, list[str]]:
    """Inflected forms listed in the .exc files whose base is `base` (for irregular_forms.json)."""
    base = base.lower().replace(" ", "_")
    out: dict[str, list[str]] = {}
    for pos in POS_FILES:
        forms = [form for form, bases in _exceptions(pos).items() if base in bases]
        if forms:
            out[POS_NAMES[pos]] = sorted(forms)
    return out


def _print_rows(term: str, rows: list[dict], flat: bool, out) -> None:
    if flat:
        seen: list[str] = []
        for row in rows:
            for word in row["synonyms"] + [w for r in row["related"] for w in r["words"]]:
                if word != term.lower() and word not in seen:
                    seen.append(word)
        for word in seen:
            print(word, file=out)
        return
    if not rows:
        print(f"{term}: not in WordNet 3.0", file=out)
        return
    for row in rows:
        print(f"{term} [{row['pos']} {row['sense']}] {', '.join(row['synonyms'])}", file=out)
        print(f"    gloss: {row['gloss']}", file=out)
        for rel in row["related"]:
            indent = "    " * rel["level"]
            gloss = rel["gloss"].split(";")[0][:60]
            print(f"    {indent}{rel['relation']}: {', '.join(rel['words'])}  ({gloss})", file=out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Propose lexicon terms from WordNet 3.0 (build-time helper; curate the output)."
    )
    parser.add_argument("terms", nargs="*", help="a word or phrase (several allowed)")
    parser.add_argument(
        "--pos",
        choices=["n", "v", "a", "r"],
        action="append",
        help="part of speech to search (repeatable; default all)",
    )
    parser.add_argument("--depth", type=int, default=1, help="hyponym levels to follow (default 1)")
    parser.add_argument(
        "--senses", type=int, default=6, help="senses per part of speech (default 6)"
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="follow every relation WordNet has, not only the close ones",
    )
    parser.add_argument("--flat", action="store_true", help="only the proposed words, one a line")
    parser.add_argument(
        "--irregular",
        action="store_true",
        help="list the irregular inflections of each term from the .exc files",
    )
    args = parser.parse_args(argv)
    if not args.terms:
        parser.error("give at least one term")
    pos_list = args.pos or ["n", "v", "a", "r"]
    symbols = tuple(RELATIONS) if args.all else DEFAULT_RELATIONS
    try:
        for term in args.terms:
            if args.irregular:
                for pos_name, forms in irregular_forms(term).items():
                    print(f"{term} ({pos_name}): {', '.join(forms)}")
                continue
            rows = proposals(term, pos_list, args.depth, symbols, args.senses)
            _print_rows(term, rows, args.flat, sys.stdout)
    except WordNetMissing as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
