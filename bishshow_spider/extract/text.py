"""Text normalisation shared by every extraction layer: NFC, whitespace, digits, script."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯"
_TO_ASCII_DIGITS = str.maketrans(BENGALI_DIGITS, "0123456789")
# What an ad slot says beside its banner, or alone when its ad did not load.
AD_LABEL = re.compile(
    r"^\s*(বিজ্ঞাপন|advertisements?|advertising|sponsored|sponsored content|ads?)\s*[:：]?\s*$",
    re.IGNORECASE,
)
# Soft hyphen, BOM and bidi marks are invisible noise; ZWJ/ZWNJ are kept because Bengali
# conjuncts (e.g. র‍্যাব) depend on them. Lone surrogates (JSON-LD's "\ud800" escapes) are
# garbage no UTF-8 file or SQLite text can hold.
_INVISIBLE = re.compile("[\u00ad\ufeff\u200b\u200e\u200f\u2060\ud800-\udfff]")
# Runs, not single letters: counting letters as the lengths of runs is several times faster than
# a list of one-letter matches.
_BENGALI_RUN = re.compile("[\u0980-\u09ff]+")
_LATIN_RUN = re.compile("[A-Za-z]+")
# NFC costs ~70 ns a character on Bengali text (its vowel sign া makes Python's quick check
# answer "maybe", so every string is fully recomposed), and almost always changes nothing. Over
# Latin-1, the Bengali block and general punctuation, NFC is the identity except on a few
# characters (left out of the trusted alphabet) and these pairs: brute-forced over every
# character, pair and mark-separated triple in tests/test_text.py.
_NFC_UNTRUSTED = re.compile(
    "[^\x00-\xff\u0964\u0965\u0980-\u09db\u09de\u09e0-\u09fd\u09ff\u2002-\u206f]"
)
_NFC_PAIRS = ("\u09c7\u09be", "\u09c7\u09d7", "\u09cd\u09bc")


def may_change_under_nfc(text: str) -> bool:
    """False only when NFC certainly leaves `text` unchanged (a cheap test: a character scan
    and three substring searches, several times faster than NFC itself on Bengali)."""
    if text.isascii():
        return False
    a, b, c = _NFC_PAIRS
    return bool(_NFC_UNTRUSTED.search(text)) or a in text or b in text or c in text


def nfc(text: str) -> str:
    """`unicodedata.normalize("NFC", text)`, without its cost on text that is already NFC."""
    return unicodedata.normalize("NFC", text) if may_change_under_nfc(text) else text


def normalize_text(text: str) -> str:
    """NFC, invisible characters removed, runs of spaces folded, ends stripped (newlines kept)."""
    if not text.isascii():  # the invisible characters are all non-ASCII
        text = nfc(_INVISIBLE.sub("", text))
    # Each line with its spaces folded, blank lines dropped: str.split() and regex `\s` agree
    # on what is a space (no-break spaces included), and splitting is several times cheaper
    # than substituting whitespace runs with a regex.
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def normalize_line(text: str) -> str:
    """Like `normalize_text` but folds newlines too: for titles, names and other one-liners."""
    if not text.isascii():
        text = nfc(_INVISIBLE.sub("", text))
    return " ".join(text.split())


def ascii_digits(text: str) -> str:
    """Bengali digits turned into ASCII ones."""
    return text.translate(_TO_ASCII_DIGITS)


def count_words(text: str) -> int:
    """Whitespace-separated tokens: the convention of the extraction benchmarks."""
    return len(text.split())


def detect_language(text: str) -> str | None:
    """'bn' or 'en' by letter counts; None for text with neither script."""
    bn = sum(map(len, _BENGALI_RUN.findall(text)))
    en = sum(map(len, _LATIN_RUN.findall(text)))
    if bn == 0 and en == 0:
        return None
    # Bengali letters are ~1.5x as informative per character as Latin ones; a Bengali article
    # quoting English names is still Bengali.
    return "bn" if bn * 2 >= en else "en"


class WordMatcher:
    """Whether any of `words` occurs in a text, ignoring case: `re.search` of an IGNORECASE
    alternation, 10x faster on class names.

    Python's regex engine tries every alternative at every position, and IGNORECASE makes each
    try slower still; so the words are factored into a trie (one test per position in the common
    case) and ASCII text, lower-cased, is matched case-sensitively, which for lower-case ASCII
    words is the same test. `extra` are regex alternatives to add (lower case, e.g. `\\bads?\\b`).
    """

    def __init__(self, words: Iterable[str], *extra: str) -> None:
        pattern = "|".join([_trie_pattern(word.lower() for word in words), *extra])
        self._ascii = re.compile(pattern)
        self._unicode = re.compile(pattern, re.IGNORECASE)

    def search(self, text: str) -> bool:
        """True when a word (or an `extra` pattern) occurs anywhere in `text`."""
        if text.isascii():
            return self._ascii.search(text.lower()) is not None
        return self._unicode.search(text) is not None


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching where any of `words` starts, factored by common prefixes."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_node_pattern(trie)


def _trie_node_pattern(node: dict[str, Any]) -> str:
    if "" in node:
        return ""  # a word ends here: longer words through this node cannot change a search
    branches = [re.escape(char) + _trie_node_pattern(child) for char, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
