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
from cms.core.forms import DutchDateField, DutchDateTimeField, DutchTimeField
from sitegen.content import FIRST_YEAR, LAST_YEAR

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

# The years the portal builds (sitegen.content's reader): inside them every spelling reads,
# outside them every spelling is refused, in both directions.
dates = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31))
far_dates = (st.dates(min_value=date(1, 1, 1), max_value=date(FIRST_YEAR - 1, 12, 31))
             | st.dates(min_value=date(LAST_YEAR + 1, 1, 1), max_value=date(9999, 12, 31)))
YEARS_MESSAGE = (f"valt buiten de jaren die het portaal kent: kies een jaar van {FIRST_YEAR} "
                 f"tot en met {LAST_YEAR}")
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
    wrong = date.fromordinal(value.toordinal() + shift)
    if wrong.weekday() == value.weekday():
        return
    typed = format_date_long(wrong).split(" ")[0] + " " + format_date_long(value, weekday=False)
    with pytest.raises(DateTextError, match="geen"):
        parse_date(typed)


@given(far_dates, st.sampled_from(["-", "/", "."]), st.booleans())
def test_dates_outside_the_years_are_refused_however_they_are_written(value, separator,
                                                                      weekday):
    for typed in (f"{value.day}{separator}{value.month}{separator}{value.year:04d}",
                  format_date(value), value.isoformat(),
                  f"{format_date_long(value, weekday).rsplit(' ', 1)[0]} {value.year:04d}"):
        for parse, text in ((parse_date, typed), (parse_date_or_datetime, typed),
                            (parse_datetime, f"{typed} 14:00")):
            with pytest.raises(DateTextError, match=YEARS_MESSAGE) as refusal:
                parse(text)
            assert f"‘{typed}’" in str(refusal.value)  # says which date, as typed


@pytest.mark.parametrize(("typed", "expected"), [
    ("01-01-1900", date(1900, 1, 1)), ("31-12-2200", date(2200, 12, 31)),
    ("1 januari 1900", date(1900, 1, 1)), ("2200-12-31", date(2200, 12, 31)),
])
def test_the_first_and_the_last_year_read(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["31-12-1899", "01-01-2201", "00-00-0000", "0000-01-01",
                                   "31 februari 2300"])
def test_the_year_is_what_is_wrong_just_outside_the_years(typed):
    with pytest.raises(DateTextError, match=YEARS_MESSAGE):
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


@pytest.mark.parametrize(("field", "typed"), [
    (DutchDateField(label="datum"), "01-01-0001"),
    (DutchDateField(label="tot en met"), "17 december 2300"),
    (DutchDateTimeField(label="publiceren op"), "17-12-2300 14:00"),
])
def test_a_field_refuses_a_year_outside_the_years_by_name_and_keeps_the_text(field, typed):
    label = field.label[0].upper() + field.label[1:]
    day = typed.removesuffix(" 14:00")
    with pytest.raises(Exception, match=f"^.*{label}: ‘{day}’ {YEARS_MESSAGE}"):
        field.clean(typed)
    assert field.widget.format_value(typed) == typed
