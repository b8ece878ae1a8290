"""Shared pytest set-up for every CMS test: Django with the test settings, and fixtures.

pytest-django provides `db`, `client`, `settings` and friends; the test settings are named
here as well as in pyproject.toml so `pytest cms/...` works from anywhere.
"""

from __future__ import annotations

import os

import django
import pytest

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()


@pytest.fixture(autouse=True)
def _portal_roots(settings, tmp_path_factory):
    """Published content and builds of a test go to its own temporary folders, never to
    the repository's content/ and build/ (a test may set other folders itself)."""
    base = tmp_path_factory.mktemp("portal")
    settings.PORTAL_CONTENT_ROOT = base / "content"
    settings.PORTAL_BUILD_ROOT = base / "build"
    settings.PORTAL_PREVIEW_ROOT = base / "preview"


@pytest.fixture
def two_villages(db):
    """Two small villages, Lindeveld and Hoogmeer, with roles (see cms.testing)."""
    from cms.testing import build_two_villages

    return build_two_villages()
