"""A municipality admin creates a village in the admin and it is ready for content."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Page, Site

from cms.agenda.models import AgendaIndexPage
from cms.socialmap.models import SocialMapIndexPage
from cms.stories.models import StoryIndexPage
from cms.testing import page_form_data
from cms.villages.models import VillageHomePage


def test_a_village_created_in_the_admin_gets_its_site_sections_and_roles(db, admin_client):
    root = Page.get_first_root_node()
    url, data = page_form_data(admin_client, parent=root, model=VillageHomePage,
                               title="Nieuwdorp", slug="nieuwdorp", municipality="Nieuwgein",
                               base_url="https://nieuwdorp.buurtportaal.example")
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    home = VillageHomePage.objects.get(slug="nieuwdorp")
    assert SocialMapIndexPage.objects.child_of(home).get().slug == "sociale-kaart"
    assert AgendaIndexPage.objects.child_of(home).get().slug == "agenda"
    assert StoryIndexPage.objects.child_of(home).get().slug == "verhalen"
    assert Site.objects.get(root_page=home).hostname == "nieuwdorp.buurtportaal.example"
    assert home.roles.connectors.name == "Buurtverbinders Nieuwdorp"
    explore = admin_client.get(reverse("wagtailadmin_explore", args=[home.pk]))
    assert b"Sociale kaart" in explore.content
