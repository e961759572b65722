"""Ages as prose writes them, in English and Vietnamese: digits or number words
("thirty-two", "ba mươi lăm"), after a name ("Mara, 30,", "Mara was thirty years
old", "Mai năm nay 30 tuổi") or before it ("the thirty-year-old Mara")."""
from __future__ import annotations

import re

EN_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                       "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
EN_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(), 0)
           if w != "_"}
VI_UNITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
            "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
EN_NUMBER = (r"\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
             r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
             r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen")
VI_WORD = "|".join(sorted(VI_UNITS, key=len, reverse=True))
VI_NUMBER = rf"\d{{1,3}}|(?:(?:{VI_WORD}) mươi|mười|mươi)(?: (?:{VI_WORD}))?|(?:{VI_WORD})"

AGE_AFTER = {
    "en": re.compile(rf",?\s+(?:who was |who is |was |is |now |aged |age |at )?(?P<n>{EN_NUMBER})"
                     rf"(?:\s+years?\s+old|\s+years?\b|(?=,)|(?=\s*\)))"),
    "vi": re.compile(rf",?\s*(?:năm nay |nay |đã |vừa |mới |vừa tròn |tròn |khi ấy |lúc ấy |lúc đó |khi đó )*"
                     rf"(?P<n>{VI_NUMBER})\s+tuổi"),
}
AGE_BEFORE = {
    "en": re.compile(rf"(?P<n>{EN_NUMBER})[- ]years?[- ]old\s+"),
    "vi": re.compile(r"(?!x)x"),   # Vietnamese puts the age after the name
}


def number_value(words: str, language: str) -> int | None:
    words = words.strip().lower()
    if words.isdigit():
        return int(words)
    if language == "en":
        parts = re.split(r"[- ]", words)
        total = 0
        for part in parts:
            if part in EN_TENS:
                total += EN_TENS[part]
            elif part in EN_UNITS:
                total += EN_UNITS[part]
            else:
                return None
        return total
    parts = words.split()
    if not parts:
        return None
    if parts[0] == "mười":
        return 10 + (VI_UNITS.get(parts[1], 0) if len(parts) > 1 else 0)
    if len(parts) >= 2 and parts[1] == "mươi":
        tens = VI_UNITS.get(parts[0])
        unit = VI_UNITS.get(parts[2], 0) if len(parts) > 2 else 0
        return None if tens is None else tens * 10 + unit
    return VI_UNITS.get(parts[0]) if len(parts) == 1 else None
