"""Dates and times as volunteers type them (cms.core.dutchdates), and the admin fields
that read them: every spelling people use, a clear refusal for the rest, never today."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cms.core.dutchdates import (
    MONTH_NAMES,
    DateTextError,
    format_date,
    format_date_long,
    format_time,
    parse_date,
    parse_date_or_datetime,
    parse_datetime,
    parse_time,
)
from cms.core.forms import DutchDateField, DutchTimeField

DEC_17 = date(2026, 12, 17)  # a Thursday


@pytest.mark.parametrize("typed", [
    "17-12-2026", "17/12/2026", "17.12.2026", "2026-12-17", "17-12-26", "17 december 2026",
    "17 dec 2026", "17 dec. 2026", "17 December 2026", "  17  december   2026 ",
    "donderdag 17 december 2026", "Donderdag, 17 december 2026", "do 17 dec 2026",
    "17e december 2026", "2026/12/17",
])
def test_dates_as_people_type_them(typed):
    assert parse_date(typed) == DEC_17


@pytest.mark.parametrize(("typed", "message"), [
    ("vrijdag 17 december 2026", "17 december 2026 is een donderdag, geen vrijdag"),
    ("31-02-2026", "bestaat niet"),
    ("17-13-2026", "een maand loopt van 1 tot 12"),
    ("17 decembre 2026", "‘decembre’ is geen maand"),
    ("17 december", "Zet het jaar erbij"),
    ("volgende week", "‘volgende week’ is geen datum die we kunnen lezen"),
    ("12/17/2026", "een maand loopt van 1 tot 12"),  # American order is refused, not guessed
    ("", "Vul een datum in"),
])
def test_other_dates_are_refused_with_a_dutch_message(typed, message):
    with pytest.raises(DateTextError, match=message):
        parse_date(typed)


@pytest.mark.parametrize(("typed", "expected"), [
    ("14:00", time(14)), ("14.00", time(14)), ("14u", time(14)), ("14u30", time(14, 30)),
    ("14 u 30", time(14, 30)), ("14h30", time(14, 30)), ("14:00 uur", time(14)),
    ("14 uur", time(14)), ("9:05", time(9, 5)), ("09.05", time(9, 5)), ("0:00", time(0)),
    ("23:59", time(23, 59)),
])
def test_times_as_people_type_them(typed, expected):
    assert parse_time(typed) == expected


@pytest.mark.parametrize(("typed", "message"), [
    ("9:5", "Schrijf de minuten met twee cijfers: 9:05 of 9:50"),
    ("24:00", "een tijd loopt van 00:00 tot 23:59"),
    ("14:60", "een tijd loopt van 00:00 tot 23:59"),
    ("14", "‘14’ is geen tijd"),  # 14 what? Only with u, h or uur it is an hour
    ("kwart over twee", "geen tijd die we kunnen lezen"),
    ("2 pm", "geen tijd die we kunnen lezen"),
])
def test_other_times_are_refused(typed, message):
    with pytest.raises(DateTextError, match=message):
        parse_time(typed)


@pytest.mark.parametrize(("typed", "expected"), [
    ("17-12-2026 14:00", datetime(2026, 12, 17, 14)),
    ("2026-12-17T14:00", datetime(2026, 12, 17, 14)),
    ("donderdag 17 december 2026 om 14u30", datetime(2026, 12, 17, 14, 30)),
    ("17 oktober 2026, 9:30", datetime(2026, 10, 17, 9, 30)),
])
def test_date_times(typed, expected):
    assert parse_datetime(typed) == expected
    assert parse_date_or_datetime(typed) == expected


def test_a_date_time_needs_its_time():
    with pytest.raises(DateTextError, match="Zet de tijd achter de datum"):
        parse_datetime("17 december 2026")
    assert parse_date_or_datetime("17 december 2026") == DEC_17


# --------------------------------------------------------------------------- properties

dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))
times = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@given(dates, st.sampled_from(["-", "/", "."]))
def test_numeric_dutch_dates_read_back(value, separator):
    typed = f"{value.day}{separator}{value.month}{separator}{value.year:04d}"
    assert parse_date(typed) == value
    assert parse_date(format_date(value)) == value
    assert parse_date(value.isoformat()) == value


@given(dates, st.booleans(), st.booleans())
def test_dates_in_words_read_back(value, weekday, short_month):
    typed = format_date_long(value, weekday=weekday)
    if short_month:
        typed = typed.replace(MONTH_NAMES[value.month - 1], MONTH_NAMES[value.month - 1][:3])
    assert parse_date(typed) == value
    assert parse_date(typed.upper()) == value


@given(dates, st.integers(min_value=1, max_value=6))
def test_a_weekday_that_does_not_fit_is_refused(value, shift):
    wrong = date.fromordinal(value.toordinal() + shift) if value.year < 9999 else value
    if wrong.weekday() == value.weekday():
        return
    typed = format_date_long(wrong).split(" ")[0] + " " + format_date_long(value, weekday=False)
    with pytest.raises(DateTextError, match="geen"):
        parse_date(typed)


@given(times, st.sampled_from(["{h}:{m:02d}", "{h:02d}.{m:02d}", "{h}u{m:02d}",
                               "{h}:{m:02d} uur", "{h}h{m:02d}"]))
def test_times_read_back(value, pattern):
    assert parse_time(pattern.format(h=value.hour, m=value.minute)) == value
    assert parse_time(format_time(value)) == value


@given(dates, times)
def test_date_times_read_back(day, clock):
    assert parse_datetime(f"{format_date(day)} {format_time(clock)}") == datetime.combine(
        day, clock)


@given(st.text(max_size=30))
def test_any_text_is_read_or_refused_with_a_message(text):
    for parse in (parse_date, parse_time, parse_datetime):
        try:
            parse(text)
        except DateTextError as problem:
            assert str(problem)


# --------------------------------------------------------------------------- form fields


def test_the_field_names_itself_in_its_message_and_keeps_the_text():
    field = DutchDateField(label="datum")
    with pytest.raises(Exception, match="^.*Datum: ‘morgen’ is geen datum.*17-12-2026"):
        field.clean("morgen")
    assert field.clean("17 december 2026") == DEC_17
    assert field.widget.format_value("morgen") == "morgen"  # shown again as typed
    assert field.widget.format_value(DEC_17) == "17-12-2026"


def test_the_pickers_no_longer_replace_typed_text():
    for field in (DutchDateField(), DutchTimeField()):
        assert field.widget.get_config()["validateOnBlur"] is False
    assert DutchDateField().widget.get_config()["format"] == "d-m-Y"
    assert DutchTimeField(label="begintijd").clean("14u30") == time(14, 30)
