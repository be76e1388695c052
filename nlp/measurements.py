"""Measurements in a sentence: ratings, instrument scores, frequencies and durations.

Follows the labelling standard (section D, "Measurements"; tests/nlp/test_measurement_conventions.py
holds its conventions as tables): a value observed or reported for the client, of one of four
kinds, with its earlier value when the sentence gives one ("down from 9", "(52 at intake)", "vs 4
last week", "compared with 8/10", "instead of 2 hours", "went from 80 to 45", "5/10 -> 2/10", "70,
dropping to 30", "up from none"). Two values of one quantity written side by side become one
measurement with its previous value, in either order ("four last week, one this week", "15 at
intake, 9 today", "8/10 before the lift, after 3/10", "SUDS 60 then 25"). "N of 7",
"N/7" or "five out of seven" after a behaviour is a count per week, the days implied, not a rating
out of 7. Number words count like digits (nlp.numbers). Never a
measurement: a threshold or target ("more than 20 minutes", "below 8"), an amount assigned or
planned (the caller passes the spans a plan or assignment covers; a sentence that opens with an
instruction, "Schedule 3 activities", is one), a clock time, a date, an age, a dose or a dosing
schedule, a session number or length, a distance, a grade, a percentage, a range ("0-10", "5-6
hours", "between 5 and 6", "2 or 3"), a technique's parameters ("4-7-8 breathing"), a time anchor
("3 days ago", "first time in 2 months"), or a vague amount ("most days"). A qualifier ("maybe a
5", "like twice", "~40 min") leaves the value as reported; "at N" after a rated state or an
instrument ("anxiety at 7", "PHQ-9 at 12") is its value, not a clock time; a count joined by
"and" to a frequency's count has that period ("binged twice and purged once this week").

A score outside its instrument's range, or a rating above its scale, is kept with
"flag": "out_of_range" so the bot never stores it as fact. The words all this needs are in
data/measurements.json and data/instruments.json.
"""

from __future__ import annotations

import copy
import math
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from nlp.analysis import SentenceAnalysis, sentences_of
from nlp.numbers import Normalized, digits_for_words
from nlp.text import alias_key, first_characters, load_data, prefix_tree_pattern, shorthand_forms

_NUMBER = r"\d+(?:\.\d+)?"
_FLAGS = re.IGNORECASE
# Patterns for a number standing alone begin "(?=\d)(?<![\d.:/-])": the lookahead of a digit first,
# as one test of the next character spares the lookbehind and the rest at every other place.
# A cheap first look: most sentences hold no number at all. It is made for every sentence, so a
# digit first (a pattern that starts with a character class is scanned for in C), then the words
# as a prefix tree behind a lookahead of their first letters.
_NUMBER_LIKE = ("once", "twice", "thrice", "half", "hour", "dozen", "an hr")
_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = [*load_data("numbers.json")["number_words"], *_NUMBER_LIKE]
_NUMBER_WORD_STARTS = first_characters(_NUMBER_WORDS)
_NUMBER_WORD_TREE = prefix_tree_pattern(_NUMBER_WORDS, space=r"\s+")
_MAYBE_NUMBER_WORD = re.compile(
    rf"(?=[{_NUMBER_WORD_STARTS}])\b(?:{_NUMBER_WORD_TREE})", re.IGNORECASE
)


def _may_hold_number(text: str) -> bool:
    return bool(_DIGIT.search(text) or _MAYBE_NUMBER_WORD.search(text))


@dataclass(frozen=True)
class Measurement:
    kind: str  # rating | score | frequency | duration
    name: str | None
    value: float
    scale: float | None = None
    period: str | None = None
    unit: str | None = None
    previous: float | None = None
    flag: str | None = None
    start: int = 0  # character offset in the sentence, for ordering and evidence
    better: str | None = None  # "higher" | "lower" when the measure says which way is better
    end: int = 0  # where it ends in the sentence (its later value, when it has two)

    def to_json(self) -> dict:
        out: dict = {"kind": self.kind, "name": self.name, "value": _plain(self.value)}
        if self.scale is not None:
            out["scale"] = _plain(self.scale)
        if self.period is not None:
            out["period"] = self.period
        if self.unit is not None:
            out["unit"] = self.unit
        if self.previous is not None:
            out["previous"] = _plain(self.previous)
        if self.flag is not None:
            out["flag"] = self.flag
        return out

    @property
    def change(self) -> str | None:
        """ "more" or "less" than the previous value, when the sentence gives one."""
        if self.previous is None or self.flag is not None or self.previous == self.value:
            return None
        return "more" if self.value > self.previous else "less"

    @property
    def verdict(self) -> str | None:
        """ "better" or "worse" when the measure itself says which way is better (a lower
        PHQ-9, a higher mood rating), whatever the objective's wording."""
        change = self.change
        if change is None or self.better is None:
            return None
        return "better" if (change == "more") == (self.better == "higher") else "worse"


def _plain(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _words_pattern(words: Sequence[str]) -> str:
    """An alternation of phrases, for a pattern that ignores case: longest first where one begins
    another, spaces matching any run of white space. Written as a prefix tree of the lower-case
    phrases (it matches as the plain alternation would), as the lists are long and the patterns
    are tried around every number of a sentence."""
    return prefix_tree_pattern({w.lower() for w in words}, space=r"\s+")


def _spaced(term: str) -> str:
    return re.sub(r"\s+", " ", term.lower())


def _singular(word: str) -> str:
    lowered = word.lower()
    if lowered.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if lowered.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _with_shorthand(meanings: dict[str, str]) -> dict[str, str]:
    """A table of words and what they name, with the shorthand for those words
    (data/shorthand.json: "yday" for "yesterday"); forms read as shorthand only in lower case are
    left out, as the patterns ignore case."""
    any_case, _ = shorthand_forms()
    extra = {form: meanings[word] for form, word in any_case.items() if word in meanings}
    return extra | meanings


@dataclass
class _Found:
    measurement: Measurement
    span: tuple[int, int]  # in the normalised text


def _score(instrument: dict, value: float, previous: float | None) -> Measurement:
    """An instrument's value: a score, or a rating for a subjective scale (SUDS), flagged when
    outside the instrument's range."""
    flag = None if instrument["min"] <= value <= instrument["max"] else "out_of_range"
    if instrument.get("kind") == "rating":
        return Measurement(
            "rating",
            instrument["name"],
            value,
            scale=instrument["max"],
            previous=previous,
            flag=flag,
        )
    return Measurement("score", instrument["name"], value, previous=previous, flag=flag)


def _with(m: Measurement, value: float, previous: float | None) -> Measurement:
    return Measurement(m.kind, m.name, value, m.scale, m.period, m.unit, previous, m.flag)


# Minutes in each duration unit, to give a previous value in the unit of the value ("30 minutes,
# down from 2 hours": previous 120).
_MINUTES = {"second": 1 / 60, "minute": 1, "hour": 60, "day": 1440, "week": 10080}


def _in_unit(value: float, unit: str | None, wanted: str | None) -> float | None:
    if unit == wanted:
        return value
    if unit not in _MINUTES or wanted not in _MINUTES:
        return None
    return round(value * _MINUTES[unit] / _MINUTES[wanted], 2)


def _previous_of(first: Measurement, second: Measurement) -> float | None:
    """second's value as an earlier value of first's quantity, or None when it is another."""
    if first.kind != second.kind or second.previous is not None or second.flag is not None:
        return None
    if first.kind == "score" and first.name != second.name:
        return None  # "PHQ-9 18 vs GAD-7 12": two instruments
    if first.kind == "rating" and first.scale != second.scale:
        return None
    if first.kind == "duration":
        return _in_unit(second.value, second.unit, first.unit)
    return second.value


# A word of a counted noun phrase: "panic attacks", "shouting matches with S.", "'I feel' requests"
_NOUN_WORD = r"(?:[A-Za-z][\w'-]*\.?|'[^']{1,30}')"
_NEGATION_BEFORE = re.compile(r"\b(?:not|never|no|n't|didn't|hasn't|haven't|wasn't)\b", _FLAGS)
_TIMES = {"once": 1.0, "twice": 2.0, "thrice": 3.0}
# "maybe a 5", "like twice", "~40 min": a qualifier leaves the value the one reported
_ABOUT = rf"(?:{_words_pattern(load_data('measurements.json')['approximately']['words'])})"
_FROM_BEFORE = re.compile(rf"\bfrom\s+(?:{_ABOUT}\s*)?$", _FLAGS)
_TO_BETWEEN = re.compile(rf"^\s*(?:down\s+|up\s+)?to\s*(?:{_ABOUT}\s*)?$", _FLAGS)
# "5/10 -> 2/10", "PHQ-9 18 → 12": the value before the arrow is the earlier one
# "SUDS 50 then 30": one value after another, as an arrow writes it
_ARROW = r"(?:-+>|→|=>|⇒|⟶|,?\s*(?:and\s+)?then(?:\s+(?:down|up)\s+to)?\b)"
_ARROW_BETWEEN = re.compile(rf"^\s*{_ARROW}\s*$", _FLAGS)
# "70 during the exposure, dropping to 30", "peaked 60, down to 20": the later value
_CHANGE_TO = (
    # not across "until": "stayed 20 minutes until it dropped to 3" is another quantity's change
    r"(?:(?!\b(?:until|till)\b)[^.;]){0,40}?,?\s*(?:and\s+)?(?:then\s+)?(?:dropping|dropped|falling|fell|coming\s+down|"
    r"came\s+down|going\s+down|went\s+down|settling|settled|rising|rose|climbing|climbed|"
    r"going\s+up|went\s+up|increasing|increased|decreasing|decreased|reducing|reduced|easing|"
    r"eased|down)\s+(?:back\s+)?(?:down\s+|up\s+)?to\s*"
)
_CHANGE_BETWEEN = re.compile(rf"^{_CHANGE_TO}$", _FLAGS)
_LATER_CHANGE = re.compile(
    rf"^{_CHANGE_TO}(?P<value>{_NUMBER})\b(?!\s*(?:/|%|-\s*\d|\.\d))", _FLAGS
)
_BEFORE_BETWEEN = re.compile(
    r"^\s*(?:before|beforehand|at\s+the\s+(?:start|beginning|outset)|at\s+first|initially|"
    r"going\s+in|pre|during|at\s+(?:the\s+)?peak)\b[^.;]{0,40}?[,;]?\s*(?:and\s+|then\s+)?$",
    _FLAGS,
)
# "anxiety before the exposure 8/10, after 4/10", "fear 7/10 before the lift, after 3/10": a
# word of the start before or after the first value, a word of the end before the second
_START = r"\b(?:before|beforehand|pre|at\s+the\s+(?:start|beginning|outset)|at\s+first|initially)\b"
_BEFORE_NEAR = re.compile(rf"{_START}[^.;\d]{{0,30}}$", _FLAGS)
_AFTER_BETWEEN = re.compile(
    rf"^\s*(?P<start>{_START}[^.;,\d]{{0,30}})?[,;]?\s*(?:and\s+|then\s+|but\s+)?"
    r"(?:after(?:wards)?|post|later|by\s+the\s+end|at\s+the\s+(?:end|close|finish))\b"
    r"[^.;\d]{0,30}$",
    _FLAGS,
)
_AFTER_AFTER = re.compile(
    r"^\s*(?:after|afterwards?|by\s+the\s+end|at\s+the\s+(?:end|close)|later|post|at\s+the\s+finish)\b",
    _FLAGS,
)
_CHANGED_FROM = re.compile(
    rf"^(?:\s*/\s*\d+)?\s*(?:[A-Za-z]+\s+){{0,2}}from\s+(?:{_ABOUT}\s*)?\d", _FLAGS
)
_OUT_OF_TEN = re.compile(r"^\s*(?:/|out\s+of)\s*10\b", _FLAGS)
_ANCHOR_AFTER = re.compile(r"^\s*(?:before|after|later|earlier|ago|beforehand)\b", _FLAGS)
_CLOCK_AFTER = re.compile(
    r"\s*(?:in\s+the\s+(?:morning|afternoon|evening|night)|at\s+night|o'?clock|sharp)\b", _FLAGS
)
_SHARE_AFTER = re.compile(r"\s*(?:/|(?:out\s+)?of)\s*\d+", _FLAGS)
# "down from 4 last month": the earlier value alone, no measurement of its own
_CHANGED_FROM_BEFORE = re.compile(
    rf"\b(?:down|up|increased|decreased|dropped|fell|rose|improved)\s+from\s+(?:{_ABOUT}\s*)?$",
    _FLAGS,
)
_TIMES_AFTER = re.compile(r"^\s*(?:x\b|times\b|×)", _FLAGS)
_WHEN_BEFORE = re.compile(r"\b(?:after|before|by|until|till|since)\s*$", _FLAGS)
# "twice and purged ", "3 times, and ": a count whose period is the next count's
_COUNT_JOINED = re.compile(
    r"(?<![\w.:/-])(?P<count>once|twice|thrice|\d+\s*(?:x|times|×))\s*"
    r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:[A-Za-z'-]+\s+){1,3}$",
    _FLAGS,
)
_COUNT_BEFORE = re.compile(r"(?:\b\d+\s*(?:x|times|×)|\b(?:once|twice|thrice))\s*$", _FLAGS)
_SPAN_AFTER_X = re.compile(r"x\s*\d+\s*(?:days|weeks|wks|months|nights)\b", _FLAGS)
_ITEM_BEFORE = re.compile(r"\b(?:item|question|q)\s*#?\s*\d+\b[^.;]*$", _FLAGS)
# "SUDS ninety at the start, forty by the end": the value at the end is the later one
_LATER_AFTER = re.compile(
    r"^\s*(?:at\s+the\s+(?:start|beginning|outset)|at\s+first|initially|going\s+in|before)\s*[,;]?"
    rf"\s*(?:and\s+|then\s+)*(?P<value>{_NUMBER})\b(?!\s*(?:/|%|-\s*\d|\.\d))(?:\s*/\s*\d+)?\s+"
    r"(?=(?:by\s+the\s+(?:end|finish)|at\s+the\s+(?:end|finish|close)|after(?:wards)?|later)\b)",
    _FLAGS,
)
# "four last week, one this week": an earlier value, then the present one
_EARLIER = re.compile(
    r"\b(?:last|previous|prior|before|intake|baseline|the\s+\w+\s+before)\b", _FLAGS
)
_NOW = re.compile(r"\b(?:this|now|today|currently|tonight)\b", _FLAGS)
_PAIR_BETWEEN = re.compile(
    r"^\s*[,;]?\s*(?:and|but|now|vs\.?|versus|compared\s+(?:with|to))?\s*$", _FLAGS
)
# "from 20 cigarettes a day to 10", "PHQ-9 18 → 12": the later value is a bare number
_LATER_NUMBER = re.compile(
    rf"^\s*(?:(?:down\s+|up\s+)?to|{_ARROW})\s*(?:{_ABOUT}\s*)?(?P<value>{_NUMBER})\b(?!\s*(?:/|%|-\s*\d|\.\d))",
    _FLAGS,
)


class MeasurementReader:
    """Reads the measurements of one sentence; built once, shared by every sentence."""

    def __init__(self) -> None:
        words = load_data("measurements.json")
        self.periods = _with_shorthand(words["periods"])  # "6x yday", "twice this wknd"
        self.days_in_period: dict[str, str] = words["days_in_period"]
        self.periods_of_span: dict[str, str] = words["periods_of_span"]
        self.units = _with_shorthand(words["units"])
        self.rating_stop_words = frozenset(words["rating_stop_words"])
        self.previous_of_none = frozenset(words["previous_of_none"])
        self.better_when = {
            name: way for way, names in words["better_when"].items() for name in names
        }
        self.state_words = {
            word: way
            for way, words_of in words["state_words"].items()
            if not way.startswith("_")
            for word in words_of
        }
        self.construct = {
            name: way
            for way, names in words["construct"].items()
            if not way.startswith("_")
            for name in names
        }
        self.values_at_after = words["values_at_after"]["words"]
        self._instruments(load_data("instruments.json")["instruments"])
        period = _words_pattern(list(self.periods))
        opener = _words_pattern(words["period_openers"])
        # "in the past 7 days", "over the last 2 weeks": a span of days or weeks is a period too
        self.period = (
            rf"(?:(?:{opener})\s+(?:(?P<span>\d+)\s+(?=(?:days|nights|weeks|months)\b))?|/\s*)?"
            rf"\b(?P<period>{period})\b"
        )
        self.openers = frozenset(words["period_openers"])
        self._frequency_patterns(opener, period)
        unit = _words_pattern(list(self.units))
        self.duration = re.compile(
            # "an hour and 20 minutes", "2 hrs 15 mins", "1h30": hours and minutes, in minutes
            r"(?<![\d.:/-])(?P<hours>\d+|an?)\s*(?:hours?|hrs?|h)\s*(?:and\s+)?"
            r"(?P<minutes>\d{1,2})\s*(?:minutes?|mins?)\b"
            r"|(?=\d)(?<![\d.:/-])(?P<hours_h>\d+)h(?P<minutes_h>\d{2})\b"
            rf"|(?=\d)(?<![\d.:/-])(?P<value>{_NUMBER})(?P<half>\s+and\s+a\s+half)?\s*-?\s*(?P<unit>{unit})\b"
            r"|(?P<phrase>an\s+(?:hour|hr)\s+and\s+a\s+half|half\s+an\s+(?:hour|hr)"
            r"|a\s+half[\s-](?:hour|hr)|an\s+(?:hour|hr))\b",
            _FLAGS,
        )
        self.duration_name_of = {
            _spaced(term): name for name, terms in words["duration_names"].items() for term in terms
        }
        # a prefix tree: the names are looked for around every duration (the names are lower
        # case and single-spaced, so the tree matches as the plain alternation would)
        names = prefix_tree_pattern(self.duration_name_of, space=r"\s+")
        self.duration_names = re.compile(rf"(?<![\w-])(?:{names})(?![\w-])", _FLAGS)
        # "Session lasted 50 minutes", "worry time is 20 minutes": how long something else lasts
        self.not_durations_of = re.compile(
            rf"\b(?:{_words_pattern(words['not_durations_of'])})s?\b(?:\s+[A-Za-z]+){{0,3}}\s*$",
            _FLAGS,
        )
        self.not_durations_after = re.compile(
            rf"^\s*(?:{_words_pattern(words['not_durations_after'])})\b", _FLAGS
        )
        self.for_before = re.compile(rf"\bfor\s+(?:{_ABOUT}\s*)?$", _FLAGS)
        self.night_after = re.compile(r"[^.;,]*\bnights?\b", _FLAGS)
        self.items_after = re.compile(
            r"\s+(?!(?:today|now|this|last|on|at|in|for|during|before|after|when|while|but|vs"
            r"|versus|compared|down|up|from|over|across|by|since|following|and|with|per|overall"
            r"|average|most|each|as|is|was|were|again)\b)[a-z]+s\b",
            _FLAGS,
        )
        self.per_day = re.compile(
            r"\s*(?:a|per|each|every|/)\s*(?:day|time|go)\b|\s*daily\b|\s*each\s+(?:morning|evening|night)\b",
            _FLAGS,
        )
        self.unit_after = re.compile(rf"\s*-?\s*({unit})\b", _FLAGS)
        # (each cheap look below starts with a lookahead of the first characters its branches can
        # begin with: one test spares every branch at the other places of the sentence)
        self.maybe_unit = re.compile(
            rf"(?=[\dha])(?:\d\s*-?\s*(?:{unit})\b|\bhour\b|\ban\s+hr\b|\bhalf\b|\d+h\d{{2}}\b)",
            _FLAGS,
        )
        # an hour or a minute is a period only as a rate ("5 times an hour"); a cheap look
        days_or_longer = [p for p, of in self.periods.items() if of not in ("hour", "minute")]
        firsts = first_characters(days_or_longer, extra="apehwo/")
        self.maybe_period = re.compile(
            rf"(?=[{firsts}])(?:\b(?:{prefix_tree_pattern(days_or_longer)})\b"
            r"|\b(?:a|an|per|each|every|/)\s*(?:hour|minute)\b"
            r"|\bhourly\b|\b(?:work|week)days?\b"
            r"|\bof\s+(?:the\s+)?(?:(?:last|past)\s+)?(?:5|7|14|28|30|31)\b|/\s*(?:7|14|28|30|31)\b)",
            _FLAGS,
        )
        self.maybe_rating = re.compile(r"/|\bout\s+of\b|\brat(?:ed|es|ing)\b|\bfrom\b", _FLAGS)
        self.rating = re.compile(
            rf"(?=\d)(?<![\d.:/-])(?P<value>{_NUMBER})\s*(?:/|out\s+of)\s*(?P<scale>100|10|5|7)\b(?![/.]\d)"
            r"(?!\s+(?:days?|nights?|mornings?|evenings?|workdays?|weekdays?)\b)",  # "3/7 days"
            _FLAGS,
        )
        self.rated_as = re.compile(
            r"\brat(?:ed|es|ing)\s+(?:(?:her|his|their|the|my)\s+)?"
            r"(?P<name>(?!(?:from|to|at|as|of|a|an)\b)[a-z]+(?:\s+(?!(?:a|an|at|as|of)\b)[a-z]+)?)\s+"
            rf"(?:(?:as\s+)?(?:a|an|at|of)\s+)?(?P<value>{_NUMBER})(?![\d.]*\s*(?:/|out\s+of))",
            _FLAGS,
        )
        # "Mood 6 today", "cravings were a 4": a state the standard rates, with a bare value
        # (a cheap look first: a word of better_when in the sentence)
        self.rateable = frozenset(w for name in self.better_when for w in name.split())
        self.state_level_before = re.compile(
            rf"\b(?:{_words_pattern(list(self.better_when))})\s+levels?\s*(?:of|at|was|is|=|:)?\s*$",
            _FLAGS,
        )
        self.rated_state_before = re.compile(
            rf"\b(?:{_words_pattern(list(self.better_when))})\b(?:\W+\w+){{0,3}}\W*$", _FLAGS
        )
        self.named_rating = re.compile(
            # "at" says it is the state's level ("mood at 4 this week"), as "rated" does
            # "urge to check 6", "fear of lifts 7": what the state is about may follow its name
            r"\b(?P<name>[A-Za-z][\w-]*)(?:\s+(?:to|of)\s+(?:the\s+)?[a-z]+)?"
            r"\s*(?:(?:was|is|were|are|of|a|an|now|today|currently|"
            rf"(?P<said>rated|rating|ratings|score|level|levels|at)|{_ABOUT}|=|:|-)\s*)*"
            rf"(?<![\d.:/-])(?P<value>{_NUMBER})(?![\d.]*\s*(?:/|out\s+of|%|-\s*\d|\.\d))",
            _FLAGS,
        )
        # What may follow a rating written without its scale: the clause goes on, or ends
        self.rating_ends = re.compile(
            r"\s*(?:[,.;)(]|$|today|now|at\b|during|before|after|when|while|but\b|vs\.?|versus"
            r"|compared|down\b|up\b|from\b|over\b|across\b|by\b|since\b|following\b|and\s+(?!\d))",
            _FLAGS,
        )
        self.not_ratings_after = re.compile(
            r"^\W*(?:(?:on|in|for)\s+)?(?:(?:the|a|an|her|his|their)\s+)?(?:\w+\W+)?"
            rf"(?:{_words_pattern(words['not_ratings_after'])})\b",
            _FLAGS,
        )
        # A dose before a count: "20 mg once a day", "one tablet three times a day"
        self.dose_before = re.compile(
            rf"\b(?:{_words_pattern(words['dose_words'])})\b[^.;]*$", _FLAGS
        )
        # An instruction, not an observation: "Schedule 3 pleasant activities this week"
        self.assignment = re.compile(
            rf"^\W*(?:(?:hw|homework|plan)\s*:\s*)?(?:{_words_pattern(words['assignment_openers'])})\s",
            _FLAGS,
        )
        self.not_after = re.compile(
            rf"^\s*-?\s*(?:{_words_pattern(words['not_after'])})(?!\w)", _FLAGS
        )
        self.not_before = re.compile(
            rf"(?:^|\W)(?:{_words_pattern(words['not_before'])})\s*$", _FLAGS
        )
        self.threshold_before = re.compile(
            rf"(?:^|\W)(?:{_words_pattern(words['thresholds'])}):?(?:\s+(?!and\b|but\b)[a-z]+){{0,2}}\s*$",
            _FLAGS,
        )
        self.threshold_after = re.compile(
            rf"^\s*(?:\w+\s*){{0,2}}(?:{_words_pattern(words['thresholds_after'])})\b", _FLAGS
        )
        self.excluded = re.compile(
            # each kind begins with a digit, "between" or "once"/"twice"/"thrice": one look at the
            # first character spares the ten kinds every other place of the sentence
            r"(?=[\dbot])(?:"
            r"\b\d{1,2}:\d{2}\b"  # clock times
            r"|\b\d+(?:\s*-\s*\d+){2,}\b"  # technique parameters: 4-7-8, 5-4-3-2-1
            # ranges: "0-10" ("5 to 6": self.number_range)
            r"|(?<!from\s)\b\d+(?:\.\d+)?\s*(?:-|–)\s*\d+(?:\.\d+)?(?!\s*(?:/|out\s+of))\b"
            r"|\bbetween\s+\d+(?:\.\d+)?\s+and\s+\d+(?:\.\d+)?"  # "between 5 and 6 hours"
            r"|\b\d+(?:\.\d+)?\s+or\s+\d+(?:\.\d+)?\b"  # "2 or 3 times a week"
            r"|\b(?:once|twice|thrice)\s+or\s+\w+"  # "once or twice a week"
            r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # dates
            r"|\b\d+(?:st|nd|rd|th)\b"  # ordinals
            r"|\b(?:19|20)\d{2}\b"  # years
            r"|\b\d{1,3}(?:,\d{3})+\b)",  # "10,000 steps": steps, money, distances
            _FLAGS,
        )
        # "5 to 6 hours" is a range; "GAD-7 15 to 11" goes down, so it is a change (the lookaheads
        # of first characters here and in clock_time spare the rest of the pattern other places)
        self.number_range = re.compile(
            rf"(?=\d)(?<!from\s)\b(?P<low>{_NUMBER})\s*to\s*(?P<high>{_NUMBER})"
            r"(?!\s*(?:/|out\s+of))\b",
            _FLAGS,
        )
        # clock times: "at 7", "by 11 pm", "before 11"; not "anxiety at 7" (self.measured_before)
        self.clock_time = re.compile(
            r"(?=[abtu])\b(?P<word>at|by|till|until|before|after|(?<!from\s)around)"
            r"\s+(?:[01]?\d|2[0-4])"
            r"(?:\s*(?:am|pm|a\.m\.|p\.m\.))?\b"
            r"(?!\s*(?:/|out\s+of|%|times|x\b|hours?|minutes?|mins?|hrs?|days?|nights?|weeks?"
            r"|months?))",
            _FLAGS,
        )
        self.range_from = re.compile(
            rf"\bfrom\s+(?:an?\s+)?(?P<prev>{_NUMBER}|none|zero)(?:\s*/\s*\d+)?\s+(?:down\s+|up\s+)?to\s+"
            rf"(?:an?\s+)?(?P<value>{_NUMBER})",
            _FLAGS,
        )
        earlier = rf"(?:{'|'.join(words['earlier_times']['patterns'])})"
        # What joins a value to an earlier value of the same quantity written in full: "7/10 vs
        # 9/10", "once this week versus four times last week", "20 minutes (5 minutes last week)"
        self.compared_between = re.compile(
            # "3/10 after the drive; it had been 8/10": a short clause may end the first value's
            r"^\s*(?:(?:now|today|currently|this\s+(?:week|session|time))\s*|(?:\s*[A-Za-z']+){1,4}"
            r"\s*(?=[,;]\s*(?:(?:it|she|he|they)\s+)?(?:was|had\s+been)\b))?[,;(]?\s*"
            r"(?:(?:it|she|he|they)\s+)?"
            r"(?:(?P<word>vs\.?|versus|compared\s+(?:with|to)|as\s+against|against|instead\s+of|"
            r"rather\s+than|(?:down|up)\s+from|from|was|had\s+been|prev\.?|previously)\s*"
            r"(?:all\s+|only\s+|just\s+|a\s+|an\s+|about\s+|around\s+)?"
            rf"|{earlier}\s*:?\s*)?$",
            _FLAGS,
        )
        self.earlier_after = re.compile(rf"^\s*(?:{earlier})", _FLAGS)
        now = r"(?:now|today|currently|tonight|this\s+(?:week|wk|time|session|month))"
        # "15 at intake, 9 today", "was 8/10 last week and is 3/10 now", "at intake it was 19;
        # today it is 11": the earlier value first, the present one in a clause of its own
        self.now_after_earlier = re.compile(
            rf"^\s*(?P<earlier>{earlier})?\s*(?:[,;]\s*(?:and\s+|but\s+)?|\b(?:and|but)\s+)"
            rf"(?:(?P<now>{now})\s*,?\s*)?(?:(?:it|she|he|they)\s+)?"
            r"(?:(?:is|was|'s|are|sits|stands|stood|came\s+in)\s+)?(?:at\s+)?"
            rf"(?:(?P<now_before>now|currently)\s+)?(?P<value>{_NUMBER})\b(?:\s*/\s*\d+)?"
            rf"(?:\s+(?P<now_after>{now})\b)?",
            _FLAGS,
        )
        self.earlier_anywhere = re.compile(rf"\b{earlier}", _FLAGS)
        self.previous_after = [
            re.compile(
                rf"^[^.;]{{0,30}}?\b(?:down|up|increased|decreased|dropped|improved|rose|fell)\s+(?:from|since)\s+(?:{_ABOUT}\s+)?(?P<prev>{_NUMBER}|none|zero|nothing|once|twice|thrice)\b",
                _FLAGS,
            ),
            # "(was 24)", "(52 at intake)", "today (17 at intake)"
            re.compile(
                rf"^\s*(?:[A-Za-z]+\s+){{0,3}},?\s*\(\s*(?:was|prev\.?|previously|from|vs\.?|versus|compared\s+(?:with|to))?\s*(?P<prev>{_NUMBER})(?:\s*/\s*\d+)?\s*(?:{earlier}|[,)])",
                _FLAGS,
            ),
            # ", 31 at intake", "; 4/10 last week", "this time and 15 at the first session"
            re.compile(
                rf"^(?:\s*[A-Za-z]+){{0,2}}\s*(?:[,;]\s*(?:and\s+|but\s+)?|(?:and|but)\s+)"
                rf"(?:(?:it|she|he|they|this|that)\s+)?"
                rf"(?:was\s+|were\s+)?(?P<prev>{_NUMBER})(?:\s*/\s*\d+)?\s+{earlier}",
                _FLAGS,
            ),
            # ", last week 11", "(at intake: 19)"
            re.compile(
                rf"^(?:\s*[A-Za-z]+){{0,2}}\s*[,;(]\s*{earlier}\s*:?\s*"
                rf"(?:(?:was|there\s+(?:was|were)|it\s+was|she\s+had|he\s+had)\s+)?"
                rf"(?P<prev>{_NUMBER}|none|zero)",
                _FLAGS,
            ),
            re.compile(
                rf"^[^.;]{{0,25}}?\b(?:vs\.?|versus|compared\s+(?:with|to)|instead\s+of|rather\s+than|as\s+against|against|previous(?:ly)?|prev\.?|was|from|used\s+to\s+be|had\s+been|having\s+been)\s+(?:a\s+|an\s+|{_ABOUT}\s*)?(?P<prev>{_NUMBER}|none|zero|once|twice|thrice)\b",
                _FLAGS,
            ),
        ]

    def with_instruments(self, extra: list[dict]) -> MeasurementReader:
        """A reader that also knows `extra` instruments (a plan's own: nlp.plan_instruments)."""
        reader = copy.copy(self)
        reader._instruments([*self.instrument_names.values(), *extra])
        return reader

    # -- setup ---------------------------------------------------------------------------------

    def _instruments(self, instruments: list[dict]) -> None:
        self.instruments: dict[str, dict] = {}
        self.instrument_names = {i["name"]: i for i in instruments}
        loose, exact = [], []
        for instrument in instruments:
            for alias in instrument["aliases"]:
                self.instruments[alias_key(alias)] = instrument
                (loose if re.search(r"[\d-]", alias) else exact).append(alias)

        def pattern(aliases: list[str]) -> str:
            return "|".join(
                re.escape(a).replace(r"\-", r"[\s-]?").replace(r"\ ", r"[\s-]?")
                for a in sorted(aliases, key=len, reverse=True)
            )

        # Aliases that are also words ("AUDIT", "SPIN") match only in capitals, as written. The
        # lookahead of first letters (_alias_starts) spares the long alternation every word that
        # starts no alias; the pattern runs on every sentence with a number, so it matters.
        inst = (
            rf"(?<![\w-])(?={_alias_starts([*loose, *exact])})"
            rf"(?P<inst>(?i:{pattern(loose)})|{pattern(exact)})(?![\w-])"
        )
        self.maybe_instrument = re.compile(inst)
        # "anxiety at 7", "urges were at 8", "Y-BOCS stood at 20": what is measured, just before
        # "at N", makes the number its value and not a clock time
        states = _words_pattern(list(self.better_when))
        between = _words_pattern(self.values_at_after)
        self.measured_before = re.compile(
            rf"(?:{inst}|(?i:\b(?:{states})))(?i:\s+(?:{between}))*\s*$"
        )
        filler = (
            r"(?:score[sd]?|total|of|is|was|were|=|:|today|now|at|intake|baseline|this\s+week|"
            r"reported|came\s+in\s+at|down\s+to|up\s+to|dropped\s+to|fell\s+to|improved\s+to|"
            r"rose\s+to|decreased\s+to|increased\s+to|went\s+to|peaked\s+at|began|started|"
            # "down 3 points to 14": the value is the one it went to
            r"(?:down|up|dropped|fell|rose|improved)\s+\d+\s+points?\s+to|"
            r"starting|stood|sat|came\s+back(?:\s+at)?|a|an|the|this|last|"
            r"session|week|current|currently|re-?administered|administered|completed|yielded|"
            r"result|\(|,|-)"
        )
        second = inst.replace("(?P<inst>", "(?P<inst2>")
        self.respective_scores = re.compile(
            rf"{inst}\s+and\s+(?:the\s+)?{second}\s+(?:scores?\s+)?(?:were|are|of|at|=|:)?\s*"
            rf"(?P<value>{_NUMBER})\s+and\s+(?P<value2>{_NUMBER})\b(?!\s*(?:/|%))"
        )
        self.score_patterns = [
            # "PCL-5 went from 58 to 44", "SUDS at the door went from 70 at first to 30"
            re.compile(
                inst + rf"(?:\s+[A-Za-z']+){{0,4}}?\s+from\s+(?P<prev>{_NUMBER})"
                rf"(?:\s+[A-Za-z']+){{0,4}}?\s+(?:down\s+|up\s+)?to\s+(?P<value>{_NUMBER})",
                _FLAGS,
            ),
            re.compile(
                rf"\b(?i:scored)\s+(?:a\s+)?(?P<value>{_NUMBER})(?:\s*/\s*\d+)?\s+on\s+(?:the\s+|her\s+|his\s+)?"
                + inst
            ),
            re.compile(rf"(?<![\d./])(?P<value>{_NUMBER})\s+on\s+(?:the\s+|her\s+|his\s+)?" + inst),
            re.compile(
                inst
                + rf"(?:\s*{filler}){{0,4}}\s*(?P<value>{_NUMBER})"
                + r"(?![\d.]*\s*(?:out\s+of|-\s*\d))"
            ),
            # "CIR for the lounge is 5", "PHQ-9 entered as 31": a few words between, in one clause
            re.compile(
                inst
                + rf"(?:\s+[A-Za-z'-]+){{1,4}}?\s*(?:{filler}\s*)*(?P<value>{_NUMBER})"
                + r"(?![\d.]*\s*(?:/|out\s+of|-\s*\d|%))"
            ),
        ]

    def _frequency_patterns(self, opener: str, period: str) -> None:
        # "twice at work this week": a short place between the count and its period
        # ("in 7 days" is a span of days, no place: the opener "in")
        place = r"(?:(?:at|in|on|with|during)\s+(?!the\b|\d)[\w']+(?:\s+[\w']+)?\s+)?"
        days = (
            r"(?P<unit>days?|nights?|mornings?|evenings?|occasions?|times?|workdays?|weekdays?"
            r"|school\s+days?|work\s+days?)"
        )
        self.frequency_patterns: list[tuple[re.Pattern[str], str, str]] = [
            (
                re.compile(
                    r"(?=\d)(?<![\d.:/-])(?P<count>\d+)\s*(?:x|times|×)\s*" + place + self.period,
                    _FLAGS,
                ),
                "times",
                "",
            ),
            (re.compile(r"\bx\s*(?P<count>\d+)\s*" + self.period, _FLAGS), "times", "x"),
            (
                re.compile(r"\b(?P<count>once|twice|thrice)[\s-]+" + place + self.period, _FLAGS),
                "times",
                "ce",
            ),
            # "outbursts: 2 (5 last week)": the earlier value's period is the count's too
            (
                re.compile(
                    r"(?=\d)(?<![\d.:/-])(?P<count>\d+)\s*\(\s*(?:vs\.?\s+|was\s+|from\s+)?(?P<prev>\d+)"
                    r"\s+(?:last|the\s+previous)\s+(?P<period>week|wk|month|fortnight)\s*\)",
                    _FLAGS,
                ),
                "times",
                "(",
            ),
            # "panic attacks: none this week (2 last week)": a count of none
            (re.compile(r"\b(?P<count>none)\s+" + self.period, _FLAGS), "times", "none"),
            (
                re.compile(
                    rf"(?=\d)(?<![\d.:/-])(?P<count>\d+)\s+(?:out\s+)?of\s+(?:the\s+)?(?:last\s+|past\s+)?"
                    rf"(?P<days>\d+)\s+{days}",
                    _FLAGS,
                ),
                "of_days",
                "of",
            ),
            (
                re.compile(
                    rf"(?=\d)(?<![\d.:/-])(?P<count>\d+)\s*/\s*(?P<days>\d+)\s+{days}", _FLAGS
                ),
                "of_days",
                "/",
            ),
            # "drinking days 2/7", "nights with nightmares: 3/7"
            (
                re.compile(
                    r"\b(?P<unit>days?|nights?)\s*(?:[:=-]\s*)?(?P<count>\d+)\s*/\s*"
                    r"(?P<days>7|14|28|30|31)\b(?!\s*(?:days?|nights?)\b)",
                    _FLAGS,
                ),
                "of_days",
                "/",
            ),
            # "logged 4 out of 7", "pill taken 6/7", "5 out of seven": the days are implied, so a
            # count per week (or fortnight), not a rating out of 7 (a rated state keeps its scale)
            (
                re.compile(
                    r"(?=\d)(?<![\d.:/-])(?P<count>\d+)\s*(?:/|(?:out\s+)?of)\s*(?P<days>7|14)\b"
                    # what follows ends the count: not "2 of 7 tablets left", "7 of 7 in class"
                    r"(?=\s*(?:$|[.,;:)(]|(?:this|last|per|over|since|up|down|compared|vs|versus"
                    r"|and|but|now|so|according|again|today|times?|nights?|days?)\b))",
                    _FLAGS,
                ),
                "of_days",
                "",
            ),
            # "attended school all five days": every one of N days
            (re.compile(rf"\ball\s+(?P<days>(?P<count>\d+))\s+{days}", _FLAGS), "of_days", "all"),
            (
                re.compile(
                    rf"(?=\d)(?<![\d.:/-])(?P<count>\d+)\s+{days}\s+(?:out\s+)?of\s+(?:the\s+)?(?:last\s+|past\s+)?"
                    rf"(?P<days>\d+)\b",
                    _FLAGS,
                ),
                "of_days",
                "of",
            ),
            # "2 drinking days this week", "three nights this week": days counted in a period
            (
                re.compile(
                    rf"(?=\d)(?<![\d.:/-])(?P<count>\d+)\s+(?:(?P<noun>{_NOUN_WORD})\s+)??"
                    r"(?P<unit>days|nights|mornings|evenings|occasions)\s+" + self.period,
                    _FLAGS,
                ),
                "days_in",
                "",
            ),
            (
                re.compile(
                    rf"(?=\d)(?<![\d.:/-])(?P<count>\d+)\s+(?P<noun>{_NOUN_WORD}(?:\s+{_NOUN_WORD}){{0,4}}?)"
                    r"(?:\s+|\s*(?=/))" + self.period,
                    _FLAGS,
                ),
                "noun",
                "",
            ),
            (
                re.compile(
                    rf"(?=\d)(?<![\d.:/-])(?P<count>\d+)\s*(?:per|a|an|/|each|every|this|last"
                    rf"|(?:in|over)\s+the\s+(?:past|last))\s*(?P<period>{period})\b",
                    _FLAGS,
                ),
                "bare",
                "",
            ),
        ]
        count = r"(?<![\w.:/-])(?P<count>\d+|once|twice|thrice)"
        noun = rf"(?P<noun>{_NOUN_WORD}(?:\s+{_NOUN_WORD}){{0,2}}?)"
        self.frequency_patterns += [
            # "In the past week she had 2 panic attacks", "This week: 4 binges"
            (
                re.compile(
                    r"(?:^|[.;:]\s*|\b(?:in|over|during)\s+)(?:the\s+)?(?:past|last|this)\s+"
                    rf"(?P<period>week|fortnight|month|weekend)\b\s*[:,-]?\s*"
                    rf"(?:(?![\d.])[\w']+\s+){{0,4}}?{count}\s+{noun}(?=\s*(?:[.,;:)]|$|and\b))",
                    _FLAGS,
                ),
                "period_first",
                "",
            ),
            # "Drinks per week went from 14 to 6", "Cigarettes a day: 10"
            (
                re.compile(
                    r"\b(?P<noun>[A-Za-z][\w'-]*)\s+(?:per|a|each)\s+(?P<period>day|night|week|month)\b"
                    r"\s*[:=-]?\s*"
                    r"(?:(?:is|was|were|are|now|currently|went|has\s+gone|have\s+gone|dropped|fell"
                    r"|rose|increased|decreased|came\s+down|down|up)\s+)*"
                    rf"(?:from\s+(?P<prev>\d+)\s+)?(?:(?:down\s+|up\s+)?to\s+)?{count}\b",
                    _FLAGS,
                ),
                "per_first",
                "",
            ),
        ]
        self.noun_breaks = re.compile(
            r"\b(?:and|or|but|to|than|without|because|when|while|since|from|in|on|at|for|"
            r"more|fewer|less|times|x|per|is|was|were|are|be|been|had|has|have|over|out|ago|"
            r"after|before|during|until|most|some|many|several|all|next)\b",
            _FLAGS,
        )

    # -- reading -------------------------------------------------------------------------------

    def read(self, text: str, unreal: Sequence[tuple[int, int]] = ()) -> list[Measurement]:
        """The sentence's measurements in order. `unreal`: character spans of the sentence that
        a plan, an assignment or a condition covers, whose numbers are not observed values."""
        if not _may_hold_number(text) or self.assignment.match(text):
            return []
        normal = digits_for_words(text)
        t = normal.text
        blocked = [m.span() for m in self.excluded.finditer(t)]
        blocked += [
            m.span()
            for m in self.number_range.finditer(t)
            if float(m.group("low")) <= float(m.group("high"))
            or not self.measured_before.search(t[max(0, m.start() - 60) : m.start()])
        ]
        blocked += [
            m.span()
            for m in self.clock_time.finditer(t)
            if m.group("word").lower() not in ("at", "around")
            or not self.measured_before.search(t[max(0, m.start() - 60) : m.start()])
            or _CLOCK_AFTER.match(t[m.end() :])  # "anxiety at 3 in the morning": a time
        ]
        blocked += [self._normal_span(normal, start, end) for start, end in unreal]
        found: list[_Found] = []
        if self.maybe_instrument.search(t):
            self._scores(t, found, blocked)
        rateable = not self.rateable.isdisjoint(re.findall(r"[a-z-]+", t.lower()))
        if rateable or self.maybe_rating.search(t):
            self._ratings(t, found, blocked, rateable)
        if self.maybe_unit.search(t):
            self._durations(t, found, blocked)
        if self.maybe_period.search(t):
            self._frequencies(t, found, blocked)
        results = []
        for item in self._compared(t, sorted(found, key=lambda f: f.span[0]), blocked):
            start, end = normal.original(*item.span)
            m = item.measurement
            results.append(
                Measurement(
                    m.kind,
                    m.name,
                    m.value,
                    m.scale,
                    m.period,
                    m.unit,
                    m.previous,
                    m.flag,
                    start,
                    self._better(m),
                    end,
                )
            )
        return results

    def _compared(self, t: str, found: list[_Found], blocked: list) -> list[_Found]:
        """Values of one quantity written side by side become one measurement with its previous
        value: "from 20 a week to 6 a week", "5/10 -> 2/10", "7/10 vs 9/10 last week",
        "from 20 cigarettes a day to 10"."""
        joined: list[_Found] = []
        for item in found:
            last = joined[-1] if joined else None
            if last is not None and last.measurement.previous is None:
                between = t[last.span[1] : item.span[0]]
                later = _previous_of(item.measurement, last.measurement)
                if later is not None and (
                    _EARLIER.search(t[last.span[0] : last.span[1]])
                    and _NOW.search(t[item.span[0] : item.span[1]])
                    and _PAIR_BETWEEN.match(between)
                    or _ARROW_BETWEEN.match(between)
                    or _CHANGE_BETWEEN.match(between)
                    or _BEFORE_BETWEEN.match(between)
                    and _AFTER_AFTER.match(t[item.span[1] :])
                    or self._before_and_after(t, last.span, between)
                    or _FROM_BEFORE.search(t[max(0, last.span[0] - 20) : last.span[0]])
                    and _TO_BETWEEN.match(between)
                    or self._present_after_earlier(t, last, item.span)
                ):
                    m = item.measurement
                    joined[-1] = _Found(_with(m, m.value, later), (last.span[0], item.span[1]))
                    continue
                earlier = _previous_of(last.measurement, item.measurement)
                shape = self.compared_between.match(between)
                if (
                    earlier is not None
                    and shape is not None
                    # bare punctuation joins only with a word of time: "(5 minutes last week)"
                    and (
                        shape.group("word")
                        or self.earlier_anywhere.search(t[last.span[1] : item.span[1] + 25])
                    )
                ):
                    m = last.measurement
                    joined[-1] = _Found(_with(m, m.value, earlier), (last.span[0], item.span[1]))
                    continue
            joined.append(item)
        later = [self._later_number(t, item, blocked) for item in joined]
        # "down from 4 last month", "no attacks this week (3 last week)": an earlier value alone,
        # with no value of its own to be the earlier value of
        return [
            item
            for item in later
            if item.measurement.previous is not None
            or not (
                _CHANGED_FROM_BEFORE.search(t[max(0, item.span[0] - 30) : item.span[0]])
                or t[: item.span[0]].rstrip().endswith("(")
                and self.earlier_anywhere.search(t[item.span[0] : item.span[1] + 20])
            )
        ]

    def _later_number(self, t: str, item: _Found, blocked: list) -> _Found:
        """ "from 20 cigarettes a day to 10", "PHQ-9 18 → 12", "SUDS 70 during the exposure,
        dropping to 30": the bare number is the value."""
        m = item.measurement
        if m.previous is not None:
            return item
        rest = t[item.span[1] :]
        later = _LATER_NUMBER.match(rest)
        if later is not None:
            arrow = not re.match(r"\s*(?:down\s+|up\s+)?to\b", rest, _FLAGS)
            # "GAD-7 15 to 11": a score that goes down to a number is a change, as an arrow is
            falls = m.kind == "score" and float(later.group("value")) < m.value
            before = t[max(0, item.span[0] - 20) : item.span[0]]
            if not arrow and not falls and not _FROM_BEFORE.search(before):
                return item
        else:
            later = _LATER_CHANGE.match(rest) or _LATER_AFTER.match(rest)
            if later is None and m.kind in ("score", "rating"):
                later = self._present_after_earlier(t, item)
            if later is None:
                return item
        start, end = item.span[1] + later.start("value"), item.span[1] + later.end("value")
        if self._overlaps(item.span[1], start, blocked):
            return item  # another measurement stands between
        if self._overlaps(start, end, blocked) or self.not_after.match(t[end:]):
            return item
        if re.match(r"\s*[A-Za-z]", t[end:]) and not re.match(
            r"\s*(?:a|an|per|each|every|this|last|today|now|and|but|over|after|by|in|on)\b",
            t[end:],
            _FLAGS,
        ):
            return item  # "from 20 minutes to 2 hours" is read whole; a number with another word
        return _Found(_with(m, float(later.group("value")), m.value), (item.span[0], end))

    @staticmethod
    def _before_and_after(t: str, first: tuple[int, int], between: str) -> bool:
        """Whether the first value is dated at the start and the next one at the end."""
        after = _AFTER_BETWEEN.match(between)
        return after is not None and bool(
            after.group("start") or _BEFORE_NEAR.search(t[max(0, first[0] - 40) : first[0]])
        )

    def _present_after_earlier(
        self, t: str, earlier: _Found, present: tuple[int, int] | None = None
    ) -> re.Match[str] | None:
        """The present value after `earlier` when `earlier` is dated before ("15 at intake", "at
        intake it was 19") and the next clause's value is dated now ("9 today", "today it is
        11"); `present`: the span of a measurement that must stand at that value."""
        found = self.now_after_earlier.match(t[earlier.span[1] :])
        if found is None:
            return None
        start = earlier.span[1] + found.start("value")
        if present is not None and start != present[0]:
            return None
        clause_start = max(t.rfind(".", 0, earlier.span[0]), t.rfind(";", 0, earlier.span[0])) + 1
        dated_before = found.group("earlier") or self.earlier_anywhere.search(
            t[clause_start : earlier.span[1]]
        )
        dated_now = (
            found.group("now")
            or found.group("now_before")
            or found.group("now_after")
            or (present is not None and _NOW.search(t[present[0] : present[1]]))
        )
        return found if dated_before and dated_now else None

    def better_of_state(self, word: str) -> str | None:
        """ "higher" | "lower": which way is better for a rated state named by this word ("mood",
        "anxious"), if known."""
        word = word.lower()
        return self.better_when.get(word) or self.state_words.get(word)

    def _better(self, m: Measurement) -> str | None:
        if m.kind == "score" or (m.kind == "rating" and m.name in self.instrument_names):
            instrument = self.instrument_names.get(m.name)
            return None if instrument is None else instrument["better"]
        if m.kind == "rating" and m.name:
            return self.better_when.get(m.name.lower())
        if m.kind in ("duration", "frequency") and m.name:
            # "25 minutes to fall asleep, compared with 90": less is better for onset latency
            name = m.name.lower()
            return self.construct.get(name) or self.construct.get(name.split()[-1])
        return None

    @staticmethod
    def _normal_span(normal: Normalized, start: int, end: int) -> tuple[int, int]:
        """The span of the normalised text that covers original characters start..end (the first
        characters from start and from end on: a binary search, as the offsets only grow)."""
        size = len(normal.text)
        return min(bisect_left(normal.origin, start), size), min(
            bisect_left(normal.origin, end), size
        )

    # -- checks shared by the kinds ------------------------------------------------------------

    @staticmethod
    def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
        return any(start < s_end and s_start < end for s_start, s_end in spans)

    def _is_value(self, t: str, start: int, end: int, blocked: list[tuple[int, int]]) -> bool:
        """Whether the number at start..end can be a measurement at all."""
        if self._overlaps(start, end, blocked):
            return False
        before, after = t[max(0, start - 30) : start], t[end : end + 30]
        return not (
            # "up to 3 hours" is a limit; "up to 6 hours from 4.5" is a change
            (self.threshold_before.search(before) and not _CHANGED_FROM.match(after))
            # "session 4", "day 3" are places in a series; "in the day once" is a count; "after
            # 4/10" is the rating after something, "pain level 6" a rating
            or (
                t[start].isdigit()
                and self.not_before.search(before)
                and not self.state_level_before.search(before)
                and not (_OUT_OF_TEN.match(after) and _WHEN_BEFORE.search(before))
                and not _TIMES_AFTER.match(after)  # "left the room 4 times": a count
            )
            or self.not_after.match(after)
            or self.threshold_after.match(after)  # "2 or lower", "by review": a target
        )

    def _previous(self, t: str, end: int, blocked: list[tuple[int, int]]) -> float | None:
        found = self._previous_at(t, end, blocked)
        return None if found is None else found[0]

    def _previous_at(
        self, t: str, end: int, blocked: list[tuple[int, int]]
    ) -> tuple[float, int] | None:
        """The earlier value the text after `end` gives, and where its number ends."""
        rest = t[end:]
        for pattern in self.previous_after:
            found = pattern.search(rest)
            if found:
                start = end + found.start("prev")
                if self._overlaps(start, end + found.end("prev"), blocked):
                    continue
                # "vs 2 of 7 last week": the days of the earlier count are no count of their own
                share = _SHARE_AFTER.match(rest, found.end("prev"))
                blocked.append((start, end + max(found.end(), share.end() if share else 0)))
                return self._number(found.group("prev")), end + found.end("prev")
        return None

    def _number(self, word: str) -> float:
        lowered = word.lower()
        if lowered in self.previous_of_none:
            return 0.0
        return _TIMES.get(lowered) or float(word)

    def _keep(
        self, found: list[_Found], blocked: list, span: tuple[int, int], m: Measurement
    ) -> None:
        found.append(_Found(m, span))
        blocked.append(span)

    # -- the four kinds ------------------------------------------------------------------------

    def _scores(self, t: str, found: list[_Found], blocked: list) -> None:
        for match in self.respective_scores.finditer(t):
            # "PCL-5 and PHQ-9 were 40 and 12": each instrument takes its own value
            for inst, value in (("inst", "value"), ("inst2", "value2")):
                instrument = self.instruments[alias_key(match.group(inst))]
                score = _score(instrument, float(match.group(value)), None)
                self._keep(found, blocked, match.span(value), score)
            blocked.append(match.span())  # the names' own digits are no values ("PHQ-9")
        for pattern in self.score_patterns:
            for match in pattern.finditer(t):
                value_span = match.span("value")
                if self._overlaps(*value_span, blocked) or self.not_after.match(t[value_span[1] :]):
                    continue
                if _ITEM_BEFORE.search(t[max(0, match.start() - 25) : match.start("inst")]):
                    continue  # "item 9 on the PHQ-9 was 0": one item's answer, not the score
                instrument = self.instruments[alias_key(match.group("inst"))]
                out_of = re.match(r"\s*/\s*(\d+)", t[value_span[1] :])
                if (
                    out_of
                    and math.isfinite(instrument["max"])
                    and float(out_of.group(1)) != instrument["max"]
                ):
                    continue  # "PHQ-9 14/27" is a score; "GAD-7 item 3/4" is not
                end = max(match.end(), value_span[1] + (out_of.end() if out_of else 0))
                if self.threshold_before.search(t[max(0, value_span[0] - 30) : value_span[0]]):
                    continue
                value = float(match.group("value"))
                previous = (
                    float(match.group("prev"))
                    if "prev" in match.groupdict() and match.group("prev")
                    else self._previous(t, end, blocked)
                )
                self._keep(
                    found, blocked, (match.start(), end), _score(instrument, value, previous)
                )

    def _ratings(self, t: str, found: list[_Found], blocked: list, rateable: bool) -> None:
        for match in self.range_from.finditer(t):
            # "anxiety went from 8/10 to 5/10": the pair is one rating with its previous value.
            after = t[match.end("value") :]
            scale = re.match(r"\s*(?:/|out\s+of)\s*(100|10|5|7)\b", after)
            if self._overlaps(*match.span("value"), blocked):
                continue
            name = self._name_before(t, match.start())
            if scale is None:
                # "anxiety went from 8 to 4": a state the standard rates, on 0-10
                before = t[max(0, match.start() - 40) : match.start()].lower()
                words = re.findall(r"[a-z-]+", before)
                name = next((w for w in reversed(words[-5:]) if w in self.better_when), None)
                if name is None or not self.rating_ends.match(after):
                    continue
                if max(float(match.group("value")), self._number(match.group("prev"))) > 10:
                    continue
                span, value, scale_value = match.span(), float(match.group("value")), 10.0
            else:
                span = (match.start(), match.end("value") + scale.end())
                value, scale_value = float(match.group("value")), float(scale.group(1))
            self._keep(
                found,
                blocked,
                span,
                Measurement(
                    "rating",
                    name,
                    value,
                    scale=scale_value,
                    previous=self._number(match.group("prev")),
                    flag=None if 0 <= value <= scale_value else "out_of_range",
                ),
            )
        patterns = (self.rating, self.rated_as) + ((self.named_rating,) if rateable else ())
        for pattern in patterns:
            for match in pattern.finditer(t):
                start, end = match.span("value")
                if not self._is_value(t, start, end, blocked):
                    continue
                if (
                    pattern is self.named_rating
                    and not (
                        match.group("name").lower() in self.better_when
                        and float(match.group("value")) <= 10
                        # "mood rating of 6 this week" is one; "urges 3 this week" is a count
                        and (match.group("said") or self.rating_ends.match(t[end:]))
                    )
                ):
                    continue
                if match.groupdict().get("scale") == "7" and not self._rated_before(t, start):
                    continue  # "drinking days 2/7", "logged 4 out of 7": a count of days
                if match.groupdict().get("scale") in ("5", "7") and self.items_after.match(
                    t[match.end() :]
                ):
                    continue  # "completed 4/5 exposures": a share of the items, no rating
                if self.not_ratings_after.match(t[match.end() :]):
                    continue
                name = (
                    match.group("name").lower().split()[-1]
                    if "name" in match.groupdict()
                    else self._name_before(t, match.start())
                )
                scale = float(match.groupdict().get("scale") or 10)
                value = float(match.group("value"))
                previous = self._previous(t, match.end(), blocked)
                self._keep(
                    found,
                    blocked,
                    match.span(),
                    Measurement(
                        "rating",
                        name,
                        value,
                        scale=scale,
                        previous=previous,
                        flag=None if 0 <= value <= scale else "out_of_range",
                    ),
                )

    def _rated_before(self, t: str, start: int) -> bool:
        """Whether a state the standard rates is named just before the value ("mood 5/7")."""
        return bool(self.rated_state_before.search(t[max(0, start - 40) : start]))

    def _name_before(self, t: str, start: int) -> str | None:
        for word in reversed(
            re.findall(r"[A-Za-z][A-Za-z'-]*", t[max(0, start - 60) : start])[-6:]
        ):
            lowered = word.lower()
            if lowered not in self.rating_stop_words and len(lowered) > 2:
                return _singular(lowered)
        return None

    def _frequencies(self, t: str, found: list[_Found], blocked: list) -> None:
        lowered = t.lower()
        for pattern, shape, needle in self.frequency_patterns:
            if needle not in lowered:
                continue  # a cheap look first: the pattern's fixed words are not there
            for match in pattern.finditer(t):
                start, end = match.span("count")
                if not self._is_value(t, start, end, blocked) or self._overlaps(
                    *match.span(), blocked
                ):
                    continue
                if shape == "of_days":
                    # "4 of 5 workdays", "attended school 4 of 5 days": a working week
                    unit = match.groupdict().get("unit")
                    if unit is None and (
                        float(match.group("count")) > float(match.group("days"))
                        or self.not_ratings_after.match(t[match.end() :])
                    ):
                        continue  # "scored 3/7 on the quiz"; "8/7" is no count of days
                    working = re.match(r"(?:work|week|school)", unit or "", _FLAGS) or re.search(
                        r"\b(?:school|work|college|class|job)\b", t[: match.start()], _FLAGS
                    )
                    period = (
                        "week"
                        if working and match.group("days") == "5"
                        else self.days_in_period.get(match.group("days"))
                    )
                    if period is None:
                        continue
                    name = self._name_before(t, match.start())
                elif shape == "days_in":
                    period = self._period_of(match)
                    name = (match.group("noun") or _singular(match.group("unit"))).lower()
                elif shape in ("noun", "period_first", "per_first"):
                    noun = match.group("noun")
                    first = noun.split()[0].lower()
                    if (
                        self.noun_breaks.search(noun)
                        or noun.lower() in self.openers
                        or first in self.units
                        and first not in ("days", "day", "nights", "night")
                    ):
                        continue  # "20 min sun night": a count of minutes is a duration
                    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in noun.split()]
                    head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
                    words[head] = _singular(words[head])  # "cups of coffee" -> "cup of coffee"
                    name = " ".join(words)
                    period = self._period_of(match)
                else:
                    period = self._period_of(match)
                    name = self._name_before(t, match.start()) if shape == "bare" else None
                if period is None:
                    continue  # "3 times in 5 weeks": no period the standard names
                if period in ("hour", "minute") and _ANCHOR_AFTER.match(t[match.end() :]):
                    continue  # "2 drinks an hour before bed": a time anchor, not a rate
                if shape != "of_days" and self.dose_before.search(t[max(0, start - 40) : start]):
                    continue  # a dosing schedule, not a count of the client's acts
                if shape != "of_days" and name in ("day", "night") and period == "day":
                    continue  # "1 day a day" is not a rate
                if needle == "x" and _SPAN_AFTER_X.match(match.group(0)):
                    continue  # "denies use x 2 wks": for two weeks, not twice a week
                if match.group("count").lower() == "once" and _NEGATION_BEFORE.search(
                    t[: match.start()]
                ):
                    continue  # "didn't go once this week": none, not one
                count = self._number(match.group("count"))
                previous = (
                    float(match.group("prev"))
                    if match.groupdict().get("prev")
                    else self._previous(t, match.end(), blocked)
                )
                self._keep(
                    found,
                    blocked,
                    match.span(),
                    Measurement("frequency", name, count, period=period, previous=previous),
                )
        self._counts_sharing_a_period(t, found, blocked)

    def _counts_sharing_a_period(self, t: str, found: list[_Found], blocked: list) -> None:
        """ "Binged twice and purged once this week": a count joined to a frequency's own count
        by "and" has its period too (labelling D: a count with a period)."""
        for item in [f for f in found if f.measurement.kind == "frequency"]:
            offset = max(0, item.span[0] - 60)
            joined = _COUNT_JOINED.search(t[offset : item.span[0]])
            if joined is None:
                continue
            span = (offset + joined.start("count"), offset + joined.end("count"))
            if not self._is_value(t, *span, blocked):
                continue
            count = self._number(joined.group("count").split()[0].rstrip("x×"))
            period = item.measurement.period
            self._keep(found, blocked, span, Measurement("frequency", None, count, period=period))

    def _period_of(self, match: re.Match[str]) -> str | None:
        """The period a frequency's match names: "a week" -> week, "the past 7 days" -> week."""
        period = self.periods[match.group("period").lower()]
        span = match.groupdict().get("span")
        if span is None:
            return period
        if period in ("day", "night"):
            return self.days_in_period.get(span)
        return self.periods_of_span.get(f"{span} {period}")

    def _durations(self, t: str, found: list[_Found], blocked: list) -> None:
        for match in self.duration.finditer(t):
            hours = match.group("hours") or match.group("hours_h")
            if hours:
                minutes = match.group("minutes") or match.group("minutes_h")
                whole, minutes = (1 if hours.lower() in ("a", "an") else int(hours)), int(minutes)
                # "1 hour 30 minutes" is 1.5 hour, as "an hour and a half"; "1 hour 20" 80 minute
                value, unit = (
                    (whole + minutes / 60, "hour")
                    if minutes in (15, 30, 45)
                    else (whole * 60 + minutes, "minute")
                )
                start, end = match.span()
            elif match.group("phrase"):
                if _COUNT_BEFORE.search(t[max(0, match.start() - 15) : match.start()]):
                    continue  # "washed 2x an hour", "twice an hour": a rate, not how long
                phrase = re.sub(r"\s+", " ", match.group("phrase").lower()).replace("hr", "hour")
                value, unit = (
                    {"an hour and a half": 1.5, "half an hour": 0.5, "an hour": 1.0}.get(
                        phrase, 0.5
                    ),
                    "hour",
                )
                start, end = match.span()
            else:
                start, end = match.span("value")
                value = float(match.group("value")) + (0.5 if match.group("half") else 0.0)
                unit = self.units[match.group("unit").lower()]
            if not self._is_value(t, start, end, blocked) or self._overlaps(*match.span(), blocked):
                continue
            rest = t[match.end() :]
            if self.not_durations_after.match(rest) or self.not_durations_of.search(
                t[max(0, start - 40) : start]
            ):
                continue
            if unit in ("week", "month", "day") and re.search(
                r"(?:for|over|in|during)\s+the\s+(?:past|last)\s*$|\b(?:last|past|next|this)\s*$",
                t[max(0, start - 20) : start],
                _FLAGS,
            ):
                continue  # a time anchor ("for the past 2 weeks"), not how long something lasted
            name = self._duration_name(t, match.start(), match.end())
            lasted = self.for_before.search(t[max(0, start - 20) : start])
            if name is None and not (
                unit in ("minute", "hour")
                and self.per_day.match(rest)
                or unit in ("second", "minute", "hour")
                and lasted
            ):
                # Kept: "45 mins a day", "20 mins each time" (time on a behaviour) and "picked
                # at his chin for 20 min", "froze for 30 seconds" (how long what the client did
                # lasted, whatever it was)
                continue
            if unit in ("week", "month", "day") and name != "abstinence":
                continue  # days and weeks are how long a streak lasted, not an activity
            range_prev = re.search(
                rf"from\s+(?P<prev>{_NUMBER})\s*(?:\w+\s+)?to\s*$",
                t[max(0, start - 25) : start],
                _FLAGS,
            )
            previous = float(range_prev.group("prev")) if range_prev else None
            if previous is None and (earlier := self._previous_at(t, match.end(), blocked)):
                previous, earlier_end = earlier
                # "30 minutes, down from 2 hours": the previous value in the value's unit
                earlier_unit = self.unit_after.match(t[earlier_end:])
                if earlier_unit:
                    previous = _in_unit(previous, self.units[earlier_unit.group(1).lower()], unit)
            self._keep(
                found,
                blocked,
                match.span(),
                Measurement("duration", name, value, unit=unit, previous=previous),
            )

    def _duration_name(self, t: str, start: int, end: int) -> str | None:
        """The behaviour or state nearest the duration names it; the longest term wins."""
        window = t[max(0, start - 45) : start] + " | " + t[end : end + 35]
        terms = [_spaced(m.group(0)) for m in self.duration_names.finditer(window)]
        if not terms:
            # "got roughly seven hours most nights", "managed 4 hours on Wednesday night"; not
            # how long something lasted ("out for 3 hours on Friday night")
            hours = self.units.get(t[start:end].split()[-1].lower().strip("-")) == "hour"
            lasted = self.for_before.search(t[max(0, start - 20) : start])
            night = self.night_after.match(t[end : end + 35])
            return "sleep" if hours and night and not lasted else None
        return self.duration_name_of[max(terms, key=len)]


def _alias_starts(aliases: list[str]) -> str:
    """A pattern, in any case, for how the aliases begin: the first character, any spaces or
    hyphens, then the second letter or digit ("y[\\s-]*[bgm]" for Y-BOCS, YGTSS, YMRS). Every
    alias's match begins so, as its own pattern lets each space or hyphen stand or go."""
    seconds: dict[str, set[str]] = {}
    for alias in aliases:
        rest = alias[1:].lstrip(" -")
        seconds.setdefault(alias[0].lower(), set()).add(rest[0].lower() if rest else "")
    branches = []
    for first, after in sorted(seconds.items()):
        if "" in after:  # a one-character alias: its first character is enough
            branches.append(re.escape(first))
        else:
            branches.append(
                re.escape(first) + r"[\s-]*[" + "".join(re.escape(c) for c in sorted(after)) + "]"
            )
    return f"(?i:{'|'.join(branches)})"


class MeasurementFinder:
    """The spaCy component: each sentence's measurements, numbers inside a plan left out."""

    def __init__(self, reader: MeasurementReader) -> None:
        self.reader = reader

    def __call__(self, doc: Doc) -> Doc:
        for sentence in sentences_of(doc):
            sentence.measurements = self.reader.read(sentence.text, _unreal_spans(sentence))
        return doc


def _unreal_spans(sentence: SentenceAnalysis) -> list[tuple[int, int]]:
    """Character spans of the sentence under a plan, assignment or condition (not observed)."""
    if sentence.unreal:
        return [(0, len(sentence.text))]
    base = sentence.starts[0]
    spans = []
    for m in sentence.modifiers:
        if m.category == "hypothetical" and m.scope_end > m.scope_start:
            last = m.scope_end - 1
            spans.append(
                (
                    sentence.starts[m.scope_start] - base,
                    sentence.starts[last] - base + len(sentence.words[last]),
                )
            )
    return spans


@Language.factory("wayfinder_measurements")
def make_measurement_finder(nlp: Language, name: str) -> MeasurementFinder:
    return MeasurementFinder(MeasurementReader())
