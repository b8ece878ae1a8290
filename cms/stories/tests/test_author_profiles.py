"""Author profiles and their stories: a profile that stories name is not deleted from under
them; the admin refuses in Dutch and names the stories (as it does for categories in use).
Deleting a whole village, which takes its stories too, is in
cms/villages/tests/test_deleting_a_village.py."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.db.models import RestrictedError
from django.urls import reverse

from cms.stories.models import AuthorProfile, StoryPage
from cms.testing import add_page

DELETE = "wagtailsnippets_stories_authorprofile:delete"
EDIT = "wagtailsnippets_stories_authorprofile:edit"


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def connector(two_villages, django_user_model, client):
    """A client logged in as a connector of Lindeveld."""
    lindeveld, _ = two_villages
    user = django_user_model.objects.create_user("verbinder", "v@example.org", "geheim-genoeg")
    user.groups.add(lindeveld.roles.connectors)
    client.force_login(user)
    return client


def test_deleting_an_author_of_stories_is_refused_naming_the_stories(two_villages, connector):
    lindeveld, _ = two_villages
    author = lindeveld.author
    second = add_page(lindeveld.stories, StoryPage(
        title="Aan tafel bij de voedselbank", slug="aan-tafel", date=date(2026, 11, 5),
        author=author), publish=False)  # a draft counts too
    response = connector.post(reverse(DELETE, args=[author.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse(EDIT, args=[author.pk])
    assert texts(response) == [
        "Deze buurtverbinder staat nog bij: “Aan tafel bij de voedselbank”, “Verhaal uit "
        "Lindeveld”. Kies eerst een andere buurtverbinder bij deze verhalen."]
    assert AuthorProfile.objects.filter(pk=author.pk).exists()
    assert StoryPage.objects.filter(pk__in=[lindeveld.story.pk, second.pk],
                                    author=author).count() == 2


def test_the_municipality_is_refused_the_same_before_any_are_you_sure(two_villages,
                                                                        admin_client):
    lindeveld, _ = two_villages
    author = lindeveld.author
    delete = reverse(DELETE, args=[author.pk])
    # Opening the delete page already says why not, as for categories in use.
    for response in (admin_client.get(delete), admin_client.post(delete)):
        assert response.status_code == 302
        assert response["Location"] == reverse(EDIT, args=[author.pk])
        message = texts(response)[-1]  # the redirect was not followed, so they pile up
        assert message.startswith("Deze buurtverbinder staat nog bij: “Verhaal uit Lindeveld”")
    assert AuthorProfile.objects.filter(pk=author.pk).exists()


def test_the_bulk_delete_of_the_listing_refuses_too(two_villages, connector):
    lindeveld, _ = two_villages
    unused = AuthorProfile.objects.create(name="Nieuwe verbinder", village=lindeveld.home)
    bulk = reverse("wagtail_bulk_action", args=("stories", "authorprofile", "delete"))
    response = connector.post(f"{bulk}?id={lindeveld.author.pk}&id={unused.pk}")
    assert response.status_code == 302
    assert texts(response)[-1].startswith("Deze buurtverbinder staat nog bij: ")
    assert AuthorProfile.objects.filter(pk__in=[lindeveld.author.pk, unused.pk]).count() == 2


def test_the_model_refuses_too(two_villages):
    # Not only the admin: a story never loses its author to a delete elsewhere.
    lindeveld, _ = two_villages
    with pytest.raises(RestrictedError):
        with transaction.atomic():
            AuthorProfile.objects.get(pk=lindeveld.author.pk).delete()
    with pytest.raises(RestrictedError):
        with transaction.atomic():
            AuthorProfile.objects.filter(pk=lindeveld.author.pk).delete()
    assert AuthorProfile.objects.filter(pk=lindeveld.author.pk).exists()


def test_an_author_without_stories_is_deleted(two_villages, connector):
    lindeveld, _ = two_villages
    unused = AuthorProfile.objects.create(name="Nieuwe verbinder", village=lindeveld.home)
    response = connector.post(reverse(DELETE, args=[unused.pk]))
    assert response.status_code == 302
    assert not AuthorProfile.objects.filter(pk=unused.pk).exists()
    assert AuthorProfile.objects.filter(pk=lindeveld.author.pk).exists()
