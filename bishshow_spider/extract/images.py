"""Images of the article body, with their captions, as absolute URLs."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from bishshow_spider.extract.model import Image
from bishshow_spider.extract.text import normalize_line
from bishshow_spider.extract.urls import join_url

# Lazy-loading plugins keep the real URL here and a placeholder in `src`.
_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-url", "src")
# A class token ending in "caption" names one (wp-caption-text, img-caption, tr-caption,
# wp-element-caption), whatever the theme's prefix.
_CAPTION_CLASS = re.compile(r"(?:^|[-_])caption(?:[-_]text)?$", re.IGNORECASE)
# The image elements: AMP pages show `amp-img` (its `<noscript><img>` fallback is dropped with
# the other scripts' content when the body is cleaned).
IMAGE_TAGS = ("img", "amp-img")
_CAPTION_TAGS = frozenset({"p", "div", "td", "span", "figcaption"})
_DESCENDANT_CLASSES = etree.XPath("descendant::*/@class")
# WordPress serves resized copies as name-696x392.jpg beside name.jpg.
_SIZE_SUFFIX = re.compile(r"-\d{2,4}x\d{2,4}(?=\.\w+$)")


def _source(img: HtmlElement) -> str | None:
    for attr in _SRC_ATTRS:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return value
    srcset = (img.get("data-srcset") or img.get("srcset") or "").strip()
    return srcset.split(",")[0].split()[0] if srcset else None


def _is_pixel(img: HtmlElement) -> bool:
    """Tracking pixels and spacers: declared 1–2 px wide or high."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 2:
            return True
    return False


def _caption(img: HtmlElement) -> str | None:
    # Captions sit within three levels of the image: figure > figcaption, div.wp-caption >
    # p.wp-caption-text, Blogger's table.tr-caption-container > td.tr-caption, or a lightbox
    # link's data-caption (tagDiv).
    for depth, ancestor in enumerate(img.iterancestors()):
        if ancestor.get("data-caption"):
            return normalize_line(ancestor.get("data-caption", "")) or None
        if ancestor.tag == "figure":
            for cap in ancestor.iter("figcaption"):
                return normalize_line(cap.text_content()) or None
        elif depth >= 4:  # Blogger: img > a > td > tr > tbody, caption in the next row
            break
        # Class values from XPath (in C), in document order; every caption class contains
        # "caption", so most values are ruled out by one substring test.
        for value in _DESCENDANT_CLASSES(ancestor):
            if "caption" not in value:
                continue
            el = value.getparent()
            if el.tag in _CAPTION_TAGS and any(_CAPTION_CLASS.search(c) for c in value.split()):
                return normalize_line(el.text_content()) or None
        if ancestor.tag == "figure":  # a figure's caption is inside it or there is none
            break
    return None


def extract_images(node: HtmlElement, base_url: str) -> list[Image]:
    """Images under `node` in document order, deduplicated, with their captions."""
    images: dict[str, Image] = {}
    for img in node.iter(*IMAGE_TAGS):
        src = _source(img)
        if not src or _is_pixel(img):
            continue
        url = join_url(base_url, src)
        if url is not None and url not in images:
            images[url] = Image(src=url, caption=_caption(img))
    return list(images.values())


def image_key(url: str) -> str:
    """An image's identity across its resized copies: the file name without a size suffix."""
    name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
    return _SIZE_SUFFIX.sub("", name)


def featured_image(tree: HtmlElement, declared: str, base_url: str) -> Image | None:
    """The declared lead image (og:image, JSON-LD) if the page shows it, with its caption.

    A declared image the page never shows is often a site logo, so it is not trusted alone.
    """
    key = image_key(declared)
    stem = _key_stem(key)
    # The URL join costs 10x the substring test: a joined URL's file name is one of the path
    # segments of `src` or of the base, verbatim, so a src whose text (and the base's) lacks the
    # key's stem cannot match. Printable ASCII only: lower-casing a part then lower-cases its
    # slice, and there are no tabs or newlines for `urlsplit` to delete.
    base = base_url.lower() if _plain(base_url) and stem else None
    for img in tree.iter(*IMAGE_TAGS):
        src = _source(img)
        if not src:
            continue
        if base is not None and _plain(src) and stem not in src.lower() and stem not in base:
            continue
        joined = join_url(base_url, src)
        if joined is not None and image_key(joined) == key:
            return Image(src=declared, caption=_caption(img))
    return None


def _plain(url: str) -> bool:
    return url.isascii() and url.isprintable()


def _key_stem(key: str) -> str:
    """The start every file name with this `image_key` has: the key without its extension
    (the size suffix `image_key` removes sits just before the extension)."""
    return key[: key.rfind(".")] if "." in key else key
