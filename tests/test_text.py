"""The fast paths of text normalisation must give exactly what the plain definitions give."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bishshow_spider.extract.text import (
    WordMatcher,
    may_change_under_nfc,
    nfc,
    normalize_line,
    normalize_text,
)

# A superset of the alphabet `nfc` trusts (see `_NFC_UNTRUSTED`).
_ALPHABET = [
    chr(c) for c in (*range(0x100), 0x964, 0x965, *range(0x980, 0xA00), *range(0x2000, 0x2070))
]


def _reference_text(text: str) -> str:
    """The original definition of `normalize_text`."""
    text = unicodedata.normalize("NFC", re.sub("[\u00ad\ufeff\u200b\u200e\u200f\u2060]", "", text))
    text = re.sub(r"[^\S\n]+", " ", text.replace("\xa0", " "))
    return re.sub(r"\s*\n\s*", "\n", text).strip()


def test_nfc_hazards_cover_the_trusted_alphabet() -> None:
    """Every character, pair and character-mark-character triple that NFC changes is caught."""
    marks = [c for c in _ALPHABET if unicodedata.combining(c)]
    candidates = [
        *_ALPHABET,
        *(a + b for a in _ALPHABET for b in _ALPHABET),
        *(a + m + b for a in _ALPHABET for m in marks for b in _ALPHABET),
    ]
    missed = [
        s
        for s in candidates
        if unicodedata.normalize("NFC", s) != s and not may_change_under_nfc(s)
    ]
    assert missed == []


# Spaces of every kind, invisible characters, and the marks and letters NFC acts on.
_PIECES = [*"ab \n\t\r\xa0\u00ad\u200b\u200c\u200d\u2028\u3000e\u0301\u0300",
           *"কেো\u09be\u09d7\u09c7\u09cd\u09bc\u09dfয়ড়\u0964", "ক্ষ", "e\u0301"]  # fmt: skip
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=500)
@given(_TEXT)
def test_normalize_text_matches_its_definition(text: str) -> None:
    assert normalize_text(text) == _reference_text(text)
    assert normalize_line(text) == " ".join(_reference_text(text).split())
    assert nfc(text) == unicodedata.normalize("NFC", text)


_WORDS = ("share", "sharing", "sharedaddy", "ad-slot", "read-more", "readmore", "print", "dfp")
_WORD_PIECES = [*_WORDS, "ads", "ad", "AD", "Share", "ſhare", "SHARE", "-", " ", "x", "é", "K", "p"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_WORD_PIECES), max_size=8).map("".join))
def test_word_matcher_matches_an_ignorecase_alternation(text: str) -> None:
    reference = re.compile("|".join(map(re.escape, _WORDS)) + r"|\bads?\b", re.IGNORECASE)
    assert WordMatcher(_WORDS, r"\bads?\b").search(text) == bool(reference.search(text))


def test_text_lines_break_at_blocks_not_inline_tags() -> None:
    from lxml import html

    from bishshow_spider.extract.nodes import spaced_text, text_lines

    el = html.fromstring(
        "<div>এক <b>দুই</b><div>বিবরণ।</div><span>তিন</span><div>০৪ ডিসেম্বর</div>শেষ"
        "<script>x()</script><!-- c --></div>"
    )
    assert text_lines(el) == ["এক দুই", "বিবরণ।", "তিন", "০৪ ডিসেম্বর", "শেষ"]
    caption = html.fromstring(
        "<figcaption><span>গ্রাহকদের ভিড়</span><span>ছবি: আজকের বিশ্ব</span></figcaption>"
    )
    assert spaced_text(caption) == "গ্রাহকদের ভিড় ছবি: আজকের বিশ্ব"
