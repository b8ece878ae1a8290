"""The admin under its Content-Security-Policy in a real browser (headless Chromium): the
log-in (with log-in throttling on), the page editor with its preview panel, "Nieuw dorp"
and an invitation's page work without one violation of the policy.

Chromium reports each refused script, style, image or frame on the console as
"Refused to ...", so the test listens to the console of every page it opens.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.accounts.models import Invitation
from cms.testing import build_village, log_in_to_admin
from sitegen.headless import browser

pytestmark = [pytest.mark.browser,
              # The live server reads the same database; keep Wagtail's root page and
              # locale (made by migrations) for the transactional tests that follow.
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "een-lang-wachtwoord-42"


def watch(page, violations: list[str]) -> None:
    """Collect the policy violations Chromium reports on the console of `page`."""
    def on_console(message):
        if "Refused to" in message.text or "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")
    page.on("console", on_console)


def test_the_admin_works_under_its_policy(live_server, settings, monkeypatch):
    from cms.publishing.exporting import export_content

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, ORM calls
    settings.AXES_ENABLED = True  # the real log-in, throttled as in production
    settings.PORTAL_PREVIEW_WAIT = 0  # the preview frame first shows its waiting page
    tree = build_village()
    export_content(Path(settings.PORTAL_CONTENT_ROOT), report=io.StringIO())
    get_user_model().objects.create_superuser("gemeente", "g@example.org", PASSWORD)
    _invitation, token = Invitation.create(tree.organisation, "info@buurthuis.nl")
    violations: list[str] = []

    with browser() as chromium:
        # An invitation is opened by someone not logged in.
        visitor = chromium.new_context(locale="nl-NL")
        page = visitor.new_page()
        watch(page, violations)
        page.goto(f"{live_server.url}{reverse('accounts:accept', args=[token])}")
        assert page.locator("#id_password1").count() == 1
        visitor.close()

        context = chromium.new_context(locale="nl-NL")
        page = context.new_page()
        watch(page, violations)
        log_in_to_admin(page, live_server.url, "gemeente", PASSWORD)

        # "Nieuw dorp": its script (a static file now) suggests the address.
        page.goto(f"{live_server.url}{reverse('villages_new')}")
        page.fill("#id_title", "Oud Beijerland")
        assert page.get_attribute("#id_base_url", "placeholder") == \
            settings.PORTAL_BASE_URL_PATTERN.format(slug="oud-beijerland")

        # The page editor, with its scripts, date pickers and the preview panel.
        organisation = tree.organisation
        page.goto(f"{live_server.url}"
                  f"{reverse('wagtailadmin_pages:edit', args=[organisation.pk])}")
        page.wait_for_selector("#page-edit-form")
        failed = []
        page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
                if "/voorvertoning/" in response.url and "token=" not in response.url
                and response.status != 200 else None)
        page.get_by_role("button", name="Voorvertoning").first.click()
        frame = page.frame_locator("iframe[title]").first
        inner = frame.frame_locator("iframe").first
        # The frame first says "De voorvertoning wordt gemaakt…"; its script asks in the
        # background and goes to the preview once it is built (no CSP violation).
        inner.locator("h1", has_text=organisation.title).first.wait_for(timeout=60000)
        # Its style sheet and images load: the sandbox does not cut the preview off.
        assert inner.locator("link[rel=stylesheet]").count() >= 1
        page.wait_for_timeout(500)  # late reports of the frames
        assert failed == []
        context.close()

    assert violations == [], "\n".join(violations)
