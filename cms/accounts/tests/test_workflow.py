"""The approval workflow through the real admin views: an organisation submits, the
village's connectors approve or ask for changes, and the organisation reads the reply."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from cms.accounts.roles import (
    create_connector,
    create_municipality_admin,
    create_organisation_account,
)
from cms.agenda.models import EventPage
from cms.testing import page_form_data

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def people(two_villages):
    a, b = two_villages
    return {
        "a": a, "b": b,
        "connector_a": create_connector(a.home, "verbinder-a", "a@example.org", PASSWORD),
        "connector_b": create_connector(b.home, "verbinder-b", "b@example.org", PASSWORD),
        "org_a": create_organisation_account(a.organisations["buurthuis"], "buurthuis",
                                             "buurthuis@example.org", PASSWORD),
        "admin": create_municipality_admin("gemeente", "g@example.org", PASSWORD),
    }


def submit_change(client, user, page, summary: str):
    """`user` edits the summary of `page` and submits it for approval."""
    client.force_login(user)
    url, data = page_form_data(client, page, summary=summary)
    data["action-submit"] = "1"
    return client.post(url, data)


def task_state_of(page) -> TaskState:
    return page.current_workflow_task_state


def workflow_action(client, user, page, action: str, comment: str = ""):
    client.force_login(user)
    state = task_state_of(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, {"comment": comment})


def test_submit_goes_to_the_connectors_and_approval_publishes(client, people):
    org = people["a"].organisations["buurthuis"]
    response = submit_change(client, people["org_a"], org, "Nieuwe samenvatting.")
    assert response.status_code == 302

    org.refresh_from_db()
    # Submitted, not published: the portal still has the old text.
    assert org.summary != "Nieuwe samenvatting."
    assert org.has_unpublished_changes
    state = org.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow == people["a"].roles.workflow
    # The task is for the connectors of Lindeveld, and their dashboard shows it.
    task = state.current_task_state.task.specific
    assert list(task.groups.all()) == [people["a"].roles.connectors]
    client.force_login(people["connector_a"])
    assert org.title in client.get(reverse("wagtailadmin_home")).content.decode()

    # A connector of another village may not act on it.
    workflow_action(client, people["connector_b"], org, "approve")
    org.refresh_from_db()
    assert org.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    workflow_action(client, people["connector_a"], org, "approve", "Mooi zo!")
    org.refresh_from_db()
    assert org.summary == "Nieuwe samenvatting."
    assert org.live and not org.has_unpublished_changes
    assert org.current_workflow_state is None  # finished


def test_request_changes_comment_reaches_the_organisation(client, people):
    org = people["a"].organisations["buurthuis"]
    submit_change(client, people["org_a"], org, "Te kort.")
    workflow_action(client, people["connector_a"], org, "reject",
                    "Vertel er iets meer over, en noem de openingstijden.")
    org.refresh_from_db()
    state = org.current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.get(workflow_state=state)
    assert rejected.status == TaskState.STATUS_REJECTED
    assert rejected.comment == "Vertel er iets meer over, en noem de openingstijden."
    assert org.summary != "Te kort."  # nothing went online

    # The organisation reads the reply on its dashboard and in the workflow history.
    client.force_login(people["org_a"])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Aanpassing gevraagd" in dashboard
    assert "noem de openingstijden" in dashboard
    history = client.get(reverse("wagtailadmin_pages:workflow_history_detail",
                                 args=[org.pk, state.pk]))
    assert history.status_code == 200
    assert "noem de openingstijden" in history.content.decode()

    # It may edit again and resubmit; the same workflow resumes.
    submit_change(client, people["org_a"], org, "Langer en beter.")
    org.refresh_from_db()
    assert org.current_workflow_state.pk == state.pk
    assert org.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_organisation_cannot_publish_by_posting_publish(client, people):
    org = people["a"].organisations["buurthuis"]
    client.force_login(people["org_a"])
    url, data = page_form_data(client, org, summary="Direct online?")
    data["action-publish"] = "action-publish"
    client.post(url, data)
    org.refresh_from_db()
    # Saved as a draft at most; the published text is unchanged.
    assert org.summary != "Direct online?"
    assert org.live_revision.as_object().summary != "Direct online?"


def test_connector_publishes_directly(client, people):
    org = people["a"].organisations["voedselbank"]
    client.force_login(people["connector_a"])
    url, data = page_form_data(client, org, summary="Door de verbinder.")
    data["action-publish"] = "action-publish"
    assert client.post(url, data).status_code == 302
    org.refresh_from_db()
    assert org.summary == "Door de verbinder."
    assert org.current_workflow_state is None


@pytest.mark.parametrize("who, target", [
    # An organisation may not post changes to another organisation's entry...
    ("org_a", "a.voedselbank"),
    # ...nor to an entry in another village.
    ("org_a", "b.sportclub"),
    # A connector of Lindeveld may not edit or publish in Hoogmeer.
    ("connector_a", "b.sportclub"),
])
def test_foreign_entries_cannot_be_edited(client, people, who, target):
    village, slug = target.split(".")
    page = people[village].organisations[slug]
    client.force_login(people[who])
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    # Refused as Wagtail refuses in the admin: back to the dashboard.
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    response = client.post(url, {"title": "Overgenomen", "slug": page.slug,
                                 "summary": "Overgenomen", "action-publish": "1"})
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    page.refresh_from_db()
    assert page.title != "Overgenomen"
    assert not page.has_unpublished_changes


def test_organisation_adds_an_event_that_waits_for_approval(client, people):
    a = people["a"]
    client.force_login(people["org_a"])
    url, data = page_form_data(client, parent=a.agenda, model=EventPage,
                               title="Spelletjesmiddag", slug="spelletjesmiddag",
                               start_date="2026-12-12")
    data["action-submit"] = "1"
    assert client.post(url, data).status_code == 302
    event = EventPage.objects.get(slug="spelletjesmiddag")
    assert event.owner == people["org_a"]
    assert not event.live
    assert event.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    workflow_action(client, people["connector_a"], event, "approve")
    event.refresh_from_db()
    assert event.live
    # Still its own: the organisation edits it later (owner-based "add" permission).
    assert event.permissions_for_user(people["org_a"]).can_edit()
