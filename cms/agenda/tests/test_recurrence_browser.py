"""The repeat fields of the event editor in headless Chromium (agenda/recurrence.js).

"Elke week op …" starts with the weekday of the first date ticked, however the volunteer
wrote that date: the date fields show 17-12-2026 and accept the Dutch ways of writing it.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from cms.testing import build_village, log_in_to_admin
from sitegen.headless import browser

# Transactions, so the live server's thread sees the test's data; the serialized rollback
# puts back the page tree root that the migrations made, for the next test.
pytestmark = [pytest.mark.browser,
              pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "een-lang-wachtwoord-42"


def ticked(page) -> list[str]:
    return page.eval_on_selector_all('[name="repeat_weekdays"]:checked',
                                     "boxes => boxes.map(box => box.value)")


def test_weekly_starts_on_the_weekday_of_the_date_as_typed(live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, ORM calls
    tree = build_village()
    get_user_model().objects.create_superuser("gemeente", "g@example.org", PASSWORD)
    with browser() as chromium:
        page = chromium.new_page()
        log_in_to_admin(page, live_server.url, "gemeente", PASSWORD)
        page.goto(f"{live_server.url}/admin/pages/add/agenda/eventpage/{tree.agenda.pk}/")

        page.check('[name="repeat"][value="weekly"]')
        assert ticked(page) == []  # no date yet, no day to guess
        for typed, weekday in [("17-12-2026", "TH"), ("7-1-2027", "TH"),
                               ("18/12/2026", "FR"), ("19.12.26", "SA"),
                               ("2026-12-20", "SU"), ("21 december 2026", "MO"),
                               ("di 22 dec. 2026", "TU")]:
            page.fill("#id_start_date", typed)
            page.keyboard.press("Escape")  # close the date picker's calendar, if open
            assert ticked(page) == [weekday], typed
            page.uncheck(f'[name="repeat_weekdays"][value="{weekday}"]')
        # A day that does not exist, or no date at all: nothing is guessed.
        for typed in ("31-02-2026", "volgende week"):
            page.fill("#id_start_date", typed)
            assert ticked(page) == [], typed
        # A day chosen by the volunteer is kept when the date changes.
        page.check('[name="repeat_weekdays"][value="WE"]')
        page.fill("#id_start_date", "17-12-2026")
        assert ticked(page) == ["WE"]
        # Choosing "Elke week" after the date ticks the day as well.
        page.uncheck('[name="repeat_weekdays"][value="WE"]')
        page.check('[name="repeat"][value="none"]')
        page.check('[name="repeat"][value="biweekly"]')
        assert ticked(page) == ["TH"]
