"""The accept form passes Django's CSRF check the way browsers post it.

With the page's old `Referrer-Policy: no-referrer`, Chromium and Firefox sent `Origin: null`
and Django refused the form ("Origin checking failed - null"). With `same-origin` the
browser sends the page's own origin (and a same-origin Referer). Chromium itself is driven
in test_invitation_browser.py; Firefox cannot be driven on the test machines, so its
request is reproduced here header by header.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from cms.accounts.models import Invitation
from cms.accounts.roles import organisations_for_user

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def invitation_path(two_villages):
    village, _other = two_villages
    _invitation, token = Invitation.create(village.organisations["buurthuis"],
                                           "info@buurthuis.nl")
    return reverse("accounts:accept", args=[token])


def browser_post(path: str, origin: str, referer: str | None):
    """GET the form, then POST it back with the cookie, token and headers a browser sends."""
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(path)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert "csrftoken" in browser.cookies
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                      page.content.decode()).group(1)
    headers = {"Origin": origin}
    if referer is not None:
        headers["Referer"] = referer
    response = browser.post(path, {"csrfmiddlewaretoken": token, "username": "buurthuis",
                                   "password1": PASSWORD, "password2": PASSWORD},
                            headers=headers)
    return browser, response


def test_firefox_with_same_origin_policy_creates_the_account(invitation_path):
    """Firefox under `same-origin`: `Origin: http://host` and the full page as Referer."""
    browser, response = browser_post(invitation_path, origin="http://testserver",
                                     referer=f"http://testserver{invitation_path}")
    assert response.status_code == 302
    organisation = Invitation.objects.get().organisation
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[organisation.pk])
    user = get_user_model().objects.get(username="buurthuis")
    assert list(organisations_for_user(user)) == [organisation]
    # Logged in: the edit page of the own entry opens.
    assert browser.get(response["Location"]).status_code == 200


def test_origin_without_referer_is_enough(invitation_path):
    """A browser (or privacy add-on) that drops the Referer but keeps the Origin."""
    _browser, response = browser_post(invitation_path, origin="http://testserver",
                                      referer=None)
    assert response.status_code == 302


def test_origin_null_is_what_failed(invitation_path):
    """What `no-referrer` made browsers send: Django refuses it, rightly. The page must
    therefore never ask for that policy again."""
    _browser, response = browser_post(invitation_path, origin="null", referer=None)
    assert response.status_code == 403
    assert not Invitation.objects.get().is_used


def test_another_site_cannot_post_the_form(invitation_path):
    _browser, response = browser_post(invitation_path, origin="https://evil.example",
                                      referer="https://evil.example/")
    assert response.status_code == 403
    assert not Invitation.objects.get().is_used
