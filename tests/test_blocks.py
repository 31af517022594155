"""Body structure from every markup editors produce: headings, bullets, numbered lines, quotes."""

from __future__ import annotations

import unicodedata

import lxml.html
import pytest

from bishshow_spider.extract.blocks import extract_sections, sections_text
from bishshow_spider.extract.body import extract_body
from bishshow_spider.extract.content import clean_content
from bishshow_spider.extract.document import parse_html
from bishshow_spider.extract.model import Block, Section

Outline = list[tuple[str | None, list[tuple[str, str]]]]


def outline(html: str, title: str | None = None) -> Outline:
    node = lxml.html.fragment_fromstring(html, create_parent="div")
    clean_content(node)
    return [
        (s.heading, [(b.kind, b.text) for b in s.blocks])
        for s in extract_sections(node, title=title)
    ]


TAGDIV = """
<div class="fimagecap" style="display:none"><img src="/logo.png" alt="logo">Site logo text</div>
<p>২০২৫ সালের ডিসেম্বরের শুরুতে মস্কোতে আলোচনা হয়।</p>
<p><strong>🔶 মার্কিন বিশেষ দূতদের মস্কো সফর: প্রত্যাশা ছিল বেশি, ফল কম</strong></p>
<p>কিন্তু আলোচনার শেষে রাশিয়া জানায়—</p>
<p>- “কিছু মার্কিন প্রস্তাব গ্রহণযোগ্য”,<br>- কিন্তু বেশিরভাগ “বাস্তবতার সঙ্গে মিল নেই”,</p>
<p>• এবং কোনো আনুষ্ঠানিক শান্তিচুক্তি হয়নি।</p>
"""
BLOGGER = """<div class="post-body entry-content">
<b>প্রথম অংশ</b><br>প্রথম অনুচ্ছেদের লেখা, এখানে।<br><br>
* তারকা চিহ্নের বুলেট<br>– ড্যাশের বুলেট<br>
১. প্রথম ধাপ<br>2) দ্বিতীয় ধাপ<br>
<span>শেষ লাইন।</span></div>"""
WP_BLOCKS = """
<p>Lead paragraph of the story.</p>
<h2 class="wp-block-heading">What happened</h2>
<ul class="wp-block-list"><li>First point</li><li>Second <b>point</b>
  <ul><li>Nested point</li></ul></li></ul>
<ol><li>Step one</li></ol>
<blockquote class="wp-block-quote"><p>“A quoted line.”</p><cite>Someone</cite></blockquote>
"""
KEYCAPS = """
<p><strong>🔶 সামনে কী? সম্ভাব্য তিনটি পরিস্থিতি</strong></p>
<p>১️⃣ আংশিক যুদ্ধবিরতি, কিন্তু পুরো শান্তি নয়</p>
<p>উভয় পক্ষ চাপের মুখে কিছু এলাকায় যুদ্ধ থামাতে পারে।</p>
<p>2️⃣ যুদ্ধ আরও দীর্ঘায়িত</p>
<p>সমঝোতা না হলে ২০২৬ সালেও ইউক্রেন যুদ্ধ চলতে পারে।</p>
<p>৩⃣ নতুন বড় আক্রমণ</p>
"""
FURNITURE = """
<div class="sharedaddy sd-sharing-enabled"><h3>Share this:</h3><a href="#">Facebook</a></div>
<p>Real text of the article.</p>
<div class="newsletter-signup"><p>Subscribe to our newsletter</p></div>
<p hidden>Hidden paragraph</p><p aria-hidden="true">Aria hidden</p>
<script>var x = 1;</script><style>p {}</style>
<form><input name="q"><p>Search form</p></form>
<p><strong>আরও পড়ুন:</strong> <a href="/2020/08/1/">অন্য একটি খবরের শিরোনাম</a></p>
<div class="td-post-source-tags"><a href="/tag/x/">Tag X</a></div>
<p>Closing paragraph.</p>
"""
H1_AND_EMOJI_PARAGRAPH = """
<h1>Story title</h1>
<p>🔥 An emoji-led line that is a long sentence and so stays a paragraph of the body text.</p>
<p><strong>A bold sentence that ends with a full stop.</strong></p>
<div><p>Nested once</p></div>
"""

CASES: list[tuple[str, str, Outline]] = [
    (
        "tagdiv bold emoji heading, dash and dot bullets, hidden logo dropped",
        TAGDIV,
        [
            (None, [("paragraph", "২০২৫ সালের ডিসেম্বরের শুরুতে মস্কোতে আলোচনা হয়।")]),
            (
                "🔶 মার্কিন বিশেষ দূতদের মস্কো সফর: প্রত্যাশা ছিল বেশি, ফল কম",
                [
                    ("paragraph", "কিন্তু আলোচনার শেষে রাশিয়া জানায়—"),
                    ("bullet", "“কিছু মার্কিন প্রস্তাব গ্রহণযোগ্য”,"),
                    ("bullet", "কিন্তু বেশিরভাগ “বাস্তবতার সঙ্গে মিল নেই”,"),
                    ("bullet", "এবং কোনো আনুষ্ঠানিক শান্তিচুক্তি হয়নি।"),
                ],
            ),
        ],
    ),
    (
        "blogger <br> lines, each classified",
        BLOGGER,
        [
            (
                "প্রথম অংশ",
                [
                    ("paragraph", "প্রথম অনুচ্ছেদের লেখা, এখানে।"),
                    ("bullet", "তারকা চিহ্নের বুলেট"),
                    ("bullet", "ড্যাশের বুলেট"),
                    ("numbered", "প্রথম ধাপ"),
                    ("numbered", "দ্বিতীয় ধাপ"),
                    ("paragraph", "শেষ লাইন।"),
                ],
            )
        ],
    ),
    (
        "wordpress blocks: h2, ul with nested ul, ol, blockquote",
        WP_BLOCKS,
        [
            (None, [("paragraph", "Lead paragraph of the story.")]),
            (
                "What happened",
                [
                    ("bullet", "First point"),
                    ("bullet", "Second point"),
                    ("bullet", "Nested point"),
                    ("numbered", "Step one"),
                    ("quote", "“A quoted line.”"),
                    ("paragraph", "Someone"),
                ],
            ),
        ],
    ),
    (
        "keycap numbered lines with paragraphs after them",
        KEYCAPS,
        [
            (
                "🔶 সামনে কী? সম্ভাব্য তিনটি পরিস্থিতি",
                [
                    ("numbered", "আংশিক যুদ্ধবিরতি, কিন্তু পুরো শান্তি নয়"),
                    ("paragraph", "উভয় পক্ষ চাপের মুখে কিছু এলাকায় যুদ্ধ থামাতে পারে।"),
                    ("numbered", "যুদ্ধ আরও দীর্ঘায়িত"),
                    ("paragraph", "সমঝোতা না হলে ২০২৬ সালেও ইউক্রেন যুদ্ধ চলতে পারে।"),
                    ("numbered", "নতুন বড় আক্রমণ"),
                ],
            )
        ],
    ),
    (
        "share bar, newsletter, hidden, script, form, read-more box and tags dropped",
        FURNITURE,
        [(None, [("paragraph", "Real text of the article."), ("paragraph", "Closing paragraph.")])],
    ),
    (
        "h1 title skipped; long emoji line and bold sentence stay paragraphs; no duplicates",
        H1_AND_EMOJI_PARAGRAPH,
        [
            (
                None,
                [
                    (
                        "paragraph",
                        "🔥 An emoji-led line that is a long sentence and so stays a paragraph"
                        " of the body text.",
                    ),
                    ("paragraph", "A bold sentence that ends with a full stop."),
                    ("paragraph", "Nested once"),
                ],
            )
        ],
    ),
    (
        "quotes: lines broken by <br> are one quote; who said it follows as a paragraph",
        "<blockquote>“খালে পানি না এলে এবার<br>জমি পতিত রাখতে হবে।”"
        '<span class="b-quote__citation">— মো. হাফিজুল, কৃষক</span></blockquote>'
        "<blockquote><p>A second quote.</p><p>– Someone Else</p></blockquote>",
        [
            (
                None,
                [
                    ("quote", "“খালে পানি না এলে এবার জমি পতিত রাখতে হবে।”"),
                    ("paragraph", "— মো. হাফিজুল, কৃষক"),
                    ("quote", "A second quote."),
                    ("paragraph", "– Someone Else"),
                ],
            )
        ],
    ),
]


@pytest.mark.parametrize(("name", "html", "expected"), CASES, ids=[c[0] for c in CASES])
def test_outline(name: str, html: str, expected: Outline) -> None:
    assert outline(html, title="Story title") == expected


def test_text_is_nfc() -> None:
    # য় exists precomposed (U+09DF) and as য + nukta; NFC picks one form for both.
    precomposed = outline("<p>\u09df\u09c7\u09b0 আলো</p>")
    decomposed = outline("<p>\u09af\u09bc\u09c7\u09b0 আলো</p>")
    assert precomposed == decomposed
    assert precomposed[0][1][0][1] == unicodedata.normalize("NFC", "\u09df\u09c7\u09b0 আলো")


def test_title_heading_not_repeated() -> None:
    html = "<h2>বাংলা শিরোনাম | English Title</h2><p>Body text here.</p>"
    assert outline(html, title="বাংলা শিরোনাম | English Title") == [
        (None, [("paragraph", "Body text here.")])
    ]


def test_related_posts_block_in_body_is_not_body() -> None:
    html = """<html><body><article><div class="entry-content">
      <p>The only paragraph of the article, long enough to be the body of this page for sure,
      and then some more words so that the content layer accepts it as substantial text.</p>
      <h3>Related Posts</h3><a href="/all/">View All</a>
      <div><a href="/2025/12/other-story/">Another story title</a><p>Its excerpt text.</p></div>
      <div><a href="/2025/12/third-story/">Third story title</a><p>Excerpt three.</p></div>
    </div></article></body></html>"""
    body = extract_body(parse_html(html), "https://example.com/2025/12/this-story/")
    assert "Related" not in body.text and "Another story" not in body.text
    assert body.text.startswith("The only paragraph")
    assert [p.title for p in body.related] == ["Another story title", "Third story title"]


def test_sections_text_joins_headings_and_blocks() -> None:
    sections = [Section(None, [Block("paragraph", "a")]), Section("H", [Block("bullet", "b")])]
    assert sections_text(sections) == "a\nH\nb"
