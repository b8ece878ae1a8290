"""The comparison a connector reads before approving: opening hours, lists, dates, repeat
rules and categories in plain Dutch, and only the paragraphs someone changed marked."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from cms.accounts.roles import create_connector
from cms.agenda.recurrence import describe_rule
from cms.testing import page_form_data

PASSWORD = "een-lang-wachtwoord-42"
BODY = "Eerste alinea over de inloop.\n\nTweede alinea: koffie en thee.\n\nDerde alinea."


@pytest.fixture
def connector(two_villages, client):
    user = create_connector(two_villages[0].home, "verbinder", "v@example.org", PASSWORD)
    client.force_login(user)
    return user


def compare(client, page) -> str:
    """The comparison of the latest version of `page` with the one before, as HTML text."""
    latest, previous = page.revisions.order_by("-created_at", "-id")[:2]
    url = reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, previous.pk, latest.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def changed_rows(html: str) -> str:
    """Only the markup of what the comparison marks as added or deleted."""
    return " ".join(re.findall(r'<span class="(?:addition|deletion)">(.*?)</span>', html,
                               flags=re.S))


def edit(client, page, **changes):
    url, data = page_form_data(client, page, **changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()


def test_opening_hours_tags_and_categories_read_as_dutch(client, connector, two_villages):
    org = two_villages[0].organisations["buurthuis"]
    org.opening_hours = ["Mo 14:00-17:00"]
    org.tags = ["koffie"]
    org.body = BODY
    org.save_revision().publish()
    edit(client, org, opening_hours="ma 14:00-17:00\nma-vr 09:00-12:00",
         tags="koffie\ninloop", categories=[two_villages[0].categories["sport"].pk],
         volunteers_wanted="on")
    html = compare(client, org)

    assert "['Mo" not in html and "Mo 14:00" not in html
    assert "ma 14:00-17:00" in html
    assert '<span class="addition">ma-vr 09:00-12:00</span>' in html
    assert '<span class="addition">inloop</span>' in html
    assert "Sport en bewegen" in changed_rows(html)
    assert "(Lindeveld)" not in changed_rows(html)  # the village goes without saying
    assert '<span class="addition">ja</span>' in html  # volunteers wanted
    assert "False" not in html and "True" not in html


def test_unchanged_paragraphs_from_a_browser_are_not_marked(client, connector, two_villages):
    org = two_villages[0].organisations["buurthuis"]
    org.body = BODY  # as an import or a content file writes it: \n
    org.save_revision().publish()
    # The browser's text area posts every line break as \r\n.
    edit(client, org, body=BODY.replace("\n", "\r\n").replace("Derde", "Laatste"),
         summary=org.summary)
    assert "\r" not in org.get_latest_revision_as_object().body  # stored the same way

    changed = changed_rows(compare(client, org))
    assert "Laatste" in changed and "Derde" in changed
    assert "Eerste" not in changed and "Tweede" not in changed
    assert "\r" not in changed


def test_event_dates_and_repeat_in_words(client, connector, two_villages):
    event = two_villages[0].event
    edit(client, event, start_date="17 december 2026", start_time="14u30",
         repeat="weekly", repeat_weekdays=["TH"], repeat_end="until",
         repeat_until="30-06-2027", exdates="24 december 2026")
    event.refresh_from_db()
    revision = event.get_latest_revision_as_object()
    assert revision.start_date == date(2026, 12, 17)
    html = compare(client, event)

    assert "1 december 2026" in html and "donderdag 17 december 2026" in html
    assert "14:30" in html
    assert "Elke week op donderdag, tot en met 30 juni 2027" in html
    assert "FREQ=" not in html
    assert "24-12-2026" in html and "['2026" not in html


def test_describe_rule_speaks_dutch():
    assert describe_rule("") == "Niet herhalen"
    assert describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10") == (
        "Elke twee weken op dinsdag en donderdag, 10 keer")
    assert describe_rule("FREQ=MONTHLY;BYDAY=-1SA") == "Elke maand op de laatste zaterdag"
    assert describe_rule("FREQ=MONTHLY;BYMONTHDAY=15") == "Elke maand op de 15e"
    assert describe_rule("FREQ=YEARLY;BYMONTH=5") == "Eigen herhaalregel: FREQ=YEARLY;BYMONTH=5"
