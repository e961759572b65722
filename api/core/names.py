"""Keys for comparing names: one for matching, one for search.

* ``search_key`` (also ``name_key``) folds case, accents and spacing:
  "ha noi" finds "Hà Nội". It is for search and for lookups the API promised
  to be accent-insensitive, never for deciding two Vietnamese names are one.
* ``match_key`` decides whether two written names are the same name. In
  Vietnamese the tone marks and the letters ă â đ ê ô ơ ư are part of the
  name (Trần is not Trấn, Nguyễn is not Nguyên), so a name that carries them
  keeps them; any other name folds accents as before ("Zoe" is "Zoë").
* ``strip_title`` takes honorifics and titles off the front of a name
  ("Captain Mara Vell", "bà Mai", "hoàng tử Lang Liêu"): they are prefixes,
  not part of the name.
"""
from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"})

# What marks a name as Vietnamese, seen in its decomposed form: đ, and the
# marks of ă â ê ô ơ ư and of the tones only Vietnamese writes (hook above,
# dot below). A circumflex counts on a, e and o (French shares a few: "Jérôme"
# then matches only as written, which costs little).
_HORN, _BREVE, _CIRCUMFLEX, _HOOK, _DOT_BELOW = "\u031b", "\u0306", "\u0302", "\u0309", "\u0323"

TITLES = {
    "en": ("mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "king", "queen", "captain",
           "capt", "prince", "princess", "duke", "duchess", "count", "countess", "baron", "general",
           "commander", "master", "mistress", "doctor", "professor", "father", "mother", "brother",
           "sister", "uncle", "aunt", "saint", "st", "old", "young", "little", "emperor", "empress",
           "lieutenant", "colonel", "major", "sergeant", "admiral", "madame", "monsieur", "señor",
           "don", "dame", "archbishop", "bishop", "abbot", "friar", "elder", "chief", "judge"),
    "vi": ("ông", "bà", "anh", "chị", "cô", "chú", "bác", "cậu", "mợ", "dì", "thím", "em", "cụ",
           "cháu", "thằng", "vua", "hoàng tử", "công chúa", "hoàng hậu", "hoàng đế",
           "thái tử", "quan", "tướng", "tướng quân", "thầy", "sư", "sư thầy", "nàng", "chàng",
           "lão", "mụ", "ả", "gã", "ngài", "thánh", "chúa", "nữ hoàng",
           "tể tướng", "trạng", "trạng nguyên", "mẹ", "cha", "bố", "ông lão", "bà lão",
           "bà cụ", "ông cụ", "viên", "cai", "lý trưởng", "chánh", "đồ", "phú ông", "ông bụt"),
}
# Left out on purpose: words that are titles but also names or parts of names
# ("Lang Liêu", "Tiên Dung", "Đức", "Bé", the middle name "Thị"). A title is
# only stripped when a name remains after it ("Bụt" stays "Bụt").


def _decomposed(name: str) -> str:
    return unicodedata.normalize("NFD", (name or "").casefold())


def is_vietnamese(name: str) -> bool:
    """Whether the name is written with Vietnamese letters or tone marks."""
    decomposed = _decomposed(name)
    for i, ch in enumerate(decomposed):
        if ch in (_HORN, _BREVE, _HOOK, _DOT_BELOW, "đ"):
            return True
        if ch == _CIRCUMFLEX and i and decomposed[i - 1] in "aeo":
            return True
    return False


def search_key(name: str) -> str:
    """``"  Zoë  ARDENT "`` and ``"zoe ardent"`` give the same key; "Hà Nội" gives "ha noi"."""
    decomposed = unicodedata.normalize("NFKD", (name or "").casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)
    return " ".join(bare.split())


name_key = search_key   # the accent-insensitive key the API's contract promises for lookups


def exact_key(name: str) -> str:
    """Case and spacing folded, every accent kept (NFC, so "ầ" typed either way is one letter)."""
    return " ".join(unicodedata.normalize("NFC", (name or "").casefold()).split())


def match_key(name: str) -> str:
    """The key two names must share to be the same name (see the module's docstring)."""
    return exact_key(name) if is_vietnamese(name) else search_key(name)


def same_name(a: str, b: str) -> bool:
    return match_key(a) == match_key(b)


_TITLE_WORDS = {lang: sorted((tuple(t.split()) for t in titles), key=len, reverse=True)
                for lang, titles in TITLES.items()}


def strip_title(name: str, language: str | None = None) -> tuple[str, str]:
    """``(title, bare name)``: honorifics and titles at the front, then the name.

    "Captain Mara Vell" -> ("Captain", "Mara Vell"); "bà Mai" -> ("bà", "Mai");
    "Vua Hùng Vương" -> ("Vua", "Hùng Vương"); "Bụt" -> ("", "Bụt"). Several
    titles may stack ("Old King Cole"); at least one word of name always remains.
    """
    words = " ".join((name or "").split()).split(" ")
    languages = [language] if language in _TITLE_WORDS else list(_TITLE_WORDS)
    start = 0
    while start < len(words) - 1:
        lowered = [w.casefold().rstrip(".") for w in words[start:]]
        for lang in languages:
            hit = next((t for t in _TITLE_WORDS[lang]
                        if len(t) < len(lowered) and tuple(lowered[:len(t)]) == t), None)
            if hit:
                start += len(hit)
                break
        else:
            break
    return " ".join(words[:start]), " ".join(words[start:])
