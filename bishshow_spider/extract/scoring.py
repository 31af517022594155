"""Readability-style scorer: find the article body in markup no precise layer knows.

Every run of text is credited to its paragraph (nearest block element), each paragraph scores
for its length and commas, and passes that score to its parent (in full) and grandparent (half).
Candidates are then weighted by their class/id words and discounted by link density; siblings
of the winner that look like body (split article wrappers) are merged into one synthetic node.
"""

from __future__ import annotations

import copy

import lxml.html
from lxml.html import HtmlElement

from bishshow_spider.extract.nodes import NOT_TEXT, link_text_length, text_length
from bishshow_spider.extract.text import WordMatcher

_POSITIVE = WordMatcher(
    ("article", "body", "content", "entry", "main", "post", "text", "blog", "story", "news",
     "hentry", "prose")
)  # fmt: skip
_NEGATIVE = WordMatcher(
    ("comment", "meta", "footer", "footnote", "nav", "aside", "sidebar", "widget", "sponsor",
     "advert", "share", "social", "related", "promo", "banner", "menu", "header", "masthead",
     "popup", "modal", "subscri", "newsletter", "combx", "contact", "shoutbox", "breadcrumb",
     "byline", "author", "login", "skyscraper", "teaser", "recirc", "trending", "popular",
     "most-read", "hidden", "caption"),
    r"\bfoot",
    r"\bads?\b",
    r"\btags?\b",
)  # fmt: skip
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
        "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
        "label", "big", "strike", "tt", "ins", "del",
    }
)  # fmt: skip
_TAG_BONUS = {
    "div": 5.0, "article": 8.0, "section": 3.0, "main": 5.0, "pre": 3.0, "td": 3.0,
    "blockquote": 3.0, "form": -3.0, "ol": -3.0, "ul": -3.0, "dl": -3.0, "li": -3.0,
    "address": -3.0, "h1": -5.0, "h2": -5.0, "h3": -5.0, "h4": -5.0, "th": -5.0,
    "header": -5.0, "footer": -10.0, "nav": -15.0, "aside": -15.0,
}  # fmt: skip
_MIN_PARAGRAPH = 25
_TOP_N = 8


def _class_weight(el: HtmlElement) -> float:
    attrs = f"{el.get('class', '')} {el.get('id', '')}"
    if not attrs.strip():
        return 0.0
    weight = 0.0
    if _NEGATIVE.search(attrs):
        weight -= 25.0
    if _POSITIVE.search(attrs):
        weight += 25.0
    return weight


_PARAGRAPH_TAGS = ("p", "pre", "td")
# Containers that may hold prose directly: a Blogger `<br>` body, a bare `<div>` of text.
_CONTAINER_TAGS = ("div", "section", "article", "main", "font", "center", "span")


# str.count per mark: a third of the cost of one regex `findall` over the paragraph.
_PROSE_MARKS = (",", "।", "،", "、", "，", "。")


def _unit_score(text: str) -> float | None:
    length = len(text.strip())
    if length < _MIN_PARAGRAPH:
        return None
    # Bengali prose ends sentences with the danda, CJK prose uses ideographic commas and stops
    # (Japanese has no ASCII commas at all): they mark prose as commas do.
    commas = sum(map(text.count, _PROSE_MARKS))
    return 1.0 + commas + min(length / 100.0, 3.0)


def _paragraph_units(tree: HtmlElement) -> list[tuple[HtmlElement, float]]:
    """(the element holding a paragraph, the paragraph's score) for every paragraph of prose."""
    units: list[tuple[HtmlElement, float]] = []
    for para in tree.iter(*_PARAGRAPH_TAGS):
        parent = para.getparent()
        score = _unit_score(para.text_content())
        if score is not None and parent is not None:
            units.append((parent, score))
    holders = {br.getparent() for br in tree.iter("br")}
    for el in tree.iter(*_CONTAINER_TAGS):
        if el.text and len(el.text) >= _MIN_PARAGRAPH:
            holders.add(el)
    for holder in holders:
        if holder is None or holder.tag in _PARAGRAPH_TAGS or holder.tag in NOT_TEXT:
            continue
        # Each run of text directly in the holder is one paragraph (lines between <br>s).
        for run in (holder.text, *(child.tail for child in holder)):
            score = _unit_score(run) if run else None
            if score is not None:
                units.append((holder, score))
    return units


def _candidate_scores(units: list[tuple[HtmlElement, float]]) -> dict[HtmlElement, float]:
    scores: dict[HtmlElement, float] = {}
    for owner, score in units:
        for el, share in ((owner, score), (owner.getparent(), score / 2.0)):
            if el is None or not isinstance(el.tag, str) or el.tag in ("html", "body"):
                continue
            if el not in scores:
                scores[el] = _TAG_BONUS.get(el.tag, 0.0) + _class_weight(el)
            scores[el] += share
    return scores


def _link_density(el: HtmlElement) -> float:
    length = text_length(el)
    return link_text_length(el) / length if length else 1.0


def best_candidate(tree: HtmlElement) -> tuple[HtmlElement, HtmlElement] | None:
    """The most body-like node of the page, or None; with it, where the body starts in the
    page: the node itself, or for a synthetic merge of siblings the first of them."""
    scores = _candidate_scores(_paragraph_units(tree))
    if not scores:
        return None
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:_TOP_N]
    final = {el: scores[el] * (1.0 - _link_density(el)) for el in ranked}
    top = max(final, key=final.__getitem__)
    top_score = final[top]
    # Walk up while an ancestor scores better: the body was split across sibling wrappers.
    parent = top.getparent()
    while parent is not None and parent.tag not in ("body", "html"):
        parent_score = scores.get(parent, 0.0) * (1.0 - _link_density(parent))
        if parent_score < top_score / 3.0:
            break
        if parent_score > top_score:
            top, top_score = parent, parent_score
        parent = parent.getparent()
    top = _common_ancestor_of_peers(top, scores)
    return _merge_siblings(top, top_score, scores)


def _signature(el: HtmlElement) -> tuple[str, frozenset[str]]:
    return el.tag, frozenset((el.get("class") or "").split())


def _same_kind(el: HtmlElement, signature: tuple[str, frozenset[str]]) -> bool:
    """Same tag, and one's classes include the other's: a first block that also carries a
    modifier (`text dropcap`) is still one of the body's `text` blocks."""
    tag, classes = _signature(el)
    return tag == signature[0] and (classes <= signature[1] or signature[1] <= classes)


def _common_ancestor_of_peers(top: HtmlElement, scores: dict[HtmlElement, float]) -> HtmlElement:
    """Bodies cut into repeated same-class blocks (one per section) are joined at their lowest
    common ancestor, provided that ancestor is mostly those blocks and not a page layout."""
    signature = _signature(top)
    if not signature[1]:
        return top
    # .get: `top` may be an unscored wrapper, promoted above a candidate scoring below zero.
    floor = scores.get(top, 0.0) * 0.2
    top_ancestors = list(top.iterancestors())
    peers = [
        el
        for el, score in scores.items()
        if score >= floor
        and el is not top
        and _same_kind(el, signature)
        and el not in top_ancestors
        and top not in set(el.iterancestors())
    ]
    if not peers:
        return top
    ancestor_set = set(top_ancestors)
    common: HtmlElement | None = None
    for peer in peers:
        common = next((a for a in peer.iterancestors() if a in ancestor_set), None)
        if common is None:
            return top
        # Keep the highest common ancestor found so far (peers may sit at different depths).
        ancestor_set = {common, *common.iterancestors()}
    if common is None or common.tag in ("body", "html"):
        return top
    blocks_text = text_length(top) + sum(text_length(p) for p in peers)
    return common if text_length(common) <= blocks_text * 1.5 else top


def _with_gaps_filled(parent: HtmlElement, keep: list[HtmlElement]) -> list[HtmlElement]:
    """`keep` plus the siblings between its first and last that are not link lists: what sits
    between two parts of a body (its photo, the caption under it) belongs to it; furniture
    among them is cleaned out with the rest of the body's."""
    children = [el for el in parent if isinstance(el.tag, str)]
    first, last = children.index(keep[0]), children.index(keep[-1])
    kept = set(keep)
    return [
        el
        for el in children[first : last + 1]
        if el in kept
        or (text_length(el) == 0 and next(el.iter("img"), None) is not None)
        or _link_density(el) < 0.5
    ]


def _merge_siblings(
    top: HtmlElement, top_score: float, scores: dict[HtmlElement, float]
) -> tuple[HtmlElement, HtmlElement]:
    parent = top.getparent()
    if parent is None:
        return top, top
    threshold = max(10.0, top_score * 0.2)
    keep: list[HtmlElement] = []
    for sibling in parent:
        if not isinstance(sibling.tag, str):
            continue
        if sibling is top:
            keep.append(sibling)
            continue
        bonus = top_score * 0.2 if _class_weight(sibling) > 0 and _class_weight(top) > 0 else 0.0
        score = scores.get(sibling)
        if score is None:
            # A feed of scored blocks (a live blog's updates) scores as its blocks together.
            score = sum(scores.get(child, 0.0) for child in sibling) or None
        if score is not None and score * (1 - _link_density(sibling)) + bonus >= threshold:
            keep.append(sibling)
        elif sibling.tag == "p":
            length = text_length(sibling)
            density = _link_density(sibling)
            if (length > 80 and density < 0.25) or (0 < length <= 80 and density == 0):
                keep.append(sibling)
    if len(keep) == 1:
        return top, top
    keep = _with_gaps_filled(parent, keep)
    wrapper: HtmlElement = lxml.html.Element("div")
    wrapper.extend(copy.deepcopy(el) for el in keep)
    for el in wrapper:
        el.tail = None
    return wrapper, keep[0]
