"""The CMS's forms, the build's reader and the writer of content files agree on every field
of every kind (issue 12): one property test walks each page model's table of kind fields.

For any value typed into a form field:

* when the build's checker of the kind's field refuses what the form hands it, the form
  refuses it on that field with the build's own message, in Dutch, and nothing else;
* when the form accepts it, the file the CMS writes holds the value, `portal build`'s
  reader takes the file without a problem, and writing the file's front matter again
  gives the same bytes.

The value the build checks is the form field's own reading of the text (Django strips a
line, a postcode is tidied to ``1234 AB``, Dutch opening hours become schema.org's): the
form keeps what was typed on a refusal and stores the tidied value on success.

The fields that offer their values instead (categories, organiser, author, organisations
to tick or choose, yes/no, a language, numbers, dates and times typed in Dutch) are drawn
from what the form offers, and anything the form accepts must build and be written back
the same way. Left to their own tests: the repeat rule, made by the agenda's repeat
fields (`cms/agenda/tests/`), and pictures, chosen from the library
(`cms/publishing/tests/test_validation.py`).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from cms.agenda.models import EventPage
from cms.core.forms import SINGLE_VALUE_CHECKS, LinesField
from cms.core.validators import editor_messages, normalise_postcode
from cms.publishing.exporting import page_file
from cms.socialmap.models import OrganisationPage
from cms.stories.models import StoryPage
from cms.testing import add_page, page_form_data
from cms.villages.models import PlainPage, VillageHomePage
from sitegen.content import check_item, check_value
from sitegen.contentfile import dump_content_file, dump_yaml, read_content_file, read_site_file
from sitegen.kinds import KINDS

SAFETY_NET = "Het portaal kan dit niet overnemen"
MODELS = (OrganisationPage, EventPage, StoryPage, PlainPage, VillageHomePage)

# Text an organisation or a volunteer may type anywhere: HTML, scripts, control
# characters, invisible text, lines, emoji, YAML and Markdown signs, long text.
PAYLOADS = ["<b>vet</b>", "<script>alert(1)</script>", "a < b", "<12 jaar", "\u200b",
            "\x07bel", "tab\there", "‘quotes’ “en” ’s", "Café 🎉", "- [x] yes: no",
            "#2e6b3f", "1234 AB", "1234ab", "9872", "0123 AB", "https://example.org/x?a=1",
            "http://", "example.org", "javascript:alert(1)", "info@example.nl", "a@b",
            "078 123 45 67", "+32 9 123 45 67", "geen nummer", "ma-vr 09:00-17:00",
            "Mo-Fr 09:00-17:00", "ma-vr 25:00-26:00", "elke dag", "huisarts, dokter",
            "huisarts", "51.83", "91", "-180", "null", "true", "~", "'", '"', "{a: 1}"]
LINE = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=40),
                 st.text(alphabet="abc <>/-#.:,0123456789AB", max_size=30))
LONG = st.integers(min_value=150, max_value=320).map(lambda n: "x" * n)
TEXT = st.one_of(LINE, LONG, st.lists(LINE, min_size=2, max_size=3).map(" ".join))
LINES = st.lists(st.one_of(LINE, st.just(""), LONG), max_size=5).map("\n".join)


def strategy_for(check: str):
    if check == "coordinate":
        return st.one_of(st.floats(min_value=-200, max_value=200, allow_nan=False)
                         .map(lambda f: f"{f:.6f}"), LINE)
    return LINES if check in ("words", "opening_hours", "synonyms") else TEXT


@pytest.fixture
def pages(two_villages, admin_client):
    """One page of each model in Lindeveld, and the data its admin edit form posts."""
    lindeveld, _ = two_villages
    plain = add_page(lindeveld.home, PlainPage(title="Over ons", slug="over-ons"))
    found = {OrganisationPage: lindeveld.organisation, EventPage: lindeveld.event,
             StoryPage: lindeveld.story, PlainPage: plain, VillageHomePage: lindeveld.home}
    return {model: (page, page_form_data(admin_client, page=page)[1])
            for model, page in found.items()}


def edit_form(model, page, data, admin_user):
    form_class = model.get_edit_handler().get_form_class()
    return form_class(data, instance=page, parent_page=page.get_parent(), for_user=admin_user)


TYPED_CHECKS = SINGLE_VALUE_CHECKS | {"words", "opening_hours", "synonyms"}


def fields_of(model):
    """(form field name, the kind's field) of every row of the model's table that the
    editor types a value into. The other rows (an event's repeat rule, made by the
    agenda's own repeat fields) are checked with the whole page, and their tests are
    cms/agenda/tests/."""
    kind = model.checked_kind()
    return [(name, kind.field(key)) for name, key in model.kind_fields.items()
            if kind.field(key).check in TYPED_CHECKS]


def test_every_field_of_every_kind_a_cms_page_edits_is_in_its_table():
    """Each kind's leaf fields that a page model has a form field for are in its table,
    and every row names a real model field and a real field of the kind."""
    for model in MODELS:
        kind = model.checked_kind()
        assert kind is not None and (kind in KINDS), model
        model_fields = {field.name for field in model._meta.get_fields()}
        for name, key in model.kind_fields.items():
            assert name in model_fields, (model.__name__, name)
            kind.field(key)  # KeyError for a field the kind does not have
    checked = {(model.checked_kind().name, key) for model in MODELS
               for key in model.kind_fields.values()}
    one_value = {(kind.name, field.key) for kind in KINDS for field in kind.fields
                 if field.check in SINGLE_VALUE_CHECKS | {"words", "opening_hours"}}
    # Every one-value text field and every list of a kind's files is edited and checked,
    # but for what the CMS has editors choose instead of type.
    chosen = {("story", "author")}  # from the village's author profiles
    assert one_value - chosen <= checked, one_value - chosen - checked


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_the_form_refuses_what_the_build_refuses_in_its_words_and_writes_back_the_rest(
        model, pages, admin_user):
    page, posted = pages[model]
    village = VillageHomePage.objects.ancestor_of(page, inclusive=True).get()
    rows = fields_of(model)

    @hypothesis_settings(max_examples=40, deadline=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])
    @given(row=st.sampled_from(rows), data=st.data())
    def check(row, data):
        name, spec = row
        typed = data.draw(strategy_for(spec.check), label=name)
        changed = posted.copy()
        changed[name] = typed
        form = edit_form(model, page, changed, admin_user)
        accepted = form.is_valid()
        errors = list(form.errors.get(name, []))
        field = form.fields[name]
        if isinstance(field, LinesField):
            # The build checks the lines as the form read them, blank lines kept.
            read = [field.item_value(" ".join(line.split())) if line.strip() else ""
                    for line in typed.splitlines()]
        else:
            try:
                read = field.to_python(typed)
            except ValidationError:
                # Text that is no number for a coordinate: the form's own reading refuses
                # it before any checker (a file could not hold it as a number either).
                assert not accepted and errors, (name, typed)
                return
            if name in ("postcode", "location_postcode"):
                read = normalise_postcode(read)
        if read in (None, "", []):
            return  # an empty value: nothing for a checker (required-ness is the form's)
        _value, problems = check_value(spec, read)
        if problems:
            event("refused by the build's checker")
            assert not accepted
            assert errors == editor_messages(problems), (name, typed)
            return
        assert not any(SAFETY_NET in e for e in errors), (name, typed, errors)
        event("accepted by the build's checker")
        if not accepted:
            return  # refused for another field's sake (a lone coordinate): not this one
        written_back(model, form.instance if form.instance.pk else page, village)

    check()


def written_back(model, page, village):
    """The file the CMS writes for `page` builds without a problem and is written again,
    from its own front matter, to the same bytes."""
    rel, text = page_file(page, village=village)
    if model is VillageHomePage:
        assert dump_yaml(read_site_file(text)) == text
        return
    folder, slug = rel.split("/")[1], rel.rsplit("/", 1)[1].removesuffix(".md")
    organisations = OrganisationPage.objects.live().descendant_of(village).values_list(
        "slug", flat=True)
    from cms.publishing.exporting import site_yaml_text

    assert check_item(village.slug, site_yaml_text(village), folder, slug, text,
                      organisations) == []
    front, body = read_content_file(text)
    assert dump_content_file(front, body) == text


def offered_value(field, name: str):
    """A strategy of what an editor can put into a form field that offers its values
    (tick boxes, choices, numbers, dates typed in Dutch): form data, a list for several."""
    from django import forms

    from cms.core.forms import DutchDateField, DutchTimeField

    if isinstance(field, forms.ModelMultipleChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)]
        return st.lists(st.sampled_from(pks), unique=True) if pks else st.just([])
    if isinstance(field, forms.ModelChoiceField):
        pks = [str(pk) for pk in field.queryset.values_list("pk", flat=True)]
        return st.sampled_from(["", *pks])
    if isinstance(field, forms.ChoiceField):  # a language, a time zone
        return st.sampled_from([str(value) for value, _label in field.choices])
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["", "on"])
    if isinstance(field, DutchDateField):
        days = st.dates(min_value=date(1850, 1, 1), max_value=date(2250, 12, 31))
        return st.one_of(st.just(""), days.map(date.isoformat),
                         days.map(lambda d: f"{d.day}-{d.month}-{d.year}"), LINE)
    if isinstance(field, DutchTimeField):
        return st.one_of(st.just(""), st.times().map(lambda t: f"{t.hour}:{t.minute:02d}"),
                         LINE)
    if isinstance(field, forms.IntegerField):
        return st.one_of(st.just(""), st.integers(-40_000, 40_000).map(str))
    if isinstance(field, LinesField):  # an event's cancelled dates
        return st.lists(st.dates(min_value=date(1850, 1, 1), max_value=date(2250, 12, 31))
                        .map(date.isoformat), max_size=3).map("\n".join)
    raise AssertionError(f"no values for {name} ({type(field).__name__})")


def offered_fields(model, form) -> list[str]:
    """The form fields of the model's file table that offer their values rather than take
    typed text (those are in `fields_of`): what the property test below draws."""
    typed = {name for name, _spec in fields_of(model)}
    # The repeat rule is made by the agenda's own repeat fields (cms/agenda/tests/); the
    # picture is chosen from the library, and this test village has none.
    skipped = {"recurrence", "image", "logo"}
    names = {attr for spec in model.file_fields.values() for attr in spec.attributes}
    return sorted(name for name in names & set(form.fields) - typed - skipped)


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_whatever_the_form_offers_and_accepts_builds_and_is_written_back(
        model, pages, admin_user):
    """Choices, tick boxes, numbers and dates: anything the form accepts becomes a file
    the build reads without a problem, written back byte for byte; what it refuses it
    refuses with a message on the form."""
    page, posted = pages[model]
    village = VillageHomePage.objects.ancestor_of(page, inclusive=True).get()
    names = offered_fields(model, edit_form(model, page, posted, admin_user))

    @hypothesis_settings(max_examples=30, deadline=None,
                         suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                HealthCheck.too_slow])
    @given(data=st.data())
    def check(data):
        changed = posted.copy()
        form = edit_form(model, page, posted, admin_user)
        for name in data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3,
                                       unique=True), label="fields") if names else []:
            value = data.draw(offered_value(form.fields[name], name), label=name)
            if isinstance(value, list):
                changed.setlist(name, value)
            else:
                changed[name] = value
        form = edit_form(model, page, changed, admin_user)
        if not form.is_valid():
            event("refused")
            assert all(form.errors.values()), form.errors  # each refusal says why
            return
        event("accepted")
        written_back(model, form.instance, village)

    if names or model is PlainPage:
        check()
    assert names or model is PlainPage, f"{model.__name__} offers no values to try"
