"""Finding characters and places in prose without a language model.

Known names (and aliases) of the world are matched first, ignoring case and
accents. New names come from runs of capitalised words ("Mara Vell", "Tower
of Ash"); a run is a place if a place word is part of it ("Silver Forest",
"Port Nel") or it follows a place preposition ("in Karsk", "sailed to Ith").
Only names written in the text are ever returned.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from core.names import name_key

WORD = re.compile(r"[^\W\d_][\w'’-]*")
ABBREVIATIONS = r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMt\.)"
SENTENCE_BREAK = re.compile(ABBREVIATIONS + r"(?<=[.!?…])[\"'”’)\]]*\s+|\n\s*\n|\n(?=\s*[-*•])")
CONNECTORS = {"of", "the", "de", "du", "von", "van", "da", "del", "la", "le"}
STOPWORDS = set("""
a an the and but or nor so yet for if then when while after before as at by in on of to from into
onto upon with without he she it they we you i me him her them us his hers its their our your my
this that these those there here what which who whom whose why how where yes no not never always
all some every each many much more most one two three first last next soon later meanwhile still
suddenly finally eventually once now today tonight tomorrow yesterday perhaps maybe even just only
chapter part book prologue epilogue mr mrs ms dr sir lady lord king queen captain
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december god oh ah hey well
together instead however although though because since until unless during despite unlike
like along among against above below behind beside beneath across inside outside beyond
again also already almost alone afterwards nothing everything someone everyone nobody somewhere
""".split())
TITLES = {"mr", "mrs", "ms", "dr", "sir", "lady", "lord", "king", "queen", "captain", "prince",
          "princess", "duke", "general", "commander", "master", "doctor", "professor", "father"}
PLACE_WORDS = set("""
forest forests woods wood mountains mountain mount river sea ocean lake bay harbor harbour port
city town village hamlet castle keep tower citadel fortress fort temple hall gate gates bridge
valley vale isle island islands station base colony planet moon desert plains hills hill marsh
swamp street road square market palace abbey inn tavern cave caves mines mine ruins empire
kingdom realm academy library docks spire peak pass falls coast shore glen fields canyon
district quarter outpost sanctum shrine cathedral manor estate garden gardens cliffs reach
""".split())
PLACE_PREPS = {"in", "at", "into", "through", "across", "near", "inside", "outside", "beyond",
               "within", "toward", "towards", "reached", "entered", "visited", "around", "over"}
MOTION_VERBS = {"went", "walked", "travelled", "traveled", "sailed", "rode", "returned", "fled",
                "came", "flew", "marched", "journeyed", "headed", "moved", "ran", "drove",
                "arrived", "escaped", "go", "travel", "sail", "return", "back", "way"}
LOOK_VERBS = {"looked", "stared", "glanced", "smiled", "laughed", "shouted", "pointed", "aimed",
              "nodded", "frowned", "winked", "grinned", "glared", "waved", "yelled", "barked"}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_BREAK.split(text or "") if s and s.strip()]


def mentions(name: str, normalised_text: str) -> int:
    """Where ``name`` first occurs (case/accent-insensitive, whole words); -1 if not."""
    match = re.search(r"(?<!\w)" + re.escape(name_key(name)) + r"(?!\w)", normalised_text)
    return match.start() if match else -1


def _first_mention(name: str, normalised_text: str, partial: bool) -> int:
    """Like ``mentions``; with ``partial`` a known person's first name alone counts too."""
    words = name.split()
    variants = [name] + ([words[0]] if partial and len(words) > 1 and len(words[0]) > 2
                         and words[0].lower() not in STOPWORDS | TITLES else [])
    found = [pos for v in variants if (pos := mentions(v, normalised_text)) >= 0]
    return min(found, default=-1)


@dataclass
class Candidate:
    name: str
    first_seen: int
    count: int = 0
    place_votes: int = 0
    initial_only: bool = True
    sentence: str = ""


@dataclass
class Found:
    """Names found in a text, in order of first mention."""

    characters: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    first_sentence: dict = field(default_factory=dict)   # name -> first sentence mentioning it


def _runs(sentence: str):
    """(name, starts the sentence, word before, word before that, possessive) for each capitalised run."""
    matches = list(WORD.finditer(sentence))
    words = [(m.group(0), m.start()) for m in matches]

    def joined(k: int) -> bool:   # only spaces between word k-1 and word k
        return not sentence[matches[k - 1].end():matches[k].start()].strip()

    i = 0
    while i < len(words):
        word = words[i][0]
        if not word[0].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(words) and joined(j):
            nxt = words[j][0]
            if nxt[0].isupper():
                j += 1
            elif (nxt.lower() in CONNECTORS and j + 1 < len(words) and joined(j + 1)
                  and words[j + 1][0][0].isupper()):
                j += 2
            else:
                break
        run = [w for w, _ in words[i:j]]
        before = words[i - 1][0].lower() if i > 0 else ""
        before2 = words[i - 2][0].lower() if i > 1 else ""
        yield run, i == 0, before, before2
        i = j


def _clean(run: list[str], before: str) -> tuple[str, bool, str]:
    """The name in a run, whether it is possessive, and the word before the name."""
    possessive = bool(re.search(r"['’]s?$", run[-1]))
    run = run[:-1] + [re.sub(r"['’]s?$", "", run[-1])]
    while run and (run[0].lower() in STOPWORDS or run[0].lower() in CONNECTORS or run[0].lower() in TITLES):
        before = run[0].lower()
        run = run[1:]
    while run and run[-1].lower() in CONNECTORS:
        run = run[:-1]
    return " ".join(w for w in run if w), possessive, before


def _is_place(run_name: str, before: str, before2: str, possessive: bool) -> bool:
    words = run_name.lower().split()
    if words[0] in PLACE_WORDS or words[-1] in PLACE_WORDS:
        return True
    if possessive:
        return False
    if before in PLACE_PREPS and not (before == "at" and before2 in LOOK_VERBS):
        return True
    if before == "of" and before2 in PLACE_WORDS:
        return True   # "the city of Varn"
    return before in ("to", "from") and before2 in MOTION_VERBS


def find_names(text: str, known_characters: list[str] = (), known_locations: list[str] = ()) -> Found:
    """Characters and places named in ``text``: known names first, then new ones."""
    found = Found()
    parts = sentences(text)
    normalised = [name_key(s) for s in parts]
    whole = " \n ".join(normalised)
    taken = {}
    for names, bucket, partial in ((known_characters, found.characters, True),
                                   (known_locations, found.locations, False)):
        hits = sorted((pos, n) for n in names if (pos := _first_mention(n, whole, partial)) >= 0)
        for _, name in hits:
            if name_key(name) not in taken:
                taken[name_key(name)] = name
                bucket.append(name)
    candidates: dict[str, Candidate] = {}
    for index, sentence in enumerate(parts):
        for run, initial, before, before2 in _runs(sentence):
            name, possessive, before = _clean(run, before)
            key = name_key(name)
            if not name or key in STOPWORDS or len(key) < 2:
                continue
            cand = candidates.setdefault(key, Candidate(name, index, sentence=sentence))
            cand.count += 1
            starts_here = initial and len(run) == len(name.split())
            cand.initial_only = cand.initial_only and starts_here
            cand.place_votes += 1 if _is_place(name, before, before2, possessive) else -1
    for key, cand in sorted(candidates.items(), key=lambda kv: kv[1].first_seen):
        if key in taken or (cand.initial_only and cand.count < 2 and len(cand.name.split()) == 1):
            continue
        if len(key.split()) == 1 and any(key in k.split() for k in taken):
            continue   # "Mara" when "Mara Vell" is already there
        if key.split()[0] in taken and cand.place_votes <= 0:
            continue   # "Orin Dask" when the world knows "Orin"
        taken[key] = cand.name
        (found.locations if cand.place_votes > 0 else found.characters).append(cand.name)
    for name in found.characters + found.locations:
        partial = name in found.characters
        hits = [s for s in parts if names_in(s, [name], partial)]
        found.counts[name] = len(hits)
        found.first_sentence[name] = hits[0] if hits else ""
    return found


def names_in(sentence: str, names: list[str], partial: bool = False) -> list[str]:
    """Which of ``names`` the sentence mentions; with ``partial`` (people) a lone
    first or last name counts too."""
    norm = name_key(sentence)
    hits = []
    for name in names:
        parts = name.split()
        variants = [name] + ([parts[0], parts[-1]] if partial and len(parts) > 1 else [])
        if any(len(v) > 2 and v.lower() not in STOPWORDS and mentions(v, norm) >= 0 for v in variants):
            hits.append(name)
    return hits
