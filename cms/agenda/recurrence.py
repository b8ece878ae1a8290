"""Repeat rules for the agenda's editing form: friendly choices to RRULE text and back,
the rule checks of the content format, and the next dates of an event before it is saved.

Plain functions on plain values (no database, no request), so the page form, the live
"Volgende data" endpoint and the tests all share one meaning of "every second Tuesday".
The dates themselves come from sitegen (`sitegen.recurrence.expand_occurrences`), so the
editor sees exactly the dates the portal will show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from cms.core.dutchdates import WEEKDAY_NAMES, format_date_long, parse_date_or_datetime
from sitegen.model import Event, Occurrence
from sitegen.recurrence import RuleProblem, expand_occurrences, rule_parts
from sitegen.recurrence import check_rule as sitegen_check_rule

__all__ = [
    "END_COUNT",
    "END_NEVER",
    "END_UNTIL",
    "MAX_COUNT",
    "ORDINALS",
    "REPEAT_ADVANCED",
    "REPEAT_BIWEEKLY",
    "REPEAT_MONTHLY_DAY",
    "REPEAT_MONTHLY_WEEKDAY",
    "REPEAT_NONE",
    "REPEAT_WEEKLY",
    "WEEKDAYS",
    "RepeatChoice",
    "RuleError",
    "build_rule",
    "check_rule",
    "describe_rule",
    "event_from_values",
    "next_occurrences",
    "parse_exdate",
    "parse_rule",
    "same_rule",
]

# What a volunteer can pick; the values are what the form posts.
REPEAT_NONE = "none"
REPEAT_WEEKLY = "weekly"
REPEAT_BIWEEKLY = "biweekly"
REPEAT_MONTHLY_WEEKDAY = "monthly_weekday"
REPEAT_MONTHLY_DAY = "monthly_day"
REPEAT_ADVANCED = "advanced"

END_NEVER = "never"
END_UNTIL = "until"
END_COUNT = "count"

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ORDINALS = (1, 2, 3, 4, -1)  # first ... fourth, last
MAX_COUNT = 1000

_ORDINAL_DAY_RE = re.compile(r"^(?:\+?([1-4])|(-1))(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL_DATE_RE = re.compile(r"^\d{8}$")
_EXAMPLE = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630"


class RuleError(ValueError):
    """A choice or rule that cannot be used; `field` names the form field to blame."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class RepeatChoice:
    """What a volunteer picks in the form: how often, on which days, and until when."""

    kind: str = REPEAT_NONE
    weekdays: tuple[str, ...] = ()
    ordinal: int | None = None
    ordinal_weekday: str = ""
    monthday: int | None = None
    end: str = END_NEVER
    until: date | None = None
    count: int | None = None


# --------------------------------------------------------------------------- choices -> rule


def build_rule(choice: RepeatChoice) -> str:
    """The RRULE text for a friendly choice, '' for "Niet herhalen".

    Raises `RuleError` naming the field that is missing or wrong. "Geavanceerd" has no
    friendly parts to build from and is refused too.
    """
    if choice.kind == REPEAT_NONE:
        return ""
    if choice.kind in (REPEAT_WEEKLY, REPEAT_BIWEEKLY):
        days = [day for day in WEEKDAYS if day in choice.weekdays]
        if not days:
            raise RuleError("repeat_weekdays", _("Kies op welke dag of dagen het is."))
        parts = ["FREQ=WEEKLY"]
        if choice.kind == REPEAT_BIWEEKLY:
            parts.append("INTERVAL=2")
        parts.append("BYDAY=" + ",".join(days))
    elif choice.kind == REPEAT_MONTHLY_WEEKDAY:
        if choice.ordinal not in ORDINALS:
            raise RuleError("repeat_ordinal", _("Kies de eerste, tweede, derde, vierde of "
                                                "laatste week van de maand."))
        if choice.ordinal_weekday not in WEEKDAYS:
            raise RuleError("repeat_ordinal_weekday", _("Kies de dag van de week."))
        parts = ["FREQ=MONTHLY", f"BYDAY={choice.ordinal}{choice.ordinal_weekday}"]
    elif choice.kind == REPEAT_MONTHLY_DAY:
        if choice.monthday is None or not 1 <= choice.monthday <= 31:
            raise RuleError("repeat_monthday", _("Vul een dag van de maand in, van 1 tot 31."))
        parts = ["FREQ=MONTHLY", f"BYMONTHDAY={choice.monthday}"]
    else:
        raise RuleError("repeat", _("Kies hoe vaak het herhaald wordt."))
    if choice.end == END_UNTIL:
        if choice.until is None:
            raise RuleError("repeat_until", _("Vul de laatste datum in."))
        parts.append(f"UNTIL={choice.until:%Y%m%d}")
    elif choice.end == END_COUNT:
        if choice.count is None or not 1 <= choice.count <= MAX_COUNT:
            raise RuleError("repeat_count",
                            _("Vul in hoe vaak het is: een getal van 1 tot %(max)s.")
                            % {"max": MAX_COUNT})
        parts.append(f"COUNT={choice.count}")
    return ";".join(parts)


# --------------------------------------------------------------------------- rule -> choices


def _normal_parts(rule: str) -> dict[str, str]:
    """A rule's parts with the spellings that mean the same made equal."""
    parts = rule_parts(rule)
    if parts.get("INTERVAL") == "1":
        del parts["INTERVAL"]
    if "BYDAY" in parts:
        days = {day.lstrip("+") for day in parts["BYDAY"].split(",") if day}
        parts["BYDAY"] = ",".join(sorted(days, key=_weekday_order))
    return parts


def _weekday_order(day: str) -> tuple[int, str]:
    """Monday first; ``1TU`` sorts with Tuesday; anything unknown last."""
    name = day[-2:]
    return (WEEKDAYS.index(name) if name in WEEKDAYS else len(WEEKDAYS), day)


def same_rule(first: str, second: str) -> bool:
    """Whether two RRULE texts say the same thing (order of parts, case, prefix aside)."""
    return _normal_parts(first) == _normal_parts(second)


def parse_rule(rule: str) -> RepeatChoice | None:
    """The friendly choice that means exactly `rule`, or None when only the raw field can.

    '' gives "Niet herhalen". Only rules the friendly form writes itself fit (in any order
    of parts); an UNTIL with a time, a yearly rule or a "fifth Monday" stays raw.
    """
    if not rule.strip():
        return RepeatChoice()
    parts = _normal_parts(rule)
    end, until, count = END_NEVER, None, None
    if "UNTIL" in parts:
        if not _UNTIL_DATE_RE.match(parts["UNTIL"]):
            return None
        try:
            until = datetime.strptime(parts["UNTIL"], "%Y%m%d").date()
        except ValueError:
            return None
        end = END_UNTIL
    if "COUNT" in parts:
        if not parts["COUNT"].isdigit():
            return None
        end, count = END_COUNT, int(parts["COUNT"])
    frequency = parts.get("FREQ")
    byday = parts.get("BYDAY", "")
    if frequency == "WEEKLY":
        kind = REPEAT_BIWEEKLY if parts.get("INTERVAL") == "2" else REPEAT_WEEKLY
        choice = RepeatChoice(kind=kind, weekdays=tuple(byday.split(",")) if byday else (),
                              end=end, until=until, count=count)
    elif frequency == "MONTHLY" and byday:
        match = _ORDINAL_DAY_RE.match(byday)
        if not match:
            return None
        ordinal = int(match.group(1) or match.group(2))
        choice = RepeatChoice(kind=REPEAT_MONTHLY_WEEKDAY, ordinal=ordinal,
                              ordinal_weekday=match.group(3), end=end, until=until, count=count)
    elif frequency == "MONTHLY" and parts.get("BYMONTHDAY", "").isdigit():
        choice = RepeatChoice(kind=REPEAT_MONTHLY_DAY, monthday=int(parts["BYMONTHDAY"]),
                              end=end, until=until, count=count)
    else:
        return None
    try:
        rebuilt = build_rule(choice)
    except RuleError:
        return None
    # Anything the friendly parts cannot say (BYMONTH, WKST, INTERVAL=3, ...) keeps it raw.
    return choice if _normal_parts(rebuilt) == parts else None


_ORDINAL_WORDS = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde", -1: "laatste"}


def _day_names(days: tuple[str, ...]) -> str:
    names = [WEEKDAY_NAMES[WEEKDAYS.index(day)] for day in WEEKDAYS if day in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def describe_rule(rule: str) -> str:
    """A stored rule as a volunteer reads it: ``Elke week op dinsdag en donderdag, tot en
    met 30 juni 2027``. A rule the friendly choices cannot say is shown as it is."""
    choice = parse_rule(rule)
    if choice is None:
        return _("Eigen herhaalregel: %(rule)s") % {"rule": rule.strip()}
    if choice.kind == REPEAT_NONE:
        return _("Niet herhalen")
    if choice.kind == REPEAT_WEEKLY:
        text = _("Elke week op %(days)s") % {"days": _day_names(choice.weekdays)}
    elif choice.kind == REPEAT_BIWEEKLY:
        text = _("Elke twee weken op %(days)s") % {"days": _day_names(choice.weekdays)}
    elif choice.kind == REPEAT_MONTHLY_WEEKDAY:
        text = _("Elke maand op de %(ordinal)s %(day)s") % {
            "ordinal": _(_ORDINAL_WORDS[choice.ordinal]),
            "day": _day_names((choice.ordinal_weekday,))}
    else:
        text = _("Elke maand op de %(day)se") % {"day": choice.monthday}
    if choice.end == END_UNTIL:
        text += _(", tot en met %(date)s") % {
            "date": format_date_long(choice.until, weekday=False)}
    elif choice.end == END_COUNT:
        text += _(", %(count)s keer") % {"count": choice.count}
    return text


# --------------------------------------------------------------------------- checks


# Dutch wording of sitegen's rule problems: the checks themselves are sitegen's, so the
# editor and `portal build` can never disagree about a rule.
_RULE_MESSAGES = {
    RuleProblem.NOT_A_RULE: _("Dit is geen herhaalregel. Schrijf hem zoals %(example)s."),
    RuleProblem.NO_FREQUENCY: _("Zeg met FREQ=... hoe vaak het herhaald wordt, bijvoorbeeld "
                                "%(example)s."),
    RuleProblem.SUB_DAILY: _("De agenda herhaalt niet per uur, minuut of seconde. Gebruik "
                             "FREQ=DAILY, WEEKLY, MONTHLY of YEARLY."),
    RuleProblem.BAD_FREQUENCY: _("FREQ moet DAILY, WEEKLY, MONTHLY of YEARLY zijn, niet "
                                 "%(detail)s."),
    RuleProblem.COUNT_AND_UNTIL: _("Gebruik COUNT (aantal keer) of UNTIL (tot en met), niet "
                                   "allebei."),
    RuleProblem.BAD_UNTIL: _("Schrijf UNTIL als een datum zoals 20270630, niet %(detail)s."),
    RuleProblem.INVALID: _("Deze herhaalregel klopt niet. Schrijf hem zoals %(example)s."),
    RuleProblem.NO_DATES: _("Met deze regel komt er geen enkele datum uit. Kijk UNTIL en de "
                            "BY...-delen na."),
}


def check_rule(value: str, start_date: date | None = None, start_time: time | None = None,
               zone: ZoneInfo | None = None) -> str:
    """Check a pasted RRULE as `portal build` will, and return it cleaned up.

    Cleaned means upper case, without spaces and without a leading ``RRULE:``. Raises
    `RuleError` (field ``recurrence``) with a Dutch message saying what to change. With a
    start date the rule must also produce at least one date from that start (an UNTIL in
    UTC is read in `zone`, the village's).
    """
    start = datetime.combine(start_date, start_time or time()) if start_date else None
    check = sitegen_check_rule(value, start, zone)
    if check.problem is not None:
        raise RuleError("recurrence", _RULE_MESSAGES[check.problem]
                        % {"example": _EXAMPLE, "detail": check.detail})
    return check.rule


def parse_exdate(text: str) -> date | datetime:
    """A cancelled date as typed: ``2026-12-29``, ``29-12-2026``, ``29 december 2026``, or
    one of those with a time (``29-12-2026 10:00``, ``2026-12-29T10:00+01:00``).

    Date-times without an offset come back naive (local wall time of the village). Raises
    ValueError (a `DateTextError` with a Dutch message for text that is not ISO 8601).
    """
    text = text.strip()
    for iso in (date.fromisoformat, datetime.fromisoformat):
        try:
            return iso(text)
        except ValueError:
            continue
    return parse_date_or_datetime(text)


def event_from_values(start_date: date, start_time: time | None, end_date: date | None,
                      end_time: time | None, rule: str, exdates: list[str],
                      zone: ZoneInfo) -> Event:
    """A sitegen `Event` from the form's values, as the exported content file will hold it.

    Unusable exdates are left out here; the form reports them on their own field.
    """
    cancelled: list[date | datetime] = []
    for text in exdates:
        try:
            cancelled.append(parse_exdate(str(text)))
        except ValueError:
            continue
    if start_time is None:
        end = end_date if end_date and end_date >= start_date else None
        return Event(slug="voorbeeld", title="", start=start_date, end=end, all_day=True,
                     recurrence=rule, exdates=cancelled)
    start = datetime.combine(start_date, start_time, tzinfo=zone)
    end = None
    if end_time is not None:
        end = datetime.combine(end_date or start_date, end_time, tzinfo=zone)
        if end < start:
            end = None
    return Event(slug="voorbeeld", title="", start=start, end=end, recurrence=rule,
                 exdates=cancelled)


def next_occurrences(event: Event, zone: ZoneInfo, now: datetime,
                     count: int = 5) -> list[Occurrence]:
    """The next `count` occurrences of `event` from `now` on, as the portal will list them.

    The horizon is ten years so that a yearly event still shows several dates.
    """
    return expand_occurrences(event, zone, now, horizon_days=3660, limit=count)
