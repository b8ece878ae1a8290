"""Dates and times as Dutch and Flemish volunteers type them, read without guessing.

``17-12-2026``, ``17/12/2026``, ``17.12.2026``, ``2026-12-17``, ``17 december 2026``,
``vr 17 dec. 2026`` and ``vrijdag 17 december 2026`` are all the 17th of December 2026;
``14:00``, ``14.00``, ``14u``, ``14u30``, ``14h30`` and ``14:00 uur`` are all two o'clock.
Anything else is refused with a `DateTextError` saying what to write instead; nothing is
ever replaced by today. A weekday is not needed, but one that does not fit the date is
refused rather than ignored: one of the two is a typing error and we cannot tell which.
A year the portal does not build is refused too (`check_year`: the build reader's years,
1900 to 2200), so no save, not even a draft, holds a date that cannot be published.

Plain functions on strings, used by the admin's date and time fields (cms.core.forms) and
by the cancelled dates of the agenda (cms.agenda.recurrence).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django.utils.translation import gettext as _

from sitegen.content import FIRST_YEAR, LAST_YEAR

__all__ = [
    "DATE_EXAMPLE",
    "DATETIME_EXAMPLE",
    "MONTH_NAMES",
    "TIME_EXAMPLE",
    "WEEKDAY_NAMES",
    "DateTextError",
    "check_year",
    "format_date",
    "format_date_long",
    "format_time",
    "parse_date",
    "parse_date_or_datetime",
    "parse_datetime",
    "parse_time",
]

DATE_EXAMPLE = "17-12-2026"
TIME_EXAMPLE = "14:00"
DATETIME_EXAMPLE = "17-12-2026 14:00"

MONTH_NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december")
WEEKDAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
                 "zondag")

# Month names and the abbreviations people use (Dutch, and the English ones that differ
# only a little, as calendars and phones print them).
_MONTHS: dict[str, int] = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
_MONTHS.update({
    "jan": 1, "feb": 2, "febr": 2, "mrt": 3, "maa": 3, "mar": 3, "apr": 4, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
    "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
})
_WEEKDAYS: dict[str, int] = {name: number for number, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAYS.update({
    "ma": 0, "maa": 0, "di": 1, "din": 1, "wo": 2, "woe": 2, "do": 3, "don": 3, "vr": 4,
    "vrij": 4, "za": 5, "zat": 5, "zo": 6, "zon": 6,
})

_SEPARATOR = r"[-/.]"
_NUMERIC_DMY_RE = re.compile(rf"^(\d{{1,2}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d{{4}}|\d{{2}})$")
_NUMERIC_YMD_RE = re.compile(rf"^(\d{{4}}){_SEPARATOR}(\d{{1,2}}){_SEPARATOR}(\d{{1,2}})$")
_WORDS_RE = re.compile(
    r"^(?:(?P<weekday>[a-z]+)\.?,?\s+)?(?P<day>\d{1,2})(?:e|ste|de)?\s+"
    r"(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})$")
_WORDS_NO_YEAR_RE = re.compile(
    r"^(?:[a-z]+\.?,?\s+)?\d{1,2}(?:e|ste|de)?\s+[a-z]+\.?$")
_TIME_RE = re.compile(
    r"^(?P<hour>\d{1,2})(?:(?:[:.]|\s*[uh]\s*)(?P<minute>\d{1,2}))?\s*(?P<suffix>u|h|uur)?$")


class DateTextError(ValueError):
    """Text that is not a date or time we can read with certainty; the message (Dutch) says
    what is wrong and how to write it."""


def _clean(text: str) -> str:
    return " ".join(str(text).strip().lower().split())


def check_year(year: int, shown: str) -> None:
    """Refuse a year the portal does not build, with a Dutch message that shows `shown`
    (the text as typed) and the years allowed.

    The build's reader refuses them too (sitegen.content), but only when a page is
    published; refused here, a draft never holds a date that cannot be published.
    """
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateTextError(
            _("‘%(value)s’ valt buiten de jaren die het portaal kent: kies een jaar van "
              "%(first)s tot en met %(last)s.")
            % {"value": shown, "first": FIRST_YEAR, "last": LAST_YEAR})


def _build_date(year: int, month: int, day: int, text: str) -> date:
    check_year(year, text)  # first: year 0 is no date at all, and not a month's fault
    try:
        return date(year, month, day)
    except ValueError:
        if 1 <= month <= 12:
            raise DateTextError(
                _("‘%(value)s’ bestaat niet: die maand heeft geen %(day)s dagen.")
                % {"value": text, "day": day}) from None
        raise DateTextError(
            _("‘%(value)s’ is geen datum: een maand loopt van 1 tot 12.") % {"value": text}
        ) from None


def _full_year(digits: str) -> int:
    # Two digits are this century's: "17-12-26" is typed for an event, not a birthday.
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def parse_date(text: str) -> date:
    """The date `text` means, written in any of the ways in the module's docstring.

    Raises `DateTextError` with a Dutch message for anything else, for a day that does
    not exist (31-02-2026), for a year outside 1900-2200 and for a weekday that does not
    fit the date.
    """
    cleaned = _clean(text)
    if not cleaned:
        raise DateTextError(_("Vul een datum in, zoals %(example)s.")
                            % {"example": DATE_EXAMPLE})
    if match := _NUMERIC_YMD_RE.match(cleaned):
        year, month, day = match.groups()
        return _build_date(int(year), int(month), int(day), text.strip())
    if match := _NUMERIC_DMY_RE.match(cleaned):
        day, month, year = match.groups()
        return _build_date(_full_year(year), int(month), int(day), text.strip())
    if match := _WORDS_RE.match(cleaned):
        month = _MONTHS.get(match["month"])
        if month is None:
            raise DateTextError(
                _("‘%(month)s’ is geen maand die we kennen. Schrijf de maand voluit, zoals "
                  "17 december 2026.") % {"month": match["month"]})
        found = _build_date(int(match["year"]), month, int(match["day"]), text.strip())
        if match["weekday"]:
            _check_weekday(match["weekday"], found)
        return found
    if _WORDS_NO_YEAR_RE.match(cleaned):
        raise DateTextError(_("Zet het jaar erbij, zoals 17 december 2026."))
    raise DateTextError(
        _("‘%(value)s’ is geen datum die we kunnen lezen. Schrijf hem zoals %(example)s of "
          "17 december 2026.") % {"value": text.strip(), "example": DATE_EXAMPLE})


def _check_weekday(word: str, found: date) -> None:
    weekday = _WEEKDAYS.get(word)
    if weekday is None:
        raise DateTextError(
            _("‘%(word)s’ is geen dag van de week. Schrijf bijvoorbeeld vrijdag 17 december "
              "2026, of laat de dag weg.") % {"word": word})
    if weekday != found.weekday():
        raise DateTextError(
            _("%(date)s is een %(actual)s, geen %(typed)s. Kijk na welke van de twee klopt.")
            % {"date": format_date_long(found, weekday=False),
               "actual": WEEKDAY_NAMES[found.weekday()], "typed": WEEKDAY_NAMES[weekday]})


def parse_time(text: str) -> time:
    """The time of day `text` means: ``14:00``, ``14.00``, ``9:05``, ``14u``, ``14u30``,
    ``14h30``, ``14 uur``, ``14:00 uur``. Minutes take two digits (``9:5`` is refused:
    9:05 or 9:50?). Raises `DateTextError` with a Dutch message."""
    cleaned = _clean(text)
    if not cleaned:
        raise DateTextError(_("Vul een tijd in, zoals %(example)s.")
                            % {"example": TIME_EXAMPLE})
    match = _TIME_RE.match(cleaned)
    # A bare number ("14") could be anything; with "uur", "u" or "h" it is an hour.
    if not match or (match["minute"] is None and not match["suffix"]):
        raise DateTextError(
            _("‘%(value)s’ is geen tijd die we kunnen lezen. Schrijf hem zoals %(example)s "
              "of 14u30.") % {"value": text.strip(), "example": TIME_EXAMPLE})
    minute = match["minute"] or "00"
    if len(minute) != 2:
        raise DateTextError(
            _("Schrijf de minuten met twee cijfers: %(hour)s:0%(minute)s of %(hour)s:"
              "%(minute)s0, niet ‘%(value)s’.")
            % {"hour": int(match["hour"]), "minute": minute, "value": text.strip()})
    hour, minutes = int(match["hour"]), int(minute)
    if hour > 23 or minutes > 59:
        raise DateTextError(
            _("‘%(value)s’ bestaat niet: een tijd loopt van 00:00 tot 23:59.")
            % {"value": text.strip()})
    return time(hour, minutes)


_TIME_AT_END_RE = re.compile(
    r"(?:t|,?\s+(?:om\s+)?|,\s*)"
    r"(?P<time>\d{1,2}(?:(?:[:.]|\s*[uh]\s*)\d{1,2})?\s*(?:u|h|uur)?)$")


def parse_datetime(text: str) -> datetime:
    """A date with a time of day, naive (local wall time): ``17-12-2026 14:00``,
    ``2026-12-17T14:00``, ``vrijdag 17 december 2026 om 14u30``. Raises `DateTextError`."""
    cleaned = _clean(text)
    match = _TIME_AT_END_RE.search(cleaned)
    if not match:
        parse_date(text)  # a date alone says what is missing; anything else, why not
        raise DateTextError(_("Zet de tijd achter de datum, zoals %(example)s.")
                            % {"example": DATETIME_EXAMPLE})
    return datetime.combine(parse_date(cleaned[:match.start()]), parse_time(match["time"]))


def parse_date_or_datetime(text: str) -> date | datetime:
    """A date, or a date with a time when one is written after it (a cancelled date of a
    recurring event may be either). Raises `DateTextError` about the part that is wrong."""
    if _TIME_AT_END_RE.search(_clean(text)):
        return parse_datetime(text)
    return parse_date(text)


def format_date(value: date) -> str:
    """A date the way the admin shows it and most people type it: ``17-12-2026``."""
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}"


def format_date_long(value: date, weekday: bool = True) -> str:
    """A date in words: ``vrijdag 17 december 2026`` (or without the weekday)."""
    text = f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    return f"{WEEKDAY_NAMES[value.weekday()]} {text}" if weekday else text


def format_time(value: time) -> str:
    """A time of day as ``14:00``."""
    return f"{value.hour:02d}:{value.minute:02d}"
