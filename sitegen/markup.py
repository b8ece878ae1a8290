"""Turn the untrusted Markdown body of a content file into safe HTML and plain text.

Organisations write these bodies, and Markdown lets raw HTML through, so the HTML that
python-markdown produces is cleaned with nh3 against a small allow-list: text structure,
lists, tables and links only. Scripts, event handlers, ``style`` attributes, images,
frames and any URL scheme other than http, https, mailto and tel never survive. Images
come from front matter only (they need alternative text and responsive sizes).
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

__all__ = ["MAX_OPENERS", "BodyTooComplexError", "render_markdown"]

# python-markdown takes quadratic time on runs of unclosed "[" (links) and "<" (inline HTML,
# autolinks): 8,000 of them in one paragraph take over ten seconds, a 1 MB file hours. Real
# descriptions hold a few dozen, so a body with more of either than this is refused.
MAX_OPENERS = 2000

# python-markdown extensions: the everyday ones, none that emit classes or inline styles
# we would strip anyway (no codehilite, no toc anchors).
_EXTENSIONS = ["fenced_code", "tables", "def_list", "sane_lists"]

_ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "a",
    "ul", "ol", "li", "dl", "dt", "dd",
    # h1, h5 and h6 are allowed only so their text keeps its structure; they are renamed to
    # h2 and h4 below, because the page template owns the one <h1>.
    "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip

_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},  # "3. item" in Markdown numbers the list from 3
}

# Elements whose *content* must go as well, not just the tags: script and style text must
# never show up as page text, and the rest can only hold active or embedded content.
_DROP_WITH_CONTENT = {
    "script", "style", "template", "textarea", "title", "xmp", "iframe", "noembed",
    "noframes", "noscript", "object", "svg", "math",
}  # fmt: skip

_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Links in bodies point to sites we do not vouch for.
_LINK_REL = "noopener nofollow ugc"

# nh3 writes allowed tags back without attributes in this exact form, so plain string
# replacement is enough to rename headings.
_HEADING_RENAMES = {"h1": "h2", "h5": "h4", "h6": "h4"}
_HEADING_RE = re.compile(r"<(/?)(h1|h5|h6)>")

# Block boundaries get a space in the plain text, so "<p>a</p><p>b</p>" reads "a b".
_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|br|hr|li|dt|dd|h[1-6]|blockquote|pre|ul|ol|dl|table|caption|tr|th|td)\b"
)
_WHITESPACE_RE = re.compile(r"\s+")
# A paragraph whose whole content was removed (e.g. a lone <script>) leaves "<p></p>".
_EMPTY_PARAGRAPH_RE = re.compile(r"<p>\s*</p>\n?")


class BodyTooComplexError(ValueError):
    """A body that would take python-markdown unreasonably long to render."""


def render_markdown(body: str) -> tuple[str, str]:
    """Render a Markdown body to ``(safe_html, plain_text)``.

    ``safe_html`` may be inserted into a page unescaped. ``plain_text`` is the visible text
    with tags removed, entities decoded and whitespace collapsed, for search and
    descriptions; it is *text*, not HTML, and must be escaped like any other text.

    Raises `BodyTooComplexError` (a ``ValueError``) for a body with more than `MAX_OPENERS`
    ``[`` or ``<`` characters.
    """
    for opener in "[<":
        if body.count(opener) > MAX_OPENERS:
            raise BodyTooComplexError(
                f"has more than {MAX_OPENERS} '{opener}' characters; "
                "shorten the text or split it up"
            )
    raw_html = markdown.markdown(body, extensions=_EXTENSIONS, output_format="html")
    safe_html = nh3.clean(
        raw_html,
        tags=_ALLOWED_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel=_LINK_REL,
        strip_comments=True,
        attribute_filter=_filter_attribute,
    )
    safe_html = _HEADING_RE.sub(
        lambda m: f"<{m.group(1)}{_HEADING_RENAMES[m.group(2)]}>", safe_html
    )
    safe_html = _EMPTY_PARAGRAPH_RE.sub("", safe_html).strip()
    return safe_html, _plain_text(safe_html)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # A list start must be a number; anything else is dropped.
    if tag == "ol" and attribute == "start":
        return value if value.isdigit() else None
    return value


def _plain_text(safe_html: str) -> str:
    spaced = _BLOCK_TAG_RE.sub(lambda m: " " + m.group(0), safe_html)
    text = html.unescape(nh3.clean(spaced, tags=set()))
    return _WHITESPACE_RE.sub(" ", text).strip()
