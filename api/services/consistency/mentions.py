"""Where the checked text names the world's entries: by name, alias, a title-less form,
or (people) a part of a longer name ("Mara" of "Mara Vell", "An" of "Nguyễn Văn An").
A part written inside a longer capitalised name ("Hale" of "Brannoc Hale", "Mara" of "Mara
Vel") is no mention of the entry: that run is another name (``runs`` collects it for the
name rules: a variant or an unknown name). A capitalised word before it counts unless it is
a title, a common sentence opener, or a sentence's first word the text also writes in lower case.

Vietnamese forms (every form in a Vietnamese world) match with their tone marks (Trần is not Trấn); other forms
match without accents or case ("Zoe" finds "Zoë"). A match must start with a
capital letter (prose writes names so), cover whole words, and the longest match
wins where two overlap. A part two entries share names neither.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ai.event_rules import EN_LEADS, VI_LEADS
from core.names import TITLES, is_vietnamese
from services.consistency.canon import Canon
from services.consistency.text import Text, find_all, fold, lower


@dataclass(frozen=True)
class Mention:
    entry_id: str
    start: int      # NFC offsets in the checked text
    end: int
    whole: bool     # by a whole name or alias (not a part)


def _key(form: str, language: str) -> tuple[bool, str]:
    accented = language == "vi" or is_vietnamese(form)
    return accented, (lower(form) if accented else fold(form))


WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*) $")
WORD_AFTER = re.compile(r" ([^\W\d_][\w'’-]*)")
NOT_NAMES = {w for ws in TITLES.values() for t in ws for w in t.split()} | set(EN_LEADS) | \
    {w for lead in VI_LEADS for w in lead.split()}


def _longer_run(text: Text, start: int, end: int, lowercase: set[str]) -> tuple[int, int] | None:
    """The capitalised run ``start..end`` is part of, when it is longer than the part."""
    index = text.sentence_index(start)
    if index < 0:
        return None
    sentence = text.sentences[index]
    first, last = start, end
    while True:
        m = WORD_BEFORE.search(text.nfc, sentence.start, first)
        if not m or not m.group(1)[0].isupper() or m.group(1).casefold() in NOT_NAMES:
            break
        if m.start(1) == sentence.start and m.group(1).casefold() in lowercase:
            break
        first = m.start(1)
    while True:
        m = WORD_AFTER.match(text.nfc, last, sentence.end)
        if not m or not m.group(1)[0].isupper() or m.group(1).casefold() in NOT_NAMES:
            break
        last = m.end(1)
    return (first, last) if (first, last) != (start, end) else None


def locate(text: Text, canon: Canon, runs: list[tuple[int, int]] | None = None) -> list[Mention]:
    """The mentions, in the text's order; ``runs`` (if given) gets the longer names parts sat in."""
    forms: dict[tuple[bool, str], set[str]] = {}
    parts: dict[tuple[bool, str], set[str]] = {}
    for entry in canon.entries.values():
        for form in entry.forms:
            forms.setdefault(_key(form, canon.language), set()).add(entry.id)
        for part in entry.parts(canon.language):
            parts.setdefault(_key(part, canon.language), set()).add(entry.id)
    candidates = []
    for table, whole in ((forms, True), (parts, False)):
        for (accented, key), ids in table.items():
            if len(ids) != 1 or (not whole and (accented, key) in forms):
                continue
            entry_id = next(iter(ids))
            haystack = text.lowered if accented else text.folded
            for start in find_all(haystack, key):
                if text.nfc[start].isupper():
                    candidates.append(Mention(entry_id, start, start + len(key), whole))
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    lowercase = {w for w in re.findall(r"[^\W\d_][\w'’]*", text.nfc) if w.islower()}
    kept: list[Mention] = []
    for mention in candidates:
        if kept and mention.start < kept[-1].end:
            continue
        if not mention.whole:
            run = _longer_run(text, mention.start, mention.end, lowercase)
            if run is not None:
                if runs is not None and run not in runs:
                    runs.append(run)
                continue
        kept.append(mention)
    return kept
