"""Usernames: the key that makes two spellings of one name the same account."""
from __future__ import annotations

import unicodedata


def username_key(name: str) -> str:
    """The uniqueness and lookup key of a username: NFKC-normalised, then case-folded."""
    return unicodedata.normalize("NFKC", name).casefold()
