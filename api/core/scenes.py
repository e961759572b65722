"""Word counts and scenes of a story's text.

A word is a run of letters, digits and combining marks (so a decomposed
"Việt", V-i-e-U+0302-U+0323-t, is one word, as its composed form is), and a
run joined by an apostrophe or a hyphen inside it ("don't", "well-known") is
still one word; a Markdown link's target (``](https://...)``) is not counted.
Vietnamese writes one syllable per space-separated word and is counted that
way ("Tiếng Việt" is two). Scripts written without spaces (Chinese
characters, kana) count each character as a word.

A scene break is a line holding only ``***``, ``* * *`` or ``⁂`` (spaces
around it allowed). A Markdown rule (``---``) is not a break. Scenes are the
non-blank stretches between breaks; their ``start``/``end`` are offsets in
code points of the text (``text[start:end]``).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from core.text import _ranges

# Han (with extensions and compatibility), kana, the CJK symbols block's iteration marks.
_CJK = re.compile("[\u3005\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9d"
                  "\U00020000-\U0002fa1f]")
_BREAK = re.compile(r"^[ \t]*(?:\*\*\*|\* \* \*|⁂)[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
TITLE_WORDS = 6
TITLE_MAX = 80
_CACHE_SIZE = 4096
_counts: dict[bytes, int] = {}
_LINK_TARGET = re.compile(r"\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")   # a Markdown link's target: not prose
_WORD = re.compile(r"[^\W_]+(?:['\u2019\-\u2010][^\W_]+)*")


@cache
def _marks() -> re.Pattern:
    """Every mark (general category M) below U+10000, built at first use. Marks are taken
    out before counting: a mark belongs to the word it follows ("e" + U+0302 is one letter)."""
    return re.compile(f"[{_ranges([c for c in range(0x300, 0x10000) if unicodedata.category(chr(c))[0] == 'M'])}]+")


def _plain(text: str) -> str:
    """``text`` ready for ``_WORD``: composed (NFC), without marks."""
    return text if text.isascii() else _marks().sub("", unicodedata.normalize("NFC", text))


def _count(text: str) -> int:
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)
    text = _plain(text)
    cjk = 0 if text.isascii() else len(_CJK.findall(text))
    if cjk:
        text = _CJK.sub(" ", text)
    return cjk + sum(1 for _ in _WORD.finditer(text))


def word_count(text: str) -> int:
    """How many words ``text`` holds (see the module's rules). Counts of long texts are
    remembered by a digest of the text, so listing the same chapters again is cheap."""
    if len(text) < 2000:
        return _count(text)
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    found = _counts.get(key)
    if found is None:
        found = _counts[key] = _count(text)
        if len(_counts) > _CACHE_SIZE:
            try:
                del _counts[next(iter(_counts))]   # the oldest
            except (KeyError, RuntimeError, StopIteration):   # another thread took it first
                pass
    return found


@dataclass(frozen=True)
class Scene:
    index: int
    start: int
    end: int
    title: str
    word_count: int

    def to_dict(self) -> dict:
        return {"index": self.index, "title": self.title, "word_count": self.word_count,
                "start": self.start, "end": self.end}


def heading(text: str) -> str:
    """The first Markdown heading's text ("" when none)."""
    found = _HEADING.search(text)
    return found.group(1).strip()[:TITLE_MAX] if found else ""


def _title(text: str) -> str:
    """The scene's first heading, else its first words ("" for a scene of no words)."""
    if heading(text):
        return heading(text)
    words = [w for w in text[:2000].split() if any(c.isalnum() for c in w)]
    title = " ".join(words[:TITLE_WORDS])[:TITLE_MAX]
    return title + "…" if len(words) > TITLE_WORDS else title


def scene_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each scene: the text between breaks with blank lines around it trimmed;
    a stretch of only blank space is no scene."""
    spans, start = [], 0
    for found in [*_BREAK.finditer(text), None]:
        end = found.start() if found else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        if found:
            start = found.end()
    return spans


def scenes(text: str) -> list[Scene]:
    """The scenes of ``text``, in order (one scene when it has no break; none when it is blank)."""
    return [Scene(index=i, start=s, end=e, title=_title(text[s:e]), word_count=word_count(text[s:e]))
            for i, (s, e) in enumerate(scene_spans(text))]


def scene_count(text: str) -> int:
    return len(scene_spans(text))
