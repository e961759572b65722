"""Vietnamese rules: which capitalised runs are names, and what their context says they name.

Vietnamese capitalises every syllable of a proper name ("Hà Nội", "Trần Thị
Mai", "An Tiêm") and nothing else but the first word of a sentence, so a run
of capitalised syllables is a name once a title or place word in front is
taken off ("Vua Hùng Vương" -> "Hùng Vương"). A lone syllable capitalised by
position ("Mùa thu năm 1946", "Ngày xưa") is no name unless a cue says so or
it is written mid-sentence elsewhere. Only Vietnamese stopwords apply ("An"
and "Bụt" are names here).

A structure or natural feature keeps its place word ("cầu Long Biên", "sông
Hồng", "Hồ Gươm": "Long Biên" alone may be a district); after an administrative
or street word the name is bare when it has two syllables or more ("Hàng Bạc",
alias "phố Hàng Bạc"), so every place is written one way.
"""
from __future__ import annotations

from typing import Iterator

from ai.budget import Budget
from ai.extraction.candidates import Candidate
from ai.extraction.mention import STRONG, WEAK, Mention, share_list_kind
from ai.extraction.text import MAX_NAME_CHARS, Word, capitalised_runs, is_initial, joined, words
from ai.extraction.vietnamese_words import (
    BRANCHES, CLASSIFIERS, ERA_WORDS, FACTION_CUES, FEATURE_CUES, GAZETTEER, LEADING_PLACE_CUES,
    LOWER_MIDDLE_NAMES, MIDDLE_NAMES, NAMING_WORDS, PERSON_SYLLABLES, PERSON_TITLES, PERSON_VERBS, PLACE_CUES, PLACE_ENDINGS, PLACE_PREPS, SPEECH_VERBS, STEMS,
    OFFICES, STOPWORDS, SURNAMES, TITLE_ENDINGS, TITLE_ONLY, WEAK_FACTION_CUES)

LONGEST_CUE = 3   # words in the longest title or place word
SPIRIT = "tinh"   # "Ngư tinh": the fish spirit
RULER = "chủ"     # "Hán-chủ": the ruler of Hán
# Verbs that also end common two-word openers, so they tell no person: "Chờ cho", "Chúc cho",
# "Cuộc sống", "Đời sống".
OPENER_GLUE = {"cho", "sống"}


def mentions(sentence_list: list[str], lowercase: set[str], budget: Budget) -> Iterator[Mention]:
    """Every run of capitalised syllables of the text that may be a name, with its cues."""
    for index, sentence in enumerate(sentence_list):
        tokens = words(sentence)
        runs = _split_after_hyphens(tokens, capitalised_runs(sentence, tokens, set(), budget))
        previous, previous_end = None, 0
        for i, j in _old_spelling_joined(sentence, tokens, runs):
            mention = _read(sentence, index, tokens, i, j, lowercase)
            if mention:
                share_list_kind(previous, mention, sentence[previous_end:tokens[i].start],
                                sentence[tokens[j - 1].end:tokens[j - 1].end + 8])
                previous, previous_end = mention, tokens[j - 1].end
                yield mention


def _split_after_hyphens(tokens: list[Word], runs):
    """Old spelling hyphenates each name, so "Vân-đồn Trần" is two: split after a hyphenated word."""
    for i, j in runs:
        start = i
        for k in range(i, j - 1):
            if "-" in tokens[k].text:
                yield start, k + 1
                start = k + 1
        yield start, j


def _old_spelling_joined(sentence: str, tokens: list[Word], runs) -> list[tuple[int, int]]:
    """Runs with old spelling's lower-case middle names joined: "Lê" "văn" "Hưu" -> "Lê văn Hưu"."""
    joined_runs: list[tuple[int, int]] = []
    for i, j in runs:
        if joined_runs:
            a, b = joined_runs[-1]
            if b + 1 == i and b - a == 1 and tokens[a].lower in SURNAMES \
                    and tokens[b].lower in LOWER_MIDDLE_NAMES and joined(sentence, tokens[a], tokens[b]) \
                    and joined(sentence, tokens[b], tokens[i]):
                joined_runs[-1] = (a, j)
                continue
        joined_runs.append((i, j))
    return joined_runs


def _prefix(lowered: list[str], table: set[tuple[str, ...]]) -> int:
    """How many of the first words form an entry of ``table`` (longest first); 0 if none."""
    for size in range(min(LONGEST_CUE, len(lowered)), 0, -1):
        if tuple(lowered[:size]) in table:
            return size
    return 0


def _suffix(tokens: list[Word], k: int, table: set[tuple[str, ...]], sentence: str) -> int:
    """How many lower-case words right before token ``k`` form an entry of ``table``; 0 if none."""
    for size in range(min(LONGEST_CUE, k), 0, -1):
        window = tokens[k - size:k]
        if all(not t.capitalised for t in window) and joined(sentence, window[-1], tokens[k]) \
                and tuple(t.lower for t in window) in table:
            return size
    return 0


def _group_words(sentence: str, tokens: list[Word], k: int, leading: list[str]) -> tuple[str, ...]:
    """The group word before a one-word name ("nhà Hán", "quân Nguyên", "Giặc Minh"); () if none.
    Only one-word names: "nhà Lê Thận" is a house."""
    if leading:
        return tuple(w.casefold() for w in leading)
    size = _suffix(tokens, k, FACTION_CUES, sentence)
    return tuple(t.lower for t in tokens[k - size:k])


def _read(sentence: str, index: int, tokens: list[Word], i: int, j: int, lowercase: set[str]) -> Mention | None:
    run = [t.text for t in tokens[i:j]]
    lowered = [w.casefold() for w in run]
    initial = is_initial(sentence, tokens, i)
    start, title, cue, group_cue = 0, [], [], []
    while start < len(run) - 1:   # titles, place words and openers written capitalised in front
        rest = lowered[start:]
        if (size := _prefix(rest, PERSON_TITLES)) or (size := int(_hyphen_title(rest[0]))):
            title = run[start:start + size]
        elif size := _prefix(rest, FACTION_CUES):
            group_cue = run[start:start + size]
        elif (size := _prefix(rest, LEADING_PLACE_CUES)) and not _surname_ho(rest):
            cue = run[start:start + size]
        elif initial and start == 0 and rest[0] in STOPWORDS:
            size = 1
        else:
            break
        if size >= len(rest):
            break
        start += size
    name_words = run[start:]
    name = " ".join(name_words)
    bare_lower = " ".join(lowered[start:]).replace("-", " ")   # old spelling: "Giao-chỉ"
    bare_words = tuple(bare_lower.split())
    k = i + start
    title = title or [t.text for t in tokens[k - _suffix(tokens, k, PERSON_TITLES, sentence):k]]
    cue = cue or [t.text for t in tokens[k - _suffix(tokens, k, PLACE_CUES, sentence):k]]
    named = _suffix(tokens, k, NAMING_WORDS, sentence)
    if len(name) > MAX_NAME_CHARS or (not title and not cue and not named and (
            bare_words in PERSON_TITLES or bare_words in PLACE_CUES or bare_lower in STOPWORDS
            or bare_lower in TITLE_ONLY or _is_year(bare_words))):
        return None   # "Bác Ba" and "tên là Ba" keep the name Ba; "Ba" alone is three
    era = _suffix(tokens, k, ERA_WORDS, sentence) or (start > 0 and (lowered[start - 1],) in ERA_WORDS)
    if era and not title and not cue:
        return None   # "năm Quang Thái", "niên hiệu Thuận Thiên": a reign's era, no one
    group = () if title or cue or len(name_words) > 1 else _group_words(sentence, tokens, k, group_cue)
    before = tokens[i - 1].lower if i > 0 else ""
    after = tokens[j].lower if j < len(tokens) and joined(sentence, tokens[j - 1], tokens[j]) else ""
    if len(name_words) == 1 and f"{bare_lower} {after}" in OFFICES:
        return None   # "Quan Thượng thư": an office written half capitalised, no one's name
    if not title and not named and _ruler_of(bare_words):
        return None   # "Hán-chủ", "Nguyên-chủ": the ruler of a realm, a title and no one's name
    spirit = after == SPIRIT and not cue
    if spirit:   # "Gà tinh", "Cửu Vĩ Hồ tinh": a spirit is named with the word
        name_words, group = [*name_words, tokens[j].text], ()
        name = " ".join(name_words)
        following = tokens[j + 1] if j + 1 < len(tokens) else None
        after = following.lower if following and joined(sentence, tokens[j], following) else ""
    mention = Mention(name, index, tokens[k].start, form=name)
    if spirit:
        mention.vote("character", STRONG)
    if cue and not title:
        mention.vote("place", STRONG)
        if cue[0].casefold() in CLASSIFIERS and len(cue) > 1:
            cue = cue[1:]   # "ngôi chùa Một Cột" -> "chùa Một Cột"
        mention.form = " ".join(cue + name_words)
        if len(name_words) == 1 or tuple(w.casefold() for w in cue) in FEATURE_CUES:
            mention.name, mention.bare = mention.form, name   # "sông Hồng", "cầu Long Biên"
    elif group:
        mention.vote("faction", WEAK + 1 if group in WEAK_FACTION_CUES else STRONG + 1)   # "quân Nguyên"
    elif bare_lower in GAZETTEER or (len(bare_words) > 1 and bare_words[-1] in PLACE_ENDINGS):
        mention.vote("place", STRONG)
    elif _hyphen_lower(name):   # old spelling: places "Giang-lăng", people "Trưng-Trắc", "Thánh-tông"
        if PERSON_SYLLABLES & set(bare_lower.split()):
            mention.vote("character", STRONG)
        else:
            mention.vote("place", WEAK + 1)
    elif before in PLACE_PREPS:
        mention.vote("place", WEAK)
    if title:
        mention.vote("character", STRONG)
        mention.form = " ".join(title + name_words)
    if named or after in SPEECH_VERBS:
        mention.vote("character", STRONG)
    elif after in PERSON_VERBS:
        mention.vote("character", WEAK)
    if len(name_words) == 1 and start == 0 and initial and not mention.cued:
        if bare_lower in lowercase:
            return None   # "Mùa", "Ngày": written in lower case elsewhere
        mention.initial_only = after not in PERSON_VERBS or after in OPENER_GLUE   # "Bụt hiện lên"
    return mention


def _hyphen_lower(name: str) -> bool:
    """A hyphenated name with lower-case syllables after a hyphen ("Giang-lăng")."""
    return any(part[:1].islower() for word in name.split() for part in word.split("-")[1:])


def keep(candidate: Candidate) -> bool:
    """A lone syllable with no cue at all ("Hán", "Nam", "Ô" of "Ô mã Nhi") is too likely a common
    word or a piece of a longer name; a name is told by a cue, its shape or its hyphens."""
    if candidate.known or candidate.votes:
        return True
    syllables = candidate.name.replace("-", " ").split()
    return len(syllables) > 1


def _is_year(syllables: tuple[str, ...]) -> bool:
    return len(syllables) == 2 and syllables[0] in STEMS and syllables[1] in BRANCHES


def _hyphen_title(word: str) -> bool:
    """"Hưng-đạo-vương": a hyphenated title, by its last syllable."""
    return "-" in word and word.rsplit("-", 1)[1] in TITLE_ENDINGS


def _ruler_of(syllables: tuple[str, ...]) -> bool:
    """"Hán-chủ" (the lord of Hán): a realm's one syllable and "chủ"."""
    return len(syllables) == 2 and syllables[1] == RULER


def _surname_ho(lowered: list[str]) -> bool:
    """"Hồ Chí Minh", "Hồ Xuân Hương": the surname Hồ, not a lake."""
    return lowered[0] == "hồ" and len(lowered) >= 3 and lowered[1] in MIDDLE_NAMES
