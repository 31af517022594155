"""Small lxml helpers shared by the body layers: text measures and removal that keeps tails."""

from __future__ import annotations

import sys

from lxml import etree
from lxml.html import HtmlElement

# Elements whose text a reader never sees.
NOT_TEXT = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})

_NORMALIZED_LENGTH = etree.XPath("string-length(normalize-space(.))")


def base_href(tree: HtmlElement) -> str | None:
    """The page's `<base href>` as written (relative or not), if it has one; `tree` is the
    page's root element (only its subtree is searched).

    A tag-filtered `iter` walks the tree in C without creating element proxies for other tags:
    ~40x cheaper than the XPath `//base/@href` (every libxml2 descendant step costs about a
    tenth of a parse, however few nodes match)."""
    for base in tree.iter("base"):
        href: str | None = base.get("href")
        if href is not None:
            return href
    return None


def text_length(node: HtmlElement) -> int:
    """Characters of visible-ish text under `node`, whitespace folded, scripts and styles excluded.

    One C-level XPath call: walking the subtree in Python costs ten times as much.
    """
    if not isinstance(node.tag, str):  # comments and processing instructions
        return 0
    total = int(_NORMALIZED_LENGTH(node))
    for el in node.iter(*NOT_TEXT):
        # Measured the way `total` counted it (whitespace folded): a script's raw text, with its
        # indentation and newlines, is far longer and would cancel the prose around it (a body
        # with a few inline scripts measured 0 characters).
        total -= int(_NORMALIZED_LENGTH(el))
    return max(total, 0)


def text_exceeds(node: HtmlElement, limit: int) -> bool:
    """Whether `node` holds more than `limit` characters of stripped text: stops reading as soon
    as it does, so a page-sized container costs no more than a short block."""
    total = 0
    for chunk in node.itertext():
        total += len(chunk.strip())
        if total > limit:
            return True
    return False


def link_text_length(node: HtmlElement) -> int:
    """Characters of text inside links under `node` (or `node` itself when it is a link)."""
    return sum(len(a.text_content().strip()) for a in node.iter("a"))


def drop(el: HtmlElement) -> None:
    """Remove `el` from its parent but keep its tail text, which belongs to the parent."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# Block-level elements: their texts are separate pieces, each starting a new line.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Where a rendered line ends: a block's edges, or a `<br>`.
LINE_BREAKS = BLOCK_TAGS | {"br"}


def text_lines(node: HtmlElement, limit: int = sys.maxsize) -> list[str]:
    """The text under `node` as a reader sees its lines: block elements break it, inline ones
    do not. `text_content()` glues `<div>Excerpt.</div><div>04 Dec</div>` into one word.
    With `limit`, reading stops once that many characters are read (a byline's window)."""
    lines: list[str] = []
    current: list[str] = []
    remaining = limit

    def add(text: str | None) -> None:
        nonlocal remaining
        if text:
            current.append(text)
            remaining -= len(text)

    def walk(el: HtmlElement) -> None:
        block = el.tag in LINE_BREAKS
        if block:
            lines.append("".join(current))
            current.clear()
        if el.tag not in NOT_TEXT and isinstance(el.tag, str):
            add(el.text)
            for child in el:
                if remaining <= 0:
                    break
                walk(child)
        if block:
            lines.append("".join(current))
            current.clear()
        add(el.tail)

    add(node.text)
    for child in node:
        if remaining <= 0:
            break
        walk(child)
    lines.append("".join(current))
    return [line for line in (" ".join(piece.split()) for piece in lines) if line]


def spaced_text(node: HtmlElement) -> str:
    """`node`'s text with a space where two elements meet without one, for short labelled
    texts (a caption's text span, then its credit span: "ভিড়" + "ছবি: ..."), where CSS supplies
    the gap a plain concatenation loses. Not for prose: a word may span two inline tags."""
    out = ""
    for piece in node.itertext():
        if out and piece and not out[-1].isspace() and piece[0].isalnum():
            out += " "
        out += piece
    return out
