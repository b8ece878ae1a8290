"""Hardening of the CMS (issue 11, finding 8): log-in throttling, Content-Security-Policy,
previews without the admin's privileges, no original uploads under /media/."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

PASSWORD = "juist-wachtwoord-42"


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(
        "marieke", "marieke@example.nl", PASSWORD, is_staff=True, is_superuser=True)


def log_in(client, password: str):
    return client.post(reverse("wagtailadmin_login"),
                       {"username": "marieke", "password": password})


# --------------------------------------------------------------------------------------
# Log-in throttling (django-axes). Test settings switch axes off because the test
# Client's login() passes no request; these tests switch it on and use the real form.


@override_settings(AXES_ENABLED=True)
def test_the_right_password_is_refused_after_six_wrong_ones(client, editor):
    for _attempt in range(6):
        response = log_in(client, "fout")
        assert "_auth_user_id" not in client.session
    assert response.status_code == 429

    response = log_in(client, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Te veel mislukte pogingen om in te loggen" in response.text
    assert "15 minuten" in response.text


@override_settings(AXES_ENABLED=True)
def test_right_passwords_never_lock_anyone_out(client, editor):
    for _attempt in range(10):
        assert log_in(client, PASSWORD).status_code == 302
        client.logout()


@override_settings(AXES_ENABLED=True)
def test_an_admin_lifts_the_lock(client, editor):
    for _attempt in range(6):
        log_in(client, "fout")
    assert log_in(client, PASSWORD).status_code == 429

    call_command("axes_reset_username", "marieke")

    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


# --------------------------------------------------------------------------------------
# Content-Security-Policy of the CMS (django-csp)


def policy_of(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    return {part.split(" ", 1)[0]: part.partition(" ")[2]
            for part in (p.strip() for p in header.split(";")) if part}


def test_every_cms_response_has_the_policy(client, editor):
    for response in (client.get(reverse("wagtailadmin_login")),
                     client.get("/uitnodiging/onzin/")):
        policy = policy_of(response)
        assert policy["default-src"] == "'self'"
        # No inline script, never another origin, never eval: only the CMS's own files.
        # The admin views whose widgets start inline are relaxed one by one
        # (cms/core/csp.py, test_csp.py).
        assert policy["script-src"] == "'self'"
        assert policy["connect-src"] == "'self'"
        assert policy["img-src"] == "'self' data: blob:"
        assert policy["object-src"] == "'none'"
        assert policy["frame-ancestors"] == "'self'"
        assert policy["base-uri"] == "'self'"
        assert policy["form-action"] == "'self'"
        assert "sandbox" not in policy


# --------------------------------------------------------------------------------------
# Previews without the admin's privileges


@pytest.fixture
def exported_village(two_villages, settings):
    import io
    from pathlib import Path

    from cms.publishing.exporting import export_content

    assert export_content(Path(settings.PORTAL_CONTENT_ROOT), report=io.StringIO()) == 0
    return two_villages[0]


def test_previews_are_sandboxed(client, exported_village):
    from urllib.parse import urlencode

    from cms.accounts.roles import create_connector

    connector = create_connector(exported_village.home, "sanne", "sanne@example.org",
                                 PASSWORD)
    client.force_login(connector)
    draft = exported_village.organisation.specific
    stored = draft.create_page_preview()
    query = urlencode({"content_type": draft.get_content_type_str(), "token": stored.token})

    redirect = client.get(f"/voorvertoning/?{query}")
    assert redirect.status_code == 302
    page = client.get(redirect["Location"])

    for response in (redirect, page):
        policy = policy_of(response)
        # An opaque origin: scripts run, but never with the editor's session.
        assert policy["sandbox"] == "allow-scripts"
        assert policy["frame-ancestors"] == "'self'"
        assert policy["form-action"] == "'none'"
        assert "'unsafe-inline'" not in policy["script-src"]
    assert page.status_code == 200


# --------------------------------------------------------------------------------------
# Original uploads are never served


def test_originals_are_not_served_even_with_debug(client, db, settings, tmp_path, monkeypatch):
    import importlib.util
    import sys

    from django.urls import clear_url_caches

    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "foto.jpg").write_bytes(b"JPEG with EXIF")
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "foto.max-165x165.jpg").write_bytes(b"JPEG, resized")
    # cms.urls as it is read with DEBUG on (the static() patterns are made at import).
    settings.DEBUG = True
    spec = importlib.util.find_spec("cms.urls")
    debug_urls = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(debug_urls)
    monkeypatch.setitem(sys.modules, "cms_urls_with_debug", debug_urls)
    settings.ROOT_URLCONF = "cms_urls_with_debug"
    clear_url_caches()

    assert client.get("/media/original_images/foto.jpg").status_code == 404
    assert client.get("/media/images/foto.max-165x165.jpg").status_code == 200
    # Django's static view refuses a path out of its folder as a suspicious operation.
    assert client.get("/media/images/../original_images/foto.jpg").status_code == 400
    clear_url_caches()
