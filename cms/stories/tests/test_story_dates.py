"""A story's date is read like every date of the CMS (cms.core.dutchdates): a year the portal
does not build is refused on the field when a draft is saved, not later at publishing."""

from __future__ import annotations

import pytest

from cms.testing import page_form_data


@pytest.mark.parametrize("typed", ["01-01-0001", "1 november 2300"])
def test_a_story_draft_dated_outside_the_years_is_refused(two_villages, admin_client, typed):
    lindeveld, _ = two_villages
    story = lindeveld.story
    url, data = page_form_data(admin_client, page=story, date=typed)
    response = admin_client.post(url, data)  # "Concept opslaan": no publish button
    assert response.status_code == 200, "the draft was saved"
    message = response.context["form"].errors["date"][0]
    assert message.startswith("Publicatiedatum: ‘")
    assert "kies een jaar van 1900 tot en met 2200" in message
    assert response.context["form"]["date"].value() == typed
    assert {revision.as_object().date.year for revision in story.revisions.all()} == {2026}
