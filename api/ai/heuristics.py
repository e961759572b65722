"""Finding characters and places in prose without a language model.

Known names (and aliases) of the world are matched first, ignoring case and
accents. New names come from runs of capitalised words ("Mara Vell", "Tower
of Ash"); a run is a place if a place word is part of it ("Silver Forest",
"Port Nel") or it follows a place preposition ("in Karsk", "sailed to Ith").
Only names written in the text are ever returned.

Work is linear in the text's length: the text is normalised once, and every
name is looked up through one ``Matcher`` (a trie of the names' words walked
along the text's words), never by one scan of the text per name. Loops call
``budget.check()`` so a deadline or a cancellation stops them.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ai.budget import Budget
from core.names import name_key

WORD = re.compile(r"[^\W\d_][\w'’-]*")
WORD_RUN = re.compile(r"\w+")
POSSESSIVE = re.compile(r"['’]s?$")
MAX_NAME_CHARS = 200   # the answers' schemas reject longer names; such a run is no name anyway
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
NOT_FIRST_NAMES = STOPWORDS | TITLES
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


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"   # exactly what ``\w`` matches in a str pattern


class _Node:
    __slots__ = ("children", "keys")

    def __init__(self):
        self.children: dict[str, _Node] = {}
        self.keys: list[tuple[str, int]] = []   # (key, where its first word starts in it)


class Matcher:
    """Finds many normalised names in a normalised text in one walk over its words.

    A match is what ``mentions`` finds (the key as whole words), but instead of
    one scan of the text per name, the names' words form a trie and each word
    of the text follows it only as far as the next words agree, so the cost is
    the text's length times (at most) the words of the longest name.
    """

    def __init__(self, keys):
        self._root = _Node()
        self._odd = []   # keys with no word character, so nothing to index: plain regexes
        for key in dict.fromkeys(keys):
            words = list(WORD_RUN.finditer(key))
            if not words:
                self._odd.append((key, re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)")))
                continue
            node = self._root
            for word in words:
                node = node.children.setdefault(word.group(), _Node())
            node.keys.append((key, words[0].start()))

    def first_positions(self, text: str, budget: Budget | None = None) -> dict[str, int]:
        """Each key found in ``text`` -> where it first occurs."""
        budget = budget or Budget()
        runs = [(m.start(), m.group()) for m in WORD_RUN.finditer(text)]
        root, first = self._root.children, {}
        for i, (start, word) in enumerate(runs):
            budget.check()
            node, j = root.get(word), i
            while node is not None:
                for key, offset in node.keys:
                    at, end = start - offset, start - offset + len(key)
                    if (key not in first and at >= 0 and text.startswith(key, at)
                            and (at == 0 or not _is_word_char(text[at - 1]))
                            and (end == len(text) or not _is_word_char(text[end]))):
                        first[key] = at
                j += 1
                node = node.children.get(runs[j][1]) if j < len(runs) else None
        for key, pattern in self._odd:
            if match := pattern.search(text):
                first[key] = match.start()
        return first


def _first_mention_variants(name: str, partial: bool) -> list[str]:
    """Keys whose first occurrence places a known name; with ``partial`` a known
    person's first name alone counts too."""
    words = name.split()
    variants = [name] + ([words[0]] if partial and len(words) > 1 and len(words[0]) > 2
                         and words[0].lower() not in NOT_FIRST_NAMES else [])
    return [name_key(v) for v in variants]


def _mention_variants(name: str, partial: bool) -> list[str]:
    """Keys that count as a mention of ``name`` in a sentence; with ``partial``
    (people) a lone first or last name counts too."""
    parts = name.split()
    variants = [name] + ([parts[0], parts[-1]] if partial and len(parts) > 1 else [])
    return [name_key(v) for v in variants if len(v) > 2 and v.lower() not in STOPWORDS]


@dataclass
class Candidate:
    name: str
    first_seen: int
    count: int = 0
    place_votes: int = 0
    initial_only: bool = True


@dataclass
class Found:
    """Names found in a text, in order of first mention."""

    characters: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)     # name -> sentences mentioning it
    first_sentence: dict = field(default_factory=dict)   # name -> first sentence mentioning it
    sentences: list[str] = field(default_factory=list)   # the text's sentences
    # per sentence: (characters, locations) it mentions, each in the order of the lists above
    mentioned: list[tuple[list[str], list[str]]] = field(default_factory=list)


def _runs(sentence: str, budget: Budget):
    """(name, starts the sentence, word before, word before that) for each capitalised run."""
    matches = list(WORD.finditer(sentence))
    words = [(m.group(0), m.start()) for m in matches]

    def joined(k: int) -> bool:   # only spaces between word k-1 and word k
        return not sentence[matches[k - 1].end():matches[k].start()].strip()

    i = 0
    while i < len(words):
        budget.check()
        word = words[i][0]
        if not word[0].isupper():
            i += 1
            continue
        j = i + 1
        while j < len(words) and joined(j):
            budget.check()
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
    possessive = bool(POSSESSIVE.search(run[-1]))
    run = run[:-1] + [POSSESSIVE.sub("", run[-1])]
    start, end = 0, len(run)   # indices, not slicing, so a long run of stopwords stays linear
    while start < end and (run[start].lower() in STOPWORDS or run[start].lower() in CONNECTORS
                           or run[start].lower() in TITLES):
        before = run[start].lower()
        start += 1
    while start < end and run[end - 1].lower() in CONNECTORS:
        end -= 1
    return " ".join(w for w in run[start:end] if w), possessive, before


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


def find_names(text: str, known_characters: list[str] = (), known_locations: list[str] = (),
               budget: Budget | None = None) -> Found:
    """Characters and places named in ``text``: known names first, then new ones;
    with how often and where each is mentioned."""
    budget = budget or Budget()
    found = Found(sentences=sentences(text))
    normalised = []
    for sentence in found.sentences:
        budget.check()
        normalised.append(name_key(sentence))
    taken = _add_known(found, normalised, known_characters, known_locations, budget)
    _add_new(found, normalised, taken, budget)
    _count_mentions(found, normalised, budget)
    return found


def _add_known(found: Found, normalised: list[str], known_characters, known_locations,
               budget: Budget) -> dict[str, str]:
    """Adds the known names the text mentions, in order of first mention; returns key -> name taken."""
    whole = " \n ".join(normalised)   # no name spans a sentence break
    variants = {(name, partial): _first_mention_variants(name, partial)
                for names, partial in ((known_characters, True), (known_locations, False)) for name in names}
    first = Matcher(k for keys in variants.values() for k in keys).first_positions(whole, budget)
    taken = {}
    for names, bucket, partial in ((known_characters, found.characters, True),
                                   (known_locations, found.locations, False)):
        hits = sorted((min(positions), n) for n in names
                      if (positions := [first[k] for k in variants[n, partial] if k in first]))
        for _, name in hits:
            if name_key(name) not in taken:
                taken[name_key(name)] = name
                bucket.append(name)
    return taken


def _add_new(found: Found, normalised: list[str], taken: dict[str, str], budget: Budget) -> None:
    """Adds the capitalised runs that are new names, as characters or places."""
    candidates: dict[str, Candidate] = {}
    for index, sentence in enumerate(found.sentences):
        for run, initial, before, before2 in _runs(sentence, budget):
            name, possessive, before = _clean(run, before)
            key = name_key(name)
            if not name or key in STOPWORDS or len(key) < 2 or len(name) > MAX_NAME_CHARS:
                continue
            cand = candidates.setdefault(key, Candidate(name, index))
            cand.count += 1
            starts_here = initial and len(run) == len(name.split())
            cand.initial_only = cand.initial_only and starts_here
            cand.place_votes += 1 if _is_place(name, before, before2, possessive) else -1
    taken_words = {word for key in taken for word in key.split()}
    for key, cand in sorted(candidates.items(), key=lambda kv: kv[1].first_seen):
        budget.check()
        if key in taken or (cand.initial_only and cand.count < 2 and len(cand.name.split()) == 1):
            continue
        if len(key.split()) == 1 and key in taken_words:
            continue   # "Mara" when "Mara Vell" is already there
        if key.split()[0] in taken and cand.place_votes <= 0:
            continue   # "Orin Dask" when the world knows "Orin"
        taken[key] = cand.name
        taken_words.update(key.split())
        (found.locations if cand.place_votes > 0 else found.characters).append(cand.name)


def _count_mentions(found: Found, normalised: list[str], budget: Budget) -> None:
    """Fills counts, first_sentence and mentioned, in one walk over the sentences."""
    order = {name: i for i, name in enumerate(found.characters + found.locations)}
    people = len(found.characters)
    names_of: dict[str, list[str]] = {}   # key -> the names it is a mention of
    for name, i in order.items():
        found.counts[name], found.first_sentence[name] = 0, ""
        for key in _mention_variants(name, partial=i < people):
            names_of.setdefault(key, []).append(name)
    matcher, nobody = Matcher(names_of), ([], [])
    for sentence, norm in zip(found.sentences, normalised):
        keys = matcher.first_positions(norm, budget)
        if not keys:
            found.mentioned.append(nobody)
            continue
        named = sorted({n for k in keys for n in names_of[k]}, key=order.__getitem__)
        for name in named:
            found.counts[name] += 1
            found.first_sentence[name] = found.first_sentence[name] or sentence
        found.mentioned.append(([n for n in named if order[n] < people],
                                [n for n in named if order[n] >= people]))


def names_in(sentence: str, names: list[str], partial: bool = False) -> list[str]:
    """Which of ``names`` the sentence mentions; with ``partial`` (people) a lone
    first or last name counts too."""
    names_of: dict[str, list[str]] = {}
    for name in names:
        for key in _mention_variants(name, partial):
            names_of.setdefault(key, []).append(name)
    hit = {n for k in Matcher(names_of).first_positions(name_key(sentence)) for n in names_of[k]}
    return [n for n in names if n in hit]
