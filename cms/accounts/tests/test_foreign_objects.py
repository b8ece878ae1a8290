"""Issue 11, findings 5 and 6: nobody reaches another village's or organisation's things
through the side doors of the admin (snippet reorder, history and usage; the site-history
report; the admin API; the page chooser; the explorer's user filters; an event's
organiser)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from django.urls import reverse
from wagtail.log_actions import log

from cms.agenda.models import EventPage
from cms.testing import add_page, page_form_data
from cms.villages.models import Category


def refused(response) -> bool:
    """Wagtail turns PermissionDenied in the admin into a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def people(two_villages, role_users):
    a, b = two_villages
    org_a2 = role_users["org_a2"]
    # A draft event of the other organisation of village A: nobody else's business.
    draft = add_page(a.agenda, EventPage(title="Geheim concept", slug="geheim-concept",
                                         owner=org_a2, start_date=date(2026, 12, 9)),
                     publish=False, user=org_a2)
    return {"a": a, "b": b, "draft": draft, **role_users}


class TestFinding5SnippetsOfAnotherVillage:
    def test_reorder_of_another_village_is_refused(self, client, people):
        a, b = people["a"], people["b"]
        before = dict(Category.objects.values_list("pk", "sort_order"))
        client.force_login(people["connector_a"])
        url = reverse("wagtailsnippets_villages_category:reorder",
                      args=[b.categories["zorg"].pk])
        assert refused(client.post(f"{url}?position=1"))
        assert dict(Category.objects.values_list("pk", "sort_order")) == before
        # Reordering the own village leaves village B's order alone.
        url = reverse("wagtailsnippets_villages_category:reorder",
                      args=[a.categories["zorg"].pk])
        response = client.post(f"{url}?position=1")
        assert json.loads(response.content) == {"success": True}
        after = dict(Category.objects.values_list("pk", "sort_order"))
        assert all(after[c.pk] == before[c.pk] for c in b.categories.values())

    @pytest.mark.parametrize("view", ["history", "history_results", "usage"])
    def test_history_and_usage_of_another_village_are_refused(self, client, people, view):
        b = people["b"]
        client.force_login(people["connector_a"])
        for namespace, pk in (("villages_category", b.categories["zorg"].pk),
                              ("stories_authorprofile", b.author.pk)):
            url = reverse(f"wagtailsnippets_{namespace}:{view}", args=[pk])
            assert refused(client.get(url)), url


class TestFinding6OrganisationsReadOnlyTheirOwn:
    def test_site_history_is_refused(self, client, people):
        client.force_login(people["org_a"])
        for name in ("site_history", "site_history_results"):
            response = client.get(reverse(f"wagtailadmin_reports:{name}"))
            assert refused(response), name

    def test_admin_api_hides_another_organisations_draft(self, client, people):
        client.force_login(people["org_a"])
        draft = people["draft"]
        response = client.get(reverse("wagtailadmin_api:pages:detail", args=[draft.pk]))
        assert response.status_code == 404
        listing = client.get(reverse("wagtailadmin_api:pages:listing"),
                             {"child_of": people["a"].agenda.pk})
        assert draft.title not in listing.content.decode()

    def test_page_chooser_shows_only_the_own_village(self, client, people):
        a, b = people["a"], people["b"]
        client.force_login(people["org_a"])
        html = client.get(reverse("wagtailadmin_choose_page_child",
                                  args=[b.socialmap.pk])).content.decode()
        assert b.organisations["sportclub"].title not in html
        html = client.get(reverse("wagtailadmin_choose_page_search"),
                          {"q": "Koffieochtend"}).content.decode()
        assert b.event.title not in html
        html = client.get(reverse("wagtailadmin_choose_page_child",
                                  args=[a.agenda.pk])).content.decode()
        assert people["draft"].title not in html
        assert a.event.title in html  # a live page of the own village may be linked to

    def test_explorer_user_filters_name_nobody_else(self, client, people):
        # The other organisation edited its draft: its name is in the log.
        log(instance=people["draft"], action="wagtail.edit", user=people["org_a2"])
        log(instance=people["a"].event, action="wagtail.edit", user=people["connector_a"])
        client.force_login(people["org_a"])
        html = client.get(reverse("wagtailadmin_explore", args=[people["a"].agenda.pk]))
        html = html.content.decode()
        assert '<div id="id_owner">' in html  # the "Owner" filter is there
        for other in ("voedselbank", "verbinder-a", "gemeente"):
            # "Owner" and "Edited by" list user names as checkbox labels.
            assert not re.search(rf">\s*{other}\s*</label>", html), other

    def test_organiser_is_the_own_organisation(self, client, people):
        a = people["a"]
        own, other = a.organisations["buurthuis"], a.organisations["voedselbank"]
        client.force_login(people["org_a"])
        url, data = page_form_data(client, parent=a.agenda, model=EventPage,
                                   title="Nep activiteit", start_date="2026-12-20",
                                   organiser=other.pk)
        data["action-submit"] = "1"
        response = client.post(url, data)
        assert not EventPage.objects.filter(title="Nep activiteit", organiser=other).exists()
        assert response.status_code == 200
        assert ("Als organisatie kunt u alleen uw eigen organisatie als organisator kiezen."
                in response.content.decode())
        # Left empty, it becomes the own organisation.
        url, data = page_form_data(client, parent=a.agenda, model=EventPage,
                                   title="Eigen activiteit", start_date="2026-12-21",
                                   organiser="")
        data["action-submit"] = "1"
        client.post(url, data)
        assert EventPage.objects.get(title="Eigen activiteit").organiser_id == own.pk


def test_snippet_chooser_offers_only_the_own_village(client, people):
    # A connector choosing a story's author sees its own village's authors only.
    a, b = people["a"], people["b"]
    client.force_login(people["connector_a"])
    html = client.get(reverse("wagtailsnippetchoosers_stories_authorprofile:choose"))
    html = html.content.decode()
    assert a.author.name in html
    assert b.author.name not in html
    # The municipality chooses from every village.
    client.force_login(people["admin"])
    html = client.get(reverse("wagtailsnippetchoosers_stories_authorprofile:choose"))
    assert b.author.name in html.content.decode()


class TestWorkflowAddressesOfAnotherVillage:
    """A page's workflow views take a task (or task state) from the address; one of another
    village would make Wagtail's message name that village's task."""

    @pytest.fixture
    def review(self, people):
        a, org_a = people["a"], people["org_a"]
        page = add_page(a.agenda, EventPage(title="Ter beoordeling", slug="ter-beoordeling",
                                            owner=org_a, start_date=date(2026, 12, 6)),
                        publish=False, user=org_a)
        state = page.get_workflow().start(page, org_a)
        return page, state

    def test_the_preview_of_a_task_of_another_village_is_refused(self, client, people,
                                                                 review):
        page, _state = review
        client.force_login(people["connector_a"])
        foreign = reverse("wagtailadmin_pages:workflow_preview",
                          args=[page.pk, people["b"].roles.task.pk])
        response = client.get(foreign)
        assert refused(response)
        said = [str(m) for m in response.wsgi_request._messages._queued_messages]
        assert not [m for m in said if "Hoogmeer" in m], said  # the other village's task
        own = reverse("wagtailadmin_pages:workflow_preview",
                      args=[page.pk, people["a"].roles.task.pk])
        assert client.get(own).status_code == 200

    def test_an_action_on_another_pages_task_state_is_refused(self, client, people, review):
        page, state = review
        # Another page of the same village that A's connector may edit too.
        other = people["a"].event
        client.force_login(people["connector_a"])
        url = reverse("wagtailadmin_pages:workflow_action",
                      args=[other.pk, "approve", state.current_task_state.pk])
        assert refused(client.post(url))
        state.refresh_from_db()
        assert state.status == state.STATUS_IN_PROGRESS
