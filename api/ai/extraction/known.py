"""The world's known entries, found in a text by whole name or alias.

A known entry is found under any form it is recorded with: its name, an alias,
either without its title ("Captain Mara Vell" -> "Mara Vell") or without a
leading "the" ("The Grey Company"). One word of a multi-word name is never a
match by itself; it is a *part* ("Daven" of "Daven Voss"), which the caller
takes as an alias only when the text also writes the whole name. Vietnamese is
compared with tone marks (Trần is not Trấn).
"""
from __future__ import annotations

import unicodedata

from ai.budget import Budget
from ai.extraction import text as prose
from core.names import TITLES, exact_key, match_key, search_key, strip_title

AMBIGUOUS = -1   # a key two entries share: it names neither


def name_parts(name: str, language: str) -> list[str]:
    """The shorter forms a text may call a multi-word name by: the first or last word
    in English ("Daven", "Voss"); the given name at the end in Vietnamese ("Mai", "Thị Mai")."""
    words = name.split()
    if len(words) < 2 or (language == "vi" and words[0].islower()):
        return []   # "cầu Long Biên" keeps its place word: "Long Biên" may be another place
    if language == "vi":
        return [" ".join(words[i:]) for i in range(1, len(words))] + [words[0]]
    return [words[0], words[-1]]


class KnownIndex:
    """Known entries ``{name, kind, aliases}`` looked up by the key of any of their forms."""

    def __init__(self, known: list[dict], language: str):
        self.language = language
        self._titles = {t for t in TITLES.get(language, ()) if " " not in t}
        self.entries = [{"name": k["name"], "kind": k.get("kind") or "character",
                         "aliases": list(k.get("aliases") or [])} for k in known or () if k.get("name")]
        self._by_key: dict[str, int] = {}
        self._parts: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            for form in [entry["name"], *entry["aliases"]]:
                for variant in self._variants(form):
                    _add(self._by_key, self.key(variant), index)
        for index, entry in enumerate(self.entries):
            for part in name_parts(strip_title(entry["name"], language)[1], language):
                if self.key(part) not in self._by_key:
                    _add(self._parts, self.key(part), index)

    def key(self, name: str) -> str:
        return exact_key(name) if self.language == "vi" else match_key(name)

    def _variants(self, form: str) -> set[str]:
        bare = strip_title(form, self.language)[1]
        return {v for f in (form, bare) for v in (f, f[4:] if f.casefold().startswith("the ") else f) if v.strip()}

    def lookup(self, name: str) -> int | None:
        """The entry ``name`` is a whole name or alias of, if exactly one."""
        index = self._by_key.get(self.key(name))
        return None if index in (None, AMBIGUOUS) else index

    def part_of(self, name: str) -> int | None:
        """The entry whose multi-word name ``name`` is one part of ("Daven" of "Daven Voss")."""
        index = self._parts.get(self.key(name))
        return None if index in (None, AMBIGUOUS) else index

    def is_part(self, name: str) -> bool:
        return self.key(name) in self._parts

    def scan(self, sentence_list: list[str], budget: Budget) -> list[list[tuple[int, int]]]:
        """Per sentence, ``(entry, position)`` of each known entry it names (whole forms only)."""
        if not self._by_key:
            return [[] for _ in sentence_list]
        accented = {k for k in self._by_key if self.language == "vi" or k != search_key(k)}
        folded = [k for k in self._by_key if k not in accented]
        matchers = [(accents, prose.Matcher(keys)) for accents, keys in ((True, accented), (False, folded)) if keys]
        found = []
        for sentence in sentence_list:
            row: dict[int, int] = {}
            written = list(prose.WORD_RUN.finditer(unicodedata.normalize("NFC", sentence)))
            for accents, matcher in matchers:
                normalised = prose.normalise(sentence, accents)
                for key, position, first, last in matcher.occurrences(normalised, budget):
                    index = self._by_key[key]
                    if index != AMBIGUOUS and position < row.get(index, len(sentence) + 1) \
                            and not self._inside_longer_name(written, first, last):
                        row[index] = position
            found.append(sorted(row.items(), key=lambda item: item[1]))
        return found

    def _inside_longer_name(self, written: list, first: int, last: int) -> bool:
        """Whether the words ``first..last`` are one piece of a longer capitalised name:
        "Kharzul" of "Kharzul Pass" is not the known place Kharzul. A title or a
        sentence's first word before it is no part of it ("Captain Mara", "Then Mara")."""
        if first < 0 or last >= len(written):
            return False
        text = written[0].string
        def joined(a, b):
            return not text[a.end():b.start()].strip() and "\n" not in text[a.end():b.start()]
        after = written[last + 1] if last + 1 < len(written) else None
        if after and after.group()[0].isupper() and joined(written[last], after):
            return True
        before = written[first - 1] if first > 0 else None
        return bool(before and first - 1 > 0 and before.group()[0].isupper()
                    and joined(before, written[first]) and before.group().casefold() not in self._titles)


def _add(table: dict[str, int], key: str, index: int) -> None:
    if key:
        table[key] = index if table.get(key, index) == index else AMBIGUOUS
