"""The counted payload audit (issue 11, `sitegen.audit`): every payload in every field of
every content file is refused with a message naming its file and field, or built into a
portal where nothing of it can run; and the audit's own checks can fail.

The static part runs on all payloads × fields (a few minutes on a loaded 2-core machine);
Chromium loads a sample of the pages, the lists that show every accepted item among them.
``python -m sitegen.audit --browser`` loads every page.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from sitegen import audit
from sitegen.audit import (
    FIELDS,
    ITEM_VILLAGES,
    PAYLOADS,
    Field,
    Reference,
    check_html,
    check_ics,
    check_json,
    check_xml,
    missing_fields,
    run_audit,
    scratch_folder,
    self_check,
    write_content,
)

_LIST_PAGE = re.compile(r"^[a-z0-9-]+/(?:[a-z-]+/)?(?:categorie/[a-z0-9-]+/)?(?:index|404)\.html$")


def browser_sample(pages: list[str]) -> list[str]:
    """The list pages of the item villages (each shows every accepted item of its kind)
    and about 30 other pages spread over all villages: about 60 loads."""
    items = tuple(f"{slug}/" for slug in ITEM_VILLAGES.values())
    lists = [p for p in pages if p.startswith(items) and _LIST_PAGE.match(p)]
    rest = [p for p in pages if p not in lists]
    return lists + rest[:: max(1, len(rest) // 30)]


@pytest.fixture(scope="module")
def result():
    with scratch_folder() as folder:
        yield run_audit(Path(folder), browser=True, browser_pages=browser_sample)


def test_every_payload_in_every_field_is_refused_with_a_message_or_built_harmlessly(result):
    assert len(PAYLOADS) >= 80 and len(FIELDS) >= 70
    assert result.tries == len(PAYLOADS) * len(FIELDS) == result.accepted + result.refused
    assert result.missing_fields == {}, "the reader reads fields the audit does not try"
    assert result.crashes == []
    assert result.refused_unnamed == []
    assert [str(f) for f in result.findings] == []
    # Payloads of every kind reached the pages, so the output checks had work to do.
    assert set(result.accepted_by_kind) == {"site", "organisation", "event", "story", "page"}
    assert result.files[".html"] > 1000 and result.files[".ics"] and result.files[".json"]
    assert result.ok, result.report()


@pytest.mark.browser
def test_no_payload_runs_in_chromium(result):
    assert result.loads >= 50
    assert result.failed_loads == []
    assert result.executions == []
    found, planted, caught, running = result.self_check
    assert (found, caught) == (planted, running) and running > 0


# ------------------------------------------------------------------ the checks can fail

UNSAFE = [
    "<script>__pwned(1)</script>",
    "<p onclick=x>", "<p ONMOUSEOVER=x>", "<img src=x onerror=x>",
    '<a href="javascript:x">', '<a href=" JaVa\tScRiPt:x">', '<a href="&#106;avascript:x">',
    '<a href="data:text/html,x">', '<a href="vbscript:x">', '<form action="javascript:x">',
    '<img srcset="a.png 1x, javascript:x 2x">', "<iframe src=a.html></iframe>", "<svg></svg>",
    "<math></math>", "<object></object>", "<embed>", '<base href="/">',
    '<meta http-equiv="refresh" content="0;url=javascript:x">',
    '<p style="width:expression(x)">', "<style>@import 'x';</style>",
    '<script type="application/ld+json">{"a": "</script>',
    '<script src="https://elders.example/x.js"></script>',
]
SAFE = [
    "<p>&lt;script&gt;__pwned(1)&lt;/script&gt;</p>",
    '<a href="https://example.org/?q=javascript:x">javascript:x</a>',
    '<p title="&quot; onmouseover=&quot;x">tekst</p>',
    '<script type="application/ld+json">{"name": "\\u003c/script\\u003e"}</script>',
]


@pytest.mark.parametrize("html", UNSAFE)
def test_the_checker_finds_unsafe_markup(html):
    assert check_html(f"<!doctype html><title>t</title>{html}", Reference())


@pytest.mark.parametrize("html", SAFE)
def test_the_checker_passes_escaped_payloads(html):
    assert check_html(f"<!doctype html><title>t</title>{html}", Reference()) == []


def test_the_other_checkers_find_injections():
    reference = Reference(ics_properties={"BEGIN", "END", "VERSION", "PRODID", "UID",
                                          "SUMMARY", "DTSTART", "DTSTAMP"})
    calendar = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
                "DTSTAMP:20261123T120000Z\r\nDTSTART:20261201T100000\r\nSUMMARY:x\r\n{}"
                "END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert check_ics(calendar.format(""), reference) == []
    assert check_ics(calendar.format("ATTACH:javascript:x\r\n"), reference)
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">'
            "{}</content></entry></feed>")
    assert check_xml(feed.format("&lt;b&gt;vet&lt;/b&gt;"), None) == []
    assert check_xml(feed.format("&lt;img src=x onerror=x&gt;"), None)
    assert check_json('{"website": "https://example.org", "naam": "javascript:x"}', None) == []
    assert check_json('{"website": " javascript:x"}', None)


@pytest.mark.browser
def test_the_browser_hook_catches_planted_scripts():
    found, planted, caught, running = self_check(browser=True)
    assert (found, caught) == (planted, running) and running >= 5


@pytest.mark.browser
def test_an_unsafe_reader_fails_the_audit(monkeypatch):
    # A Markdown renderer that passes raw HTML through: the audit must find it, both in
    # the files and in Chromium.
    monkeypatch.setattr("sitegen.content.render_markdown", lambda body: (body, body))
    payloads = [p for p in PAYLOADS if p.name in ("script tag", "img onerror")]
    with scratch_folder() as folder:
        unsafe = run_audit(Path(folder), payloads=payloads, fields=[Field("event", ("body",))],
                           browser=True, jobs=1,
                           browser_pages=lambda pages: [p for p in pages if "/p0" in p])
    assert not unsafe.ok
    assert {f.file.split("/")[2] for f in unsafe.findings} >= {
        f"p{p.number:03d}-body" for p in payloads}
    assert {what for _url, what in unsafe.executions} == {
        f"marker {p.number}" for p in payloads}


def test_the_field_list_covers_every_field_the_reader_reads(tmp_path, monkeypatch):
    write_content(tmp_path, payloads=[], fields=[])
    assert missing_fields(tmp_path, audit.CLEAN) == {}
    fewer = tuple(f for f in FIELDS if (f.kind, f.name) != ("event", "price"))
    monkeypatch.setattr(audit, "FIELDS", fewer)
    assert missing_fields(tmp_path, audit.CLEAN) == {"event": {"price"}}


def test_every_payload_calls_its_marker_when_it_runs():
    assert len({p.number for p in PAYLOADS}) == len(PAYLOADS)
    for p in PAYLOADS:
        marks = (f"({p.number})", f"&#40;{p.number}&#41;", f"ned_t{p.number}",
                 f"pwned_ics{p.number}")
        # A base64 data: address hides its script (which calls the marker) in the code:
        # decoded, it must call this payload's marker too.
        hidden = [base64.b64decode(code).decode()
                  for code in re.findall(r"base64,([A-Za-z0-9+/=]+)", p.text)]
        assert any(mark in text for text in (p.text, *hidden) for mark in marks), p.name
