"""Fields and relations written as plain facts that the canon contradicts.

**Fields.** A feature and its colour after a character's name, up to the next name
in the sentence ("Mara's green eyes", "Mara, with grey-green eyes", "Mai có đôi mắt
nâu"), against a field whose label names that feature ("Eye colour", "Màu mắt") and
whose value holds a colour ("blue"); a rank title before the name ("Queen Mara")
against a title field ("Title: Duchess").

**Relations.** A kinship or alliance word between two characters ("Mara's cousin
Orin", "Orin, the cousin of Mara", "her cousin Orin" — the possessor then is the last
character named before —, "Lan, em gái của Mai", "em họ của nàng, Minh") against
the typed relations between them: a sibling called a cousin, a parent called a
child, an enemy called an ally. Words of one group (kin; ally/enemy) exclude each
other; friends and lovers contradict nothing.
"""
from __future__ import annotations

import bisect
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


def _alts(words) -> str:
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
        for found in _colours(text, entry, region) + _titles(text, entry, mention):
            key = (entry.id, found["quote"].casefold())
            if key not in seen:
                seen.add(key)
                out.append(found)
    return out


def _colours(text: Text, entry: Entry, region: tuple[int, int]) -> list[dict]:
    out = []
    for key, value in entry.fields.items():
        if not isinstance(value, str):
            continue
        label = f"{key.replace('_', ' ')} {entry.labels.get(key, '')}".casefold()
        label_words = set(re.findall(r"\w+", label))
        feature = next((f for f, (words, _) in FEATURES.items() if words & label_words), None)
        if feature is None:
            continue
        for language in ("en", "vi"):
            value_colours = [c for c in COLOURS[language] if re.search(rf"(?<!\w){re.escape(c)}(?!\w)", value.casefold())]
            if not value_colours:
                continue
            nouns, colours = _alts(FEATURES[feature][1][language]), _alts(COLOURS[language])
            pattern = (rf"(?<!\w)(?P<c>{colours})(?:[- ](?:{colours}))?[- ](?P<n>{nouns})(?!\w)" if language == "en"
                       else rf"(?<!\w)(?P<n>{nouns})(?: màu)? (?P<c>{colours})(?!\w)")
            for m in re.compile(pattern).finditer(text.lowered, region[0], region[1]):
                said = m.group("c")
                if any(said in v or v in said for v in value_colours):
                    continue
                quote = text.nfc[m.start():m.end()]
                cs, ce = m.start("c") - m.start(), m.end("c") - m.start()
                suggestion = quote[:cs] + value_colours[0] + quote[ce:]
                label_text = entry.labels.get(key, key)
                out.append(finding("field", "warning",
                                   f"{entry.name}'s {label_text} is “{value}” in the codex, not “{said}”",
                                   text, m.start(), m.end(), [entry.ref()], suggestion))
    return out


def _titles(text: Text, entry: Entry, mention: Mention) -> list[dict]:
    for key, value in entry.fields.items():
        if not isinstance(value, str) or not value.strip():
            continue
        if not (TITLE_FIELD.match(key.replace("_", " ")) or TITLE_FIELD.match(entry.labels.get(key, "").strip())):
            continue
        for language in ("en", "vi"):
            m = re.search(rf"(?<!\w)(?P<t>{_alts(RANKS[language])}) $", text.lowered[max(0, mention.start - 30):mention.start])
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


# -- relations ------------------------------------------------------------------------------

KIN = {"parent", "child", "sibling", "spouse", "cousin", "avuncular", "nibling", "grandparent", "grandchild"}
SIDES = {"ally", "enemy"}
INVERSE = {"parent": "child", "child": "parent", "avuncular": "nibling", "nibling": "avuncular",
           "grandparent": "grandchild", "grandchild": "grandparent"}
WORDS = {
    "en": {"brother": "sibling", "sister": "sibling", "sibling": "sibling", "twin": "sibling",
           "father": "parent", "mother": "parent", "parent": "parent", "son": "child", "daughter": "child",
           "child": "child", "husband": "spouse", "wife": "spouse", "spouse": "spouse", "cousin": "cousin",
           "uncle": "avuncular", "aunt": "avuncular", "nephew": "nibling", "niece": "nibling",
           "grandfather": "grandparent", "grandmother": "grandparent", "grandson": "grandchild",
           "granddaughter": "grandchild", "enemy": "enemy", "foe": "enemy", "nemesis": "enemy", "ally": "ally"},
    "vi": {"anh trai": "sibling", "em trai": "sibling", "chị gái": "sibling", "em gái": "sibling",
           "anh ruột": "sibling", "chị ruột": "sibling", "em ruột": "sibling", "anh em": "sibling",
           "chị em": "sibling", "cha": "parent", "bố": "parent", "mẹ": "parent", "cha ruột": "parent",
           "mẹ ruột": "parent", "con trai": "child", "con gái": "child", "chồng": "spouse", "vợ": "spouse",
           "anh họ": "cousin", "chị họ": "cousin", "em họ": "cousin", "chú": "avuncular", "bác": "avuncular",
           "cậu": "avuncular", "dì": "avuncular", "ông nội": "grandparent", "bà nội": "grandparent",
           "ông ngoại": "grandparent", "bà ngoại": "grandparent", "kẻ thù": "enemy", "đồng minh": "ally"},
}
# Vietnamese words that are also titles or pronouns count only with "của" after them.
VI_BARE_OK = {w for w in WORDS["vi"] if " " in w and w not in ("anh em", "chị em")} | {"chồng", "vợ"}
ADJ = r"(?:(?:elder|younger|older|little|big|twin|half|beloved|dear|only|late|step) )*"
PRONOUN_VI = r"(?:nàng|chàng|mình|cô ấy|anh ấy|cô|anh|ông|bà|hắn|y|nó|họ|em)"


def relation_role(relation: dict, canon: Canon, a: str, b: str) -> str | None:
    """What ``b`` is to ``a`` by this relation (a role of WORDS), if it says."""
    key = relation["type"]
    spec = canon.relation_types.get(key, {})
    label = f"{key.replace('_', ' ')} {spec.get('label', '')}".casefold()
    role = None
    if key == "parent_of":
        role = "parent"
    else:
        for language in ("en", "vi"):
            for word, r in sorted(WORDS[language].items(), key=lambda x: -len(x[0])):
                if re.search(rf"(?<!\w){re.escape(word)}s?(?!\w)", label):
                    role = r
                    break
            if role:
                break
    if role is None:
        return None
    # "source <type> target": the role is the source's ("Ana parent_of Bram": Ana is the parent)
    return role if relation["source_id"] == b else INVERSE.get(role, role)


def relations(text: Text, mentions: list[Mention], canon: Canon) -> list[dict]:
    people = [m for m in mentions if canon.entries[m.entry_id].kind in PEOPLE]
    out, seen = [], set()
    for stated in _statements(text, people, canon):
        a, b, role, start, end, word = stated
        if a == b:
            continue
        canon_roles = [relation_role(r, canon, a, b) for r in canon.relations
                       if {r["source_id"], r["target_id"]} == {a, b}]
        group = KIN if role in KIN else SIDES
        clash = [r for r in canon_roles if r in group and r != role]
        if not clash or role in canon_roles:
            continue
        key = (a, b, start)
        if key in seen:
            continue
        seen.add(key)
        ea, eb = canon.entries[a], canon.entries[b]
        out.append(finding("relation", "warning",
                           f"The codex has {eb.name} as {ea.name}'s {clash[0]}, not “{word}”",
                           text, start, end, [eb.ref(), ea.ref()]))
    return out


def _previous(people: list[Mention], starts: list[int], before: int, other_than: str, text: Text) -> str | None:
    """The last person named before ``before``, in its sentence or the one before."""
    index = text.sentence_index(before)
    floor = text.sentences[max(0, index - 1)].start if index >= 0 else before
    i = bisect.bisect_left(starts, before) - 1
    while i >= 0 and people[i].start >= floor:
        if people[i].entry_id != other_than:
            return people[i].entry_id
        i -= 1
    return None


def _statements(text: Text, people: list[Mention], canon: Canon):
    low = text.lowered
    starts = [m.start for m in people]
    en, vi = _alts(WORDS["en"]), _alts(WORDS["vi"])
    for i, m in enumerate(people):
        nxt = people[i + 1] if i + 1 < len(people) else None
        gap = low[m.end:nxt.start] if nxt else ""
        after = low[m.end:m.end + 60]
        before = low[max(0, m.start - 60):m.start]
        if nxt is not None:
            g = re.fullmatch(rf"['’]s {ADJ}(?P<w>{en})s?,? (?:the |a )?", gap)            # Mara's cousin Orin
            if g:
                yield m.entry_id, nxt.entry_id, WORDS["en"][g["w"]], m.start, nxt.end, g["w"]
            g = re.fullmatch(rf", (?:the |a |her |his )?{ADJ}(?P<w>{en}) of ", gap)           # Orin, the cousin of Mara
            if g:
                yield nxt.entry_id, m.entry_id, WORDS["en"][g["w"]], m.start, nxt.end, g["w"]
            g = re.fullmatch(r", ", gap)
            h = re.match(rf"['’]s {ADJ}(?P<w>{en})(?!\w)", low[nxt.end:nxt.end + 40]) if g else None
            if h:                                                                             # Orin, Mara's cousin
                yield nxt.entry_id, m.entry_id, WORDS["en"][h["w"]], m.start, nxt.end + h.end(), h["w"]
            g = re.fullmatch(rf",? (?:là |chính là )?(?:người )?(?P<w>{vi}) của ", gap)        # Lan, em gái của Mai
            if g:
                yield nxt.entry_id, m.entry_id, WORDS["vi"][g["w"]], m.start, nxt.end, g["w"]
            g = re.fullmatch(rf" có (?:một |hai |ba )?(?:người )?(?P<w>{vi}),? (?:tên |tên là |là )?", gap)
            if g:                                                                             # Mai có người em họ là Minh
                yield m.entry_id, nxt.entry_id, WORDS["vi"][g["w"]], m.start, nxt.end, g["w"]
            g = re.fullmatch(r",? (?:là |chính là )?", gap)
            h = re.search(rf"(?:^|\W)(?P<w>{vi}) của $", before)
            if g and h:                                                                       # em gái của Mai là Lan
                yield m.entry_id, nxt.entry_id, WORDS["vi"][h["w"]], m.start - len(h.group(0).lstrip()), nxt.end, h["w"]
        h = re.search(rf"(?:his|her|their) {ADJ}(?P<w>{en}),? $", before)                    # her cousin Orin
        if h:
            owner = _previous(people, starts, m.start, m.entry_id, text)
            if owner:
                yield owner, m.entry_id, WORDS["en"][h["w"]], m.start - len(h.group(0)), m.end, h["w"]
        h = re.match(rf", (?:his|her|their) {ADJ}(?P<w>{en})(?!\w)", after)                  # Orin, her cousin
        if h:
            owner = _previous(people, starts, m.start, m.entry_id, text)
            if owner:
                yield owner, m.entry_id, WORDS["en"][h["w"]], m.start, m.end + h.end(), h["w"]
        h = re.search(rf"(?:^|\W)(?:người )?(?P<w>{vi})(?P<p> của {PRONOUN_VI})?,? $", before)  # em họ của nàng, Minh
        if h and (h["p"] or h["w"] in VI_BARE_OK):
            owner = _previous(people, starts, m.start, m.entry_id, text)
            if owner:
                said = h.group(0)
                span = len(said) - (1 if said[:1] and not said[0].isalnum() else 0)
                yield owner, m.entry_id, WORDS["vi"][h["w"]], m.start - span, m.end, h["w"]
