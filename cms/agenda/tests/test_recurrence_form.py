"""Tests for the event editor: friendly repeat choices <-> RRULE text (cms.agenda.recurrence,
cms.agenda.forms), the next dates across daylight saving, the live "Volgende data"
endpoint, and errors on the right fields when the Wagtail edit form is posted."""

from __future__ import annotations

import types
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from cms.agenda import forms as agenda_forms
from cms.agenda.forms import NextDatesForm, repeat_initial
from cms.agenda.models import AgendaIndexPage, EventPage
from cms.agenda.recurrence import (
    RepeatChoice,
    RuleError,
    build_rule,
    check_rule,
    event_from_values,
    next_occurrences,
    parse_rule,
    same_rule,
)
from cms.core.models import PortalImage
from cms.villages.models import VillageHomePage

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


# --------------------------------------------------------------------------- choices -> rule

FRIENDLY_RULES = [
    # (form values, RRULE text)
    ({"repeat": "none"}, ""),
    ({"repeat": "weekly", "repeat_weekdays": ["TU"]}, "FREQ=WEEKLY;BYDAY=TU"),
    ({"repeat": "weekly", "repeat_weekdays": ["WE", "MO"], "repeat_end": "until",
      "repeat_until": "2027-06-30"}, "FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270630"),
    ({"repeat": "biweekly", "repeat_weekdays": ["TH"], "repeat_end": "count",
      "repeat_count": "10"}, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=10"),
    ({"repeat": "monthly_weekday", "repeat_ordinal": "1", "repeat_ordinal_weekday": "SA"},
     "FREQ=MONTHLY;BYDAY=1SA"),
    ({"repeat": "monthly_weekday", "repeat_ordinal": "-1", "repeat_ordinal_weekday": "FR",
      "repeat_end": "never"}, "FREQ=MONTHLY;BYDAY=-1FR"),
    ({"repeat": "monthly_weekday", "repeat_ordinal": "3", "repeat_ordinal_weekday": "SA",
      "repeat_end": "until", "repeat_until": "2027-12-18"},
     "FREQ=MONTHLY;BYDAY=3SA;UNTIL=20271218"),
    ({"repeat": "monthly_day", "repeat_monthday": "15"}, "FREQ=MONTHLY;BYMONTHDAY=15"),
    ({"repeat": "advanced", "recurrence": "rrule:freq=daily;interval=3"},
     "FREQ=DAILY;INTERVAL=3"),
    # A client that posts only the model's fields: the raw rule counts.
    ({"recurrence": "FREQ=YEARLY"}, "FREQ=YEARLY"),
]


def _dates_form(values: dict, start: str = "2026-10-06") -> NextDatesForm:
    return NextDatesForm({"start_date": start, "start_time": "10:00", **values})


@pytest.mark.parametrize(("values", "rule"), FRIENDLY_RULES)
def test_form_choices_give_rrule(values, rule):
    form = _dates_form(values)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["rule"] == rule


@pytest.mark.parametrize(("values", "field"), [
    # No day ticked for a weekly repeat.
    ({"repeat": "weekly"}, "repeat_weekdays"),
    # "Tot en met" chosen without a date.
    ({"repeat": "weekly", "repeat_weekdays": ["TU"], "repeat_end": "until"}, "repeat_until"),
    # A last date before the first one.
    ({"repeat": "weekly", "repeat_weekdays": ["TU"], "repeat_end": "until",
      "repeat_until": "2026-01-01"}, "repeat_until"),
    # "N keer" without N.
    ({"repeat": "monthly_day", "repeat_monthday": "15", "repeat_end": "count"},
     "repeat_count"),
    ({"repeat": "monthly_weekday", "repeat_ordinal_weekday": "SA"}, "repeat_ordinal"),
    ({"repeat": "monthly_day", "repeat_monthday": "32"}, "repeat_monthday"),
    # Pasted rules are checked as portal build checks them.
    ({"repeat": "advanced", "recurrence": "FREQ=MINUTELY"}, "recurrence"),
    ({"repeat": "advanced", "recurrence": "BYDAY=TU"}, "recurrence"),
])
def test_form_errors_land_on_the_field_at_fault(values, field):
    form = _dates_form(values)
    assert not form.is_valid()
    assert field in form.errors
    assert form.errors[field][0]  # a Dutch sentence, not empty


def test_build_rule_refuses_advanced_and_names_the_field():
    with pytest.raises(RuleError) as caught:
        build_rule(RepeatChoice(kind="weekly"))
    assert caught.value.field == "repeat_weekdays"
    with pytest.raises(RuleError):
        build_rule(RepeatChoice(kind="advanced"))


# --------------------------------------------------------------------------- rule -> choices


@pytest.mark.parametrize(("rule", "initial"), [
    ("", {"repeat": "none"}),
    ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630",
     {"repeat": "weekly", "repeat_weekdays": ["TU"], "repeat_end": "until",
      "repeat_until": date(2027, 6, 30)}),
    ("RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630", {"repeat": "weekly"}),
    ("FREQ=WEEKLY;BYDAY=WE,MO", {"repeat": "weekly", "repeat_weekdays": ["MO", "WE"],
                                 "repeat_end": "never"}),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;COUNT=10",
     {"repeat": "biweekly", "repeat_weekdays": ["TH"], "repeat_end": "count",
      "repeat_count": 10}),
    ("FREQ=MONTHLY;BYDAY=3SA;UNTIL=20271218",
     {"repeat": "monthly_weekday", "repeat_ordinal": "3", "repeat_ordinal_weekday": "SA",
      "repeat_until": date(2027, 12, 18)}),
    ("FREQ=MONTHLY;BYDAY=-1FR", {"repeat": "monthly_weekday", "repeat_ordinal": "-1"}),
    ("FREQ=MONTHLY;BYMONTHDAY=15", {"repeat": "monthly_day", "repeat_monthday": 15}),
    # Rules the friendly choices cannot say stay raw.
    ("FREQ=DAILY", {"repeat": "advanced"}),
    ("FREQ=YEARLY;BYMONTH=5", {"repeat": "advanced"}),
    ("FREQ=WEEKLY", {"repeat": "advanced"}),  # no weekday given
    ("FREQ=WEEKLY;INTERVAL=3;BYDAY=MO", {"repeat": "advanced"}),
    ("FREQ=MONTHLY;BYDAY=5MO", {"repeat": "advanced"}),
    ("FREQ=MONTHLY;BYDAY=1MO,3MO", {"repeat": "advanced"}),
    ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z", {"repeat": "advanced"}),
    ("FREQ=WEEKLY;BYDAY=TU;WKST=SU", {"repeat": "advanced"}),
])
def test_rrule_gives_form_initial_values(rule, initial):
    values = repeat_initial(rule)
    assert {key: values.get(key) for key in initial} == initial


@pytest.mark.parametrize("rule", [rule for _values, rule in FRIENDLY_RULES[:8]])
def test_friendly_rules_survive_the_round_trip(rule):
    choice = parse_rule(rule)
    assert choice is not None
    assert build_rule(choice) == rule


def test_same_rule_ignores_order_case_and_prefix():
    assert same_rule("RRULE:FREQ=WEEKLY;UNTIL=20270630;BYDAY=TU,MO",
                     "freq=weekly;byday=MO,TU;until=20270630")
    assert same_rule("FREQ=WEEKLY;INTERVAL=1;BYDAY=TU", "FREQ=WEEKLY;BYDAY=TU")
    assert not same_rule("FREQ=WEEKLY;BYDAY=TU", "FREQ=WEEKLY;BYDAY=WE")


# --------------------------------------------------------------------------- rule checks


@pytest.mark.parametrize(("rule", "words"), [
    ("FREQ=HOURLY", "per uur"),
    ("FREQ=SECONDLY", "per uur, minuut of seconde"),
    ("BYDAY=TU", "FREQ="),
    ("FREQ=SOMETIMES", "SOMETIMES"),
    ("FREQ=WEEKLY;COUNT=3;UNTIL=20270101", "niet allebei"),
    ("FREQ=WEEKLY;UNTIL=2027-06-30", "20270630"),
    ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20200101", "geen enkele datum"),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "geen enkele datum"),  # found fast, too
    ("<script>", "geen herhaalregel"),
])
def test_check_rule_explains_in_dutch(rule, words):
    with pytest.raises(RuleError) as caught:
        check_rule(rule, date(2026, 10, 6), time(10, 0), AMSTERDAM)
    assert caught.value.field == "recurrence"
    assert words in caught.value.message


def test_check_rule_accepts_what_the_build_accepts():
    assert check_rule("rrule: freq=weekly; byday=tu; until=20270630T215959Z",
                      date(2026, 10, 6), time(10), AMSTERDAM) == \
        "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z"


# --------------------------------------------------------------------------- next dates


def test_next_dates_keep_the_wall_clock_across_daylight_saving():
    event = event_from_values(date(2026, 10, 6), time(10, 0), None, time(12, 0),
                              "FREQ=WEEKLY;BYDAY=TU", [], AMSTERDAM)
    now = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    found = next_occurrences(event, AMSTERDAM, now)
    assert [occ.start.date() for occ in found] == [
        date(2026, 10, 6), date(2026, 10, 13), date(2026, 10, 20), date(2026, 10, 27),
        date(2026, 11, 3)]
    # Clocks go back on 25 October 2026: the event stays at 10:00 local time.
    assert all(occ.start.hour == 10 and occ.end.hour == 12 for occ in found)
    assert [occ.start.utcoffset().total_seconds() / 3600 for occ in found] == [2, 2, 2, 1, 1]


def test_preview_gives_dutch_dates_and_skips_cancelled_ones():
    form = _dates_form({"repeat": "weekly", "repeat_weekdays": ["TU"], "end_time": "12:00",
                        "exdates": "2026-10-13\n20-10-2026"})
    answer = form.preview(now=datetime(2026, 10, 1, tzinfo=UTC))
    assert answer["errors"] == {}
    assert [item["text"] for item in answer["dates"]] == [
        "dinsdag 6 oktober 2026, 10:00–12:00",
        "dinsdag 27 oktober 2026, 10:00–12:00",
        "dinsdag 3 november 2026, 10:00–12:00",
        "dinsdag 10 november 2026, 10:00–12:00",
        "dinsdag 17 november 2026, 10:00–12:00",
    ]
    assert answer["dates"][1]["start"] == "2026-10-27T10:00:00+01:00"


def test_preview_of_an_all_day_monthly_event():
    form = NextDatesForm({"start_date": "2026-10-03", "repeat": "monthly_weekday",
                          "repeat_ordinal": "1", "repeat_ordinal_weekday": "SA",
                          "repeat_end": "count", "repeat_count": "2"})
    answer = form.preview(now=datetime(2026, 9, 1, tzinfo=UTC))
    assert [item["text"] for item in answer["dates"]] == [
        "zaterdag 3 oktober 2026 (hele dag)", "zaterdag 7 november 2026 (hele dag)"]


# --------------------------------------------------------------------------- admin: fixtures


@pytest.fixture
def agenda(db):
    """A village home under the root, with its agenda."""
    root = Page.get_first_root_node()
    home = VillageHomePage(title="Lindeveld", slug="lindeveld", municipality="Papendrecht",
                           base_url="https://lindeveld.example.org")
    root.add_child(instance=home)
    index = AgendaIndexPage(title="Agenda", slug="agenda")
    home.add_child(instance=index)
    return index


@pytest.fixture
def event(agenda):
    page = EventPage(title="Koffieochtend", slug="koffieochtend", start_date=date(2026, 10, 6),
                     start_time=time(10, 0), end_time=time(12, 0),
                     recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630")
    agenda.add_child(instance=page)
    return page


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redactie", "r@example.org", "geheim-genoeg")
    client.force_login(user)
    return client


def _edit_data(event: EventPage, **changes) -> dict:
    """The edit form of `event` as a browser posts it, with `changes` applied."""
    data = {
        "title": event.title, "slug": event.slug, "summary": "",
        "start_date": "2026-10-06", "start_time": "10:00", "end_date": "", "end_time": "12:00",
        "repeat": "weekly", "repeat_weekdays": ["TU"], "repeat_end": "until",
        "repeat_until": "2027-06-30", "recurrence": event.recurrence, "exdates": "",
        "location_name": "", "location_street": "", "location_postcode": "",
        "location_city": "", "location_lat": "", "location_lon": "", "body": "", "price": "",
        "registration_url": "", "image_alt": "", "tags": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _edit(client, event: EventPage, **changes):
    return client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]),
                       _edit_data(event, **changes))


# --------------------------------------------------------------------------- admin: editing


def test_edit_form_shows_friendly_choices_for_a_friendly_rule(editor, event):
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["repeat"].value() == "weekly"
    assert form["repeat_weekdays"].value() == ["TU"]
    assert form["repeat_until"].value() == date(2027, 6, 30)
    html = response.content.decode()
    assert 'value="weekly"' in html and "data-agenda-next-dates" in html
    assert "agenda/recurrence.js" in html


def test_edit_form_shows_the_raw_field_for_other_rules(editor, event):
    event.recurrence = "FREQ=DAILY;INTERVAL=3"
    event.save()
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    form = response.context["form"]
    assert form["repeat"].value() == "advanced"
    assert form["recurrence"].value() == "FREQ=DAILY;INTERVAL=3"


def test_saving_friendly_choices_stores_the_rrule(editor, event):
    response = _edit(editor, event, repeat="monthly_weekday", repeat_ordinal="1",
                     repeat_ordinal_weekday="TU", repeat_end="count", repeat_count="6")
    assert response.status_code == 302, response.context["form"].errors
    saved = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert saved.recurrence == "FREQ=MONTHLY;BYDAY=1TU;COUNT=6"


def test_saving_untouched_keeps_the_rule_text(editor, event):
    event.recurrence = "FREQ=WEEKLY;UNTIL=20270630;BYDAY=TU"  # same rule, other order
    event.save()
    response = _edit(editor, event)
    assert response.status_code == 302, response.context["form"].errors
    saved = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert saved.recurrence == "FREQ=WEEKLY;UNTIL=20270630;BYDAY=TU"


def test_choosing_no_repeat_clears_the_rule(editor, event):
    response = _edit(editor, event, repeat="none")
    assert response.status_code == 302
    saved = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert saved.recurrence == ""


def test_posted_errors_appear_on_their_fields(editor, event, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = PortalImage.objects.create(title="Koffie", file=get_test_image_file())
    response = _edit(editor, event, location_postcode="12345", location_lat="95",
                     location_lon="4.7", end_date="2026-10-05", image=str(image.pk),
                     image_alt="", repeat="advanced", recurrence="FREQ=MINUTELY")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "1234 AB" in errors["location_postcode"][0]
    assert "tussen -90 en 90" in errors["location_lat"][0]
    assert "voor de begindatum" in errors["end_date"][0]
    assert "Beschrijf de foto" in errors["image_alt"][0]
    assert "per uur, minuut of seconde" in errors["recurrence"][0]
    # The next dates are shown again with the errors, from what was posted.
    assert "data-agenda-next-dates" in response.content.decode()


def test_end_time_before_start_time_and_lone_coordinate(editor, event):
    response = _edit(editor, event, end_time="09:00", location_lat="51.83")
    errors = response.context["form"].errors
    assert "voor de begintijd" in errors["end_time"][0]
    assert "lengtegraad" in errors["location_lon"][0]


def test_postcode_and_exdates_are_tidied(editor, event):
    response = _edit(editor, event, location_postcode="1234ab",
                     exdates="2026-10-13\n\n27-10-2026\n2026-11-03T10:00")
    assert response.status_code == 302, response.context["form"].errors
    saved = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert saved.location_postcode == "1234 AB"
    assert saved.exdates == ["2026-10-13", "2026-10-27", "2026-11-03T10:00:00"]


def test_bad_exdate_names_its_line(editor, event):
    response = _edit(editor, event, exdates="2026-10-13\nvolgende week")
    message = response.context["form"].errors["exdates"][0]
    assert message.startswith("Regel 2:") and "volgende week" in message


# --------------------------------------------------------------------------- admin: endpoint

NEXT_DATES_QUERY = {"start_date": "2026-10-06", "start_time": "10:00", "repeat": "weekly",
                    "repeat_weekdays": "TU", "repeat_end": "never", "zone": "Europe/Amsterdam"}


def test_next_dates_endpoint_needs_an_admin_login(client, db, django_user_model):
    url = reverse("agenda_next_dates")
    # Anonymous: sent to the login page, no dates.
    response = client.get(url, NEXT_DATES_QUERY)
    assert response.status_code == 302 and "login" in response["Location"]
    # Logged in without access to the admin: still no dates.
    resident = django_user_model.objects.create_user("bewoner", "b@example.org", "geheim-genoeg")
    client.force_login(resident)
    response = client.get(url, NEXT_DATES_QUERY)
    assert response.status_code == 302 and "login" in response["Location"]


def test_next_dates_endpoint_answers_in_dutch(editor, monkeypatch):
    fixed = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    monkeypatch.setattr(agenda_forms, "timezone", types.SimpleNamespace(now=lambda: fixed))
    response = editor.get("/admin/agenda/volgende-data/", NEXT_DATES_QUERY)
    assert response.status_code == 200
    answer = response.json()
    assert answer["rule"] == "FREQ=WEEKLY;BYDAY=TU"
    assert [item["text"] for item in answer["dates"]] == [
        "dinsdag 6 oktober 2026, 10:00", "dinsdag 13 oktober 2026, 10:00",
        "dinsdag 20 oktober 2026, 10:00", "dinsdag 27 oktober 2026, 10:00",
        "dinsdag 3 november 2026, 10:00"]


def test_next_dates_endpoint_reports_errors(editor):
    response = editor.get(reverse("agenda_next_dates"),
                          {**NEXT_DATES_QUERY, "repeat": "advanced",
                           "recurrence": "FREQ=MINUTELY"})
    answer = response.json()
    assert answer["dates"] == []
    assert "per uur, minuut of seconde" in answer["errors"]["recurrence"][0]
    assert answer["message"] == answer["errors"]["recurrence"][0]


def test_new_event_with_a_friendly_repeat(editor, agenda):
    url = reverse("wagtailadmin_pages:add", args=["agenda", "eventpage", agenda.pk])
    response = editor.get(url)
    assert response.status_code == 200
    assert response.context["form"]["repeat"].value() == "none"
    assert "Vul eerst de datum in." in response.content.decode()
    data = {"title": "Taalcafé", "slug": "taalcafe", "start_date": "2026-12-02",
            "start_time": "19:30", "repeat": "biweekly", "repeat_weekdays": ["WE"],
            "repeat_end": "never", "recurrence": "", "exdates": "", "tags": ""}
    response = editor.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    created = EventPage.objects.get(slug="taalcafe").get_latest_revision_as_object()
    assert created.recurrence == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE"
