"""The event editor refuses dates the portal cannot build, on every save: a draft with year
0001 or 2300 used to be stored and only refused later, at publishing (issue 11, finding 1).

Posted through the admin's own create and edit forms, as an editor saves a draft."""

from __future__ import annotations

from datetime import date

import pytest

from cms.agenda.models import EventPage
from cms.testing import page_form_data

ALLOWED_YEARS = "van 1900 tot en met 2200"


def saved_versions(page: EventPage) -> list[EventPage]:
    """The page as stored and as each of its revisions holds it."""
    return [EventPage.objects.get(pk=page.pk),
            *(revision.as_object() for revision in page.revisions.all())]


def years_in(versions: list[EventPage]) -> set[int]:
    years = set()
    for version in versions:
        years.add(version.start_date.year)
        if version.end_date:
            years.add(version.end_date.year)
        until = version.recurrence.partition("UNTIL=")[2][:4]
        if until:
            years.add(int(until))
        years.update(int(text[:4]) for text in version.exdates)
    return years


def save_draft(client, **fields):
    """Post the edit (`page=`) or create (`parent=`, `model=`) form without a publish or
    submit button: the editor's "Concept opslaan"."""
    url, data = page_form_data(client, **fields)
    return client.post(url, data)


@pytest.mark.parametrize(("typed", "year"), [
    ("01-01-0001", "0001"), ("0001-01-01", "0001"), ("17-12-2300", "2300"),
    ("17 december 2300", "2300"), ("31-12-1899", "1899"), ("01-01-2201", "2201"),
])
def test_a_draft_with_a_date_outside_the_years_is_refused_on_its_field(
        two_villages, admin_client, typed, year):
    lindeveld, _ = two_villages
    event = lindeveld.event
    response = save_draft(admin_client, page=event, start_date=typed)
    assert response.status_code == 200, "the draft was saved"
    form = response.context["form"]
    message = form.errors["start_date"][0]
    assert message.startswith("Datum: ")  # the field, by its label
    assert year in message and ALLOWED_YEARS in message
    assert form["start_date"].value() == typed  # shown again as typed
    assert f'value="{typed}"' in response.content.decode()
    assert years_in(saved_versions(event)) == {2026}


@pytest.mark.parametrize("typed", ["01-01-0001", "17-12-2300"])
def test_a_new_event_dated_outside_the_years_is_not_created(two_villages, admin_client, typed):
    lindeveld, _ = two_villages
    response = save_draft(admin_client, parent=lindeveld.agenda, model=EventPage,
                          title="Jaarmarkt", slug="jaarmarkt", start_date=typed,
                          end_date="02-01-2027")
    assert response.status_code == 200, "the draft was saved"
    errors = response.context["form"].errors
    assert ALLOWED_YEARS in errors["start_date"][0]
    assert not EventPage.objects.filter(slug="jaarmarkt").exists()


@pytest.mark.parametrize(("field", "changes", "label"), [
    ("end_date", {"end_date": "17-12-2300"}, "Einddatum: "),
    # The last date of a repeat, chosen in the friendly fields ...
    ("repeat_until", {"repeat": "weekly", "repeat_weekdays": ["TU"], "repeat_end": "until",
                      "repeat_until": "01-01-2300"}, "Tot en met: "),
    # ... or written as UNTIL in a pasted rule ...
    ("recurrence", {"repeat": "advanced", "recurrence": "FREQ=WEEKLY;UNTIL=23000101"},
     "‘UNTIL=23000101’ "),
    # ... and a cancelled date, also in ISO 8601.
    ("exdates", {"exdates": "2026-12-08\n0001-01-01"}, "Regel 2: "),
])
def test_the_other_dates_of_an_event_are_refused_outside_the_years(
        two_villages, admin_client, field, changes, label):
    lindeveld, _ = two_villages
    event = lindeveld.event
    response = save_draft(admin_client, page=event, **changes)
    assert response.status_code == 200, "the draft was saved"
    message = response.context["form"].errors[field][0]
    assert message.startswith(label) and ALLOWED_YEARS in message
    assert years_in(saved_versions(event)) == {2026}


@pytest.mark.parametrize("typed", ["01-01-1900", "31-12-2200"])
def test_the_first_and_last_year_are_saved(two_villages, admin_client, typed):
    lindeveld, _ = two_villages
    event = lindeveld.event
    response = save_draft(admin_client, page=event, start_date=typed,
                          exdates="1900-01-01\n2200-12-31")
    assert response.status_code == 302, response.context["form"].errors
    draft = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert draft.start_date == date(int(typed[-4:]), int(typed[3:5]), int(typed[:2]))
