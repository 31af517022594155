"""Find the node that holds an article's body, and strip what is not body from it.

Layers, most precise first: schema.org microdata (`itemprop=articleBody`), then the body classes of
common themes (WordPress block themes, tagDiv, GeneratePress/Astra, JNews, Blogger, ...), and only
then a readability-style scorer for markup we have never seen. A precise layer wins only when its
node holds substantial text, so an empty or excerpt-only `.entry-content` falls through.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from lxml import etree
from lxml.html import HtmlElement

from bishshow_spider.extract.authors import labelled_byline
from bishshow_spider.extract.dates import find_date
from bishshow_spider.extract.nodes import (
    LINE_BREAKS,
    NOT_TEXT,
    drop,
    link_text_length,
    text_exceeds,
    text_length,
)
from bishshow_spider.extract.related import remove_related_blocks
from bishshow_spider.extract.scan import THEME_CLASSES, Scan, scan
from bishshow_spider.extract.scoring import best_candidate
from bishshow_spider.extract.text import AD_LABEL, BENGALI_DIGITS, WordMatcher

# Text a precise node must hold (characters, scripts excluded) to count as the article body.
MIN_BODY_CHARS = 200


_THEME_RANK = {name: rank for rank, name in enumerate(THEME_CLASSES)}


def _layer_rank(el: HtmlElement) -> int:
    """0 for microdata, 1 + theme rank for a body class, -1 for a substring false positive."""
    if (el.get("itemprop") or "").lower() == "articlebody":
        return 0
    ranks = [_THEME_RANK[c] for c in (el.get("class") or "").split() if c in _THEME_RANK]
    return 1 + min(ranks) if ranks else -1


def _richest(candidates: list[HtmlElement]) -> tuple[HtmlElement, int]:
    """The first candidate with the most text, and its `text_length`: each measured once (an
    XPath over the subtree; `max` then re-measuring the winner cost the body's length twice)."""
    best, best_length = candidates[0], text_length(candidates[0])
    for el in candidates[1:]:
        length = text_length(el)
        if length > best_length:
            best, best_length = el, length
    return best, best_length


class MainContent(NamedTuple):
    """The article body node, the layer that found it ("itemprop", "theme", "generic"), and
    the page element it starts at (the node itself unless the body merges sibling blocks)."""

    node: HtmlElement | None
    layer: str
    start: HtmlElement | None = None


def find_main_content(tree: HtmlElement, page_scan: Scan | None = None) -> MainContent:
    """The article body, or (None, "") when the page has no text-bearing node at all. Pass
    `page_scan` to reuse a scan."""
    page_scan = page_scan or scan(tree)
    by_rank: dict[int, list[HtmlElement]] = {}
    for el in page_scan.body_candidates:
        rank = _layer_rank(el)
        if rank >= 0:
            by_rank.setdefault(rank, []).append(el)
    for rank in sorted(by_rank):
        # Several matches happen (excerpts in widgets, infinite scroll): the richest one is the
        # article, and it must be substantial or we fall through to the next layer.
        best, length = _richest(by_rank[rank])
        if length >= MIN_BODY_CHARS:
            return MainContent(best, "itemprop" if rank == 0 else "theme", best)
    found = best_candidate(tree)
    if found is None:
        return MainContent(None, "")
    node, start = found
    return MainContent(node, "generic", start)


# --- cleaning -------------------------------------------------------------------------------

_DROP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "form", "iframe", "object", "embed", "svg",
     "canvas", "button", "input", "select", "textarea", "nav", "aside", "footer", "link", "meta",
     # An article's own <header> holds its title, byline and date, which are metadata.
     "header"}
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Class/id words of page furniture that themes put inside the body container.
_BOILERPLATE = WordMatcher(
    (
        "share", "sharing", "social", "sharedaddy", "addtoany", "newsletter", "subscri", "signup",
        "sign-up", "advert", "ad-slot", "adsense", "dfp", "td-a-rec", "sponsor", "promo",
        "banner", "related", "yarpp", "jp-relatedposts", "read-more", "readmore", "also-read",
        "more-stories", "recommend", "author-box", "authorbox", "about-author", "author-bio",
        "td-author", "byline-box", "comment", "disqus", "respond", "breadcrumb", "crumbs",
        "post-tags", "tags-links", "tag-list", "tagcloud", "td-post-source-tags", "entry-meta",
        "post-meta", "navigation", "nav-links", "pagination", "post-nav", "next-prev",
        "prev-next", "widget", "sidebar", "popup", "modal", "cookie", "print", "toolbar",
        "twitter-tweet", "instagram-media", "tiktok-embed", "wp-embed", "screen-reader",
        "sr-only", "skip-link", "table-of-contents", "stream-item",
        "wp-block-button", "player",
    ),
    # "ad"/"ads" and "toc" (tables of contents) as whole words of a class name: `-` separates
    # words there (ad-slot, ez-toc), letters do not (head, shadow, badge, stock).
    r"(?<![a-z0-9])(?:ads?|toc)(?![a-z0-9])",
)  # fmt: skip
# Text for screen readers only, as whole class tokens: Drupal's `field--label-visually_hidden`
# hides a field's label, not the field (an image, the tags).
_SCREEN_READER_ONLY = frozenset({"visually-hidden", "visuallyhidden", "element-invisible"})
# Word boundaries inside class names, made `-` before matching: `jeg_post_tags` is `post-tags`
# and `adsArea` is `ads-Area`.
_CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")
# Words that make a boilerplate-looking class harmless (e.g. "has-share-image" on a figure is
# not a share bar; "entry-content" must never be removed by a substring match).
_KEEP = WordMatcher(("content", "article", "body", "entry", "caption", "figure", "image", "photo"))
# Inline "read more" boxes: a short paragraph whose text starts with such a label and is a link.
_READ_MORE_LABELS = (
    "আরও পড়ুন", "আরো পড়ুন", "আরও পড়ুনঃ", "আরো পড়ুনঃ", "সম্পর্কিত", "read more", "also read",
    "read also", "related", "see also", "more:",
)  # fmt: skip
_READ_MORE = re.compile(
    r"^\s*(" + "|".join(re.escape(label) for label in _READ_MORE_LABELS) + ")", re.IGNORECASE
)
# The labels' first letters, case-folded the way `_READ_MORE` folds them: a paragraph whose text
# starts otherwise is ruled out without collecting its whole text.
_READ_MORE_INITIAL = re.compile(
    "[" + "".join(sorted({label[0] for label in _READ_MORE_LABELS})) + "]", re.IGNORECASE
)
_READ_MORE_TAGS = ("p", "div", "li", "h3", "h4", "strong", "b", "a")


# A photo credit printed under an image ("(Credit: Jane Doe / Agency)", "Photo: AFP"): the
# label in the languages the corpora show, optional bracket first.
_CREDIT = re.compile(
    r"^\s*[(\[]?\s*(?:photo|image|picture|credits?|source|foto|fotos|crédits?|bild|ছবি)"
    r"(?:\s+credits?)?\s*[:：]",
    re.IGNORECASE,
)
# Text a form's wrapper may add to it and still be the form's box ("Subscribe to our newsletter").
_MAX_FORM_CALL_CHARS = 150
_COUNTER = re.compile(
    r"^\s*[0-9০-৯][0-9০-৯,.]*\s*(?:k|হাজার)?\s*(?:টি|জন)?\s*(?:বার\s+(?:দেখা|পড়া)\s*(?:হয়েছে)?"
    r"|মন্তব্য|পাঠক|views?|reads?|comments?|likes?|shares?)\s*$",
    re.IGNORECASE,
)
_DIGITS = frozenset("0123456789" + BENGALI_DIGITS)
_AD_LABEL_TAGS = frozenset(
    {"span", "div", "p", "small", "strong", "b", "em", "i", "h6", "h5", "h4"}
)
_IN_PAGE_LINKS = etree.XPath(".//a[starts-with(@href, '#')]")
_MAX_AD_LABEL_CHARS = 40
_MAX_AD_EXTRA_CHARS = 30
_MAX_CONTROL_CHARS = 40
_MAX_SIGNATURE_WORDS = 6
_MAX_SIGNATURE_CHARS = 60
_NOT_A_NAME = re.compile(r"[0-9০-৯:：ঃ.।?!;]")  # digits, labels and sentences
# A line that only says when the story was published or updated, label first.
_DATELINE = re.compile(
    r"^\s*(?:প্রকাশিত|প্রকাশ|আপডেট|হালনাগাদ|সর্বশেষ আপডেট|published|updated|posted|last updated)"
    r"\s*(?:on|at)?\s*[:：ঃ]?\s*[^\s:：ঃ]*[0-9০-৯]",
    re.IGNORECASE,
)
_MAX_DATELINE_CHARS = 120
_MAX_BYLINE_ITEMS = 6
_MAX_BYLINE_ITEM_CHARS = 60
_CLASS_RULE = re.compile(r"^\s*\.([\w-]+)\s*$")
# "7 min read", "৬ মিনিট পড়া", "৩ মিনিটে পড়ুন": a header line, wherever a theme prints it.
_READING_TIME = re.compile(
    r"^\W*[0-9০-৯]+\s*(?:min(?:ute)?s?\s*read|মিনিট(?:ে|ের)?\s*(?:পড়া|পড়ুন|পাঠ))", re.IGNORECASE
)
_LINK_BOX_TAGS = frozenset({"div", "ul", "ol", "section", "aside", "figure"})
_MAX_LINK_BOX_CHARS = 300
# Longer boxes must be lists of links: at least this many, no text but theirs and a label.
_MAX_LINK_LIST_CHARS = 2000
_MIN_LINK_LIST = 3
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:$|\?)", re.IGNORECASE)
_MAX_LINK_BOX_LABEL = 12  # "ট্যাগ:", "Tags:", "বিষয়:"
_CREDIT_TAGS = frozenset({"em", "i", "small", "span", "cite"})  # not figcaption: a caption
_MAX_CREDIT_CHARS = 120


def _drop_image_credits(node: HtmlElement) -> None:
    """Drop a short credit line that directly follows an image (past any `<br>`): it names the
    photographer, it is not prose. Walks images only, which bodies have few of."""
    doomed: list[HtmlElement] = []
    for img in node.iter("img"):
        # The image itself, or the link or paragraph wrapping it when it is the only child.
        anchor = img
        while (
            (parent := anchor.getparent()) is not None and parent is not node and len(parent) == 1
        ):
            if (parent.text or "").strip():
                break
            anchor = parent
        sibling = anchor.getnext()
        while sibling is not None and sibling.tag == "br" and not (anchor.tail or "").strip():
            anchor, sibling = sibling, sibling.getnext()
        if sibling is None or sibling.tag not in _CREDIT_TAGS or (anchor.tail or "").strip():
            continue
        text = sibling.text_content()
        if len(text) <= _MAX_CREDIT_CHARS and _CREDIT.match(text):
            doomed.append(sibling)
    for el in doomed:
        drop(el)


def css_hidden_classes(tree: HtmlElement) -> frozenset[str]:
    """Classes the page's inline CSS clips out of sight for screen readers only (CSS-in-JS
    sites hash their names: `.bbc-1a3w4ok{clip:rect(1px,1px,1px,1px);position:absolute;...}`).
    Only this pattern counts: `display:none` is often undone by a media query."""
    hidden: set[str] = set()
    for style in tree.iter("style"):
        css = style.text or ""
        at = css.find("clip")
        while at != -1:
            start, end = css.rfind("{", 0, at), css.find("}", at)
            if start == -1 or end == -1:
                break
            rules = css[start + 1 : end].replace(" ", "")
            if "position:absolute" in rules and ("1px" in rules or "inset(" in rules):
                selectors = css[css.rfind("}", 0, start) + 1 : start]
                hidden.update(m[1] for s in selectors.split(",") if (m := _CLASS_RULE.match(s)))
            at = css.find("clip", end)
    return frozenset(hidden)


def _drop_leading_byline(node: HtmlElement, title: str | None) -> None:
    """Drop the lines a body opens with when they are its byline ("লিখেছেন: আন্তর্জাতিক ডেস্ক")
    or dateline ("প্রকাশ: ০৯ ডিসেম্বর ২০২৫ | আপডেট: ..."): the metadata layers read them; as
    paragraphs they would become the first section's heading and lead."""
    doomed = []
    for p in node.iter("p", "div", "ul"):
        if p.tag == "ul":
            if not _is_byline_list(p):
                break
            doomed.append(p)
            continue
        if p is node or any(child.tag in LINE_BREAKS for child in p):
            continue  # its lines are visited one by one
        if not _first_visible_char(p):
            continue
        if title and " ".join(p.text_content().split()) in title:
            continue  # the title printed as a paragraph (print pages): the byline follows it
        if not (labelled_byline(p) or _is_dateline(p) or _READING_TIME.search(p.text_content())):
            break
        doomed.append(p)
    for p in doomed:
        drop(p)


def _is_byline_list(ul: HtmlElement) -> bool:
    """A list of short lines opening the body, one of them a date: name, post, place, date."""
    items = [" ".join(li.text_content().split()) for li in ul.iter("li")]
    return (
        0 < len(items) <= _MAX_BYLINE_ITEMS
        and all(len(item) <= _MAX_BYLINE_ITEM_CHARS for item in items)
        and any(find_date(item) is not None for item in items)
    )


def _is_dateline(p: HtmlElement) -> bool:
    text = p.text_content()
    return len(text) <= _MAX_DATELINE_CHARS and bool(_DATELINE.match(text))


def signed_byline(node: HtmlElement) -> HtmlElement | None:
    """The line a body opens or closes with when it is its author's name alone in bold
    (`<p><strong>Lê Phương</strong></p>`, `<p><b>নিজস্ব প্রতিবেদক</b></p>`), if any."""
    for line in (_edge_line(node, first=True), _edge_line(node, first=False)):
        if line is None or len(line) != 1 or line[0].tag not in ("strong", "b"):
            continue
        if (line.text or "").strip() or (line[0].tail or "").strip():
            continue
        text = " ".join(line.text_content().split())
        if (
            2 <= len(text.split()) <= _MAX_SIGNATURE_WORDS
            and len(text) <= _MAX_SIGNATURE_CHARS
            and not _NOT_A_NAME.search(text)
        ):
            return line
    return None


def _edge_line(node: HtmlElement, *, first: bool) -> HtmlElement | None:
    """The body's first (or last) paragraph or line-sized div with text: found by walking down
    the edge of the tree, not by visiting every block."""
    el = node
    while True:
        children = [c for c in el if isinstance(c.tag, str) and c.tag not in NOT_TEXT]
        shown = (c for c in (children if first else reversed(children)) if text_exceeds(c, 0))
        nxt = next(shown, None)
        if nxt is None:
            return el if el is not node and el.tag in ("p", "div") else None
        if el is not node and el.tag == "p":
            return el
        if nxt.tag not in LINE_BREAKS:  # inline content: `el` itself is the line
            return el if el is not node and el.tag == "div" else None
        el = nxt


def _newsletter_boxes(node: HtmlElement) -> list[HtmlElement]:
    """The boxes around forms in the body (a sign-up form, its call to action and its frame):
    the largest ancestor whose text beyond the form's is a line at most."""
    boxes = []
    for form in node.iter("form"):
        own = text_length(form)
        box = form
        while (parent := box.getparent()) is not None and parent is not node:
            if text_length(parent) - own > _MAX_FORM_CALL_CHARS:
                break
            box = parent
        boxes.append(box)
    return boxes


def _short_texts(node: HtmlElement) -> list[tuple[HtmlElement, str]]:
    """Childless elements holding a short text: where ad labels and counters are printed
    (links only when they point into the page: "২টি মন্তব্য" jumps to the comments). Attribute
    reads only, no walk: most elements fail at the first test."""
    return [
        (el, text)
        for el in itertools.chain(node.iter(*_AD_LABEL_TAGS), _IN_PAGE_LINKS(node))
        if (text := el.text) and len(text) <= _MAX_AD_LABEL_CHARS and not len(el)
    ]


def _ad_boxes(node: HtmlElement, short: list[tuple[HtmlElement, str]]) -> list[HtmlElement]:
    """The boxes an "Advertisement" / "বিজ্ঞাপন" label announces, printed (one of the `short`
    texts) or as the banner's alt text: the largest ancestor of the label with no more text
    than the label."""
    labels = [
        (el, text.strip())
        for el, text in short
        if el.tag in _AD_LABEL_TAGS and AD_LABEL.match(text)
    ]
    for img in node.iter("img"):
        alt = img.get("alt")
        if alt and len(alt) <= _MAX_AD_LABEL_CHARS and AD_LABEL.match(alt):
            labels.append((img, ""))
    boxes = []
    for box, label in labels:
        while (parent := box.getparent()) is not None and parent is not node:
            if text_exceeds(parent, len(label) + _MAX_AD_EXTRA_CHARS):
                break
            box = parent
        boxes.append(box)
        # A label printed as a line of its own, with no banner in its box, announces the block
        # after it.
        banner = box.getnext()
        if label and not _shows_banner(box) and banner is not None and _is_banner(banner):
            boxes.append(banner)
    return boxes


def _shows_banner(el: HtmlElement) -> bool:
    """Whether `el` holds a picture or an embed (an ad network's `<ins>`)."""
    return next(el.iter("img", "iframe", "ins"), None) is not None


def _is_banner(el: HtmlElement) -> bool:
    """A block showing a picture or an embed and no text."""
    return isinstance(el.tag, str) and _shows_banner(el) and not text_exceeds(el, 0)


def _counters(short: list[tuple[HtmlElement, str]]) -> list[HtmlElement]:
    """Engagement counts printed as lines of their own ("৬৪৮ বার দেখা হয়েছে", "12 comments")."""
    return [el for el, text in short if text.lstrip()[:1] in _DIGITS and _COUNTER.match(text)]


def _control_boxes(node: HtmlElement) -> list[HtmlElement]:
    """The boxes around buttons (a live page's "refresh" bar, a "load more" strip, an audio
    player's controls): a button's parent whose own words are a line at most."""
    boxes = []
    for button in node.iter("button"):
        box = button.getparent()
        if (
            box is not None
            and box is not node
            and text_length(box) - text_length(button) <= _MAX_CONTROL_CHARS
        ):
            boxes.append(box)
    return boxes


def _link_boxes(node: HtmlElement) -> list[HtmlElement]:
    """Short blocks that are links and at most a label (a tags field, a category chip, a list
    of topics, a bookmark card to another post), and longer ones made of several links and
    nothing else (a playlist, a list of headlines): navigation whatever their class is called.
    A link to an image file (a photo opening full size) is the photo, not navigation.

    Walked up from each link, so only the blocks around links are measured, each once, and
    the walk stops at the first block too long to be a box."""
    sizes: dict[HtmlElement, tuple[int, int, bool]] = {}
    boxes: dict[HtmlElement, None] = {}
    for a in node.iter("a"):
        if _IMAGE_FILE.search(a.get("href", "")):
            continue
        box = None
        el = a.getparent()
        while el is not None and el is not node:
            if el.tag in _LINK_BOX_TAGS:
                if el not in sizes:
                    text = text_length(el)
                    many = _MAX_LINK_BOX_CHARS < text <= _MAX_LINK_LIST_CHARS and _has_links(
                        el, _MIN_LINK_LIST
                    )
                    # Link text is counted only in blocks short enough to be a box.
                    links = link_text_length(el) if text <= _MAX_LINK_BOX_CHARS or many else 0
                    sizes[el] = (text, links, many)
                text, links, many = sizes[el]
                if text > _MAX_LINK_BOX_CHARS and not many:
                    break
                if text and links and text - links <= _MAX_LINK_BOX_LABEL:
                    box = el
            el = el.getparent()
        if box is not None:
            boxes[box] = None
    found = [
        box
        for box in boxes
        if not any(_IMAGE_FILE.search(a.get("href", "")) for a in box.iter("a"))
    ]
    inside = set(found)
    return [box for box in found if not any(a in inside for a in box.iterancestors())]


def _has_links(el: HtmlElement, count: int) -> bool:
    return next(itertools.islice(el.iter("a"), count - 1, None), None) is not None


def _is_boilerplate_box(el: HtmlElement, attrs: dict[str, str]) -> bool:
    classes = attrs.get("class", "")
    if ("hidden" in classes or "invisible" in classes) and not _SCREEN_READER_ONLY.isdisjoint(
        classes.split()
    ):
        return True
    names = f"{classes} {attrs.get('id', '')}".replace("_", "-")
    if "elementor-widget" in names:
        # Elementor wraps every widget, the post's text too, in `elementor-widget-*`: the word
        # says how the page was built, not what the block is (its type still does: "share").
        names = names.replace("elementor-widget", "elementor")
    if not names.islower():
        names = _CAMEL_CASE.sub("-", names)
    if not _BOILERPLATE.search(names):
        return False
    if _KEEP.search(names):
        # "entry-content-share" is a share bar, "entry-content" is the body: only names whose
        # boilerplate word is the distinguishing part are dropped, so require little text.
        return text_length(el) < 200 or link_text_length(el) * 2 > text_length(el)
    return True


def is_furniture(el: HtmlElement) -> bool:
    """Whether `el` itself is page furniture (hidden, an ad slot, a share bar, a widget...)."""
    if el.tag in _DROP_TAGS:
        return True
    # One call for all attributes: most body elements have none, and each `el.get` costs
    # about as much as this.
    items = el.items()
    if not items:
        return False
    attrs = dict(items)
    if attrs.get("hidden") is not None or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return bool(attrs.get("class") or attrs.get("id")) and _is_boilerplate_box(el, attrs)


def _first_visible_char(el: HtmlElement) -> str:
    """The first non-space character of `el.text_content()`, without building that text."""
    for chunk in el.itertext():
        stripped: str = chunk.lstrip()
        if stripped:
            return stripped[0]
    return ""


def clean_content(
    node: HtmlElement, title: str | None = None, hidden: frozenset[str] = frozenset()
) -> None:
    """Strip non-body furniture from `node` in place: code, forms, hidden elements (`hidden`
    names the classes the page's own CSS hides, see `css_hidden_classes`), share bars, ads,
    newsletter boxes, "read more" boxes, author boxes, comments, nav, tags, related blocks,
    photo credits under images."""
    etree.strip_elements(node, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    # One pass decides, then removal: the tree must not change under the iterator.
    doomed = [
        el
        for el in node.iter()
        if el is not node
        and (is_furniture(el) or (hidden and not hidden.isdisjoint(el.get("class", "").split())))
    ]
    doomed += _newsletter_boxes(node)
    doomed += _link_boxes(node)
    short = _short_texts(node)
    doomed += _ad_boxes(node, short)
    doomed += _control_boxes(node)
    doomed += _counters(short)
    for el in doomed:
        drop(el)
    remove_related_blocks(node)
    _drop_image_credits(node)
    _drop_leading_byline(node, title)
    for el in list(node.iter(*_READ_MORE_TAGS)):
        if not _READ_MORE_INITIAL.match(_first_visible_char(el)):
            continue
        text = el.text_content().strip()
        if (
            len(text) < 250
            and _READ_MORE.match(text)
            and link_text_length(el) * 2 >= len(text) - 20
        ):
            drop(el)
