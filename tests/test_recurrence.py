"""Agenda dates as a resident sees them: recurring events, DST, exdates, Dutch date text."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import event as statistic
from hypothesis import strategies as st

from sitegen import recurrence
from sitegen.model import Event, Occurrence
from sitegen.recurrence import (
    RuleProblem,
    check_rule,
    expand_occurrences,
    format_day,
    format_time,
    format_when,
    group_by_day,
    has_ended,
    upcoming,
)

AMS = ZoneInfo("Europe/Amsterdam")
BRU = ZoneInfo("Europe/Brussels")
NOW = datetime(2026, 10, 1, 12, 0, tzinfo=AMS)


def at(y: int, m: int, d: int, hh: int = 0, mm: int = 0, tz: ZoneInfo = AMS) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=tz)


def koffie(**changes) -> Event:
    """Weekly coffee morning, Tuesdays 10:00-12:00 from 6 October 2026."""
    values = {
        "slug": "koffieochtend",
        "title": "Koffieochtend",
        "start": at(2026, 10, 6, 10),
        "end": at(2026, 10, 6, 12),
        "recurrence": "FREQ=WEEKLY;BYDAY=TU",
    }
    values.update(changes)
    return Event(**values)


def starts(occurrences: list[Occurrence]) -> list[str]:
    return [occ.start.isoformat() for occ in occurrences]


# ---------------------------------------------------------------- recurring, DST


def test_weekly_event_stays_at_ten_across_the_dst_change():
    occs = expand_occurrences(koffie(), AMS, NOW, horizon_days=60)
    by_day = {occ.day: occ for occ in occs}

    before = by_day[date(2026, 10, 20)]
    after = by_day[date(2026, 10, 27)]  # clocks went back on 25 October
    assert before.start.isoformat() == "2026-10-20T10:00:00+02:00"
    assert after.start.isoformat() == "2026-10-27T10:00:00+01:00"
    assert after.end.isoformat() == "2026-10-27T12:00:00+01:00"
    assert {(occ.start.hour, occ.end.hour) for occ in occs} == {(10, 12)}
    assert all(occ.start.weekday() == 1 for occ in occs)


def test_spring_forward_keeps_wall_clock_time_too():
    event = koffie(start=at(2027, 3, 2, 10), end=at(2027, 3, 2, 12))
    occs = expand_occurrences(event, AMS, at(2027, 3, 1), horizon_days=30)
    assert "2027-03-23T10:00:00+01:00" in starts(occs)
    assert "2027-03-30T10:00:00+02:00" in starts(occs)  # after 28 March


def test_until_as_a_date_includes_that_day():
    # 30 June 2027 is a Wednesday; the last Tuesday is 29 June.
    event = koffie(recurrence="FREQ=WEEKLY;BYDAY=TU,WE;UNTIL=20270630")
    occs = expand_occurrences(event, AMS, NOW)
    assert occs[-1].start.isoformat() == "2027-06-30T10:00:00+02:00"


def test_until_in_utc_works_with_local_start():
    # 21:59:59Z on 29 June is 23:59:59 in Amsterdam: the 29th is still in.
    event = koffie(recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T215959Z")
    occs = expand_occurrences(event, AMS, NOW)
    assert occs[-1].day == date(2027, 6, 29)
    event = koffie(recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T075959Z")
    assert expand_occurrences(event, AMS, NOW)[-1].day == date(2027, 6, 22)


def test_count_is_counted_from_the_first_occurrence():
    event = koffie(recurrence="FREQ=WEEKLY;BYDAY=TU;COUNT=3")
    occs = expand_occurrences(event, AMS, at(2026, 10, 10))
    assert [occ.day for occ in occs] == [date(2026, 10, 13), date(2026, 10, 20)]


def test_exdates_remove_cancelled_occurrences():
    event = koffie(exdates=[at(2026, 10, 13, 10), date(2026, 10, 27)])
    days = [occ.day for occ in expand_occurrences(event, AMS, NOW, horizon_days=30)]
    assert days == [date(2026, 10, 6), date(2026, 10, 20)]


def test_exdate_given_in_utc_still_matches():
    event = koffie(exdates=[datetime(2026, 10, 13, 8, 0, tzinfo=UTC)])
    days = [occ.day for occ in expand_occurrences(event, AMS, NOW, horizon_days=30)]
    assert date(2026, 10, 13) not in days


def test_daily_without_end_is_bounded_by_the_horizon():
    event = Event(
        slug="ochtendgym", title="Ochtendgym", start=at(2020, 1, 1, 9), recurrence="FREQ=DAILY"
    )
    occs = expand_occurrences(event, AMS, NOW, horizon_days=30)
    assert len(occs) == 30
    assert occs[0].start == at(2026, 10, 2, 9)
    assert occs[-1].start == at(2026, 10, 31, 9)
    assert len(expand_occurrences(event, AMS, NOW)) == 366
    assert len(expand_occurrences(event, AMS, NOW, limit=5)) == 5


def test_rule_that_never_matches_returns_nothing():
    never = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"
    event = Event(slug="x", title="X", start=at(2026, 1, 1, 9), recurrence=never)
    assert expand_occurrences(event, AMS, NOW) == []


def test_monthly_rule_with_nth_weekday():
    event = Event(
        slug="repair",
        title="Repair Café",
        start=at(2026, 1, 3, 13),
        end=at(2026, 1, 3, 16),
        recurrence="FREQ=MONTHLY;BYDAY=1SA",
    )
    occs = expand_occurrences(event, AMS, NOW, horizon_days=70)
    assert [occ.day for occ in occs] == [date(2026, 10, 3), date(2026, 11, 7), date(2026, 12, 5)]


# ---------------------------------------------------------------- one-off, running, all-day


def test_past_one_off_event_is_left_out_and_future_one_kept():
    past = Event(slug="a", title="A", start=at(2026, 9, 1, 20), end=at(2026, 9, 1, 22))
    future = Event(slug="b", title="B", start=at(2026, 11, 1, 20), end=at(2026, 11, 1, 22))
    assert expand_occurrences(past, AMS, NOW) == []
    [occ] = expand_occurrences(future, AMS, NOW)
    assert occ.start == future.start and occ.end == future.end and not occ.all_day


def test_event_beyond_the_horizon_is_not_listed():
    later = Event(slug="c", title="C", start=at(2028, 1, 1, 20))
    assert expand_occurrences(later, AMS, NOW) == []


def test_running_event_is_still_listed():
    running = Event(slug="lunch", title="Lunch", start=at(2026, 10, 1, 11), end=at(2026, 10, 1, 13))
    assert len(expand_occurrences(running, AMS, NOW)) == 1
    over = Event(slug="ontbijt", title="Ontbijt", start=at(2026, 10, 1, 8), end=at(2026, 10, 1, 11))
    assert expand_occurrences(over, AMS, NOW) == []
    # Today's occurrence of a recurring event that is on right now.
    daily = Event(
        slug="inloop", title="Inloop", start=at(2026, 1, 1, 11), end=at(2026, 1, 1, 13),
        recurrence="FREQ=DAILY",
    )  # fmt: skip
    assert expand_occurrences(daily, AMS, NOW)[0].start == at(2026, 10, 1, 11)


def test_all_day_event_today_is_still_listed():
    markt = Event(slug="markt", title="Markt", start=date(2026, 10, 1), all_day=True)
    [occ] = expand_occurrences(markt, AMS, at(2026, 10, 1, 23, 30))
    assert occ.all_day and occ.start == date(2026, 10, 1)
    assert expand_occurrences(markt, AMS, at(2026, 10, 2, 0, 5)) == []


def test_multi_day_all_day_event_is_one_occurrence_while_it_runs():
    kermis = Event(
        slug="kermis", title="Kermis", start=date(2026, 9, 30), end=date(2026, 10, 2), all_day=True
    )
    [occ] = expand_occurrences(kermis, AMS, NOW)
    assert (occ.start, occ.end) == (date(2026, 9, 30), date(2026, 10, 2))
    assert expand_occurrences(kermis, AMS, at(2026, 10, 3, 9)) == []


def test_recurring_all_day_event_keeps_its_length():
    weekend = Event(
        slug="weekend", title="Weekendmarkt", start=date(2026, 10, 3), end=date(2026, 10, 4),
        all_day=True, recurrence="FREQ=WEEKLY;BYDAY=SA", exdates=[date(2026, 10, 10)],
    )  # fmt: skip
    occs = expand_occurrences(weekend, AMS, NOW, horizon_days=20)
    assert [(o.start, o.end) for o in occs] == [
        (date(2026, 10, 3), date(2026, 10, 4)),
        (date(2026, 10, 17), date(2026, 10, 18)),
    ]


def test_timed_multi_day_event_is_one_occurrence():
    kamp = Event(slug="kamp", title="Kamp", start=at(2026, 10, 9, 18), end=at(2026, 10, 11, 16))
    [occ] = expand_occurrences(kamp, AMS, NOW)
    assert occ.end - occ.start == timedelta(days=1, hours=22)
    assert format_when(occ) == "vr 9 oktober 2026, 18:00 t/m zo 11 oktober 2026, 16:00"


def test_brussels_village():
    event = koffie(start=at(2026, 10, 6, 10, tz=BRU), end=at(2026, 10, 6, 12, tz=BRU))
    occs = expand_occurrences(event, BRU, datetime(2026, 10, 1, 10, tzinfo=UTC), horizon_days=30)
    assert "2026-10-27T10:00:00+01:00" in starts(occs)
    assert all(str(occ.start.tzinfo) == "Europe/Brussels" for occ in occs)


def test_has_ended():
    assert has_ended(koffie(recurrence="FREQ=WEEKLY;BYDAY=TU;UNTIL=20260101"), AMS, NOW)
    two = koffie(recurrence="FREQ=WEEKLY;COUNT=2")  # 6 and 13 October
    assert not has_ended(two, AMS, NOW)
    assert not has_ended(two, AMS, at(2026, 10, 13, 11))
    assert has_ended(two, AMS, at(2026, 10, 13, 12))
    assert not has_ended(koffie(), AMS, NOW)
    assert not has_ended(koffie(recurrence="FREQ=YEARLY;INTERVAL=5"), AMS, NOW)
    assert has_ended(Event(slug="a", title="A", start=at(2026, 9, 1, 20)), AMS, NOW)


# ---------------------------------------------------------------- merging, grouping


def test_upcoming_merges_events_chronologically_with_all_day_first():
    markt = Event(slug="markt", title="Markt", start=date(2026, 10, 6), all_day=True)
    avond = Event(slug="avond", title="Avond", start=at(2026, 10, 6, 19))
    lists = [expand_occurrences(e, AMS, NOW, horizon_days=14) for e in (koffie(), avond, markt)]
    merged = upcoming(lists)
    assert [(o.day, o.event.slug) for o in merged] == [
        (date(2026, 10, 6), "markt"),
        (date(2026, 10, 6), "koffieochtend"),
        (date(2026, 10, 6), "avond"),
        (date(2026, 10, 13), "koffieochtend"),
    ]


def test_group_by_day_lists_a_running_event_today():
    kermis = Event(
        slug="kermis", title="Kermis", start=date(2026, 9, 30), end=date(2026, 10, 2), all_day=True
    )
    occs = upcoming([expand_occurrences(kermis, AMS, NOW), expand_occurrences(koffie(), AMS, NOW)])
    groups = group_by_day(occs[:3], today=date(2026, 10, 1))
    assert [day for day, _ in groups] == [date(2026, 10, 1), date(2026, 10, 6), date(2026, 10, 13)]
    assert groups[0][1][0].event.slug == "kermis"
    assert group_by_day(occs[:1])[0][0] == date(2026, 9, 30)  # without today: its first day


# ---------------------------------------------------------------- Dutch text


def test_format_day_and_time_in_dutch():
    assert format_day(date(2026, 11, 3)) == "dinsdag 3 november 2026"
    assert format_day(date(2026, 3, 1), weekday=False) == "1 maart 2026"
    assert format_time(at(2026, 11, 3, 9, 5)) == "09:05"


@pytest.mark.parametrize(
    ("occurrence", "text"),
    [
        (
            Occurrence(koffie(), at(2026, 11, 3, 10), at(2026, 11, 3, 12), False),
            "dinsdag 3 november 2026, 10:00–12:00",
        ),
        (Occurrence(koffie(), at(2026, 11, 3, 10), None, False), "dinsdag 3 november 2026, 10:00"),
        (
            Occurrence(koffie(), at(2026, 11, 7, 22), at(2026, 11, 8, 1), False),
            "zaterdag 7 november 2026, 22:00–01:00",
        ),
        (
            Occurrence(koffie(), date(2026, 12, 5), date(2026, 12, 6), True),
            "za 5 t/m zo 6 december 2026 (hele dag)",
        ),
        (
            Occurrence(koffie(), date(2026, 11, 30), date(2026, 12, 2), True),
            "ma 30 november t/m wo 2 december 2026 (hele dag)",
        ),
        (
            Occurrence(koffie(), date(2026, 12, 31), date(2027, 1, 1), True),
            "do 31 december 2026 t/m vr 1 januari 2027 (hele dag)",
        ),
        (
            Occurrence(koffie(), date(2026, 12, 5), None, True),
            "zaterdag 5 december 2026 (hele dag)",
        ),
    ],
)
def test_format_when(occurrence, text):
    assert format_when(occurrence) == text


@pytest.mark.parametrize(("typed", "problem"), [
    ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630", None),
    ("rrule:freq=weekly; byday=tu", None),
    ("elke dinsdag om 10:00", RuleProblem.NOT_A_RULE),
    ("BYDAY=TU", RuleProblem.NO_FREQUENCY),
    ("FREQ=MINUTELY", RuleProblem.SUB_DAILY),
    ("FREQ=SOMETIMES", RuleProblem.BAD_FREQUENCY),
    ("FREQ=DAILY;COUNT=3;UNTIL=20270101", RuleProblem.COUNT_AND_UNTIL),
    ("FREQ=DAILY;UNTIL=2027", RuleProblem.BAD_UNTIL),
    ("FREQ=WEEKLY;BYDAY=XX", RuleProblem.INVALID),
    ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", RuleProblem.NO_DATES),  # 30 February
    ("FREQ=WEEKLY;UNTIL=20260101", RuleProblem.NO_DATES),  # ends before it starts
])
def test_check_rule_names_what_is_wrong_with_a_typed_rule(typed, problem):
    check = check_rule(typed, datetime(2026, 10, 6, 10, 0), ZoneInfo("Europe/Amsterdam"))
    assert check.problem is problem
    if problem is None:
        assert check.rule == check.rule.upper() and not check.rule.startswith("RRULE:")


# ------------------------------------------------------- any rule the reader lets through
#
# Issue 11: a repeat rule an organisation types must never stall or crash a build. The
# reader refuses what it cannot take with a `path: field: message` problem (the documented
# path); whatever it accepts, `expand_occurrences` and `has_ended` work out quickly, with
# at most `limit` occurrences inside the window, in order.

_RULE_VALUES = {
    "FREQ": ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "SECONDLY", "yearly", "", "X"],
    "INTERVAL": ["1", "2", "7", "53", "1000", "1001", "0", "-1", "2147483648", "x"],
    "COUNT": ["1", "3", "366", "10000", "10001", "0", "-5", ""],
    "UNTIL": ["20270630", "20270630T220000Z", "20270630T220000", "19000101", "22001231",
              "18991231", "22010101", "99991231T235959Z", "2027", "20270230"],
    "BYDAY": ["MO", "TU,TH", "1MO", "-1FR", "53SU", "+2WE", "5SA", "XX", "MO,MO,MO", ""],
    "BYMONTHDAY": ["1", "31", "-1", "30", "29", "0", "32", "-31", "1,15,31"],
    "BYMONTH": ["1", "2", "12", "13", "0", "2,4,6"],
    "BYYEARDAY": ["1", "60", "366", "-366", "367", "0"],
    "BYWEEKNO": ["1", "53", "-53", "54", "20"],
    "BYSETPOS": ["1", "-1", "2", "366", "400"],
    "BYEASTER": ["0", "1", "-2", "400"],
    "BYHOUR": ["10", "25"],
    "WKST": ["MO", "SU", "XX"],
}
_rule_part = st.sampled_from(sorted(_RULE_VALUES)).flatmap(
    lambda name: st.sampled_from(_RULE_VALUES[name]).map(lambda value: f"{name}={value}"))
# Rules the reader mostly accepts, so that many examples reach the expander.
good_rules = st.fixed_dictionaries(
    {"FREQ": st.sampled_from(["YEARLY", "MONTHLY", "WEEKLY", "DAILY"])},
    optional={
        "INTERVAL": st.integers(1, 1000).map(str),
        "COUNT": st.integers(1, 10000).map(str),
        "BYDAY": st.sampled_from(["MO", "TU,TH", "1MO", "-1FR", "SA,SU", "2WE"]),
        "BYMONTHDAY": st.sampled_from(["1", "15", "-1", "31", "29"]),
        "BYMONTH": st.sampled_from(["1", "2", "6,12"]),
        "BYSETPOS": st.sampled_from(["1", "-1", "2"]),
        "WKST": st.sampled_from(["MO", "SU"]),
    },
).map(lambda parts: ";".join(f"{k}={v}" for k, v in parts.items()))
rule_texts = st.one_of(
    good_rules, good_rules,
    st.tuples(good_rules, st.dates(date(2025, 1, 1), date(2200, 12, 31)))
      .map(lambda pair: f"{pair[0].split(';COUNT=')[0]};UNTIL={pair[1]:%Y%m%d}"),
    st.lists(_rule_part, min_size=1, max_size=6).map(";".join),
    st.tuples(st.sampled_from(["", "RRULE:", "rrule: ", " "]),
              st.lists(_rule_part, min_size=1, max_size=5).map("; ".join)).map("".join),
    st.text(alphabet="FREQ=YLMONTHDAIWKBSCUV0123456789;,:+-TZ ", max_size=60),
)
_in_range_day = st.dates(date(1900, 1, 1), date(2200, 12, 31))
_in_range_moment = st.datetimes(datetime(1900, 1, 2), datetime(2200, 12, 30))
when_texts = st.one_of(
    _in_range_day.map(date.isoformat),
    _in_range_moment.map(lambda dt: dt.strftime("%Y-%m-%dT%H:%M")),
    st.tuples(_in_range_moment, st.sampled_from(["Z", "+14:00", "-12:00", "+01:00"]))
      .map(lambda pair: pair[0].strftime("%Y-%m-%dT%H:%M:%S") + pair[1]),
)
# Most starts near the moment of the build, so that windows hold occurrences.
near_texts = st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31)).flatmap(
    lambda dt: st.sampled_from([dt.date().isoformat(), dt.strftime("%Y-%m-%dT%H:%M")]))
_RULE_SITE = ("name: Dorp\nmunicipality: Gemeente\nbase_url: https://dorp.example\n"
              "timezone: {zone}\ncategories:\n  - {{slug: ontmoeten, name: Ontmoeten}}\n")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule=rule_texts, start=st.one_of(near_texts, when_texts),
       end=st.one_of(st.none(), st.none(), near_texts, when_texts),
       exdates=st.lists(st.one_of(near_texts, when_texts), max_size=3),
       zone=st.sampled_from(["Europe/Amsterdam", "Europe/Brussels", "Pacific/Kiritimati",
                             "Etc/GMT+12"]),
       now=st.one_of(st.integers(-800, 800),  # days after the event's start
                     st.datetimes(datetime(2025, 1, 1), datetime(2028, 12, 31)),
                     st.datetimes(datetime(1900, 1, 2), datetime(2200, 12, 30))),
       horizon=st.integers(0, 3660), limit=st.integers(0, 2000))
@example(rule="FREQ=DAILY;COUNT=10000", start="2026-01-01T10:00", end=None, exdates=[],
         zone="Europe/Amsterdam", now=datetime(2026, 6, 1), horizon=3660, limit=2000)
@example(rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;UNTIL=22001231", start="1900-01-01",
         end=None, exdates=[], zone="Pacific/Kiritimati", now=datetime(2199, 12, 1),
         horizon=3660, limit=5)
@example(rule="FREQ=WEEKLY;INTERVAL=1000;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYSETPOS=-1",
         start="2026-03-29T02:30", end="2026-03-29T03:30", exdates=["2026-03-29"],
         zone="Europe/Amsterdam", now=datetime(2026, 3, 1), horizon=366, limit=1000)
def test_any_rule_the_reader_accepts_expands_quickly_and_bounded(
        rule, start, end, exdates, zone, now, horizon, limit):
    import tempfile
    from pathlib import Path

    import yaml

    from sitegen.content import is_note, load_village

    data = {"title": "Activiteit", "start": start, "recurrence": rule, "exdates": exdates}
    if end is not None:
        data["end"] = end
    with tempfile.TemporaryDirectory() as root:
        village = Path(root) / "dorp"
        (village / "events").mkdir(parents=True)
        (village / "site.yaml").write_text(_RULE_SITE.format(zone=zone), "utf-8")
        (village / "events" / "activiteit.md").write_text(
            "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nTekst.\n", "utf-8")
        content = load_village(Path(root), "dorp")
    # The documented path: a refused rule (or date) is a problem naming file and field,
    # never the catch-all "could not be processed" of an exception inside the reader;
    # a refused file is left out whole: no event, and every problem is an error, not a note.
    if content.problems:
        assert content.events == []
        for problem in content.problems:
            assert problem.path == "dorp/events/activiteit.md"
            assert problem.field and problem.message
            assert not problem.template.startswith("could not be processed"), str(problem)
            assert not is_note(problem)
        fields = sorted({problem.field for problem in content.problems})
        statistic("refused by the reader: " + ", ".join(fields))
        return
    # An accepted file is exactly one event.
    [event] = content.events
    tz = ZoneInfo(zone)
    if isinstance(now, int):
        first = event.start if isinstance(event.start, datetime) else datetime.combine(
            event.start, datetime.min.time(), tzinfo=tz)
        moment = min(max(first + timedelta(days=now), datetime(1900, 1, 2, tzinfo=UTC)),
                     datetime(2200, 12, 30, tzinfo=UTC))
    else:
        moment = now.replace(tzinfo=UTC)
    occurrences = expand_occurrences(event, tz, moment, horizon_days=horizon, limit=limit)
    has_ended(event, tz, moment)
    assert len(occurrences) <= limit
    statistic("accepted, " + ("recurring" if event.recurrence else "one-off") + ", "
              + ("some" if occurrences else "no") + " occurrences in the window")
    window_end = moment.astimezone(tz).date() + timedelta(days=horizon + 1)
    days = [occ.day for occ in occurrences]
    assert days == sorted(days)
    for occ in occurrences:
        assert occ.event is event
        assert occ.day <= window_end
        assert (occ.end or occ.start) >= (moment.astimezone(tz).date() if occ.all_day
                                          else moment - timedelta(days=1))


@pytest.mark.parametrize("rule", [
    "FREQ=DAILY;BYSETPOS=2", "FREQ=DAILY;BYHOUR=10,11;BYSETPOS=3,-3",
    "FREQ=WEEKLY;BYSETPOS=2", "FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=3",
])
def test_a_set_position_that_never_fits_is_refused_without_searching(rule, monkeypatch):
    # Found with the property test above: a BYSETPOS that never matches made dateutil
    # search up to the year 9999 before check_rule could say NO_DATES (about 6 s for one
    # event in every build and every save in the CMS). Now it is refused before dateutil
    # is asked at all.
    searched = []
    real = recurrence.rrulestr
    monkeypatch.setattr(recurrence, "rrulestr",
                        lambda text, **kw: searched.append(text) or real(text, **kw))
    check = check_rule(rule, datetime(2026, 6, 1, 10), AMS)
    assert check.problem is RuleProblem.NO_DATES
    assert not [text for text in searched if "BYSETPOS" in text]


@pytest.mark.parametrize("rule", [
    "FREQ=DAILY;BYSETPOS=1", "FREQ=DAILY;BYHOUR=10,11;BYSETPOS=-2",
    "FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=2", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1",
])
def test_a_set_position_that_fits_is_accepted(rule):
    assert check_rule(rule, datetime(2026, 6, 1, 10), AMS).problem is None


@pytest.mark.parametrize("hour", [0, 19])
def test_the_horizon_ends_with_its_last_whole_day_whatever_the_hour(hour):
    # The dates listed change at midnight only (`resolve.settled_until` relies on it).
    event = Event(slug="avondwandeling", title="Avondwandeling", start=at(2020, 1, 1, 20),
                  recurrence="FREQ=DAILY")
    occs = expand_occurrences(event, AMS, at(2026, 10, 1, hour, 30), horizon_days=30)
    assert (occs[0].start, occs[-1].start) == (at(2026, 10, 1, 20), at(2026, 10, 31, 20))
