"""Fields written as plain facts that the canon contradicts: a feature and its colour after a
character's name, up to the next name in the sentence ("Mara's green eyes", "Mara, with
grey-green eyes", "Mai có đôi mắt nâu"), against a field whose label names that feature ("Eye
colour", "Màu mắt") and whose value holds a colour ("blue"); a rank title before the name
("Queen Mara") against a title field ("Title: Duchess")."""
from __future__ import annotations

import re

from services.consistency.canon import Canon, Entry
from services.consistency.mentions import Mention
from services.consistency.text import Text, fold
from services.consistency.timeline import finding

COLOURS = {
    "en": ["blue-grey", "grey-green", "blue", "green", "brown", "grey", "gray", "black", "hazel", "amber", "red",
           "golden", "gold", "silver", "white", "violet", "auburn", "blonde", "blond", "copper", "ginger"],
    "vi": ["xanh lá", "xanh lục", "xanh dương", "xanh biếc", "xanh", "nâu", "đen", "xám", "vàng", "đỏ", "trắng",
           "tím", "bạc", "hổ phách", "hạt dẻ"],
}
FEATURES = {   # feature -> (words in a field label, nouns in prose)
    "eye": ({"eye", "eyes", "mắt"}, {"en": ["eyes", "eye", "eyed"], "vi": ["mắt"]}),
    "hair": ({"hair", "tóc"}, {"en": ["hair", "haired"], "vi": ["tóc"]}),
    "skin": ({"skin", "da"}, {"en": ["skin", "skinned"], "vi": ["da"]}),
    "beard": ({"beard", "râu"}, {"en": ["beard", "bearded"], "vi": ["râu"]}),
}
RANKS = {
    "en": ["king", "queen", "prince", "princess", "duke", "duchess", "count", "countess", "baron", "baroness",
           "lord", "lady", "emperor", "empress", "general", "captain", "commander", "sir", "dame", "chancellor"],
    "vi": ["hoàng hậu", "hoàng tử", "công chúa", "thái tử", "hoàng đế", "tướng quân", "tể tướng", "quận chúa",
           "nữ hoàng", "công tước", "bá tước", "hầu tước", "vua"],
}
TITLE_FIELD = re.compile(r"^(?:title|rank|tước hiệu|danh hiệu|chức vị|tước vị|tước)$", re.I)
PEOPLE = ("character", "creature")


def alternatives(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _region_end(text: Text, mentions: list[Mention], i: int) -> int:
    sentence = text.sentence_at(mentions[i].start)
    end = sentence.end if sentence else len(text.nfc)
    for other in mentions[i + 1:]:
        if other.start >= end:
            break
        if other.entry_id != mentions[i].entry_id:
            return other.start
    return end


def fields(text: Text, mentions: list[Mention], canon: Canon) -> list[dict]:
    out, seen = [], set()
    for i, mention in enumerate(mentions):
        entry = canon.entries[mention.entry_id]
        if entry.kind not in PEOPLE or not entry.fields:
            continue
        region = (mention.end, _region_end(text, mentions, i))
        for found in _colours(text, entry, mention, region) + _titles(text, entry, mention):
            key = (entry.id, found["quote"].casefold())
            if key not in seen:
                seen.add(key)
                out.append(found)
    return out


VERBS_EN = r"(?:were|was|are|is|looked|seemed|shone|gleamed|glinted|burned|turned|went|had turned)"
SOFTENERS_EN = r"(?: (?:the|a|an|as|so|pale|dark|bright|deep|cold|clear|light|soft))*"


def _colour_fields(entry: Entry):
    """``(key, value, language, the value's colours, noun pattern, colour pattern)`` of each field
    that holds a colour of a feature the prose can name."""
    for key, value in entry.fields.items():
        if not isinstance(value, str):
            continue
        label = f"{key.replace('_', ' ')} {entry.labels.get(key, '')}".casefold()
        label_words = set(re.findall(r"\w+", label))
        feature = next((f for f, (words, _) in FEATURES.items() if words & label_words), None)
        if feature is None:
            continue
        for language in ("en", "vi"):
            value_colours = [c for c in COLOURS[language]
                             if re.search(rf"(?<!\w){re.escape(c)}(?!\w)", value.casefold())]
            if value_colours:
                yield (key, value, language, value_colours, FEATURES[feature][1][language],
                       alternatives(COLOURS[language]))


def _colours(text: Text, entry: Entry, mention: Mention, region: tuple[int, int]) -> list[dict]:
    """"green eyes", "eyes were grey", "mắt xanh" after the name (up to the next name); "mắt của
    <name> đen" around it; "đôi mắt xám của <name>" before it."""
    out = []
    for key, value, language, value_colours, nouns, colours in _colour_fields(entry):
        noun_words = alternatives([n for n in nouns if not n.endswith("ed")])
        if language == "en":
            patterns = [rf"(?<!\w)(?P<c>{colours})(?:[- ](?:{colours}))?[- ](?P<n>{alternatives(nouns)})(?!\w)",
                        rf"(?<!\w)(?P<n>{noun_words}),? {VERBS_EN}{SOFTENERS_EN} (?P<c>{colours})(?!\w)"]
        else:
            patterns = [rf"(?<!\w)(?P<n>{noun_words})(?: màu)? (?P<c>{colours})(?!\w)"]
        matches = [m for pattern in patterns for m in re.compile(pattern).finditer(text.lowered, *region)]
        window = max(0, mention.start - 40)
        before = re.search(rf"(?<!\w)(?P<n>{noun_words}) của $", text.lowered[window:mention.start])
        after = re.compile(rf" (?P<c>{colours})(?!\w)").match(text.lowered, mention.end) if before else None
        ahead = re.compile(rf"(?<!\w)(?P<n>{noun_words})(?: màu)? (?P<c>{colours}) của $").search(
            text.lowered, window, mention.start)   # "đôi mắt xám của Mai"
        for m in matches + [x for x in (after, ahead) if x]:
            said = m.group("c")
            if any(said in v or v in said for v in value_colours):
                continue
            start = mention.start - len(before.group(0)) if m is after else m.start()
            end = m.end() if m is not ahead else m.end("c")
            quote = text.nfc[start:end]
            cs, ce = m.start("c") - start, m.end("c") - start
            label_text = entry.labels.get(key, key)
            out.append(finding("field", "warning", f"{entry.name}'s {label_text} is “{value}” in the codex, "
                                                   f"not “{said}”",
                               text, start, end, [entry.ref()], quote[:cs] + value_colours[0] + quote[ce:]))
    return out


def _titles(text: Text, entry: Entry, mention: Mention) -> list[dict]:
    for key, value in entry.fields.items():
        if not isinstance(value, str) or not value.strip():
            continue
        if not (TITLE_FIELD.match(key.replace("_", " ")) or TITLE_FIELD.match(entry.labels.get(key, "").strip())):
            continue
        for language in ("en", "vi"):
            m = re.search(rf"(?<!\w)(?P<t>{alternatives(RANKS[language])}) $", text.lowered[max(0, mention.start - 30):mention.start])
            if not m:
                continue
            said = m.group("t")
            if fold(said) in fold(value.casefold()):
                return []
            start = mention.start - (len(m.group(0)))
            quote = text.nfc[start:mention.end]
            written = text.nfc[start:start + len(said)]
            replacement = value.strip()
            if written[:1].isupper():
                replacement = replacement[:1].upper() + replacement[1:]
            return [finding("field", "warning",
                            f"{entry.name}'s {entry.labels.get(key, key)} is “{value}” in the codex, not “{said}”",
                            text, start, mention.end, [entry.ref()], replacement + quote[len(said):])]
    return []


