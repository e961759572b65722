"""Descriptions written without a language model, for the offline provider.

Several grammatical sentences in the world's language (English or
Vietnamese), built from the world's type, themes and cast. Deterministic: the
same inputs always give the same text (choices are seeded by the name/title).
"""
from __future__ import annotations

import hashlib
import re

from core.names import search_key

OFFLINE_MAX_CHARS = 200_000
MAX_LISTED = 5   # cast members named in one sentence

WORLD_OPENINGS = {
    "en": {
        "fantasy": ["{name} is a realm of old magic and older grudges, where kingdoms rise on the bones of forgotten empires.",
                    "In {name}, wild lands and walled cities keep an uneasy peace while half-remembered powers stir.",
                    "{name} is a land of oaths and omens, its roads watched by ruined towers and wary kings."],
        "sci-fi": ["{name} is a frontier of scattered colonies and drifting stations, held together by fragile treaties.",
                   "In {name}, corporations, colonists and machines compete for the light of distant suns.",
                   "{name} spans worlds linked by jump lanes, where every discovery shifts the balance of power."],
        "modern": ["{name} is a city of glass towers and old neighbourhoods, where every street keeps a secret.",
                   "In {name}, ordinary lives cross in cafés, offices and late-night trains.",
                   "{name} is today's world with its noise and hurry, seen through the people who live in it."],
        "historical": ["{name} is an age of crowns and councils, where the fate of nations turns on private choices.",
                       "In {name}, trade routes, wars and faith shape the lives of rulers and commoners alike.",
                       "{name} is a time of upheaval, when old orders give way and new ones are not yet born."],
    },
    "vi": {
        "fantasy": ["{name} là một vương quốc của phép thuật cổ xưa và những mối thù truyền kiếp.",
                    "Ở {name}, những vùng đất hoang dã và các thành trì kiên cố giữ một nền hòa bình mong manh.",
                    "{name} là vùng đất của những lời thề và điềm báo, nơi các tòa tháp đổ nát canh giữ mọi nẻo đường."],
        "sci-fi": ["{name} là một vùng biên giới của những thuộc địa rải rác và các trạm không gian trôi dạt.",
                   "Ở {name}, các tập đoàn, người khai hoang và máy móc tranh giành ánh sáng của những vì sao xa.",
                   "{name} trải dài qua nhiều hành tinh, nơi mỗi phát hiện mới đều làm thay đổi cán cân quyền lực."],
        "modern": ["{name} là một thành phố của những tòa nhà kính và các khu phố cũ, nơi mỗi con đường đều giữ một bí mật.",
                   "Ở {name}, những cuộc đời bình thường giao nhau trong quán cà phê, văn phòng và những chuyến xe đêm.",
                   "{name} là thế giới hôm nay với tất cả sự ồn ào và vội vã của nó."],
        "historical": ["{name} là một thời đại đầy biến động, khi trật tự cũ sụp đổ mà trật tự mới chưa kịp hình thành.",
                       "Ở {name}, chiến tranh, buôn bán và niềm tin định hình cuộc sống của cả người quyền quý lẫn thường dân.",
                       "{name} là một thời kỳ mà số phận của cả một dân tộc xoay chuyển theo những lựa chọn riêng tư."],
    },
}
WORLD_CLOSINGS = {
    "en": ["Every choice made here leaves a mark on what comes after.",
           "Those who live here know that peace is never more than a season long.",
           "Its people are slow to forget and quick to hope."],
    "vi": ["Mỗi lựa chọn ở đây đều để lại dấu vết cho những gì sẽ đến.",
           "Người dân nơi này hiểu rằng bình yên chưa bao giờ kéo dài quá một mùa.",
           "Con người ở đây chậm quên nhưng cũng nhanh hy vọng."],
}
WORLD_THEMES = {"en": "Its stories turn on {themes}.", "vi": "Những câu chuyện ở đây xoay quanh {themes}."}
WORLD_CAST = {"en": ["Much of what happens here depends on {cast}.", "Its fate rests with {cast}."],
              "vi": ["Số phận của nơi này nằm trong tay {cast}.", "Những người định hình nơi này là {cast}."]}

# genre key -> (English name, Vietnamese name, English hook, Vietnamese hook)
GENRES = {
    "adventure": ("adventure", "phiêu lưu", "a journey that tests courage and loyalty",
                  "một chuyến đi thử thách lòng dũng cảm và sự trung thành"),
    "mystery": ("mystery", "bí ẩn", "a puzzle whose answer someone would rather keep buried",
                "một câu đố mà có người muốn chôn vùi mãi mãi"),
    "conflict": ("conflict", "xung đột", "a struggle where every side believes it is right",
                 "một cuộc đấu tranh mà bên nào cũng tin mình đúng"),
    "discovery": ("discovery", "khám phá", "a discovery that changes what everyone thought they knew",
                  "một phát hiện làm thay đổi mọi điều người ta từng biết"),
    "romance": ("romance", "tình cảm", "a bond that grows against the odds",
                "một mối duyên lớn dần bất chấp mọi trở ngại"),
    "horror": ("horror", "kinh dị", "a dread that creeps closer with every night",
               "một nỗi sợ mỗi đêm lại đến gần hơn"),
}
_GENRE_BY_KEY = {search_key(word): key for key, names in GENRES.items() for word in names[:2]}
STORY_CAST = {"en": ["It follows {cast}.", "It centres on {cast}."],
              "vi": ["Câu chuyện theo chân {cast}.", "Trung tâm của câu chuyện là {cast}."]}
STORY_LEAD = {"en": ["{lead} must decide what is worth the risk.", "{lead} has more to lose than anyone admits."],
              "vi": ["{lead} phải quyết định điều gì đáng để đánh đổi.", "{lead} có nhiều thứ để mất hơn ai hết."]}
STORY_SETTING = {"en": "The story unfolds against this backdrop: {setting}.",
                 "vi": "Bối cảnh của câu chuyện: {setting}."}
STORY_CLOSINGS = {
    "en": ["What begins as a small choice soon changes everything.",
           "Nothing will be quite the same by the end."],
    "vi": ["Một lựa chọn nhỏ ban đầu dần làm thay đổi tất cả.",
           "Đến cuối cùng, không còn điều gì như trước nữa."],
}
_SILENT_H = ("hour", "honest", "honour", "honor", "heir")
_YOU_SOUND = ("uni", "use", "usu", "eu", "one", "once")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def article(word: str) -> str:
    """"a" or "an" before ``word`` by its sound ("an exile", "a unicorn", "an hour")."""
    lowered = word.strip().casefold()
    if lowered.startswith(_SILENT_H):
        return "an"
    if lowered.startswith(_YOU_SOUND):
        return "a"
    return "an" if lowered[:1] in "aeiou" else "a"


def _lang(language: str | None) -> str:
    return "vi" if language == "vi" else "en"


def _pick(options: list[str], seed: str) -> str:
    return options[hashlib.sha256(seed.encode()).digest()[0] % len(options)]


def listing(items: list[str], language: str = "en") -> str:
    """"A, B and C" ("A, B và C" in Vietnamese)."""
    items = [" ".join(i.split()) for i in items if i and i.strip()]
    conjunction = " và " if _lang(language) == "vi" else " and "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + conjunction + items[-1]


def _first_sentence(text: str) -> str:
    text = " ".join((text or "")[:OFFLINE_MAX_CHARS].split())
    return _SENTENCE_END.split(text, maxsplit=1)[0].rstrip(".!?… ") if text else ""


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def describe_world(name: str, world_type: str, themes: list[str], characters: list[str],
                   language: str = "en") -> str:
    """An opening for the world type, its themes, its cast and a closing line."""
    lang = _lang(language)
    openings = WORLD_OPENINGS[lang].get(world_type, WORLD_OPENINGS[lang]["fantasy"])
    parts = [_capitalised(_pick(openings, name).format(name=name))]
    themes = [t for t in themes if t and t.strip()]
    if themes:
        parts.append(WORLD_THEMES[lang].format(themes=listing(themes, lang)))
    if characters:
        parts.append(_pick(WORLD_CAST[lang], name + "/cast").format(cast=listing(characters[:MAX_LISTED], lang)))
    parts.append(_pick(WORLD_CLOSINGS[lang], name + "/end"))
    return " ".join(parts)


def _genre_sentence(title: str, genre: str, lang: str) -> str:
    """"X is an adventure story: a journey …"; a genre not in the table gets a generic phrasing."""
    genre = " ".join((genre or "").split())
    known = GENRES.get(_GENRE_BY_KEY.get(search_key(genre), ""))
    if lang == "vi":
        if known:
            return f"{title} là một câu chuyện {known[1]} về {known[3]}."
        return f"{title} là một câu chuyện thuộc thể loại {genre}." if genre else f"{title} là một câu chuyện mới."
    if known:
        return f"{title} is {article(known[0])} {known[0]} story about {known[2]}."
    return f"{title} is a story in the {genre} genre." if genre else f"{title} is a new story."


def describe_story(title: str, genre: str, world_description: str, characters: list[str],
                   language: str = "en") -> str:
    """The genre and its hook, the cast and its lead, the setting and a closing line."""
    lang = _lang(language)
    parts = [_capitalised(_genre_sentence(title, genre, lang))]
    cast = [c for c in characters if c and c.strip()]
    if cast:
        parts.append(_pick(STORY_CAST[lang], title + "/cast").format(cast=listing(cast[:MAX_LISTED], lang)))
        parts.append(_pick(STORY_LEAD[lang], title + "/lead").format(lead=" ".join(cast[0].split())))
    setting = _first_sentence(world_description)
    if setting:
        parts.append(STORY_SETTING[lang].format(setting=setting))
    parts.append(_pick(STORY_CLOSINGS[lang], title + "/end"))
    return " ".join(parts)
