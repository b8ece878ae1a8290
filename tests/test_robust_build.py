"""No item can freeze, hide or leak a village (issue 11): one bad item is left out with a
``path: field: message`` problem and the rest of the village, and every other village, is
built."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen import build
from sitegen.build import BuildOptions, build_portals, exit_status
from sitegen.content import is_note
from tests.conftest import NOW, NOW_ARG, run_portal

SITE = """\
name: {name}
municipality: Testgemeente
base_url: https://{slug}.example
categories:
  - {{slug: ontmoeten, name: Ontmoeten}}
"""
ORGANISATION = "---\ntitle: Buurthuis\ncategories: [ontmoeten]\nsummary: Koffie.\n---\nWelkom.\n"


def event(start: str, extra: str = "") -> str:
    return f"---\ntitle: Activiteit\nstart: {start}\n{extra}---\nTekst.\n"


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def village(slug: str, files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    """The files of village `slug`: its site.yaml, a good event and `files`."""
    return {
        f"{slug}/site.yaml": SITE.format(name=slug.title(), slug=slug),
        f"{slug}/events/goed.md": event("2026-12-01T10:00"),
        **{f"{slug}/{rel}": text for rel, text in files.items()},
    }


def test_portal_build_leaves_out_impossible_years_and_builds_every_village(tmp_path):
    # Year 1 crashed the whole run with an OverflowError; a recurring event in 9999 stopped
    # its village with "year 10009 is out of range", naming no file.
    content = write(tmp_path / "content", {
        **village("oud", {"events/jaar-een.md": event("0001-01-01T00:10")}),
        **village("ver", {"events/jaar-9999.md": event("9999-06-01T10:00",
                                                       "recurrence: FREQ=YEARLY\n")}),
        **village("heel", {}),
    })
    out = tmp_path / "build"
    result = run_portal("build", "--content", str(content), "--out", str(out),
                        "--now", NOW_ARG)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert ("oud/events/jaar-een.md: start: must lie between the years 1900 and 2200, "
            "got '0001-01-01T00:10'") in lines
    assert any(line.startswith("ver/events/jaar-9999.md: start: ") for line in lines)
    for slug in ("oud", "ver", "heel"):
        assert (out / slug / "agenda" / "goed" / "index.html").is_file()
    assert not (out / "oud" / "agenda" / "jaar-een").exists()
    assert not (out / "ver" / "agenda" / "jaar-9999").exists()


def test_a_village_whose_reading_fails_does_not_stop_the_others(tmp_path, monkeypatch):
    content = write(tmp_path / "content", {**village("a", {}), **village("b", {})})
    real = build.load_village

    def failing(root, slug):
        if slug == "a":
            raise OverflowError("date value out of range")
        return real(root, slug)

    monkeypatch.setattr(build, "load_village", failing)
    results = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert [(r.slug, r.built) for r in results] == [("a", False), ("b", True)]
    assert results[0].error == "OverflowError: date value out of range"
    assert exit_status(results) == 1  # sites were built, a village was left out
    monkeypatch.setattr(build, "load_village", lambda root, slug: failing(root, "a"))
    assert exit_status(build_portals(BuildOptions(content, tmp_path / "build2", now=NOW))) == 2


def test_an_event_whose_dates_cannot_be_worked_out_is_left_out(tmp_path, monkeypatch):
    from sitegen.plugins.portal import generators

    real = generators.expand_occurrences

    def failing(event, tz, now, *args, **kwargs):
        if event.slug == "kapot":
            raise ValueError("year 10009 is out of range")
        return real(event, tz, now, *args, **kwargs)

    monkeypatch.setattr(generators, "expand_occurrences", failing)
    content = write(tmp_path / "content", village("dorp", {
        "events/kapot.md": event("2026-12-02T10:00", "recurrence: FREQ=WEEKLY\n"),
    }))
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    assert [str(p) for p in result.problems] == [
        "dorp/events/kapot.md: recurrence: could not be processed and was left out "
        "(ValueError: year 10009 is out of range); please tell the portal's makers"
    ]
    site = tmp_path / "build" / "dorp"
    assert (site / "agenda" / "goed" / "index.html").is_file()
    assert not (site / "agenda" / "kapot").exists()
    assert "kapot" not in (site / "agenda" / "index.html").read_text("utf-8")


def test_an_event_the_calendar_cannot_hold_is_left_out_of_the_whole_site(tmp_path,
                                                                          monkeypatch):
    from sitegen import calendar

    real = calendar._vevent

    def failing(event, *args):
        if event.slug == "kapot":
            raise OverflowError("date value out of range")
        return real(event, *args)

    monkeypatch.setattr(calendar, "_vevent", failing)
    content = write(tmp_path / "content", village("dorp", {
        "events/kapot.md": event("2026-12-02T10:00"),
    }))
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    assert [(p.path, p.field) for p in result.problems] == [("dorp/events/kapot.md", "start")]
    site = tmp_path / "build" / "dorp"
    assert not (site / "agenda" / "kapot").exists()
    assert "kapot@dorp" not in (site / "agenda.ics").read_text("utf-8")
    assert "goed@dorp" in (site / "agenda.ics").read_text("utf-8")


def test_a_page_that_cannot_be_rendered_is_a_problem_of_its_file(tmp_path, monkeypatch):
    from sitegen.plugins.portal import generators

    real = generators.PortalGenerator.write_page

    def failing(self, writer, save_as, *args, **kwargs):
        if save_as == "agenda/kapot/index.html":
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, writer, save_as, *args, **kwargs)

    monkeypatch.setattr(generators.PortalGenerator, "write_page", failing)
    content = write(tmp_path / "content", village("dorp", {
        "events/kapot.md": event("2026-12-02T10:00"),
    }))
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    assert [(p.path, p.field) for p in result.problems] == [("dorp/events/kapot.md", "file")]
    assert (tmp_path / "build" / "dorp" / "agenda" / "goed" / "index.html").is_file()


@pytest.fixture
def left_out_organiser(tmp_path) -> tuple[build.VillageResult, Path]:
    """A village whose organisation 'kapot' is left out for its own problems, with an
    event and a story that refer to it."""
    content = write(tmp_path / "content", village("dorp", {
        "organisations/kapot.md": "---\ntitle: Kapot\n---\n",
        "organisations/buurthuis.md": ORGANISATION,
        "events/met-kapot.md": event("2026-12-02T10:00", "organiser: kapot\n"),
        "stories/over-beide.md": "---\ntitle: Samen\ndate: 2026-11-01\nauthor: Ans\n"
                                 "organisations: [buurthuis, kapot]\n---\nVerhaal.\n",
    }))
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    return result, tmp_path / "build" / "dorp"


def test_an_event_whose_organiser_was_left_out_is_shown_without_the_link(left_out_organiser):
    result, site = left_out_organiser
    page = (site / "agenda" / "met-kapot" / "index.html").read_text("utf-8")
    assert "sociale-kaart/kapot" not in page
    assert "met-kapot" in (site / "agenda" / "index.html").read_text("utf-8")
    notes = [(p.path, p.field) for p in result.problems if is_note(p)]
    assert notes == [("dorp/events/met-kapot.md", "organiser"),
                     ("dorp/stories/over-beide.md", "organisations")]
    left_out = {p.path for p in result.problems if not is_note(p)}
    assert left_out == {"dorp/organisations/kapot.md"}


def test_a_story_keeps_the_organisations_that_remain(left_out_organiser):
    _result, site = left_out_organiser
    page = (site / "verhalen" / "over-beide" / "index.html").read_text("utf-8")
    assert "sociale-kaart/buurthuis/" in page
    assert "sociale-kaart/kapot" not in page
    assert "over-beide" in (site / "sociale-kaart" / "buurthuis" / "index.html").read_text(
        "utf-8")


def test_an_organisation_the_build_leaves_out_keeps_its_events(tmp_path):
    # The generator leaves out an organisation whose picture cannot be made; its event
    # stays, without the link, with a note instead of a second refusal.
    content = write(tmp_path / "content", village("dorp", {
        "organisations/buurthuis.md": ORGANISATION.replace(
            "summary:", "image: media/kapot.jpg\nimage_alt: Het huis\nsummary:"),
        "events/koffie.md": event("2026-12-02T10:00", "organiser: buurthuis\n"),
    }))
    write(content, {"media/kapot.jpg": b"geen plaatje"})
    [result] = build_portals(BuildOptions(content, tmp_path / "build", now=NOW))
    assert result.built, result.error
    notes = [str(p) for p in result.problems if is_note(p)]
    assert len(notes) == 1 and notes[0].startswith("dorp/events/koffie.md: organiser: ")
    site = tmp_path / "build" / "dorp"
    assert (site / "agenda" / "koffie" / "index.html").is_file()
    assert not (site / "sociale-kaart" / "buurthuis").exists()
