"""A small Twisted web server for a generated site on 127.0.0.1, for the crawl benchmarks.

    .venv/bin/python -m bench.twisted_server --root DIR [--port 0]

Prints its base URL on the first line of stdout once it listens. Serves files and directory
indexes, redirects a directory URL without its slash, answers 404 with the site's 404 page, and
rewrites the live origin to its own as fixtures/server.py does. Twisted rather than http.server:
the threaded standard-library server is slower than the crawl it should be feeding, and it would
make the bare crawler's "ceiling" a measure of the server instead.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from twisted.internet import reactor as _reactor
from twisted.web.http import Request as HttpRequest
from twisted.web.resource import Resource
from twisted.web.server import Request, Site

from fixtures.site_config import SITE_ORIGIN

reactor: Any = _reactor  # the global reactor's type does not show its interfaces to mypy

LOOPBACK = "127.0.0.1"
CONTENT_TYPES = {
    ".html": b"text/html; charset=utf-8",
    ".txt": b"text/plain; charset=utf-8",
    ".xml": b"application/xml; charset=utf-8",
}


def origin_pairs(base_url: str) -> list[tuple[bytes, bytes]]:
    """(live, loopback) spellings of the origin: plain, JSON-escaped and percent-encoded."""
    pairs = [
        (SITE_ORIGIN, base_url),
        (SITE_ORIGIN.replace("/", "\\/"), base_url.replace("/", "\\/")),
        (
            SITE_ORIGIN.replace(":", "%3A").replace("/", "%2F"),
            base_url.replace(":", "%3A").replace("/", "%2F"),
        ),
    ]
    return [(old.encode(), new.encode()) for old, new in pairs]


class StaticSite(Resource):
    """Every path of one site root, as a leaf resource (no per-segment child lookups)."""

    isLeaf = True

    def __init__(self, root: Path) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.root = root.resolve()
        self.pairs: list[tuple[bytes, bytes]] = []
        not_found = self.root / "404.html"
        self.not_found = not_found.read_bytes() if not_found.exists() else b"Not Found"

    def render_GET(self, request: Request) -> bytes:
        path = unquote((request.path or b"/").decode("latin-1"), encoding="utf-8")
        file = (self.root / path.lstrip("/")).resolve()
        if not file.is_relative_to(self.root) or file.name.startswith("_"):
            return self._missing(request)
        if file.is_dir():
            if not path.endswith("/"):
                request.setResponseCode(301)
                location = (request.path or b"/") + b"/"
                request.setHeader(b"Location", location)  # type: ignore[no-untyped-call]
                return b""
            file = file / "index.html"
        if not file.is_file():
            return self._missing(request)
        content_type = CONTENT_TYPES.get(file.suffix, b"text/plain")
        request.setHeader(b"Content-Type", content_type)  # type: ignore[no-untyped-call]
        return self._rewrite(file.read_bytes())

    def _missing(self, request: Request) -> bytes:
        request.setResponseCode(404)
        request.setHeader(b"Content-Type", CONTENT_TYPES[".html"])  # type: ignore[no-untyped-call]
        return self._rewrite(self.not_found)

    def _rewrite(self, data: bytes) -> bytes:
        for old, new in self.pairs:
            data = data.replace(old, new)
        return data


class QuietSite(Site):
    """No access log: writing a line per request would cost the server more than serving."""

    def log(self, request: HttpRequest) -> None:
        pass


def main() -> None:
    """Listen, print the base URL, serve until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    resource = StaticSite(args.root)
    site = QuietSite(resource)  # type: ignore[no-untyped-call]
    port = reactor.listenTCP(args.port, site, interface=LOOPBACK)
    base_url = f"http://{LOOPBACK}:{port.getHost().port}"
    resource.pairs = origin_pairs(base_url)
    print(base_url, flush=True)
    reactor.run()


if __name__ == "__main__":
    main()
