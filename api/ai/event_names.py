"""Which known characters and places a sentence really names.

Only whole names and recorded aliases count: "Ashford" alone names no
Ashford, "Nguyễn" no Nguyễn. Keys are ``core.names.match_key``, so Vietnamese
tone marks are significant ("chùa Trấn Quốc" never names "Trần Thị Mai").
A title in front is a prefix, not part of the name: "Captain Mara Vell" is
known as "Mara Vell" too. The capitalised words of a known name must be
capitalised in the text as well: "mùa xuân" (spring) is not "Xuân", "will" is
not "Will". Longest match first; matches never overlap.
"""
from __future__ import annotations

import re

from core.names import match_key, strip_title

WORD = re.compile(r"[^\W_]+")   # "Mara's" is "Mara" + "s"; "O'Brien" is "O Brien" on both sides
_LOWER_OK = {"the", "of", "a", "an"}   # "the Grey Company" is "The Grey Company"


def _capitals(name: str) -> tuple[bool, ...]:
    """For each word of ``name``: whether the text must write it capitalised."""
    return tuple(w[:1].isupper() and w.casefold() not in _LOWER_OK for w in WORD.findall(name))


class NameFinder:
    """Finds the known names in sentences (linear in the sentence's words)."""

    def __init__(self, names: list[str], language: str | None = None):
        self.keys: dict[str, tuple[str, tuple[bool, ...]]] = {}   # key -> (name as known, capitals)
        for name in names:
            for form in dict.fromkeys((name, strip_title(name, language)[1])):
                words = WORD.findall(form)
                key = match_key(" ".join(words))
                if words and key and key not in self.keys:
                    self.keys[key] = (name, _capitals(form))
        self.longest = max((len(k.split()) for k in self.keys), default=0)

    def find(self, sentence: str) -> list[str]:
        """The known names the sentence names, in order of first mention, each once."""
        if not self.keys:
            return []
        words = WORD.findall(sentence)
        found, i = [], 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                span = words[i:i + n]
                hit = self.keys.get(match_key(" ".join(span)))
                if hit and all(w[:1].isupper() or not must for w, must in zip(span, hit[1])):
                    found.append(hit[0])
                    i += n
                    break
            else:
                i += 1
        return list(dict.fromkeys(found))
