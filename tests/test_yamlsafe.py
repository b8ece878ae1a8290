"""Safe YAML loading and front-matter splitting (`sitegen.yamlsafe`)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen import yamlsafe
from sitegen.yamlsafe import ContentError, describe_value, load_yaml, split_front_matter

ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""


def test_loads_plain_data_and_timestamps():
    data = load_yaml(
        "title: Koffie\nn: 3\nok: true\nday: 2026-05-14\n"
        "at: 2026-05-14 10:00:00+02:00\ntags: [a, b]\n"
    )
    assert data["title"] == "Koffie"
    assert data["n"] == 3
    assert data["ok"] is True
    assert data["day"] == date(2026, 5, 14)
    assert data["at"] == datetime(2026, 5, 14, 10, tzinfo=timezone(timedelta(hours=2)))
    assert data["tags"] == ["a", "b"]


def test_empty_text_is_none():
    assert load_yaml("") is None


def test_alias_bomb_is_refused_before_expanding():
    with pytest.raises(ContentError) as caught:
        load_yaml(ALIAS_BOMB, field="front matter")
    assert caught.value.field == "front matter"
    assert "anchor or alias" in caught.value.message
    assert "line 1" in caught.value.message


def test_anchor_without_alias_is_refused():
    with pytest.raises(ContentError, match="anchor or alias"):
        load_yaml("a: &x 1\nb: 2\n")


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("title: *Nieuw* in de buurt\n", "must be in quotes"),
        ("title: *Nieuw\n", "put the text in quotes"),
        ("title: Koffie: elke dinsdag\n", "text holding ': ' must be in quotes"),
        ("title: @buurthuis\n", "must be in quotes"),
    ],
)
def test_common_mistakes_get_a_quoting_hint(text, hint):
    with pytest.raises(ContentError) as caught:
        load_yaml(text)
    assert hint in caught.value.message


def test_merge_key_needs_an_alias_and_is_refused():
    with pytest.raises(ContentError):
        load_yaml("base: &b {x: 1}\nother:\n  <<: *b\n")


def test_duplicate_key_is_refused_with_its_line():
    with pytest.raises(ContentError) as caught:
        load_yaml("title: Een\nsummary: x\ntitle: Twee\n")
    assert "'title' twice" in caught.value.message
    assert "line 3" in caught.value.message


def test_python_object_tags_are_refused():
    with pytest.raises(ContentError, match="not valid YAML"):
        load_yaml("x: !!python/object/apply:os.system ['echo hacked']\n")


def test_impossible_timestamp_stays_text_for_the_validator():
    assert load_yaml("start: 2026-13-45 10:00:00\n") == {"start": "2026-13-45 10:00:00"}


def test_syntax_error_names_the_line():
    with pytest.raises(ContentError) as caught:
        load_yaml("title: Koffie\n  summary: [oops\n")
    assert caught.value.field == "file"
    assert "not valid YAML near line" in caught.value.message


def test_more_than_one_document_is_refused():
    with pytest.raises(ContentError):
        load_yaml("a: 1\n---\nb: 2\n")


def test_absurd_integer_is_refused_not_crashing():
    with pytest.raises(ContentError):
        load_yaml("n: " + "9" * 10_000 + "\n")


def test_deep_nesting_is_refused_not_crashing():
    with pytest.raises(ContentError):
        load_yaml("x: " + "[" * 5_000 + "]" * 5_000 + "\n")


def test_split_front_matter():
    data, body = split_front_matter("---\ntitle: Koffie\n---\n# Kop\n\nTekst\n\n---\n\nMeer\n")
    assert data == {"title": "Koffie"}
    # a later '---' line is a horizontal rule in the body, not front matter
    assert body == "# Kop\n\nTekst\n\n---\n\nMeer\n"


def test_split_front_matter_handles_bom_and_windows_line_endings():
    data, body = split_front_matter("\ufeff---\r\ntitle: Koffie\r\n---\r\nTekst\r\n")
    assert data == {"title": "Koffie"}
    assert body == "Tekst\n"


def test_empty_front_matter_is_an_empty_mapping():
    assert split_front_matter("---\n---\nTekst") == ({}, "Tekst")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("title: Koffie\n", "is missing"),
        ("---\ntitle: Koffie\n", "no closing '---'"),
        ("---\n- a\n- b\n---\n", "but it is a list"),
        ("---\njust words\n---\n", "but it is 'just words'"),
        ("---\na: &x 1\n---\n", "anchor or alias"),
    ],
)
def test_split_front_matter_errors(text, words):
    with pytest.raises(ContentError) as caught:
        split_front_matter(text)
    assert caught.value.field == "front matter"
    assert words in caught.value.message


def test_describe_value():
    assert describe_value(None) == "empty"
    assert describe_value(True) == "a yes/no value (true)"
    assert describe_value(["a"]) == "a list"
    assert describe_value({"a": 1}) == "a group of 'key: value' lines"
    assert describe_value(5) == "the number 5"
    assert describe_value("x" * 100).endswith("...'")


# --- libyaml for plain front matter ----------------------------------------------------------

_YAMLISH = ("ab: -\n#'\"[]{},|>!%@`?\t\\0123456789.:T+Z\u00e9\u200b\x00\x07\x85\ufeff\u2028"
            "\U0001F389yYnNtTfF~&*")


def _outcome(loader, text):
    try:
        return "read", yaml.load(text, Loader=loader)
    except Exception as exc:  # noqa: BLE001 - which error is what is compared
        return "refused", type(exc).__name__


@settings(max_examples=1500, deadline=None)
@given(st.one_of(
    st.text(alphabet=_YAMLISH, max_size=60), st.text(max_size=40),
    st.lists(st.tuples(st.sampled_from(["title", "start", "tags", "a"]),
                       st.text(alphabet=_YAMLISH, max_size=25)), max_size=4)
    .map(lambda pairs: "\n".join(f"{key}: {value}" for key, value in pairs))))
def test_libyaml_reads_the_text_it_is_given_as_pyyaml_does(text):
    """Where load_yaml lets libyaml read, libyaml gives what PyYAML gives (value for value)
    or refuses too (and PyYAML then words the refusal)."""
    if not yamlsafe._fast_enough(text):
        return
    fast, pure = _outcome(yamlsafe._FastLoader, text), _outcome(yamlsafe._ContentLoader, text)
    if fast[0] == "read":
        assert (pure[0], repr(pure[1])) == ("read", repr(fast[1])), text


def test_plain_front_matter_is_read_by_libyaml_and_the_rest_by_pyyaml(monkeypatch):
    used = []
    real_load = yaml.load
    monkeypatch.setattr(yamlsafe.yaml, "load",
                        lambda text, Loader: used.append(Loader) or real_load(text, Loader))
    load_yaml("title: Koffie & thee\n")  # '&' could start an anchor: PyYAML decides
    load_yaml("title: Koffie\ntags: [koffie, taal]\nstart: 2026-05-14T10:00\n")
    with pytest.raises(ContentError):
        load_yaml("title: !!python/object:os.system ls\n")  # a tag: PyYAML refuses it
    assert used[0] is yamlsafe._ContentLoader and used[1] is yamlsafe._FastLoader
    assert used[2:] == [yamlsafe._ContentLoader]
