"""Images of the article body, with their captions, as absolute URLs."""

from __future__ import annotations

import itertools
import re
from urllib.parse import parse_qs, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from bishshow_spider.extract.model import Image
from bishshow_spider.extract.nodes import NOT_TEXT, spaced_text, text_exceeds
from bishshow_spider.extract.text import normalize_line
from bishshow_spider.extract.urls import join_url

# Lazy-loading plugins keep the real URL here and a placeholder in `src`.
_SRC_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-url", "src")
# A class token ending in "caption" names one (wp-caption-text, img-caption, tr-caption,
# wp-element-caption, K2's itemImageCaption), whatever the theme's prefix.
# Also "cap" alone or after img/image/photo (not "drop-cap": that is a first paragraph).
_CAPTION_CLASS = re.compile(
    r"(?:(?:^|[-_])[cC]|[a-z]C)aption(?:[-_][tT]ext)?$|^cap$|(?:^|[-_])(?:img|image|photo)[-_]cap$"
)
# The image elements: AMP pages show `amp-img` (its `<noscript><img>` fallback is dropped with
# the other scripts' content when the body is cleaned).
IMAGE_TAGS = ("img", "amp-img")
_MAX_ICON_PX = 100
_PROSE_CHARS = 80  # a paragraph this long is the article's text
_MAX_CAPTION_CHARS = 200
_CAPTION_TAGS = frozenset({"p", "div", "td", "span", "figcaption"})
_PICTURE_BLOCKS = ("p", "figure", "div")  # an image's own block, with no text of its own
# Utility classes setting a paragraph in small or italic print (Tailwind, Bootstrap).
_SMALL_PRINT = frozenset({"text-sm", "text-xs", "small", "italic", "fst-italic", "font-italic"})
_DESCENDANT_CLASSES = etree.XPath("descendant::*/@class")
# Resized copies of one image: WordPress's name-696x392.jpg and name-scaled.jpg beside
# name.jpg, Joomla K2's name_L.jpg beside name_XL.jpg, Pangea's id_w1023_r1_s.jpg beside
# id_w1200_r1.jpg (matched lower-cased).
_SIZE_SUFFIX = re.compile(
    r"(?:-\d{2,4}x\d{2,4}|-scaled|_w\d{2,4}(?:_r\d)?(?:_s)?|_(?:xs|s|m|l|xl|xxl))(?=\.\w+$)"
)
# TYPO3's processed copies: csm_<name>_<10 hex digits>.jpg.
_TYPO3_COPY = re.compile(r"^csm_(.+)_[0-9a-f]{10}(\.\w+)$")


def _source(img: HtmlElement) -> str | None:
    for attr in _SRC_ATTRS:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return value
    srcset = (img.get("data-srcset") or img.get("srcset") or "").strip()
    if not srcset:
        # `<picture><source srcset=...><img alt=...></picture>`: the img only holds the place.
        # libxml2 does not know `source` is empty, so the img may sit inside it.
        picture = next(img.iterancestors("picture"), None)
        if picture is not None:
            sources = [
                el.get("srcset") or el.get("data-srcset") or "" for el in picture.iter("source")
            ]
            srcset = next((s.strip() for s in sources if s.strip()), "")
    return _largest(srcset) if srcset else None


def _largest(srcset: str) -> str | None:
    """The widest candidate of a `srcset` ("a.jpg 640w, b.jpg 1400w"), else its first."""
    best, best_width = None, -1
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts:
            continue
        width = parts[1][:-1] if len(parts) > 1 and parts[1].endswith("w") else ""
        size = int(width) if width.isdigit() else 0
        if best is None or size > best_width:
            best, best_width = parts[0], size
    return best


def _is_pixel(img: HtmlElement) -> bool:
    """Tracking pixels and spacers (declared 1–2 px wide or high), and icons and avatars
    (declared at most 100 px both ways): never the article's pictures."""
    sizes = []
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit():
            if int(value) <= 2:
                return True
            sizes.append(int(value))
    return len(sizes) == 2 and max(sizes) <= _MAX_ICON_PX


def _caption(img: HtmlElement) -> str | None:
    # Captions sit within three levels of the image: figure > figcaption, div.wp-caption >
    # p.wp-caption-text, Blogger's table.tr-caption-container > td.tr-caption, or a lightbox
    # link's data-caption (tagDiv).
    for depth, ancestor in enumerate(img.iterancestors()):
        if ancestor.get("data-caption"):
            return normalize_line(ancestor.get("data-caption", "")) or None
        if ancestor.tag == "figure":
            for cap in ancestor.iter("figcaption"):
                return normalize_line(spaced_text(cap)) or None
        elif depth >= 4:  # Blogger: img > a > td > tr > tbody, caption in the next row
            break
        # Class values from XPath (in C), in document order; every caption class contains
        # "aption" (caption or Caption) or "cap", so most values are ruled out by one
        # substring test.
        for value in _DESCENDANT_CLASSES(ancestor):
            if "aption" not in value and "cap" not in value:
                continue
            el = value.getparent()
            if el.tag in _CAPTION_TAGS and is_caption_class(value) and _captions(el, img, ancestor):
                return normalize_line(spaced_text(el)) or None
        if ancestor.tag == "figure":  # a figure's caption is inside it or there is none
            break
    return None


def is_caption_class(value: str) -> bool:
    """Whether a class attribute names a caption (any prefix: wp-caption-text, tr-caption,
    K2's itemImageCaption, img-cap, cap)."""
    return any(_CAPTION_CLASS.search(c) for c in value.split())


def _captions(caption: HtmlElement, img: HtmlElement, ancestor: HtmlElement) -> bool:
    """Whether `caption` goes with `img` in `ancestor`: where the block shows other images, it
    must come after `img` with no other image in between (else it is another image's).
    Placeholders and copies of `img` (AMP's sizer, a `<noscript>` fallback) are not others."""
    src = _source(img)

    def other(el: HtmlElement) -> bool:
        return el.tag in IMAGE_TAGS and el is not img and _source(el) not in (None, src)

    if not any(other(el) for el in ancestor.iter(*IMAGE_TAGS)):
        return True
    after_img = False
    for el in ancestor.iter(*IMAGE_TAGS, caption.tag):
        if el is img:
            after_img = True
        elif el is caption:
            return after_img
        elif after_img and other(el):
            return False
    return False


def _typed_caption(img: HtmlElement) -> HtmlElement | None:
    """The paragraph the editor typed as a caption under the image's own block."""
    holder = next(img.iterancestors(*_PICTURE_BLOCKS), None)
    if holder is None:
        return None
    following = holder.getnext()
    return following if following is not None and is_typed_caption(following) else None


def typed_captions(node: HtmlElement) -> set[HtmlElement]:
    """The typed captions under `node` (found from its images: there are few of them)."""
    return {cap for img in node.iter(*IMAGE_TAGS) if (cap := _typed_caption(img)) is not None}


def is_typed_caption(p: HtmlElement) -> bool:
    """Whether `p` is a caption typed under a picture, as classic-editor posts print them: a
    short paragraph all in italics, in small print or centred, right after a paragraph (or
    figure, or div) that holds only an image."""
    if p.tag != "p":
        return False
    italic = (
        len(p) == 1
        and p[0].tag in ("em", "i")
        and not (p.text or "").strip()
        and not (p[0].tail or "").strip()
    )
    small = not _SMALL_PRINT.isdisjoint((p.get("class") or "").split())
    centred = "text-align:center" in (p.get("style") or "").replace(" ", "")
    if not (italic or small or centred):
        return False
    image_only = p.getprevious()
    return (
        image_only is not None
        and image_only.tag in _PICTURE_BLOCKS
        and next(image_only.iter(*IMAGE_TAGS), None) is not None
        and not text_exceeds(image_only, 0)
        and text_exceeds(p, 0)
        and not text_exceeds(p, _MAX_CAPTION_CHARS)
    )


def extract_images(node: HtmlElement, base_url: str) -> list[Image]:
    """Images under `node` in document order, deduplicated, with their captions."""
    images: dict[str, Image] = {}
    for img in node.iter(*IMAGE_TAGS):
        src = _source(img)
        if not src or _is_pixel(img):
            continue
        url = join_url(base_url, src)
        if url is not None and url not in images:
            typed = _typed_caption(img) if (caption := _caption(img)) is None else None
            if typed is not None:
                caption = normalize_line(spaced_text(typed)) or None
            images[url] = Image(src=url, caption=caption)
    return list(images.values())


def lead_figure(node: HtmlElement) -> HtmlElement | None:
    """The image block printed right above the body `node`, nothing with text between them
    (Ghost's and many themes' cover figure, which need not be the og:image): looked for in
    the element before `node`, or before its ancestors up to the article."""
    el: HtmlElement | None = node
    # The body node itself may be the <article> (the cover printed just before it).
    while el is not None and (el is node or el.tag not in ("article", "main", "body", "html")):
        prev = el.getprevious()
        # A caption field between the picture and the body (Drupal's image fields) is the
        # picture's, not text between them.
        while prev is not None and (not _shows_anything(prev) or _is_caption_block(prev)):
            prev = prev.getprevious()
        if prev is not None:
            return _trailing_image(prev)
        el = el.getparent()
    return None


def post_thumbnail(tree: HtmlElement) -> HtmlElement | None:
    """WordPress's featured image (`the_post_thumbnail()` classes it `wp-post-image`) in the
    article that holds the h1, printed before its prose starts (above the title or beside it):
    later ones are related posts' thumbnails."""
    h1 = next(tree.iter("h1"), None)
    article = next(h1.iterancestors("article"), None) if h1 is not None else None
    if article is None:
        return None
    for el in article.iter("img", "p"):
        if el.tag == "p":
            if text_exceeds(el, _PROSE_CHARS):
                return None
        elif "wp-post-image" in (el.get("class") or "").split():
            return el
    return None


def _is_caption_block(el: HtmlElement) -> bool:
    """A block named a caption, holding a caption's worth of text and no image."""
    return (
        is_caption_class(el.get("class") or "")
        and not text_exceeds(el, _MAX_CAPTION_CHARS)
        and next(el.iter(*IMAGE_TAGS), None) is None
    )


def _shows_anything(el: HtmlElement) -> bool:
    if not isinstance(el.tag, str) or el.tag in NOT_TEXT:
        return False
    return text_exceeds(el, 0) or next(el.iter(*IMAGE_TAGS), None) is not None


def _trailing_image(el: HtmlElement) -> HtmlElement | None:
    """`el` if it is an image or figure, or one image with at most a caption (no links: a
    header's logo comes with its menu), else the image block `el` ends with, if any."""
    while el.tag != "figure" and el.tag not in IMAGE_TAGS:
        images = list(itertools.islice(el.iter(*IMAGE_TAGS), 2))
        if (
            len(images) == 1
            and not text_exceeds(el, _MAX_CAPTION_CHARS)
            and next(el.iter("a"), None) is None
        ):
            return el
        last = next((child for child in reversed(el) if _shows_anything(child)), None)
        if last is None or (last.tail or "").strip():
            return None
        el = last
    return el


def image_key(url: str) -> str:
    """An image's identity across its resized copies: the file name without a size suffix or
    TYPO3's processing marks (for an image proxy such as Next.js's `/_next/image?url=...`, the
    proxied file's)."""
    parts = urlsplit(url)
    name = parts.path.rsplit("/", 1)[-1]
    if "." not in name and "url=" in parts.query:
        proxied = parse_qs(parts.query).get("url")
        if proxied:
            name = urlsplit(proxied[0]).path.rsplit("/", 1)[-1]
    name = name.lower()
    if name.startswith("csm_") and (typo3 := _TYPO3_COPY.match(name)):
        name = typo3[1] + typo3[2]
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
