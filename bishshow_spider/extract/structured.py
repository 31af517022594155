"""Read a page's declared structure once: JSON-LD, `<meta>`, microdata and microformats.

`load_structured` fills `Document.jsonld` and `Document.meta` up front (the Fundus way); the
helpers below resolve JSON-LD `@id` references, find the article and web-page nodes, and read
microdata (`itemprop`) and microformats (`hentry`, `.entry-title`, `time.published`, ...).
Nothing here raises on bad input: a broken block yields whatever could be salvaged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from bishshow_spider.extract.document import Document
from bishshow_spider.extract.text import normalize_line

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "ReportageNews",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "AskPublicNewsArticle",
        "SatiricalArticle",
        "ScholarlyArticle",
        "TechArticle",
        "Report",
        "SocialMediaPosting",
        "DiscussionForumPosting",
    }
)
# Generic types rank below the specific ones when a page carries several. `VideoObject` is
# left out on purpose: it is usually an embed inside an article, not the article.
_WEAK_ARTICLE_TYPES = frozenset({"Article", "SocialMediaPosting"})
WEBPAGE_TYPES = frozenset(
    {"WebPage", "ItemPage", "AboutPage", "CollectionPage", "ProfilePage", "SearchResultsPage"}
)
LISTING_TYPES = frozenset({"CollectionPage", "ProfilePage", "SearchResultsPage", "ItemList"})

# Pseudo meta keys for page facts that are not `<meta>` tags but are read the same way.
CANONICAL_KEY = "link:canonical"
LANG_KEY = "html:lang"
TITLE_KEY = "html:title"
ITEMPROP_PREFIX = "itemprop:"

_COMMENTS = re.compile(r"<!--|-->|<!\[CDATA\[|\]\]>|^\s*//.*$", re.MULTILINE)
_COMMENT_MARKS = ("<!--", "-->", "<![CDATA[", "]]>")
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_BETWEEN_OBJECTS = re.compile(r"[\s,;]*")


def load_structured(doc: Document) -> None:
    """Fill `doc.jsonld` (every top-level node, graphs unpacked) and `doc.meta` from the tree."""
    doc.jsonld = []
    for script in doc.tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            doc.jsonld.extend(flatten_jsonld(parse_jsonld(script.text or "")))
    doc.meta = read_meta(doc.tree)


def parse_jsonld(text: str) -> list[Any]:
    """Every JSON value in a script body, tolerating comments, CDATA, trailing commas,
    raw control characters and several objects in a row; never raises."""
    if _has_comments(text):
        text = _COMMENTS.sub("", text)
    text = text.strip().rstrip(";")
    if not text:
        return []
    try:
        return [json.loads(text, strict=False)]
    except ValueError:
        pass
    text = _TRAILING_COMMA.sub(r"\1", text)
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    pos = _BETWEEN_OBJECTS.match(text, 0).end()  # type: ignore[union-attr]
    while pos < len(text):
        try:
            value, pos = decoder.raw_decode(text, pos)
        except ValueError:
            break  # keep what parsed before the damage
        values.append(value)
        pos = _BETWEEN_OBJECTS.match(text, pos).end()  # type: ignore[union-attr]
    return values


def _has_comments(text: str) -> bool:
    """Whether `_COMMENTS` can match: substring and per-line tests that answer the same for
    far less (the regex tries its alternatives at every position: ~150 µs on a 4 kB block, 15x
    these tests). A `^\\s*//` match ends on a line whose first non-space characters are `//`."""
    if any(mark in text for mark in _COMMENT_MARKS):
        return True
    return "//" in text and any(line.lstrip().startswith("//") for line in text.split("\n"))


def flatten_jsonld(values: Iterable[Any]) -> list[dict[str, Any]]:
    """Top-level lists and `@graph`s unpacked into one list of nodes; nested objects stay put."""
    nodes: list[dict[str, Any]] = []
    for value in values:
        if isinstance(value, list):
            nodes.extend(flatten_jsonld(value))
        elif isinstance(value, dict):
            graph = value.get("@graph")
            if isinstance(graph, list | dict):
                nodes.extend(flatten_jsonld(graph if isinstance(graph, list) else [graph]))
                rest = {k: v for k, v in value.items() if k not in ("@graph", "@context")}
                if "@type" in rest:
                    nodes.append(rest)
            else:
                nodes.append(value)
    return nodes


def read_meta(tree: HtmlElement) -> dict[str, list[str]]:
    """Lower-cased `name`/`property`/`http-equiv` (and `itemprop:`-prefixed itemprop) of every
    `<meta>` mapped to its content values, plus canonical link, `<html lang>` and `<title>`."""
    meta: dict[str, list[str]] = {}

    def add(key: str, value: str | None) -> None:
        if value is not None and value.strip():
            meta.setdefault(key.strip().lower(), []).append(value.strip())

    for el in tree.iter("meta", "link", "title"):
        if el.tag == "link":
            if "canonical" in (el.get("rel") or "").lower().split():
                add(CANONICAL_KEY, el.get("href"))
            continue
        if el.tag == "title":
            if TITLE_KEY not in meta:  # an SVG <title> later in the body is not the page's
                add(TITLE_KEY, normalize_line(el.text_content()))
            continue
        content = el.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "http-equiv"):
            # `property` may hold several RDFa terms ("og:title twitter:title").
            for key in (el.get(attr) or "").split():
                add(key, content)
        for key in (el.get("itemprop") or "").split():
            add(ITEMPROP_PREFIX + key, content)
    add(LANG_KEY, tree.get("lang") or tree.get("xml:lang"))
    return meta


def is_article_type(name: str) -> bool:
    """Whether a bare schema.org type name is an article (unseen `*Article` subtypes too)."""
    return name in ARTICLE_TYPES or name.endswith("Article")


def node_types(node: dict[str, Any]) -> set[str]:
    """The node's `@type`s as bare names: a list, a `schema:` prefix or a full URL all work."""
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {v.rstrip("/").rsplit("/", 1)[-1].split(":")[-1] for v in values if isinstance(v, str)}


def walk_nodes(nodes: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Every dict in the JSON-LD, depth first, top-level nodes before their children."""
    stack = list(reversed(list(nodes)))
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            yield value
            stack.extend(reversed([v for v in value.values() if isinstance(v, dict | list)]))
        elif isinstance(value, list):
            stack.extend(reversed(value))


@dataclass
class JsonLd:
    """The page's JSON-LD nodes with an `@id` index, so references resolve to full nodes."""

    nodes: list[dict[str, Any]]
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Every node (nested ones too) in document order with its types: each layer looks nodes up
    # by type, and walking and re-reading `@type` for every lookup cost more than all the rest.
    _typed: list[tuple[dict[str, Any], set[str]]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        listed: set[int] = set()  # nodes inside a listing's node: its entries, not the page
        for node in walk_nodes(self.nodes):
            types = node_types(node)
            if id(node) not in listed:
                self._typed.append((node, types))
            if types & LISTING_TYPES:
                listed.update(id(n) for n in walk_nodes(node.values()))
            node_id = node.get("@id")
            # The fullest node wins: references are `{"@id": ...}` stubs.
            if isinstance(node_id, str) and len(node) > len(self.by_id.get(node_id, {})):
                self.by_id[node_id] = node

    def resolve(self, value: Any) -> Any:
        """A `{"@id": ...}` stub replaced by the node it names; anything else unchanged."""
        if isinstance(value, dict) and isinstance(value.get("@id"), str):
            target = self.by_id.get(value["@id"])
            if target is not None and len(target) > len(value):
                return target
        return value

    def get(self, node: dict[str, Any] | None, key: str) -> list[Any]:
        """The values of `node[key]` as a list, references resolved."""
        if node is None or key not in node:
            return []
        raw = node[key]
        return [self.resolve(v) for v in (raw if isinstance(raw, list) else [raw])]

    def find(self, types: frozenset[str]) -> list[dict[str, Any]]:
        """Nodes (nested ones too) having any of `types`, in document order."""
        return [n for n, n_types in self._typed if n_types & types]

    def articles(self) -> list[dict[str, Any]]:
        """Article nodes: known types, plus any unseen `*Article` subtype of schema.org's."""
        return [n for n, n_types in self._typed if any(is_article_type(t) for t in n_types)]

    def article(self) -> dict[str, Any] | None:
        """The article node: a specific news type before plain `Article`, one with a headline
        before one without."""
        found = self.articles()
        if not found:
            return None

        def rank(node: dict[str, Any]) -> tuple[bool, bool]:
            weak = not (node_types(node) - _WEAK_ARTICLE_TYPES)
            return (weak, "headline" not in node)

        return min(found, key=rank)

    def webpage(self) -> dict[str, Any] | None:
        """The WebPage-like node (Yoast puts dates and author here when it has no Article)."""
        found = self.find(WEBPAGE_TYPES)
        return found[0] if found else None


@dataclass(frozen=True)
class Selector:
    """A tiny CSS subset the index can answer: `tag.class.other descendant`, where
    `descendant` is a tag or a `.class`."""

    cls: str
    tag: str | None = None
    also: tuple[str, ...] = ()
    descendant: str | None = None

    @classmethod
    def parse(cls, css: str) -> tuple[Selector, ...]:
        """Comma-separated simple selectors, e.g. `"header.td-post-title h1, .byline a"`."""
        selectors = []
        for part in css.split(","):
            head, _, descendant = part.strip().partition(" ")
            tag, *classes = head.split(".")
            selectors.append(cls(classes[0], tag or None, tuple(classes[1:]), descendant or None))
        return tuple(selectors)


class PageIndex:
    """Elements the HTML layers read, each kind collected by one pass over the tree on first use
    (a pass costs about half a parse on big pages, so every layer shares it instead of running
    its own XPath; most pages only ever need the class pass, for the theme byline)."""

    def __init__(self, tree: HtmlElement, classes: Iterable[str]) -> None:
        self.tree = tree
        self.wanted = frozenset(classes)

    @cached_property
    def by_class(self) -> dict[str, list[HtmlElement]]:
        """Elements having each wanted class token, in document order."""
        by_class: dict[str, list[HtmlElement]] = {}
        wanted = self.wanted
        for value in _CLASS_VALUES(self.tree):
            tokens = value.split()
            # CSS modules: `Byline_byline__Wd9f0` is the theme's `byline` (its hash is mixed
            # case, which BEM's `block__element` is not).
            if "__" in value and not value.islower():
                tokens += [m[1].lower() for t in tokens if (m := _CSS_MODULE.match(t))]
            if wanted.isdisjoint(tokens):  # the common case, decided without a Python loop
                continue
            el = value.getparent()
            for token in tokens:
                if token in wanted:
                    by_class.setdefault(token, []).append(el)
        return by_class

    @cached_property
    def itemprops(self) -> list[HtmlElement]:
        """Elements with an `itemprop`."""
        found: list[HtmlElement] = _ITEMPROP_ELEMENTS(self.tree)
        return found

    @cached_property
    def itemtypes(self) -> list[str]:
        """Every `itemtype` URL."""
        return [url for value in _ITEMTYPE_VALUES(self.tree) for url in value.split()]

    @cached_property
    def rel_links(self) -> list[HtmlElement]:
        """`<a>` and `<link>` elements with a non-empty `rel`."""
        found: list[HtmlElement] = _REL_LINKS(self.tree)
        return found

    def classed(self, name: str) -> list[HtmlElement]:
        """Elements having the class token `name`, in document order."""
        return self.by_class.get(name, [])

    def select(self, selectors: Iterable[Selector]) -> list[HtmlElement]:
        """Matches of each selector in turn (selector order, then document order)."""
        found: list[HtmlElement] = []
        for sel in selectors:
            for el in self.classed(sel.cls):
                if sel.tag and el.tag != sel.tag:
                    continue
                if sel.also and not set(sel.also) <= set((el.get("class") or "").split()):
                    continue
                if sel.descendant is None:
                    found.append(el)
                elif sel.descendant.startswith("."):
                    found.extend(
                        d for d in el.iter(etree.Element) if has_class(d, sel.descendant[1:])
                    )
                else:
                    found.extend(el.iter(sel.descendant))
        return found


def selector_classes(*groups: Iterable[Selector]) -> set[str]:
    """Every class token the selectors need indexed."""
    return {s.cls for group in groups for s in group}


# The attributes the index reads, found by XPath in C: reading them element by element from
# Python (`el.get`, ~0.5 µs a call) cost several times more than these queries together.
_CLASS_VALUES = etree.XPath("descendant-or-self::*/@class")
# A CSS-modules class (Next.js `Component_local__hash`, `block-m__local__hash`): its local name.
_CSS_MODULE = re.compile(r"^[A-Za-z0-9-]+?(?:_|-m__)([A-Za-z][A-Za-z0-9-]*)__[A-Za-z0-9_-]{4,}$")
_ITEMPROP_ELEMENTS = etree.XPath("descendant-or-self::*/@itemprop/..")
_ITEMTYPE_VALUES = etree.XPath("descendant-or-self::*/@itemtype", smart_strings=False)
_REL_LINKS = etree.XPath("descendant-or-self::a[@rel != ''] | descendant-or-self::link[@rel != '']")


def index_page(tree: HtmlElement, classes: Iterable[str]) -> PageIndex:
    """Elements by the wanted class tokens, `itemprop`, `itemtype` and `rel` links (`tree`
    included), each in document order and each collected when first read."""
    return PageIndex(tree, classes)


def has_class(el: HtmlElement, name: str) -> bool:
    """Whether `name` is one of the element's class tokens."""
    return name in (el.get("class") or "").split()


def element_value(el: HtmlElement) -> str | None:
    """The value a microdata/microformat element carries: `content`, `datetime`, `title` of an
    `abbr`, else its text."""
    for attr in ("content", "datetime"):
        value = el.get(attr)
        if value and value.strip():
            return str(value).strip()
    if el.tag == "abbr" and (el.get("title") or "").strip():
        return str(el.get("title")).strip()
    text: str = normalize_line(el.text_content())
    return text or None


# Microdata properties the metadata layers use; reading only these keeps the pass cheap.
MICRODATA_PROPS = frozenset(
    {
        "headline",
        "name",
        "datepublished",
        "datemodified",
        "author",
        "creator",
        "articlesection",
        "keywords",
        "description",
        "image",
        "inlanguage",
    }
)


_ITEMPROP_NAMES = etree.XPath(".//*[@itemprop='name']")


def read_microdata(itemprops: Iterable[HtmlElement]) -> dict[str, list[str]]:
    """Lower-cased `itemprop` → values for the article-level properties, in document order.

    `author` items that are themselves `itemscope` Person nodes yield their `name`; `name` is
    only kept inside an article item, since every Organization and Person also has one.
    """
    found: dict[str, list[str]] = {}
    for el in itemprops:
        for prop in el.get("itemprop", "").lower().split():
            if prop not in MICRODATA_PROPS:
                continue
            if prop == "name" and not _in_article_item(el):
                continue
            if prop in ("author", "creator") and el.get("itemscope") is not None:
                names = _ITEMPROP_NAMES(el)
                value = element_value(names[0]) if names else element_value(el)
            elif prop == "image":
                value = el.get("src") or el.get("content") or el.get("href")
            elif prop == "keywords" and len(links := el.findall(".//a")) > 1:
                # Tag links side by side, no separator between them: one keyword per link.
                found.setdefault(prop, []).extend(filter(None, map(element_value, links)))
                continue
            else:
                value = element_value(el)
            if value:
                found.setdefault(prop, []).append(value)
    return found


def _in_article_item(el: HtmlElement) -> bool:
    """Whether the nearest enclosing item scope is an article type."""
    for parent in el.iterancestors():
        if parent.get("itemscope") is not None:
            return is_article_type((parent.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1])
    return False


def microdata_article_items(index: PageIndex) -> int:
    """How many items on the page declare an article type with `itemtype`."""
    names = (url.rstrip("/").rsplit("/", 1)[-1] for url in index.itemtypes)
    return sum(1 for name in names if is_article_type(name))


@dataclass
class Microformats:
    """What hAtom/hCard-style markup (and WordPress's `rel` links) says about the entry."""

    entries: int = 0
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


MICROFORMAT_CLASSES = ("hentry", "entry-title", "published", "entry-date", "updated", "fn")


def read_microformats(index: PageIndex) -> Microformats:
    """hAtom entry facts: the first entry's title, dates and authors, and `rel` tags/categories."""
    mf = Microformats(entries=len(index.classed("hentry")))
    titles = index.classed("entry-title")
    # Listings and related-post blocks repeat `.entry-title`; an h1 is the entry's own.
    title_el = next((el for el in titles if el.tag == "h1"), titles[0] if titles else None)
    if title_el is not None:
        mf.title = normalize_line(title_el.text_content()) or None
    published = index.classed("published") + [
        el for el in index.classed("entry-date") if el.tag == "time"
    ]
    mf.published = next(filter(None, map(element_value, published)), None)
    updated = [el for el in index.classed("updated") if el.tag in ("time", "abbr")]
    mf.updated = next(filter(None, map(element_value, updated)), None)
    for el in index.classed("fn"):
        if _inside_author_vcard(el):
            _append(mf.authors, normalize_line(el.text_content()))
    for el in index.rel_links:
        rel = (el.get("rel") or "").lower().split()
        if el.tag != "a":
            continue
        if "author" in rel:
            _append(mf.authors, normalize_line(el.text_content()))
        if "tag" in rel:
            target = mf.categories if "category" in rel else mf.tags
            # A label drawn by CSS leaves the link empty and names it for screen readers.
            text = normalize_line(el.text_content()) or el.get("aria-label") or el.get("title")
            _append(target, normalize_line(text or ""))
    return mf


def _inside_author_vcard(el: HtmlElement) -> bool:
    """Whether `.fn` sits in (or is) a `.vcard` that is also an author."""
    node: HtmlElement | None = el
    for _ in range(4):
        if node is None:
            return False
        classes = (node.get("class") or "").split()
        if "vcard" in classes:
            return "author" in classes or _has_author_ancestor(node)
        node = node.getparent()
    return False


def _has_author_ancestor(el: HtmlElement) -> bool:
    """Whether one of the few nearest ancestors has an author class."""
    node = el.getparent()
    for _ in range(3):
        if node is None:
            return False
        if {"author", "post-author"} & set((node.get("class") or "").split()):
            return True
        node = node.getparent()
    return False


def _append(values: list[str], value: str) -> None:
    if value and value not in values:
        values.append(value)
