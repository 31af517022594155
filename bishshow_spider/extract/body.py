"""The body layers in one call: content node → cleaned copy → sections, images, related posts.

The page tree is never modified (metadata layers read the same tree): cleaning works on a copy.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from lxml.html import HtmlElement

from bishshow_spider.extract.blocks import extract_sections, sections_from_text, sections_text
from bishshow_spider.extract.content import (
    clean_content,
    css_hidden_classes,
    find_main_content,
    is_furniture,
    signed_byline,
)
from bishshow_spider.extract.images import (
    extract_images,
    featured_image,
    image_key,
    lead_figure,
    post_thumbnail,
)
from bishshow_spider.extract.model import Image, RelatedPost, Section
from bishshow_spider.extract.nodes import base_href, drop, link_text_length, text_length
from bishshow_spider.extract.related import extract_related
from bishshow_spider.extract.scan import scan
from bishshow_spider.extract.text import count_words, normalize_line
from bishshow_spider.extract.urls import join_url

# JSON-LD text must beat the markup's by this many characters (beyond 2x) to replace it: a
# summary-length articleBody never wins over a real body.
JSONLD_MARGIN = 200
# A body that reads as prose (see `Body.reads_as_prose`).
PROSE_PARAGRAPHS = 4
PROSE_PARAGRAPH_CHARS = 80
PROSE_LINK_DENSITY = 0.2
TABLE_CELL_WORDS = 12  # a data table's cell; a layout table's holds paragraphs


@dataclass
class Body:
    """What the body layers found; `layer` names the content layer ("itemprop", "theme", ...)."""

    sections: list[Section] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    related: list[RelatedPost] = field(default_factory=list)
    layer: str = ""
    node: HtmlElement | None = field(default=None, repr=False)  # the cleaned content node
    page_node: HtmlElement | None = field(default=None, repr=False)  # the node in the page
    byline: str | None = None  # the author's name signed in bold at the body's start or end

    def reads_as_prose(self) -> bool:
        """Paragraphs of running text, not a list of linked teasers: several long paragraphs,
        few headings for the blocks between them (a listing heads each teaser with its one
        excerpt; a story's or live blog's sections hold paragraphs, lists and quotes) and few
        links."""
        blocks = [block for section in self.sections for block in section.blocks]
        paragraphs = self._long_paragraphs()
        structure = sum(1 for block in blocks if block.kind != "paragraph")
        headings = sum(1 for section in self.sections if section.heading)
        if paragraphs < PROSE_PARAGRAPHS or headings * 2 > paragraphs + structure:
            return False
        if self.node is None:
            return False
        return link_text_length(self.node) <= PROSE_LINK_DENSITY * text_length(self.node)

    def is_a_table(self) -> bool:
        """Whether the body is a table with a few lines around it (prayer times, exchange
        rates, fixtures): most of its words in short cells, at most two paragraphs of prose
        (a source line, a note)."""
        if self.node is None or self._long_paragraphs() > 2:
            return False
        cells = (count_words(cell.text_content()) for cell in self.node.iter("td", "th"))
        in_cells = sum(words for words in cells if words <= TABLE_CELL_WORDS)
        return in_cells * 2 > count_words(self.text)

    def _long_paragraphs(self) -> int:
        """Paragraphs long enough to be running text."""
        return sum(
            1
            for section in self.sections
            for block in section.blocks
            if block.kind == "paragraph" and len(block.text) >= PROSE_PARAGRAPH_CHARS
        )

    @property
    def text(self) -> str:
        """Headings and blocks, one per line."""
        return sections_text(self.sections)


def _in_furniture(el: HtmlElement) -> bool:
    """Whether `el` or the two blocks around it are furniture (an ad slot, a widget); the
    article's own header and wrappers do not count."""
    for block in (el, *islice(el.iterancestors(), 2)):
        if block.tag not in ("header", "article", "main", "body", "html") and is_furniture(block):
            return True
    return False


def _base_url(tree: HtmlElement, url: str) -> str:
    base = base_href(tree)
    joined = join_url(url, base.strip()) if base is not None else None
    return joined or url


def extract_body(
    tree: HtmlElement,
    url: str,
    *,
    title: str | None = None,
    standfirst: str | None = None,
    read_byline: bool = False,
    article_body: str | None = None,
    lead_images: Sequence[str] = (),
) -> Body:
    """Sections, images and related posts of an article page (tree left untouched).

    `standfirst` is the summary the page declares: a heading repeating it above the body's
    first paragraph is the subtitle, not a section. `read_byline` (the metadata names no one
    but the site): a bold name line opening or closing the body is the `byline`.
    `article_body` is the page's JSON-LD `articleBody`, if any: used only when the markup
    yields far less text (a page rendered by script, or a body we failed to find).
    `lead_images` are the images the page declares (og:image), the chosen one first: themes
    show the lead above the body, outside the content node, so the first the page shows is
    looked up in the whole page (the first declared is often the site's generic card); so is a
    cover figure printed right above the body."""
    base_url = _base_url(tree, url)
    page_scan = scan(tree)
    related = extract_related(tree, url, page_scan)
    node, layer, start = find_main_content(tree, page_scan)
    body = Body(related=related, layer=layer, page_node=node)
    if node is not None:
        lead = lead_figure(start) if start is not None else None
        lead = lead if lead is not None else post_thumbnail(tree)
        if lead is not None and _in_furniture(lead):
            lead = None  # a banner above the body, or a thumbnail in a widget
        node = copy.deepcopy(node)
        clean_content(node, title, css_hidden_classes(tree))
        signed = signed_byline(node) if read_byline else None
        if signed is not None:
            body.byline = normalize_line(signed.text_content())
            drop(signed)
        body.node = node
        body.sections = extract_sections(node, title=title, standfirst=standfirst)
        body.images = extract_images(node, base_url)
        if lead is not None:
            known = {image_key(i.src) for i in body.images}
            body.images = [
                *(i for i in extract_images(lead, base_url) if image_key(i.src) not in known),
                *body.images,
            ]
    known = {image_key(i.src) for i in body.images}
    for declared in lead_images:
        if image_key(declared) in known:
            break  # the lead is listed already
        featured = featured_image(tree, declared, base_url)
        if featured is not None:
            body.images = [featured, *body.images]
            break
    if article_body and len(article_body) > 2 * len(body.text) + JSONLD_MARGIN:
        body.sections = sections_from_text(article_body, title=title)
        body.layer = "jsonld"
    return body
