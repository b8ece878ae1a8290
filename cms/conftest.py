"""Shared pytest set-up for every CMS test: Django with the test settings, and fixtures.

pytest-django provides `db`, `client`, `settings` and friends; the test settings are named
here as well as in pyproject.toml so `pytest cms/...` works from anywhere.
"""

from __future__ import annotations

import os

import django
import pytest
from hypothesis import settings as hypothesis_settings

# Property tests run the same examples on every machine and in CI: a failure is found by
# whoever changes the code, not by chance in a later run.
hypothesis_settings.register_profile("buurtportaal", derandomize=True, deadline=None)
hypothesis_settings.load_profile("buurtportaal")

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


def _compile_dutch_admin_texts() -> None:
    """`make install` compiles cms/locale; a plain `pytest` must not test without it."""
    import gettext
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from django.utils.translation import trans_real

    for po in (Path(__file__).parent / "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            part = mo.with_suffix(f".{os.getpid()}.part")  # xdist workers may race
            with po.open("rb") as source, part.open("wb") as target:
                write_mo(target, read_po(source))
            part.replace(mo)
            # django.setup() may have read the old file: forget it (Django's and gettext's cache)
            trans_real._translations = {}
            gettext._translations.clear()


_compile_dutch_admin_texts()
