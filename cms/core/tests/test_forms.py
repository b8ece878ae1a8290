"""Tests for cms.core.forms (list fields, PortalPageForm), cms.core.widgets and the
postcode helpers of cms.core.validators: what a volunteer types and what gets stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms.core.forms import (
    OPENING_HOURS_RE,
    OpeningHoursField,
    SynonymGroupsField,
    WordListField,
    opening_hours_from_text,
    opening_hours_in_dutch,
)
from cms.core.validators import normalise_postcode, validate_postcode
from cms.core.widgets import LinesInput
from cms.socialmap.models import OrganisationPage, SocialMapIndexPage
from cms.villages.models import Category, VillageHomePage
from sitegen import content as sitegen_content

# --------------------------------------------------------------------------- list fields


def test_word_list_is_one_item_per_line():
    field = WordListField(required=False)
    assert field.clean("koffie\n\n  taal  les \nkoffie\n") == ["koffie", "taal les"]
    assert field.clean("") == []
    assert field.prepare_value(["koffie", "taalles"]) == "koffie\ntaalles"


def test_word_list_names_the_bad_line():
    with pytest.raises(ValidationError) as caught:
        WordListField(required=False).clean("koffie\n<b>vet</b>")
    assert caught.value.messages == [
        "Regel 2 moet gewone tekst zijn; HTML-codes zoals '<b>' of '<script>' mogen hier niet."]


@pytest.mark.parametrize(("typed", "stored"), [
    ("Mo-Fr 09:00-17:00", "Mo-Fr 09:00-17:00"),
    ("ma-vr 9:00-17:00", "Mo-Fr 09:00-17:00"),
    ("di, do 13.30 - 16.00", "Tu,Th 13:30-16:00"),
    ("Za 08:30-18:00", "Sa 08:30-18:00"),
    ("ma-wo,vr 10:00–12:00", "Mo-We,Fr 10:00-12:00"),
])
def test_opening_hours_accept_dutch_and_store_schema_org(typed, stored):
    assert OpeningHoursField(required=False).clean(typed) == [stored]
    assert OPENING_HOURS_RE.match(stored)


def test_opening_hours_show_in_dutch():
    field = OpeningHoursField(required=False)
    assert field.prepare_value(["Mo-Fr 09:00-17:00", "Tu,Th 18:00-22:00"]) == \
        "ma-vr 09:00-17:00\ndi,do 18:00-22:00"
    # Whatever is shown comes back as it was stored.
    assert field.clean(field.prepare_value(["Mo-Fr 09:00-17:00"])) == ["Mo-Fr 09:00-17:00"]
    assert opening_hours_in_dutch("iets anders") == "iets anders"


@pytest.mark.parametrize("typed", ["elke dag", "ma-vr 9-17", "ma-vr 25:00-26:00",
                                   "maandag 09:00-17:00"])
def test_opening_hours_refuse_what_the_build_refuses(typed):
    with pytest.raises(ValidationError) as caught:
        OpeningHoursField(required=False).clean(f"ma 09:00-12:00\n{typed}")
    message = caught.value.messages[0]
    assert message.startswith("Regel 2 moet een tijdvak zijn zoals ma-vr 09:00-17:00")
    assert typed in message
    assert not sitegen_content.OPENING_HOURS_RE.match(opening_hours_from_text(typed))


def test_synonyms_are_groups_of_words():
    field = SynonymGroupsField(required=False)
    assert field.clean("huisarts, dokter\nbieb,bibliotheek , boekenkast") == [
        ["huisarts", "dokter"], ["bieb", "bibliotheek", "boekenkast"]]
    assert field.prepare_value([["huisarts", "dokter"]]) == "huisarts, dokter"
    with pytest.raises(ValidationError) as caught:
        field.clean("huisarts")
    assert caught.value.messages == ["Regel 1 moet twee of meer woorden hebben die hetzelfde "
                                     "betekenen, zoals huisarts, dokter (in een bestand "
                                     "[huisarts, dokter])."]
    with pytest.raises(ValidationError) as caught:
        field.clean("huisarts, dokter\n<b>arts</b>, dokter")
    assert caught.value.messages == ["Regel 2 mag alleen woorden bevatten."]


def test_lines_input_shows_a_list_as_lines():
    html = LinesInput().render("tags", ["koffie", "taal"])
    assert ">\nkoffie\ntaal</textarea>" in html


# --------------------------------------------------------------------------- postcodes


@pytest.mark.parametrize(("typed", "stored"), [
    ("1234ab", "1234 AB"), (" 1234  AB ", "1234 AB"), ("1000", "1000"), ("abc", "ABC")])
def test_postcodes_are_tidied(typed, stored):
    assert normalise_postcode(typed) == stored


@pytest.mark.parametrize("postcode", ["12345", "0123 AB", "1234 A", "ABC"])
def test_wrong_postcodes_are_explained(postcode):
    with pytest.raises(ValidationError) as caught:
        validate_postcode(postcode)
    assert caught.value.messages == [f"Moet een postcode zijn zoals '1234 AB' (Nederland) of "
                                     f"'1234' (België), maar er staat '{postcode}'."]


# --------------------------------------------------------------------------- page form


@pytest.fixture
def organisation(db):
    root = Page.get_first_root_node()
    home = VillageHomePage(title="Lindeveld", slug="lindeveld", municipality="Papendrecht",
                           base_url="https://lindeveld.example.org")
    root.add_child(instance=home)
    index = SocialMapIndexPage(title="Sociale kaart", slug="sociale-kaart")
    home.add_child(instance=index)
    category = Category.objects.create(village=home, slug="zorg", name="Zorg")
    org = OrganisationPage(title="Buurthuis", slug="buurthuis", summary="Koffie en meer.",
                           opening_hours=["Mo-Fr 09:00-17:00"], tags=["koffie"])
    index.add_child(instance=org)
    org.categories.add(category)
    return org


def _organisation_form(org, admin_user, **changes):
    form_class = OrganisationPage.get_edit_handler().get_form_class()
    data = {"title": org.title, "slug": org.slug, "summary": org.summary,
            "categories": [str(c.pk) for c in Category.objects.all()], "body": "",
            "street": "", "postcode": "", "city": "", "lat": "", "lon": "", "phone": "",
            "email": "", "website": "", "opening_hours": "ma-vr 09:00-17:00", "tags": "koffie",
            "image_alt": ""}
    data.update(changes)
    return form_class(data, instance=org, parent_page=org.get_parent(), for_user=admin_user)


def test_organisation_form_shows_lists_as_lines_with_help(organisation, admin_user):
    form_class = OrganisationPage.get_edit_handler().get_form_class()
    form = form_class(instance=organisation, parent_page=organisation.get_parent(),
                      for_user=admin_user)
    assert form["opening_hours"].value() == "ma-vr 09:00-17:00"
    assert "<textarea" in str(form["tags"])
    assert "ma-vr 09:00-17:00" in form.fields["opening_hours"].help_text
    assert "focuspunt" in form.fields["image"].help_text


def test_organisation_form_stores_lists_and_tidy_postcode(organisation, admin_user):
    form = _organisation_form(organisation, admin_user, postcode="1234ab",
                              opening_hours="ma-vr 9:00-17:00\nza 10:00-12:00",
                              tags="koffie\nontmoeting", lat="51.83", lon="4.73")
    assert form.is_valid(), form.errors
    page = form.save(commit=False)
    assert page.postcode == "1234 AB"
    assert page.opening_hours == ["Mo-Fr 09:00-17:00", "Sa 10:00-12:00"]
    assert page.tags == ["koffie", "ontmoeting"]


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"postcode": "12345"}, "postcode", "'1234 AB'"),
    ({"lat": "51.83"}, "lon", "lengtegraad"),
    ({"lon": "4.73"}, "lat", "breedtegraad"),
    ({"lat": "91", "lon": "4.73"}, "lat", "tussen -90 en 90"),
    ({"lat": "51.83", "lon": "181"}, "lon", "tussen -180 en 180"),
    ({"opening_hours": "altijd open"}, "opening_hours", "Regel 1"),
])
def test_organisation_form_errors_land_on_their_field(organisation, admin_user, changes, field,
                                                      words):
    form = _organisation_form(organisation, admin_user, **changes)
    assert not form.is_valid()
    assert words in form.errors[field][0]


def test_village_form_edits_synonyms_as_lines(organisation, admin_user):
    home = organisation.get_parent().get_parent().specific
    home.synonyms = [["huisarts", "dokter"]]
    form_class = VillageHomePage.get_edit_handler().get_form_class()
    form = form_class(instance=home, parent_page=home.get_parent(), for_user=admin_user)
    assert form["synonyms"].value() == "huisarts, dokter"
