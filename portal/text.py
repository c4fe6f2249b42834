"""Vietnamese text helpers shared by every app: diacritic-free search, name sorting, NFC."""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Lower-case, without diacritics, single-spaced: "Nguyễn  Văn" -> "nguyen van".

    Stored beside searchable fields so that "du luan" finds "dư luận" with a plain
    `icontains` on SQLite and PostgreSQL alike."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_SPECIAL))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return " ".join(stripped.lower().split())


def name_sort_key(full_name: str) -> str:
    """Vietnamese order: by given name (the last word), then family and middle names.

    Diacritics are kept as a tie-breaker after the folded form, so "An" < "Ân" < "Anh"."""
    words = (full_name or "").split()
    if not words:
        return ""
    ordered = [words[-1], *words[:-1]]
    return fold(" ".join(ordered)) + "\x00" + " ".join(ordered).lower()


def nfc(text):
    """Text as one composed form (NFC): "Nguyễn" typed on a Mac arrives decomposed (e +
    combining marks) and would otherwise be stored, searched and exported as different
    characters from the same name typed on Windows. Non-strings pass unchanged."""
    if isinstance(text, str):
        return unicodedata.normalize("NFC", text)
    return text
