"""The municipality's form "Nieuw dorp": the few facts a village needs to start."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cms.villages.setup import (
    STARTING_CATEGORIES,
    NewVillage,
    address_taken,
    ascii_slug,
    suggested_base_url,
    village_slug,
    village_slug_taken,
)

# The country decides the time zone of the agenda.
COUNTRIES = [("Europe/Amsterdam", _("Nederland")), ("Europe/Brussels", _("België"))]
CATEGORY_NAME_MAX = 100  # Category.name
NO_CATEGORIES = _("Geef minstens één categorie op: zonder categorieën kan het portaal niet "
                  "worden gebouwd.")


class NewVillageForm(forms.Form):
    """Name, municipality, country, address and starting categories of a new village."""

    title = forms.CharField(
        label=_("Naam"), max_length=100,
        help_text=_("De naam van het dorp of de wijk, zoals bewoners die kennen. Die staat "
                    "boven het portaal."))
    municipality = forms.CharField(label=_("Gemeente"), max_length=100)
    timezone = forms.ChoiceField(label=_("Land"), choices=COUNTRIES,
                                 initial="Europe/Amsterdam", widget=forms.RadioSelect)
    base_url = forms.URLField(
        label=_("Webadres van het portaal"), required=False, assume_scheme="https",
        help_text=format_lazy(_("Laat u dit leeg, dan wordt het {example}, met de naam van "
                                 "het dorp."), example=suggested_base_url("naam")))
    categories = forms.CharField(
        label=_("Categorieën van de sociale kaart"),
        widget=forms.Textarea(attrs={"rows": len(STARTING_CATEGORIES) + 1}),
        initial="\n".join(STARTING_CATEGORIES), error_messages={"required": NO_CATEGORIES},
        help_text=_("Eén categorie per regel, in de volgorde die bewoners zien. De "
                    "buurtverbinders kunnen ze later aanpassen."))

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        slug = village_slug(title)
        if not slug:
            raise forms.ValidationError(_("Gebruik in de naam minstens één letter of cijfer."))
        if village_slug_taken(slug):
            raise forms.ValidationError(
                _("Naam: er bestaat al een dorp met de naam “%(title)s” (in webadressen "
                  "“%(slug)s”). Kies een andere naam, bijvoorbeeld met de gemeente erbij.")
                % {"title": title, "slug": slug})
        return title

    def clean_categories(self) -> tuple[tuple[str, str], ...]:
        categories: dict[str, str] = {}
        for line in self.cleaned_data["categories"].splitlines():
            name = " ".join(line.split())
            if not name:
                continue
            if len(name) > CATEGORY_NAME_MAX:
                raise forms.ValidationError(
                    _("“%(name)s” is te lang: een categorie heeft hoogstens %(max)d tekens.")
                    % {"name": name, "max": CATEGORY_NAME_MAX})
            slug = ascii_slug(name)
            if not slug:
                raise forms.ValidationError(
                    _("“%(name)s” heeft geen letters of cijfers; geef de categorie een naam.")
                    % {"name": name})
            if slug in categories:
                raise forms.ValidationError(
                    _("“%(name)s” staat er twee keer in (ook als “%(other)s”). Elke "
                      "categorie mag één keer voorkomen.")
                    % {"name": name, "other": categories[slug]})
            categories[slug] = name
        if not categories:
            raise forms.ValidationError(NO_CATEGORIES)
        return tuple(categories.items())

    def clean(self):
        cleaned = super().clean()
        title = cleaned.get("title")
        if title and not cleaned.get("base_url") and "base_url" not in self.errors:
            cleaned["base_url"] = suggested_base_url(village_slug(title))
        base_url = cleaned.get("base_url")
        if base_url:
            taken_by = address_taken(base_url)
            if taken_by is not None:
                self.add_error("base_url", _(
                    "Webadres van het portaal: %(url)s is al in gebruik door “%(site)s”. "
                    "Kies een ander webadres.") % {"url": base_url, "site": taken_by})
        return cleaned

    def new_village(self) -> NewVillage:
        data = self.cleaned_data
        return NewVillage(title=data["title"], municipality=data["municipality"].strip(),
                          base_url=data["base_url"].rstrip("/"), timezone=data["timezone"],
                          categories=data["categories"])
