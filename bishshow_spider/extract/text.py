"""Text normalisation shared by every extraction layer: NFC, whitespace, digits, script."""

from __future__ import annotations

import re
import unicodedata

BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯"
_TO_ASCII_DIGITS = str.maketrans(BENGALI_DIGITS, "0123456789")
# Soft hyphen, BOM and bidi marks are invisible noise; ZWJ/ZWNJ are kept because Bengali
# conjuncts (e.g. র‍্যাব) depend on them.
_INVISIBLE = re.compile("[\u00ad\ufeff\u200b\u200e\u200f\u2060]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\s*\n\s*")
_BENGALI_CHAR = re.compile("[\u0980-\u09ff]")
_LATIN_CHAR = re.compile("[A-Za-z]")


def normalize_text(text: str) -> str:
    """NFC, invisible characters removed, runs of spaces folded, ends stripped (newlines kept)."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = _SPACES.sub(" ", text.replace("\xa0", " "))
    return _BLANK_LINES.sub("\n", text).strip()


def normalize_line(text: str) -> str:
    """Like `normalize_text` but folds newlines too: for titles, names and other one-liners."""
    return " ".join(normalize_text(text).split())


def ascii_digits(text: str) -> str:
    """Bengali digits turned into ASCII ones."""
    return text.translate(_TO_ASCII_DIGITS)


def count_words(text: str) -> int:
    """Whitespace-separated tokens: the convention of the extraction benchmarks."""
    return len(text.split())


def detect_language(text: str) -> str | None:
    """'bn' or 'en' by letter counts; None for text with neither script."""
    bn = len(_BENGALI_CHAR.findall(text))
    en = len(_LATIN_CHAR.findall(text))
    if bn == 0 and en == 0:
        return None
    # Bengali letters are ~1.5x as informative per character as Latin ones; a Bengali article
    # quoting English names is still Bengali.
    return "bn" if bn * 2 >= en else "en"
