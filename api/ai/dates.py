"""When things happen: years read from a story's sentences, English and Vietnamese.

A story moves through time: "In the spring of 1912 ...", "Three winters later
...", "Ten years earlier ...". ``Chronology`` walks the sentences in order
keeping a running year (it starts at the story's own year, ``base_year``):

* an explicit year ("in 1912", "the spring of 1912", "năm 1946") sets it;
* a relative date ("two years later", "the next year", "hai năm sau", "năm
  sau") moves it forward, a flashback ("ten years earlier", "mười năm trước")
  back;
* a sentence without a date has the running year of the last dated sentence
  (None until the text dates something: the caller then uses the story's time).

A relative date with no count ("years later", "nhiều năm sau") makes the year
unknown until the next explicit year. Lunar years (năm Giáp Ngọ) are not read.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
            "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
            "a": 1, "an": 1, "a single": 1, "a couple of": 2}
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
           "eighty": 80, "ninety": 90, "a hundred": 100, "one hundred": 100}
VI_DIGITS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
             "bảy": 7, "tám": 8, "chín": 9}
UNCOUNTED = {"en": ("years", "many years", "several years", "a few years", "some years", "decades",
                    "many winters", "a few winters", "several winters"),
             "vi": ("mấy năm", "vài năm", "nhiều năm", "dăm năm", "bao năm", "mấy mùa", "vài mùa")}

_EN_NUMBER = (r"(?:\d{1,3}|(?:" + "|".join(sorted(EN_TENS, key=len, reverse=True)) + r")(?:[- ](?:"
              + "|".join(k for k in EN_UNITS if " " not in k and len(k) > 2) + r"))?|"
              + "|".join(sorted(EN_UNITS, key=len, reverse=True)) + r")")
_EN_UNIT = r"(?:years?|winters?|summers?|springs?|autumns?|falls?|harvests?|seasons?|decades?)"
_SEASON_EN = r"(?:(?:early |late )?(?:spring|summer|autumn|fall|winter)\s+of\s+)"
_VI_NUMBER = r"(?:\d{1,3}|(?:(?:" + "|".join(VI_DIGITS) + r")\s+mươi|mười)(?:\s+(?:" + "|".join(VI_DIGITS) \
             + r"))?|" + "|".join(VI_DIGITS) + r")"
_VI_UNIT = r"(?:năm|mùa\s+(?:đông|hè|hạ|xuân|thu)|mùa|thập\s+kỷ)"

PATTERNS = {
    "en": [
        ("year", re.compile(r"\b(?:(?:in|of|by|since|during|until|till|around|circa|before|after)\s+"
                            r"(?:the\s+)?" + _SEASON_EN + r"?|the\s+year\s+|" + _SEASON_EN + r")(\d{3,4})\b"
                            r"(?:\s*(?:AD|CE|A\.D\.))?", re.I)),
        ("shift", re.compile(r"\b(" + _EN_NUMBER + r")\s+(" + _EN_UNIT + r")\s+(later|after(?:wards?)?|on|"
                             r"hence|earlier|before|ago|previously|prior)\b", re.I)),
        ("uncounted", re.compile(r"\b(" + "|".join(UNCOUNTED["en"]) + r")\s+(later|after(?:wards?)?|on|"
                                 r"earlier|before|ago)\b", re.I)),
        ("next", re.compile(r"\b(?:the\s+(?:next|following)\s+(?:year|spring|summer|autumn|fall|winter)|"
                            r"next\s+(?:year|spring|summer|autumn|fall|winter)|the\s+year\s+after)\b", re.I)),
        ("previous", re.compile(r"\b(?:the\s+(?:previous|preceding)\s+(?:year|spring|summer|autumn|winter)|"
                                r"(?:the\s+year|a\s+year)\s+(?:before|earlier)|last\s+year)\b", re.I)),
    ],
    "vi": [
        ("year", re.compile(r"(?<!\w)(?:(?:mùa\s+(?:xuân|hạ|hè|thu|đông)|vào|từ|đến|tới|cuối|đầu|giữa)\s+)?"
                            r"năm\s+(\d{3,4})(?!\d)", re.I)),
        ("shift", re.compile(r"(?<!\w)(" + _VI_NUMBER + r")\s+(" + _VI_UNIT + r")\s+(sau|về\s+sau|trước|"
                             r"về\s+trước)(?!\w)", re.I)),
        ("uncounted", re.compile(r"(?<!\w)(" + "|".join(UNCOUNTED["vi"]) + r")\s+(?:\w+\s+)?(sau|trước)(?!\w)",
                                 re.I)),
        ("next", re.compile(r"(?<!\w)(?:năm\s+sau|năm\s+tiếp\s+theo|sang\s+năm|mùa\s+(?:xuân|hạ|hè|thu|đông)"
                            r"\s+năm\s+sau)(?!\w)", re.I)),
        ("previous", re.compile(r"(?<!\w)(?:năm\s+trước|năm\s+ngoái)(?!\w)", re.I)),
    ],
}
_BACKWARD = {"earlier", "before", "ago", "previously", "prior", "trước", "về trước"}


@dataclass(frozen=True)
class DateCue:
    """What a sentence says about time: an explicit ``year``, or a ``shift`` in years (None: uncounted)."""

    text: str
    year: int | None = None
    shift: int | None = None


def number(words: str, language: str) -> int | None:
    """``"three"`` -> 3, ``"twenty-five"`` -> 25, ``"hai mươi lăm"`` -> 25, ``"12"`` -> 12."""
    words = " ".join(words.casefold().replace("-", " ").split())
    if words.isdigit():
        return int(words)
    if language == "vi":
        return _vietnamese_number(words)
    if words in EN_UNITS:
        return EN_UNITS[words]
    for tens, value in EN_TENS.items():
        if words == tens:
            return value
        if words.startswith(tens + " ") and words[len(tens) + 1:] in EN_UNITS:
            return value + EN_UNITS[words[len(tens) + 1:]]
    return None


def _vietnamese_number(words: str) -> int | None:
    parts = words.split()
    if parts[0] == "mười":
        return 10 + (VI_DIGITS.get(parts[1], 0) if len(parts) > 1 else 0)
    if len(parts) >= 2 and parts[1] == "mươi":
        return VI_DIGITS[parts[0]] * 10 + (VI_DIGITS.get(parts[2], 0) if len(parts) > 2 else 0)
    return VI_DIGITS.get(parts[0]) if len(parts) == 1 else None


def find_date(sentence: str, language: str = "en") -> DateCue | None:
    """The first date the sentence gives (its words, and the year or the shift), if any."""
    best = None
    for kind, pattern in PATTERNS.get(language, PATTERNS["en"]):
        match = pattern.search(sentence)
        if match and (best is None or match.start() < best[1].start()):
            best = (kind, match)
    if best is None:
        return None
    kind, match = best
    text = match.group(0).strip()
    if kind == "year":
        return DateCue(text, year=int(match.group(1)))
    if kind == "next":
        return DateCue(text, shift=1)
    if kind == "previous":
        return DateCue(text, shift=-1)
    backward = match.group(match.lastindex).casefold() in _BACKWARD
    if kind == "uncounted":
        return DateCue(text, shift=None)
    count = number(match.group(1), language)
    unit = match.group(2).casefold()
    if count is not None and unit.startswith(("decade", "thập")):
        count *= 10
    return DateCue(text, shift=None if count is None else (-count if backward else count))


class Chronology:
    """The running year of a story read in order (see the module's docstring)."""

    def __init__(self, base_year: int | None = None, language: str = "en"):
        self.language = language
        self.running = base_year       # what a relative date counts from
        self.year: int | None = None   # the year of the last dated sentence (None until one)
        self.date_text = ""

    def read(self, sentence: str) -> tuple[int | None, str, bool]:
        """``(year, date_text, dated_here)`` for the next sentence of the story."""
        cue = find_date(sentence, self.language)
        if cue is None:
            return self.year, self.date_text, False
        if cue.year is not None:
            self.running = cue.year
        elif cue.shift is None or self.running is None:
            self.running = None         # "years later": lost until the next explicit year
        else:
            self.running += cue.shift
        self.year, self.date_text = self.running, cue.text
        return self.year, self.date_text, True
