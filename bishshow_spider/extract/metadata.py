"""An article's metadata from the same layers on every site, most declared first.

Layers, in priority order (each field takes the first layer that has it and records its name in
`Metadata.sources`):

1. `jsonld`: the article node, else the WebPage node (Yoast graphs without an Article).
2. `meta`: Open Graph, `article:`, Twitter, Dublin Core, Parse.ly, Sailthru, `name=author`...
3. `microdata` / `microformat`: `itemprop` values; hAtom `hentry`, `.entry-title`,
   `time.published`, `.author.vcard .fn`, `rel=author`, `rel=tag`.
4. `theme`: class names of common themes (tagDiv, WordPress blocks, JNews, GeneratePress/Astra,
   Blogger) and breadcrumbs.
5. `generic`: `<h1>`, `<title>`, a date printed near the title, author/tag/category links.

A date with an explicit offset from layers 1-3 always beats a date read off visible text in a
guessed zone, because visible text is only read when no structured date exists.
"""

from __future__ import annotations

import copy
import html
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from lxml import etree
from lxml.html import HtmlElement

from bishshow_spider.extract.authors import clean_authors, labelled_byline
from bishshow_spider.extract.dates import find_date, parse_date, to_iso
from bishshow_spider.extract.document import Document
from bishshow_spider.extract.nodes import text_exceeds, text_lines
from bishshow_spider.extract.structured import (
    CANONICAL_KEY,
    LANG_KEY,
    LISTING_TYPES,
    MICROFORMAT_CLASSES,
    TITLE_KEY,
    JsonLd,
    Microformats,
    PageIndex,
    Selector,
    element_value,
    has_class,
    index_page,
    load_structured,
    microdata_article_items,
    node_types,
    read_microdata,
    read_microformats,
    selector_classes,
)
from bishshow_spider.extract.text import detect_language, normalize_line
from bishshow_spider.extract.titles import (
    matches_site_name,
    split_bilingual_title,
    strip_site_suffix,
)
from bishshow_spider.extract.urls import join_url

JSONLD, META, MICRODATA, MICROFORMAT, THEME, GENERIC = (
    "jsonld",
    "meta",
    "microdata",
    "microformat",
    "theme",
    "generic",
)
T = TypeVar("T")
Candidates = Iterator[tuple[str, Any]]

# Signals strong enough alone to call a page an article, and ones that need company.
STRONG_SIGNALS = frozenset(
    {"jsonld:article", "microdata:article", "meta:published_time", "wp:single"}
)
_LISTING_BODY_CLASSES = frozenset(
    {"archive", "category", "tag", "home", "blog", "search", "author"}
)
_LISTING_ITEMTYPES = frozenset({"Blog", "CollectionPage", "ItemList", "SearchResultsPage"})
_HOME_CRUMBS = frozenset({"home", "হোম", "প্রচ্ছদ", "প্রথম পাতা", "মূলপাতা", "হোমপেজ"})
_CATEGORY_HREF = re.compile(r"/category/|[?&]category=")  # WordPress; Squarespace, portals
_TAG_HREF = re.compile(r"/(?:tag|tags|tagged|topics?)/")  # WordPress, Medium, news CMSs
_SECTION_HREF = re.compile(r"/(?:category|categories|tag|tags|section|sections|topics?)/")
# Elements a page without an h1 prints its title in, tightest first in document order, and
# how much longer than the declared title their text may be (a "Featured" badge, a kicker).
_TITLE_HOLDERS = ("span", "p", "div", "td", "b", "strong", "font")
_TITLE_SLACK = 30
_NAME_THEN_DATELINE = re.compile(
    r"^\s*(?P<name>[^\d\s০-৯:|]+(?:\s+[^\d\s০-৯:|]+){1,3})\s*[|,]?\s*"
    r"(?:প্রকাশ|প্রকাশিত|আপডেট|হালনাগাদ|published|updated|posted)\b",
    re.IGNORECASE,
)
_SLUG = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
_NEAR_TITLE_LEVELS = 3  # the title, its header block, the block around that
_MAX_KICKER_CHARS = 40
_MAX_CRUMBS = 6  # more links after a home link make a menu
_TEXT_NEAR_TITLE = 600  # characters after the title searched for a printed date
_LINES_AFTER_BODY = 2
_SHARE_HREF = re.compile(
    r"sharer|/share|intent/tweet|whatsapp\.com/send|wa\.me/|mailto:|javascript:", re.IGNORECASE
)
_TEASER_WORDS = 3  # a headline, not a date or a name
_TEXT_BEFORE_TITLE = 120  # and before it, when its container has nothing after it
# Not `Article` fields.
_METADATA_ONLY = frozenset({"site_name", "image", "images", "article_signals", "authors_are_site"})


def article_like(signals: list[str]) -> bool:
    """One strong signal, or two weak ones on a page that does not look like a listing. A
    WordPress archive never is; a static page only when its structured data says so."""
    found = set(signals)
    if "listing:body_class" in found:
        # WordPress says what the page is in its body classes (archive, search, home): SEO
        # plugins put og:type article, article:published_time and even Article nodes on them.
        return False
    if "wp:static_page" in found:
        return bool(found & {"jsonld:article", "microdata:article", "wp:single"})
    if found & STRONG_SIGNALS:
        return True
    weak = [s for s in found if not s.startswith("listing:")]
    return len(weak) >= 2 and len(weak) == len(found)


@dataclass
class Metadata:
    """Article metadata; `sources` names the layer each field came from."""

    title: str | None = None
    title_bn: str | None = None
    title_en: str | None = None
    summary: str | None = None
    authors: list[str] = field(default_factory=list)
    category: str | None = None
    tags: list[str] = field(default_factory=list)
    published_at: str | None = None
    published_raw: str | None = None
    modified_at: str | None = None
    modified_raw: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    site_name: str | None = None
    image: str | None = None
    images: list[str] = field(default_factory=list)  # `image`, then the other og:images
    article_signals: list[str] = field(default_factory=list)
    authors_are_site: bool = False  # `authors` names only the site itself (or is empty)
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def is_article_like(self) -> bool:
        """Whether the page's own signals say it is one article (see `article_like`)."""
        return article_like(self.article_signals)

    def article_fields(self) -> dict[str, Any]:
        """The fields `model.Article` shares with this object, ready for `Article(**...)`."""
        # Shallow copies of the lists and dict, not `asdict`: its recursive deep copy cost more
        # than reading the fields did, and every value here is a str, None or a list of str.
        return {
            f.name: copy.copy(getattr(self, f.name))
            for f in fields(self)
            if f.name not in _METADATA_ONLY
        }


class Selectors:
    """Theme selectors per field, most specific themes first (tagDiv, block themes, JNews,
    Blogger), then class names many themes share. Matched through one `PageIndex` pass."""

    TITLE = Selector.parse(
        "header.td-post-title h1, h1.tdb-title-text, h1.wp-block-post-title, h1.jeg_post_title,"
        " h1.post-title, h1.single-post-title, h1.article-title, h1.entry-title, .post-header h1"
    )
    DATE = Selector.parse(
        ".td-post-date time, .tdb-date time, .wp-block-post-date time, .jeg_meta_date time,"
        " .post-timestamp abbr, .post-timestamp time, .posted-on time, .entry-meta time,"
        " .byline time, time.post-date"
    )
    DATE_TEXT = Selector.parse(
        ".td-post-date, .td-module-meta-info, .tdb-date, .wp-block-post-date, .jeg_meta_date,"
        " .post-timestamp, .posted-on, .post-date, .entry-date, .entry-meta, .byline,"
        " .publish-date, .published-date, .article-date, .date-time, .post-meta"
    )
    AUTHOR = Selector.parse(
        ".td-post-author-name a, .tdb-author-name, .jeg_meta_author a, .wp-block-post-author-name,"
        " .wp-block-post-author__name, .post-author .fn, .post-author-name, .entry-author-name,"
        " .author-name, .byline .author, .byline a, .byline,"
        # Bangladeshi news CMSs credit the reporter, often a desk, without an author page.
        " .reporter-name, .rpt-name, .writer-name"
    )
    CRUMBS = Selector.parse(
        ".entry-crumbs a, .tdb-breadcrumbs a, .jeg_breadcrumbs a, .rank-math-breadcrumb a,"
        " .yoast-breadcrumbs a, .ast-breadcrumbs a, .breadcrumb-trail a, .breadcrumbs a,"
        " .breadcrumb a"
    )
    CATEGORY = Selector.parse(
        ".td-category a, .tdb-category a, .jeg_meta_category a, .cat-links a,"
        " .wp-block-post-terms.taxonomy-category a, .post-categories a, .entry-category a,"
        " .category-links a"
    )
    TAGS = Selector.parse(
        ".td-tags a, .tdb-tags a, .wp-block-post-terms.taxonomy-post_tag a, .tags-links a,"
        " .jeg_post_tags a, .post-labels a, .post-tags a, .tag-links a, .entry-tags a, .tags a"
    )
    SUMMARY = Selector.parse(
        ".td-post-sub-title, .jeg_post_subtitle, .wp-block-post-excerpt__excerpt, .post-excerpt,"
        " .entry-subtitle, .article-summary, .standfirst, .subtitle"
    )
    CLASSES = frozenset(
        selector_classes(TITLE, DATE, DATE_TEXT, AUTHOR, CRUMBS, CATEGORY, TAGS, SUMMARY)
    ) | frozenset(MICROFORMAT_CLASSES)


class _Page:
    """One document's layers, each computed on first use so most pages only pay for JSON-LD
    and meta."""

    def __init__(
        self,
        doc: Document,
        fetched_at: datetime | None,
        default_tz: str,
        ld: JsonLd | None = None,
    ) -> None:
        self.doc = doc
        self.fetched_at = fetched_at
        self.default_tz = default_tz
        self.ld = ld if ld is not None else JsonLd(doc.jsonld)

    @cached_property
    def article(self) -> dict[str, Any] | None:
        """The JSON-LD article node, if any."""
        return self.ld.article()

    @cached_property
    def webpage(self) -> dict[str, Any] | None:
        """The JSON-LD WebPage-like node, if any."""
        return self.ld.webpage()

    def ld_values(self, key: str) -> list[Any]:
        """`key` of the article node, else of the WebPage node."""
        return self.ld.get(self.article, key) or self.ld.get(self.webpage, key)

    @cached_property
    def index(self) -> PageIndex:
        """The class/itemprop/rel scan; only pages that reach the markup layers pay for it."""
        return index_page(self.doc.tree, Selectors.CLASSES)

    @cached_property
    def microdata(self) -> dict[str, list[str]]:
        # The index collects each kind of element on first use: this is one `itemprop` XPath.
        return read_microdata(self.index.itemprops)

    @cached_property
    def microformats(self) -> Microformats:
        """hAtom/rel facts, read from the class scan."""
        return read_microformats(self.index)

    @cached_property
    def h1(self) -> HtmlElement | None:
        """The title h1; theme selectors (and the class scan) only decide between several."""
        h1s = self.tags.get("h1", [])
        if len(h1s) > 1:
            for selector in Selectors.TITLE:
                for h1 in h1s:
                    if _matches_h1_selector(h1, selector):
                        return h1
        return h1s[0] if h1s else None

    @cached_property
    def title_heading(self) -> HtmlElement | None:
        """Where the title is printed: the h1, else (Joomla's K2 titles with an h2, old portals
        with a `<span>`, print pages with a `<p>`) the first heading, then the first short
        element, that begins with the declared title. Bylines and dates are read near it."""
        if self.h1 is not None:
            return self.h1
        raw = self.doc.meta_first("og:title", TITLE_KEY)
        declared = normalize_line(_clean_title(self, raw) or "") if raw else ""
        head = declared[:40]
        if not head:
            return None
        longest = len(declared) + _TITLE_SLACK
        for tags in (("h2", "h3"), _TITLE_HOLDERS):
            for el in self.doc.tree.iter(*tags):
                if text_exceeds(el, longest):  # a container: measured without reading it all
                    continue
                text = normalize_line(el.text_content())
                # The declared title may carry a site prefix the page does not print.
                if text.startswith(head) or (len(text) * 2 >= len(declared) and text in declared):
                    return el
        return None

    @cached_property
    def text_after_title(self) -> str | None:
        """`_text_after_title`, read once for the byline and the date layers."""
        return _text_after_title(self)

    @cached_property
    def tags(self) -> dict[str, list[HtmlElement]]:
        """h1, article and time elements: a tag-filtered pass in C, much cheaper than `index`."""
        found: dict[str, list[HtmlElement]] = {}
        for el in self.doc.tree.iter("h1", "article", "time"):
            found.setdefault(el.tag, []).append(el)
        return found

    @cached_property
    def h1_text(self) -> str | None:
        """The title h1's normalised text."""
        return normalize_line(self.h1.text_content()) or None if self.h1 is not None else None

    @cached_property
    def site_names(self) -> list[str]:
        """Every name the site gives itself (WebSite, publisher, og:site_name, app name)."""
        names = [_ld_name(n) for n in self.ld.find(frozenset({"WebSite", "Organization"}))]
        names += [_ld_name(p) for p in self.ld_values("publisher")]
        names += self.doc.meta.get("og:site_name", []) + self.doc.meta.get("application-name", [])
        return [n for n in names if n]

    @cached_property
    def host(self) -> str:
        """The page URL's host name."""
        return urlsplit(self.doc.url).hostname or ""

    @cached_property
    def host_label(self) -> str:
        """The domain's name part ("ukbdnews" of www.ukbdnews.com), often the site's name."""
        labels = [p for p in self.host.split(".") if p not in ("www", "m", "amp", "en", "bn")]
        return labels[0] if labels else ""

    def texts(self, selectors: tuple[Selector, ...]) -> list[str]:
        """Normalised, non-empty texts of the selectors' matches, in selector order."""
        found = (normalize_line(el.text_content()) for el in self.index.select(selectors))
        return [t for t in found if t]

    def date(self, raw: Any) -> datetime | None:
        """A whole value parsed as a date in the page's zone and clock."""
        return parse_date(str(raw), fetched_at=self.fetched_at, default_tz=self.default_tz)

    def find_date(self, text: str) -> tuple[str, datetime] | None:
        """The first date printed in a longer text."""
        return find_date(text, fetched_at=self.fetched_at, default_tz=self.default_tz)


_DATED = etree.XPath(".//time|.//*[@datetime]")
_LINKED_HEADING = etree.XPath(
    "boolean(.//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5]"
    "[.//a[@href and not(starts-with(@href, '#'))] or ancestor::a[@href]])"
)
_LINK_HREFS = etree.XPath(".//a/@href")


def _matches_h1_selector(h1: HtmlElement, selector: Selector) -> bool:
    """Whether an h1 matches a title selector (`h1.cls` or `tag.cls h1`), without the index."""
    if selector.descendant is None:
        return has_class(h1, selector.cls)
    for depth, ancestor in enumerate(h1.iterancestors()):
        if depth > 4:
            return False
        if has_class(ancestor, selector.cls) and selector.tag in (None, ancestor.tag):
            return True
    return False


def _ld_name(value: Any) -> str | None:
    """A JSON-LD value's display name: the string itself or a node's `name`."""
    if isinstance(value, str):
        return _clean_line(value)
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, list):
            name = name[0] if name else None
        if isinstance(name, str):
            return _clean_line(name)
    return None


def _ld_url(value: Any) -> str | None:
    """A JSON-LD value's URL: the string itself or a node's `url`/`contentUrl`/`@id`."""
    if isinstance(value, list):
        return _ld_url(value[0]) if value else None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for key in ("url", "contentUrl", "@id"):
            if value.get(key):
                return _ld_url(value[key])
    return None


def _first(candidates: Candidates, accept: Callable[[Any], T | None]) -> tuple[T, str] | None:
    """The first candidate value that `accept` turns into something, with its layer."""
    for layer, raw in candidates:
        if raw is None or raw == "" or raw == []:
            continue
        value = accept(raw)
        if value is not None and value != "" and value != []:
            return value, layer
    return None


def _text(value: Any) -> str | None:
    """A single display string from a JSON-LD/meta value (first of a list, name of a node)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _ld_name(value)
    return _clean_line(str(value)) if value is not None else None


def _head(values: list[str] | None) -> str | None:
    """The first of a list of values, if any."""
    return values[0] if values else None


def _clean_line(text: str) -> str | None:
    """One normalised line; entities decoded because JSON-LD strings often carry `&quot;`."""
    if "&" in text:
        text = html.unescape(text)
    return normalize_line(text) or None


def _split_keywords(values: Iterable[Any]) -> list[str]:
    """Keywords from lists and comma-separated strings, normalised and deduplicated."""
    out: list[str] = []
    for value in values:
        if isinstance(value, dict):
            value = _ld_name(value) or ""
        for part in str(value).split(","):
            part = normalize_line(part).lstrip("#")  # "#বাণিজ্য": a hashtag names the tag
            if part and part not in out:
                out.append(part)
    return out


# --- title -------------------------------------------------------------------------------


def _title_candidates(page: _Page) -> Candidates:
    """Title sources, most declared first."""
    yield JSONLD, _text(page.ld.get(page.article, "headline") or page.ld.get(page.article, "name"))
    yield (
        META,
        page.doc.meta_first(
            "og:title", "twitter:title", "dc.title", "parsely-title", "sailthru.title"
        ),
    )
    yield JSONLD, _text(page.ld.get(page.webpage, "name"))
    yield MICRODATA, _head(page.microdata.get("headline"))
    yield MICROFORMAT, page.microformats.title
    yield GENERIC, page.h1_text
    yield GENERIC, page.doc.meta_first(TITLE_KEY)


def _clean_title(page: _Page, raw: Any) -> str | None:
    title = strip_site_suffix(str(raw), page.site_names, host=page.host)
    if not title or any(title.casefold() == n.casefold() for n in page.site_names):
        return None  # a page "titled" with the site's own name has no title of its own
    return title


def _title(page: _Page) -> tuple[str, str] | None:
    """The most declared title, replaced by the h1 or og:title when that is the same title
    untruncated, or the same without a suffix the declared one still carries.

    Different texts are not voted on: sites legitimately give JSON-LD, og:title and h1
    different wordings, and the declared headline is the publisher's own choice.
    """
    found = _first(_title_candidates(page), lambda raw: _clean_title(page, raw))
    if found is None:
        return None
    title, layer = found
    h1 = _clean_title(page, page.h1_text) if page.h1_text else None
    og_raw = page.doc.meta_first("og:title")
    og = _clean_title(page, og_raw) if og_raw else None
    for alt, alt_layer in ((h1, GENERIC), (og, META)):
        if alt and alt != title and (_is_fuller(alt, title) or _is_suffixed(title, alt)):
            title, layer = alt, alt_layer
    if h1 is None and page.title_heading is not None:
        printed = normalize_line(page.title_heading.text_content())
        if printed and _is_prefixed(title, printed):
            title, layer = printed, GENERIC
    return title, layer


_TITLE_SEPARATORS = frozenset("|-–—:»·：｜ㅣ")


def _is_fuller(longer: str, shorter: str) -> bool:
    """Whether `shorter` is `longer` cut off (a 110-character headline, or one ending in …)."""
    stem = shorter.rstrip(".… ")
    return len(longer) > len(stem) and longer.startswith(stem) and not _is_suffixed(longer, shorter)


def _is_suffixed(longer: str, shorter: str) -> bool:
    """Whether `longer` is `shorter` plus a separator and more (a site or section name), except
    a Bengali title followed by its English half."""
    if not longer.startswith(shorter) or len(longer) == len(shorter):
        return False
    rest = longer[len(shorter) :]
    if rest.lstrip()[:1] not in _TITLE_SEPARATORS:
        return False
    bn, en = split_bilingual_title(longer)
    return not (rest.lstrip().startswith("|") and bn and en)


def _is_prefixed(longer: str, shorter: str) -> bool:
    """Whether `longer` is a site name, a separator and `shorter` ("আজকের বিশ্ব :: শিরোনাম",
    "Ajker Bishshow » Title")."""
    if not longer.endswith(shorter) or len(longer) == len(shorter):
        return False
    return longer[: -len(shorter)].rstrip()[-1:] in _TITLE_SEPARATORS


# --- other fields -------------------------------------------------------------------------


def _summary_candidates(page: _Page) -> Candidates:
    """Summary sources: descriptions, then a theme's subtitle."""
    yield JSONLD, _text(page.ld_values("description"))
    yield (
        META,
        page.doc.meta_first(
            "og:description",
            "description",
            "twitter:description",
            "dc.description",
            "sailthru.description",
        ),
    )
    yield MICRODATA, _head(page.microdata.get("description"))
    yield THEME, _head(page.texts(Selectors.SUMMARY))


def _ld_authors(page: _Page) -> list[str]:
    """Names of the JSON-LD article's (or WebPage's) authors, else creators."""
    ld_authors = page.ld_values("author") or page.ld_values("creator")
    return [n for n in (_ld_name(a) for a in ld_authors) if n]


_AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
)


def _meta_authors(page: _Page) -> list[str]:
    """Author meta values, in `_AUTHOR_META` order."""
    return [v for n in _AUTHOR_META for v in page.doc.meta.get(n, [])]


def _microdata_authors(page: _Page) -> list[str]:
    """`itemprop=author` / `creator` values."""
    return page.microdata.get("author", []) + page.microdata.get("creator", [])


# Profile pages that CMSs give their writers: `/author/jane`, `/reporter/jane/`, `/writers/x`.
_AUTHOR_HREF = re.compile(r"/(?:author|reporter|journalist|writer|columnist)s?/", re.IGNORECASE)

# Author sources, most declared first, each read only when `_authors` needs it; raw values go
# through `clean_authors`.
_AUTHOR_LAYERS: tuple[tuple[str, Callable[[_Page], list[str] | None]], ...] = (
    (JSONLD, _ld_authors),
    (META, _meta_authors),
    (META, lambda page: _yoast_written_by(page.doc.meta)),
    (MICRODATA, _microdata_authors),
    (MICROFORMAT, lambda page: page.microformats.authors),
    (THEME, lambda page: _byline(page)),
    (GENERIC, lambda page: _near_title(page, _AUTHOR_HREF)),
    (GENERIC, lambda page: _labelled_byline(page)),
    (GENERIC, lambda page: _name_before_dateline(page)),
)


def _authors(page: _Page) -> tuple[list[str], str] | None:
    """The first layer naming people; a layer naming only the site itself (an Organization
    author, a WordPress user called after the paper) is kept only if no layer names anyone."""
    fallback: tuple[list[str], str] | None = None
    chosen: tuple[list[str], str] | None = None
    for layer, read in _AUTHOR_LAYERS:
        if chosen is not None and layer != THEME:
            # Once a layer names people only the byline can replace them (below), and the
            # fallback is moot: the microdata, microformat and link layers are not read at all.
            continue
        raw = read(page)
        names = clean_authors(raw) if raw else []
        people = [n for n in names if not _is_site_credit(page, n)]
        if chosen is None and people:
            chosen = people, layer
        elif chosen is not None and layer == THEME and _names_contain(people, chosen[0]):
            # Yoast declares only the first author; the theme's byline, which names the declared
            # one and more, is the fuller truth. Only the byline: looser layers (any link to an
            # author page) also catch other articles' bylines.
            chosen = people, layer
        if names and fallback is None:
            fallback = names, layer
    return chosen or fallback


def _is_site_credit(page: _Page, name: str) -> bool:
    """Whether `name` credits the publisher (its name, its domain, the domain's initials)."""
    sites = [*page.site_names, page.host_label]
    return matches_site_name(name, sites) or _is_host_acronym(name, page.host_label)


def _is_host_acronym(name: str, host_label: str) -> bool:
    """Whether `name` spells out the domain's initials ("Deutsche Welle" on dw.com, "Agence
    France Presse" on afp.com): the publisher credited as author, not a person."""
    words = name.split()
    return (
        len(words) >= 2
        and len(words) == len(host_label)
        and "".join(w[0] for w in words).casefold() == host_label.casefold()
    )


def _byline(page: _Page) -> list[str] | None:
    """The theme's byline: the first author match and its siblings (tagDiv links each author
    separately; later matches elsewhere are other articles' bylines)."""
    found = [el for el in page.index.select(Selectors.AUTHOR) if not _is_share_link(el)]
    if not found:
        return None
    parent = found[0].getparent()
    texts = (normalize_line(el.text_content()) for el in found if el.getparent() is parent)
    return [t for t in texts if t] or None


def _is_share_link(el: HtmlElement) -> bool:
    """A share button or an in-page control, which a byline block may also hold."""
    href = el.get("href") if el.tag == "a" else None
    return href is not None and (href[:1] in ("#", "") or bool(_SHARE_HREF.search(href)))


def _names_contain(names: list[str], subset: list[str]) -> bool:
    """True when `names` holds every name of `subset` and more (case-insensitive)."""
    folded = {n.casefold() for n in names}
    return len(folded) > len(subset) and all(n.casefold() in folded for n in subset)


def _yoast_written_by(meta: dict[str, list[str]]) -> list[str]:
    """Yoast's `twitter:labelN = Written by` / `twitter:dataN = <name>` pair."""
    for n in range(1, 5):
        label = (meta.get(f"twitter:label{n}") or [""])[0].casefold()
        if label in ("written by", "author", "লিখেছেন", "লেখক"):
            return meta.get(f"twitter:data{n}", [])
    return []


def _near_title(page: _Page, href_part: str | re.Pattern[str]) -> list[str]:
    """Texts of the links whose href contains `href_part` (a string, or a pattern searched)
    inside the article that holds the title, else inside the title's own header block."""
    heading = page.title_heading
    if heading is None:
        return []
    scope: HtmlElement = heading
    for ancestor in heading.iterancestors():
        scope = ancestor
        if ancestor.tag in ("article", "main") or ancestor.get("itemscope") is not None:
            break
        if ancestor.tag == "body":
            # No article element: the block around the h1 is where bylines and category links
            # sit (`<div class="head"><h1/><a href="/reporter/x">`); wider would reach the
            # page's menus and other stories' links.
            parent = heading.getparent()
            if parent is None or parent.tag == "body":
                return []
            scope = parent
            break
    # The hrefs come from XPath in C and are tested in Python: a `contains()` predicate costs
    # libxml2 about a microsecond a node.
    # Attribute results are "smart strings" that know their element.
    hrefs: list[Any] = _LINK_HREFS(scope)
    if isinstance(href_part, str):
        matched = [href for href in hrefs if href_part in href]
    else:
        matched = [href for href in hrefs if href_part.search(href)]
    texts: list[str] = []
    seen: set[str] = set()
    for href in matched:
        # One text per target: a name and its "Follow" button both link to the profile (an
        # avatar linking there first, with no text, does not count).
        if str(href) not in seen and (text := normalize_line(href.getparent().text_content())):
            seen.add(str(href))
            texts.append(text)
    return texts


def _name_before_dateline(page: _Page) -> list[str]:
    """A short name printed right under the title and right before its publication label
    ("ক্রীড়া প্রতিবেদক / প্রকাশ: রবিবার, ..."): old portals' unlabelled byline."""
    found = _NAME_THEN_DATELINE.match(page.text_after_title or "")
    return [found["name"]] if found else []


def _labelled_byline(page: _Page) -> list[str]:
    """Names from a short line that is a labelled byline ("Auteur : Jane Doe"): a div in the
    title's block, else the first such paragraph anywhere. Read only when no declared layer
    names a person: the walk is the cost."""
    block = page.title_heading
    for _ in range(_NEAR_TITLE_LEVELS - 1):
        parent = block.getparent() if block is not None else None
        if parent is None or parent.tag in ("body", "html"):
            break
        block = parent
    lines = block.iter("div") if block is not None else ()
    for line in (*lines, *page.doc.tree.iter("p")):
        names = labelled_byline(line)
        if names:
            return [names]
    return []


def _category(page: _Page, title: str | None) -> tuple[str, str] | None:
    """The most declared category, unless it is a URL slug ("news": Hugo's `article:section`
    is the content folder) and a later layer names the section as printed."""
    candidates = _category_candidates(page, title)
    found = _first(candidates, _text)
    if found is not None and _SLUG.fullmatch(found[0]):
        printed = _first(
            candidates, lambda raw: None if _SLUG.fullmatch(v := _text(raw) or "") else v
        )
        return printed or found
    return found


def _category_candidates(page: _Page, title: str | None) -> Candidates:
    """Category sources: section, breadcrumbs, category links."""
    yield JSONLD, _first_section(_text(page.ld_values("articleSection")))
    yield (
        META,
        page.doc.meta_first(
            "article:section", "parsely-section", "section", "category", "dc.subject"
        ),
    )
    yield JSONLD, _ld_breadcrumb(page, title)
    yield MICRODATA, _head(page.microdata.get("articlesection"))
    yield MICRODATA, _last_crumb(_microdata_crumbs(page), title)
    yield THEME, _last_crumb(page.texts(Selectors.CRUMBS), title)
    yield GENERIC, _last_crumb(_aria_crumbs(page), title)
    yield GENERIC, _last_crumb(_printed_crumbs(page), title)
    yield THEME, _head(page.texts(Selectors.CATEGORY))
    yield MICROFORMAT, _head(page.microformats.categories)
    yield GENERIC, _head(_near_title(page, _CATEGORY_HREF))
    yield GENERIC, _kicker(page)


def _before_title(page: _Page) -> Iterator[HtmlElement]:
    """The blocks printed before the title, nearest first: its preceding siblings, then its
    header block's, up to the article."""
    el = page.title_heading
    for _ in range(_NEAR_TITLE_LEVELS):
        if el is None or el.tag in ("body", "article", "main"):
            return
        yield from el.itersiblings(preceding=True)
        el = el.getparent()


def _kicker(page: _Page) -> str | None:
    """The section link printed just above the headline (Ghost's primary tag, the kicker of
    many news themes): the nearest link before the title, if it leads to a section or tag."""
    for block in _before_title(page):
        links = [a for a in block.iter("a") if a.get("href")]
        if not links:
            continue
        text = normalize_line(links[-1].text_content())
        if (
            text
            and len(text) <= _MAX_KICKER_CHARS
            and _SECTION_HREF.search(links[-1].get("href", ""))
        ):
            return text
        return None
    return None


def _ld_breadcrumb(page: _Page, title: str | None) -> str | None:
    for crumbs in page.ld.find(frozenset({"BreadcrumbList"})):
        items = [page.ld.resolve(i) for i in page.ld.get(crumbs, "itemListElement")]
        items = sorted(
            (i for i in items if isinstance(i, dict)),
            key=lambda i: str(i.get("position", 0)).zfill(4),
        )
        if len(items) > 1 and not items[-1].get("item"):
            items.pop()  # Yoast's last crumb, with no link: the page itself, not its section
        names = [_ld_name(i) or _ld_name(page.ld.resolve(i.get("item"))) for i in items]
        crumb = _last_crumb([n for n in names if n], title)
        if crumb:
            return crumb
    return None


def _aria_crumbs(page: _Page) -> list[str]:
    """The links of the nav (or list) labelled a breadcrumb for screen readers (`<nav
    aria-label="breadcrumb">`), whatever its classes are called (CSS modules hash them)."""
    for el in page.doc.tree.iter("nav", "ol"):
        if "breadcrumb" in el.get("aria-label", "").lower():
            return [text for a in el.iter("a") if (text := normalize_line(a.text_content()))]
    return []


def _microdata_crumbs(page: _Page) -> list[str]:
    """The names of a microdata `BreadcrumbList`'s items (Blogger templates print one)."""
    crumbs = []
    for el in page.index.itemprops:  # already collected by the microdata layer
        if "itemListElement" not in el.get("itemprop", "").split():
            continue
        item_list = el.getparent()
        if item_list is None or not item_list.get("itemtype", "").endswith("BreadcrumbList"):
            continue
        name = next((n for n in el.iter() if n.get("itemprop") == "name"), None)
        if name is not None and (text := normalize_line(name.text_content())):
            crumbs.append(text)
    return crumbs


def _printed_crumbs(page: _Page) -> list[str]:
    """Breadcrumbs printed above the title with no markup saying so ("প্রচ্ছদ » আন্তর্জাতিক"):
    the nearest block before it whose links start with the home page's."""
    for block in _before_title(page):
        first = next(block.iter("a"), None)
        if first is None or normalize_line(first.text_content()).casefold() not in _HOME_CRUMBS:
            continue
        texts = [normalize_line(a.text_content()) for a in block.iter("a")]
        if 2 <= len(texts) <= _MAX_CRUMBS:
            return texts
    return []


def _last_crumb(crumbs: list[str], title: str | None) -> str | None:
    """The deepest breadcrumb that is neither home nor the article's own title."""
    key = _crumb_key(title or "")
    kept = [
        c
        for c in crumbs
        if c.casefold() not in _HOME_CRUMBS
        and _crumb_key(c) != key
        and not (key and key.startswith(_crumb_key(c)) and len(c) > 30)
    ]
    return kept[-1] if kept else None


def _crumb_key(text: str) -> str:
    """A crumb or title compared without case or the separators a raw title ends with."""
    return text.casefold().strip(_CRUMB_EDGES)


_CRUMB_EDGES = " |-–—:·»›"


def _first_section(section: str | None) -> str | None:
    """The primary category of an `articleSection` that SEO plugins (Rank Math) write as all
    the post's categories joined with commas."""
    if section is None or "," not in section:
        return section
    return next((part.strip() for part in section.split(",") if part.strip()), None)


def _tag_candidates(page: _Page) -> Candidates:
    """Tag sources. `article:tag` (the CMS's own tags, one per meta) before JSON-LD `keywords`,
    which SEO plugins fill with a focus keyphrase; the `keywords` meta last, often boilerplate."""
    meta = page.doc.meta
    yield META, meta.get("article:tag", [])
    yield JSONLD, _split_keywords(page.ld_values("keywords"))
    yield (
        META,
        _split_keywords(
            meta.get("news_keywords", [])
            + meta.get("parsely-tags", [])
            + meta.get("sailthru.tags", [])
        ),
    )
    yield MICRODATA, _split_keywords(page.microdata.get("keywords", []))
    yield MICROFORMAT, page.microformats.tags
    yield THEME, page.texts(Selectors.TAGS)
    yield GENERIC, _near_title(page, _TAG_HREF)
    yield META, _split_keywords(meta.get("keywords", []))


_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "datepublished",
    "date_published",
    "article.published",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
)


def _published_candidates(page: _Page) -> Candidates:
    """Publication date sources; visible text only after every attribute."""
    yield JSONLD, page.ld_values("datePublished") or page.ld_values("dateCreated")
    yield META, page.doc.meta_first(*_PUBLISHED_META)
    yield MICRODATA, page.microdata.get("datepublished")
    yield MICROFORMAT, page.microformats.published
    dated = [el for el in page.index.select(Selectors.DATE) if not _in_teaser(el)]
    yield THEME, [element_value(el) for el in dated]
    printed = [el for el in page.index.select(Selectors.DATE_TEXT) if not _in_teaser(el)]
    yield THEME, [("text", text) for el in printed if (text := normalize_line(el.text_content()))]
    yield GENERIC, [el.get("datetime") for el in _page_times(page)[:1]]
    yield GENERIC, [("text", page.text_after_title)]
    yield GENERIC, [("text", _text_before_title(page))]


def _in_teaser(el: HtmlElement) -> bool:
    """Whether a date element belongs to a list item that links to a story with a headline of
    its own (a sidebar's latest-news list, where themes reuse their `.post-date` class)."""
    item = next((a for a in itertools.islice(el.iterancestors(), 3) if a.tag == "li"), None)
    if item is None:
        return False
    return any(
        len(a.text_content().split()) >= _TEASER_WORDS and el not in a.iterancestors()
        for a in item.iter("a")
    )


def _modified_candidates(page: _Page) -> Candidates:
    """Modification date sources (structured only: visible text is too ambiguous)."""
    yield JSONLD, page.ld_values("dateModified")
    yield META, page.doc.meta_first(*_MODIFIED_META)
    yield MICRODATA, page.microdata.get("datemodified")
    yield MICROFORMAT, page.microformats.updated


def _page_times(page: _Page) -> list[HtmlElement]:
    """`<time>` elements that may date the page: not those of another `<article>` than the one
    holding the title (a teaser's, a live blog update's)."""
    heading = page.title_heading
    found = []
    for el in page.tags.get("time", []):
        article = next(el.iterancestors("article"), None)
        if article is None or (heading is not None and article in heading.iterancestors()):
            found.append(el)
    return found


def _text_after_title(page: _Page) -> str | None:
    """Visible text that follows the title in its container, a space between its lines (a
    label and a date in sibling divs must not glue: "PublishedDec 6"): where bylines print
    the date."""
    heading = page.title_heading
    if heading is None:
        return None
    lines: list[str] = []
    size = 0
    el = heading
    for ancestor in heading.iterancestors():
        for line in _lines_after(el):
            lines.append(line)
            size += len(line) + 1
            if size > _TEXT_NEAR_TITLE:
                break
        if size > 20 or ancestor.tag in ("article", "body"):
            return " ".join(lines)[:_TEXT_NEAR_TITLE]
        el = ancestor
    return None


def date_after_body(
    md: Metadata, node: HtmlElement, *, fetched_at: datetime | None, default_tz: str
) -> None:
    """Date a page no layer dated from the line printed right under its body (a blog theme's
    "posted by X · Sunday, December 14th, 2025 · 3:25pm"): the first two lines after it, where
    a related block would still be at its label and first title."""
    lines = list(itertools.islice(_lines_after(node), _LINES_AFTER_BODY))
    found = find_date(" ".join(lines), fetched_at=fetched_at, default_tz=default_tz)
    if found is None:
        return
    _put_date(md, "published", *found, GENERIC, default_tz)
    md.article_signals.append(f"date:{GENERIC}")


def _put_date(
    md: Metadata, name: str, raw: str, when: datetime, layer: str, default_tz: str
) -> None:
    """Set `{name}_at` and `{name}_raw` (name: published or modified), both from `layer`."""
    # One zone for every page (the raw string keeps the offset as printed), so the ISO
    # strings sort as the instants they name, in SQL, exports and pandas alike.
    setattr(md, f"{name}_at", to_iso(when.astimezone(ZoneInfo(default_tz))))
    # As the archive stores it (NormalizePipeline): NFC, no lone surrogates.
    setattr(md, f"{name}_raw", normalize_line(raw))
    md.sources[f"{name}_at"] = md.sources[f"{name}_raw"] = layer


def _lines_after(el: HtmlElement) -> Iterator[str]:
    """The lines after `el` in its parent: its tail, then its following siblings'."""
    tail = " ".join((el.tail or "").split())
    if tail:
        yield tail
    for sibling in el.itersiblings():
        yield from text_lines(sibling, _TEXT_NEAR_TITLE)
        tail = " ".join((sibling.tail or "").split())
        if tail:
            yield tail


def _text_before_title(page: _Page) -> str | None:
    """The line just before the title in its container (K2 and some news CMSs print the
    date above the headline)."""
    heading = page.title_heading
    if heading is None:
        return None
    title = normalize_line(heading.text_content())
    for level, ancestor in enumerate(heading.iterancestors()):
        if level == _NEAR_TITLE_LEVELS or ancestor.tag in ("article", "main", "body"):
            break  # higher up, text before the title is the page's header
        text = normalize_line(ancestor.text_content())
        at = text.find(title) if title else -1
        if at > 0:
            return text[max(0, at - _TEXT_BEFORE_TITLE) : at]
    return None


def _date(page: _Page, candidates: Candidates) -> tuple[tuple[str, datetime], str] | None:
    """First parseable (raw, datetime); ("text", ...) values are searched with find_date.

    A date without a time of day gives way to a later layer's timestamp on the same day.
    """
    found: tuple[tuple[str, datetime], str] | None = None
    for layer, raw in candidates:
        for value in raw if isinstance(raw, list) else [raw]:
            parsed = _parse_candidate(page, value)
            if parsed is None:
                continue
            if found is None:
                found = parsed, layer
                if _has_time(parsed[0]):
                    return found
            elif _has_time(parsed[0]) and parsed[1].date() == found[0][1].date():
                return parsed, layer
            break
    return found


def _has_time(raw: str) -> bool:
    return ":" in raw or "T" in raw


_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)


def _as_printed(page: _Page, raw: str, when: datetime) -> datetime:
    """A structured time written without its zone (some themes print WordPress's UTC time as
    "2025-12-06 04:46:00") is read in the page's zone, unless the page prints the time it
    makes in UTC: then UTC it was."""
    if not isinstance(raw, str) or not _has_time(raw) or _OFFSET.search(raw.strip()):
        return when
    printed = page.find_date(page.text_after_title or "")
    as_utc = when.replace(tzinfo=UTC)
    if printed is not None and _has_time(printed[0]) and printed[1] == as_utc and when != as_utc:
        return as_utc
    return when


def _parse_candidate(page: _Page, value: Any) -> tuple[str, datetime] | None:
    """(raw, datetime) from an attribute value, or from ("text", visible text) via find_date."""
    if isinstance(value, tuple):
        return page.find_date(value[1]) if value[1] else None
    if not isinstance(value, str | int | float) or not str(value).strip():
        return None
    parsed = page.date(value)
    if parsed is not None:
        return str(value).strip(), _as_printed(page, str(value), parsed)
    return page.find_date(str(value))  # "Updated: 12 March 2021" in an attribute


def _canonical_candidates(page: _Page) -> Candidates:
    """Canonical URL sources; `rel=canonical` is what crawlers deduplicate on."""
    yield META, page.doc.meta_first(CANONICAL_KEY, "og:url", "twitter:url", "parsely-link")
    yield JSONLD, _ld_url(page.ld_values("mainEntityOfPage")) or _ld_url(page.ld_values("url"))
    yield "url", page.doc.url


def _image_candidates(page: _Page) -> Candidates:
    """Lead image sources."""
    yield (
        JSONLD,
        _ld_url(page.ld.get(page.article, "image"))
        or _ld_url(page.ld.get(page.webpage, "primaryImageOfPage")),
    )
    yield (
        META,
        page.doc.meta_first("og:image", "og:image:url", "twitter:image", "twitter:image:src"),
    )
    yield MICRODATA, _head(page.microdata.get("image"))


def _site_name_candidates(page: _Page) -> Candidates:
    """Site name sources."""
    yield JSONLD, _text([_ld_name(n) for n in page.ld.find(frozenset({"WebSite"}))])
    yield JSONLD, _text([_ld_name(p) for p in page.ld_values("publisher")])
    yield (
        META,
        page.doc.meta_first("og:site_name", "application-name", "apple-mobile-web-app-title"),
    )


def _declared_language(page: _Page) -> tuple[str, str] | None:
    candidates: Candidates = iter(
        [
            (GENERIC, page.doc.meta_first(LANG_KEY)),
            (META, page.doc.meta_first("og:locale", "content-language", "dc.language", "language")),
            (JSONLD, _text(page.ld_values("inLanguage"))),
        ]
    )
    return _first(
        candidates, lambda raw: str(raw).replace("_", "-").split("-")[0].strip().lower() or None
    )


def _language(page: _Page, title: str | None, summary: str | None) -> tuple[str, str] | None:
    """Declared language, unless the title and summary are written in the other script
    (WordPress sites often keep the installer's `en-US` on Bengali pages)."""
    declared = _declared_language(page)
    detected = detect_language(f"{title or ''} {summary or ''}")
    if declared is None:
        return (detected, "content") if detected else None
    if detected and declared[0] != detected and (detected == "bn" or declared[0] == "bn"):
        return detected, "content"
    return declared


def _signals(page: _Page, published_layer: str | None) -> list[str]:
    """Why the page looks like one article (or, prefixed `listing:`, like a list of them).

    Declared signals are cheap; the markup is only scanned for a page they leave undecided.
    """
    signals = _declared_signals(page, published_layer)
    if not set(signals) & STRONG_SIGNALS:
        signals += _markup_signals(page)
    return signals


def _declared_signals(page: _Page, published_layer: str | None) -> list[str]:
    """Signals from JSON-LD, meta, the body's WordPress classes and the date's layer."""
    signals: list[str] = []
    if page.article is not None:
        signals.append("jsonld:article")
    if page.doc.meta.get("article:published_time"):
        signals.append("meta:published_time")
    if (page.doc.meta_first("og:type") or "").lower() == "article":
        signals.append("meta:og_type_article")
    body = page.doc.tree.find("body")
    body_classes = set((body.get("class") or "").split()) if body is not None else set()
    if "single-post" in body_classes or (
        "single" in body_classes and "postid" in " ".join(body_classes)
    ):
        signals.append("wp:single")
    if body_classes & _LISTING_BODY_CLASSES and "single" not in body_classes:
        signals.append("listing:body_class")
    if "page" in body_classes and any(c.startswith("page-id-") for c in body_classes):
        signals.append("wp:static_page")  # an "About us": Jetpack still says og:type article
    if page.webpage is not None and node_types(page.webpage) & LISTING_TYPES:
        signals.append("listing:jsonld_collection")
    if published_layer is not None:
        signals.append(f"date:{published_layer}")
    return signals


def _holds_article_body(page: _Page) -> bool:
    return any("articlebody" in el.get("itemprop", "").lower() for el in page.index.itemprops)


def _markup_signals(page: _Page) -> list[str]:
    """Signals from microdata types, hAtom entries and `<article>` elements."""
    signals: list[str] = []
    items = microdata_article_items(page.index)
    # A sidebar of posts each marked up as an Article says nothing of the page (an article's
    # or a section's): several items make an article only when one of them holds the body.
    if items == 1 or (items > 1 and _holds_article_body(page)):
        signals.append("microdata:article")
    elif items > 1 and _LISTING_ITEMTYPES & {u.rsplit("/", 1)[-1] for u in page.index.itemtypes}:
        signals.append("listing:microdata")  # a Blog (Joomla's blog view) of its posts
    entries = page.microformats.entries
    if entries == 1:
        signals.append("microformat:hentry")
    elif entries > 2:
        signals.append("listing:hentries")
    articles = page.tags.get("article", [])
    if len(articles) == 1 and _DATED(articles[0]):
        signals.append("html:dated_article")
    elif (
        len(articles) > 2
        and page.article is None
        # Entries of a listing link out from their headings; a live blog's updates are
        # `<article>`s too, headed but not linked.
        and sum(1 for a in articles if _LINKED_HEADING(a)) > 2
    ):
        signals.append("listing:articles")
    return signals


def extract_metadata(
    doc: Document,
    *,
    fetched_at: datetime | None = None,
    default_tz: str = "Asia/Dhaka",
    ld: JsonLd | None = None,
) -> Metadata:
    """All metadata fields of a page, each from the most declared layer that has it.

    `ld` is the page's `JsonLd(doc.jsonld)` when the caller has already built it."""
    if not doc.meta and not doc.jsonld:
        load_structured(doc)
        ld = None  # built before the structured data was loaded
    page = _Page(doc, fetched_at, default_tz, ld)
    md = Metadata()

    def put(name: str, found: tuple[Any, str] | None) -> Any:
        if found is None:
            return None
        setattr(md, name, found[0])
        md.sources[name] = found[1]
        return found[0]

    title = put("title", _title(page))
    if title:
        md.title_bn, md.title_en = split_bilingual_title(title)
    put("summary", _first(_summary_candidates(page), _text))
    authors = put("authors", _authors(page))
    md.authors_are_site = not authors or all(_is_site_credit(page, a) for a in authors)
    put("category", _category(page, title))
    put("tags", _first(_tag_candidates(page), lambda v: _split_keywords(v) or None))
    for name, candidates in (
        ("published", _published_candidates),
        ("modified", _modified_candidates),
    ):
        found = _date(page, candidates(page))
        if found is not None:
            (raw, when), layer = found
            _put_date(md, name, raw, when, layer, default_tz)
    canonical = _first(_canonical_candidates(page), _text)
    if canonical is not None and (url := join_url(doc.url, canonical[0])) is not None:
        put("canonical_url", (url, canonical[1]))
    image = _first(_image_candidates(page), _text)
    if image is not None and (url := join_url(doc.url, image[0])) is not None:
        put("image", (url, image[1]))
    declared = [join_url(doc.url, v) for v in doc.meta.get("og:image", [])]
    md.images = list(dict.fromkeys(u for u in [md.image, *declared] if u))
    put("site_name", _first(_site_name_candidates(page), _text))
    put("language", _language(page, title, md.summary))
    md.article_signals = _signals(page, md.sources.get("published_at"))
    return md
