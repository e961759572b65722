"""Accent folding for search and filters (never for deciding two names are one:
that is ``core.names.match_key``, where Vietnamese tone marks count).

``fold("Hà Nội")`` is ``"ha noi"``, ``fold("Đà Lạt")`` is ``"da lat"``: the
text decomposed (NFD), its combining marks dropped, the letters Unicode does
not decompose (đ, ø, æ...) mapped to plain ones, and case folded. Spacing is
kept as it is; ``fold_words`` splits folded text into words.
"""
from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "þ": "th",
                          "ı": "i", "ß": "ss"})
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """``text`` without accents or case ("Hàng Bạc" -> "hang bac")."""
    decomposed = unicodedata.normalize("NFD", (text or "").casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_LETTERS)


def fold_words(text: str) -> list[str]:
    """The folded words of ``text``, in order ("Trần Thị-Mai" -> ["tran", "thi", "mai"])."""
    return _WORD.findall(fold(text))
