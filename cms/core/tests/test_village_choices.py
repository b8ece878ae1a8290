"""A page refers only to its own village: the editor offers no other village's choices."""

from __future__ import annotations

from cms.agenda.models import EventPage
from cms.socialmap.models import OrganisationPage
from cms.stories.models import StoryPage


def form_for(model, page, admin_user):
    form_class = model.get_edit_handler().get_form_class()
    return form_class(instance=page, parent_page=page.get_parent(), for_user=admin_user)


def test_categories_and_organisations_come_from_the_page_s_own_village(two_villages,
                                                                       admin_user):
    lindeveld, hoogmeer = two_villages
    org_form = form_for(OrganisationPage, lindeveld.organisation, admin_user)
    assert set(org_form.fields["categories"].queryset) == set(lindeveld.categories.values())
    event_form = form_for(EventPage, lindeveld.event, admin_user)
    assert set(event_form.fields["organiser"].queryset) == set(
        lindeveld.organisations.values())
    story_form = form_for(StoryPage, hoogmeer.story, admin_user)
    assert set(story_form.fields["organisations"].queryset) == set(
        hoogmeer.organisations.values())


def test_a_new_page_gets_the_choices_of_the_village_it_is_added_to(two_villages, admin_user):
    _, hoogmeer = two_villages
    form_class = EventPage.get_edit_handler().get_form_class()
    form = form_class(instance=EventPage(), parent_page=hoogmeer.agenda, for_user=admin_user)
    assert {c.slug for c in form.fields["categories"].queryset} == {"zorg", "sport"}
    assert all(c.village_id == hoogmeer.home.pk for c in form.fields["categories"].queryset)
