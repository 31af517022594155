"""JSON-LD, meta, microdata and microformat readers on small inline pages."""

from __future__ import annotations

import pytest

from bishshow_spider.extract.document import Document, parse_html
from bishshow_spider.extract.structured import (
    CANONICAL_KEY,
    LANG_KEY,
    TITLE_KEY,
    JsonLd,
    Selector,
    index_page,
    load_structured,
    node_types,
    parse_jsonld,
    read_microdata,
    read_microformats,
)

YOAST = """<html lang="en-US"><head><title>এমপির ভাইকে হত্যা | UKBDNEWS</title>
<meta charset="utf-8">
<link rel="canonical" href="https://ukbdnews.com/2020/08/23646/">
<meta property="og:title" content="এমপির ভাইকে হত্যা | UKBDNEWS">
<meta property="article:published_time" content="2020-08-29T09:46:06+00:00">
<meta property="article:tag" content="one"><meta property="article:tag" content="two">
<meta itemprop="headline " content="এমপির ভাইকে হত্যা">
<script type="application/ld+json" class="yoast-schema-graph">{"@context":"https://schema.org",
"@graph":[{"@type":"WebSite","@id":"https://ukbdnews.com/#website","name":"UKBDNEWS"},
{"@type":"WebPage","@id":"https://ukbdnews.com/2020/08/23646/#webpage","name":"x",
 "datePublished":"2020-08-29T09:46:06+00:00",
 "author":{"@id":"https://ukbdnews.com/#/schema/person/6f84"}},
{"@type":"Person","@id":"https://ukbdnews.com/#/schema/person/6f84","name":"satter"}]}</script>
</head><body></body></html>"""


def _doc(html: str, url: str = "https://example.com/a") -> Document:
    doc = Document(url, parse_html(html))
    load_structured(doc)
    return doc


def test_yoast_graph_without_article_resolves_person_by_id() -> None:
    doc = _doc(YOAST)
    ld = JsonLd(doc.jsonld)
    assert [sorted(node_types(n)) for n in doc.jsonld] == [["WebSite"], ["WebPage"], ["Person"]]
    assert ld.article() is None
    webpage = ld.webpage()
    assert webpage is not None and webpage["datePublished"] == "2020-08-29T09:46:06+00:00"
    assert [a["name"] for a in ld.get(webpage, "author")] == ["satter"]


def test_meta_keys_values_and_page_facts() -> None:
    doc = _doc(YOAST)
    assert doc.meta["og:title"] == ["এমপির ভাইকে হত্যা | UKBDNEWS"]
    assert doc.meta["article:tag"] == ["one", "two"]
    assert doc.meta["itemprop:headline"] == ["এমপির ভাইকে হত্যা"]  # "headline " trimmed
    assert doc.meta[CANONICAL_KEY] == ["https://ukbdnews.com/2020/08/23646/"]
    assert doc.meta[LANG_KEY] == ["en-US"]
    assert doc.meta[TITLE_KEY] == ["এমপির ভাইকে হত্যা | UKBDNEWS"]
    assert doc.meta_first("article:published_time") == "2020-08-29T09:46:06+00:00"


@pytest.mark.parametrize(
    ("text", "headlines"),
    [
        ('{"@type": "NewsArticle", "headline": "A"}', ["A"]),
        ('{"@type": "NewsArticle", "headline": "A",}', ["A"]),  # trailing comma
        ('{"@type": "NewsArticle", "headline": "line\nbreak\tand tab"}', ["line\nbreak\tand tab"]),
        ('<!-- {"@type": "NewsArticle", "headline": "A"} -->', ["A"]),
        ('//<![CDATA[\n{"@type": "NewsArticle", "headline": "A"}\n//]]>', ["A"]),
        (
            '{"@type": "NewsArticle", "headline": "A"}\n{"@type": "BlogPosting", "headline": "B"}',
            ["A", "B"],
        ),
        ('[{"@type": "NewsArticle", "headline": "A"}, {"@type": "Thing"}];', ["A"]),
        ('{"@type": "NewsArticle", "headline": "A"} {"broken": ', ["A"]),
        ("not json at all", []),
        ("", []),
    ],
)
def test_parse_jsonld_tolerates_broken_blocks(text: str, headlines: list[str]) -> None:
    doc = _doc(f'<html><head><script type="application/ld+json">{text}</script></head></html>')
    assert [n["headline"] for n in doc.jsonld if "headline" in n] == headlines


def test_parse_jsonld_never_raises_on_garbage() -> None:
    for text in ["{", "}", "[[[", '{"a": [1, 2', "\x00\x01", "<![CDATA[", "{,}"]:
        assert isinstance(parse_jsonld(text), list)


def test_article_node_prefers_specific_type_and_finds_nested_and_type_lists() -> None:
    nodes = parse_jsonld(
        '[{"@type": "WebPage", "mainEntity": {"@type": ["Article"], "name": "generic"}},'
        ' {"@type": ["http://schema.org/ReportageNewsArticle", "Thing"], "headline": "news"},'
        ' {"@type": "VideoObject", "name": "embed"}]'
    )
    ld = JsonLd([n for v in nodes for n in (v if isinstance(v, list) else [v])])
    article = ld.article()
    assert article is not None and article["headline"] == "news"
    assert len(ld.articles()) == 2  # the nested Article counts, the VideoObject does not


def test_articles_listed_in_a_collection_are_not_the_page_article() -> None:
    nodes = parse_jsonld(
        '{"@type": "CollectionPage", "name": "Archive",'
        ' "hasPart": [{"@type": "NewsArticle", "headline": "one of the day"}]}'
    )
    ld = JsonLd([n for v in nodes for n in (v if isinstance(v, list) else [v])])
    assert ld.article() is None


MICRO = """<html><body class="single single-post postid-1">
<article class="post hentry" itemscope itemtype="https://schema.org/NewsArticle">
 <h1 class="entry-title" itemprop="headline">The headline</h1>
 <span class="byline author vcard">By
  <a class="url fn" rel="author" href="/author/jane/">Jane Doe</a></span>
 <time class="entry-date published" datetime="2021-03-09T01:17:00+06:00">৯ মার্চ ২০২১</time>
 <abbr class="updated" title="2021-03-10T08:00:00+06:00">10 March</abbr>
 <meta itemprop="datePublished" content="2021-03-09T01:17:00+06:00">
 <span itemprop="author" itemscope itemtype="https://schema.org/Person">
<span itemprop="name">Jane Doe</span></span>
 <span itemprop="articleSection">রাজনীতি</span>
 <a rel="category tag" href="/category/politics/">রাজনীতি</a>
 <a rel="tag" href="/tag/dhaka/">ঢাকা</a><a rel="tag" href="/tag/vote/">ভোট</a>
 <a rel="tag" href="/search/label/x" aria-label="খেলা" data-text="খেলা"></a>
</article>
<div class="related"><h3 class="entry-title">Another post</h3></div>
<div itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Org</span></div>
</body></html>"""


def test_microformats() -> None:
    index = index_page(
        parse_html(MICRO), {"hentry", "entry-title", "published", "entry-date", "updated", "fn"}
    )
    mf = read_microformats(index)
    assert mf.entries == 1
    assert mf.title == "The headline"
    assert mf.published == "2021-03-09T01:17:00+06:00"
    assert mf.updated == "2021-03-10T08:00:00+06:00"
    assert mf.authors == ["Jane Doe"]
    assert mf.tags == ["ঢাকা", "ভোট", "খেলা"]  # the last named only for screen readers
    assert mf.categories == ["রাজনীতি"]


def test_microdata_reads_article_props_and_person_author() -> None:
    md = read_microdata(index_page(parse_html(MICRO), ()).itemprops)
    assert md["headline"] == ["The headline"]
    assert md["datepublished"] == ["2021-03-09T01:17:00+06:00"]
    assert md["author"] == ["Jane Doe"]
    assert md["articlesection"] == ["রাজনীতি"]
    assert "name" not in md  # the Organization's name is not the article's


def test_selectors_match_whole_class_tokens_in_selector_order() -> None:
    tree = parse_html(
        '<div class="td-post-title-wrap"><h1>wrong</h1></div>'
        '<header class="td-post-title"><h1>right</h1></header><h1 class="post-title">second</h1>'
    )
    selectors = Selector.parse("h1.post-title, header.td-post-title h1")
    index = index_page(tree, {s.cls for s in selectors})
    assert [el.text for el in index.select(selectors)] == ["second", "right"]
