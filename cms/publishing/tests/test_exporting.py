"""The content file of a page: exactly the file it came from while nothing changed, the
editor's change in canonical form when something did, and valid for the build always."""

from __future__ import annotations

import io
from datetime import date, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cms.agenda.models import AgendaIndexPage, EventPage
from cms.publishing.exporting import (
    FrontKey,
    VillageScope,
    export_content,
    page_file,
    page_models,
    reconcile,
    remove_page_file,
    site_yaml_text,
    write_page_file,
)
from cms.publishing.importing import import_content
from cms.publishing.tests.test_importing import FILES, SITE_YAML, write_lindeveld
from cms.socialmap.models import OrganisationPage, SocialMapIndexPage
from cms.stories.models import AuthorProfile, StoryIndexPage, StoryPage
from cms.villages.models import Category, PlainPage, VillageHomePage
from sitegen.content import load_village
from sitegen.contentfile import KEY_ORDER, MISSING, dump_yaml
from sitegen.yamlsafe import load_yaml, split_front_matter


@pytest.fixture
def lindeveld(db, settings, tmp_path):
    """The hand-written village of `test_importing`, imported."""
    settings.MEDIA_ROOT = tmp_path / "media-root"
    content = write_lindeveld(tmp_path / "content")
    assert import_content(content, report=io.StringIO()) == 0
    return VillageHomePage.objects.get(slug="lindeveld")


def front_of(text: str) -> dict:
    return split_front_matter(text)[0]


def test_the_field_tables_follow_the_canonical_key_order():
    tables = {model.content_folder: model.file_fields for model in page_models()}
    assert {folder: list(fields) for folder, fields in tables.items()} == {
        folder: keys for folder, keys in KEY_ORDER.items() if folder != "site"}
    assert list(VillageHomePage.file_fields) == KEY_ORDER["site"]


def test_every_field_reads_back_what_it_writes(lindeveld):
    scope = VillageScope(lindeveld)
    pages = [*OrganisationPage.objects.all(), *EventPage.objects.all(),
             *StoryPage.objects.all(), *PlainPage.objects.all()]
    for page in [lindeveld, *pages]:
        fields = type(page).file_fields
        for key, spec in fields.items():
            normal = spec.get(page, scope)
            written = spec.write(normal, scope)
            # ... also after a trip through the YAML writer and the build's reader
            read_back = MISSING if written is MISSING else load_yaml(dump_yaml({key: written}))[key]
            assert spec.read(read_back, scope) == normal, (page.slug, key)


def test_unchanged_pages_give_back_the_hand_written_files_exactly(lindeveld):
    for rel, text in FILES.items():
        folder, name = rel.split("/")
        page = {"organisations": OrganisationPage, "events": EventPage, "stories": StoryPage,
                "pages": PlainPage}[folder].objects.get(slug=name.removesuffix(".md"))
        assert page_file(page) == (f"lindeveld/{rel}", text)
    assert page_file(lindeveld) == ("lindeveld/site.yaml", SITE_YAML)


def test_a_changed_time_is_written_in_canonical_form_and_the_rest_as_it_was(lindeveld):
    event = EventPage.objects.get(slug="koffie")
    event.start_time = time(10, 30)
    event.save_revision().publish()
    event.refresh_from_db()

    _rel, text = page_file(event)

    front = front_of(text)
    assert "\nstart: 2026-10-06T10:30:00\n" in text  # the editor's value, as a timestamp
    assert "\nend: 2026-10-06T12:00:00+02:00\n" in text  # unchanged: as the file had it
    assert front["recurrence"] == "rrule:freq=weekly;byday=tu"
    assert front["exdates"] == [date(2026, 12, 29), load_yaml("2027-01-05T10:00:00")]
    assert front["location"] == "Buurthuis De Linde" and front["price"] == 3.5
    assert front["updated"] == event.last_published_at.replace(microsecond=0)
    assert list(front) == ["title", "start", "end", "recurrence", "exdates", "location",
                           "organiser", "price", "categories", "updated"]


def test_a_changed_address_keeps_the_parts_the_cms_does_not_know(lindeveld):
    org = OrganisationPage.objects.get(slug="buurthuis")
    org.postcode = "3351 AB"
    org.tags = ["koffie", "soep", "krant"]
    org.save_revision().publish()
    front = front_of(page_file(OrganisationPage.objects.get(pk=org.pk))[1])
    assert front["address"] == {"street": "Lindeplein 1", "postcode": "3351 AB",
                                "city": "Papendrecht", "country": "NL"}
    assert front["tags"] == ["koffie", "soep", "krant"]
    assert front["image"] == "./media/lindeveld/plein.png"  # same picture, same spelling
    assert front["volunteers_wanted"] is True
    assert front["fundraiser"] == {"iban": "NL00TEST0123456789", "deadline": date(2027, 3, 1)}


def test_cleared_values_and_removed_unknown_keys_leave_the_file(lindeveld):
    org = OrganisationPage.objects.get(slug="buurthuis")
    org.image, org.image_alt, org.opening_hours = None, "", []
    org.extra.pop("fundraiser")
    org.extra["volunteer_hours"] = 12  # a key added by code goes at the end
    front = front_of(page_file(org)[1])
    assert not {"image", "image_alt", "opening_hours", "fundraiser"} & set(front)
    assert list(front)[-1] == "volunteer_hours" and front["volunteer_hours"] == 12


def test_a_draft_is_written_as_the_draft(lindeveld):
    org = OrganisationPage.objects.get(slug="sportclub")
    draft = org.get_latest_revision_as_object()
    draft.summary = "Voetbal, tennis en jeu de boules."
    revision = draft.save_revision()

    rel, text = page_file(revision.as_object())

    assert rel == "lindeveld/organisations/sportclub.md"
    assert front_of(text)["summary"] == "Voetbal, tennis en jeu de boules."
    assert front_of(page_file(OrganisationPage.objects.get(pk=org.pk))[1])["summary"] == (
        "Voetbal en tennis.")  # the published page is unchanged
    # a page not in the tree yet needs to be told its village
    new = OrganisationPage(title="Nieuw", slug="nieuw", summary="Nog niet opgeslagen.")
    assert page_file(new, village=lindeveld)[0] == "lindeveld/organisations/nieuw.md"
    with pytest.raises(ValueError):
        page_file(new)


def test_pages_made_in_the_cms_are_files_the_build_reads_without_problems(lindeveld, tmp_path):
    socialmap = SocialMapIndexPage.objects.child_of(lindeveld).get()
    org = OrganisationPage(title="Tafeltennis 't Batje", slug="tafeltennis", summary="Pingpong.",
                           street="Lindeplein 3", postcode="3351 AA", city="Papendrecht",
                           lat=51.8301, lon=4.6902, opening_hours=["We 19:00-22:00"],
                           tags=["sport"], volunteers_wanted=True)
    org.categories = [Category.objects.get(village=lindeveld, slug="sport")]
    socialmap.add_child(instance=org)
    org.save_revision().publish()
    agenda = AgendaIndexPage.objects.child_of(lindeveld).get()
    event = EventPage(title="Toernooi", slug="toernooi", start_date=date(2026, 11, 21),
                      start_time=time(13, 0), end_time=time(17, 0), organiser=org,
                      location_name="Sporthal", exdates=["2026-12-26"],
                      recurrence="FREQ=MONTHLY;BYDAY=3SA", price="€ 2,50")
    agenda.add_child(instance=event)
    event.save_revision().publish()
    story = StoryPage(title="Batje 50 jaar", slug="batje-50", date=date(2026, 10, 1),
                      author=AuthorProfile.objects.create(village=lindeveld, name="Piet"),
                      body="Een **feest**.")
    story.organisations = [org]
    StoryIndexPage.objects.child_of(lindeveld).get().add_child(instance=story)
    story.save_revision().publish()

    out = tmp_path / "export"
    assert export_content(out, report=io.StringIO()) == 0
    content = load_village(out, "lindeveld")

    assert content.problems == []
    made = next(o for o in content.organisations if o.slug == "tafeltennis")
    assert (made.title, made.address.postcode, made.geo.lat, made.volunteers_wanted) == (
        "Tafeltennis 't Batje", "3351 AA", 51.8301, True)
    toernooi = next(e for e in content.events if e.slug == "toernooi")
    assert (toernooi.start.hour, toernooi.end.hour, toernooi.organiser) == (13, 17, "tafeltennis")
    assert toernooi.price == "€ 2,50" and toernooi.recurrence == "FREQ=MONTHLY;BYDAY=3SA"
    assert next(s for s in content.stories if s.slug == "batje-50").organisations == [
        "tafeltennis"]
    text = (out / "lindeveld/organisations/tafeltennis.md").read_text("utf-8")
    assert text.startswith("---\ntitle: Tafeltennis 't Batje\ncategories:\n- sport\n")
    org.refresh_from_db()
    published = org.last_published_at.astimezone(ZoneInfo("Europe/Amsterdam"))
    assert f"\nupdated: {published.replace(microsecond=0).isoformat()}\n" in text


def test_write_and_remove_a_page_file(lindeveld, tmp_path):
    root = tmp_path / "published"
    org = OrganisationPage.objects.get(slug="buurthuis")

    path = write_page_file(org, content_root=root)

    assert path == root / "lindeveld/organisations/buurthuis.md"
    assert path.read_text("utf-8") == FILES["organisations/buurthuis.md"]
    assert (root / "lindeveld/site.yaml").read_text("utf-8") == SITE_YAML  # was missing
    assert (root / "media/lindeveld/plein.png").is_file()  # the picture it shows
    assert (root / "media/lindeveld/logo.png").is_file()  # the logo of site.yaml
    assert not [p for p in root.rglob(".*") if p.is_file()]  # no temporary files left

    assert remove_page_file(org, content_root=root) is True
    assert not path.exists()
    assert remove_page_file(org, content_root=root) is False
    write_page_file(org, content_root=root)
    assert remove_page_file(org, content_root=root, slug="buurthuis", village="lindeveld")
    assert not path.exists()


def test_index_pages_have_no_file_of_their_own(lindeveld, tmp_path):
    agenda = AgendaIndexPage.objects.child_of(lindeveld).get()
    with pytest.raises(ValueError):
        page_file(agenda)
    assert write_page_file(agenda, content_root=tmp_path) == tmp_path / "lindeveld/site.yaml"
    assert remove_page_file(agenda, content_root=tmp_path) is False


def test_site_yaml_follows_changes_to_the_village_and_its_categories(lindeveld):
    Category.objects.create(village=lindeveld, slug="cultuur", name="Cultuur", sort_order=9)
    lindeveld.tagline = "Samen in Lindeveld"
    data = load_yaml(site_yaml_text(lindeveld))
    assert data["tagline"] == "Samen in Lindeveld"
    assert [c["slug"] for c in data["categories"]] == ["zorg", "sport", "ontmoeting", "cultuur"]
    assert data["analytics"] == {"provider": "geen"} and "locale" not in data
    assert data["branding"]["primary_color"] == "#2e7d32"


def test_windows_line_endings_and_a_byte_order_mark_come_back_as_plain_lines(
        db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media-root"
    content = write_lindeveld(tmp_path / "content")
    original = FILES["pages/over.md"]
    (content / "lindeveld/pages/over.md").write_bytes(
        b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))
    (content / "lindeveld/site.yaml").write_bytes(SITE_YAML.replace("\n", "\r\n").encode())
    assert import_content(content, report=io.StringIO()) == 0
    assert page_file(PlainPage.objects.get(slug="over"))[1] == original
    assert site_yaml_text(VillageHomePage.objects.get(slug="lindeveld")) == SITE_YAML


def test_export_reports_where_it_could_not_write(lindeveld, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", "utf-8")
    report = io.StringIO()
    assert export_content(blocked, report=report) == 2
    assert "cannot be written" in report.getvalue()
    assert Path(blocked).read_text("utf-8") == "a file, not a folder"


# --- reconcile: the file's own value wherever the CMS holds the same -----------------

TEXT = FrontKey(lambda v: "" if v in (None, MISSING) else str(v).strip())
SLUGS = FrontKey(lambda v: frozenset(v or []) if v is not MISSING else frozenset(),
                 unordered=True)
ADDRESS = FrontKey(lambda v: tuple((v or {}).get(k, "") for k in ("street", "city"))
                   if isinstance(v, dict) else ("", ""),
                   children={"street": TEXT, "city": TEXT})
KEYS = {"title": TEXT, "categories": SLUGS, "address": ADDRESS, "price": TEXT,
        "summary": TEXT}


def test_unchanged_values_are_written_as_the_file_had_them():
    source = {"title": " Soos ", "price": 3.5, "categories": ["b", "a"],
              "fundraiser": {"iban": "NL00TEST0123456789"}}
    current = {"title": "Soos", "categories": ["a", "b"], "price": "3.5",
               "fundraiser": {"iban": "NL00TEST0123456789"}}
    merged, untouched = reconcile(source, current, KEYS)
    assert untouched and merged == source
    assert list(merged["categories"]) == ["b", "a"]


def test_changed_values_take_the_cms_value_in_their_place():
    source = {"title": "Soos", "categories": ["c", "b", "a"], "extra": 1,
              "address": {"street": "Dorpsstraat 1", "city": "Maurik", "country": "NL"}}
    current = {"title": "Soos", "categories": ["a", "b", "d"], "summary": "Nieuw",
               "address": {"street": "Dorpsstraat 2", "city": "Maurik"}, "extra": 1}
    merged, untouched = reconcile(source, current, KEYS)
    assert not untouched
    assert merged == {"title": "Soos", "categories": ["b", "a", "d"], "extra": 1,
                      "address": {"street": "Dorpsstraat 2", "city": "Maurik", "country": "NL"},
                      "summary": "Nieuw"}
    # a new key goes right after the last key that precedes it in the canonical order
    assert list(merged) == ["title", "categories", "summary", "extra", "address"]


def test_values_the_cms_cleared_or_dropped_leave_the_file():
    merged, untouched = reconcile({"title": "Soos", "summary": "Oud", "extra": 1},
                                  {"title": "Soos"}, KEYS)
    assert merged == {"title": "Soos"} and not untouched


def test_a_key_the_file_left_out_stays_out_while_the_cms_holds_the_default():
    keys = {"locale": FrontKey(lambda v: "nl" if v in (MISSING, None) else v)}
    assert reconcile({}, {"locale": "nl"}, keys) == ({}, True)
    assert reconcile({}, {"locale": "fr"}, keys) == ({"locale": "fr"}, False)
