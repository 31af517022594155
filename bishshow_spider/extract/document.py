"""Decode and parse a page once; every extraction layer reads the same `Document`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml.html import HtmlElement
from w3lib.encoding import html_to_unicode


def decode_html(body: bytes, declared_encoding: str | None = None) -> str:
    """Bytes to text: BOM, then HTTP header charset, then `<meta charset>` anywhere in the head
    (even after `<title>`), then detection; never mojibake from a silent latin-1 guess."""
    content_type = f"text/html; charset={declared_encoding}" if declared_encoding else None
    _, text = html_to_unicode(content_type, body)
    return text


def parse_html(html: str | bytes) -> HtmlElement:
    """An lxml tree for any input, including empty or fragmentary documents."""
    if isinstance(html, bytes):
        html = decode_html(html)
    # lxml refuses str input that carries an XML encoding declaration.
    if html.lstrip().startswith("<?xml"):
        html = html.split("?>", 1)[-1]
    if not html.strip():
        html = "<html></html>"
    try:
        return lxml.html.document_fromstring(html)
    except Exception:  # lxml raises ParserError for documents with no elements at all
        return lxml.html.document_fromstring("<html><body></body></html>")


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
