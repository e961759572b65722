"""Name matching that ignores case, accents and spacing."""
import unicodedata

# Letters that Unicode does not decompose into a base letter plus an accent.
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d", "ł": "l", "þ": "th", "ı": "i"})


def name_key(name: str) -> str:
    """``"  Zoë  ARDENT "`` and ``"zoe ardent"`` give the same key."""
    decomposed = unicodedata.normalize("NFKD", (name or "").casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_FOLD)
    return " ".join(bare.split())
