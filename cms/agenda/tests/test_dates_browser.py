"""Dates and times in the event editor as a volunteer types them, in headless Chromium.

The cause of "17-12-2026 saved as today": Wagtail's date picker (xdsoft datetimepicker)
replaced text it could not read with its own format (Y-m-d) by the current date when the
field lost focus, before the form was ever sent. These tests type into the real editor,
leave the field as a person does (Tab), save a draft and read back what was stored.
"""

from __future__ import annotations

from datetime import date, time

import pytest

from cms.accounts.roles import create_connector
from cms.agenda.models import EventPage
from cms.testing import build_village, log_in_to_admin
from sitegen.headless import browser

# Transactions, so the live server's thread sees the test's data; the serialized rollback
# puts back the page tree root that the migrations made, for the next test.
pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "een-lang-wachtwoord-42"


@pytest.fixture
def editor(live_server, monkeypatch):
    """A connector of Lindeveld, logged in to the admin in a headless browser page."""
    # Playwright's sync API keeps an event loop in this thread; the ORM calls of the test
    # itself are still plain synchronous calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    tree = build_village()
    create_connector(tree.home, "verbinder", "v@example.org", PASSWORD)
    with browser() as chromium:
        page = chromium.new_page()
        log_in_to_admin(page, live_server.url, "verbinder", PASSWORD)
        yield page, tree, live_server.url


def type_and_leave(page, selector: str, text: str) -> None:
    """Type as a person does, then Tab away (the moment the picker used to 'correct')."""
    page.fill(selector, "")
    page.type(selector, text)
    page.press(selector, "Tab")
    page.keyboard.press("Escape")  # close the picker's calendar, if open


def save_draft(page) -> None:
    page.click("button.action-save")
    page.wait_for_load_state("load")


def test_dutch_date_and_time_are_kept_and_saved(editor):
    page, tree, base = editor
    page.goto(f"{base}/admin/pages/add/agenda/eventpage/{tree.agenda.pk}/")
    page.fill("#id_title", "Kerstmarkt")
    type_and_leave(page, "#id_start_date", "17 december 2026")
    type_and_leave(page, "#id_start_time", "14u30")
    # Leaving the field no longer replaces what was typed.
    assert page.input_value("#id_start_date") == "17 december 2026"
    assert page.input_value("#id_start_time") == "14u30"
    save_draft(page)

    event = EventPage.objects.get(title="Kerstmarkt")
    assert (event.start_date, event.start_time) == (date(2026, 12, 17), time(14, 30))
    assert not event.live  # a draft

    page.goto(f"{base}/admin/pages/{event.pk}/edit/")
    assert page.input_value("#id_start_date") == "17-12-2026"
    assert page.input_value("#id_start_time") == "14:30"


def test_nonsense_gets_a_dutch_message_and_stays_in_the_field(editor):
    page, tree, base = editor
    event = tree.event
    page.goto(f"{base}/admin/pages/{event.pk}/edit/")
    type_and_leave(page, "#id_start_date", "volgende week")
    type_and_leave(page, "#id_start_time", "9:5")
    type_and_leave(page, "#id_end_date", "vrijdag 17 december 2026")
    save_draft(page)

    text = page.inner_text("main")
    assert "Datum: ‘volgende week’ is geen datum die we kunnen lezen" in text
    assert "17-12-2026" in text  # an example of how to write it
    assert "Begintijd: Schrijf de minuten met twee cijfers: 9:05 of 9:50" in text
    assert "17 december 2026 is een donderdag, geen vrijdag" in text
    # What was typed is still there to correct; nothing was saved.
    assert page.input_value("#id_start_date") == "volgende week"
    assert page.input_value("#id_start_time") == "9:5"
    assert page.input_value("#id_end_date") == "vrijdag 17 december 2026"
    event.refresh_from_db()
    assert event.start_date == date(2026, 12, 1)
    assert event.get_latest_revision_as_object().start_date == date(2026, 12, 1)
