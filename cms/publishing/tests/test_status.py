"""Editors see what happened: after a publish, the page and the dashboard say in Dutch
when the portal was updated, that it is being updated, or why a page is not on it."""

from __future__ import annotations

from django.contrib.auth import get_user_model

import sitegen.build
from cms.accounts.roles import create_connector, create_organisation_account
from cms.publishing import builds
from cms.publishing.models import BuildRequest
from cms.publishing.status import FAILED, LIVE, OFFLINE, PENDING, PROBLEM, page_status
from cms.publishing.tests.test_pipeline import commit_pending
from cms.testing import page_form_data

PASSWORD = "een-lang-wachtwoord-2026"


def publish(page, capture, **changes) -> None:
    draft = page.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    with capture(execute=True):
        draft.save_revision().publish()
    page.refresh_from_db()


def test_a_published_page_says_since_when_it_is_on_the_portal(
        published, admin_client, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    publish(org, django_capture_on_commit_callbacks, summary="Nieuw: soep op vrijdag.")
    status = page_status(org)
    assert status.state == LIVE
    assert status.message.startswith("Staat op het portaal sinds vandaag om")
    assert status.portal_url == "https://lindeveld.example.org/sociale-kaart/buurthuis/"
    edit = admin_client.get(f"/admin/pages/{org.pk}/edit/").content.decode()
    assert 'id="portal-status"' in edit and "Staat op het portaal sinds" in edit


def test_while_the_worker_builds_the_page_says_it_is_being_updated(
        published, monkeypatch, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    monkeypatch.setattr(builds, "_enqueue", lambda village, delay=None: None)
    publish(org, django_capture_on_commit_callbacks, summary="Nog onderweg.")
    status = page_status(org)
    assert status.state == PENDING and not status.settled
    assert "Het portaal wordt nu bijgewerkt" in status.message


def test_a_page_the_build_left_out_says_why_naming_the_field_in_dutch(
        published, settings, admin_client, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    publish(org, django_capture_on_commit_callbacks, summary="Eerst goed.")
    # Someone edits the content file by hand; the next build leaves the page out.
    path = settings.PORTAL_CONTENT_ROOT / "lindeveld" / "organisations" / "buurthuis.md"
    path.write_text(path.read_text("utf-8").replace("summary: Eerst goed.",
                                                    "summary: <b>vet</b>"), "utf-8")
    builds.enqueue_build("lindeveld")
    status = page_status(org)
    assert status.state == PROBLEM, status
    assert status.message.startswith("Niet op het portaal")
    [detail] = status.details
    assert detail.startswith("in één zin: ") and "HTML" in detail
    assert "must be" not in detail, "the build's English message is translated"

    dashboard = admin_client.get("/admin/").content.decode()
    assert "Portalen" in dashboard and "onderdelen zijn weggelaten" in dashboard
    assert f'href="/admin/pages/{org.pk}/edit/"' in dashboard


def test_a_failed_build_is_shown_with_the_attempt_and_that_it_is_retried(
        published, monkeypatch, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    monkeypatch.setattr(sitegen.build, "build_village",
                        lambda *args: (_ for _ in ()).throw(OSError(28, "Schijf vol")))
    publish(org, django_capture_on_commit_callbacks, summary="Na de storing.")
    status = page_status(org)
    assert status.state == FAILED
    assert "poging 1" in status.message and "opnieuw geprobeerd" in status.message
    assert BuildRequest.objects.get(village="lindeveld").failures == 1
    # The error itself may name server paths: only the municipality's admins see it.
    assert "Schijf vol" not in " ".join(status.details)
    assert "logboek" in status.details[0]
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", PASSWORD)
    assert "Schijf vol" in page_status(org, admin).details[0]


def test_a_section_page_does_not_take_on_the_villages_problems(published, settings):
    lindeveld = published[0]
    site = settings.PORTAL_CONTENT_ROOT / "lindeveld" / "site.yaml"
    assert "map:" not in site.read_text("utf-8")
    site.write_text(site.read_text("utf-8") + "map:\n  zoom: 99\n", "utf-8")
    builds.enqueue_build("lindeveld")
    assert BuildRequest.objects.get(village="lindeveld").problems, "site.yaml has one"
    assert page_status(lindeveld.home).state == PROBLEM
    assert page_status(lindeveld.agenda).state == LIVE


def test_an_unpublished_page_says_it_is_not_on_the_portal(published):
    org = published[0].organisations["voedselbank"]
    org.unpublish()
    commit_pending()
    assert page_status(org).state == OFFLINE


def test_the_status_is_asked_for_by_those_who_may_edit_the_page(published, client):
    lindeveld = published[0]
    org = lindeveld.organisations["buurthuis"]
    create_organisation_account(lindeveld.organisations["voedselbank"], "vb",
                                "vb@example.org", PASSWORD)
    create_connector(lindeveld.home, "verbinder", "v@example.org", PASSWORD)
    client.login(username="vb", password=PASSWORD)
    assert client.get(f"/admin/portaal-status/pagina/{org.pk}/").status_code == 403
    client.login(username="verbinder", password=PASSWORD)
    answer = client.get(f"/admin/portaal-status/pagina/{org.pk}/").json()
    assert set(answer) == {"state", "settled", "html"} and "<strong>" in answer["html"]


def test_after_publishing_in_the_admin_the_editor_is_told_the_portal_follows(
        published, admin_client, django_capture_on_commit_callbacks):
    org = published[0].organisations["buurthuis"]
    url, data = page_form_data(admin_client, page=org, summary="Via het formulier.")
    data["action-publish"] = "action-publish"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, data, follow=True)
    assert "Het portaal wordt bijgewerkt" in response.content.decode()
    assert page_status(org).state == LIVE


def test_an_event_whose_organiser_was_left_out_is_live_with_a_note(
        published, settings, django_capture_on_commit_callbacks):
    lindeveld = published[0]
    org = lindeveld.organisations["buurthuis"]
    publish(org, django_capture_on_commit_callbacks, summary="Eerst goed.")
    path = settings.PORTAL_CONTENT_ROOT / "lindeveld" / "organisations" / "buurthuis.md"
    path.write_text(path.read_text("utf-8").replace("summary: Eerst goed.",
                                                    "summary: <b>vet</b>"), "utf-8")
    builds.enqueue_build("lindeveld")
    assert page_status(org).state == PROBLEM
    event = page_status(lindeveld.event)
    assert event.state == LIVE, event
    assert any(detail.startswith("Let op: ") for detail in event.details), event.details
