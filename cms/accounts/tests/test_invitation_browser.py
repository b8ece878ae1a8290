"""An invitation accepted in a real browser: headless Chromium (Debian's) against the live
CMS, from the link to the organisation's own edit page, logged in.

This is the path that failed with "CSRF-verificatie mislukt ... Origin checking failed -
null" while the page asked for `Referrer-Policy: no-referrer`. Firefox cannot be driven on
the test machines; test_invitation_csrf.py reproduces its request instead.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from cms.accounts.models import Invitation
from cms.accounts.roles import create_connector, organisations_for_user
from cms.testing import build_village
from sitegen.headless import browser

pytestmark = [pytest.mark.browser,
              # The live server reads the same database; keep Wagtail's root page and
              # locale (made by migrations) for the transactional tests that follow.
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "een-lang-wachtwoord-42"


def test_chromium_creates_the_account_and_lands_on_the_entry(live_server):
    tree = build_village()
    organisation = tree.organisations["buurthuis"]
    _invitation, token = Invitation.create(organisation, "info@buurthuis.nl")
    link = f"{live_server.url}{reverse('accounts:accept', args=[token])}"

    with browser() as chromium:
        context = chromium.new_context(locale="nl-NL")
        page = context.new_page()
        posts = []
        page.on("request", lambda request: posts.append(request)
                if request.method == "POST" and request.url == link else None)

        page.goto(link)
        assert page.locator("h1").inner_text() == f"Welkom, {organisation.title}"
        page.fill("#id_username", "buurthuis")
        page.fill("#id_password1", PASSWORD)
        page.fill("#id_password2", PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Account aanmaken").click()

        edit_url = f"{live_server.url}{reverse('wagtailadmin_pages:edit', args=[organisation.pk])}"
        assert page.url == edit_url, page.content()[:2000]
        assert "Origin checking failed" not in page.content()
        assert page.locator("#page-edit-form").count() == 1  # logged in, not at the login
        assert "Welkom! Hier past u de gegevens" in page.content()

        # What made the difference: the browser sent the page's own origin, not "null".
        assert len(posts) == 1
        assert posts[0].all_headers().get("origin") == live_server.url
        context.close()

    user = get_user_model().objects.get(username="buurthuis")
    assert list(organisations_for_user(user)) == [organisation]
    assert Invitation.objects.get().used_by == user


def test_chromium_under_the_old_policy_fails(live_server, caplog):
    """The same steps with the page's old `no-referrer` put back in the response: Chromium
    sends `Origin: null` and Django refuses. Shows the test above tests the cause."""
    tree = build_village()
    invitation, token = Invitation.create(tree.organisation, "info@buurthuis.nl")
    link = f"{live_server.url}{reverse('accounts:accept', args=[token])}"

    def old_policy(route):
        response = route.fetch()
        route.fulfill(response=response,
                      headers={**response.headers, "referrer-policy": "no-referrer"})

    with browser() as chromium:
        context = chromium.new_context(locale="nl-NL")
        page = context.new_page()
        page.route(link, old_policy)
        page.goto(link)
        page.fill("#id_username", "buurthuis")
        page.fill("#id_password1", PASSWORD)
        page.fill("#id_password2", PASSWORD)
        with page.expect_navigation() as navigation:
            page.get_by_role("button", name="Account aanmaken").click()
        assert navigation.value.status == 403
        assert "CSRF-verificatie mislukt" in page.content()
        context.close()
    assert "Origin checking failed - null" in caplog.text

    invitation.refresh_from_db()
    assert not invitation.is_used


def test_connector_mails_the_invitation_and_copies_the_link(live_server):
    """The admin side in Chromium: make the invitation, see that it was mailed, and copy
    the link with the button (Wagtail's own clipboard controller)."""
    tree = build_village()
    create_connector(tree.home, "verbinder", "v@example.org", PASSWORD)
    organisation = tree.organisations["buurthuis"]

    with browser() as chromium:
        context = chromium.new_context(locale="nl-NL",
                                       permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(f"{live_server.url}{reverse('wagtailadmin_login')}")
        page.fill("#id_username", "verbinder")
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.locator("form button[type=submit]").first.click()
        page.goto(f"{live_server.url}{reverse('accounts_invite', args=[organisation.pk])}")
        page.fill("#id_email", "bestuur@buurthuis.nl")
        with page.expect_navigation():
            page.get_by_role("button", name="Maak uitnodiging").click()

        assert "per e-mail verstuurd naar bestuur@buurthuis.nl" in page.content()
        link = page.input_value("#invitation-link-field")
        assert link.startswith(f"{live_server.url}/uitnodiging/")
        page.get_by_role("button", name="Kopieer link").click()
        page.get_by_text("Link gekopieerd").wait_for()
        assert page.evaluate("navigator.clipboard.readText()") == link
        context.close()

    assert len(mail.outbox) == 1 and link in mail.outbox[0].body
