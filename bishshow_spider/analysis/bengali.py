"""Light Bengali stemming for search: inflection is suffixal, so a word is a stem plus suffixes.

No dictionary: a query word is reduced to its candidate stems, and an indexed word counts as a
form of it when it is a stem followed by a chain of known suffixes (ইউক্রেন → ইউক্রেনের, ইউক্রেনকে).
Unlike a bare prefix (`কাল*`), this does not reach other words that start alike (কালো, কাল্পনিক).
"""

from __future__ import annotations

import unicodedata

# Case, plural, classifier, emphatic and a few derivational endings, in NFC.
SUFFIXES: frozenset[str] = frozenset(
    unicodedata.normalize("NFC", s)
    for s in (
        "ের", "এর", "র", "য়ের", "কে", "রে", "তে", "েতে", "য়", "য়ে", "ে", "এ",
        "রা", "েরা", "এরা", "দের", "দেরকে", "গুলো", "গুলি", "গুলা", "সমূহ",
        "টি", "টা", "টো", "টু", "খানা", "খানি",
        "ই", "ও", "ীয়",
    )
)  # fmt: skip
MAX_CHAIN = 3  # ইউক্রেন + গুলো + র + ও
_VIRAMA = "\u09cd"
_NUKTA = "\u09bc"


def is_bengali_letter(char: str) -> bool:
    """A Bengali letter (not a digit, sign or punctuation)."""
    return "\u0980" <= char <= "\u09ff" and unicodedata.category(char) == "Lo"


def has_bengali(word: str) -> bool:
    """The word contains at least one Bengali letter."""
    return any(is_bengali_letter(c) for c in word)


def is_suffix_chain(rest: str, depth: int = MAX_CHAIN) -> bool:
    """`rest` is one to `depth` known suffixes in a row."""
    if not rest or depth == 0:
        return False
    return any(
        rest == s or (rest.startswith(s) and is_suffix_chain(rest[len(s) :], depth - 1))
        for s in SUFFIXES
    )


def _plausible_stem(stem: str) -> bool:
    # Two letters at least (a single-letter "stem" such as মা would reach মাটি), and not cut
    # inside a conjunct or after a nukta.
    return sum(map(is_bengali_letter, stem)) >= 2 and not stem.endswith((_VIRAMA, _NUKTA))


def candidate_stems(word: str) -> set[str]:
    """The word itself and every plausible stem left by removing a suffix chain from its end."""
    stems = {word}
    for cut in range(1, len(word)):
        stem, rest = word[:cut], word[cut:]
        if _plausible_stem(stem) and is_suffix_chain(rest):
            stems.add(stem)
    return stems


def is_form_of(term: str, stems: set[str]) -> bool:
    """`term` is one of `stems`, or one of them followed by a suffix chain."""
    return term in stems or any(
        term.startswith(stem) and is_suffix_chain(term[len(stem) :]) for stem in stems
    )
