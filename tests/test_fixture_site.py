"""The fixture site: deterministic build, faithful content, the loopback server over real HTTP."""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.error
import urllib.request
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest

from bishshow_spider.extract.model import Block, Section
from fixtures.build import MATRIX_DIR, SITE_DIR, build_all
from fixtures.catalog import CONTENT_PATH, load_posts
from fixtures.server import serve
from fixtures.site_config import SITE_ORIGIN

SEED = Path("/work/shared/seed/000_f1a0a060321ea42f.txt")
SEED_ID = 8421
BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "section",
    "article", "header", "footer", "nav", "main", "ul", "ol", "tr", "td", "table", "figure",
    "aside", "time", "span", "a",
}  # fmt: skip
POSTS = load_posts()
HIDDEN = [p for p in POSTS if not p.listed]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def visible_lines(html: str) -> list[str]:
    """Text a reader sees, one line per block element (scripts, head and hidden blocks dropped)."""
    doc = lxml.html.fromstring(html)
    for el in doc.xpath("//script|//style|//noscript|//head|//*[contains(@style,'display:none')]"):
        el.drop_tree()
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br" or el.tag in BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in doc.text_content().split("\n"))
    return [nfc(line) for line in lines if line]


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    """GET without following redirects; (status, headers, body text)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as resp:
            return resp.status, dict(resp.headers), resp.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8")


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def base_url():
    with serve() as url:
        yield url


# -- content -------------------------------------------------------------------------------------


def test_articles_json_matches_the_article_model():
    data = json.loads(CONTENT_PATH.read_text(encoding="utf-8"))
    assert len(data) >= 14
    assert len({a["id"] for a in data}) == len(data)
    assert len({a["path"] for a in data}) == len(data)
    for article in data:
        sections = [
            Section(s["heading"], [Block(**b) for b in s["blocks"]]) for s in article["sections"]
        ]
        assert sections and all(s.blocks for s in sections)
        assert (
            article["path"]
            == f"/{article['published'][:4]}/{article['published'][5:7]}/{article['slug']}/"
        )
        assert article["published"].endswith("+06:00")
        assert nfc(json.dumps(article, ensure_ascii=False)) == json.dumps(
            article, ensure_ascii=False
        )
    themes = {a["theme"] for a in data}
    assert {"tagdiv", "wp_block"} <= themes
    assert len(HIDDEN) >= 2


BN_MONTHS = {
    "জানুয়ারি": 1, "জানুয়ারী": 1, "ফেব্রুয়ারি": 2, "মার্চ": 3, "এপ্রিল": 4, "মে": 5, "জুন": 6,
    "জুলাই": 7, "আগস্ট": 8, "আগষ্ট": 8, "সেপ্টেম্বর": 9, "অক্টোবর": 10, "নভেম্বর": 11,
    "ডিসেম্বর": 12,
}  # fmt: skip
PM_WORDS = ("অপরাহ্ণ", "অপরাহ্ন", "পিএম", "বিকাল", "সন্ধ্যা", "রাত")


@pytest.mark.parametrize("post", POSTS, ids=lambda p: str(p.id))
def test_visible_date_agrees_with_published(post):
    text = nfc(post.visible_date).translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))
    local = post.published_dt
    month = next(n for name, n in BN_MONTHS.items() if nfc(name) in text)
    assert month == local.month
    assert str(local.year) in text
    assert re.search(rf"(?<![\d:]){local.day:02d}(?![\d:])|(?<![\d:]){local.day}(?![\d:])", text)
    clock = re.search(r"(\d{1,2}):(\d{2})", text)
    if clock:
        hour = int(clock.group(1)) % 12 + (12 if any(w in text for w in PM_WORDS) else 0)
        if not any(w in text for w in ("পূর্বাহ্ণ", "পূর্বাহ্ন", "এএম", *PM_WORDS)):
            hour = int(clock.group(1))  # a 24-hour clock such as "প্রকাশিত: ০১:১৭"
        assert (hour, int(clock.group(2))) == (local.hour, local.minute)


def test_related_excerpts_match_the_seed():
    seed = [nfc(line) for line in SEED.read_text(encoding="utf-8").split("\n")]
    by_id = {p.id: p for p in POSTS}
    related = [by_id[i] for i in by_id[SEED_ID].related]
    start = seed.index("View All") + 1
    blocks = [line for line in seed[start:] if line]
    assert [nfc(r.title) for r in related] == blocks[0::2]
    assert [nfc(r.summary).startswith(x) for r, x in zip(related, blocks[1::2], strict=True)] == [
        True
    ] * 3


# -- build -----------------------------------------------------------------------------------------


def test_build_is_deterministic_and_committed_output_is_current(tmp_path):
    build_all(tmp_path / "site", tmp_path / "themes_matrix")
    assert tree_bytes(tmp_path / "site") == tree_bytes(SITE_DIR), "run: python -m fixtures.build"
    assert tree_bytes(tmp_path / "themes_matrix") == tree_bytes(MATRIX_DIR)


def test_every_article_is_in_every_theme():
    index = json.loads((MATRIX_DIR / "index.json").read_text(encoding="utf-8"))
    themes = {row["theme"] for row in index}
    assert themes >= {"wp_block", "tagdiv", "generatepress", "blogger"}
    assert len(index) == len(themes) * len(POSTS)
    for row in index:
        page = (MATRIX_DIR / row["file"]).read_text(encoding="utf-8")
        post = next(p for p in POSTS if p.id == row["id"])
        assert nfc(post.title) in visible_lines(page)


def test_seed_article_text_appears_word_for_word():
    seed = [nfc(line) for line in SEED.read_text(encoding="utf-8").split("\n")]
    post = next(p for p in POSTS if p.id == SEED_ID)
    html = (SITE_DIR / post.disk_path.strip("/") / "index.html").read_text(encoding="utf-8")
    doc = lxml.html.fromstring(html)
    assert nfc(doc.findtext(".//title")) == seed[3]
    assert nfc(doc.xpath("string(//h1)")) == seed[0]
    lines = visible_lines(html)
    assert seed[1] in lines
    wanted = [line for line in seed[4:] if line]
    position = 0
    for line in wanted:  # every seed line, in order, as a whole line of the page
        assert line in lines[position:], line
        position = lines.index(line, position) + 1


def test_hidden_articles_are_linked_only_from_related_posts():
    hidden_urls = {p.url for p in HIDDEN}
    for path in SITE_DIR.rglob("*"):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".html":
            assert not any(u in text for u in hidden_urls), path
            continue
        for a in lxml.html.fromstring(text).iter("a"):
            if a.get("href") in hidden_urls:
                classes = " ".join(anc.get("class") or "" for anc in a.iterancestors())
                assert "related" in classes, (path, a.get("href"))


# -- server ----------------------------------------------------------------------------------------


def test_server_serves_home_article_404_and_shortlink(base_url):
    status, headers, body = fetch(base_url + "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert SITE_ORIGIN not in body and base_url + "/category/" in body
    assert "ETag" in headers and "Last-Modified" in headers

    seed = next(p for p in POSTS if p.id == SEED_ID)
    status, _, body = fetch(base_url + seed.path)
    assert status == 200 and "https:\\/\\/www.ajkerbishshow.com" not in body

    bengali = next(p for p in POSTS if "%" in p.path)
    assert fetch(base_url + bengali.path)[0] == 200

    status, headers, body = fetch(base_url + "/2025/11/remittance-november-report/")
    assert status == 404 and "পৃষ্ঠাটি খুঁজে পাওয়া যায়নি" in body

    status, headers, _ = fetch(f"{base_url}/?p={SEED_ID}")
    assert status == 301 and headers["Location"] == base_url + seed.path

    assert fetch(base_url + "/feed/")[1]["Content-Type"].startswith("application/rss+xml")
    assert fetch(base_url + "/sitemap.xml")[1]["Content-Type"].startswith("application/xml")
    status, headers, body = fetch(base_url + "/robots.txt")
    assert (
        headers["Content-Type"].startswith("text/plain")
        and f"Sitemap: {base_url}/sitemap.xml" in body
    )


def test_server_refuses_other_hosts():
    with pytest.raises(ValueError), serve(host="0.0.0.0"):
        pass


def test_every_article_is_reachable_from_home(base_url):
    seen: set[str] = set()
    queue = deque([base_url + "/"])
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        status, headers, body = fetch(url)
        if status != 200 or not headers["Content-Type"].startswith("text/html"):
            continue
        for href in lxml.html.fromstring(body).xpath("//a/@href"):
            target = urljoin(url, href).split("#")[0]
            if target.startswith(base_url) and urlsplit(target).query == "":
                queue.append(target)
    for post in POSTS:
        assert base_url + post.path in seen, post.id
