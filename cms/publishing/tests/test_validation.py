"""What the CMS accepts, the build accepts: pages go through the admin's own forms and the
files the publish pipeline writes are built by `portal build`'s code with zero problems.

The property tests feed random titles and field values (HTML, emoji, control characters,
nonsense) through the create form as an editor would post it; whatever the form accepts
must reach the portal, and whatever it refuses must be refused with a message.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cms.agenda.models import EventPage
from cms.publishing import builds
from cms.publishing.tests.test_pipeline import commit_pending
from cms.publishing.validation import form_field_of
from cms.socialmap.models import OrganisationPage
from cms.stories.models import StoryPage
from cms.testing import page_form_data
from sitegen.build import BuildOptions, build_village
from sitegen.content import SLUG_RE

CAFE_TITLE = "Op de fiets naar het Repair Café …"
SAFETY_NET = "Het portaal kan dit niet overnemen"


def build(village: str):
    return build_village(BuildOptions(content_root=settings.PORTAL_CONTENT_ROOT,
                                      out=settings.PORTAL_BUILD_ROOT), village)


def publish_new(client, parent, model, **fields):
    """Post the admin's create form with `fields` and the publish button; the response."""
    url, data = page_form_data(client, parent=parent, model=model, **fields)
    data["action-publish"] = "action-publish"
    return client.post(url, data)


def test_a_story_titled_with_accents_gets_an_ascii_address_and_reaches_the_portal(
        two_villages, admin_client, django_capture_on_commit_callbacks):
    lindeveld, _ = two_villages
    commit_pending()
    with django_capture_on_commit_callbacks(execute=True):
        # The slug as a browser with Unicode slugs would have filled it in from the title.
        response = publish_new(admin_client, lindeveld.stories, StoryPage, title=CAFE_TITLE,
                               slug="op-de-fiets-naar-het-repair-café-…",
                               date="2026-11-20", author=lindeveld.author.pk,
                               summary="Samen repareren.")
    assert response.status_code == 302, response.content.decode()[:3000]
    story = StoryPage.objects.get(title=CAFE_TITLE)
    assert story.slug == "op-de-fiets-naar-het-repair-cafe" and story.live
    site = settings.PORTAL_BUILD_ROOT / "lindeveld"
    page = site / "verhalen" / story.slug / "index.html"
    assert "Repair Café" in page.read_text("utf-8")


def test_an_empty_slug_comes_from_the_title_and_a_taken_one_gets_a_number(
        two_villages, admin_client, monkeypatch):
    lindeveld, _ = two_villages
    monkeypatch.setattr(builds, "enqueue_build", lambda village: None)
    for _attempt in range(2):
        response = publish_new(admin_client, lindeveld.socialmap, OrganisationPage,
                               title="Straße des Cafés 🎉", slug="",
                               summary="Ontmoeten.",
                               categories=[lindeveld.categories["zorg"].pk])
        assert response.status_code == 302, response.content.decode()[:3000]
    slugs = sorted(OrganisationPage.objects.filter(title="Straße des Cafés 🎉")
                   .values_list("slug", flat=True))
    assert slugs == ["strasse-des-cafes", "strasse-des-cafes-2"]


def test_renaming_a_page_to_a_taken_address_is_refused_in_dutch(two_villages, admin_client):
    lindeveld, _ = two_villages
    org = lindeveld.organisations["buurthuis"]
    url, data = page_form_data(admin_client, page=org, slug="voedselbank")
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "voedselbank" in response.context["form"].errors["slug"][0]
    assert OrganisationPage.objects.get(pk=org.pk).slug == "buurthuis"


def test_a_title_without_letters_is_refused_with_a_message(two_villages, admin_client):
    lindeveld, _ = two_villages
    response = publish_new(admin_client, lindeveld.socialmap, OrganisationPage,
                           title="🎉🎉", slug="", summary="Feest.",
                           categories=[lindeveld.categories["zorg"].pk])
    assert response.status_code == 200
    assert "letter of cijfer" in response.context["form"].errors["slug"][0]


def test_build_problems_land_on_the_form_field_they_are_about(two_villages):
    org = two_villages[0].organisation
    fields = {"title", "slug", "summary", "street", "postcode", "city", "lat", "lon", "tags"}
    assert form_field_of(org, "summary", fields) == "summary"
    assert form_field_of(org, "address.postcode", fields) == "postcode"
    assert form_field_of(org, "geo.lon", fields) == "lon"
    assert form_field_of(org, "tags[2]", fields) == "tags"
    assert form_field_of(org, "file", fields) == "slug"
    assert form_field_of(org, "nonsense", fields) is None


# ----------------------------------------------------------------- property-based tests

# Anything a person (or a paste from a word processor, or an attacker) may type.
typed = st.text(st.characters(codec="utf-8"), max_size=80)
nasty = st.sampled_from([
    "<script>alert(1)</script>", "<b>vet</b>", "javascript:alert(1)", "a < b", "<12 jaar",
    "Café ☕ 🎉", "---", "key: value", "{{ 7*7 }}", "'; DROP TABLE x; --", "\u202eomgekeerd",
    "  ", "ẞtraße", "\t\r\n", "x" * 400, "https://example.org/?a=1&b=<2>",
])
anything = st.one_of(typed, nasty)
lines = st.lists(anything, max_size=4).map("\n".join)

PROPERTY_SETTINGS = hypothesis_settings(
    max_examples=25, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


class Accepted:
    """What the property tests published through the admin, to build once at the end."""

    def __init__(self) -> None:
        self.pages: list = []
        self.refused: list[dict] = []

    def check_built(self, village: str) -> None:
        result = build(village)
        assert result.built, result.error
        assert [str(p) for p in result.problems] == []
        site = settings.PORTAL_BUILD_ROOT / village
        for page in self.pages:
            assert SLUG_RE.match(page.slug), page.slug
            assert (site / page.kind.save_as_for(page.slug)).is_file(), page.slug


def post_and_record(client, parent, model, fields, accepted: Accepted) -> None:
    response = publish_new(client, parent, model, **fields)
    commit_pending()  # as the request's commit would: the file is written
    # Random values: the form either publishes (a redirect) or shows itself again with
    # what is wrong; each branch is checked below. Never a server error.
    if response.status_code != 302:
        assert response.status_code == 200, response.status_code
        form = response.context["form"]
        assert form.errors, "a refused form says why"
        accepted.refused.append({name: [str(e) for e in errors]
                                 for name, errors in form.errors.items()})
        return
    page = model.objects.order_by("-pk").first()
    assert page.live
    accepted.pages.append(page)


@pytest.fixture
def accepted(two_villages, monkeypatch):
    # Files are written at once; the village is built once, at the end of the test.
    monkeypatch.setattr(builds, "enqueue_build", lambda village: None)
    return Accepted()


ORGANISATION_FIELDS = {
    "title": anything, "summary": anything, "body": st.one_of(anything, lines), "street": anything,
    "postcode": st.one_of(anything, st.sampled_from(["1234 AB", "1234ab", "9000"])),
    "city": anything, "phone": anything, "email": st.one_of(anything, st.emails()),
    "website": st.one_of(anything, st.sampled_from(["https://example.org", "www.x.nl"])),
    "opening_hours": st.one_of(lines, st.sampled_from(["ma-vr 9:00-17:00", "di 13.30-16"])),
    "tags": lines}
EVENT_FIELDS = {
    "title": anything, "summary": anything, "body": st.one_of(anything, lines),
    "start_date": st.dates(date(2000, 1, 1), date(2100, 12, 31)).map(str),
    "location_name": anything, "location_city": anything, "price": anything,
    "registration_url": st.one_of(anything, st.just("https://example.org/aanmelden")),
    "tags": lines}
STORY_FIELDS = {
    "title": anything, "summary": anything, "body": st.one_of(anything, lines),
    "date": st.dates(date(2000, 1, 1), date(2026, 11, 1)).map(str), "tags": lines}
# What an ordinary editor types; each example replaces a few of these with drawn values.
ORDINARY = {
    "organisation": {"title": "Buurthuis De Linde", "summary": "Ontmoeten en koffie.",
                     "body": "Elke dag open.", "postcode": "1234 AB", "city": "Lindeveld"},
    "event": {"title": "Koffieochtend", "start_date": "2026-12-20", "summary": "Koffie."},
    "story": {"title": "Een verhaal", "date": "2026-11-01", "summary": "Over de buurt."},
}


@pytest.mark.parametrize("kind", ["organisation", "event", "story"])
def test_every_page_the_form_accepts_builds_with_zero_problems(
        kind, two_villages, admin_client, monkeypatch):
    lindeveld, _ = two_villages
    # Files are written at once; the village is built once, after all the examples.
    monkeypatch.setattr(builds, "enqueue_build", lambda village: None)
    commit_pending()
    parent, model, strategies, fixed = {
        "organisation": (lindeveld.socialmap, OrganisationPage, ORGANISATION_FIELDS,
                         {"categories": [lindeveld.categories["zorg"].pk]}),
        "event": (lindeveld.agenda, EventPage, EVENT_FIELDS, {}),
        "story": (lindeveld.stories, StoryPage, STORY_FIELDS,
                  {"author": lindeveld.author.pk}),
    }[kind]
    accepted = Accepted()

    @given(data=st.data())
    @PROPERTY_SETTINGS
    def example(data):
        fields = {**ORDINARY[kind], **fixed}
        drawn = data.draw(st.sets(st.sampled_from(sorted(strategies)), min_size=1,
                                  max_size=3), label="fields")
        for name in sorted(drawn):
            fields[name] = data.draw(strategies[name], label=name)
        post_and_record(admin_client, parent, model, fields, accepted)

    example()
    assert accepted.pages, "no example was accepted: the test would prove nothing"
    # Every refusal is in the CMS's own words, beside the field; the build's rules are
    # only the last safety net (their messages name the file's keys).
    assert not [errors for errors in accepted.refused if SAFETY_NET in str(errors)]
    accepted.check_built("lindeveld")


def test_a_village_with_a_logo_and_a_page_with_a_picture_can_be_published(
        two_villages, admin_client, monkeypatch):
    """The check reads the file the pipeline would write; the pictures in it are the CMS's
    own and are written on publish, so they are not looked for on a disk beforehand."""
    from wagtail.images.tests.utils import get_test_image_file

    from cms.core.models import PortalImage

    lindeveld, _ = two_villages
    monkeypatch.setattr(builds, "enqueue_build", lambda village: None)
    logo = PortalImage.objects.create(title="Logo", file=get_test_image_file())
    lindeveld.home.logo = logo
    lindeveld.home.save_revision().publish()
    commit_pending()
    photo = PortalImage.objects.create(title="Zaal", file=get_test_image_file())
    response = publish_new(admin_client, lindeveld.socialmap, OrganisationPage,
                           title="Buurthuis met foto", summary="Met een foto.",
                           image=photo.pk, image_alt="De grote zaal",
                           categories=[lindeveld.categories["zorg"].pk])
    assert response.status_code == 302, response.context["form"].errors
    commit_pending()
    result = build("lindeveld")
    assert result.built and [str(p) for p in result.problems] == []
