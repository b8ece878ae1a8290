"""The content-file writer and reader: same bytes as the seed, values that read back
exactly, and a file cut into pieces that put it back together byte for byte."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from sitegen.content import load_village
from sitegen.contentfile import (
    KEY_ORDER,
    dump_content_file,
    dump_yaml,
    from_json_value,
    read_content_file,
    split_content_file,
    to_json_value,
)
from sitegen.seed import generator, seed
from sitegen.yamlsafe import load_yaml


def _unquote_keys(text: str) -> str:
    """The seed's writer quotes keys with an underscore ('base_url':); ours does not."""
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip(" -")
        if stripped.startswith("'") and "': " in stripped or stripped.endswith("':"):
            key_end = stripped.index("'", 1)
            key = stripped[1:key_end]
            if key.replace("_", "").isalnum():
                line = line[:len(line) - len(stripped)] + key + stripped[key_end + 1:]
        lines.append(line)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeded") / "content"
    seed(out, villages=2, organisations=40, events=40, interviews=6, seed=3)
    return out


def test_the_seeds_files_are_what_the_writer_writes(seeded):
    files = sorted(seeded.glob("*/site.yaml")) + sorted(seeded.glob("*/*/*.md"))
    assert len(files) == 2 + 40 + 40 + 6 + 6
    for path in files:
        text = path.read_text("utf-8")
        if path.suffix == ".md":
            front, body = read_content_file(text)
            ours = dump_content_file(front, body)
        else:
            ours = dump_yaml(load_yaml(text))
        # Until the seed writes through this module, keys are the only difference.
        assert ours == _unquote_keys(text), path


def test_identifier_keys_are_plain_and_still_read_back(seeded):
    text = (seeded / "maurik" / "site.yaml").read_text("utf-8")
    data = load_yaml(text)
    written = dump_yaml(data)
    assert "\nbase_url: https://maurik.buurtportaal.example\n" in written
    assert "  logo_alt: Logo van PuurMaurik\n" in written
    assert "  primary_color: '#" in written  # a value starting with # stays quoted
    assert yaml.safe_load(written) == data


def test_the_writer_is_the_seeds_writer_once_the_seed_switches():
    if generator.dump_yaml is dump_yaml:
        return
    sample = {"title": "Koffie & praatje", "opening_hours": ["Mo-Fr 09:00-17:00"],
              "start": datetime(2026, 11, 7, 9, 30), "price": "€ 3,50", "colour": "#2e7d32"}
    assert dump_yaml(sample) == _unquote_keys(generator.dump_yaml(sample))


@pytest.mark.parametrize("value", [
    "on", "yes", "No", "null", "~", "true", "12", "0344", "1e3", "3.50", "2026-10-06",
    "2026-10-06T10:00", "#2e7d32", "€ 3,50", "- lijst", "a: b", "eindigt:", "eindigt ",
    " begint", "", "'quote'", '"dubbel"', "tab\there", "twee\nregels", "nul\x00teken",
    "c1\x85\x9f", "regel\u2028scheiding", "bom\ufeff", "emoji 🎉", "a #hash", "*ster", "&amp",
    "@at", "`tick", "%pct", "!bang", "|pipe", ">gt", "?vraag", "{a}", "[b]", "x,y",
])
def test_every_string_reads_back_as_itself(value):
    written = dump_yaml({"value": value, value or "leeg": 1})
    assert yaml.safe_load(written) == {"value": value, value or "leeg": 1}
    assert load_yaml(written) == {"value": value, value or "leeg": 1}


@pytest.mark.parametrize("value", [
    0, -3, 10**30, 1.5, 52.10262, 1e20, 1e-7, -0.0, True, False, None,
    date(2026, 11, 7), datetime(2026, 11, 7, 9, 30), datetime(2026, 11, 7, 9, 30, 0, 120),
    datetime(2026, 8, 1, 15, 30, tzinfo=timezone(timedelta(hours=2))),
    datetime(2026, 8, 1, 13, 30, tzinfo=UTC), b"\x00bytes", [], {}, [[1, 2], {"a": []}],
])
def test_every_value_reads_back_as_itself(value):
    assert load_yaml(dump_yaml({"k": value, "l": [value]})) == {"k": value, "l": [value]}


def test_floats_yaml_would_misread_are_written_as_floats():
    data = load_yaml(dump_yaml({"nan": math.nan, "inf": math.inf, "min": -math.inf}))
    assert math.isnan(data["nan"]) and data["inf"] == math.inf and data["min"] == -math.inf
    assert dump_yaml({"big": 1e20}) == "big: 1.0e+20\n"


def test_odd_keys_are_quoted_and_a_list_at_the_top_is_a_sequence():
    assert dump_yaml({"on": 1, 2026: "jaar", "opening hours": 2}) == (
        "'on': 1\n2026: jaar\nopening hours: 2\n")
    entries = [{"from": "sociale-kaart/oud/", "to": "sociale-kaart/nieuw/"}]
    assert dump_yaml(entries) == "- from: sociale-kaart/oud/\n  to: sociale-kaart/nieuw/\n"
    assert load_yaml(dump_yaml(entries)) == entries
    assert load_yaml(dump_yaml([])) == [] and load_yaml(dump_yaml({})) == {}


def test_a_content_file_is_cut_into_parts_that_give_it_back_exactly():
    text = ("---\n# met commentaar\ntitle: \"Repair Café\"\ntags: [a, b]\n--- \n\n\n"
            "Eerste regel.\n\n    code\n\n\n")
    parts = split_content_file(text)
    assert parts.text == text
    assert parts.front == {"title": "Repair Café", "tags": ["a", "b"]}
    assert parts.body == "Eerste regel.\n\n    code"
    assert parts.head.endswith("--- \n") and parts.before == "\n\n" and parts.after == "\n\n\n"
    assert read_content_file(text) == (parts.front, parts.body)
    empty = split_content_file("---\ntitle: Leeg\n---")
    assert empty.text == "---\ntitle: Leeg\n---" and empty.body == ""


def test_json_values_come_back_with_their_types():
    value = {"when": date(2026, 3, 1), "at": datetime(2026, 3, 1, 9, tzinfo=UTC),
             "odd": {2026: "jaar", "$x": 1}, "nan": math.inf, "bytes": b"\x01",
             "list": [1, 1.0, True, None, "1"], "set": {1, 2}}
    assert from_json_value(to_json_value(value)) == value
    assert from_json_value(to_json_value(value))["list"][1].__class__ is float


def test_key_order_covers_every_key_of_the_spec(tmp_path):
    assert KEY_ORDER["events"][:3] == ["title", "start", "end"]
    # files written in KEY_ORDER are read by the build without a problem
    root = tmp_path / "content"
    (root / "dorp" / "pages").mkdir(parents=True)
    (root / "dorp" / "site.yaml").write_text(dump_yaml({
        "name": "Dorp", "municipality": "Gemeente", "base_url": "https://dorp.example",
        "categories": [{"slug": "zorg", "name": "Zorg"}]}), "utf-8")
    (root / "dorp" / "pages" / "over.md").write_text(
        dump_content_file({"title": "Over", "menu_order": 1}, "\n\nTekst.\n\n"), "utf-8")
    content = load_village(root, "dorp")
    assert not content.problems and content.pages[0].menu_order == 1
