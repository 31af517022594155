"""Decode and parse a page once; every extraction layer reads the same `Document`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import lxml.html
from bs4.dammit import UnicodeDammit
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from w3lib.encoding import html_to_unicode


def decode_html(body: bytes, declared_encoding: str | None = None) -> str:
    """Bytes to text: BOM, then the transport's charset, then `<meta charset>` anywhere in the
    head (even after `<title>`), then detection; never mojibake from a wrong label."""
    content_type = f"text/html; charset={declared_encoding}" if declared_encoding else None
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_detect_encoding)
    # Labels lie (servers default to ISO-8859-1, CMSs keep a GB2312 meta after moving to
    # UTF-8), bytes rarely do: non-ASCII bytes that all form valid UTF-8 sequences are UTF-8,
    # because legacy-encoded text almost never happens to be valid UTF-8.
    if not encoding.startswith("utf") and not body.isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return text


def _detect_encoding(body: bytes) -> str | None:
    """The encoding of a page that declares none: UTF-8 if valid, else BeautifulSoup's guess."""
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    guess = UnicodeDammit(body, is_html=True).original_encoding
    if not guess:
        return "windows-1252"
    # Statistics tell multi-byte encodings (Shift_JIS, GB18030...) apart well, but not the
    # Latin single-byte code pages on mostly-ASCII text: those get the web's default instead.
    single_byte = len(body.decode(guess, errors="replace")) == len(body)
    return "windows-1252" if single_byte else str(guess)


def _html_parser() -> lxml.html.HTMLParser:
    """`lxml.html`'s parser with the element classes chosen in C.

    `lxml.html`'s own lookup calls back into Python for every element proxy it creates, which
    makes each tree walk about 2.5x slower; every element here is a plain `HtmlElement` (same
    methods: `text_content`, `iterlinks`...) instead of `FormElement`, `InputElement` and the
    like, which extraction never uses. The text is always handed over as UTF-8, so the parser
    is told so and ignores a `<meta charset>` that `decode_html` has already honoured.
    """
    parser = lxml.html.HTMLParser(encoding="utf-8")
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


_PARSER = _html_parser()


def parse_html(html: str | bytes) -> HtmlElement:
    """An lxml tree for any input, including empty or fragmentary documents."""
    if isinstance(html, bytes):
        html = decode_html(html)
    # lxml refuses str input that carries an XML encoding declaration.
    if html.lstrip().startswith("<?xml"):
        html = html.split("?>", 1)[-1]
    if not html.strip():
        html = "<html></html>"
    # UTF-8 bytes parse faster than a str (which lxml hands to libxml2 as UCS-2/UCS-4), and the
    # encoding costs a tenth of what it saves. "surrogatepass" keeps lone surrogates (from
    # `&#xd800;`-style garbage decoded upstream) from raising.
    root = etree.fromstring(html.encode("utf-8", "surrogatepass"), _PARSER)
    if root is None:  # documents with no elements at all
        root = etree.fromstring(b"<html><body></body></html>", _PARSER)
    tree: HtmlElement = root
    return tree


@dataclass
class Document:
    """A parsed page: its URL, its tree, and its structured data (filled by `structured.py`)."""

    url: str
    tree: HtmlElement
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)

    def meta_first(self, *names: str) -> str | None:
        """The first non-empty value among meta names/properties, in the order given."""
        for name in names:
            for value in self.meta.get(name.lower(), []):
                if value.strip():
                    return value.strip()
        return None
