"""The page editor as volunteers meet it: lists edited one item per line, postcodes tidied,
coordinates asked for in pairs, and help texts that say what to type.

`PortalPageForm` is the `base_form_class` of the portal's pages (the agenda's event form
builds on it). The list fields turn the JSON lists the models store (tags, opening hours,
search synonyms) into plain lines and back, checking each line as `portal build` will.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.utils import from_current_timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminAutoHeightTextInput

from cms.core.dutchdates import DateTextError, parse_date, parse_datetime, parse_time
from cms.core.validators import check_with_kind, normalise_postcode
from cms.core.widgets import DutchDateInput, DutchDateTimeInput, DutchTimeInput, LinesInput
from sitegen.content import OPENING_HOURS_RE, SLUG_RE, looks_like_html, plain_line, slug_from_text
from sitegen.kinds import ORGANISATIONS, VILLAGE, Field

# The checkers of the kinds' fields that read one value from one form field; the others
# (dates, repeat rules, references) have form fields of their own, and the build's check
# of the whole page (`cms.publishing.validation`) puts their problems on them.
SINGLE_VALUE_CHECKS = frozenset({"text", "alt", "url", "email", "phone", "postcode",
                                 "coordinate", "colour"})


class LinesField(forms.Field):
    """A list stored as JSON, edited as a text area with one item per line.

    Empty lines are skipped and repeated items kept once. The lines are checked as the
    build checks the list (`kind_field`, set by the form for the page's own kind), so a
    problem names the line it is on ("Regel 2 moet …"). Subclasses say how one non-empty
    line becomes one item (`item_value`, raising ValueError with a Dutch message for a
    line it cannot read) and how an item is shown (`show_item`).
    """

    widget = LinesInput
    kind_field: Field | None = None

    def __init__(self, *, encoder=None, decoder=None, **kwargs):
        # A model JSONField passes its encoder and decoder along; lines need neither.
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return "\n".join(self.show_item(item) for item in value)
        return value

    def to_python(self, value: Any) -> list:
        if value in (None, ""):
            return []
        if isinstance(value, list | tuple):  # an initial value that is already a list
            return list(value)
        # Blank lines stay in the list the build checks, so its item numbers are lines.
        lines: list = []
        errors: list[ValidationError] = []
        for number, line in enumerate(str(value).splitlines(), start=1):
            text = " ".join(line.split())
            try:
                lines.append(self.item_value(text) if text else text)
            except ValueError as exc:  # a line the form itself cannot read (a date)
                errors.append(ValidationError(
                    _("Regel %(number)s: %(problem)s") % {"number": number, "problem": exc},
                    code="line"))
        if errors:
            raise ValidationError(errors)
        if self.kind_field is not None:
            check_with_kind(self.kind_field, lines)
        items: list = []
        for item in lines:
            if item and item not in items:
                items.append(item)
        return items

    def item_value(self, text: str) -> Any:
        return text

    def show_item(self, item: Any) -> str:
        return str(item)


class WordListField(LinesField):
    """Search words (tags): one word or phrase per line, plain text."""

    kind_field = ORGANISATIONS.field("tags")  # as every kind's tags


# Dutch and schema.org (English) day abbreviations; the two sets share no abbreviation.
_SCHEMA_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DUTCH_DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
_DAY_CODES = {
    **dict(zip(_DUTCH_DAYS, _SCHEMA_DAYS, strict=True)),
    **{schema.lower(): schema for schema in _SCHEMA_DAYS},
}
_HOURS_LINE_RE = re.compile(
    r"^(?P<days>[A-Za-z][A-Za-z ,-]*?)\s*"
    r"(?P<h1>\d{1,2})[:.](?P<m1>\d{2})\s*[-–]\s*(?P<h2>\d{1,2})[:.](?P<m2>\d{2})$")


def opening_hours_from_text(text: str) -> str:
    """One line of opening hours as schema.org writes it: ``ma-vr 9:00-17:00`` becomes
    ``Mo-Fr 09:00-17:00``. A line that does not look like opening hours is left as it is."""
    match = _HOURS_LINE_RE.match(" ".join(text.split()))
    if not match:
        return text
    days = re.sub(r"\s*([,-])\s*", r"\1", match["days"].strip())
    days = re.sub(r"[A-Za-z]+", lambda word: _DAY_CODES.get(word[0].lower(), word[0]), days)
    return (f"{days} {int(match['h1']):02d}:{match['m1']}-"
            f"{int(match['h2']):02d}:{match['m2']}")


def opening_hours_in_dutch(line: str) -> str:
    """A schema.org line as a Dutch volunteer reads it: ``Mo-Fr 09:00-17:00`` as
    ``ma-vr 09:00-17:00``. Other text is shown unchanged."""
    if not OPENING_HOURS_RE.match(line):
        return line
    days, _space, hours = line.partition(" ")
    dutch = dict(zip(_SCHEMA_DAYS, _DUTCH_DAYS, strict=True))
    return re.sub(r"[A-Za-z]{2}", lambda word: dutch[word[0]], days) + " " + hours


class OpeningHoursField(LinesField):
    """Opening hours, one time slot per line, in Dutch (``ma-vr 09:00-17:00``) or as
    schema.org writes them; stored the schema.org way, as the content format wants."""

    kind_field = ORGANISATIONS.field("opening_hours")

    def item_value(self, text: str) -> str:
        """The line as schema.org writes it when it is a time slot; otherwise as typed,
        so the build's message quotes what the editor wrote."""
        line = opening_hours_from_text(text)
        return line if OPENING_HOURS_RE.match(line) else text

    def show_item(self, item: Any) -> str:
        return opening_hours_in_dutch(str(item))


class SynonymGroupsField(LinesField):
    """Search synonyms: one group per line, the words separated by commas."""

    kind_field = VILLAGE.field("search.synonyms")

    def item_value(self, text: str) -> list[str]:
        return [word.strip() for word in text.split(",") if word.strip()]

    def show_item(self, item: Any) -> str:
        if isinstance(item, list | tuple):
            return ", ".join(str(word) for word in item)
        return str(item)


# --------------------------------------------------------------------------- text, dates

_LINE_BREAK_RE = re.compile(r"\r\n?")


class MarkdownField(forms.CharField):
    """Markdown text (a page's body). Browsers post a text area's lines with \\r\\n; stored
    with \\n, as content files and imports have them, so an untouched text stays equal to
    itself and the comparison of two versions marks only what someone changed."""

    widget = AdminAutoHeightTextInput

    def to_python(self, value: Any) -> str:
        return _LINE_BREAK_RE.sub("\n", super().to_python(value))


class DutchDateTimeFieldMixin:
    """Reads what a volunteer typed with cms.core.dutchdates; a refusal names the field
    and says how to write it, and the form shows the text as typed."""

    parse = staticmethod(parse_date)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if not isinstance(value, str):
            return super().to_python(value)  # a date or time object from initial data
        try:
            return self.parse(value)
        except DateTextError as problem:
            message = f"{capfirst(self.label)}: {problem}" if self.label else str(problem)
            raise ValidationError(message, code="invalid") from None


class DutchDateField(DutchDateTimeFieldMixin, forms.DateField):
    """A date as Dutch people write it: 17-12-2026, 17 december 2026, 2026-12-17, ..."""

    widget = DutchDateInput
    parse = staticmethod(parse_date)


class DutchTimeField(DutchDateTimeFieldMixin, forms.TimeField):
    """A time of day as Dutch people write it: 14:00, 14.00, 14u30, 14:00 uur, ..."""

    widget = DutchTimeInput
    parse = staticmethod(parse_time)


class DutchDateTimeField(DutchDateTimeFieldMixin, forms.DateTimeField):
    """A date with a time (scheduled publishing): 17-12-2026 14:00, in the site's zone."""

    widget = DutchDateTimeInput

    @staticmethod
    def parse(text: str):
        return from_current_timezone(parse_datetime(text))


# Every date and time field of every admin form (pages, snippets) reads Dutch and keeps
# the picker from replacing typed text. A panel may still choose its own widget.
register_form_field_override(
    models.DateField, override={"form_class": DutchDateField, "widget": DutchDateInput})
register_form_field_override(
    models.TimeField, override={"form_class": DutchTimeField, "widget": DutchTimeInput})
register_form_field_override(
    models.DateTimeField,
    override={"form_class": DutchDateTimeField, "widget": DutchDateTimeInput})


# --------------------------------------------------------------------------- help texts

MARKDOWN_HELP = gettext_lazy(
    "Schrijf gewoon tekst. Een witregel begint een nieuwe alinea. **vet**, *schuin*, een "
    "lijstje met - aan het begin van de regel en [tekst van de link](https://...) mogen.")
COORDINATE_HELP = gettext_lazy(
    "Vul breedte- en lengtegraad allebei in, of laat ze allebei leeg. U vindt ze op een "
    "online kaart met een klik met de rechtermuisknop op de plek.")

# Help texts that replace the model's: they explain a format the form itself defines.
HELP_TEXTS = {
    "body": MARKDOWN_HELP,
    "tags": gettext_lazy("Eén zoekwoord per regel: woorden waarop bewoners zoeken, zoals "
                         "koffie of taalles."),
    "opening_hours": gettext_lazy("Eén tijdvak per regel, zoals ma-vr 09:00-17:00 of "
                                  "di,do 13:30-16:00. Dagen: ma di wo do vr za zo."),
    "synonyms": gettext_lazy("Eén groep per regel: woorden die hetzelfde betekenen, met "
                             "komma's ertussen, zoals huisarts, dokter, praktijk. Wie op "
                             "het ene woord zoekt, vindt ook de andere."),
}
# Help texts for fields whose model has none.
HELP_TEXTS_IF_EMPTY = {
    "summary": gettext_lazy("Eén zin, hooguit 300 tekens. Die staat in lijsten en "
                            "zoekresultaten."),
    "image": gettext_lazy("Kies een foto uit de beeldbank of voeg er een toe. Zet in de "
                          "beeldbank het focuspunt op het belangrijkste deel van de foto; "
                          "dat blijft zichtbaar als de foto wordt bijgesneden."),
    "image_alt": gettext_lazy("Wat is er op de foto te zien? Voor wie de foto niet kan zien. "
                              "Verplicht bij een foto."),
    "postcode": gettext_lazy("Bijvoorbeeld 1234 AB (Nederland) of 1234 (België)."),
    "location_postcode": gettext_lazy("Bijvoorbeeld 1234 AB (Nederland) of 1234 (België)."),
    "lat": COORDINATE_HELP,
    "lon": COORDINATE_HELP,
    "location_lat": COORDINATE_HELP,
    "location_lon": COORDINATE_HELP,
    "map_lat": COORDINATE_HELP,
    "map_lon": COORDINATE_HELP,
    "phone": gettext_lazy("Bijvoorbeeld 0184 123 456 of +32 9 123 45 67."),
    "email": gettext_lazy("Bijvoorbeeld info@voorbeeld.nl."),
    "website": gettext_lazy("Het hele webadres, bijvoorbeeld https://www.voorbeeld.nl."),
    "registration_url": gettext_lazy("Het webadres waar bewoners zich aanmelden, bijvoorbeeld "
                                     "https://www.voorbeeld.nl/aanmelden."),
    "categories": gettext_lazy("Kies een of meer categorieën van de sociale kaart."),
    "volunteers_wanted": gettext_lazy("Aanvinken als de organisatie vrijwilligers zoekt; "
                                      "bewoners zien dat bij de organisatie."),
    "logo_alt": gettext_lazy("Leeg: de naam van het portaal."),
    "map_zoom": gettext_lazy("Van 0 (de hele wereld) tot 22 (één huis); 14 toont een dorp."),
    "tagline": gettext_lazy("Een korte zin onder de naam van het portaal."),
    "date": gettext_lazy("De datum die bij het verhaal staat."),
    "author": gettext_lazy("De buurtverbinder die het verhaal schreef."),
    "organisations": gettext_lazy("De organisaties van de sociale kaart waar het verhaal "
                                  "over gaat."),
}
# Coordinates only mean something as a pair: (latitude, longitude) field names.
COORDINATE_PAIRS = (("lat", "lon"), ("location_lat", "location_lon"), ("map_lat", "map_lon"))


class PortalSlugField(forms.CharField):
    """The page's name in its web address, always one the build accepts: whatever is typed
    (or copied from the title) becomes plain a-z, 0-9 and hyphens (café → cafe)."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value).strip()
        return text if SLUG_RE.match(text) else slug_from_text(text)


def free_slug(slug: str, parent, page) -> str:
    """`slug`, or `slug-2`, `slug-3`, ... when a sibling of `page` under `parent` has it."""
    from wagtail.models import Page

    candidate, number = slug, 1
    while not Page._slug_is_available(candidate, parent, page):
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


class PortalPageForm(WagtailAdminPageForm):
    """Base form of every portal page: friendly list fields, tidy postcodes, paired
    coordinates and volunteer-sized help texts. Set as the pages' `base_form_class`."""

    help_texts: dict[str, Any] = HELP_TEXTS
    help_texts_if_empty: dict[str, Any] = HELP_TEXTS_IF_EMPTY

    class Meta(WagtailAdminPageForm.Meta):
        # Only used for the fields a model has; names of other models' fields are ignored.
        field_classes = {
            "tags": WordListField,
            "opening_hours": OpeningHoursField,
            "synonyms": SynonymGroupsField,
            "body": MarkdownField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in self.help_texts:
                field.help_text = self.help_texts[name]
            elif not field.help_text and name in self.help_texts_if_empty:
                field.help_text = self.help_texts_if_empty[name]
        self.limit_choices_to_village()
        self.check_as_the_kind()
        if "slug" in self.fields:
            old = self.fields["slug"]
            self.fields["slug"] = PortalSlugField(
                label=old.label, help_text=old.help_text, widget=old.widget,
                required=False, max_length=255)

    def check_as_the_kind(self) -> None:
        """Let the kind's own checkers judge the fields its table names (`kind_fields`):
        lists get the kind's field to check their lines with, and the one-value fields
        drop Django's own format and length checks, which would refuse in other words
        (or other limits) than `portal build`; `clean` asks the kind instead."""
        model = self._meta.model
        kind = model.checked_kind()
        if kind is None:
            return
        for name, key in model.kind_fields.items():
            field = self.fields.get(name)
            spec = kind.field(key)
            if isinstance(field, LinesField):
                field.kind_field = spec
            elif field is not None and spec.check in SINGLE_VALUE_CHECKS:
                field.validators = []

    def check_values(self, cleaned_data) -> None:
        """Each one-value field of the kind's table as `portal build` reads it: a value
        the build would refuse is refused here, with the build's own message."""
        model = self._meta.model
        kind = model.checked_kind()
        if kind is None:
            return
        for name, key in model.kind_fields.items():
            spec = kind.field(key)
            value = cleaned_data.get(name)
            if (name not in self.fields or name in self.errors
                    or spec.check not in SINGLE_VALUE_CHECKS or value in (None, "")):
                continue
            try:
                check_with_kind(spec, value)
            except ValidationError as refused:
                self.add_error(name, refused)

    def limit_choices_to_village(self) -> None:
        """Offer only this village's categories and organisations: a page can only refer
        to its own village (the build would refuse anything else)."""
        from cms.socialmap.models import OrganisationPage
        from cms.villages.models import VillageHomePage

        anchor = self.instance if self.instance.pk else self.parent_page
        if anchor is None:
            return
        village = VillageHomePage.objects.ancestor_of(anchor, inclusive=True).first()
        if village is None:
            return
        if "categories" in self.fields:
            field = self.fields["categories"]
            field.queryset = village.categories.order_by("sort_order")
            # Tick boxes named as residents see them: the village goes without saying here.
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
            field.label_from_instance = lambda category: category.name
        for name in ("organiser", "organisations"):
            if name in self.fields:
                self.fields[name].queryset = (
                    OrganisationPage.objects.descendant_of(village).order_by("title"))

    def clean_slug(self) -> str:
        """An empty slug is made from the title; a new page whose slug is taken gets the
        first free one (a volunteer never has to think of web addresses). Renaming an
        existing page to a taken slug is left to the form's own message."""
        slug = self.cleaned_data.get("slug") or slug_from_text(
            self.cleaned_data.get("title") or "")
        if not slug:
            if self.cleaned_data.get("title"):
                raise ValidationError(_("Gebruik in de titel ten minste één letter of "
                                        "cijfer; daaruit maken we het webadres."))
            return slug
        if self.instance.pk is None and self.parent_page is not None:
            slug = free_slug(slug, self.parent_page, self.instance)
        return slug

    def _post_clean(self):
        super()._post_clean()
        if self.errors or self.is_deferred_validation or not self.instance.content_folder:
            return  # a draft may be unfinished; the build checks what is published
        from cms.publishing.validation import field_problems
        from cms.villages.models import VillageHomePage

        anchor = self.instance if self.instance.pk else self.parent_page
        village = VillageHomePage.objects.ancestor_of(anchor, inclusive=True).first()
        if village is None:
            return
        self.save_cluster_m2m()  # in memory only: the file is made from these values
        for problem in field_problems(self.instance, village, self.fields):
            self.add_error(problem.field, problem.message)

    def check_plain_lines(self, cleaned_data) -> None:
        """One-line text fields the kind does not check (Wagtail's own, such as the search
        description) hold plain text too: no HTML tags, some real letters."""
        checked = self._meta.model.kind_fields
        for name, field in self.fields.items():
            value = cleaned_data.get(name)
            if (name == "slug" or name in checked or not isinstance(value, str) or not value
                    or not isinstance(field, forms.CharField)
                    or isinstance(field.widget, forms.Textarea) or name in self.errors):
                continue
            if looks_like_html(value):
                self.add_error(name, _("Gebruik gewone tekst, zonder HTML zoals <b>."))
            elif not plain_line(value):
                self.add_error(name, _("Gebruik gewone letters of cijfers; dit veld bevat "
                                       "alleen onzichtbare tekens."))

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data.get("postcode") or "")

    def clean_location_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data.get("location_postcode") or "")

    def clean(self):
        cleaned_data = super().clean()
        self.check_values(cleaned_data)
        self.check_plain_lines(cleaned_data)
        for lat, lon in COORDINATE_PAIRS:
            if lat not in self.fields or lon not in self.fields:
                continue
            if lat in self.errors or lon in self.errors:
                continue  # the value itself is wrong; that message comes first
            has_lat = cleaned_data.get(lat) is not None
            has_lon = cleaned_data.get(lon) is not None
            if has_lat and not has_lon:
                self.add_error(lon, _("Vul ook de lengtegraad in, of maak de breedtegraad "
                                      "leeg."))
            elif has_lon and not has_lat:
                self.add_error(lat, _("Vul ook de breedtegraad in, of maak de lengtegraad "
                                      "leeg."))
        return cleaned_data
