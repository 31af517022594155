"""Render a big generated news site with the fixture themes, for the crawl benchmarks.

    .venv/bin/python -m bench.sitegen --articles 5000 --out /tmp/bishshow-bench/site-5000

Article pages come from the fixture theme renderers (block theme, tagDiv, GeneratePress) fed with
`bench.corpus.make_posts`; listing pages (home, categories, tags, authors) are paginated like
WordPress and link every listed article; about 5 % of the articles are unlisted, reachable only
as someone's related post. Links keep the live origin: bench/twisted_server.py rewrites it, as
fixtures/server.py does. A finished site has a `_manifest.json`; a later run with the same
arguments reuses it instead of rendering again.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from unittest import mock
from urllib.parse import unquote

from bench.corpus import make_posts
from fixtures import feeds, site_pages
from fixtures.catalog import Post
from fixtures.site_config import AUTHOR_SLUGS, CATEGORIES, SIDEBAR_SIZE, SITE_ORIGIN
from fixtures.themes import THEMES
from fixtures.themes.common import Site, bn_number

# WordPress's default; the fixture site's 3 would make listings outnumber articles.
LISTING_PAGE_SIZE = 20
GENERATOR_VERSION = 2  # bump when the output changes, so cached sites are rebuilt


@dataclass(frozen=True)
class Manifest:
    """What a generated site holds; the same arguments give the same site."""

    articles: int
    seed: int
    version: int
    pages: int  # HTML pages a full crawl can reach (articles + listings + about)
    listing_pages: int
    bytes: int
    seconds: float


class BenchSite(Site):
    """`Site` with the listed posts and their order computed once.

    The fixture `Site` recomputes them on every call, which is quadratic on thousands of posts.
    """

    def __post_init__(self) -> None:
        super().__post_init__()
        self._listed = [p for p in self.posts if p.listed]
        self._rank = {p.id: i for i, p in enumerate(self._listed)}

    @property
    def listed(self) -> list[Post]:
        return self._listed

    def recent(self, exclude: Post | None = None) -> list[Post]:
        return [p for p in self._listed[: SIDEBAR_SIZE + 1] if p is not exclude][:SIDEBAR_SIZE]

    def neighbours(self, post: Post) -> tuple[Post | None, Post | None]:
        i = self._rank.get(post.id)
        if i is None:
            return None, None
        newer = self._listed[i - 1] if i > 0 else None
        older = self._listed[i + 1] if i + 1 < len(self._listed) else None
        return older, newer


def wordpress_pagination(listing: site_pages.Listing) -> str:
    """Pagination as WordPress's `paginate_links` prints it: 1 … 4 5 [6] 7 8 … 250.

    The fixture site lists every page number, which is right for its few pages; on a listing
    of hundreds of pages it would put hundreds of links on every page, which no real site does.
    """
    if listing.pages == 1:
        return ""

    def link(n: int, css: str = "page-numbers", text: str | None = None) -> str:
        label = text or bn_number(n)
        return f'<a class="{css}" href="{SITE_ORIGIN}{listing.page_path(n)}">{label}</a>'

    shown = {1, listing.pages, *range(listing.page - 2, listing.page + 3)}
    parts, last = [], 0
    for n in sorted(k for k in shown if 1 <= k <= listing.pages):
        if n > last + 1:
            parts.append('<span class="page-numbers dots">…</span>')
        current = f'<span aria-current="page" class="page-numbers current">{bn_number(n)}</span>'
        parts.append(current if n == listing.page else link(n))
        last = n
    if listing.page > 1:
        parts.insert(0, link(listing.page - 1, "prev page-numbers", "পূর্ববর্তী"))
    if listing.page < listing.pages:
        parts.append(link(listing.page + 1, "next page-numbers", "পরবর্তী"))
    return f'<nav class="navigation pagination" aria-label="Pagination">{"".join(parts)}</nav>\n'


def _disk(url_path: str) -> str:
    return unquote(url_path).strip("/") + ("/" if url_path.strip("/") else "") + "index.html"


def _listings(site: BenchSite) -> Iterator[tuple[str, str]]:
    """Home, category, tag and author archives, paginated."""
    listed = site.listed
    for listing in site_pages.paginate("/", "সর্বশেষ", "প্রচ্ছদ", listed, LISTING_PAGE_SIZE):
        yield _disk(listing.page_path(listing.page)), site_pages.render_home(listing, site)
    groups: list[tuple[str, str, str, list[Post]]] = []
    for slug, name in CATEGORIES.items():
        posts = [p for p in listed if p.category.slug == slug]
        groups.append((f"/category/{slug}/", name, f"archive category category-{slug}", posts))
    tags = {t.slug: t.name for p in listed for t in p.tags}
    for slug, name in sorted(tags.items()):
        posts = [p for p in listed if any(t.slug == slug for t in p.tags)]
        groups.append((f"/tag/{slug}/", name, "archive tag", posts))
    for author, slug in AUTHOR_SLUGS.items():
        posts = [p for p in listed if author in p.authors]
        groups.append((f"/author/{slug}/", f"লেখক: {author}", f"archive author-{slug}", posts))
    for base, heading, body_class, posts in groups:
        for listing in site_pages.paginate(base, heading, heading, posts, LISTING_PAGE_SIZE):
            yield (
                _disk(listing.page_path(listing.page)),
                site_pages.render_listing(listing, body_class),
            )


def site_files(posts: list[Post]) -> Iterator[tuple[str, str]]:
    """(relative path, text) of every file of the generated site."""
    site = BenchSite(posts)
    for post in posts:
        yield _disk(post.path), THEMES[post.theme](post, site)
    with mock.patch.object(site_pages, "_pagination", wordpress_pagination):
        yield from _listings(site)
    yield "about/index.html", site_pages.render_about()
    yield "404.html", site_pages.render_not_found(site)
    yield "robots.txt", feeds.robots_txt()


def build_site(out: Path, articles: int, seed: int = 1) -> Manifest:
    """Render the site into `out` (replacing it), or reuse it if it was built the same way."""
    manifest_path = out / "_manifest.json"
    if manifest_path.exists():
        cached = Manifest(**json.loads(manifest_path.read_text()))
        if (cached.articles, cached.seed, cached.version) == (articles, seed, GENERATOR_VERSION):
            return cached
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    posts = make_posts(articles, seed)
    pages = listing_pages = size = 0
    for rel, text in site_files(posts):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        target.write_bytes(data)
        size += len(data)
        if rel.endswith(".html") and rel != "404.html":
            pages += 1
            listing_pages += rel.startswith(("index.html", "page/", "category/", "tag/", "author/"))
    manifest = Manifest(
        articles,
        seed,
        GENERATOR_VERSION,
        pages,
        listing_pages,
        size,
        round(time.perf_counter() - start, 1),
    )
    manifest_path.write_text(json.dumps(asdict(manifest), indent=1) + "\n")
    return manifest


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(json.dumps(asdict(build_site(args.out, args.articles, args.seed))))


if __name__ == "__main__":
    main()
