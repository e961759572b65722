"""Relation words that contradict the typed relations: a kinship or alliance word between two
characters ("Mara's cousin Orin", "Orin, the cousin of Mara", "her cousin Orin" — the possessor
then is the last character named before —, "Lan, em gái của Mai", "em họ của nàng, Minh",
"Mai có người em họ là Minh") against the relations between them: a sibling called a cousin, a
parent called a child, an enemy called an ally. Words of one group (kin; ally/enemy) exclude
each other; friends and lovers contradict nothing."""
from __future__ import annotations

import bisect
import re

from services.consistency.canon import Canon
from services.consistency.fields import PEOPLE, alternatives
from services.consistency.mentions import Mention
from services.consistency.text import Text
from services.consistency.timeline import finding

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
ADJ = r"(?:(?:elder|younger|older|old|little|big|twin|half|beloved|dear|only|late|step|former|sworn|trusted|true) )*"
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
    en, vi = alternatives(WORDS["en"]), alternatives(WORDS["vi"])
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
