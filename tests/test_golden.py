"""Golden output: the small fixed fixture village must build to exactly these files.

A change to templates or generators that alters them shows up here as a diff to review.
After reviewing, regenerate with: UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os

import pytest

from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden-output" / "lindeveld"
FILES = [
    "index.html",
    "sociale-kaart/index.html",
    "sociale-kaart/huisartsenpraktijk-de-linde/index.html",
    "agenda/index.html",
    "agenda/koffieochtend/index.html",
    "verhalen/vrijwilliger-in-het-anker/index.html",
    "agenda.ics",
    "open-data/organisaties.json",
    "sitemap.xml",
    "feeds/verhalen.atom.xml",
]


@pytest.mark.parametrize("rel", FILES)
def test_build_matches_golden_output(golden_site, rel):
    built = (golden_site / rel).read_text("utf-8")
    expected_path = GOLDEN / rel
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.parent.mkdir(parents=True, exist_ok=True)
        expected_path.write_text(built, "utf-8")
    expected = expected_path.read_text("utf-8")
    if built != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(True), built.splitlines(True), "golden", "built", n=2))
        pytest.fail(f"{rel} differs from the golden output:\n{diff[:4000]}")
