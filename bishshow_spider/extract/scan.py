"""One pass over a page's elements, collecting what the body layers look for.

Creating a Python proxy for an lxml element is the dominant cost of walking a tree (more so with
`lxml.html`'s class lookup), and XPath tests on attributes or text convert every node to a string.
So the content finder and the related-posts finder share this single tag-filtered iteration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
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
)
_THEME_HINT = re.compile("|".join(re.escape(name) for name in THEME_CLASSES))
_RELATED_HINT = re.compile(r"related|yarpp", re.IGNORECASE)
_ANY_CLASS_HINT = re.compile(f"{_THEME_HINT.pattern}|related|yarpp", re.IGNORECASE)
_ITEMPROP_BODY = etree.XPath("descendant::*[@itemprop='articleBody' or @itemprop='articlebody']")
_RELATED_ID = etree.XPath("descendant::*[@id][contains(@id, 'related')]")
# Cheap test on an element's own text before the exact label test (label words in any case).
LABEL_HINT = re.compile(
    r"related|also like|read more|read also|also read|more stories|more news|recommended"
    r"|আরও|আরো|সম্পর্কিত",
    re.IGNORECASE,
)

_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# Where body containers, related-block containers and block labels live.
_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "span", "td"})
_BLOCK_TAGS = frozenset({"div", "section", "aside", "ul", "ol", "nav", "footer"})
_LABEL_TAGS = frozenset({"p", "div", "span", "strong", "b", "header", "li"})
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
        if cls and _ANY_CLASS_HINT.search(cls):
            if tag in _CONTAINER_TAGS and _THEME_HINT.search(cls):
                result.body_candidates.append(el)
            if tag in _BLOCK_TAGS and _RELATED_HINT.search(cls):
                result.related_classed.append(el)
        if tag in _HEADING_TAGS:
            if LABEL_HINT.search(el.text_content()):
                label_hits.append(el)
            continue
        text = el.text
        if text and len(text) < 120 and tag in _LABEL_TAGS and LABEL_HINT.search(text):
            label_hits.append(el)
    # Rare attributes are cheaper to find in C than to read on every element.
    result.body_candidates.extend(_ITEMPROP_BODY(root))
    result.related_classed.extend(el for el in _RELATED_ID(root) if el.tag in _BLOCK_TAGS)
    return result
