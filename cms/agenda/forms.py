"""The event editor: repeats chosen in plain Dutch ("elke week op dinsdag") instead of RRULE
text, cancelled dates one per line, and the next dates shown before anything is saved.

`EventPageForm` is `EventPage.base_form_class`. Its friendly repeat fields are not model
fields: `clean()` turns them into the RRULE text the model stores in `recurrence`, and an
unbound form reads them back from that text. A rule the friendly fields cannot express is
shown and kept in the raw "Geavanceerd" field. `NextDatesForm` answers the live
"Volgende data" list (see `views.next_dates` and static/agenda/recurrence.js);
`NextDatesPanel` shows that list in the editor.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel

from cms.agenda.recurrence import (
    END_COUNT,
    END_NEVER,
    END_UNTIL,
    MAX_COUNT,
    REPEAT_ADVANCED,
    REPEAT_BIWEEKLY,
    REPEAT_MONTHLY_DAY,
    REPEAT_MONTHLY_WEEKDAY,
    REPEAT_NONE,
    REPEAT_WEEKLY,
    RepeatChoice,
    RuleError,
    build_rule,
    check_rule,
    event_from_values,
    next_occurrences,
    parse_exdate,
    parse_rule,
    same_rule,
)
from cms.core.dutchdates import DateTextError, check_year, format_date, format_time
from cms.core.forms import (
    HELP_TEXTS,
    DutchDateField,
    DutchTimeField,
    LinesField,
    PortalPageForm,
)
from cms.villages.models import TIMEZONES, VillageHomePage
from sitegen.recurrence import format_when, rule_parts

REPEAT_CHOICES = [
    (REPEAT_NONE, gettext_lazy("Niet herhalen")),
    (REPEAT_WEEKLY, gettext_lazy("Elke week op …")),
    (REPEAT_BIWEEKLY, gettext_lazy("Elke twee weken op …")),
    (REPEAT_MONTHLY_WEEKDAY, gettext_lazy("Elke maand op de eerste, tweede, derde, vierde of "
                                          "laatste … (bijvoorbeeld de eerste zaterdag)")),
    (REPEAT_MONTHLY_DAY, gettext_lazy("Elke maand op dezelfde dag (bijvoorbeeld de 15e)")),
    (REPEAT_ADVANCED, gettext_lazy("Geavanceerd: zelf een herhaalregel (RRULE) invullen")),
]
WEEKDAY_CHOICES = [
    ("MO", gettext_lazy("maandag")),
    ("TU", gettext_lazy("dinsdag")),
    ("WE", gettext_lazy("woensdag")),
    ("TH", gettext_lazy("donderdag")),
    ("FR", gettext_lazy("vrijdag")),
    ("SA", gettext_lazy("zaterdag")),
    ("SU", gettext_lazy("zondag")),
]
ORDINAL_CHOICES = [
    ("1", gettext_lazy("eerste")),
    ("2", gettext_lazy("tweede")),
    ("3", gettext_lazy("derde")),
    ("4", gettext_lazy("vierde")),
    ("-1", gettext_lazy("laatste")),
]
END_CHOICES = [
    (END_NEVER, gettext_lazy("Zonder einde")),
    (END_UNTIL, gettext_lazy("Tot en met een datum")),
    (END_COUNT, gettext_lazy("Een aantal keer")),
]
FRIENDLY_KINDS = (REPEAT_WEEKLY, REPEAT_BIWEEKLY, REPEAT_MONTHLY_WEEKDAY, REPEAT_MONTHLY_DAY)
NEXT_DATES_COUNT = 5
_ZONES = {key for key, _label in TIMEZONES}


def village_zone(instance: Any = None, parent_page: Any = None) -> str:
    """The time zone of the village an event is (or will be) in; the site default else."""
    village = None
    if instance is not None and getattr(instance, "pk", None):
        village = instance.get_village()
    if village is None and parent_page is not None:
        village = VillageHomePage.objects.ancestor_of(parent_page, inclusive=True).first()
    zone = getattr(village, "timezone", "") or settings.TIME_ZONE
    return zone if zone in _ZONES else settings.TIME_ZONE


class ExdateListField(LinesField):
    """Dates an event does not take place, one per line, stored as ISO 8601 text."""

    def item_value(self, text: str) -> str:
        try:
            moment = parse_exdate(text)
            check_year(moment.year, text)  # ISO 8601 text is read without parse_date
            return moment.isoformat()
        except DateTextError as problem:
            raise ValueError(str(problem)) from None
        except ValueError:
            raise ValueError(_("schrijf een datum zoals 29-12-2026 of 29 december 2026, "
                               "eventueel met een tijd erachter zoals 29-12-2026 10:00, niet "
                               "‘%(value)s’.") % {"value": text}) from None

    def show_item(self, item: Any) -> str:
        # Stored as ISO 8601 (the content format); shown the way it is typed here.
        try:
            moment = parse_exdate(str(item))
        except ValueError:
            return str(item)
        if isinstance(moment, datetime):
            if moment.tzinfo is not None:
                return str(item)
            return f"{format_date(moment.date())} {format_time(moment.time())}"
        return format_date(moment)


def check_until_year(rule: str) -> None:
    """Refuse a pasted rule whose UNTIL lies outside the years the portal builds (the
    friendly "Tot en met" is a date field, which refuses them itself)."""
    until = rule_parts(rule).get("UNTIL", "")
    if until[:4].isdigit():
        try:
            check_year(int(until[:4]), f"UNTIL={until}")
        except DateTextError as problem:
            raise RuleError("recurrence", str(problem)) from None


def repeat_initial(rule: str) -> dict[str, Any]:
    """Initial values of the repeat fields for a stored rule: the friendly choices when
    they say exactly the same, else "Geavanceerd" with the rule in the raw field."""
    choice = parse_rule(rule)
    if choice is None:
        return {"repeat": REPEAT_ADVANCED, "repeat_end": END_NEVER}
    return {
        "repeat": choice.kind,
        "repeat_weekdays": list(choice.weekdays),
        "repeat_ordinal": "" if choice.ordinal is None else str(choice.ordinal),
        "repeat_ordinal_weekday": choice.ordinal_weekday,
        "repeat_monthday": choice.monthday,
        "repeat_end": choice.end,
        "repeat_until": choice.until,
        "repeat_count": choice.count,
    }


class RepeatFields(forms.Form):
    """The friendly repeat choices, shared by the event form and the live date list."""

    repeat = forms.ChoiceField(label=gettext_lazy("Hoe vaak?"), choices=REPEAT_CHOICES,
                               required=False, widget=forms.RadioSelect)
    repeat_weekdays = forms.MultipleChoiceField(
        label=gettext_lazy("Op welke dag of dagen?"), choices=WEEKDAY_CHOICES, required=False,
        widget=forms.CheckboxSelectMultiple)
    repeat_ordinal = forms.TypedChoiceField(
        label=gettext_lazy("Welke week van de maand?"),
        choices=[("", "---------"), *ORDINAL_CHOICES], coerce=int, empty_value=None,
        required=False)
    repeat_ordinal_weekday = forms.ChoiceField(
        label=gettext_lazy("Op welke dag?"), choices=[("", "---------"), *WEEKDAY_CHOICES],
        required=False)
    repeat_monthday = forms.IntegerField(
        label=gettext_lazy("Dag van de maand"), min_value=1, max_value=31, required=False,
        help_text=gettext_lazy("Van 1 tot 31. Bij 29, 30 of 31 slaan maanden zonder die dag "
                               "over."))
    repeat_end = forms.ChoiceField(label=gettext_lazy("Tot wanneer?"), choices=END_CHOICES,
                                   required=False, initial=END_NEVER, widget=forms.RadioSelect)
    repeat_until = DutchDateField(label=gettext_lazy("Tot en met"), required=False)
    repeat_count = forms.IntegerField(
        label=gettext_lazy("Aantal keer"), min_value=1, max_value=MAX_COUNT, required=False,
        help_text=gettext_lazy("De eerste keer telt mee."))

    def repeat_choice(self) -> RepeatChoice:
        data = self.cleaned_data
        return RepeatChoice(
            kind=data.get("repeat") or REPEAT_NONE,
            weekdays=tuple(data.get("repeat_weekdays") or ()),
            ordinal=data.get("repeat_ordinal"),
            ordinal_weekday=data.get("repeat_ordinal_weekday") or "",
            monthday=data.get("repeat_monthday"),
            end=data.get("repeat_end") or END_NEVER,
            until=data.get("repeat_until"),
            count=data.get("repeat_count"),
        )

    def resolve_recurrence(self, zone: ZoneInfo, original: str = "") -> str | None:
        """The RRULE text to store, or None after adding an error to the field at fault.

        Without a `repeat` choice (a client that only knows the model's fields) the raw
        `recurrence` value counts, as with "Geavanceerd". A rule that means the same as
        `original` is returned as `original`, so saving an untouched event leaves its
        text exactly as it was.
        """
        data = self.cleaned_data
        start_date, start_time = data.get("start_date"), data.get("start_time")
        choice = self.repeat_choice()
        friendly = choice.kind in FRIENDLY_KINDS
        try:
            if friendly:
                rule = build_rule(choice)
                if start_date and choice.end == END_UNTIL and choice.until < start_date:
                    raise RuleError("repeat_until", _("Deze datum ligt voor de eerste keer (de "
                                                      "datum hierboven)."))
                check_rule(rule, start_date, start_time, zone)
            elif choice.kind == REPEAT_NONE and data.get("repeat"):
                rule = ""
            else:
                raw = data.get("recurrence") or ""
                check_until_year(raw)  # first: far years make "no dates" the wrong reason
                rule = check_rule(raw, start_date, start_time, zone)
        except RuleError as err:
            # A friendly choice that yields no date is the choice's fault, not the raw field's.
            field = "repeat" if friendly and err.field == "recurrence" else err.field
            self.add_error(field, err.message)
            return None
        if original and same_rule(rule, original):
            return original
        return rule


EVENT_HELP_TEXTS = {
    **HELP_TEXTS,
    "start_date": gettext_lazy("Op welke dag? Bij een herhaling: de eerste keer."),
    "start_time": gettext_lazy("Hoe laat begint het? Leeg: het duurt de hele dag."),
    "end_date": gettext_lazy("Alleen invullen als het meer dagen duurt, of doorloopt na "
                             "middernacht."),
    "end_time": gettext_lazy("Hoe laat is het afgelopen? Mag leeg blijven."),
    "recurrence": gettext_lazy("Alleen bij ‘Geavanceerd’: een herhaalregel volgens RFC 5545, "
                               "zoals FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630. Bij de andere "
                               "keuzes vullen we dit zelf in."),
    "exdates": gettext_lazy("Gaat het een keer niet door? Zet die datum hier, één per regel, "
                            "zoals 29-12-2026 of 29 december 2026."),
    "location_name": gettext_lazy("Bijvoorbeeld Dorpshuis De Schakel."),
    "organiser": gettext_lazy("De organisatie van de sociale kaart die dit organiseert."),
    "categories": gettext_lazy("Kies categorieën als de activiteit ook daar te vinden moet "
                               "zijn."),
}


ONLY_OWN_ORGANISER = gettext_lazy("Als organisatie kunt u alleen uw eigen organisatie als "
                                  "organisator kiezen.")


class EventPageForm(PortalPageForm, RepeatFields):
    """The editor of an event: friendly repeat fields on top of the model's `recurrence`."""

    help_texts = EVENT_HELP_TEXTS

    class Meta(PortalPageForm.Meta):
        field_classes = {**PortalPageForm.Meta.field_classes, "exdates": ExdateListField}
        labels = {"recurrence": gettext_lazy("Herhaalregel (RRULE)")}

    class Media:
        js = ["agenda/recurrence.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            for name, value in repeat_initial(self.instance.recurrence or "").items():
                self.initial.setdefault(name, value)
        self.fix_organiser_for_organisations()

    def own_organisations(self):
        """The organisations an organisation account writes for, or None for connectors
        and the municipality (who may name any organisation of the village)."""
        from cms.accounts.roles import is_organisation_account, organisations_for_user

        if self.for_user is None or not is_organisation_account(self.for_user):
            return None
        return organisations_for_user(self.for_user)

    def fix_organiser_for_organisations(self) -> None:
        """An organisation's event is organised by that organisation: it is the only
        choice offered, and the one filled in."""
        own = self.own_organisations()
        field = self.fields.get("organiser")
        if own is None or field is None:
            return
        field.queryset = field.queryset.filter(pk__in=own.values("pk"))
        field.error_messages = {**field.error_messages, "invalid_choice": ONLY_OWN_ORGANISER}
        if not self.instance.organiser_id and field.queryset.count() == 1:
            self.initial.setdefault("organiser", field.queryset.get().pk)

    @property
    def zone_name(self) -> str:
        return village_zone(self.instance, self.parent_page)

    def clean_organiser(self):
        organiser = self.cleaned_data.get("organiser")
        own = self.own_organisations()
        if own is None:
            return organiser
        if organiser is None and own.count() == 1:
            return own.get()  # left empty: the organisation itself
        if organiser is None or not own.filter(pk=organiser.pk).exists():
            raise forms.ValidationError(ONLY_OWN_ORGANISER)
        return organiser

    def clean(self):
        cleaned_data = super().clean()
        original = self.instance.recurrence or ""
        rule = self.resolve_recurrence(ZoneInfo(self.zone_name), original)
        if rule is not None and "recurrence" in self.fields:
            cleaned_data["recurrence"] = rule
        return cleaned_data


class NextDatesForm(RepeatFields):
    """The values the "Volgende data" list needs: the event's dates and its repeat."""

    start_date = DutchDateField(label=gettext_lazy("Datum"), error_messages={
        "required": gettext_lazy("Vul eerst de datum in.")})
    start_time = DutchTimeField(label=gettext_lazy("Begintijd"), required=False)
    end_date = DutchDateField(label=gettext_lazy("Einddatum"), required=False)
    end_time = DutchTimeField(label=gettext_lazy("Eindtijd"), required=False)
    recurrence = forms.CharField(required=False, max_length=300)
    exdates = ExdateListField(required=False)
    zone = forms.ChoiceField(choices=TIMEZONES, required=False)

    def clean(self):
        cleaned_data = super().clean()
        zone = ZoneInfo(cleaned_data.get("zone") or settings.TIME_ZONE)
        cleaned_data["zone"] = zone
        cleaned_data["rule"] = self.resolve_recurrence(zone)
        return cleaned_data

    def preview(self, now: datetime | None = None) -> dict[str, Any]:
        """The answer of the live list: next dates in Dutch, the rule, and any errors."""
        if not self.is_valid():
            errors = {name: [str(message) for message in messages]
                      for name, messages in self.errors.items()}
            first = next(iter(errors.values()))[0]
            return {"dates": [], "rule": "", "errors": errors, "message": first}
        data = self.cleaned_data
        event = event_from_values(data["start_date"], data.get("start_time"),
                                  data.get("end_date"), data.get("end_time"), data["rule"],
                                  data.get("exdates") or [], data["zone"])
        found = next_occurrences(event, data["zone"], now or timezone.now(), NEXT_DATES_COUNT)
        dates = [{"text": format_when(occ), "start": occ.start.isoformat()} for occ in found]
        message = "" if dates else _("Er komen geen data meer aan. Kijk de datum en de "
                                     "herhaling na.")
        return {"dates": dates, "rule": data["rule"], "errors": {}, "message": message}


def preview_for_instance(page: Any, zone_name: str, now: datetime | None = None) -> dict:
    """The "Volgende data" of a stored (or new, still empty) event."""
    if not getattr(page, "start_date", None):
        return {"dates": [], "rule": "", "errors": {}, "message": _("Vul eerst de datum in.")}
    data = {
        "start_date": page.start_date,
        "start_time": page.start_time,
        "end_date": page.end_date,
        "end_time": page.end_time,
        "recurrence": page.recurrence or "",
        "exdates": "\n".join(str(item) for item in page.exdates or []),
        "zone": zone_name,
    }
    return NextDatesForm(data).preview(now)


class NextDatesPanel(Panel):
    """The next five dates in the editor, before saving.

    agenda/recurrence.js keeps the list current while the volunteer types; the server fills
    it when the page opens and when the form comes back with errors.
    """

    def __init__(self, heading=None, **kwargs):
        super().__init__(heading=heading or gettext_lazy("Volgende data"), **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "agenda/panels/next_dates.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            zone_name = village_zone(self.instance, getattr(self.form, "parent_page", None))
            if self.form is not None and self.form.is_bound:
                data = self.form.data.copy()
                data["zone"] = zone_name
                preview = NextDatesForm(data).preview()
            else:
                preview = preview_for_instance(self.instance, zone_name)
            context.update(preview)
            context["url"] = reverse("agenda_next_dates")
            context["zone"] = zone_name
            return context
