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
import threading

import markdown
import nh3

__all__ = [
    "MAX_BLOCK_WORK",
    "MAX_BODY_LENGTH",
    "MAX_NESTING",
    "MAX_OPENER_WORK",
    "MAX_OPENERS",
    "TOO_COMPLEX",
    "BodyTooComplexError",
    "render_markdown",
]

# Limits that keep python-markdown's work on one body bounded, whatever the body holds; the
# figures behind them are in docs/PERFORMANCE.md ("Markdown limits").
#
# A long description is a few thousand characters; this is ten times more than that.
MAX_BODY_LENGTH = 50_000
# Every unclosed "[" (links) and "<" (inline HTML, autolinks, CDATA) makes python-markdown
# scan the rest of its paragraph, so the work grows with openers x length: 8,000 "[" in one
# paragraph take over ten seconds. A body may hold at most this many of either ...
MAX_OPENERS = 2000
# ... and at most MAX_OPENER_WORK // len(body) of them: 40 in a body of 50,000 characters,
# 400 in one of 5,000 (a few dozen links is a lot for a description).
MAX_OPENER_WORK = 2_000_000
_SCANNING_OPENERS = "[<"
# Quotes and list items that open on one line ("> > > a", "1. 1. 1. a") are parsed one level
# per recursion: a few hundred levels exhaust Python's stack, and 50,000 ">" take half a
# second before they do. A line may open at most this many; three or four is a lot.
MAX_NESTING = 20
# The start of each line (python-markdown ends lines at "\r" too) up to its first text.
_LINE_PREFIX_RE = re.compile(r"(?:^|(?<=[\r\n]))[ \t>*+\-.)0-9]+")
# A number is only taken whole (no backtracking, no start inside it): linear on "0" x 50,000.
_NESTING_MARKER_RE = re.compile(r">|[*+-](?=[ \t])|(?<![0-9])[0-9]++[.)](?=[ \t])")
# Emphasis ("*", "_") and code spans ("`") are matched by regular expressions that stay
# close to linear up to MAX_BODY_LENGTH (0.2 to 0.3 s for the worst runs we found), so the
# length limit is their guard.

# python-markdown tests its block rules against the whole rest of a block (the lines up to
# the next blank line) each time a rule takes one line of it, so a block of one-line
# headings or rules costs lines x characters: "-" on 25,000 lines took 9 s. A block may hold
# at most this many lines x characters: 1,000 lines of 50 characters.
MAX_BLOCK_WORK = 50_000_000
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_LINE_END_RE = re.compile(r"\r\n?")

# How each refusal is worded, by kind: English templates that sitegen.content reports (and
# the catalogue translates). Keys are BodyTooComplexError.kind.
TOO_COMPLEX = {
    "length": "is {length} characters long; keep it to at most {limit}",
    "openers": "has more than {limit} '{opener}' characters; shorten the text or split it up",
    "openers_for_length": (
        "has {count} '{opener}' characters in {length} characters of text; text this long "
        "may hold at most {limit}, so shorten the text or split it up"
    ),
    "nesting": "has lists or quotes nested too deeply; use fewer levels",
    "lines_per_block": (
        "has {lines} lines in a row without a blank line; a block this long may hold at most "
        "{limit}, so add blank lines or split it up"
    ),
}

# python-markdown extensions: the everyday ones, none that emit classes or inline styles
# we would strip anyway (no codehilite, no toc anchors).
_EXTENSIONS = ["fenced_code", "tables", "def_list", "sane_lists"]
_CONVERTERS = threading.local()  # each thread's converter (`_converter`)

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
    """A body that would take python-markdown unreasonably long to render.

    ``kind`` names its template in `TOO_COMPLEX` and ``params`` fills it in, so that the
    reader can word (and translate) the problem; ``str()`` is the English message.
    """

    def __init__(self, kind: str, **params: int | str) -> None:
        super().__init__(TOO_COMPLEX[kind].format(**params))
        self.kind = kind
        self.params = params


def render_markdown(body: str) -> tuple[str, str]:
    """Render a Markdown body to ``(safe_html, plain_text)``.

    ``safe_html`` may be inserted into a page unescaped. ``plain_text`` is the visible text
    with tags removed, entities decoded and whitespace collapsed, for search and
    descriptions; it is *text*, not HTML, and must be escaped like any other text.

    Raises `BodyTooComplexError` (a ``ValueError``), and no other error, for a body beyond
    the limits above: longer than `MAX_BODY_LENGTH`, with too many ``[`` or ``<`` for its
    length, or nested deeper than python-markdown can follow.
    """
    _check_limits(body)
    # Text decoded from UTF-8 never holds a lone surrogate, but a str can, and nh3 (Rust)
    # cannot encode one; it is shown as the replacement character.
    body = _SURROGATE_RE.sub("\ufffd", body)
    converter = _converter()
    try:
        raw_html = converter.reset().convert(body)
    except RecursionError:
        # Lists and quotes are parsed recursively; a few hundred levels exhaust the stack.
        _CONVERTERS.markdown = None  # stopped half-way: its state is not to be trusted
        raise BodyTooComplexError("nesting") from None
    except BaseException:
        _CONVERTERS.markdown = None  # e.g. a build's time per item ran out mid-way
        raise
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


def _converter() -> markdown.Markdown:
    """This thread's Markdown converter: setting one up (its extensions, patterns and
    processors) takes longer than converting a typical body, so each thread keeps one and
    `reset`s it between bodies, as python-markdown provides for."""
    converter = getattr(_CONVERTERS, "markdown", None)
    if converter is None:
        converter = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
        _CONVERTERS.markdown = converter
    return converter


def _check_limits(body: str) -> None:
    """Refuse a body whose rendering work is not bounded by the limits above."""
    length = len(body)
    if length > MAX_BODY_LENGTH:
        raise BodyTooComplexError("length", length=length, limit=MAX_BODY_LENGTH)
    for opener in _SCANNING_OPENERS:
        count = body.count(opener)
        if count > MAX_OPENERS:
            raise BodyTooComplexError("openers", limit=MAX_OPENERS, opener=opener)
        if count * length > MAX_OPENER_WORK:
            raise BodyTooComplexError(
                "openers_for_length",
                count=count,
                opener=opener,
                length=length,
                limit=MAX_OPENER_WORK // length,
            )
    for block in _BLANK_LINE_RE.split(_LINE_END_RE.sub("\n", body)):
        lines = block.count("\n") + 1
        if lines * len(block) > MAX_BLOCK_WORK:
            raise BodyTooComplexError(
                "lines_per_block", lines=lines, limit=MAX_BLOCK_WORK // len(block)
            )
    for prefix in _LINE_PREFIX_RE.findall(body):
        if len(prefix) > MAX_NESTING and len(_NESTING_MARKER_RE.findall(prefix)) > MAX_NESTING:
            raise BodyTooComplexError("nesting")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # A list start must be a number; anything else is dropped.
    if tag == "ol" and attribute == "start":
        return value if value.isdigit() else None
    return value


def _plain_text(safe_html: str) -> str:
    spaced = _BLOCK_TAG_RE.sub(lambda m: " " + m.group(0), safe_html)
    text = html.unescape(nh3.clean(spaced, tags=set()))
    return _WHITESPACE_RE.sub(" ", text).strip()
