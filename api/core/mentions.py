"""Mentions in prose: ``[[Name]]`` and ``[[Name|shown text]]`` link a text to an entry.

The syntax, exactly:

* ``[[`` opens, ``]]`` closes; between them a name, optionally followed by
  ``|`` and the text to show instead of the name ("[[Trần Hưng Đạo|ông]]").
* The name and the shown text may not contain ``[``, ``]``, ``|`` or a line
  break, and are 1 to ``NAME_MAX`` characters once trimmed (spaces inside are
  folded to one). Anything else is plain text: no nesting, no empty names.
* A backslash right before ``[[`` escapes it: ``\\[[Name]]`` is plain text (as
  ``\\[`` is a literal bracket in Markdown).
* Of ``[[[Name]]]`` the inner ``[[Name]]`` is the mention; the brackets around
  it stay text.

Parsing is one regular-expression pass in linear time (the bracket-free runs
it scans between two ``[[`` never overlap), so 200k characters of ``[[[[`` cost
no more than any other text; ``parse`` stops after ``MENTIONS_MAX`` mentions.
Names are kept as written (tone marks and all); which entry a name means is
decided elsewhere (``core.names.match_key`` over the world's names and aliases).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from core.names import match_key
from core.vocabulary import MENTIONS_MAX, NAME_MAX

# The part between the brackets: bounded, so a long bracket-free run is given up early.
_INNER_MAX = 2 * NAME_MAX + 64
_MENTION = re.compile(r"(?<!\\)\[\[([^\[\]\r\n]{1,%d})\]\]" % _INNER_MAX)
SNIPPET_MAX = 160


@dataclass(frozen=True)
class MentionSpan:
    """One mention found in a text: the name, what is shown, and where it is (``text[start:end]``)."""

    name: str            # as written, spaces folded
    shown: str           # the shown text; the name when none is given
    start: int
    end: int
    labelled: bool       # written with ``|shown text``


def _clean(part: str) -> str | None:
    part = " ".join(part.split())
    return part if 0 < len(part) <= NAME_MAX else None


def _span(match: re.Match) -> MentionSpan | None:
    name, bar, shown = match.group(1).partition("|")
    if "|" in shown:
        return None
    name = _clean(name)
    label = _clean(shown) if bar else name
    if name is None or label is None:
        return None
    return MentionSpan(name, label, match.start(), match.end(), bool(bar))


def iter_mentions(text: str):
    """Every well-formed mention of ``text``, in order (unbounded: for rewriting)."""
    for match in _MENTION.finditer(text or ""):
        span = _span(match)
        if span is not None:
            yield span


def parse(text: str, limit: int = MENTIONS_MAX) -> list[MentionSpan]:
    """The first ``limit`` mentions of ``text``, in order."""
    found = []
    for span in iter_mentions(text):
        if len(found) >= limit:
            break
        found.append(span)
    return found


def is_writable(name: str) -> bool:
    """Whether ``[[name]]`` would parse back to this name."""
    return _clean(name or "") == " ".join((name or "").split()) and not set(name) & set("[]|\r\n")


def rewrite(text: str, new_name: str, renames: Callable[[MentionSpan], bool]) -> tuple[str, int]:
    """``text`` with each mention ``renames`` picks pointed at ``new_name``, keeping its
    shown text: ``[[Old]]`` -> ``[[New]]``, ``[[Old|x]]`` -> ``[[New|x]]``. The new
    text and how many mentions changed (0: ``text`` itself)."""
    if not is_writable(new_name):
        return text, 0
    new_name = " ".join(new_name.split())
    pieces, last, changed = [], 0, 0
    for span in iter_mentions(text):
        if not renames(span) or span.name == new_name:
            continue
        pieces.append(text[last:span.start])
        pieces.append(f"[[{new_name}|{span.shown}]]" if span.labelled else f"[[{new_name}]]")
        last = span.end
        changed += 1
    if not changed:
        return text, 0
    pieces.append(text[last:])
    return "".join(pieces), changed


def rename(text: str, old_name: str, new_name: str) -> tuple[str, int]:
    """``rewrite`` of the mentions written with ``old_name`` (compared by ``match_key``)."""
    old = match_key(old_name)
    return rewrite(text, new_name, lambda span: match_key(span.name) == old)


def snippet(text: str, spans: list[MentionSpan], index: int, width: int = SNIPPET_MAX) -> str:
    """A short piece of ``text`` around its mention ``spans[index]``, mentions shown as
    their text (``spans``: the text's mentions, in order). Never cuts a mention in two;
    costs the window, not the text."""
    at = spans[index]
    around = max(0, (width - len(at.shown)) // 2)
    start, end = max(0, at.start - around), min(len(text), at.end + around)
    first = index
    while first > 0 and spans[first - 1].end > start:
        first -= 1
    last = index
    while last + 1 < len(spans) and spans[last + 1].start < end:
        last += 1
    start, end = min(start, spans[first].start), max(end, spans[last].end)
    pieces, cursor = [], start
    for span in spans[first:last + 1]:
        pieces += [text[cursor:span.start], span.shown]
        cursor = span.end
    pieces.append(text[cursor:end])
    body = " ".join("".join(pieces).split())
    return f"{'…' if start > 0 else ''}{body}{'…' if end < len(text) else ''}"
