"""Problem messages cannot forge lines or send terminal escapes (`sitegen.messages.printable`).

Content is written by organisations, and its values are echoed in problem messages: on the
command line (``path: field: message``, one line per problem) and in the build report the
CMS shows to editors, in English and in Dutch. A value with an ESC, a BEL or a line break
must come out as a visible escape (``\\x1b``, ``\\n``), never as the character itself.
"""

from __future__ import annotations

import json
import shutil
import unicodedata

import yaml
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen import messages
from sitegen.content import check_item
from sitegen.messages import placeholders
from sitegen.model import Problem
from sitegen.yamlsafe import ContentError, describe_value
from tests.conftest import FIXTURES, NOW_ARG, run_portal
from tests.sitetexts import SITE

PO = messages.LOCALE_DIR / "nl" / "LC_MESSAGES" / "sitegen.po"
# An organiser that rings the bell, turns the terminal red and forges a second problem line.
FORGED = "\x1b[31mbakker\x07\nfake/path.md: title: x"
FORGED_EVENT = (
    "---\ntitle: Activiteit\nstart: 2026-12-12\n"
    'organiser: "\\e[31mbakker\\a\\nfake/path.md: title: x"\n---\nTekst\n'
)


def unsafe(text: str) -> list[str]:
    """The characters of `text` a message must not show as they are: control characters
    (C0, DEL, C1), line and paragraph separators, bidi embeddings, overrides, isolates."""
    return [
        ch for ch in text
        if unicodedata.category(ch) == "Cc"
        or ch in "\u2028\u2029"
        or "\u202a" <= ch <= "\u202e"
        or "\u2066" <= ch <= "\u2069"
    ]


def test_the_forged_event_is_read_as_the_hostile_value():
    assert yaml.safe_load(FORGED_EVENT.split("---\n")[1])["organiser"] == FORGED


def test_portal_build_prints_one_clean_line_per_problem(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "golden", content)
    events = content / "lindeveld" / "events"
    (events / "vals.md").write_text(FORGED_EVENT, encoding="utf-8")
    # A file name can hold them too; it becomes the problem's path.
    (events / "naam\x1b[2J\nfake\u202e.md").write_text(FORGED_EVENT, encoding="utf-8")

    result = run_portal("build", "--content", str(content), "--out", str(tmp_path / "out"),
                        "--now", NOW_ARG)

    assert unsafe(result.stderr.replace("\n", "")) == []
    lines = result.stderr.splitlines()
    problems = [line for line in lines if line.startswith("lindeveld/")]
    assert lines == [*problems, lines[-1]]  # every line but the summary is one problem
    assert lines[-1].endswith(f", {len(problems)} problems")
    assert not any(line.startswith("fake/") for line in lines)
    [organiser] = [line for line in problems if line.startswith("lindeveld/events/vals.md:")]
    assert organiser == (
        "lindeveld/events/vals.md: organiser: '\\x1b[31mbakker\\x07\\nfake/path.md: title: x' "
        "is not an organisation of this village; use the file name (without .md) of an "
        "organisation in organisations/"
    )
    [named] = [line for line in problems if line.startswith("lindeveld/events/naam")]
    assert named.startswith("lindeveld/events/naam\\x1b[2J\\nfake\\u202e.md: file: ")


def test_the_dutch_message_and_the_stored_report_are_clean_too():
    [problem] = check_item("testdorp", SITE, "events", "activiteit", FORGED_EVENT)
    assert problem.translated("nl") == (
        "'\\x1b[31mbakker\\x07\\nfake/path.md: title: x' is geen organisatie van dit dorp; "
        "gebruik de bestandsnaam (zonder .md) van een organisatie in organisations/"
    )
    stored = json.dumps(problem.as_data(), ensure_ascii=False)
    assert [text for text in _texts(json.loads(stored)) if unsafe(text)] == []
    assert unsafe(Problem.from_data(json.loads(stored)).translated("nl")) == []
    # A report stored before messages were cleaned is cleaned when it is read back.
    old = Problem.from_data({"path": "a\nb", "field": "organiser", "message": "x\x1by",
                             "template": "'{slug}' is not an organisation of this village; "
                             "use the file name (without .md) of an organisation in "
                             "organisations/", "params": {"slug": FORGED}})
    assert str(old) == "a\\nb: organiser: x\\x1by"
    assert unsafe(old.translated("nl")) == [] and "\\x07" in old.translated("nl")


def test_long_values_are_shortened_and_ordinary_values_kept():
    long = Problem.worded("p", "f", "'{slug}' is unknown", slug="a" * 200)
    assert long.message == "'" + "a" * (messages.VALUE_LIMIT - 1) + "…' is unknown"
    assert Problem.worded("p", "f", "'{slug}' is unknown", slug="bakker-de-Vries é").message \
        == "'bakker-de-Vries é' is unknown"
    assert describe_value("\x1b" * 100).endswith("...'")
    assert unsafe(describe_value("x\u2028y\u2066z")) == []
    assert messages.printable("tab\there") == "tab\\there"
    assert messages.printable(messages.printable(FORGED)) == messages.printable(FORGED)


def test_content_errors_are_clean():
    err = ContentError("front\nmatter", "bad\x1b value")
    assert (err.field, err.message) == ("front\\nmatter", "bad\\x1b value")


def _templates() -> list[str]:
    with PO.open("rb") as source:
        return sorted(m.id for m in read_po(source, domain=messages.DOMAIN) if m.id)


TEMPLATES = _templates()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_every_message_is_one_clean_line_for_any_value(value):
    for template in TEMPLATES:
        params = dict.fromkeys(placeholders(template), value)
        for problem in (
            Problem.worded(value, value, template, **params),
            Problem.worded("p", "f", template, **{n: describe_value(value) for n in params}),
        ):
            for said in (str(problem), problem.translated("nl")):
                assert unsafe(said) == [], (template, said)
                assert len(said.splitlines()) <= 1, (template, said)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1))
def test_the_reader_reports_any_organiser_on_one_clean_line(value):
    front = yaml.safe_dump({"title": "Activiteit", "start": "2026-12-12", "organiser": value,
                            "categories": [value], "price": {value: value}},
                           allow_unicode=False)
    for problem in check_item("testdorp", SITE, "events", "activiteit",
                              f"---\n{front}---\nTekst\n"):
        for said in (str(problem), problem.translated("nl")):
            assert unsafe(said) == [] and len(said.splitlines()) == 1
        assert [text for text in _texts(problem.as_data()) if unsafe(text)] == []


def _texts(data) -> list[str]:
    """Every text in JSON-like data, keys included."""
    if isinstance(data, dict):
        return [t for key, value in data.items() for t in (*_texts(key), *_texts(value))]
    if isinstance(data, list):
        return [t for value in data for t in _texts(value)]
    return [data] if isinstance(data, str) else []
