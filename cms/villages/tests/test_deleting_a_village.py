"""Deleting a village: the municipality deletes a whole village from the page explorer, and
its pages, author profiles and categories go with it. Its stories' author profiles used to
stop that with a ProtectedError (a server error), because a story protects its author."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Site

from cms.publishing.tests.test_pipeline import commit_pending
from cms.stories.models import AuthorProfile, StoryPage
from cms.villages.models import Category, VillageHomePage


def test_the_municipality_deletes_a_village_with_stories(
        two_villages, admin_client, django_capture_on_commit_callbacks):
    lindeveld, hoogmeer = two_villages
    commit_pending()
    pages = [page.pk for page in Page.objects.descendant_of(lindeveld.home, inclusive=True)]
    assert StoryPage.objects.filter(author=lindeveld.author).exists()
    url = reverse("wagtailadmin_pages:delete", args=[lindeveld.home.pk])
    assert admin_client.get(url).status_code == 200  # Wagtail's "are you sure?"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"confirm_site_name": settings.WAGTAIL_SITE_NAME})
    assert response.status_code == 302, response.content.decode()[:2000]
    # The village is gone, with every page under it, its authors and its categories ...
    assert not Page.objects.filter(pk__in=pages).exists()
    assert not VillageHomePage.objects.filter(pk=lindeveld.home.pk).exists()
    assert not AuthorProfile.objects.filter(village_id=lindeveld.home.pk).exists()
    assert not Category.objects.filter(village_id=lindeveld.home.pk).exists()
    assert not Site.objects.filter(root_page_id=lindeveld.home.pk).exists()
    # ... and off the portal: no content files of it are left.
    assert not list((settings.PORTAL_CONTENT_ROOT / "lindeveld").rglob("*.md"))
    # The other village keeps its story, its author and its connectors.
    assert StoryPage.objects.get(pk=hoogmeer.story.pk).author == hoogmeer.author
    assert Group.objects.filter(pk=hoogmeer.roles.connectors.pk).exists()
