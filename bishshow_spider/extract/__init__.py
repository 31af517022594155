"""Pure extraction: `url + html` in, an `Article` out; no Scrapy, no I/O."""

from bishshow_spider.extract.article import Page, extract_article, parse_page
from bishshow_spider.extract.model import Article, Block, Image, PageFailure, RelatedPost, Section

__all__ = [
    "Article",
    "Block",
    "Image",
    "Page",
    "PageFailure",
    "RelatedPost",
    "Section",
    "extract_article",
    "parse_page",
]
