"""Turn what an analyst types into a safe FTS5 query, with Bengali word forms expanded.

Syntax: words (all must match), `"exact phrases"`, `AND`/`OR`/`NOT` in capitals, parentheses,
`word*` for an explicit prefix, `title_en:word` to search one column. Every word and phrase is
emitted as a quoted FTS5 string, so punctuation in user input can never become FTS5 syntax.
A bare Bengali word becomes the forms of it found in the index (`bengali.py`); English words and
numbers match whole words, case-insensitively; phrases stay exact.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bishshow_spider.analysis.bengali import candidate_stems, has_bengali, is_form_of
from bishshow_spider.archive.fts import FTS_COLUMNS

# Indexed terms starting with a prefix (see `search.index_vocabulary`).
Vocabulary = Callable[[str], Iterable[str]]
MAX_FORMS = 100  # more forms than this means the stem is too short to mean anything

_INVISIBLE = re.compile("[\u00ad\ufeff\u200b\u200c\u200d\u200e\u200f\u2060]")
_TOKEN = re.compile(
    r"""(?P<space>\s+)
    | (?P<paren>[()])
    | (?:(?P<column>[A-Za-z_]+):)?(?:"(?P<phrase>[^"]*)(?P<close>"?)|(?P<word>[^\s"()]+))""",
    re.VERBOSE,
)
OPERATORS = frozenset({"AND", "OR", "NOT"})


class SearchSyntaxError(ValueError):
    """The query cannot be turned into a search (unbalanced quotes or parentheses, nothing left)."""


@dataclass
class Query:
    """An FTS5 MATCH expression and, for each Bengali word, the indexed forms it searches."""

    expression: str
    forms: dict[str, list[str]] = field(default_factory=dict)


def normalize_query(text: str) -> str:
    """NFC without invisible characters: the same form the archive's text is indexed in."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))


def fts_tokens(text: str) -> list[str]:
    """Split text as the archive's tokenizer does (letters, digits and marks make words)."""
    tokens, current = [], []
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LNM" or category == "Co":
            current.append(char)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def quote(text: str) -> str:
    """An FTS5 string literal."""
    return '"' + text.replace('"', '""') + '"'


def _word(word: str, vocabulary: Vocabulary | None, forms: dict[str, list[str]]) -> str | None:
    """FTS5 for one typed word; None when it holds nothing searchable (a lone dash)."""
    prefix = word.endswith("*")
    pieces = fts_tokens(word.rstrip("*"))
    if not pieces:
        return None
    if prefix:
        return quote(" ".join(pieces)) + "*"
    if len(pieces) > 1 or vocabulary is None or not has_bengali(pieces[0]):
        return quote(" ".join(pieces))
    return _bengali_forms(pieces[0], vocabulary, forms)


def _bengali_forms(word: str, vocabulary: Vocabulary, forms: dict[str, list[str]]) -> str:
    """Every indexed form of a Bengali word, OR-ed."""
    stems = candidate_stems(word)
    shortest = min(stems, key=len)  # every stem is a prefix of the word, so of each other
    found = sorted({t for t in vocabulary(shortest) if is_form_of(t, stems)}, key=len)
    found = found[:MAX_FORMS] or [word]
    forms[word] = found
    if len(found) == 1:
        return quote(found[0])
    return "(" + " OR ".join(map(quote, found)) + ")"


def translate(text: str, vocabulary: Vocabulary | None = None) -> Query:
    """The FTS5 expression for a typed query; without a vocabulary words are matched exactly."""
    text = normalize_query(text)
    parts: list[str] = []
    forms: dict[str, list[str]] = {}
    depth = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "space":
            continue
        if kind == "paren":
            depth += 1 if match["paren"] == "(" else -1
            if depth < 0:
                raise SearchSyntaxError("a ')' closes nothing")
            parts.append(match["paren"])
            continue
        column = match["column"]
        if column and column not in FTS_COLUMNS:
            # Not a column filter ("http:", "note:"): the text before the colon is a word.
            if match["word"] is not None:
                item = _word(match[0], vocabulary, forms)
            else:
                parts.extend(filter(None, [_word(column, vocabulary, forms)]))
                item = _phrase(match)
            column = None
        elif match["phrase"] is not None:
            item = _phrase(match)
        elif match["word"] in OPERATORS and not column:
            item = match["word"]
        else:
            item = _word(match["word"], vocabulary, forms)
        if item:
            parts.append(f"{column} : {item}" if column else item)
    if depth:
        raise SearchSyntaxError("a '(' is never closed")
    if not any(p not in OPERATORS and p not in "()" for p in parts):
        raise SearchSyntaxError("nothing to search for")
    return Query(" ".join(parts), forms)


def _phrase(match: re.Match[str]) -> str | None:
    """An exact phrase, as typed."""
    if not match["close"]:
        raise SearchSyntaxError('a quote (") is never closed')
    pieces = fts_tokens(match["phrase"])
    return quote(" ".join(pieces)) if pieces else None
