"""Finding and cleaning the body node, images, and body quality on real pages (aeb, ukbdnews)."""

from __future__ import annotations

import gzip
import json
import statistics
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from bishshow_spider.extract.body import extract_body
from bishshow_spider.extract.content import find_main_content
from bishshow_spider.extract.document import decode_html, parse_html
from bishshow_spider.extract.model import Image

CORPORA = Path("/work/shared/corpora")
PROSE = "<p>" + "A sentence of real article prose, with a comma. " * 8 + "</p>"
PROSE_BN = "<p>" + "এটি প্রতিবেদনের একটি বাক্য, যা যথেষ্ট দীর্ঘ। " * 8 + "</p>"

# (case, html, layer expected, class or id of the node expected)
LAYERS: list[tuple[str, str, str, str]] = [
    (
        "microdata beats a theme class",
        f"<div class='entry-content'><div itemprop='articleBody' id='x'>{PROSE}</div></div>",
        "itemprop",
        "x",
    ),
    (
        "wp block theme",
        f"<main><div class='wp-block-post-content is-layout-flow'>{PROSE}</div></main>",
        "theme",
        "wp-block-post-content is-layout-flow",
    ),
    (
        "tagdiv",
        f"<article><div class='td-post-content tagdiv-type'>{PROSE_BN}</div></article>",
        "theme",
        "td-post-content tagdiv-type",
    ),
    (
        "blogger",
        "<div class='post-body entry-content' id='post-body-1'>"
        + "লাইনের লেখা, দীর্ঘ একটি বাক্য।<br>" * 10
        + "</div>",
        "theme",
        "post-body-1",
    ),
    (
        "an empty precise node falls through to the scorer",
        f"<div class='entry-content'>Short.</div><div id='story'>{PROSE}{PROSE}</div>",
        "generic",
        "story",
    ),
    (
        "the richest of several theme nodes (widget excerpts use the same class)",
        f"<aside><div class='entry-content' id='w'>An excerpt, short.</div></aside>"
        f"<article><div class='entry-content' id='main'>{PROSE}{PROSE}</div></article>",
        "theme",
        "main",
    ),
    (
        "generic: prose beats a link-heavy sidebar and a commented footer",
        "<div class='sidebar'>"
        + "<p><a href='/x'>A long enough link title in a list</a></p>" * 20
        + f"</div><div id='text'>{PROSE}{PROSE}</div>"
        + f"<div class='comments'>{PROSE}</div>",
        "generic",
        "text",
    ),
    (
        "generic: Japanese prose (ideographic commas, no ASCII ones) beats a promo box whose "
        "class says article",
        "<section><div class='ArticleNoteBox'><p>【初トクキャンペーン】有料記事読み放題！今なら"
        "2カ月間月額100円！詳しくはこちら</p></div></section><main><div id='jp'>"
        + "<p>気象庁は13日、午後9時19分ごろ、日向灘で震度5弱の地震があったと発表した。</p>" * 10
        + "</div></main>",
        "generic",
        "jp",
    ),
    (
        "generic: inline scripts do not cancel the prose around them",
        "<section><div class='text-box'><p>제보자의 신분은 철저히 보호되며, 개인정보는 취재를 "
        "위해서만 사용됩니다, 동의해 주세요.</p></div></section><main><div id='ko'>"
        + "<p>이틀간의 영남 공략을 마친 후보는 15일, 텃밭 호남을 찾아 표밭을 다졌다.</p>"
        + "<script>"
        + "  var x = 1;\n" * 400
        + "</script>"
        + "<p>경상도에서 전라도를 가로지르는 유세로, 국민통합 지도자 면모를 부각했다.</p>" * 15
        + "</div></main>",
        "generic",
        "ko",
    ),
    (
        "generic: a <br>-separated body with no class",
        "<div class='nav'><a href='/'>Home</a></div><div id='br'>"
        + "প্রথম লাইনের লেখা, একটু দীর্ঘ করে লেখা।<br>" * 12
        + "</div>",
        "generic",
        "br",
    ),
]


@pytest.mark.parametrize(("name", "html", "layer", "marker"), LAYERS, ids=[c[0] for c in LAYERS])
def test_find_main_content(name: str, html: str, layer: str, marker: str) -> None:
    node, found, _ = find_main_content(parse_html(f"<html><body>{html}</body></html>"))
    assert node is not None
    assert found == layer
    assert marker in (node.get("id"), node.get("class"))


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<div><p>One two</p></div>", 7),
        ("<div><p>One two</p><script>\n    var a = 1;\n    var b = 2;\n</script></div>", 7),
        ("<div>One<style>p { color: red }</style></div>", 3),
        ("<div><script>only();</script></div>", 0),
    ],
)
def test_text_length_excludes_scripts_as_measured(html: str, expected: int) -> None:
    # Whitespace inside a script must not be subtracted from the folded total twice over.
    from bishshow_spider.extract.nodes import text_length

    node = parse_html(f"<html><body>{html}</body></html>").find(".//div")
    assert node is not None
    assert abs(text_length(node) - expected) <= 1


# (case, body html, whether the credit label is expected gone)
IMG = "<img src='a.png'>"
CREDITS: list[tuple[str, str, bool]] = [
    ("credit after image and br", f"<p>{IMG}<br><em>(Credit: Jane Doe / Agency)</em></p>", True),
    ("after a linked image", f"<p><a href='/a'>{IMG}</a> <small>Photo: AFP</small></p>", True),
    ("Bengali photo label", f"<p>{IMG}<span>ছবি: সংগৃহীত</span></p>", True),
    ("emphasis not after an image", "<p><em>Credit: where it is due</em> is an idiom.</p>", False),
    ("prose between image and label", f"<p>{IMG} and text <em>Photo: x</em></p>", False),
    ("a long caption is prose", f"<p>{IMG}<em>Photo: " + "words " * 40 + "</em></p>", False),
]  # fmt: skip


@pytest.mark.parametrize(("name", "html", "gone"), CREDITS, ids=[c[0] for c in CREDITS])
def test_image_credits_dropped(name: str, html: str, gone: bool) -> None:
    from bishshow_spider.extract.content import clean_content

    node = parse_html(f"<html><body><div id='b'>{html}</div></body></html>").find(".//div")
    assert node is not None
    label = node.xpath("string(.//em|.//small|.//span)").strip()
    clean_content(node)
    assert (label not in node.text_content()) is gone


def test_no_text_no_node() -> None:
    assert find_main_content(parse_html("<html><body><img src='a.png'></body></html>")) == (
        None,
        "",
        None,
    )


def test_tree_left_untouched() -> None:
    html = f"<body><div class='entry-content'>{PROSE}<script>x()</script></div></body>"
    tree = parse_html(html)
    extract_body(tree, "https://example.com/a/")
    assert tree.xpath("count(//script)") == 1


def test_images_with_captions_absolute() -> None:
    html = f"""<body><div class="entry-content">{PROSE}
      <figure><img src="/up/a.jpg"><figcaption>ছবির ক্যাপশন</figcaption></figure>
      <div class="wp-caption"><img data-src="b.jpg" src="data:image/gif;base64,R0"><p
        class="wp-caption-text">Old caption</p></div>
      <img src="/px.gif" width="1" height="1"><img src="/up/a.jpg">
      <div style="display:none"><img src="/logo.png"></div></div></body>"""
    body = extract_body(parse_html(html), "https://example.com/2025/01/x/")
    assert body.images == [
        Image("https://example.com/up/a.jpg", "ছবির ক্যাপশন"),
        Image("https://example.com/2025/01/x/b.jpg", "Old caption"),
    ]
    assert "caption" not in body.text.lower()


@pytest.mark.parametrize(
    "under",
    ["<p><em>মাসকাটে বৈঠক। ছবি: এএফপি</em></p>", '<p style="text-align: center">মাসকাটে বৈঠক।</p>'],
)
def test_a_caption_typed_under_a_picture_is_its_caption_not_body(under: str) -> None:
    html = f"""<body><div class="entry-content">{PROSE}
      <p><a href="/up/big.jpg"><img src="/up/meeting.jpg"></a></p>{under}
      <p><em>An italic line of the story that follows prose, not a picture.</em></p>
      {PROSE}</div></body>"""
    body = extract_body(parse_html(html), "https://example.com/a/")
    caption = "মাসকাটে বৈঠক।" + (" ছবি: এএফপি" if "em" in under else "")
    assert body.images == [Image("https://example.com/up/meeting.jpg", caption)]
    assert "মাসকাটে" not in body.text
    assert "An italic line of the story" in body.text


def test_jsonld_article_body_used_only_when_markup_fails() -> None:
    tree = parse_html("<body><div class='app'>Loading…</div></body>")
    lines = [f"Line {n} of the story, told in words." for n in range(20)]
    article_body = "\n".join([*lines, "- a bullet"])
    body = extract_body(tree, "https://example.com/a/", article_body=article_body)
    assert body.layer == "jsonld"
    assert body.text == "\n".join([*lines, "a bullet"])
    assert body.sections[0].blocks[-1].kind == "bullet"
    tree = parse_html(f"<body><div class='entry-content'>{PROSE}</div></body>")
    body = extract_body(tree, "https://example.com/a/", article_body="A summary.")
    assert body.layer == "theme"


# --- real pages -------------------------------------------------------------------------------

# Measured with bench/quality.py: ours 0.959, trafilatura 0.955 on these 60 pages.
AEB_MIN_MEAN_F1 = 0.95


def _word_f1(predicted: str, truth: str) -> float:
    pred = Counter(unicodedata.normalize("NFC", predicted).split())
    gold = Counter(unicodedata.normalize("NFC", truth).split())
    common = sum((pred & gold).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def _page(path: Path) -> str:
    return decode_html(gzip.decompress(path.read_bytes()))


def _body(html: str, url: str) -> str:
    tree = parse_html(html)
    return extract_body(tree, url, title=None).text


needs_corpora = pytest.mark.skipif(not CORPORA.exists(), reason="corpora not available")


@needs_corpora
def test_aeb_mean_body_f1() -> None:
    truth = json.loads((CORPORA / "aeb" / "ground-truth.json").read_text())
    scores = [
        _word_f1(
            _body(_page(CORPORA / "aeb" / "html" / f"{key}.html.gz"), item["url"]),
            item["articleBody"],
        )
        for key, item in truth.items()
    ]
    assert len(scores) == 60
    assert statistics.mean(scores) >= AEB_MIN_MEAN_F1


@needs_corpora
def test_ukbdnews_body_snippets() -> None:
    evaldata = json.loads((CORPORA / "trafilatura" / "evaldata_subset.json").read_text())
    url = "https://ukbdnews.com/2020/08/23646/"
    item = evaldata[url]
    html = _page(CORPORA / "trafilatura" / "html" / f"{item['file']}.gz")
    body = extract_body(parse_html(html), url, title=item["title"])
    text = " ".join(unicodedata.normalize("NFC", body.text).split())
    for snippet in item["with"]:
        assert " ".join(unicodedata.normalize("NFC", snippet).split()) in text
    for snippet in item["without"]:
        assert unicodedata.normalize("NFC", snippet).strip() not in text
    assert body.layer == "theme"
    # The related block ("এই বিভাগের আরো খবর") is read as related posts, not body.
    assert len(body.related) == 6
    assert all(post.url.startswith("https://ukbdnews.com/2021/09/") for post in body.related)
    assert "দেওলিয়া ঘোষণার পরিকল্পনা ছিল ইভ্যালির সিইও রাসেলের" in [p.title for p in body.related]
    # The hidden logo block and the ad are not body; the article's two paragraphs are.
    assert [len(s.blocks) for s in body.sections] == [2]


AD_PAGE = """<html><body><article><h1>শিরোনাম</h1><div class="entry-content">
<p>প্রথম অনুচ্ছেদে যথেষ্ট লেখা আছে যাতে এটি মূল লেখা হিসেবে ধরা পড়ে এবং বাছাইয়ে টিকে থাকে।</p>
{slot}
<p>দ্বিতীয় অনুচ্ছেদেও লেখা আছে, যা প্রতিবেদনের বাকি অংশ; বিজ্ঞাপনের পরে লেখা চলতে থাকে।</p>
<p>তৃতীয় অনুচ্ছেদ আরও তথ্য দেয়, যাতে মূল অংশটি দুইশো অক্ষরের বেশি হয় এবং নিশ্চিতভাবে ধরা পড়ে।</p>
</div></article></body></html>"""


@pytest.mark.parametrize(
    "slot",
    [
        '<div class="jeg_ad jeg_ad_article"><a href="https://ads.example/">বিজ্ঞাপন</a></div>',
        '<div class="ad-slot"><span>Advertisement</span></div>',
        "<p>Advertisement:</p>",
        "<p><em>বিজ্ঞাপন</em></p>",
    ],
)
def test_ad_slots_and_their_labels_are_not_body(slot: str) -> None:
    from bishshow_spider.extract import extract_article

    article = extract_article(AD_PAGE.format(slot=slot), "https://example.com/a")
    texts = [b.text for s in article.sections for b in s.blocks]
    assert len(texts) == 3
    assert not any(t == "বিজ্ঞাপন" or t.lower().startswith("advertisement") for t in texts)


@pytest.mark.parametrize("name", ["header", "shadow-box", "badge", "download", "lead"])
def test_words_containing_ad_are_not_ad_slots(name: str) -> None:
    from bishshow_spider.extract import extract_article

    slot = f'<p class="{name}">চতুর্থ অনুচ্ছেদটিও লেখার অংশ।</p>'
    article = extract_article(AD_PAGE.format(slot=slot), "https://example.com/a")
    assert any("চতুর্থ" in b.text for s in article.sections for b in s.blocks)


def _slot_article(slot: str) -> object:
    from bishshow_spider.extract import extract_article

    return extract_article(AD_PAGE.format(slot=slot), "https://example.com/a")


def _texts(article: object) -> list[str]:
    return [b.text for s in article.sections for b in s.blocks]  # type: ignore[attr-defined]


def test_an_ad_label_takes_its_banner_with_it() -> None:
    """Ad Inserter's `code-block` has no ad word in its class: the label says what it is."""
    article = _slot_article(
        '<div class="code-block code-block-3"><span>বিজ্ঞাপন</span><a href="https://ads.example/c">'
        '<img src="/ads/walton-300x250.jpg" width="300" height="250"></a></div>'
    )
    assert article.images == []  # type: ignore[attr-defined]
    assert len(_texts(article)) == 3


@pytest.mark.parametrize(
    "slot",
    [
        '<div><h3>ট্যাগ</h3><ul><li><a href="/t/1">চট্টগ্রাম বন্দর</a></li>'
        '<li><a href="/t/2">কনটেইনার</a></li></ul></div>',
        '<div class="field"><div class="field__item"><a href="/commerce">বাণিজ্য</a></div></div>',
        '<figure class="kg-card"><a href="/other-post/"><div>অন্য একটি লেখার শিরোনাম</div>'
        '<div>তার ছোট বিবরণ</div><img src="/thumb.jpg" width="400" height="300"></a></figure>',
        '<div class="playlist">'
        + "".join(
            f'<a href="/2025/12/{n}/"><h3>ভিডিও প্রতিবেদন নম্বর {n}: দিনের গুরুত্বপূর্ণ খবর</h3>'
            f"<span>রাজনীতি০৪:{n}২</span></a>"
            for n in range(8)
        )
        + "</div>",
        '<div class="stats"><span>৬৪৮ বার দেখা হয়েছে</span><a href="#c">২টি মন্তব্য</a></div>',
    ],
    ids=["tags-field", "category-chip", "bookmark-card", "long-list-of-links", "counters"],
)
def test_blocks_of_links_are_navigation_whatever_their_class(slot: str) -> None:
    article = _slot_article(slot)
    assert len(_texts(article)) == 3
    assert article.images == []  # type: ignore[attr-defined]


def test_prose_with_many_links_is_not_a_list_of_links() -> None:
    link = '<a href="/2025/12/{n}/">আরেকটি প্রতিবেদন</a>'
    prose = " ".join(f"বাক্যের শুরু {link.format(n=n)} এবং বাক্যের শেষ অংশ।" for n in range(12))
    article = _slot_article(f"<div><p>{prose}</p></div>")
    assert len(_texts(article)) == 4


def test_a_photo_linking_to_its_full_size_is_kept() -> None:
    article = _slot_article(
        '<div><a href="/uploads/port-full.jpg"><img src="/uploads/port.jpg" width="800" '
        'height="450"></a></div>'
    )
    assert [i.src for i in article.images] == ["https://example.com/uploads/port.jpg"]  # type: ignore[attr-defined]


def test_a_field_whose_label_is_visually_hidden_is_not_hidden() -> None:
    """Drupal's `field--label-visually_hidden` hides the label ("Image"), not the image."""
    article = _slot_article(
        '<div class="field field--label-visually_hidden">'
        '<div class="field__label visually-hidden">Image</div>'
        '<div class="field__item"><img src="/ships.jpg" width="960" height="540"></div></div>'
    )
    assert [i.src for i in article.images] == ["https://example.com/ships.jpg"]  # type: ignore[attr-defined]
    assert "Image" not in _texts(article)


def test_leading_byline_and_dateline_lines_are_not_body() -> None:
    from bishshow_spider.extract import extract_article

    page = AD_PAGE.replace(
        '<div class="entry-content">',
        '<div class="entry-content"><div>লিখেছেন: ফাহিম মোর্শেদ, পঞ্চগড়</div>'
        "<div>প্রকাশ: ০৯ ডিসেম্বর ২০২৫, সকাল ০৮:৩০ | আপডেট: ৩ ঘণ্টা আগে</div><div>৬ মিনিট পড়া</div>",
    ).format(slot="")
    article = extract_article(page, "https://example.com/a")
    assert _texts(article)[0].startswith("প্রথম অনুচ্ছেদে")
    assert article.authors == ["ফাহিম মোর্শেদ"]  # the district is the dateline's


@pytest.mark.parametrize(
    "img,src",
    [
        (
            '<img srcset="/a-640.jpg 640w, /a-1400.jpg 1400w, /a-1000.jpg 1000w" width="700">',
            "/a-1400.jpg",
        ),
        (
            '<picture><source srcset="/b-600.webp 600w, /b-1200.webp 1200w">'
            '<img alt="" width="700" height="400"></picture>',
            "/b-1200.webp",
        ),
    ],
)
def test_responsive_images_are_archived_at_their_largest(img: str, src: str) -> None:
    article = _slot_article(f"<figure>{img}<figcaption>ক্যাপশন</figcaption></figure>")
    assert [i.src for i in article.images] == [f"https://example.com{src}"]  # type: ignore[attr-defined]


def test_icons_and_avatars_are_not_article_images() -> None:
    article = _slot_article('<p><img src="/avatar.jpg" width="44" height="44"> লেখকের নাম</p>')
    assert article.images == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "a,b",
    [
        ("https://x.com/up/2025/12/port-696x392.jpg", "https://x.com/up/2025/12/port.jpg"),
        (
            "https://x.com/media/k2/items/cache/5f2b_L.jpg",
            "https://x.com/media/k2/items/cache/5f2b_XL.jpg",
        ),
        (
            "https://x.com/_next/image?url=https%3A%2F%2Fcdn.x.com%2Fm%2Fcyclone.jpg&w=640&q=75",
            "https://cdn.x.com/m/cyclone.jpg",
        ),
        (  # Pangea (VOA) names its sizes after the image id
            "https://gdb.x.com/01000000-0aff-0242-5cc3_w1023_r1_s.jpg",
            "https://gdb.x.com/01000000-0aff-0242-5cc3_w1200_r1.jpg",
        ),
        (  # TYPO3 processes one upload into copies named csm_<name>_<hash>
            "https://x.com/fileadmin/_processed_/5/b/csm_rafi-six_5b9e21c7a4.jpg",
            "https://x.com/fileadmin/_processed_/5/b/csm_rafi-six_1f07a9c3d2.jpg",
        ),
    ],
)
def test_resized_copies_of_an_image_are_one_image(a: str, b: str) -> None:
    from bishshow_spider.extract.images import image_key

    assert image_key(a) == image_key(b)
    assert image_key(a) != image_key("https://x.com/_next/image?url=%2Fother.jpg&w=640")


SIGNED = """<html><head><meta property="og:site_name" content="Example Times">
<meta name="author" content="Example Times"></head><body><article><h1>শিরোনাম</h1>
<div class="entry-content">{start}
<p>প্রথম অনুচ্ছেদে যথেষ্ট লেখা আছে যাতে এটি মূল লেখা হিসেবে ধরা পড়ে এবং বাছাইয়ে টিকে থাকে।</p>
<p>দ্বিতীয় অনুচ্ছেদেও লেখা আছে, যা প্রতিবেদনের বাকি অংশ; লেখা চলতে থাকে আরও কিছুক্ষণ।</p>
{end}</div></article></body></html>"""


@pytest.mark.parametrize(
    "start,end,authors",
    [
        ("<p><strong>Mohloai Mpesi</strong></p>", "", ["Mohloai Mpesi"]),
        ("", '<p style="text-align:right"><strong>Lê Phương</strong></p>', ["Lê Phương"]),
        ("<p><b>নিজস্ব প্রতিবেদক</b></p>", "", ["নিজস্ব প্রতিবেদক"]),
        # A bold subheading or sentence is not a signature; the site stays the author.
        ("<p><strong>পটভূমি</strong></p>", "", ["Example Times"]),
        ("", "<p><strong>সবাইকে সতর্ক থাকার আহ্বান।</strong></p>", ["Example Times"]),
    ],
)
def test_a_name_signed_in_bold_is_the_byline_when_only_the_site_is_named(
    start: str, end: str, authors: list[str]
) -> None:
    from bishshow_spider.extract import extract_article

    article = extract_article(SIGNED.format(start=start, end=end), "https://example.com/a")
    assert article.authors == authors
    body = article.body_text
    bold = (start or end).split(">")[2].split("<")[0]
    assert (bold in body) is (authors == ["Example Times"])  # a signature leaves the body


def test_the_lead_is_the_first_declared_image_the_page_shows() -> None:
    """A site's generic card declared first (og:image) and never shown gives way to the next."""
    html = (
        '<body><figure><img src="/img/lead-photo_w1023_r1_s.jpg"><figcaption>লিড ছবি</figcaption>'
        "</figure><p>A standfirst between the picture and the story.</p>"
        f"<div class='entry-content'>{PROSE}</div></body>"
    )
    body = extract_body(
        parse_html(html),
        "https://example.com/a/",
        lead_images=[
            "https://example.com/og-card.png",
            "https://example.com/img/lead-photo_w1200_r1.jpg",
        ],
    )
    assert [(i.src, i.caption) for i in body.images] == [
        ("https://example.com/img/lead-photo_w1200_r1.jpg", "লিড ছবি")
    ]


def test_a_banner_above_the_body_is_not_its_lead_image() -> None:
    from bishshow_spider.extract import extract_article

    page = AD_PAGE.replace(
        '<div class="entry-content">',
        '<div class="ad-slot"><a href="https://ads.example/c"><img src="/ads/bkash-728x90.jpg" '
        'width="728" height="90"></a></div><div class="entry-content">',
    ).format(slot="")
    assert extract_article(page, "https://example.com/a").images == []
    cover = page.replace('<div class="ad-slot">', '<div class="cover">')
    assert [i.src for i in extract_article(cover, "https://example.com/a").images] == [
        "https://example.com/ads/bkash-728x90.jpg"
    ]


def test_classes_the_pages_css_clips_out_of_sight_are_not_body_text() -> None:
    from bishshow_spider.extract.content import css_hidden_classes

    tree = parse_html(
        "<html><head><style>.a1{clip:rect(1px,1px,1px,1px);height:1px;overflow:hidden;"
        "position:absolute;width:1px}.b2{color:red}@media (max-width:600px){.c3{display:none}}"
        f"</style></head><body><div class='entry-content'>{PROSE}"
        "<p><span class='a1'>ছবির উৎস,</span><span class='c3'>Getty Images</span></p>"
        f"{PROSE}</div></body></html>"
    )
    assert css_hidden_classes(tree) == {"a1"}
    body = extract_body(tree, "https://example.com/a/")
    assert "ছবির উৎস" not in body.text and "Getty Images" in body.text


def test_a_list_of_name_post_and_date_opening_the_body_is_its_byline() -> None:
    html = (
        "<body><main><ul><li>ফারহানা পারভীন</li><li>বিবিসি নিউজ বাংলা, খুলনা</li>"
        f"<li>৬ ডিসেম্বর ২০২৫</li></ul>{PROSE_BN}{PROSE_BN}"
        "<ul><li>একটি তালিকার বিষয়</li><li>৬ ডিসেম্বর ২০২৫ থেকে চালু</li></ul></main></body>"
    )
    body = extract_body(parse_html(html), "https://example.com/a/")
    assert "ফারহানা" not in body.text
    assert "একটি তালিকার বিষয়" in body.text  # a list after the prose is the article's


def test_elementor_widget_wrappers_are_not_widgets_to_drop() -> None:
    html = (
        "<body><div class='elementor-widget elementor-widget-theme-post-content'>"
        f"<div class='elementor-widget-container'>{PROSE}{PROSE_BN}</div></div>"
        "<div class='elementor-widget elementor-widget-share-buttons'>"
        "<div class='elementor-widget-container'><a href='#'>Share on Facebook</a></div></div>"
        "</body>"
    )
    body = extract_body(parse_html(html), "https://example.com/a/")
    assert "A sentence of real article prose" in body.text
    assert "Share on" not in body.text
