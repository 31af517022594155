"""Author names from whatever a page declares: meta values, JSON-LD names, visible bylines.

`clean_authors` turns raw strings such as `By Jane Doe and John Roe | 12 March 2021` or
`লিখেছেন রহিম ও করিম` into `["Jane Doe", "John Roe"]` / `["রহিম", "করিম"]`.

Decisions:
- Newsroom credits (`নিজস্ব প্রতিবেদক`, `Staff Correspondent`, `Online Desk`, `AFP`) are kept:
  they are how Bengali papers credit most stories.
- CMS account placeholders (`admin`, `administrator`, `editor`, `webmaster`, `user`, ...) are
  dropped: they name a login, not a writer, and would merge unrelated stories under one name.
- URLs, emails, dates, times and a trailing place (`, ঢাকা`, `, Dhaka`) are not names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml.html import HtmlElement

from bishshow_spider.extract.dates import find_date
from bishshow_spider.extract.nodes import LINE_BREAKS
from bishshow_spider.extract.places import PLACES
from bishshow_spider.extract.text import normalize_line

_URL = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|net|org)/\S*", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_PREFIX = re.compile(
    r"^(?:(?:posted|written|reported|edited|compiled|story|text|words)\s+by|by|authors?|"
    r"reporter|writer|লিখেছেন|লেখা|লেখক|প্রতিবেদক|প্রতিবেদন|রিপোর্ট|সম্পাদনা)"
    r"\s*[:：ঃ\-–]\s*|^(?:(?:posted|written|reported|edited|story|text)\s+by|by|লিখেছেন)\s+",
    re.I,
)
# A byline's tail after the names: a date, a time, a label like "Updated" or a separator.
_TAIL = re.compile(
    r"\s*(?:\||•|·|—|–\s|\s-\s|\bupdated\b|\bpublished\b|\bposted\b|\bon\b\s+\w+\s+\d|"
    r"প্রকাশিত|প্রকাশ\s*:|আপডেট|হালনাগাদ|[0-9০-৯]).*$",
    re.I,
)
_DIGIT = re.compile("[0-9০-৯]")
_SPLIT = re.compile(r"\s*(?:,|;|/|&|\band\b|\s+ও\s+|\s+এবং\s+|\s+আর\s+|\n)\s*", re.I)
_PUNCT_ENDS = re.compile(r"^[\s\W_]+|[\s.,;:|\-–—(\[]+$")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]")
_PLACEHOLDERS = frozenset(
    {
        "admin",
        "administrator",
        "webadmin",
        "siteadmin",
        "site admin",
        "root",
        "user",
        "guest",
        "editor",
        "author",
        "webmaster",
        "unknown",
        "anonymous",
        "none",
        "null",
        "n/a",
        "na",
        "অ্যাডমিন",
        "এডমিন",
    }
)
_WEEKDAYS = frozenset(
    {
        *("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        *("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
        *("সোমবার", "মঙ্গলবার", "বুধবার", "বৃহস্পতিবার", "শুক্রবার", "শনিবার", "রবিবার", "রোববার"),
    }
)
_MAX_NAME_CHARS = 60
_MAX_NAME_WORDS = 6


def clean_authors(values: Iterable[str]) -> list[str]:
    """Distinct author names, in order, from raw author strings (see the module docstring)."""
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        for name in split_byline(value):
            key = name.casefold()
            if key not in seen:
                seen.add(key)
                names.append(name)
    return names


def split_byline(value: str) -> list[str]:
    """The names in one raw byline, placeholders and non-names dropped."""
    text = normalize_line(value)
    text = _EMPTY_BRACKETS.sub(" ", _EMAIL.sub(" ", _URL.sub(" ", text))).strip()
    for _ in range(2):  # "By: Posted by ..." is rare but real
        text = _PREFIX.sub("", text).strip()
    if _DIGIT.search(text):
        # A printed date ("শনিবার, আগস্ট ২৯, ২০২০", "March 12, 2021") ends the names.
        found = find_date(text)
        if found is not None and found[0] in text:
            text = text[: text.index(found[0])]
    text = _TAIL.sub("", text)
    parts = [_PUNCT_ENDS.sub("", p) for p in _SPLIT.split(text)]
    parts = [p for p in parts if p]
    # A trailing place is dateline, not a name, but only when something else remains.
    while len(parts) > 1 and parts[-1].casefold() in PLACES:
        parts.pop()
    return [p for p in parts if _is_name(p) and p.casefold() not in _WEEKDAYS]


def _is_name(text: str) -> bool:
    """Whether a cleaned fragment can be a name (or newsroom credit)."""
    if len(text) > _MAX_NAME_CHARS or len(text.split()) > _MAX_NAME_WORDS:
        return False
    if text.casefold() in _PLACEHOLDERS:
        return False
    return any(c.isalpha() for c in text)


# A visible byline printed as a labelled line in the body or under it ("Auteur : Jane Doe",
# "<p><strong>লিখেছেন: আন্তর্জাতিক ডেস্ক</strong></p>"): the label in the languages whose papers
# print it this way. English "Author:"/"By:" are stripped by `clean_authors` itself.
_BYLINE_LABEL = re.compile(
    r"^\s*(?:auteure?s?|autor(?:in|es|as|a)?|autore|autori|author|written by|texte?|"
    r"লিখেছেন|লেখক|প্রতিবেদক|作者|記者|기자|글)\s*[:：ঃ]\s*(?P<names>\S.*)$",
    re.IGNORECASE,
)
_LABEL_COLONS = (":", "：", "ঃ")
_POSTED_BY = re.compile(
    r"^\s*(?:posted|written|published|submitted)\s+by\s+(?P<names>\S.*?)(?:\s+(?:on|at|in)\s.*)?$",
    re.IGNORECASE,
)
# "by Jane Doe | Dec 8, 2025 | Economy": a theme's meta line (Divi), its parts split by bars.
_BY = re.compile(r"^\s*by\s+(?P<names>[^|·•\d.,;!?]+?)\s*(?:[|·•].*)?$", re.IGNORECASE)
_MAX_BY_WORDS = 5
_MAX_BYLINE_CHARS = 100


def labelled_byline(p: HtmlElement) -> str | None:
    """The names of a short paragraph (or a div holding one line) that is only a labelled
    byline, else None."""
    # The label is the paragraph's own text, or its bold (or italic) first child's.
    first = p[0] if len(p) and isinstance(p[0].tag, str) else None
    if first is not None and any(child.tag in LINE_BREAKS for child in p):
        return None  # several lines: "Auteur : X" then "Edition : Y" are two paragraphs
    text = p.text if p.text and p.text.strip() else (first.text if first is not None else None)
    if not text or len(text) > _MAX_BYLINE_CHARS:
        return None
    if any(c in text for c in _LABEL_COLONS):
        found = _BYLINE_LABEL.match(normalize_line(p.text_content()))
    elif text.lstrip()[:1] in "PpWwSs":  # "Posted By X On <date> In <category>" (WP-Print)
        found = _POSTED_BY.match(normalize_line(p.text_content()))
    elif text.lstrip()[:1] in "Bb":
        found = _BY.match(normalize_line(p.text_content()))
        if found and len(found["names"].split()) > _MAX_BY_WORDS:
            return None
    else:
        return None
    if found and len(found["names"]) <= _MAX_BYLINE_CHARS:
        return str(found["names"])
    return None
