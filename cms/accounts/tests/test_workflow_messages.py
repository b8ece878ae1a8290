"""Every workflow action confirms, in Dutch, what it did: submitting, approving (with or
without a comment), asking for changes and cancelling. Wagtail's own approve and reject
views said nothing at all (cms.core.wagtail_hooks adds the message)."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from cms.accounts.roles import create_connector, create_organisation_account
from cms.testing import page_form_data

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def people(two_villages):
    a = two_villages[0]
    return {
        "org": a.organisations["buurthuis"],
        "connector": create_connector(a.home, "verbinder-a", "a@example.org", PASSWORD),
        "org_account": create_organisation_account(a.organisations["buurthuis"], "buurthuis",
                                                   "buurthuis@example.org", PASSWORD),
    }


def said(response) -> str:
    return "\n".join(str(message) for message in get_messages(response.wsgi_request))


def submit(client, people, summary="Nieuwe samenvatting."):
    client.force_login(people["org_account"])
    url, data = page_form_data(client, people["org"], summary=summary)
    data["action-submit"] = "1"
    return client.post(url, data)


def act(client, people, action: str, comment: str = ""):
    client.force_login(people["connector"])
    page = people["org"]
    page.refresh_from_db()
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.pk])
    return client.post(url, {"comment": comment})


def test_submitting_confirms(client, people):
    response = submit(client, people)
    assert "Buurthuis Lindeveld" in said(response)
    assert "ter goedkeuring" in said(response).lower()


@pytest.mark.parametrize("comment", ["", "Mooi zo!"])
def test_approving_says_it_is_published(client, people, comment):
    submit(client, people)
    text = said(act(client, people, "approve", comment))
    assert ("Goedgekeurd en gepubliceerd: Buurthuis Lindeveld. Het portaal wordt bijgewerkt."
            in text)
    assert ("Uw opmerking is bewaard" in text) == bool(comment)
    people["org"].refresh_from_db()
    assert people["org"].summary == "Nieuwe samenvatting."


def test_asking_for_changes_says_nothing_went_online(client, people):
    submit(client, people)
    text = said(act(client, people, "reject", "Noem de openingstijden."))
    assert "Wijzigingen gevraagd: Buurthuis Lindeveld. Er is niets gepubliceerd" in text


def test_cancelling_confirms(client, people):
    submit(client, people)
    client.force_login(people["org_account"])
    url, data = page_form_data(client, people["org"])
    data["action-cancel-workflow"] = "1"
    text = said(client.post(url, data))
    assert "De goedkeuringsaanvraag voor &#x27;Buurthuis Lindeveld&#x27; is ingetrokken. " \
        "Er is niets gepubliceerd." in text
