"""Categories and the portal: a category that pages use is never deleted from under them,
and a renamed category reaches every content file that names it (issue 11, finding 4)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from cms.agenda.models import EventPage
from cms.publishing.models import BuildRequest
from cms.publishing.tests import conftest as publishing_fixtures
from cms.publishing.tests.test_pipeline import commit_pending
from cms.villages.models import Category, VillageHomePage
from sitegen.build import BuildOptions, build_village

SNIPPETS = "wagtailsnippets_villages_category"

published = publishing_fixtures.published  # both villages exported and built


def built(rel: str) -> str:
    return (settings.PORTAL_BUILD_ROOT / "lindeveld" / rel).read_text("utf-8")


def content(rel: str) -> str:
    return (settings.PORTAL_CONTENT_ROOT / "lindeveld" / rel).read_text("utf-8")


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def build_lindeveld():
    return build_village(BuildOptions(content_root=settings.PORTAL_CONTENT_ROOT,
                                      out=settings.PORTAL_BUILD_ROOT), "lindeveld")


def test_deleting_a_used_category_keeps_its_organisations_on_the_portal(
        published, django_capture_on_commit_callbacks):
    # The finding: deleting "zorg" rewrote site.yaml only, and the next build left out
    # every organisation whose file still named it.
    lindeveld, _ = published
    zorg = lindeveld.categories["zorg"]
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                Category.objects.get(pk=zorg.pk).delete()
        except ProtectedError:
            pass
    for org in ("buurthuis", "voedselbank"):
        assert f"sociale-kaart/{org}/" in built("sociale-kaart/index.html")
        assert (settings.PORTAL_BUILD_ROOT / "lindeveld/sociale-kaart" / org).is_dir()
    assert (settings.PORTAL_BUILD_ROOT / "lindeveld/agenda/koffieochtend").is_dir()
    result = build_lindeveld()
    assert result.built and result.problems == []
    # ... because the delete was refused, naming the pages that use the category.
    assert Category.objects.filter(pk=zorg.pk).exists()
    with pytest.raises(ProtectedError) as refusal:
        with transaction.atomic():
            Category.objects.filter(pk=zorg.pk).delete()  # a queryset delete too
    assert {page.slug for page in refusal.value.protected_objects} == {"buurthuis",
                                                                        "voedselbank"}


def test_a_category_only_an_event_uses_is_not_deleted_either(published):
    lindeveld, _ = published
    event = EventPage.objects.get(pk=lindeveld.event.pk)
    event.categories = [lindeveld.categories["sport"]]
    event.save_revision().publish()
    with pytest.raises(ProtectedError):
        with transaction.atomic():
            Category.objects.get(pk=lindeveld.categories["sport"].pk).delete()
    assert Category.objects.filter(pk=lindeveld.categories["sport"].pk).exists()


def test_an_unused_category_is_deleted_and_leaves_site_yaml(
        published, django_capture_on_commit_callbacks):
    lindeveld, _ = published
    with django_capture_on_commit_callbacks(execute=True):
        Category.objects.get(pk=lindeveld.categories["sport"].pk).delete()
    assert "sport" not in content("site.yaml")
    assert not (settings.PORTAL_BUILD_ROOT / "lindeveld/sociale-kaart/categorie/sport").exists()
    assert BuildRequest.objects.get(village="lindeveld").problems == []


def test_a_deleted_village_takes_its_categories_along(two_villages):
    lindeveld, hoogmeer = two_villages
    lindeveld.story.delete()  # its author protects it, and a village's authors go with it
    VillageHomePage.objects.get(pk=lindeveld.home.pk).delete()
    assert not Category.objects.filter(village_id=lindeveld.home.pk).exists()
    assert Category.objects.filter(village=hoogmeer.home).count() == 2


def test_the_admin_refuses_to_delete_a_used_category_and_says_who_uses_it(
        published, admin_client):
    lindeveld, _ = published
    zorg = lindeveld.categories["zorg"]
    delete = reverse(f"{SNIPPETS}:delete", args=[zorg.pk])
    for response in (admin_client.get(delete), admin_client.post(delete)):
        assert response.status_code == 302
        assert response["Location"] == reverse(f"{SNIPPETS}:edit", args=[zorg.pk])
        message = texts(response)[-1]  # the redirect was not followed, so they pile up
        assert message.startswith("Deze categorie wordt nog gebruikt door: ")
        assert "Buurthuis Lindeveld" in message and "Voedselbank Lindeveld" in message
        assert message.endswith("Kies eerst een andere categorie voor deze organisaties.")
    assert Category.objects.filter(pk=zorg.pk).exists()

    # The bulk action in the listing refuses too; an unused category is deleted as ever.
    bulk = reverse("wagtail_bulk_action", args=("villages", "category", "delete"))
    sport = lindeveld.categories["sport"]
    response = admin_client.post(f"{bulk}?id={zorg.pk}&id={sport.pk}")
    assert response.status_code == 302
    assert texts(response)[-1].startswith("Deze categorie wordt nog gebruikt door: ")
    assert Category.objects.filter(pk__in=[zorg.pk, sport.pk]).count() == 2
    admin_client.post(reverse(f"{SNIPPETS}:delete", args=[sport.pk]))
    assert not Category.objects.filter(pk=sport.pk).exists()


def test_renaming_a_used_category_rewrites_the_files_that_name_it(
        published, django_capture_on_commit_callbacks):
    lindeveld, _ = published
    event = EventPage.objects.get(pk=lindeveld.event.pk)
    event.categories = [lindeveld.categories["zorg"]]
    event.save_revision().publish()
    commit_pending()  # written and built; the rename below gets a batch of its own
    zorg = Category.objects.get(pk=lindeveld.categories["zorg"].pk)
    zorg.slug, zorg.name = "welzijn", "Welzijn"
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            zorg.save()

    assert "slug: welzijn" in content("site.yaml")
    for rel in ("organisations/buurthuis.md", "organisations/voedselbank.md",
                "events/koffieochtend.md"):
        assert "welzijn" in content(rel) and "zorg" not in content(rel), rel
    request = BuildRequest.objects.get(village="lindeveld")
    assert request.status == 0 and request.problems == []
    page = built("sociale-kaart/categorie/welzijn/index.html")
    assert "sociale-kaart/buurthuis/" in page and "sociale-kaart/voedselbank/" in page
    assert not (settings.PORTAL_BUILD_ROOT / "lindeveld/sociale-kaart/categorie/zorg").exists()
    result = build_lindeveld()
    assert result.built and result.problems == []


def test_renaming_only_the_name_keeps_the_page_files(
        published, django_capture_on_commit_callbacks):
    lindeveld, _ = published
    org_file = settings.PORTAL_CONTENT_ROOT / "lindeveld/organisations/buurthuis.md"
    before = org_file.stat().st_mtime_ns
    zorg = Category.objects.get(pk=lindeveld.categories["zorg"].pk)
    zorg.name = "Zorg en aandacht"
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            zorg.save()
    assert "Zorg en aandacht" in content("site.yaml")
    assert org_file.stat().st_mtime_ns == before
    assert "Zorg en aandacht" in built("sociale-kaart/categorie/zorg/index.html")


def test_a_used_category_stays_in_its_village(published, admin_client):
    lindeveld, hoogmeer = published
    zorg = lindeveld.categories["zorg"]
    edit = reverse(f"{SNIPPETS}:edit", args=[zorg.pk])
    response = admin_client.post(edit, {"village": hoogmeer.home.pk, "name": "Zorg",
                                        "slug": "zorg-elders"})
    assert response.status_code == 200  # the form again, with the reason at the village
    assert "Deze categorie wordt nog gebruikt door: Buurthuis Lindeveld, Voedselbank " \
           "Lindeveld." in response.content.decode()
    assert Category.objects.get(pk=zorg.pk).village_id == lindeveld.home.pk
    # An unused one may move.
    sport = lindeveld.categories["sport"]
    response = admin_client.post(reverse(f"{SNIPPETS}:edit", args=[sport.pk]),
                                 {"village": hoogmeer.home.pk, "name": "Sport",
                                  "slug": "sport-elders"})
    assert response.status_code == 302
    assert Category.objects.get(pk=sport.pk).village_id == hoogmeer.home.pk
