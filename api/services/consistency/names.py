"""Names the text writes that the codex does not hold: variants of an existing entry
("Seraphine" for "Seraphina", "Nguyen Van An" or "Nguyễn Văn Ân" for "Nguyễn Văn An",
"Thánh Giong" for "Thánh Gióng") and unknown names.

The names come from the offline extractor (``ai.extraction``, English and Vietnamese),
which already recognises the codex's names and aliases; what it finds that is not an
entry is compared with every entry's forms and parts:

* Vietnamese: the same letters with other (or no) tone marks is a variant: the
  accent-folded keys agree, the exact keys differ;
* otherwise: an edit distance of 1 (2 for names of 9+ letters) on the folded keys,
  same first letter, names of 5+ letters ("Mara"/"Maya" are different people).

A name the world ignores (the review's "ignore") is not reported.
"""
from __future__ import annotations

from ai.budget import Budget
from ai.extraction import extract
from core.names import exact_key, is_vietnamese, match_key, search_key
from services.consistency.canon import Canon
from services.consistency.mentions import Mention
from services.consistency.text import Text, find_all, lower
from services.consistency.timeline import finding

UNKNOWN_KINDS = ("character", "creature", "faction", "place")
MIN_VARIANT = 5


def distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal string alignment distance (a swap of two letters counts one), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return min(prev[-1], limit)


def _plain(name: str) -> bool:
    """Written without any accent (an English-looking name)."""
    return search_key(name) == " ".join(name.casefold().split())


def variant_of(name: str, canon: Canon, language: str):
    """``(entry, form)`` the name is a variant of, if any (the closest)."""
    best = None
    folded = search_key(name)
    for entry in canon.entries.values():
        for form in entry.forms + entry.parts(language):
            tones = language == "vi" or is_vietnamese(form) or is_vietnamese(name)
            if (exact_key(form) == exact_key(name)) if tones else (match_key(form) == match_key(name)):
                return None   # the name itself (an alias spelled so): no variant
            other = search_key(form)
            if tones and other == folded:
                score = 0
            elif _plain(form) and _plain(name):
                shortest = min(len(folded), len(other))
                if shortest < MIN_VARIANT or folded[:1] != other[:1]:
                    continue
                score = distance(folded, other)
                if score > (2 if shortest >= 9 else 1):
                    continue
            else:
                continue
            if best is None or score < best[0] or (score == best[0] and len(form) > len(best[2])):
                best = (score, entry, form)
    return None if best is None else best[1:]


def _first(text: Text, forms: list[str]) -> tuple[int, int, str] | None:
    for form in forms:
        for start in find_all(text.lowered, lower(form)):
            return start, start + len(form), form
    return None


def variants_and_unknown(text: Text, mentions: list[Mention], canon: Canon, *, ignored=frozenset(),
                         budget: Budget | None = None, runs: list[tuple[int, int]] = ()) -> list[dict]:
    """Variants and unknown names among the extractor's new names, and among the longer names
    a known name's part was written in (``runs`` of ``mentions.locate``: "Mara Vel", "Brannoc Hale"),
    which the extractor leaves out on purpose (it never proposes a name holding a known part)."""
    known = [{"name": e.name, "kind": "place" if e.kind == "location" else e.kind, "aliases": list(e.aliases)}
             for e in canon.entries.values()]
    language = canon.language
    found = extract(text.nfc, known, language, budget)
    out = []
    for candidate in found.names:
        if candidate.known or match_key(candidate.name) in ignored:
            continue
        match = variant_of(candidate.name, canon, language)
        forms = [candidate.name, *candidate.forms]
        where = _first(text, sorted(forms, key=len, reverse=True) if match else forms)
        if where is None:
            continue
        start, end, _ = where
        if match is not None:
            entry, form = match
            quote = text.nfc[start:end]
            suggestion = quote.replace(candidate.name, form) if candidate.name in quote else form
            out.append(finding("name_variant", "warning",
                               f"“{candidate.name}” looks like a variant of “{form}” ({entry.name})",
                               text, start, end, [entry.ref()], suggestion))
        elif candidate.kind in UNKNOWN_KINDS:
            kind = "place" if candidate.kind == "place" else candidate.kind
            out.append(finding("unknown_name", "info",
                               f"“{candidate.name}” is not in the codex (a new {kind}?)",
                               text, start, end, []))
    quoted = {f["quote"] for f in out}
    for start, end in runs:
        name = text.nfc[start:end]
        if name in quoted or match_key(name) in ignored:
            continue
        quoted.add(name)
        match = variant_of(name, canon, language)
        if match is not None:
            entry, form = match
            out.append(finding("name_variant", "warning", f"“{name}” looks like a variant of “{form}” ({entry.name})",
                               text, start, end, [entry.ref()], form))
        elif len(name.split()) >= 2:
            out.append(finding("unknown_name", "info", f"“{name}” is not in the codex (a new name?)",
                               text, start, end, []))
    return out
