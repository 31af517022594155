"""URLs read from pages, made absolute without ever raising."""

from __future__ import annotations

from urllib.parse import urljoin


def join_url(base: str, href: str) -> str | None:
    """`urljoin(base, href)`, or None when Python cannot parse the result: pages carry links
    such as `http://[if IE 8]/` (a bracketed host that is no IP address), and one must not cost
    the whole page."""
    try:
        return urljoin(base, href)
    except ValueError:
        return None
