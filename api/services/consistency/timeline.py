"""Offline rules about time: a dead character acting after the death, an age that does
not fit the calendar (or the entry's age field), and an event dated before the event
it depends on.

A character is dead from the start of the checked text when the canon's death
(``canon.Death``) lies in an earlier chapter of the same book the caller may read,
or is dated before the story's own date; and from the sentence on when the text
itself says so ("Mara died at the ford.", "Lý Thông giết Mai."). A later sentence
naming the character acts, unless it remembers ("grave", "ghost", "nhớ", "mộ"...).
A sentence that gives a year after a dated death is after it too ("In 1212 Mara ...").
"""
from __future__ import annotations

import re

from core.calendar import format_date
from services.consistency.canon import VICTIM_AFTER, VICTIM_BEFORE, Canon, Death
from services.consistency.mentions import Mention
from services.consistency.numbers import AGE_AFTER, AGE_BEFORE, number_value
from services.consistency.text import Text

MEMORIAL = {
    "en": re.compile(r"\b(?:remember\w*|memor\w*|grave\w*|tomb\w*|ghost\w*|spirit|late|mourn\w*|funeral|buried|"
                     r"bury|death|died|dead|corpse|body|portrait|statue|legend\w*|dream\w*|avenge\w*|vengeance|"
                     r"honou?r\w*|used to|had been|missed|miss|grief|griev\w*|wept for|shrine|ashes|widow\w*|heirs?|"
                     r"legacy|orphan\w*|had (?:\w+ ){0,2}(?:been|\w+ed))\b", re.I),
    "vi": re.compile(r"(?<!\w)(?:nhớ|tưởng nhớ|mộ|hồn|linh hồn|đám tang|chết|qua đời|hy sinh|bị giết|di hài|"
                     r"thi thể|xác|tượng|giỗ|báo thù|mơ|giấc mơ|kỷ niệm|ngày xưa|thương tiếc|tiếc thương|"
                     r"khóc thương|bàn thờ|di ảnh|góa|quả phụ|di chúc|di sản|cố)(?!\w)", re.I),
}
# What a dead character's possessive may still do: "Mara's voice rang out" acts, "Mara's sword hung" does not.
BODY = {"en": set("hand hands eyes eye voice face lips mouth fingers arm arms smile laugh gaze head feet foot "
                  "shadow breath".split()),
        "vi": set("tay mắt giọng mặt môi miệng ngón cánh nụ tiếng đầu chân bóng hơi".split())}
YEAR_IN_SENTENCE = re.compile(r"(?:\b(?:in|by|during)\s+(?:the\s+year\s+)?|(?<!\w)năm\s+)(\d{1,6})\b", re.I)
AFTER_TYPES = re.compile(r"after|follow|caused.by|depends|result.of|because|sau", re.I)
BEFORE_TYPES = re.compile(r"cause|lead|before|precede|trigger|result|enable|trước|dẫn", re.I)


def finding(kind: str, severity: str, message: str, text: Text, start: int, end: int, cites: list,
            suggestion: str = "") -> dict:
    quote, a, b = text.quote(start, end) if start >= 0 else ("", -1, -1)
    return {"kind": kind, "severity": severity, "message": message, "quote": quote, "start": a, "end": b,
            "cites": [c for c in cites if c], "suggestion": suggestion, "source": "rules"}


def _languages(canon: Canon) -> tuple[str, ...]:
    return (canon.language,) + tuple(lang for lang in ("en", "vi") if lang != canon.language)


def _dies_here(text: Text, mention: Mention, canon: Canon) -> bool:
    sentence = text.sentence_at(mention.start)
    if sentence is None:
        return False
    after = text.lowered[mention.end:sentence.end]
    before = text.lowered[sentence.start:mention.start]
    return any(re.match(VICTIM_AFTER[lang], after) or re.search(VICTIM_BEFORE[lang], before)
               for lang in _languages(canon))


def _death_label(death: Death, canon: Canon) -> str:
    parts = []
    if death.event is not None:
        parts.append(f"“{death.event['title']}”")
    if death.date:
        parts.append(format_date(death.date, canon.calendar))
    return ", ".join(parts) or "the canon"


def deaths(text: Text, mentions: list[Mention], canon: Canon) -> list[dict]:
    out = []
    story_date = canon.story_date()
    for entry_id in dict.fromkeys(m.entry_id for m in mentions):
        entry = canon.entries[entry_id]
        if entry.kind not in ("character", "creature"):
            continue
        known = canon.deaths.get(entry_id, [])
        prior = next((d for d in known if d.story_id in canon.earlier
                      or (d.date and story_date and canon.before(d.date, story_date))), None)
        dead_from, death = (0, prior) if prior else (None, None)
        own = [m for m in mentions if m.entry_id == entry_id]
        for mention in own:
            sentence = text.sentence_at(mention.start)
            if sentence is None:
                continue
            if dead_from is None and _dies_here(text, mention, canon):
                dead_from = sentence.end
                here = next((d for d in known if d.story_id == canon.story.story_id), None)
                death = here or Death(entry_id, None, None, canon.story.story_id)
                continue
            year = _sentence_year(sentence.text)
            dated = next((d for d in known if d.date and year is not None and d.date["year"] < year), None)
            if dead_from is None and dated is not None:
                dead_from, death = sentence.start, dated
            if dead_from is None or mention.start < dead_from:
                continue
            if any(MEMORIAL[lang].search(sentence.text) for lang in ("en", "vi")) or _belongings(text, mention):
                continue
            cite = death.cite() or {"kind": "story", "id": canon.story.story_id, "name": canon.story.title}
            message = (f"{entry.name} appears here after their death ({_death_label(death, canon)})"
                       if death.event is not None or death.date else
                       f"{entry.name} appears here after the text says they died")
            out.append(finding("death", "error", message, text, sentence.start, sentence.end,
                               [cite, entry.ref()]))
            break
    return out


def _belongings(text: Text, mention: Mention) -> bool:
    """Whether the mention names what the character had ("Edric's sword", "thanh kiếm của Lý Thông"),
    not the character doing something (their hands and voice still count as them)."""
    owned = re.match(r"['’]s (\w+)(?: (\w+))?", text.lowered[mention.end:mention.end + 40])
    if owned:   # "Mara's sword", "Mara's old sword"; "Mara's voice", "Mara's cold hand" are her
        return not BODY["en"] & set(owned.groups())
    owner = re.search(r"(\w+)(?: (\w+))? của $", text.lowered[max(0, mention.start - 30):mention.start])
    return bool(owner) and not BODY["vi"] & set(owner.groups())


def _sentence_year(sentence: str) -> int | None:
    m = YEAR_IN_SENTENCE.search(sentence)
    return int(m.group(1)) if m else None


def ages(text: Text, mentions: list[Mention], canon: Canon) -> list[dict]:
    """"Mara, 30," / "the thirty-year-old Mara" / "Mai năm nay 30 tuổi" against the birth date
    and the story's date (date finding), or against an age field (field finding)."""
    out, seen = [], set()
    year = canon.story_year()
    for mention in mentions:
        entry = canon.entries[mention.entry_id]
        if entry.kind not in ("character", "creature") or entry.id in seen:
            continue
        said = _age_at(text, mention, canon)
        if said is None:
            continue
        age, start, end, num_start, num_end = said
        born = canon.birth_year(entry)
        field = canon.age_field(entry)
        expected, kind, why = None, "", ""
        if born is not None and year is not None:
            expected, kind = year - born, "date"
            why = f"born {format_date({'year': born}, canon.calendar)}, the story is set in " \
                  f"{format_date(canon.story_date(), canon.calendar)}"
            tolerance = 1
        elif field is not None:
            expected, kind = field[1], "field"
            why = f"its field {entry.labels.get(field[0], field[0])} says {field[1]}"
            tolerance = 0
        if expected is None or abs(expected - age) <= tolerance:
            continue
        seen.add(entry.id)
        quote = text.nfc[start:end]
        suggestion = quote[:num_start - start] + str(expected) + quote[num_end - start:]
        out.append(finding(kind, "warning", f"{entry.name} is {age} here, but should be {expected} ({why})",
                           text, start, end, [entry.ref()], suggestion))
    return out


def _age_at(text: Text, mention: Mention, canon: Canon):
    sentence = text.sentence_at(mention.start)
    if sentence is None:
        return None
    for lang in _languages(canon):
        m = AGE_AFTER[lang].match(text.lowered, mention.end, sentence.end)
        if m:
            value = number_value(m.group("n"), lang)
            if value is not None:
                return value, mention.start, m.end(), m.start("n"), m.end("n")
        m = AGE_BEFORE[lang].search(text.lowered, sentence.start, mention.start)
        if m and m.end() == mention.start:
            value = number_value(m.group("n"), lang)
            if value is not None:
                return value, m.start(), mention.end, m.start("n"), m.end("n")
    return None


def dependencies(text: Text, canon: Canon) -> list[dict]:
    """Events of this story dated before an event they depend on (a connection typed
    "after", "caused by", "depends on"... or the reverse "causes", "leads to", "before")."""
    out = []
    by_id = {e["event_id"]: e for e in canon.events}
    for event in canon.events:
        if event["story_id"] != canon.story.story_id:
            continue
        for connection in event.get("connections") or ():
            other = by_id.get(connection.get("to_event_id"))
            if other is None:
                continue
            kind = f"{connection.get('relation_type', '')} {connection.get('relation_label', '')}"
            if AFTER_TYPES.search(kind):
                later, earlier = event, other
            elif BEFORE_TYPES.search(kind):
                later, earlier = other, event
            else:
                continue
            a, b = canon.event_date(later), canon.event_date(earlier)
            if not canon.before(a, b):
                continue
            start, end = _locate_event(text, later)
            out.append(finding("date", "warning",
                               f"“{later['title']}” ({format_date(a, canon.calendar)}) is dated before "
                               f"“{earlier['title']}” ({format_date(b, canon.calendar)}), which it depends on",
                               text, start, end,
                               [{"kind": "event", "id": later["event_id"], "name": later["title"]},
                                {"kind": "event", "id": earlier["event_id"], "name": earlier["title"]}]))
    return out


def _locate_event(text: Text, event: dict) -> tuple[int, int]:
    for words in (event.get("description") or "", event.get("title") or ""):
        needle = " ".join(words.split()).lower()
        if needle:
            i = text.lowered.find(needle)
            if i >= 0:
                sentence = text.sentence_at(i)
                return (sentence.start, sentence.end) if sentence else (i, i + len(needle))
    return -1, -1
