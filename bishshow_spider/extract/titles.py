"""Titles: remove the site-name suffix and split bilingual `বাংলা | English` titles.

Both functions decide by script and by resemblance to the site's name, never by a site list, so
a bilingual title keeps its English half while ` | UKBDNEWS` or ` - Ajker Bishshow` goes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from bishshow_spider.extract.text import detect_language, normalize_line

# Separators between a title and the site name. ` | ` is also the bilingual separator, so a
# bar is only cut when the far side really looks like a site (see `_looks_like_site`).
_SEPARATOR = re.compile(r"\s*\|\s*(?:(?:[-–—»·•]|::)\s+)?|\s+(?:[-–—»·•]|::)\s+")
# Full-width and CJK separators written without spaces ("記事：朝日新聞デジタル"): cut only when
# the far side matches a known site name, since they also occur inside titles.
_TIGHT_SEPARATOR = re.compile(r"[：｜ㅣ|]")
_BAR = re.compile(r"\s*\|\s*")
_DOMAIN = re.compile(
    r"\b[\w-]+\.(?:com|net|org|info|news|tv|co|bd|in|uk|online|live|press)\b", re.I
)
_NON_WORD = re.compile(r"[\W_]+")
_LATIN = re.compile(r"[A-Za-z]")
_BENGALI = re.compile("[\u0980-\u09ff]")
# Emoji and other pictographs, their variation selectors, keycaps and joiners.
_DECORATION_CATEGORIES = frozenset({"So", "Sk", "Cf", "Mn", "Me", "Zs"})


def _key(text: str) -> str:
    """Comparison key: case-folded letters and digits only."""
    return _NON_WORD.sub("", text.casefold())


def matches_site_name(part: str, site_names: Iterable[str]) -> bool:
    """Whether `part` is (or contains, or is contained in) one of the known site names."""
    key = _key(part)
    if not key:
        return False
    for name in site_names:
        other = _key(name)
        if other and (
            key == other or (min(len(key), len(other)) >= 4 and (key in other or other in key))
        ):
            return True
    return False


def _looks_like_site(part: str, rest: str, separator: str) -> bool:
    """A site name with no known name to compare: a domain, one all-caps word, or a short
    capitalised phrase after a dash, and never the English half after a Bengali title's bar."""
    words = part.split()
    if not words or len(part) > 40 or len(words) > 4:
        return False
    if _DOMAIN.search(part):
        return True
    if len(words) == 1 and part.isupper() and len(part) >= 3:
        return True
    bilingual_bar = (
        separator.strip() == "|" and bool(_BENGALI.search(rest)) and bool(_LATIN.search(part))
    )
    if bilingual_bar or len(part) > len(rest):
        return False
    if _BENGALI.search(part):
        # A short Bengali tail after a bar or dash (` | প্রথম আলো`) names the site.
        return len(words) <= 3 and bool(_BENGALI.search(rest))
    return all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def strip_site_suffix(
    title: str, site_name: str | Iterable[str] | None = None, *, host: str | None = None
) -> str:
    """The title without a trailing (or leading) site name such as ` - Ajker Bishshow`."""
    title = normalize_line(title)
    names = [site_name] if isinstance(site_name, str) else list(site_name or [])
    if host:
        # "www.ajkerbishshow.com" → "ajkerbishshow": site names often are the domain's label.
        labels = [p for p in host.lower().split(".") if p not in ("www", "m", "amp", "en", "bn")]
        names.extend(labels[:1])
    parts = _SEPARATOR.split(title)
    seps = _SEPARATOR.findall(title)
    if len(parts) < 2:
        return _strip_tight_suffix(title, names)
    tail = parts[-1]
    rest = title[: len(title) - len(tail) - len(seps[-1])]
    if tail and (matches_site_name(tail, names) or _looks_like_site(tail, rest, seps[-1])):
        return rest.strip()
    first = parts[0]
    if first and matches_site_name(first, names):
        return title[len(first) + len(seps[0]) :].strip()
    return _strip_tight_suffix(title, names)


def _strip_tight_suffix(title: str, names: list[str]) -> str:
    """The title without a site name joined by an unspaced full-width separator."""
    cut = None
    for match in _TIGHT_SEPARATOR.finditer(title):
        cut = match
    if cut is not None and cut.start() > 0 and matches_site_name(title[cut.end() :], names):
        return title[: cut.start()].strip()
    return title


def _clean_half(text: str) -> str | None:
    """A bilingual half without surrounding emoji and spaces (🔥 is decoration, not title)."""
    text = text.strip()
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start]) in _DECORATION_CATEGORIES:
        start += 1
    while end > start and _is_trailing_decoration(text, start, end - 1):
        end -= 1
    return text[start:end].strip() or None


def _is_trailing_decoration(text: str, start: int, i: int) -> bool:
    """A decoration at `i`; a combining mark counts only when it does not sit on a letter
    (Bengali vowel signs and the nukta are marks too: `কিছু` must keep its `ু`)."""
    category = unicodedata.category(text[i])
    if category[0] != "M":
        return category in _DECORATION_CATEGORIES
    return i == start or unicodedata.category(text[i - 1])[0] not in "LM"


def split_bilingual_title(title: str) -> tuple[str | None, str | None]:
    """(Bengali, English) halves of `বাংলা | English`; a half without its script is None.

    Each bar-separated part goes to the half of its dominant script (so order does not
    matter); parts of one script are re-joined with ` | `. Leading and trailing emoji are
    dropped from the halves, while the full title keeps them as published.
    """
    bn: list[str] = []
    en: list[str] = []
    for part in _BAR.split(normalize_line(title)):
        cleaned = _clean_half(part)
        if cleaned is None:
            continue
        language = detect_language(cleaned)
        if language == "bn":
            bn.append(cleaned)
        elif language == "en" or not bn:
            en.append(cleaned)
        else:  # digits or symbols only: keep them with the half they follow
            bn.append(cleaned)
    return (" | ".join(bn) or None, " | ".join(en) or None)
