"""Dates of the agenda: expanding recurring events into occurrences, and Dutch date text.

Everything here is a pure function of validated `Event` values (see `sitegen.model`): no
Pelican, no I/O. Recurrence rules are expanded in the village's *local wall time*, as the
content format promises ("10:00 stays 10:00 across daylight-saving changes"): the rule is
run on naive local datetimes with `dateutil.rrule` and the zone is attached afterwards.

Expansion is bounded whatever an organisation writes in its rule: results stop at the
horizon and at `limit`, rules without an end are fast-forwarded to the window instead of
being replayed from their first date, and no more than `MAX_SCAN` rule dates are looked at.

Date text is hard-coded Dutch, so the build never depends on the machine's locales.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from .model import Event, Occurrence

__all__ = [
    "MAX_SCAN",
    "expand_occurrences",
    "format_date_range",
    "format_day",
    "format_time",
    "format_when",
    "group_by_day",
    "has_ended",
    "local_until",
    "rule_parts",
    "upcoming",
]

# Upper bound on rule dates looked at for one event, however the rule is written.
MAX_SCAN = 100_000

DAY_NAMES = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
DAY_ABBREVIATIONS = ("ma", "di", "wo", "do", "vr", "za", "zo")
MONTH_NAMES = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

# How far one step of a rule moves, for the frequencies whose periods are fixed lengths of
# wall-clock time. Monthly and yearly rules have few periods, so they need no skipping.
_PERIOD = {
    "WEEKLY": timedelta(weeks=1),
    "DAILY": timedelta(days=1),
    "HOURLY": timedelta(hours=1),
    "MINUTELY": timedelta(minutes=1),
    "SECONDLY": timedelta(seconds=1),
}

# Rule parts that restrict which days match and can, combined, match no day at all
# (e.g. BYMONTH=2;BYMONTHDAY=30). dateutil then searches until the year 9999.
_DAY_FILTERS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYEASTER", "BYDAY")
_RISKY_DAY_FILTERS = ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYEASTER")


# --------------------------------------------------------------------------- rules


def rule_parts(recurrence: str) -> dict[str, str]:
    """Split an RRULE value (``FREQ=WEEKLY;BYDAY=TU``) into upper-case name/value pairs.

    A leading ``RRULE:`` is tolerated. Order is kept, so the rule can be written back.
    """
    text = recurrence.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    parts: dict[str, str] = {}
    for piece in text.split(";"):
        if "=" in piece:
            name, _, value = piece.partition("=")
            parts[name.strip().upper()] = value.strip().upper()
    return parts


def local_until(value: str, tz: ZoneInfo) -> datetime:
    """The last moment a rule's UNTIL allows, as a naive datetime in local wall time.

    ``20270630`` (a date) means the whole of that day, so a 10:00 occurrence on 30 June
    still happens; ``20270630T215959Z`` is UTC and converted to local time; a date-time
    without ``Z`` is taken as local time already. Dashes and colons are accepted too.
    """
    text = value.strip().upper().replace("-", "").replace(":", "")
    if "T" not in text:
        return datetime.combine(datetime.strptime(text[:8], "%Y%m%d").date(), time(23, 59, 59))
    is_utc = text.endswith("Z")
    moment = datetime.strptime(text.rstrip("Z")[:15], "%Y%m%dT%H%M%S")
    if is_utc:
        return moment.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)
    return moment


def _to_local_naive(value: datetime | date, tz: ZoneInfo) -> datetime:
    """Local wall time of a datetime (naive ones are taken as local), midnight for a date."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value
        return value.astimezone(tz).replace(tzinfo=None)
    return datetime.combine(value, time())


def _attach(wall: datetime, tz: ZoneInfo) -> datetime:
    """Give a local wall time its zone.

    A time that does not exist (02:30 on the night clocks go forward) is moved to the real
    instant it names (03:30 summer time) by a round trip through UTC; an ambiguous one
    (02:30 on the night clocks go back) gets the first, summer-time, reading.
    """
    return wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


@dataclass(frozen=True)
class _Plan:
    """An event in local wall time: what the rule is applied to."""

    start: datetime  # naive local; midnight of the first day for all-day events
    duration: timedelta  # wall-clock length; for all-day events: whole days first -> last
    parts: dict[str, str]  # the rule, empty when the event does not recur
    ex_days: frozenset[date]
    ex_times: frozenset[datetime]  # naive local


def _plan(event: Event, tz: ZoneInfo) -> _Plan:
    start = _to_local_naive(event.start, tz)
    if event.end is None:
        duration = timedelta(0)
    else:
        duration = max(_to_local_naive(event.end, tz) - start, timedelta(0))
    ex_days: set[date] = set()
    ex_times: set[datetime] = set()
    for ex in event.exdates:
        local = _to_local_naive(ex, tz)
        # A bare date cancels the whole day, also for a timed event; for an all-day event
        # any date-time cancels the day it falls on.
        if event.all_day or not isinstance(ex, datetime):
            ex_days.add(local.date())
        else:
            ex_times.add(local)
    return _Plan(
        start=start,
        duration=duration,
        parts=rule_parts(event.recurrence) if event.recurrence else {},
        ex_days=frozenset(ex_days),
        ex_times=frozenset(ex_times),
    )


def _build_rule(plan: _Plan, tz: ZoneInfo, search_from: datetime) -> rrule:
    """The event's rule on naive local datetimes, with UNTIL normalised to local time.

    dateutil refuses a rule whose UNTIL and DTSTART differ in having a zone; since the rule
    runs on naive wall times, UNTIL is always made naive local as well.
    """
    parts = dict(plan.parts)
    until = parts.pop("UNTIL", None)
    dtstart = plan.start
    period = _PERIOD.get(parts.get("FREQ", ""))
    if period is not None and "COUNT" not in parts and search_from > dtstart:
        # Skip whole intervals that lie before the window: the rule yields the same dates
        # from there on (weekday, time of day and week alignment are unchanged), but a daily
        # or hourly rule from years ago is no longer replayed date by date.
        step = period * max(int(parts.get("INTERVAL") or 1), 1)
        dtstart += step * ((search_from - dtstart) // step)
    text = ";".join(f"{name}={value}" for name, value in parts.items())
    if until:
        text += ";UNTIL=" + local_until(until, tz).strftime("%Y%m%dT%H%M%S")
    return rrulestr(text, dtstart=dtstart)


def _first_matching_day(parts: dict[str, str], from_day: date) -> date | None:
    """First day on or after `from_day` that the rule's day filters allow, if any ever.

    The filters are applied as a yearly rule (ordinals like ``1MO`` reduced to the plain
    weekday), which matches every day the real rule can match and a few more. That is cheap
    even for filters no day satisfies, where the real daily rule would crawl to 9999.
    """
    filters = {name: parts[name] for name in _DAY_FILTERS if name in parts}
    if "BYDAY" in filters:
        filters["BYDAY"] = ",".join(d.lstrip("+-0123456789") for d in filters["BYDAY"].split(","))
    text = "FREQ=YEARLY;" + ";".join(f"{name}={value}" for name, value in filters.items())
    probe = rrulestr(text, dtstart=datetime.combine(from_day, time()))
    first = next(iter(probe), None)
    return first.date() if first is not None else None


def _starts(
    plan: _Plan, tz: ZoneInfo, search_from: datetime, search_to: datetime | None
) -> Iterator[datetime]:
    """Naive local start times of the event in [search_from, search_to], in order."""
    if not plan.parts:
        if plan.start >= search_from and (search_to is None or plan.start <= search_to):
            yield plan.start
        return
    if any(name in plan.parts for name in _RISKY_DAY_FILTERS):
        first_day = _first_matching_day(plan.parts, search_from.date())
        if first_day is None or (search_to is not None and first_day > search_to.date()):
            return
    rule = _build_rule(plan, tz, search_from)
    # Walk the rule directly with a guard instead of `between`, which has no limit on how
    # many dates it looks at before the window starts.
    for candidate in itertools.islice(rule, MAX_SCAN):
        if search_to is not None and candidate > search_to:
            return
        if candidate >= search_from:
            yield candidate


def _occurrence(event: Event, plan: _Plan, start: datetime, tz: ZoneInfo) -> Occurrence:
    if event.all_day:
        first = start.date()
        last = (start + plan.duration).date() if event.end is not None else None
        return Occurrence(event=event, start=first, end=last, all_day=True)
    end = _attach(start + plan.duration, tz) if event.end is not None else None
    return Occurrence(event=event, start=_attach(start, tz), end=end, all_day=False)


def _cancelled(plan: _Plan, start: datetime) -> bool:
    return start.date() in plan.ex_days or start in plan.ex_times


def _not_over(occ: Occurrence, now: datetime, today: date) -> bool:
    """Whether an occurrence is still to come or still running at `now`.

    An all-day occurrence counts until its last day is over. A timed one counts until its
    end; without an end, until it starts.
    """
    if occ.all_day:
        return (occ.end or occ.start) >= today
    if occ.end is None:
        return occ.start >= now
    return occ.end > now


def expand_occurrences(
    event: Event, tz: ZoneInfo, now: datetime, horizon_days: int = 366, limit: int = 1000
) -> list[Occurrence]:
    """Occurrences of `event` that are not over at `now` and start by the end of the day
    `horizon_days` after today (whole days, so the list changes at midnight as days pass
    and never at another moment: `sitegen.resolve.settled_until` relies on it).

    `now` must be timezone-aware. Occurrences already running at `now` are kept. A recurring
    event is expanded in local wall time, so a weekly 10:00 event stays at 10:00 after the
    daylight-saving change, each occurrence keeping the event's wall-clock length. Exdates
    are left out; an exdate given as a date cancels that day. A multi-day event gives one
    occurrence spanning its days. A non-recurring event gives at most one occurrence (also
    bound by the horizon). Never returns more than `limit` items.
    """
    if limit <= 0:
        return []
    now_local = now.astimezone(tz)
    today = now_local.date()
    plan = _plan(event, tz)
    search_to = datetime.combine(today + timedelta(days=horizon_days + 1), time())
    if event.all_day:
        search_from = datetime.combine(today, time()) - plan.duration
    else:
        # One hour of slack for wall-clock lengths measured across a DST change; the exact
        # test below decides.
        search_from = now_local.replace(tzinfo=None) - plan.duration - timedelta(hours=1)
    found: list[Occurrence] = []
    for start in _starts(plan, tz, search_from, search_to):
        if _cancelled(plan, start):
            continue
        occ = _occurrence(event, plan, start, tz)
        if not _not_over(occ, now, today):
            continue
        found.append(occ)
        if len(found) >= limit:
            break
    return found


def has_ended(event: Event, tz: ZoneInfo, before: datetime) -> bool:
    """True when no occurrence of `event` is still to come or running at `before` (aware).

    Unlike `expand_occurrences` this has no horizon: a yearly event whose next date is two
    years away has not ended. When that cannot be decided cheaply (a rule with a COUNT
    larger than `MAX_SCAN`) the event is taken as not ended.
    """
    plan = _plan(event, tz)
    if plan.parts and "UNTIL" not in plan.parts:
        count = plan.parts.get("COUNT")
        if count is None or not count.isdigit() or int(count) > MAX_SCAN:
            return False
    before_local = before.astimezone(tz)
    today = before_local.date()
    if event.all_day:
        search_from = datetime.combine(today, time()) - plan.duration
    else:
        search_from = before_local.replace(tzinfo=None) - plan.duration - timedelta(hours=1)
    for start in _starts(plan, tz, search_from, None):
        if not _cancelled(plan, start) and _not_over(
            _occurrence(event, plan, start, tz), before, today
        ):
            return False
    return True


# --------------------------------------------------------------------------- ordering


def _sort_key(occ: Occurrence) -> tuple[date, time, int, str, str]:
    # All-day occurrences sort at the start of their day, before timed ones; wall time is
    # comparable because every occurrence of one village is in that village's zone.
    wall = time.min if not isinstance(occ.start, datetime) else occ.start.time()
    return (occ.day, wall, 0 if occ.all_day else 1, occ.event.title.casefold(), occ.event.slug)


def upcoming(occurrences_by_event: Iterable[list[Occurrence]]) -> list[Occurrence]:
    """All occurrences of several events in one chronological list.

    All-day occurrences come first on their day; ties are broken by title, then slug, so
    the order is the same on every build.
    """
    return sorted(itertools.chain.from_iterable(occurrences_by_event), key=_sort_key)


def group_by_day(
    occurrences: Iterable[Occurrence], today: date | None = None
) -> list[tuple[date, list[Occurrence]]]:
    """Occurrences grouped per day, for the agenda listing, days in order.

    A multi-day occurrence is listed once, on its first day; when `today` is given and the
    occurrence started earlier (it is still running), it is listed on `today` instead, so
    it never hangs under a day that has passed.
    """
    days: dict[date, list[Occurrence]] = {}
    for occ in sorted(occurrences, key=_sort_key):
        day = occ.day if today is None else max(occ.day, today)
        days.setdefault(day, []).append(occ)
    return sorted(days.items(), key=lambda item: item[0])


# --------------------------------------------------------------------------- Dutch text


def format_day(d: date, weekday: bool = True) -> str:
    """A day in full Dutch: ``dinsdag 3 november 2026`` (``3 november 2026`` without weekday).

    A datetime gives the day it falls on in its own zone.
    """
    text = f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
    return f"{DAY_NAMES[d.weekday()]} {text}" if weekday else text


def _short_day(d: date, *, month: bool = True, year: bool = True) -> str:
    text = f"{DAY_ABBREVIATIONS[d.weekday()]} {d.day}"
    if month:
        text += f" {MONTH_NAMES[d.month - 1]}"
    if year:
        text += f" {d.year}"
    return text


def format_time(dt: datetime | time) -> str:
    """A time of day, 24-hour clock: ``10:00``."""
    return f"{dt.hour:02d}:{dt.minute:02d}"


def format_date_range(first: date, last: date) -> str:
    """Two days as ``za 5 t/m zo 6 december 2026``, repeating month and year only as needed."""
    if first == last:
        return format_day(first)
    same_year = first.year == last.year
    same_month = same_year and first.month == last.month
    start = _short_day(first, month=not same_month, year=not same_year)
    return f"{start} t/m {_short_day(last)}"


def format_when(occ: Occurrence) -> str:
    """When an occurrence takes place, in readable Dutch.

    ``dinsdag 3 november 2026, 10:00–12:00``; ``dinsdag 3 november 2026, 10:00`` without an
    end; ``zaterdag 5 december 2026 (hele dag)``; ``za 5 t/m zo 6 december 2026 (hele dag)``;
    ``vr 4 december 2026, 18:00 t/m zo 6 december 2026, 16:00`` for timed multi-day events.
    An evening ending after midnight (``22:00–01:00``) stays on one line as one day.
    """
    if occ.all_day or not isinstance(occ.start, datetime):
        first = occ.day
        last = occ.end if isinstance(occ.end, date) and not isinstance(occ.end, datetime) else None
        if last is None or last <= first:
            return f"{format_day(first)} (hele dag)"
        return f"{format_date_range(first, last)} (hele dag)"
    start = occ.start
    end = occ.end if isinstance(occ.end, datetime) else None
    if end is None or end <= start:
        return f"{format_day(start.date())}, {format_time(start)}"
    end_day, start_day = end.date(), start.date()
    overnight = end_day == start_day + timedelta(days=1) and end.time() <= start.time()
    if end_day == start_day or overnight:
        return f"{format_day(start_day)}, {format_time(start)}–{format_time(end)}"
    return (
        f"{_short_day(start_day)}, {format_time(start)} t/m "
        f"{_short_day(end_day)}, {format_time(end)}"
    )


# --- checking a rule an editor typed -----------------------------------------------------

AGENDA_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
_RULE_CHARS_RE = re.compile(r"^[A-Z0-9=;,+-]+$")
_DAY_FILTERS = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYEASTER", "BYDAY")
_RISKY_DAY_FILTERS = ("BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYEASTER")


class RuleProblem(Enum):
    """What is wrong with a typed RRULE; the reader and the CMS each word it for their reader."""

    NOT_A_RULE = "not a rule"
    NO_FREQUENCY = "no FREQ"
    SUB_DAILY = "hourly or finer"
    BAD_FREQUENCY = "unknown FREQ"
    COUNT_AND_UNTIL = "COUNT and UNTIL"
    BAD_UNTIL = "UNTIL not a date"
    INVALID = "invalid"
    NO_DATES = "never produces a date"


# Whole numbers a rule may hold, per part: dateutil and the calendar feed break on others
# (INTERVAL=-1 loops back to year 0, 2147483648 is beyond RFC 5545's integers).
_NUMBER_LIMITS = {"INTERVAL": (1, 1000), "COUNT": (1, 10000)}


def _check_numbers(parts: dict[str, str]) -> str:
    """What is wrong with the numbers of a rule's parts, or ''."""
    for name, (low, high) in _NUMBER_LIMITS.items():
        value = parts.get(name)
        if value is not None and not (value.isdigit() and low <= int(value) <= high):
            return f"{name} must be a whole number from {low} to {high}"
    for name, value in parts.items():
        if name.startswith("BY") and name != "BYDAY":
            for number in value.split(","):
                digits = number.lstrip("+-")
                if not digits.isdigit() or int(digits) > 366:
                    return f"{name} must hold numbers from -366 to 366"
    return ""


@dataclass(frozen=True)
class RuleCheck:
    """The cleaned rule (upper case, no spaces, no 'RRULE:'), or the problem with it and
    the offending part (`detail`: the FREQ or UNTIL value, or the parser's message)."""

    rule: str
    problem: RuleProblem | None = None
    detail: str = ""


def check_rule(value: str, start: datetime | date | None = None,
               zone: ZoneInfo | None = None) -> RuleCheck:
    """Check an RRULE as the agenda uses it: daily or coarser, COUNT or UNTIL, a real UNTIL,
    and (given the event's local `start`) at least one date.

    A rule whose day filters can never match (30 February) is found cheaply first:
    dateutil would search for years before giving up, which would stall a build.
    """
    rule = re.sub(r"^RRULE:", "", value.strip().upper()).replace(" ", "")
    if not rule:
        return RuleCheck("")
    if not _RULE_CHARS_RE.match(rule):
        return RuleCheck(rule, RuleProblem.NOT_A_RULE, value)
    parts = dict(part.partition("=")[::2] for part in rule.split(";") if part)
    frequency = parts.get("FREQ")
    if not frequency:
        return RuleCheck(rule, RuleProblem.NO_FREQUENCY)
    if frequency in ("HOURLY", "MINUTELY", "SECONDLY"):
        return RuleCheck(rule, RuleProblem.SUB_DAILY, frequency)
    if frequency not in AGENDA_FREQUENCIES:
        return RuleCheck(rule, RuleProblem.BAD_FREQUENCY, frequency)
    if "COUNT" in parts and "UNTIL" in parts:
        return RuleCheck(rule, RuleProblem.COUNT_AND_UNTIL)
    until = parts.get("UNTIL")
    if until is not None and not valid_until(until):
        return RuleCheck(rule, RuleProblem.BAD_UNTIL, until)
    numbers = _check_numbers(parts)
    if numbers:
        return RuleCheck(rule, RuleProblem.INVALID, numbers)
    if start is None:
        return RuleCheck(rule)
    # Repeats are worked out in local wall-clock time; an UNTIL in UTC needs an aware start.
    local = start if isinstance(start, datetime) else datetime.combine(start, time())
    local = local.replace(tzinfo=(zone or ZoneInfo("Europe/Amsterdam"))
                          if (until or "").endswith("Z") else None)
    try:
        first = None
        if _some_day_matches(parts, local) and _set_position_fits(parts):
            first = rrulestr(f"RRULE:{rule}", dtstart=local).after(local, inc=True)
    except (ValueError, TypeError, OverflowError) as exc:
        return RuleCheck(rule, RuleProblem.INVALID, str(exc))
    if first is None:
        return RuleCheck(rule, RuleProblem.NO_DATES)
    return RuleCheck(rule)


def valid_until(value: str) -> bool:
    """UNTIL as RFC 5545 allows it: 20270630, 20270630T220000 or 20270630T220000Z.

    dateutil guesses at any date text (UNTIL=2027 becomes today's date in 2027)."""
    for form in ("%Y%m%d", "%Y%m%dT%H%M%S", "%Y%m%dT%H%M%SZ"):
        try:
            datetime.strptime(value, form)
        except ValueError:
            continue
        # strptime also takes unpadded numbers ("2027611"); the forms have fixed lengths
        return len(value) in (8, 15, 16)
    return False


def _set_position_fits(parts: dict[str, str]) -> bool:
    """Whether a BYSETPOS can pick anything from a daily or weekly rule's periods.

    BYSETPOS=n picks the n-th date of each period (a day, a week). A day holds one date per
    combination of BYHOUR, BYMINUTE and BYSECOND, a week that many on each of its BYDAY
    days, and never more. Asking for a later position than that can never match, and
    dateutil would search every period up to the year 9999 (seconds for a daily rule)
    before it gives up. Monthly and yearly periods are few enough for dateutil to search.
    """
    if "BYSETPOS" not in parts or parts.get("FREQ") not in ("DAILY", "WEEKLY"):
        return True
    size = 1
    for name in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if name in parts:
            size *= len(set(parts[name].split(",")))
    if parts["FREQ"] == "WEEKLY":
        days = {d.lstrip("+-0123456789") for d in parts.get("BYDAY", "").split(",") if d}
        size *= max(len(days), 1)
    try:
        positions = [int(position) for position in parts["BYSETPOS"].split(",")]
    except ValueError:
        return True  # dateutil says what is wrong with it
    return any(1 <= abs(position) <= size for position in positions)


def _some_day_matches(parts: dict[str, str], start: datetime) -> bool:
    """Whether the rule's day filters allow any day from `start` on, found cheaply.

    The filters are tried as a yearly rule (``1MO`` read as ``MO``), which matches every
    day the real rule can and a few more.
    """
    if not any(name in parts for name in _RISKY_DAY_FILTERS):
        return True
    filters = {name: parts[name] for name in _DAY_FILTERS if name in parts}
    if "BYDAY" in filters:
        filters["BYDAY"] = ",".join(d.lstrip("+-0123456789") for d in filters["BYDAY"].split(","))
    probe = "FREQ=YEARLY;" + ";".join(f"{name}={value}" for name, value in filters.items())
    naive = start.replace(tzinfo=None)
    return rrulestr(probe, dtstart=naive).after(naive, inc=True) is not None
