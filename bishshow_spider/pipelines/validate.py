"""Reject articles that are not worth archiving: no title or no body text."""

from __future__ import annotations

from typing import Any

from scrapy.exceptions import DropItem

from bishshow_spider.extract.model import Article


def rejection_reason(article: Article) -> str | None:
    """Why `article` must not be archived, or None if it is fine."""
    # A bilingual page may carry only its split titles; any one of them names the article.
    if not any((t or "").strip() for t in (article.title, article.title_bn, article.title_en)):
        return "no title"
    if not article.body_text.strip():
        return "no body text"
    return None


class ValidatePipeline:
    """Item pipeline dropping invalid articles; `PageFailure` and other items pass through."""

    def process_item(self, item: Any) -> Any:
        """Return the item, or raise `DropItem` with the reason."""
        if isinstance(item, Article) and (reason := rejection_reason(item)):
            raise DropItem(reason)
        return item
