"""Where the checked text names the world's entries: by name, alias, a title-less form,
or (people) a part of a longer name ("Mara" of "Mara Vell", "An" of "Nguyễn Văn An").

Vietnamese forms match with their tone marks (Trần is not Trấn); other forms
match without accents or case ("Zoe" finds "Zoë"). A match must start with a
capital letter (prose writes names so), cover whole words, and the longest match
wins where two overlap. A part two entries share names neither.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.names import is_vietnamese
from services.consistency.canon import Canon
from services.consistency.text import Text, find_all, fold, lower


@dataclass(frozen=True)
class Mention:
    entry_id: str
    start: int      # NFC offsets in the checked text
    end: int
    whole: bool     # by a whole name or alias (not a part)


def _key(form: str) -> tuple[bool, str]:
    accented = is_vietnamese(form)
    return accented, (lower(form) if accented else fold(form))


def locate(text: Text, canon: Canon) -> list[Mention]:
    forms: dict[tuple[bool, str], set[str]] = {}
    parts: dict[tuple[bool, str], set[str]] = {}
    for entry in canon.entries.values():
        for form in entry.forms:
            forms.setdefault(_key(form), set()).add(entry.id)
        for part in entry.parts(canon.language):
            parts.setdefault(_key(part), set()).add(entry.id)
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
    kept: list[Mention] = []
    for mention in candidates:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept
