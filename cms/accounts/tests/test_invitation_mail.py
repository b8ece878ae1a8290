"""The invitation e-mail (cms.accounts.mail): sent when a connector makes an invitation, in
Dutch, with the link; a mail server that fails leaves the link on the page and a warning."""

from __future__ import annotations

import re
import smtplib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from cms.accounts.mail import expiry_in_words, invitation_message
from cms.accounts.models import Invitation
from cms.accounts.roles import create_connector

PASSWORD = "een-lang-wachtwoord-42"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


@pytest.fixture
def lindeveld(two_villages):
    a, _b = two_villages
    a.connector = create_connector(a.home, "verbinder-a", "a@example.org", PASSWORD)
    a.connector.first_name, a.connector.last_name = "Anna", "de Vries"
    a.connector.save()
    return a


def make_invitation(client, connector, organisation, email="info@buurthuis.nl"):
    client.force_login(connector)
    return client.post(reverse("accounts_invite", args=[organisation.pk]), {"email": email})


def shown_link(response) -> str:
    match = re.search(r'value="(http://testserver/uitnodiging/[^"]+/)"',
                      response.content.decode())
    assert match, "the page shows the link"
    return match.group(1)


def test_the_invitation_is_mailed_to_the_address_in_the_form(client, lindeveld):
    org = lindeveld.organisations["buurthuis"]
    response = make_invitation(client, lindeveld.connector, org, "bestuur@buurthuis.nl")
    assert response.status_code == 200
    page = response.content.decode()
    assert "per e-mail verstuurd naar bestuur@buurthuis.nl" in page
    assert "Kopieer link" in page
    link = shown_link(response)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["bestuur@buurthuis.nl"]
    assert message.reply_to == ["a@example.org"]  # the organisation can answer the connector
    assert message.subject == "Uitnodiging: houd Buurthuis Lindeveld zelf bij op Lindeveld"
    body = message.body
    assert link in body.split()
    for words in ("Buurthuis Lindeveld", "buurtportaal Lindeveld", "Anna de Vries nodigt u uit",
                  "werkt één keer", "geldig tot"):
        assert words in body, words
    assert " je " not in f" {body} ".lower()  # the reader is "u"
    # The link in the mail opens the form.
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


def test_the_mail_names_the_expiry_in_dutch(lindeveld):
    amsterdam = ZoneInfo("Europe/Amsterdam")
    invitation, token = Invitation.create(
        lindeveld.organisation, "x@example.org", created_by=lindeveld.connector,
        now=datetime(2026, 3, 1, 13, 30, tzinfo=amsterdam))
    assert expiry_in_words(invitation) == "8 maart 2026 om 13:30 uur"
    message = invitation_message(invitation, f"https://cms.example.org/uitnodiging/{token}/")
    assert "geldig tot 8 maart 2026 om 13:30 uur" in message.body
    assert f"https://cms.example.org/uitnodiging/{token}/" in message.body


def test_without_a_connector_the_mail_still_says_who_invites(lindeveld):
    invitation, token = Invitation.create(lindeveld.organisation, "x@example.org")
    message = invitation_message(invitation, "https://cms.example.org/uitnodiging/t/")
    assert "de buurtverbinder nodigt u uit" in message.body.lower()
    assert not message.reply_to


def test_a_mail_server_that_is_down_leaves_the_link_and_a_warning(client, lindeveld,
                                                                   settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    org = lindeveld.organisations["buurthuis"]
    response = make_invitation(client, lindeveld.connector, org)
    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "kon niet worden verstuurd. Kopieer de link en stuur hem zelf" in page
    assert "per e-mail verstuurd" not in page
    link = shown_link(response)
    assert mail.outbox == []
    # The invitation exists and its link works.
    assert Invitation.objects.filter(organisation=org).open().count() == 1
    assert client.get(link.removeprefix("http://testserver")).status_code == 200
    assert "could not be sent" in caplog.text
