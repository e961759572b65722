"""Name matching that ignores case, accents and spacing."""
import unicodedata


def name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())
