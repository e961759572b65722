"""How canon reads in a prompt: one self-contained line per entry, relation or
event, labelled in the world's language ("en" or "vi").

Every line ends with a line break and begins with a label, so the lines of a
context block are counted one by one and their counts add up to the block's
(see ``ai.tokens``: no token spans two lines).
"""
from __future__ import annotations

import unicodedata

from core.calendar import format_date

DESCRIPTION_CHARS = 240   # of an entry's description, cut at a word
EVENT_CHARS = 160         # of an event's description
NOTE_CHARS = 80           # of a relation's note
FIELD_CHARS = 120         # of one field's value

LABELS = {
    "en": {"character": "Character", "creature": "Creature", "faction": "Faction", "item": "Item",
           "lore": "Lore", "location": "Place", "aliases": "also called", "event": "Event",
           "undated": "undated"},
    "vi": {"character": "Nhân vật", "creature": "Sinh vật", "faction": "Phe phái", "item": "Vật phẩm",
           "lore": "Truyền thuyết", "location": "Địa điểm", "aliases": "còn gọi là", "event": "Sự kiện",
           "undated": "không rõ ngày"},
}


def labels(language: str) -> dict:
    return LABELS.get(language, LABELS["en"])


def one_line(text) -> str:
    """``text`` (any value) on one line, NFC, spaces folded."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def shorten(text, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters, cut at a word with "…"."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.-—") + "…"


def field_value(value, template: dict | None, names: dict[str, str], calendar: dict) -> str:
    """A custom field's value as text: dates on the world's calendar, entries by name, lists joined."""
    kind = (template or {}).get("field_type", "text")
    if isinstance(value, dict) and "year" in value:
        try:
            return format_date(value, calendar)
        except (KeyError, TypeError, ValueError):
            return one_line(value.get("year"))
    if isinstance(value, list):
        return ", ".join(field_value(v, template, names, calendar) for v in value if v not in (None, ""))
    if kind == "entry" or (kind == "list" and isinstance(value, str) and value in names):
        return one_line(names.get(value, ""))
    return one_line(value)


def entry_line(doc: dict, kind: str, language: str, templates: dict[tuple[str, str], dict],
               names: dict[str, str], calendar: dict) -> str:
    """"Character: Mara Vell (also called Mara) — Eye colour: green; Age: 30. A sailor…" """
    words = labels(language)
    head = f"{words.get(kind, words['character'])}: {one_line(doc.get('name'))}"
    aliases = [one_line(a) for a in doc.get("aliases") or [] if one_line(a)]
    if aliases:
        head += f" ({words['aliases']} {', '.join(aliases)})"
    facts = []
    role = one_line(doc.get("role"))
    if role:
        facts.append(role)
    for key, value in (doc.get("fields") or {}).items():
        template = templates.get((kind, key))
        shown = shorten(field_value(value, template, names, calendar), FIELD_CHARS)
        if shown:
            facts.append(f"{one_line(template['label']) if template else one_line(key)}: {shown}")
    line = head + (f" — {'; '.join(facts)}" if facts else "")
    description = shorten(doc.get("description"), DESCRIPTION_CHARS)
    if description:
        line += f". {description}"
    return line + "\n"


def relation_line(source: str, label: str, target: str, note: str = "") -> str:
    """"Mara Vell — sibling of — Orin Dask" (and a short note)."""
    line = f"{one_line(source)} — {one_line(label)} — {one_line(target)}"
    note = shorten(note, NOTE_CHARS)
    return line + (f" ({note})" if note else "") + "\n"


def event_line(title: str, description: str, date: dict | None, language: str, calendar: dict) -> str:
    """"Event (3 Frostfall 1024 TA): The fall of Karsk — the walls broke…" """
    words = labels(language)
    when = words["undated"]
    if date:
        try:
            when = format_date(date, calendar)
        except (KeyError, TypeError, ValueError):
            pass
    line = f"{words['event']} ({one_line(when)}): {one_line(title)}"
    description = shorten(description, EVENT_CHARS)
    return line + (f" — {description}" if description else "") + "\n"
