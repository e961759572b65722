"""Turning names found in a story into proposals a writer reviews.

For each name: the existing entry it is (by name or alias, in any kind), an
alias of an existing entry it may be (one word of a longer name: "Daven" for
"Daven Voss", "bà Mai" for "Trần Thị Mai"), or a new entry. Names the world
ignores, and entries already linked to the story with nothing new to add, are
not proposed: re-analysing proposes nothing already decided.
"""
from __future__ import annotations

import uuid

from core.names import exact_key, match_key, search_key, strip_title
from core.vocabulary import CONFIDENT
from services.codex import Codex, CodexEntry

KNOWN_CONFIDENCE = 0.95        # the name is an entry's name or recorded alias
SUPPORTED_ALIAS = 0.85         # a short form whose full name the same text also writes
UNSUPPORTED_ALIAS = 0.5        # a short form alone: maybe that entry, maybe someone new
AMBIGUOUS_ALIAS = 0.35         # a short form of several entries ("Ashford" with three Ashfords)


def written_in(name: str, text_keys: tuple[str, str]) -> bool:
    """Whether ``name`` occurs in the text (``text_keys``: its exact and folded keys)."""
    exact, folded = text_keys
    key = match_key(name)
    return bool(key) and key in (exact if key == exact_key(name) else folded)


def _new_aliases(entry: CodexEntry, names: list[str]) -> list[str]:
    known = {match_key(n) for n in [entry.name, *entry.aliases]}
    fresh = []
    for name in names:
        if match_key(name) not in known:
            known.add(match_key(name))
            fresh.append(name)
    return fresh


def propose(found: list[dict], codex: Codex, ignored: set[str], linked: set[str], text: str) -> list[dict]:
    """Proposals for the found names (``ai.schemas.FoundName`` dicts), in order."""
    text_keys = (exact_key(text), search_key(text))
    proposals: dict[str, dict] = {}   # target id or name key -> its proposal: one per referent
    for item in found:
        name = " ".join(item["name"].split())
        forms = [name, *item.get("aliases", [])]
        entry = next((e for e in map(codex.find, forms) if e is not None), None)
        base = {"name": name, "kind": item.get("kind", "character"), "quote": item.get("quote", ""),
                "count": item.get("count", 1), "target": None, "aliases": [],
                "confidence": float(item.get("confidence", 0.5))}
        if entry is not None:
            aliases = _new_aliases(entry, forms)
            if entry.id in linked and not aliases:
                continue
            proposal = {**base, "action": "link", "kind": entry.kind, "target": entry.ref(),
                        "aliases": aliases, "confidence": max(base["confidence"], KNOWN_CONFIDENCE)}
            slot = entry.id
        elif match_key(name) in ignored or match_key(strip_title(name)[1]) in ignored:
            continue
        elif candidates := codex.partial(name):
            target = candidates[0]
            supported = written_in(target.name, text_keys)
            confidence = (AMBIGUOUS_ALIAS if len(candidates) > 1
                          else SUPPORTED_ALIAS if supported else UNSUPPORTED_ALIAS)
            proposal = {**base, "action": "alias", "kind": target.kind, "target": target.ref(),
                        "aliases": [], "confidence": confidence}
            slot = f"alias:{target.id}:{match_key(name)}"
        else:
            proposal = {**base, "action": "create", "aliases": [a for a in forms[1:] if not same(a, name)]}
            slot = match_key(name)
        if slot in proposals:   # two forms of one referent: one proposal, the forms as aliases
            kept = proposals[slot]
            kept["count"] += proposal["count"]
            fresh = not same(name, kept["name"]) and all(not same(name, a) for a in kept["aliases"])
            if fresh and kept["action"] != "alias":
                kept["aliases"].append(name)
            continue
        proposals[slot] = proposal
    return [{**p, "proposal_id": uuid.uuid4().hex[:12], "confident": p["confidence"] >= CONFIDENT,
             "confidence": round(p["confidence"], 2), "status": "pending", "outcome": None}
            for p in proposals.values()]


def same(a: str, b: str) -> bool:
    return match_key(a) == match_key(b)
