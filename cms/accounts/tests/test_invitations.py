"""Invitations: a connector makes a link, the invited person sets a password once and
lands on the own entry; used, expired and unknown links say so in Dutch."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.accounts.models import Invitation, hash_token
from cms.accounts.roles import create_connector, create_organisation_account, organisations_for_user

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def lindeveld(two_villages):
    a, _b = two_villages
    a.connector = create_connector(a.home, "verbinder-a", "a@example.org", PASSWORD)
    return a


def invite(client, connector, organisation, email="info@buurthuis.nl") -> str:
    """The connector makes an invitation in the admin; returns the link's path."""
    client.force_login(connector)
    url = reverse("accounts_invite", args=[organisation.pk])
    form = client.get(url)
    assert form.status_code == 200 and "Nieuwe uitnodiging" in form.content.decode()
    response = client.post(url, {"email": email})
    assert response.status_code == 200
    match = re.search(r'value="(http://[^"]+/uitnodiging/[^"]+/)"', response.content.decode())
    assert match, "the page shows the link"
    client.logout()
    return match.group(1).split("testserver", 1)[1]


def accept(client, link, username="buurthuis", password=PASSWORD):
    return client.post(link, {"username": username, "password1": password,
                              "password2": password})


def test_invitation_link_creates_the_account_and_lands_on_the_entry(client, lindeveld):
    org = lindeveld.organisations["buurthuis"]
    link = invite(client, lindeveld.connector, org)
    invitation = Invitation.objects.get()
    # Only the hash of the token is stored.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == hash_token(token) and token not in invitation.token_hash

    page = client.get(link)
    assert page.status_code == 200
    assert "Welkom" in page.content.decode()
    # Referrers only to this site: the token stays away from other sites, and the
    # browser still sends a real Origin with the form (see test_invitation_csrf.py).
    assert page["Referrer-Policy"] == "same-origin"

    response = accept(client, link)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[org.pk])
    invitation.refresh_from_db()
    user = invitation.used_by
    assert invitation.used_at is not None and user.username == "buurthuis"
    assert user.email == "info@buurthuis.nl"
    assert list(organisations_for_user(user)) == [org]
    assert user.wagtail_userprofile.preferred_language == "nl"
    # Logged in, and the edit page of the own entry opens.
    assert client.get(response["Location"]).status_code == 200


def test_link_works_once(client, lindeveld):
    link = invite(client, lindeveld.connector, lindeveld.organisations["buurthuis"])
    accept(client, link)
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    assert again["Referrer-Policy"] == "same-origin"
    second = accept(client, link, username="nog-een")
    assert second.status_code == 410
    assert not type(lindeveld.connector).objects.filter(username="nog-een").exists()


def test_link_expires(client, lindeveld):
    link = invite(client, lindeveld.connector, lindeveld.organisations["buurthuis"])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(link)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert accept(client, link).status_code == 410
    assert not Invitation.objects.get().is_used


def test_link_expiring_while_the_form_is_open(client, lindeveld):
    """The form was opened in time, but sent after the link expired: no account."""
    link = invite(client, lindeveld.connector, lindeveld.organisations["buurthuis"])
    assert client.get(link).status_code == 200
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = accept(client, link)
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    assert not type(lindeveld.connector).objects.filter(username="buurthuis").exists()


def test_user_name_taken_while_the_form_was_checked(client, lindeveld, monkeypatch):
    """Another invitation took the user name after this form's check: the form says so
    instead of failing, and the invitation stays open."""
    from cms.accounts import forms

    link = invite(client, lindeveld.connector, lindeveld.organisations["buurthuis"])
    create_organisation_account(lindeveld.organisations["voedselbank"], "buurthuis",
                                "vb@example.org")
    # The form's own check ran before the other account existed.
    monkeypatch.setattr(forms.AcceptInvitationForm, "clean_username",
                        lambda form: form.cleaned_data["username"])
    response = accept(client, link)
    assert response.status_code == 200
    assert "al in gebruik" in response.content.decode()
    assert not Invitation.objects.get().is_used


def test_invitation_is_valid_for_seven_days(lindeveld):
    now = timezone.now()
    invitation, _token = Invitation.create(lindeveld.organisation, "x@example.org", now=now)
    assert invitation.expires_at == now + timedelta(days=7)
    assert not invitation.is_expired(now + timedelta(days=6, hours=23))
    assert invitation.is_expired(now + timedelta(days=7))


def test_unknown_link(client, db):
    response = client.get(reverse("accounts:accept", args=["niet-echt"]))
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()


def test_password_rules_apply(client, lindeveld):
    link = invite(client, lindeveld.connector, lindeveld.organisations["buurthuis"])
    weak = accept(client, link, password="12345")
    assert weak.status_code == 200  # the form again, with the reasons
    assert not Invitation.objects.get().is_used
    mismatch = client.post(link, {"username": "buurthuis", "password1": PASSWORD,
                                  "password2": PASSWORD + "x"})
    assert "niet gelijk" in mismatch.content.decode()
    create_organisation_account(lindeveld.organisations["voedselbank"], "bezet",
                                "bezet@example.org")
    taken = accept(client, link, username="Bezet")
    assert "al in gebruik" in taken.content.decode()


@pytest.mark.parametrize("who", ["connector_b", "org_a", "anonymous"])
def test_only_connectors_of_the_village_may_invite(client, two_villages, who):
    a, b = two_villages
    org = a.organisations["buurthuis"]
    users = {
        "connector_b": lambda: create_connector(b.home, "verbinder-b", "b@example.org",
                                                PASSWORD),
        "org_a": lambda: create_organisation_account(org, "buurthuis", "bh@example.org",
                                                     PASSWORD),
        "anonymous": lambda: None,
    }
    user = users[who]()
    if user is not None:
        client.force_login(user)
    url = reverse("accounts_invite", args=[org.pk])
    # Anonymous: to the login page. Others: refused, as Wagtail refuses in the admin (back
    # to the dashboard).
    for response in (client.get(url), client.post(url, {"email": "x@example.org"})):
        assert response.status_code == 302
        if user is None:
            assert response["Location"].startswith(reverse("wagtailadmin_login"))
        else:
            assert response["Location"] == reverse("wagtailadmin_home")
    assert not Invitation.objects.exists()


def test_invite_button_on_the_organisation_page(client, lindeveld):
    org = lindeveld.organisations["buurthuis"]
    client.force_login(lindeveld.connector)
    explorer = client.get(reverse("wagtailadmin_explore", args=[lindeveld.socialmap.pk]))
    assert reverse("accounts_invite", args=[org.pk]) in explorer.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[org.pk]))
    assert reverse("accounts_invite", args=[org.pk]) in edit.content.decode()
