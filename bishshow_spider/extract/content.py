"""Find the node that holds an article's body, and strip what is not body from it.

Layers, most precise first: schema.org microdata (`itemprop=articleBody`), then the body classes of
common themes (WordPress block themes, tagDiv, GeneratePress/Astra, JNews, Blogger, ...), and only
then a readability-style scorer for markup we have never seen. A precise layer wins only when its
node holds substantial text, so an empty or excerpt-only `.entry-content` falls through.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from bishshow_spider.extract.nodes import drop, link_text_length, text_length
from bishshow_spider.extract.related import remove_related_blocks
from bishshow_spider.extract.scan import THEME_CLASSES, Scan, scan
from bishshow_spider.extract.scoring import best_candidate

# Text a precise node must hold (characters, scripts excluded) to count as the article body.
MIN_BODY_CHARS = 200


_THEME_RANK = {name: rank for rank, name in enumerate(THEME_CLASSES)}


def _layer_rank(el: HtmlElement) -> int:
    """0 for microdata, 1 + theme rank for a body class, -1 for a substring false positive."""
    if (el.get("itemprop") or "").lower() == "articlebody":
        return 0
    ranks = [_THEME_RANK[c] for c in (el.get("class") or "").split() if c in _THEME_RANK]
    return 1 + min(ranks) if ranks else -1


def find_main_content(
    tree: HtmlElement, page_scan: Scan | None = None
) -> tuple[HtmlElement | None, str]:
    """The article body node and the layer that found it ("itemprop", "theme", "generic"), or
    (None, "") when the page has no text-bearing node at all. Pass `page_scan` to reuse a scan."""
    page_scan = page_scan or scan(tree)
    by_rank: dict[int, list[HtmlElement]] = {}
    for el in page_scan.body_candidates:
        rank = _layer_rank(el)
        if rank >= 0:
            by_rank.setdefault(rank, []).append(el)
    for rank in sorted(by_rank):
        # Several matches happen (excerpts in widgets, infinite scroll): the richest one is the
        # article, and it must be substantial or we fall through to the next layer.
        best = max(by_rank[rank], key=text_length)
        if text_length(best) >= MIN_BODY_CHARS:
            return best, "itemprop" if rank == 0 else "theme"
    node = best_candidate(tree)
    return (node, "generic") if node is not None else (None, "")


# --- cleaning -------------------------------------------------------------------------------

_DROP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "form", "iframe", "object", "embed", "svg",
     "canvas", "button", "input", "select", "textarea", "nav", "aside", "footer", "link", "meta"}
)  # fmt: skip
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Class/id words of page furniture that themes put inside the body container.
_BOILERPLATE = re.compile(
    r"share|sharing|social|sharedaddy|addtoany|\bsocial|newsletter|subscri|signup|sign-up"
    r"|advert|\bads?\b|ad-slot|adsense|dfp|td-a-rec|sponsor|promo|banner"
    r"|related|yarpp|jp-relatedposts|read-?more|readmore|also-read|more-stories|recommend"
    r"|author-?box|about-author|author-bio|td-author|byline-box|comment|disqus|respond"
    r"|breadcrumb|crumbs|post-tags|tags-links|tag-list|tagcloud|td-post-source-tags|entry-meta"
    r"|post-meta|navigation|nav-links|pagination|post-nav|next-prev|prev-next|widget|sidebar"
    r"|popup|modal|cookie|print|toolbar|twitter-tweet|instagram-media|tiktok-embed|wp-embed"
    r"|screen-reader|sr-only|visually-hidden|skip-link",
    re.IGNORECASE,
)
# Words that make a boilerplate-looking class harmless (e.g. "has-share-image" on a figure is
# not a share bar; "entry-content" must never be removed by a substring match).
_KEEP = re.compile(r"content|article|body|entry|caption|figure|image|photo", re.IGNORECASE)
# Inline "read more" boxes: a short paragraph whose text starts with such a label and is a link.
_READ_MORE = re.compile(
    r"^\s*(আরও পড়ুন|আরো পড়ুন|আরও পড়ুনঃ|আরো পড়ুনঃ|সম্পর্কিত|read more|also read|read also"
    r"|related|see also|more:)",
    re.IGNORECASE,
)
_READ_MORE_TAGS = ("p", "div", "li", "h3", "h4", "strong", "b")


def _is_boilerplate_box(el: HtmlElement) -> bool:
    attrs = f"{el.get('class', '')} {el.get('id', '')}"
    if not _BOILERPLATE.search(attrs):
        return False
    if _KEEP.search(attrs):
        # "entry-content-share" is a share bar, "entry-content" is the body: only names whose
        # boilerplate word is the distinguishing part are dropped, so require little text.
        return text_length(el) < 200 or link_text_length(el) * 2 > text_length(el)
    return True


def _is_furniture(el: HtmlElement) -> bool:
    if el.tag in _DROP_TAGS or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return bool(el.get("class") or el.get("id")) and _is_boilerplate_box(el)


def clean_content(node: HtmlElement) -> None:
    """Strip non-body furniture from `node` in place: code, forms, hidden elements, share bars,
    ads, newsletter boxes, "read more" boxes, author boxes, comments, nav, tags, related blocks."""
    etree.strip_elements(node, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    # One pass decides, then removal: the tree must not change under the iterator.
    doomed = [el for el in node.iter() if el is not node and _is_furniture(el)]
    for el in doomed:
        drop(el)
    remove_related_blocks(node)
    for el in list(node.iter(*_READ_MORE_TAGS)):
        text = el.text_content().strip()
        if (
            len(text) < 250
            and _READ_MORE.match(text)
            and link_text_length(el) * 2 >= len(text) - 20
        ):
            drop(el)
