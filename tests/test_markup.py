"""Markdown bodies to safe HTML and plain text (`sitegen.markup`)."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitegen.markup import (
    MAX_BODY_LENGTH,
    MAX_NESTING,
    MAX_OPENER_WORK,
    MAX_OPENERS,
    TOO_COMPLEX,
    BodyTooComplexError,
    _check_limits,
    render_markdown,
)

HOSTILE_BODIES = [
    "Hallo <script>alert(1)</script> wereld",
    "<img src=x onerror=alert(1)>",
    '<p onclick="alert(1)" onmouseover="alert(2)">klik</p>',
    '<a href="javascript:alert(1)">link</a>',
    '<a href="JaVaScRiPt:alert(1)">link</a>',
    '<a href="java&#x09;script:alert(1)">link</a>',
    "[link](javascript:alert(1))",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">link</a>',
    '<a href="vbscript:msgbox(1)">link</a>',
    '<p style="position:fixed;top:0">overlay</p>',
    '<iframe src="https://evil.example"></iframe>',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style>",
    "<object data='x.swf'></object><embed src='x.swf'>",
    '<form action="https://evil.example"><input name="pw"><button>ok</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    "![plaatje](https://tracker.example/pixel.gif)",
    '<div><a href="#" onfocus="alert(1)" autofocus>x</a></div>',
    "<!-- <script>alert(1)</script> -->",
]


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_hostile_html_never_survives(body):
    html, text = render_markdown(body)
    lowered = html.lower()
    for needle in (
        "<script",
        "<img",
        "<iframe",
        "<svg",
        "<style",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<meta",
        "<base",
        "<link",
        "javascript:",
        "vbscript:",
        "data:",
        "style=",
        "<!--",
        "tracker.example",
    ):
        assert needle not in lowered, (needle, html)
    assert not re.search(r"\son\w+\s*=", lowered), html
    assert "alert" not in text


def test_script_content_is_dropped_with_the_tag():
    html, text = render_markdown("Hallo <script>alert('x')</script> wereld")
    assert "alert" not in html
    assert text == "Hallo wereld"


def test_h1_becomes_h2_so_the_page_keeps_one_h1():
    html, _ = render_markdown("# Kop\n\n## Sub\n\n<h1 class='x'>Rauw</h1>\n\n###### Diep")
    assert "<h1" not in html
    assert "<h2>Kop</h2>" in html
    assert "<h2>Rauw</h2>" in html
    assert "<h4>Diep</h4>" in html
    assert "<h5" not in html and "<h6" not in html


def test_links_keep_safe_schemes_and_get_rel():
    html, _ = render_markdown(
        "[web](https://example.nl/a?b=1) [mail](mailto:info@example.nl) "
        "[bel](tel:+31781234567) [hier](/agenda/) [oud](http://example.nl)"
    )
    assert html.count('rel="noopener nofollow ugc"') == 5
    for href in (
        "https://example.nl/a?b=1",
        "mailto:info@example.nl",
        "tel:+31781234567",
        "/agenda/",
        "http://example.nl",
    ):
        assert f'href="{href}"' in html


def test_link_title_is_kept():
    html, _ = render_markdown('[web](https://example.nl "Onze site")')
    assert 'title="Onze site"' in html


def test_everyday_markdown_survives():
    body = (
        "Tekst met **vet**, *schuin* en `code`.\n\n"
        "- een\n- twee\n\n"
        "3. drie\n4. vier\n\n"
        "> citaat\n\n"
        "---\n\n"
        "| dag | tijd |\n|-----|------|\n| di | 10:00 |\n\n"
        "```\nprint('hoi')\n```\n"
    )
    html, _ = render_markdown(body)
    for fragment in (
        "<strong>vet</strong>",
        "<em>schuin</em>",
        "<code>code</code>",
        "<ul>",
        '<ol start="3">',
        "<blockquote>",
        "<hr>",
        "<table>",
        "<td>10:00</td>",
        "<pre><code>",
    ):
        assert fragment in html


def test_code_blocks_show_html_as_text():
    html, text = render_markdown("```\n<script>alert(1)</script>\n```")
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    # plain text is text: it shows what the reader sees and is escaped again by templates
    assert text == "<script>alert(1)</script>"


def test_list_start_must_be_a_number():
    html, _ = render_markdown('<ol start="x"><li>a</li></ol>')
    assert "start" not in html


def test_plain_text_is_collapsed_and_unescaped():
    _, text = render_markdown("# Welkom\n\n<p>Koffie &amp; thee</p><p>om   10:00</p>\n\n- a\n- b")
    assert text == "Welkom Koffie & thee om 10:00 a b"


def test_a_lone_surrogate_is_shown_as_the_replacement_character():
    assert render_markdown("a\ud800b") == ("<p>a\ufffdb</p>", "a\ufffdb")


def test_empty_body():
    assert render_markdown("") == ("", "")
    assert render_markdown("<script>x</script>") == ("", "")


# ----------------------------------------------------------------------------- limits
# python-markdown is quadratic, or worse, on some bodies: unclosed "[" and "<" scan the rest
# of their paragraph, and runs of "*a_" or "`a " of 1 MB ran past 300 s (issue 11). These
# tests assert what is refused and that the worst bodies terminate; the timing of those
# bodies lives in docs/PERFORMANCE.md ("Markdown limits"), not here.


def _refusal(body: str) -> BodyTooComplexError:
    with pytest.raises(BodyTooComplexError) as caught:
        render_markdown(body)
    exc = caught.value
    assert str(exc) == TOO_COMPLEX[exc.kind].format(**exc.params)  # what the reader words
    return exc


def test_a_body_longer_than_the_limit_is_refused():
    render_markdown("a" * MAX_BODY_LENGTH)  # at the limit: still rendered
    exc = _refusal("a" * (MAX_BODY_LENGTH + 1))
    assert str(exc) == f"is {MAX_BODY_LENGTH + 1} characters long; keep it to at most 50000"


@pytest.mark.parametrize("opener", ["[", "<"])
def test_more_openers_than_the_cap_are_refused(opener):
    exc = _refusal(opener * (MAX_OPENERS + 1))
    assert str(exc).startswith(f"has more than {MAX_OPENERS} '{opener}' characters")


@pytest.mark.parametrize("opener", ["[", "<"])
def test_openers_are_limited_by_the_length_of_the_text(opener):
    most = math.isqrt(MAX_OPENER_WORK)
    render_markdown(opener * most)  # openers x length at the limit: still rendered
    exc = _refusal(opener * (most + 1))
    assert exc.kind == "openers_for_length"
    # A long text may hold fewer: 41 links' worth of "[" in 50,000 characters is too many.
    exc = _refusal(opener * 41 + "a" * (MAX_BODY_LENGTH - 41))
    assert str(exc) == (
        f"has 41 '{opener}' characters in 50000 characters of text; text this long may "
        "hold at most 40, so shorten the text or split it up"
    )


def test_long_blocks_of_one_line_blocks_are_refused():
    # Each heading or rule takes one line, and python-markdown re-tests the rest each time.
    exc = _refusal("\n-" * 25_000)
    assert str(exc) == (
        "has 25001 lines in a row without a blank line; a block this long may hold at most "
        "1000, so add blank lines or split it up"
    )
    assert _refusal("# Kop\r\n" * 5_000).kind == "lines_per_block"  # Windows line ends too
    # The same lines with blank lines between them are fine.
    html, _ = render_markdown("# Kop\n\n" * 5_000)
    assert html.count("<h2>") == 5_000


def test_a_long_list_is_still_rendered():
    body = "\n".join(f"- Activiteit nummer {i}, elke week op dinsdag" for i in range(900))
    html, _ = render_markdown(body)
    assert html.count("<li>") == 900


def test_a_description_with_many_links_is_still_rendered():
    body = "\n".join(f"- [Activiteit {i}](https://example.nl/{i})" for i in range(100))
    html, _ = render_markdown(body)
    assert html.count("<a ") == 100


@pytest.mark.parametrize(
    "body",
    ["1. " * 10_000, "> " * 25_000, ">" * (MAX_NESTING + 1), "Tekst\r" + "- " * 200 + "a"],
)
def test_lists_and_quotes_nested_too_deeply_are_refused(body):
    exc = _refusal(body)
    assert str(exc) == "has lists or quotes nested too deeply; use fewer levels"


def test_line_starts_that_only_look_nested_are_rendered():
    body = "-" * 300 + "\n\n" + "1." * 200 + "\n\n2026-05-14 10.30 uur\n\n" + ">" * MAX_NESTING
    html, _ = render_markdown(body)
    assert "<hr>" in html and "2026-05-14" in html


# The runs of issue 11 and the other shapes that were slow; see sitegen/markup_bench.py.
ADVERSARIAL_UNITS = [
    "*a_", "`a ", "_a*", "**a__", "``a", "\\", "*", "_", "`", "[", "[a", "[a](", "[a][",
    "![", "](", "<", "<a ", "<a@", "<http:", "<![CDATA[", "<!--", ">", "> ", "- ", "1. ",
    "  - ", "\n",
]  # fmt: skip


def _largest_accepted(unit: str) -> str:
    """`unit` repeated as often as the limits allow (halving the step), so at the limit."""
    body, step = "", MAX_BODY_LENGTH // len(unit) + 1
    while step:
        longer = body + unit * step
        try:
            _check_limits(longer)
        except BodyTooComplexError:
            step //= 2
        else:
            body = longer
    return body


def _renders_or_refuses(body: str) -> None:
    try:
        html, text = render_markdown(body)
    except BodyTooComplexError as exc:
        assert str(exc) == TOO_COMPLEX[exc.kind].format(**exc.params)
    else:
        assert isinstance(html, str) and isinstance(text, str)


MARKDOWN_CHARACTERS = st.sampled_from(list("*_`[]()<>!\\-#>:|~&;/@ \n\t\r1.aé"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=MARKDOWN_CHARACTERS | st.characters(), max_size=3000))
def test_any_text_renders_or_is_refused(body):
    _renders_or_refuses(body)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=MARKDOWN_CHARACTERS | st.characters(), min_size=1, max_size=40),
    st.integers(min_value=MAX_BODY_LENGTH - 2000, max_value=MAX_BODY_LENGTH + 10),
)
@example("0", MAX_BODY_LENGTH)  # once took 7 s in the nesting guard
def test_any_fragment_repeated_up_to_the_length_limit_renders_or_is_refused(fragment, length):
    _renders_or_refuses((fragment * (length // len(fragment) + 1))[:length])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(ADVERSARIAL_UNITS), min_size=1, max_size=3).map("".join), st.booleans()
)
def test_adversarial_runs_at_the_limit_terminate(unit, exactly_at_the_length_limit):
    if exactly_at_the_length_limit:
        body = (unit * (MAX_BODY_LENGTH // len(unit) + 1))[:MAX_BODY_LENGTH]
    else:
        body = _largest_accepted(unit)
        assert body  # one repetition always fits
    _renders_or_refuses(body)


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(["> ", ">", "- ", "* ", "1. ", "    ", "  - ", "> - ", "- > "]),
    st.integers(min_value=1, max_value=2000),
)
def test_nested_lists_and_quotes_terminate(marker, depth):
    # Each level on its own line, indented or prefixed once more than the one before.
    body = "".join(marker * level + "a\n" for level in range(1, depth + 1))
    _renders_or_refuses(body[: MAX_BODY_LENGTH + 1])
