"""What makes a sentence an event, and its short title, in English and Vietnamese.

An event is a happening: its narration has an action verb ("fled", "married",
"rời", "cưới"). A sentence whose only verbs say, look, seem or are ("Mara said
nothing", "She was tall", "Mai là con gái ông đồ", "Trời có vẻ sắp mưa") is
not one, nor is a question. The title is the main clause: leading time
phrases and subordinate clauses ("When the bell rang, ...", "Khi trời sáng,
...") and trailing clauses (", who ...", " because ...", ", rồi ...") are
dropped, and a long clause ends at a phrase boundary, never mid-phrase.
"""
from __future__ import annotations

import re

from ai.dates import find_date

EN_IRREGULAR = set("""
arose awoke beat became began bit bled blew broke brought built burned burnt bought caught chose clung
came crept cut dealt dug drew drank drove ate fell fed fought found fled flung flew forbade forgot forgave
froze got gave went ground grew hung heard hid hit held hurt kept knelt laid led leapt left lent let lay
lit lost made meant met paid put quit ran rang rode rose sent set shook shot shut sang sank sat slew slept
slid slung smote sold sought spoke sped spent spun spat split spread sprang stole stood stuck stung struck
strove swore swept swam swung took taught tore threw thrust trod won wound withdrew wrote overthrew
betrayed confessed married killed died escaped
""".split())
EN_QUIET = set("""
said says say asked asks replied replies answered answers whispered whispers murmured muttered added
thought thinks wondered wonders seemed seems looked looks appeared appears felt feels knew knows
nodded smiled smiles shrugged sighed laughed frowned paused waited watched stared listened hoped wanted
wished liked loved remembered agreed believed supposed noticed realised realized imagined dreamed dreamt
needed tried mused guessed
""".split())   # saying, seeming, feeling: what follows them in a clause did not happen
EN_AUXILIARIES = set("was were is are am be been being had has have did does do remained remains used".split())
EN_NOT_EVENTS = EN_QUIET | EN_AUXILIARIES
EN_ADJECTIVES_IN_ED = set("""
tired scared worried pleased surprised excited bored interested ashamed amused confused exhausted
frightened delighted annoyed relieved determined convinced prepared red bed need seed hundred sacred
naked wicked beloved aged learned blessed cursed crooked ragged rugged jagged supposed used old-fashioned
""".split())
EN_STRONG = {"killed", "died", "married", "fled", "confessed", "betrayed", "crowned", "born", "murdered",
             "escaped", "burned", "slew", "won", "lost", "fell", "attacked", "founded", "destroyed"}
EN_LEADS = set("""
when after before as while although though because since if once until then later soon finally at in on
by with without for during meanwhile afterwards suddenly still yet so now there here eventually again
years
""".split())
EN_LEAD_PHRASES = ("the next", "the following", "that night", "that morning", "that evening", "that day",
                   "that winter", "that summer", "that spring", "that autumn", "one day", "one night",
                   "one morning", "at last", "the day", "the night", "the morning", "the year")
EN_TRAILING = re.compile(
    r",\s+(?:and|but|while|as|because|which|who|whom|whose|where|when|until|though|although|before|after|"
    r"so|then|yet|or|leaving|making|hoping|knowing|as if|even)\b|;|:|\s[—–]\s|\s(?:while|because|as if|"
    r"until|although|though|so that|when|before|after|which|who|whom|whereupon)\s|\sand\s(?:then\s)?"
    r"(?:he|she|they|it|we|i|you)\s", re.I)
EN_BOUNDARIES = set("in on at to from with into across through toward towards by for of and but near "
                    "over under behind beyond along among against upon onto".split())
EN_DANGLING = set("the a an of and to with his her their its in on at by for from or but".split())

VI_ACTIONS = [w for w in """
ra đi|lên đường|trở về|quay về|trở lại|bỏ đi|bỏ trốn|chạy trốn|trốn thoát|kéo quân|đem quân|tấn công|
đánh bại|chiến thắng|thua trận|lên ngôi|truyền ngôi|nhường ngôi|kết hôn|lấy chồng|lấy vợ|đính hôn|
qua đời|hy sinh|hi sinh|thú nhận|thú tội|phản bội|tuyên bố|quyết định|xây dựng|dựng nước|lập nên|
sinh ra|ra đời|gặp lại|tìm thấy|tìm ra|mang theo|đem theo|cứu thoát|bắt giữ|giải cứu|đốt cháy|phá hủy|
phá huỷ|rời khỏi|đi tới|đi đến|chuyển đến|dọn đến|gửi thư|viết thư|trao cho|tặng cho|dâng lên|
rời|đến|tới|về|chạy|trốn|đánh|giết|cưới|sinh|chết|mất|gặp|tìm|mang|đem|dâng|xây|dựng|lập|đốt|phá|
cứu|bắt|thả|bỏ|gửi|viết|nhận|trao|tặng|đuổi|chôn|trồng|gieo|nhảy|ngã|rơi|mở|đóng|leo|bơi|cưỡi|
bắn|chém|đâm|ném|kéo|đẩy|nấu|bán|mua|đổi|thắng|thua|hát|múa|khóc|cầu|lạy|tha|phạt|xử|tuyên|
""".replace("\n", "").split("|") if w]
_VI_BY_FIRST_WORD: dict[str, list[str]] = {}   # longest first, so "ra đi" wins over "ra"
for _verb in sorted(VI_ACTIONS, key=lambda v: -len(v.split())):
    _VI_BY_FIRST_WORD.setdefault(_verb.split()[0], []).append(_verb)
VI_QUIET = ("là", "có vẻ", "dường như", "trông", "hình như", "nói", "hỏi", "đáp", "bảo", "thưa",
            "thì thầm", "lẩm bẩm", "im lặng", "không nói gì", "nghĩ", "tưởng", "biết", "muốn")
VI_NEGATIONS = ("không", "chẳng", "chưa", "chả", "đừng")
VI_STRONG = {"chết", "qua đời", "cưới", "kết hôn", "lấy chồng", "lấy vợ", "sinh ra", "giết", "phản bội",
             "thú nhận", "lên ngôi", "hy sinh", "hi sinh", "chiến thắng", "trốn thoát", "bỏ trốn"}
VI_LEADS = ("sau khi", "trước khi", "đến khi", "cho đến khi", "trong khi", "từ đó", "thế là", "bấy giờ",
            "một hôm", "một ngày", "khi", "lúc", "vào", "từ", "rồi", "hôm", "sáng", "chiều", "tối", "đêm",
            "năm", "mùa", "ngày", "nhưng", "và", "tuy", "vì", "nếu", "ở", "tại", "trên", "giữa", "cuối",
            "đầu", "mấy", "vài", "nhiều", "hai", "ba", "mười", "sau", "trước", "ngay")
VI_TRAILING = re.compile(
    r",\s+(?:và|nhưng|rồi|khi|vì|để|mà|còn|trong khi|nên|thì|song|tuy)(?!\w)|;|:|\s[—–]\s|"
    r"\s(?:để|vì|khi|trong khi|mà|bởi vì|cho đến khi)\s", re.I)
VI_BOUNDARIES = set("ở tại với cho vào trong từ đến tới trên dưới qua bên cùng và rồi sang".split())
VI_DANGLING = set("và với cho của ở tại vào trong từ đến tới rồi mà thì là những các một".split())

WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+|,")
MAX_TITLE_WORDS = {"en": 12, "vi": 14}


def _words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


def _has_phrase(words: list[str], phrase: str) -> int:
    """Where the phrase (words) first occurs in ``words``; -1 if not."""
    target = phrase.split()
    for i in range(len(words) - len(target) + 1):
        if words[i:i + len(target)] == target:
            return i
    return -1


def actions(narration: str, language: str) -> list[str]:
    """The action verbs of the narration ("fled", "rời"); none means nothing happens.

    Verbs that follow a saying, seeming or being verb in the same clause are
    what was said or seemed, not what happened ("Mara said she had fled").
    """
    text = narration.strip()
    if not text or text.rstrip("”\"»)").endswith("?"):
        return []
    words = _words(text.replace(",", " , "))
    if language == "vi":
        found, quiet = _vietnamese_actions(words), _positions(words, VI_QUIET)
    else:
        if "nothing" in words and not any(w in EN_IRREGULAR - {"did"} for w in words):
            return []   # "Mara said nothing", "nothing happened", "he did nothing"
        found, quiet = _english_actions(words), [i for i, w in enumerate(words) if w in EN_QUIET]
    joins = {",", "and", "then", "và", "rồi"}
    if quiet and found and quiet[0] < found[0][0] and not joins & set(words[quiet[0]:found[0][0]]):
        found = [(i, v) for i, v in found if joins & set(words[quiet[0]:i])]
    return [verb for _, verb in found]


def _english_actions(words: list[str]) -> list[tuple[int, str]]:
    found = []
    for i, word in enumerate(words):
        if word in EN_NOT_EVENTS or word in EN_ADJECTIVES_IN_ED:
            continue
        negated = i and words[i - 1] in ("not", "never", "n't")
        if not negated and (word in EN_IRREGULAR or (len(word) > 4 and word.endswith("ed"))):
            found.append((i, word))
    return found


def _positions(words: list[str], phrases) -> list[int]:
    return sorted(i for i in range(len(words)) for p in phrases if words[i:i + len(p.split())] == p.split())


def _vietnamese_actions(words: list[str]) -> list[tuple[int, str]]:
    found, i = [], 0
    while i < len(words):
        for verb in _VI_BY_FIRST_WORD.get(words[i], ()):
            parts = verb.split()
            if words[i:i + len(parts)] == parts:
                if not (i and words[i - 1] in VI_NEGATIONS):
                    found.append((i, verb))
                i += len(parts)
                break
        else:
            i += 1
    return found


def score(narration: str, language: str, named: int, dated: bool) -> float:
    """How eventful a sentence is: its action verbs, strong ones more, its named participants, a date."""
    verbs = actions(narration, language)
    if not verbs:
        return 0.0
    strong = EN_STRONG if language != "vi" else VI_STRONG
    length = len(narration.split())
    return (min(len(verbs), 3) + 2 * sum(v in strong for v in verbs) + min(named, 3) + (1.5 if dated else 0)
            - (0.5 if length > 40 else 0))


def title(narration: str, language: str) -> str:
    """The event's short title: the main clause of the narration (see the module's docstring)."""
    vi = language == "vi"
    clause = _main_clause(narration, vi)
    clause = _drop_leads(clause, vi)
    clause = _after_speech(clause, language)
    match = (VI_TRAILING if vi else EN_TRAILING).search(clause, 1)
    if match and actions(clause[:match.start()], language):
        clause = clause[:match.start()]
    words = clause.split()
    limit = MAX_TITLE_WORDS["vi" if vi else "en"]
    if len(words) > limit:
        boundaries = VI_BOUNDARIES if vi else EN_BOUNDARIES
        cut = max((i for i in range(3, limit + 1) if words[i].casefold().strip(",") in boundaries), default=limit)
        words = words[:cut]
    dangling = VI_DANGLING if vi else EN_DANGLING
    while len(words) > 2 and words[-1].casefold().strip(",.") in dangling:
        words.pop()
    text = " ".join(words).strip(" ,.;:!…—–-\"“”«»")
    return text[:1].upper() + text[1:]


def _main_clause(narration: str, vi: bool) -> str:
    """The first part (between ; : and dashes) that has an action verb."""
    parts = [p.strip() for p in re.split(r";|:|\s[—–]\s", narration) if p.strip()]
    language = "vi" if vi else "en"
    return next((p for p in parts if actions(p, language)), parts[0] if parts else narration)


def _drop_leads(clause: str, vi: bool) -> str:
    """Without leading time phrases, subordinate clauses and connectives ("Then", "Rồi")."""
    language = "vi" if vi else "en"
    for _ in range(4):
        head, comma, rest = clause.partition(",")
        starts = _starts_with_lead(head, vi) or find_date(head, language) is not None
        if comma and rest.strip() and starts and actions(rest, language) and len(head.split()) <= 12:
            clause = rest.strip()
            continue
        break
    words = clause.split()
    if words and words[0].casefold().strip(",") in (("rồi", "và", "nhưng", "thế là") if vi else
                                                     ("then", "and", "but", "so", "finally", "later")):
        clause = " ".join(words[1:])
    return clause


def _starts_with_lead(head: str, vi: bool) -> bool:
    """Whether a comma-ended head is a time phrase or subordinate clause ("When ...", "Khi ...")."""
    words = _words(head)
    if not words:
        return False
    two = " ".join(words[:2])
    if vi:
        return any(two == lead or two.startswith(lead + " ") or words[0] == lead for lead in VI_LEADS)
    return words[0] in EN_LEADS or two in EN_LEAD_PHRASES or (words[0].endswith("ing") and len(words[0]) > 5)


_JOIN = re.compile(r",?\s+(?:and|then|and then|rồi|và)\s+", re.I)
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "anh", "chị", "cô", "ông", "bà", "nó", "họ", "hắn",
             "nàng", "chàng", "lão", "mụ"}


def _after_speech(clause: str, language: str) -> str:
    """"Tobias said, and he saddled his horse" -> "Tobias saddled his horse": the deed, not the saying."""
    match = _JOIN.search(clause)
    if not match or actions(clause[:match.start()], language) or not actions(clause[match.end():], language):
        return clause
    subject = []
    for word in clause[:match.start()].split():
        if not word[:1].isupper():
            break
        subject.append(word.strip(","))
    rest = clause[match.end():].split()
    if rest and rest[0].casefold() in _PRONOUNS:
        rest = rest[1:]
    return " ".join(subject + rest) if subject else " ".join(rest)
