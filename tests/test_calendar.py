"""The agenda.ics feed, read back the way a calendar app reads it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from sitegen.calendar import KEEP_PAST_DAYS, build_calendar, feed_entry
from sitegen.model import Address, Category, Event, Geo, Location, Organisation, Village

AMS = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 10, 1, 12, 0, tzinfo=AMS)


def village(**changes) -> Village:
    values = {
        "slug": "papendrecht",
        "name": "PuurPapendrecht",
        "municipality": "Papendrecht",
        "base_url": "https://puur.example",
        "categories": [Category("ontmoeten", "Ontmoeten & activiteiten")],
    }
    values.update(changes)
    return Village(**values)


BUURTHUIS = Organisation(
    slug="buurthuis-de-linde",
    title="Buurthuis De Linde",
    categories=["ontmoeten"],
    summary="Ontmoeten in de wijk.",
    address=Address("Lindeplein 1", "3351 AB", "Papendrecht"),
    geo=Geo(51.83, 4.69),
    email="info@delinde.example",
)
REPAIR = Organisation(
    slug="repair-cafe", title="Repair Café", categories=["ontmoeten"], summary="Samen repareren."
)
ORGS = {org.slug: org for org in (BUURTHUIS, REPAIR)}


def events() -> list[Event]:
    return [
        Event(
            slug="koffieochtend",
            title="Koffieochtend",
            start=datetime(2026, 10, 6, 10, tzinfo=AMS),
            end=datetime(2026, 10, 6, 12, tzinfo=AMS),
            recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630",
            exdates=[datetime(2026, 12, 29, 10, tzinfo=AMS)],
            organiser="buurthuis-de-linde",
            categories=["ontmoeten"],
            summary="Elke dinsdag koffie en een praatje.",
            body_text="Iedereen is welkom. " * 100,
            price="€ 1,50",
        ),
        Event(
            slug="kerstmarkt",
            title="Kerstmarkt",
            start=date(2026, 12, 5),
            end=date(2026, 12, 6),
            all_day=True,
            location=Location(
                "Markt", Address("Markt 1", "3351 AA", "Papendrecht"), Geo(51.8, 4.7)
            ),
            organiser="repair-cafe",
            updated=datetime(2026, 9, 1, 8, 30, tzinfo=UTC),
        ),
        Event(
            slug="oude-lezing",
            title="Oude lezing",
            start=datetime(2026, 6, 1, 20, tzinfo=AMS),
            end=datetime(2026, 6, 1, 22, tzinfo=AMS),
        ),
        Event(
            slug="afgelopen-cursus",
            title="Afgelopen cursus",
            start=datetime(2026, 1, 5, 19, tzinfo=AMS),
            recurrence="FREQ=WEEKLY;COUNT=4",
        ),
        Event(
            slug="gisteren",
            title="Lezing van gisteren",
            start=datetime(2026, 9, 30, 20, tzinfo=AMS),
        ),
    ]


@pytest.fixture
def parsed() -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(build_calendar(village(), events(), ORGS, NOW))


def vevent(calendar: icalendar.Calendar, slug: str) -> icalendar.Event:
    [found] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(f"{slug}@")]
    return found


def test_calendar_header_and_timezone(parsed):
    assert str(parsed["VERSION"]) == "2.0"
    assert str(parsed["PRODID"])
    assert str(parsed["X-WR-CALNAME"]) == "PuurPapendrecht agenda"
    assert str(parsed["X-WR-TIMEZONE"]) == "Europe/Amsterdam"
    [vtimezone] = parsed.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Europe/Amsterdam"
    assert vtimezone.walk("DAYLIGHT") and vtimezone.walk("STANDARD")


def test_recurring_event_carries_rule_exdate_and_tzid(parsed):
    event = vevent(parsed, "koffieochtend")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART") == datetime(2026, 10, 6, 10, tzinfo=AMS)
    assert event["DTEND"].params["TZID"] == "Europe/Amsterdam"
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"]
    # A date UNTIL on a timed event is written as UTC, covering the whole of 30 June.
    assert rule["UNTIL"] == [datetime(2027, 6, 30, 21, 59, 59, tzinfo=UTC)]
    exdate = event["EXDATE"]
    assert exdate.params["TZID"] == "Europe/Amsterdam"
    assert [d.dt for d in exdate.dts] == [datetime(2026, 12, 29, 10, tzinfo=AMS)]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["CATEGORIES"].cats == ["Ontmoeten & activiteiten"]


def test_one_vevent_per_event_and_old_events_left_out(parsed):
    uids = sorted(str(e["UID"]) for e in parsed.walk("VEVENT"))
    assert uids == [
        "gisteren@papendrecht.buurtportaal",
        "kerstmarkt@papendrecht.buurtportaal",
        "koffieochtend@papendrecht.buurtportaal",
    ]


def test_all_day_event_has_exclusive_date_end(parsed):
    event = vevent(parsed, "kerstmarkt")
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTSTART") == date(2026, 12, 5)
    assert event.decoded("DTEND") == date(2026, 12, 7)
    assert event.decoded("DTSTAMP") == datetime(2026, 9, 1, 8, 30, tzinfo=UTC)
    assert str(event["LOCATION"]) == "Markt, Markt 1, 3351 AA Papendrecht"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (51.8, 4.7)


def test_description_url_and_organiser(parsed):
    koffie = vevent(parsed, "koffieochtend")
    url = "https://puur.example/agenda/koffieochtend/"
    assert str(koffie["URL"]) == url
    description = str(koffie["DESCRIPTION"])
    assert description.startswith("Elke dinsdag koffie en een praatje.")
    assert description.endswith(f"\n\nMeer informatie: {url}")
    assert "Prijs: € 1,50" in description
    assert len(description) < 1300  # the long body is cut short
    assert str(koffie["ORGANIZER"]) == "mailto:info@delinde.example"
    assert koffie["ORGANIZER"].params["CN"] == "Buurthuis De Linde"
    # Without a location of its own the event is at its organiser's address.
    assert str(koffie["LOCATION"]) == "Buurthuis De Linde, Lindeplein 1, 3351 AB Papendrecht"

    markt = vevent(parsed, "kerstmarkt")
    assert "ORGANIZER" not in markt  # no e-mail address: named in the description instead
    assert "Organisatie: Repair Café" in str(markt["DESCRIPTION"])


def test_output_is_stable_across_builds():
    first = build_calendar(village(), events(), ORGS, NOW)
    second = build_calendar(village(), list(reversed(events())), ORGS, NOW)
    assert first == second
    later = icalendar.Calendar.from_ical(
        build_calendar(village(), events(), ORGS, NOW + timedelta(days=1))
    )
    assert str(vevent(later, "koffieochtend")["UID"]) == "koffieochtend@papendrecht.buurtportaal"
    assert b"\r\n" in first


def test_brussels_village_uses_its_zone():
    bru = ZoneInfo("Europe/Brussels")
    event = Event(
        slug="jeugdbeweging",
        title="Jeugdbeweging",
        start=datetime(2026, 10, 3, 14, tzinfo=bru),
        end=datetime(2026, 10, 3, 17, tzinfo=bru),
        recurrence="FREQ=WEEKLY;BYDAY=SA",
        exdates=[date(2026, 10, 31)],
    )
    vill = village(slug="brugge-zuid", name="Brugge Zuid", timezone="Europe/Brussels")
    parsed = icalendar.Calendar.from_ical(build_calendar(vill, [event], {}, NOW))
    assert str(parsed["X-WR-TIMEZONE"]) == "Europe/Brussels"
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Brussels"]
    found = vevent(parsed, "jeugdbeweging")
    assert found["DTSTART"].params["TZID"] == "Europe/Brussels"
    # A date exdate of a timed event cancels that day's occurrence at its usual time.
    assert [d.dt for d in found["EXDATE"].dts] == [datetime(2026, 10, 31, 14, tzinfo=bru)]


def test_all_day_recurrence_keeps_date_forms():
    event = Event(
        slug="rommelmarkt",
        title="Rommelmarkt",
        start=date(2026, 10, 3),
        all_day=True,
        recurrence="FREQ=MONTHLY;BYDAY=1SA;UNTIL=20271231T225959Z",
        exdates=[date(2026, 11, 7)],
    )
    parsed = icalendar.Calendar.from_ical(build_calendar(village(), [event], {}, NOW))
    found = vevent(parsed, "rommelmarkt")
    assert found["RRULE"]["UNTIL"] == [date(2027, 12, 31)]
    assert found["EXDATE"].params.get("VALUE") == "DATE"
    assert [d.dt for d in found["EXDATE"].dts] == [date(2026, 11, 7)]



def test_an_event_in_the_far_future_does_not_break_the_time_zone():
    # The reader refuses it (its year is past 2200); given directly, the VTIMEZONE once
    # reached for the year 10009 and the whole feed failed.
    far = Event(slug="ver-weg", title="Ver weg", start=datetime(9999, 6, 1, 10, tzinfo=AMS),
                recurrence="FREQ=YEARLY")
    feed = icalendar.Calendar.from_ical(build_calendar(village(), [far], ORGS, NOW))
    assert [str(e["UID"]) for e in feed.walk("VEVENT")] == ["ver-weg@papendrecht.buurtportaal"]


def test_an_event_the_feed_cannot_hold_is_reported_and_the_rest_kept(monkeypatch):
    from sitegen import calendar

    real = calendar._vevent

    def failing(event, *args):
        if event.slug == "kerstmarkt":
            raise OverflowError("date value out of range")
        return real(event, *args)

    monkeypatch.setattr(calendar, "_vevent", failing)
    left_out = []
    feed = build_calendar(village(), events(), ORGS, NOW,
                          on_error=lambda event, exc: left_out.append((event.slug, str(exc))))
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(feed).walk("VEVENT")]
    assert "koffieochtend@papendrecht.buurtportaal" in uids
    assert "kerstmarkt@papendrecht.buurtportaal" not in uids
    assert left_out == [("kerstmarkt", "date value out of range")]
    with pytest.raises(OverflowError):  # without on_error the exception is the caller's
        build_calendar(village(), events(), ORGS, NOW)


def test_a_past_event_leaves_the_feed_at_midnight_after_its_days_are_kept():
    # Whole days, so the feed changes at midnight only (`resolve.settled_until`).
    ended = Event(slug="gedaan", title="Gedaan", start=datetime(2026, 10, 1, 9, 0),
                  end=datetime(2026, 10, 1, 10, 0))
    last_kept = datetime(2026, 10, 1, 23, 59, tzinfo=AMS) + timedelta(days=KEEP_PAST_DAYS)
    assert feed_entry(ended, village(), ORGS, last_kept) is not None
    assert feed_entry(ended, village(), ORGS, last_kept + timedelta(minutes=1)) is None
