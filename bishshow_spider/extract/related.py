"""Related-posts blocks: read them into `RelatedPost` items, and cut them out of the body.

A block is found two ways, so a new theme still works: by its heading text (Related Posts, You may
also like, আরও পড়ুন, সম্পর্কিত খবর, এই বিভাগের আরও খবর, ...) or by a class/id containing
"related" (td_block_related_posts, jp-relatedposts, yarpp-related, jnews_related_post_container).
"""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

from lxml.html import HtmlElement

from bishshow_spider.extract.dates import find_date
from bishshow_spider.extract.model import RelatedPost
from bishshow_spider.extract.nodes import (
    base_href,
    drop,
    link_text_length,
    text_length,
    text_lines,
)
from bishshow_spider.extract.scan import Scan, scan
from bishshow_spider.extract.text import normalize_line
from bishshow_spider.extract.urls import join_url

_LABELS = (
    r"related(?: posts?| articles?| news| stories| content| reads?)?|you (?:may|might) also like"
    r"|more (?:stories|news|articles)|more from \S.{0,60}|recommended(?: for you)?"
    r"|read (?:more|also)|also read"
    r"|(?:এ |এই )?(?:বিষয়ে |বিভাগের |সম্পর্কিত )?(?:আরও|আরো) (?:পড়ুন|খবর|সংবাদ)"
    r"|সম্পর্কিত(?: খবর| সংবাদ| পোস্ট)?|এই বিভাগের (?:আরও|আরো|অন্যান্য) খবর|আরও পড়ুন|আরো পড়ুন"
)
_VIEW_ALL = r"view all|see all|more|সব দেখুন|সবগুলো দেখুন|আরও দেখুন|আরো দেখুন|সব খবর"
# A pager's direction label before the post it links to ("← আগের লেখা", "Next post →").
_PAGER_LABELS = (
    r"(?:আগের|পরের|পূর্ববর্তী|পরবর্তী) (?:লেখা|পোস্ট|খবর|সংবাদ)|previous(?: post| article)?"
    r"|next(?: post| article)?|older(?: post)?|newer(?: post)?"
)
_PAGER = re.compile(rf"^[←→«»‹›<>\s]*(?:{_PAGER_LABELS})[←→«»‹›<>\s:]*$", re.IGNORECASE)
_LABEL_START = re.compile(rf"[←«‹<\s]*(?:{_LABELS}|{_PAGER_LABELS})", re.IGNORECASE)
HEADING_RE = re.compile(rf"^(?:{_LABELS})\s*[:：ঃ\-–—]?\s*(?:{_VIEW_ALL})?\s*$", re.IGNORECASE)
# "আন্তর্জাতিক বিভাগের সব খবর »": a section named before the button's words.
_ALL_OF = r"view all|see all|সব খবর|সব দেখুন|সবগুলো দেখুন"
VIEW_ALL_RE = re.compile(rf"^(?:{_VIEW_ALL}|\S.{{0,40}}\s(?:{_ALL_OF}))\s*[»›→>]*$", re.IGNORECASE)

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# URL path parts of listing pages, not posts.
_LISTING = re.compile(
    r"/(?:category|tag|tags|tagged|author|page|feed|search|topics?|section)(?:/|$)"
    r"|^/@[^/]+/?$"  # a profile (Medium, Substack): /@name
)
# Where a teaser's text was cut: "…", "...", WordPress's "[…]".
_CUT_MARK = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)$")
_MAX_VIEW_ALL_CHARS = 40  # "সবগুলো দেখুন »" with its padding
_MIN_EXCERPT_CHARS = 40  # shorter leftovers are dates and category labels
_MAX_DATE_LINE_CHARS = 80  # a printed date with its weekday, time and separators
# A class-matched block larger than this is a layout wrapper, not a related block.
_MAX_BLOCK_CHARS = 6000


def _label_elements(hits: list[HtmlElement]) -> list[HtmlElement]:
    """Elements whose whole text is a related-block label, outermost such element each."""
    found: list[HtmlElement] = []
    for el in hits:
        if not HEADING_RE.match(normalize_line(el.text_content())):
            continue
        parent = el.getparent()
        while parent is not None and HEADING_RE.match(normalize_line(parent.text_content())):
            el, parent = parent, parent.getparent()
        # A bare link reading "Read more" closes an excerpt; it does not open a block.
        if el.tag not in ("body", "html", "a") and el not in found:
            found.append(el)
    return found


def _has_text_before(el: HtmlElement) -> bool:
    prev = el.getprevious()
    parent = el.getparent()
    if parent is not None and parent.text and parent.text.strip():
        return True
    while prev is not None:
        if (prev.tail and prev.tail.strip()) or text_length(prev) > 0:
            return True
        prev = prev.getprevious()
    return False


def _has_post_link(node: HtmlElement, exclude: HtmlElement) -> bool:
    """Whether `node` links anywhere a post may be: not through the label's own links, nor a
    "View all" button beside the label (it leads to the section and does not make the label's
    box a block)."""
    skip = set(exclude.iter("a"))
    for a in node.iter("a"):
        if not a.get("href") or a in skip:
            continue
        text = a.text_content()
        if len(text) > _MAX_VIEW_ALL_CHARS or not VIEW_ALL_RE.match(normalize_line(text)):
            return True
    return False


def _starts_with_link(el: HtmlElement) -> bool:
    """An item that opens with a link (title first, excerpt after) rather than prose; a
    thumbnail's link before the title's does not count."""
    texts = (normalize_line(a.text_content()) for a in el.iter("a") if a.get("href"))
    first = next((t for t in texts if t), None)
    if first is None:
        return False
    text = normalize_line(el.text_content())
    return not text or (bool(first) and text.startswith(first)) or not text[:1].strip()


def _blocks_for_label(label: HtmlElement) -> list[HtmlElement]:
    """The elements making up the related block introduced by `label`."""
    start = label
    # Climb while the label opens its container and the container has no items yet; stop at the
    # first one holding a post (a block of one related post must not swallow the comments).
    while not _has_post_link(start, exclude=label):
        parent = start.getparent()
        if parent is None or parent.tag in ("body", "html") or _has_text_before(start):
            break
        start = parent
    if _has_post_link(start, exclude=label):
        return [start]
    row = start.getparent()
    if start.tag == "td" and row is not None and len(row) == 1:
        start = row  # table layouts: the label is a row of its own, its items the next rows
    # The label sits inside running text: the block is it plus the link items that follow it.
    block = [start]
    sibling = start.getnext()
    while sibling is not None:
        if sibling.tag in _HEADINGS and not HEADING_RE.match(
            normalize_line(sibling.text_content())
        ):
            break
        size = text_length(sibling)
        if size and link_text_length(sibling) * 2 < size and not _starts_with_link(sibling):
            break
        block.append(sibling)
        sibling = sibling.getnext()
    return block


def find_related_blocks(root: HtmlElement, page_scan: Scan | None = None) -> list[HtmlElement]:
    """Related-posts blocks under `root`, outermost only, in document order."""
    page_scan = page_scan or scan(root)
    blocks: list[HtmlElement] = []
    for label in _label_elements(page_scan.label_hits):
        blocks.extend(_blocks_for_label(label))
    for el in page_scan.related_classed:
        if el is not root and text_length(el) <= _MAX_BLOCK_CHARS:
            blocks.append(el)
    inside = set(blocks)
    outer = [b for b in blocks if not any(a in inside for a in b.iterancestors())]
    return list(dict.fromkeys(outer))


def remove_related_blocks(node: HtmlElement) -> None:
    """Cut every related-posts block out of a content node, in place."""
    for block in find_related_blocks(node):
        if block is not node:
            drop(block)


def _is_post_url(url: str, page_url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or urldefrag(url)[0] == urldefrag(page_url)[0]:
        return False
    return parts.path not in ("", "/") and not _LISTING.search(parts.path.lower())


def _item_node(link: HtmlElement, href: str, block: HtmlElement) -> HtmlElement:
    """The largest ancestor of `link` inside `block` that links to no other post (an item's
    own category or author link does not end it: its excerpt may sit beyond them)."""
    item = link
    for parent in link.iterancestors():
        if parent is block:
            break
        if any(_links_elsewhere(a, href) for a in parent.iter("a")):
            break
        item = parent
    return item


def _links_elsewhere(a: HtmlElement, href: str) -> bool:
    """Whether `a` links to a page other than `href` that may be a post."""
    other = a.get("href")
    if not other or other == href or other.startswith(("#", "javascript:", "mailto:")):
        return False
    return not _LISTING.search(urlsplit(other).path.lower())


def _link_title(a: HtmlElement) -> str:
    """A link's text as a post title: the heading inside a card link that also wraps the
    excerpt, else its text without a leading label ("আরও পড়ুন" in its own span)."""
    text = normalize_line(a.text_content())
    if not len(a):  # the common case: a link with only text
        return text
    for el in a.iter(*_HEADINGS):
        return normalize_line(el.text_content())
    if not _LABEL_START.match(text):
        return text
    for el in a.iterdescendants():
        label = normalize_line(el.text_content())
        if label and text.startswith(label) and (HEADING_RE.match(label) or _PAGER.match(label)):
            return text.removeprefix(label).strip()
    return text


def _title_attribute(a: HtmlElement, text: str) -> str | None:
    """A link's title attribute where it names the post better than the link's text: when
    the text is empty, or cut short ("বাজেটে কী আছে…") and the attribute holds all of it; not
    "Permalink to: X"."""
    named = normalize_line(a.get("title") or "")
    if not named or (text and not named.startswith(_CUT_MARK.sub("", text))):
        return None
    return named


def _excerpt(item: HtmlElement, title: str) -> str | None:
    """The item's first line of prose that is not its title, without the mark of its cut."""
    excerpt = _excerpt_line(item, title)
    return (_CUT_MARK.sub("", excerpt) or None) if excerpt else None


def _excerpt_line(item: HtmlElement, title: str) -> str | None:
    """A paragraph, else a line of text beside the links (a date or category label under it
    is too short to count)."""
    for el in item.iter("p"):
        text = normalize_line(el.text_content())
        if not text or text == title or _is_date_line(text):
            continue
        if link_text_length(el) < len(text):  # not a "বিস্তারিত"/"Read more" link alone
            return text
    pieces = sorted(
        {normalize_line(a.text_content()) for a in item.iter("a")} | {title}, key=len, reverse=True
    )
    for line in text_lines(item):
        rest = normalize_line(line)
        for piece in pieces:
            if piece and piece in rest:
                rest = rest.replace(piece, " ")
        rest = normalize_line(rest)
        if len(rest) >= _MIN_EXCERPT_CHARS and not _is_date_line(rest):
            return rest
    return None


def _is_date_line(text: str) -> bool:
    """A post's printed date ("শনিবার, নভেম্বর ২৯, ২০২৫ | ৪:৩০ অপরাহ্ণ"), not its excerpt."""
    if len(text) > _MAX_DATE_LINE_CHARS:
        return False
    found = find_date(text)
    return found is not None and len(found[0]) * 2 >= len(text)


def extract_related(
    tree: HtmlElement, base_url: str, page_scan: Scan | None = None
) -> list[RelatedPost]:
    """Posts listed in the page's related-posts blocks: absolute URL, title, excerpt if shown."""
    href = base_href(tree)
    base = (join_url(base_url, href) if href is not None else None) or base_url
    posts: dict[str, RelatedPost] = {}
    for block in find_related_blocks(tree, page_scan):
        links: dict[str, list[HtmlElement]] = {}
        for a in block.iter("a"):
            href = (a.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:")):
                continue
            joined = join_url(base, href)
            if joined is None:
                continue
            url = urldefrag(joined)[0]
            if _is_post_url(url, base_url) and not VIEW_ALL_RE.match(
                normalize_line(a.text_content())
            ):
                links.setdefault(url, []).append(a)
        for url, anchors in links.items():
            texts = [_link_title(a) for a in anchors]
            texts += [
                named
                for a, text in zip(anchors, texts, strict=True)
                if (named := _title_attribute(a, text))
            ]
            texts += [
                normalize_line(img.get("alt") or "") for a in anchors for img in a.iter("img")
            ]
            title = max(texts, key=len)
            if len(title.split()) < 2:
                continue
            titled = next(
                (a for a, t in zip(anchors, texts, strict=False) if t == title), anchors[0]
            )
            item = _item_node(titled, titled.get("href", ""), block)
            post = RelatedPost(url=url, title=title, excerpt=_excerpt(item, title))
            posts[url] = _richer(posts[url], post) if url in posts else post
    return list(posts.values())


def _richer(first: RelatedPost, again: RelatedPost) -> RelatedPost:
    """One post listed twice (an inline "আরও পড়ুন" link, then the related block): the longer
    title and the excerpt either shows, in the first listing's place."""
    title = again.title if len(again.title) > len(first.title) else first.title
    return RelatedPost(url=first.url, title=title, excerpt=first.excerpt or again.excerpt)
