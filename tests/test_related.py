"""Related-posts blocks in several markups: items read, listing links ignored, block not body."""

from __future__ import annotations

import pytest

from bishshow_spider.extract.body import extract_body
from bishshow_spider.extract.document import parse_html
from bishshow_spider.extract.model import RelatedPost
from bishshow_spider.extract.nodes import base_href
from bishshow_spider.extract.related import extract_related

URL = "https://news.example.com/2025/12/05/this-story/"
BODY = "<p>" + "এই খবরের মূল লেখা, যথেষ্ট দীর্ঘ। " * 12 + "</p>"

TAGDIV = f"""<article><div class="td-post-content">{BODY}</div></article>
<div class="td_block_wrap td_block_related_posts">
 <h4 class="td-related-title"><a href="#">এই বিভাগের আরো খবর</a></h4>
 <div class="td_module_related_posts">
  <div class="td-module-thumb"><a href="https://news.example.com/2021/09/24117/"
     title="ফাঁকা ক্লাসরুমে টিকটক ভিডিও"><img src="/a.jpg" alt=""></a></div>
  <h3 class="entry-title"><a href="https://news.example.com/2021/09/24117/"
    >ফাঁকা ক্লাসরুমে টিকটক ভিডিও</a></h3>
 </div>
 <div class="td_module_related_posts">
  <h3 class="entry-title"><a href="/2021/09/24114/">গাড়িচালকের ৩০ বছরের কারাদণ্ড</a></h3>
 </div>
</div>"""

JETPACK = f"""<div class="entry-content">{BODY}
<div id="jp-relatedposts" class="jp-relatedposts">
 <h3 class="jp-relatedposts-headline"><em>Related</em></h3>
 <div class="jp-relatedposts-items">
  <div class="jp-relatedposts-post"><h4><a href="/2025/11/first-post/">First related post</a></h4>
   <p class="jp-relatedposts-post-excerpt">The excerpt of the first related post is here.</p>
   <p class="jp-relatedposts-post-date">November 3, 2025</p></div>
  <div class="jp-relatedposts-post"><h4><a href="/2025/10/second-post/">Second related post</a></h4>
  </div>
 </div>
</div></div>"""

WP_QUERY = f"""<main><div class="wp-block-post-content">{BODY}</div>
<h2 class="wp-block-heading">সম্পর্কিত খবর</h2>
<div class="wp-block-query"><ul class="wp-block-post-template">
 <li><h3 class="wp-block-post-title"><a href="/2025/12/01/bn-one/"
    >প্রথম সম্পর্কিত খবরের শিরোনাম</a></h3>
  <div class="wp-block-post-excerpt"><p>প্রথম খবরের সারাংশ, কয়েকটি শব্দে লেখা হয়েছে।</p></div></li>
 <li><h3 class="wp-block-post-title"><a href="/2025/12/02/bn-two/">দ্বিতীয় সম্পর্কিত খবর</a></h3></li>
 <li><a href="/category/world/">বিশ্ব</a></li>
</ul></div></main>"""

# The seed page's shape: a heading, a View All link, then title + excerpt items, with no class
# saying "related" anywhere; a <base> makes relative links resolve elsewhere.
SEED_LIKE = f"""<head><base href="https://cdn.example.org/"></head><body>
<div class="single-body">{BODY}</div>
<div class="x-block"><div class="x-head"><span>Related Posts</span>
  <a href="/category/world/">View All</a></div>
 <div class="x-grid">
  <div class="x-card"><a href="2025/12/b2/">B-2 বোমারু বিমানের রূপরেখা</a>
   <div>বোমারু বিমান নিয়ে বিস্তারিত বিশ্লেষণের একটি সারাংশ এখানে দেওয়া আছে […]</div></div>
  <div class="x-card"><a href="2025/12/talks/">আলোচনার আরেকটি খবর</a></div>
 </div></div></body>"""

CASES: list[tuple[str, str, list[RelatedPost]]] = [
    (
        "tagdiv td_block_related_posts",
        TAGDIV,
        [
            RelatedPost("https://news.example.com/2021/09/24117/", "ফাঁকা ক্লাসরুমে টিকটক ভিডিও"),
            RelatedPost("https://news.example.com/2021/09/24114/", "গাড়িচালকের ৩০ বছরের কারাদণ্ড"),
        ],
    ),
    (
        "jetpack jp-relatedposts with excerpt",
        JETPACK,
        [
            RelatedPost(
                "https://news.example.com/2025/11/first-post/",
                "First related post",
                "The excerpt of the first related post is here.",
            ),
            RelatedPost("https://news.example.com/2025/10/second-post/", "Second related post"),
        ],
    ),
    (
        "wp-block-query after a সম্পর্কিত খবর heading; category link ignored",
        WP_QUERY,
        [
            RelatedPost(
                "https://news.example.com/2025/12/01/bn-one/",
                "প্রথম সম্পর্কিত খবরের শিরোনাম",
                "প্রথম খবরের সারাংশ, কয়েকটি শব্দে লেখা হয়েছে।",
            ),
            RelatedPost("https://news.example.com/2025/12/02/bn-two/", "দ্বিতীয় সম্পর্কিত খবর"),
        ],
    ),
    (
        "unknown theme: Related Posts label + View All, resolved against <base>",
        SEED_LIKE,
        [
            RelatedPost(
                "https://cdn.example.org/2025/12/b2/",
                "B-2 বোমারু বিমানের রূপরেখা",
                "বোমারু বিমান নিয়ে বিস্তারিত বিশ্লেষণের একটি সারাংশ এখানে দেওয়া আছে",  # cut mark off
            ),
            RelatedPost("https://cdn.example.org/2025/12/talks/", "আলোচনার আরেকটি খবর"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "html", "expected"), CASES, ids=[c[0] for c in CASES])
def test_related_items(name: str, html: str, expected: list[RelatedPost]) -> None:
    assert extract_related(parse_html(html), URL) == expected


@pytest.mark.parametrize(("name", "html", "expected"), CASES, ids=[c[0] for c in CASES])
def test_related_block_is_not_body(name: str, html: str, expected: list[RelatedPost]) -> None:
    body = extract_body(parse_html(html), URL)
    assert body.text == " ".join(["এই খবরের মূল লেখা, যথেষ্ট দীর্ঘ।"] * 12)
    assert body.related == expected


def test_no_related_block_no_items() -> None:
    html = f"<article><div class='entry-content'>{BODY}<p><a href='/2025/01/x/'>A link</a></p>"
    assert extract_related(parse_html(html + "</div></article>"), URL) == []


def test_same_page_and_listing_links_are_not_posts() -> None:
    html = f"""<div class="related-posts"><h3>You may also like</h3>
      <a href="{URL}">This very story again</a><a href="/tag/bangladesh/">Bangladesh news tag</a>
      <a href="/author/rahim/">Rahim Uddin profile</a><a href="/2025/01/real-post/">A real post</a>
    </div>"""
    assert extract_related(parse_html(html), URL) == [
        RelatedPost("https://news.example.com/2025/01/real-post/", "A real post")
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>no base</p>", None),
        ('<head><base target="_blank"><base href="/a/"><base href="/b/"></head>', "/a/"),
        ('<head><base href=""></head>', ""),
        (
            '<body><p>late</p><base href="https://cdn.example.org/"></body>',
            "https://cdn.example.org/",
        ),
    ],
)
def test_base_href_is_the_first_base_with_an_href(html: str, expected: str | None) -> None:
    # The first `<base>` carrying an href, as written, wherever it sits (what `//base/@href` gave).
    assert base_href(parse_html(html)) == expected


def test_a_title_attribute_names_a_link_only_when_it_says_more_of_the_same() -> None:
    html = """<body><h3>Related Posts</h3><ul>
      <li><a href="/2025/12/a/" title="Permalink to: প্রথম খবরের শিরোনাম">প্রথম খবরের শিরোনাম</a></li>
      <li><a href="/2025/12/b/" title="দ্বিতীয় খবরের পুরো শিরোনাম এখানে">দ্বিতীয় খবরের…</a></li>
    </ul></body>"""
    posts = extract_related(parse_html(html), "https://news.example.com/2025/12/x/")
    assert [p.title for p in posts] == ["প্রথম খবরের শিরোনাম", "দ্বিতীয় খবরের পুরো শিরোনাম এখানে"]
