"""The admin as each kind of person meets it: anonymous visitors are sent to the log-in,
organisations see a short menu and only their own things, connectors manage only their own
village's snippets, and the structure of a village stays put."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu, reports_menu
from wagtail.models import Page

from cms.accounts.roles import create_organisation_account
from cms.accounts.tests.people import PASSWORD
from cms.agenda.models import EventPage
from cms.socialmap.models import OrganisationPage
from cms.stories.models import AuthorProfile
from cms.testing import add_page
from cms.villages.models import Category, VillageHomePage


@pytest.fixture
def people(two_villages, role_users):
    a, b = two_villages
    return {"a": a, "b": b, **role_users}


def refused(response) -> bool:
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_anonymous_reaches_no_admin_view(client, people):
    a = people["a"]
    org, category = a.organisations["buurthuis"], a.categories["zorg"]
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[a.home.pk]),
        reverse("wagtailadmin_pages:edit", args=[org.pk]),
        reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", a.agenda.pk]),
        reverse("wagtailadmin_pages:preview_on_edit", args=[org.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[org.pk]),
        reverse("wagtailadmin_pages:delete", args=[org.pk]),
        reverse("wagtailadmin_pages:unpublish", args=[org.pk]),
        reverse("wagtailadmin_pages:move", args=[org.pk]),
        reverse("wagtailadmin_pages:copy", args=[org.pk]),
        reverse("wagtailadmin_pages:history", args=[org.pk]),
        reverse("wagtailsnippets_villages_category:edit", args=[category.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailusers_users:index"),
        reverse("accounts_invite", args=[org.pk]),
    ]
    login = reverse("wagtailadmin_login")
    for url in urls:
        for response in (client.get(url), client.post(url, {})):
            assert response.status_code == 302, url
            assert response["Location"].startswith(login), url
    org.refresh_from_db()
    assert org.live and not org.has_unpublished_changes


def test_anonymous_reaches_no_preview(client, people):
    org = people["a"].organisations["buurthuis"]
    preview = org.create_page_preview()
    url = reverse("publishing:preview")
    query = {"content_type": org.get_content_type_str(), "token": preview.token}
    # Without a token there is nothing; with a real one an anonymous visitor must log in.
    assert client.get(url).status_code == 404
    response = client.get(url, query)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    # An organisation of another village may not see it either (outside the admin, so a
    # plain 403 rather than Wagtail's redirect).
    client.force_login(people["org_b"])
    assert client.get(url, query).status_code == 403


def menu_names(user) -> set[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in admin_menu.menu_items_for_request(request)}


def test_organisation_menu_is_short(people):
    # An organisation sees its pages and its own entry; no snippets, images, reports,
    # settings or help.
    assert menu_names(people["org_a"]) == {"explorer", "uw-organisatie"}
    # A connector keeps the full menu for its work, without "Uw organisatie".
    connector_menu = menu_names(people["connector_a"])
    assert {"explorer", "snippets", "images", "reports"} <= connector_menu
    assert "uw-organisatie" not in connector_menu


def test_page_types_usage_is_in_the_municipalitys_reports_menu_only(people):
    # It counts and names every village's pages (the report itself refuses connectors,
    # test_admin_url_matrix.py).
    def report_names(user):
        request = RequestFactory().get("/admin/")
        request.user = user
        return {item.name for item in reports_menu.menu_items_for_request(request)}

    assert "page-types-usage" in report_names(people["admin"])
    connector_reports = report_names(people["connector_a"])
    assert "page-types-usage" not in connector_reports
    assert "site-history" in connector_reports  # the others stay


def test_menu_item_leads_to_the_own_entry(client, people):
    client.force_login(people["org_a"])
    response = client.get(reverse("accounts_own_organisation"))
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[people["a"].organisations["buurthuis"].pk])


def test_organisation_dashboard(client, people):
    a = people["a"]
    client.force_login(people["org_a"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Gegevens aanpassen" in html  # the panel "Uw organisatie"
    assert reverse("wagtailadmin_pages:edit", args=[a.organisations["buurthuis"].pk]) in html
    assert reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", a.agenda.pk]) in html
    assert "Nieuwe activiteit" in html
    # Nothing of the other organisation.
    assert a.organisations["voedselbank"].title not in html


def test_organisation_explorer_lists_only_own_events(client, people):
    a = people["a"]
    own = add_page(a.agenda, EventPage(title="Eigen bingo", slug="bingo", start_date="2026-12-3",
                                       owner=people["org_a"]))
    other = add_page(a.agenda, EventPage(title="Andermans markt", slug="markt",
                                         start_date="2026-12-4", owner=people["org_a2"]))
    client.force_login(people["org_a"])
    html = client.get(reverse("wagtailadmin_explore", args=[a.agenda.pk])).content.decode()
    assert own.title in html
    assert other.title not in html
    assert a.event.title not in html
    # The other village is not reachable at all.
    response = client.get(reverse("wagtailadmin_explore", args=[people["b"].home.pk]))
    assert people["b"].organisations["sportclub"].title not in response.content.decode()


def test_admin_speaks_dutch(client, people):
    user = get_user_model().objects.create_user("nieuw", "n@example.org", PASSWORD)
    assert user.wagtail_userprofile.preferred_language == "nl"
    client.force_login(people["org_a"])
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="nl"' in response.content.decode()


class TestVillageSnippets:
    """Categories and author profiles: a connector manages those of the own village."""

    def test_edit_own_village_category(self, client, people):
        client.force_login(people["connector_a"])
        category = people["a"].categories["zorg"]
        url = reverse("wagtailsnippets_villages_category:edit", args=[category.pk])
        assert client.get(url).status_code == 200

    def test_other_village_is_refused(self, client, people):
        a, b = people["a"], people["b"]
        client.force_login(people["connector_a"])
        category = b.categories["zorg"]
        author = AuthorProfile.objects.get(village=b.home)
        # Opening, saving or deleting village B's category or author: refused.
        edit = reverse("wagtailsnippets_villages_category:edit", args=[category.pk])
        assert refused(client.get(edit))
        assert refused(client.post(edit, {"village": b.home.pk, "name": "Weg", "slug": "weg"}))
        delete = reverse("wagtailsnippets_stories_authorprofile:delete", args=[author.pk])
        assert refused(client.post(delete))
        # Moving an own category into village B, or creating one there: refused.
        own = reverse("wagtailsnippets_villages_category:edit",
                      args=[a.categories["zorg"].pk])
        assert refused(client.post(own, {"village": b.home.pk, "name": "Zorg",
                                         "slug": "zorg2"}))
        add = reverse("wagtailsnippets_villages_category:add")
        assert refused(client.post(add, {"village": b.home.pk, "name": "Nieuw",
                                         "slug": "nieuw"}))
        assert not Category.objects.filter(slug__in=["weg", "zorg2", "nieuw"]).exists()
        assert AuthorProfile.objects.filter(pk=author.pk).exists()

    def test_create_in_own_village(self, client, people):
        a = people["a"]
        client.force_login(people["connector_a"])
        add = reverse("wagtailsnippets_villages_category:add")
        response = client.post(add, {"village": a.home.pk, "name": "Cultuur",
                                     "slug": "cultuur"})
        assert response.status_code == 302
        assert Category.objects.get(slug="cultuur").village_id == a.home.pk

    def test_policy_answers_per_village(self, people):
        from wagtail.permissions import policy_registry

        policy = policy_registry.get_by_type(Category)
        connector = people["connector_a"]
        assert policy.user_has_permission_for_instance(connector, "change",
                                                       people["a"].categories["zorg"])
        assert not policy.user_has_permission_for_instance(connector, "change",
                                                           people["b"].categories["zorg"])
        visible = policy.instances_user_has_any_permission_for(connector, ["change"])
        assert set(visible.values_list("village", flat=True)) == {people["a"].home.pk}
        # Organisations have no snippet permissions at all.
        assert not policy.user_has_permission(people["org_a"], "change")


def test_structural_pages_stay_put(client, people):
    a = people["a"]
    a.story.delete()  # an empty index page could be deleted under Wagtail's own rules
    a.stories.refresh_from_db()
    # Wagtail itself would allow it: the refusal below is the hook's.
    assert a.stories.permissions_for_user(people["connector_a"]).can_delete()
    client.force_login(people["connector_a"])
    url = reverse("wagtailadmin_pages:delete", args=[a.stories.pk])
    assert refused(client.post(url))
    assert Page.objects.filter(pk=a.stories.pk).exists()


def test_organisation_never_deletes_its_own_entry(client, people):
    a = people["a"]
    # A new organisation whose entry was never published: Wagtail would let the owner of
    # "change" delete a draft, the hook does not.
    draft = add_page(a.socialmap, OrganisationPage(title="Nieuw", slug="nieuw",
                                                   summary="Nieuw."), publish=False)
    user = create_organisation_account(draft, "nieuw", "nieuw@example.org", PASSWORD)
    assert draft.permissions_for_user(user).can_delete()  # Wagtail's answer; the hook's is no
    client.force_login(user)
    for name in ("delete", "copy"):
        url = reverse(f"wagtailadmin_pages:{name}", args=[draft.pk])
        assert refused(client.post(url, {})), name
    assert Page.objects.filter(pk=draft.pk).exists()


def test_a_village_is_never_copied(client, people):
    # A copy would be a village without Site, sections and roles: not even the
    # municipality copies one; "Nieuw dorp" makes complete villages.
    a = people["a"]
    root = Page.get_first_root_node()
    client.force_login(people["admin"])
    url = reverse("wagtailadmin_pages:copy", args=[a.home.pk])
    before = Page.objects.count()
    post = {"new_title": "Kopiedorp", "new_slug": "kopiedorp", "new_parent_page": root.pk,
            "copy_subpages": "on", "publish_copies": "on"}
    for response in (client.get(url, follow=True), client.post(url, post, follow=True)):
        assert response.redirect_chain == [
            (reverse("wagtailadmin_explore", args=[root.pk]), 302)]
        # The admin reads why on the page it lands on.
        assert ("Een dorp kunt u niet kopiëren: de kopie zou geen eigen webadres, onderdelen "
                "en buurtverbinders krijgen. Maak een nieuw dorp met “Nieuw dorp”."
                in response.content.decode())
    assert Page.objects.count() == before
    assert not VillageHomePage.objects.filter(slug="kopiedorp").exists()
    # Back where the admin came from, when Wagtail passed that along.
    explore = reverse("wagtailadmin_explore", args=[a.home.pk])
    response = client.get(url, {"next": explore})
    assert response["Location"] == explore
    # Other pages are still copied as Wagtail does it.
    organisation = reverse("wagtailadmin_pages:copy", args=[a.organisations["buurthuis"].pk])
    assert client.get(organisation).status_code == 200


def test_the_admin_asks_no_third_party_for_avatars(db, admin_client):
    response = admin_client.get("/admin/")
    assert b"gravatar" not in response.content.lower()
