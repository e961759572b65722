"""The writing tools without a language model: what rules can do, said plainly.

* ``rephrase`` tidies the selection (``tidy``): one NFC form (Vietnamese tone
  marks composed), single spaces, no space before punctuation and one after it,
  "..." as an ellipsis, typographic quotes and apostrophes, and (English) an
  accidentally doubled word removed ("the the"). Vietnamese keeps doubled
  syllables: reduplication ("từ từ", "xanh xanh") is grammar there.
* ``summarise`` is extractive: the first sentence and the sentences sharing
  the most content words with the rest, in the text's order (about a third).
* ``titles`` come from the names and keywords of the text, in templates.
* ``describe_entry`` fills a template with the entry's kind, aliases, fields
  and relations.
* ``continue`` and ``expand`` need a writer's imagination: no text, only the
  notice saying so.

Every answer carries ``notice``: what the offline tools can and cannot do, in
the world's language. Deterministic: the same input always gives the same text.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ai import extraction
from ai.extraction.english_words import STOPWORDS as EN_STOPWORDS
from ai.extraction.text import sentences
from ai.extraction.vietnamese_words import STOPWORDS as VI_STOPWORDS

MAX_TITLES = 5
_KEEP_DOUBLED = {"had", "that", "is", "do", "bye", "no", "ha", "very", "so", "really", "far", "knock"}

NOTICE = {
    "en": "Offline mode: no language model is set up, so the writing tools work by rules. They can tidy a "
          "selection (rephrase: spacing, punctuation, quotes, doubled words), summarise by picking its key "
          "sentences, suggest titles from the names and keywords of the text, and describe an entry from its "
          "fields and relations. They cannot write new prose: continue and expand need an AI provider.",
    "vi": "Chế độ ngoại tuyến: chưa cấu hình mô hình ngôn ngữ nên các công cụ viết hoạt động theo quy tắc. "
          "Chúng có thể chỉnh sửa đoạn được chọn (diễn đạt lại: khoảng trắng, dấu câu, dấu ngoặc kép; "
          "từ láy được giữ nguyên), "
          "tóm tắt bằng cách chọn các câu chính, gợi ý tiêu đề từ tên riêng và từ khóa, và mô tả một mục từ các "
          "đặc điểm và quan hệ của nó. Chúng không thể viết văn mới: viết tiếp và mở rộng cần một nhà cung cấp AI.",
}
CANNOT = {
    "en": "Nothing was written: {tool} needs an AI provider (set OPENAI_API_KEY or OPENAI_BASE_URL).",
    "vi": "Không có văn bản nào được viết: công cụ “{tool}” cần một nhà cung cấp AI "
          "(đặt OPENAI_API_KEY hoặc OPENAI_BASE_URL).",
}
TOOL_NAMES = {"en": {"continue": "continue", "expand": "expand"}, "vi": {"continue": "viết tiếp", "expand": "mở rộng"}}


def notice(tool: str, language: str) -> str:
    lang = language if language in NOTICE else "en"
    if tool in ("continue", "expand"):
        return CANNOT[lang].format(tool=TOOL_NAMES[lang][tool]) + " " + NOTICE[lang]
    return NOTICE[lang]


# -- rephrase: tidy ------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0]+")
_SPACE_BEFORE = re.compile(r"[ \t]+([,.;:!?…)\]}»])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[{«])[ \t]+")
_NO_SPACE_AFTER = re.compile(r"([,;:!?…])(?=[^\W\d_])|([,;:])(?=\"[^\W\d_])")
_SENTENCE_GLUE = re.compile(r"(?<=[^\W\d_]{2})\.(?=[^\W\d_][^\W\d_])")   # "sea.The" -> "sea. The" (not "e.g")
_ELLIPSIS = re.compile(r"\.{3,}")
_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_LINE_EDGES = re.compile(r"[ \t]*\n[ \t]*")
_DOUBLED = re.compile(r"\b([^\W\d_]+)(\s+)\1\b", re.IGNORECASE)


def tidy(text: str, language: str) -> str:
    """The text with its typography tidied (see the module's docstring); meaning untouched."""
    out = unicodedata.normalize("NFC", text or "")
    out = _LINE_EDGES.sub("\n", out)
    out = _BLANK_LINES.sub("\n\n", out)
    out = _SPACES.sub(" ", out)
    out = _ELLIPSIS.sub("…", out)
    out = _SPACE_BEFORE.sub(r"\1", out)
    out = _SPACE_AFTER_OPEN.sub(r"\1", out)
    out = _NO_SPACE_AFTER.sub(lambda m: (m.group(1) or m.group(2)) + " ", out)
    out = _SENTENCE_GLUE.sub(". ", out)
    if language != "vi":
        out = _DOUBLED.sub(lambda m: m.group(0) if m.group(1).lower() in _KEEP_DOUBLED else m.group(1), out)
    out = _quotes(out)
    return out.strip()


def _quotes(text: str) -> str:
    """Straight quotes made typographic: an opening one after a space, a line start or an opening bracket,
    else a closing one; an apostrophe inside a word is ’."""
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch not in "\"'":
            continue
        before = chars[i - 1] if i else ""
        opening = not before or before.isspace() or before in "([{—–-“‘"
        if ch == '"':
            chars[i] = "“" if opening else "”"
        else:
            chars[i] = "‘" if opening else "’"
    return "".join(chars)


# -- summarise ---------------------------------------------------------------------

_WORDS = re.compile(r"[^\W\d_]+")


def _content_words(sentence: str, language: str) -> list[str]:
    stop = VI_STOPWORDS if language == "vi" else EN_STOPWORDS
    return [w for w in (m.casefold() for m in _WORDS.findall(sentence)) if w not in stop and len(w) > 1]


def summarise(text: str, language: str) -> str:
    """About a third of the sentences (at least one, at most six): the first, then those whose content
    words recur most in the whole text, in the text's order."""
    found = sentences(unicodedata.normalize("NFC", text or ""))
    if len(found) <= 2:
        return " ".join(found)
    counts = Counter(w for s in found for w in set(_content_words(s, language)))
    keep = max(1, min(6, round(len(found) / 3)))

    def score(index: int) -> float:
        words = set(_content_words(found[index], language))
        return sum(counts[w] - 1 for w in words) / (1 + len(words) ** 0.5)

    ranked = sorted(range(1, len(found)), key=lambda i: (-score(i), i))
    chosen = sorted({0, *ranked[:keep - 1]})
    return " ".join(found[i] for i in chosen)


# -- titles ------------------------------------------------------------------------

TITLE_TEMPLATES = {   # {a}, {b}: the two most mentioned names; {w}: the commonest other word ({W} capitalised)
    "en": ["{a}", "The Tale of {a}", "{a} and {b}", "The {W}", "{a} and the {w}"],
    "vi": ["{a}", "Chuyện về {a}", "{a} và {b}", "{W}", "{a} và {w}"],
}
_SLOT = re.compile(r"\{(\w)\}")


def titles(text: str, language: str) -> list[str]:
    """Up to five titles from the most mentioned names and the commonest content word."""
    text = unicodedata.normalize("NFC", text or "")
    names = sorted(extraction.find_names(text, language=language), key=lambda n: -n["count"])
    top = [n["name"] for n in names[:2]]
    taken = {w.casefold() for n in top for w in n.split()}
    words = [w for w, _ in Counter(_content_words(text, language)).most_common(20) if w not in taken]
    slots = {"a": top[0] if top else "", "b": top[1] if len(top) > 1 else "",
             "w": words[0] if words else "", "W": words[0][:1].upper() + words[0][1:] if words else ""}
    out: list[str] = []
    for form in TITLE_TEMPLATES.get(language, TITLE_TEMPLATES["en"]):
        if all(slots[s] for s in _SLOT.findall(form)):
            title = form.format(**slots)
            if title not in out:
                out.append(title)
    return out[:MAX_TITLES]


# -- describe an entry ----------------------------------------------------------------

KIND_WORDS = {
    "en": {"character": "a character", "creature": "a creature", "faction": "a faction", "item": "an item",
           "lore": "a piece of lore", "location": "a place"},
    "vi": {"character": "một nhân vật", "creature": "một sinh vật", "faction": "một phe phái",
           "item": "một vật phẩm", "lore": "một truyền thuyết", "location": "một địa danh"},
}
DESCRIBE = {
    "en": {"is": "{name} is {kind} of this world.", "aka": "Also known as {aliases}.",
           "fields": "{pairs}.", "relations": "{name} is {links}."},
    "vi": {"is": "{name} là {kind} trong thế giới này.", "aka": "Còn được gọi là {aliases}.",
           "fields": "{pairs}.", "relations": "{name} là {links}."},
}
AND = {"en": " and ", "vi": " và "}


def _listed(items: list[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + AND.get(language, " and ") + items[-1]


def describe_entry(entry: dict, language: str) -> str:
    """A paragraph from ``entry``: ``{name, kind, aliases, description, fields: [{label, value}],
    relations: [{label, name}]}``."""
    lang = language if language in DESCRIBE else "en"
    words, name = DESCRIBE[lang], entry.get("name", "")
    kind = KIND_WORDS[lang].get(entry.get("kind", ""), KIND_WORDS[lang]["character"])
    parts = [words["is"].format(name=name, kind=kind)]
    if entry.get("aliases"):
        parts.append(words["aka"].format(aliases=_listed(list(entry["aliases"]), lang)))
    pairs = [f"{f['label']}: {f['value']}" for f in entry.get("fields") or [] if str(f.get("value", "")).strip()]
    if pairs:
        parts.append(words["fields"].format(pairs="; ".join(pairs)))
    links = [f"{r['label']} {r['name']}" for r in entry.get("relations") or []]
    if links:
        parts.append(words["relations"].format(name=name, links=_listed(links, lang)))
    if (entry.get("description") or "").strip():
        parts.append(entry["description"].strip())
    return " ".join(parts)
