"""One pass over a page's elements, collecting what the body layers look for.

Creating a Python proxy for an lxml element is the dominant cost of walking a tree (more so with
`lxml.html`'s class lookup), and XPath tests on attributes or text convert every node to a string.
So the content finder and the related-posts finder share this single tag-filtered iteration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.html import HtmlElement

# Body classes of common themes, most specific first; matched as whole class tokens.
THEME_CLASSES: tuple[str, ...] = (
    "wp-block-post-content",  # WordPress block themes
    "td-post-content",  # tagDiv Newspaper
    "post-body",  # Blogger
    "content-inner",  # JNews
    "entry-content",  # most WordPress themes (GeneratePress, Astra, Twenty*)
    "article-body",
    "article-content",
    "article__body",
    "story-body",
    "single-post-content",
    "post-entry",
    "post-content",
    "elementor-widget-theme-post-content",  # Elementor Pro's theme builder
)
_THEME_HINT = re.compile("|".join(re.escape(name) for name in THEME_CLASSES))
# Every theme class contains one of these words: plain substring tests rule out most class
# attributes before the regex runs (an alternation of a dozen names scans several times slower).
_THEME_WORDS = ("content", "body", "entry")
assert all(any(word in name for word in _THEME_WORDS) for name in THEME_CLASSES)
_ARTICLE_BODY = frozenset({"articleBody", "articlebody"})
# Cheap test on an element's own text before the exact label test: the label words in their
# usual capitalisations (the exact test is case-insensitive; IGNORECASE here costs 3x).
LABEL_HINT = re.compile(
    r"elated|ELATED|lso like|lso Like|LSO LIKE|ead more|ead More|EAD MORE|ead also|lso read"
    r"|lso Read|LSO READ|ore stories|ore Stories|ORE STORIES|ore news|ore News|ORE NEWS"
    r"|ecommended|ECOMMENDED|ore from|ore From|ORE FROM|আরও|আরো|সম্পর্কিত"
)

_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Where body containers, related-block containers and block labels live.
_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "span", "td"})
_BLOCK_TAGS = frozenset({"div", "section", "aside", "ul", "ol", "nav", "footer"})
_LABEL_TAGS = frozenset({"p", "div", "span", "strong", "b", "header", "td"})
SCAN_TAGS = tuple(_HEADING_TAGS | _CONTAINER_TAGS | _BLOCK_TAGS | _LABEL_TAGS)


@dataclass
class Scan:
    """Elements of interest, each list in document order."""

    body_candidates: list[HtmlElement] = field(default_factory=list)  # itemprop / theme class
    related_classed: list[HtmlElement] = field(default_factory=list)  # class/id says "related"
    label_hits: list[HtmlElement] = field(default_factory=list)  # text may be a block label


def scan(root: HtmlElement) -> Scan:
    """Collect body candidates, related-classed blocks and possible labels under `root`."""
    result = Scan()
    label_hits = result.label_hits
    for el in root.iter(*SCAN_TAGS):
        tag = el.tag
        # The common case (no hint in class, no label text) must cost as little as possible.
        cls = el.get("class")
        if cls:
            # Case-sensitive on purpose: class names are lower case by convention (the one
            # capitalised variant seen is tested too).
            if (
                tag in _CONTAINER_TAGS
                and ("content" in cls or "body" in cls or "entry" in cls)
                and _THEME_HINT.search(cls)
            ):
                result.body_candidates.append(el)
            if tag in _BLOCK_TAGS and ("related" in cls or "Related" in cls or "yarpp" in cls):
                result.related_classed.append(el)
        if tag in _HEADING_TAGS:
            if LABEL_HINT.search(el.text_content()):
                label_hits.append(el)
            continue
        if tag in _CONTAINER_TAGS and el.get("itemprop") in _ARTICLE_BODY:
            result.body_candidates.append(el)
        if tag in _BLOCK_TAGS and "related" in (el.get("id") or ""):
            result.related_classed.append(el)
        text = el.text
        if text and len(text) < 120 and tag in _LABEL_TAGS and LABEL_HINT.search(text):
            label_hits.append(el)
    return result
