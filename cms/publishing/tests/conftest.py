"""Fixtures of the publishing tests: villages as they are after a first export and build,
and a PostgreSQL database of their own."""

from __future__ import annotations

import pytest
from django.conf import settings

from cms.publishing.exporting import export_content
from cms.publishing.tests.test_pipeline import commit_pending
from cms.testing_postgres import PostgresMissing, throwaway_postgres
from sitegen.build import BuildOptions, build_village


@pytest.fixture
def published(two_villages):
    """Both villages written to content/ and built, as after a first `portal export`."""
    commit_pending()
    export_content(settings.PORTAL_CONTENT_ROOT)
    for village in ("lindeveld", "hoogmeer"):
        result = build_village(BuildOptions(content_root=settings.PORTAL_CONTENT_ROOT,
                                            out=settings.PORTAL_BUILD_ROOT), village)
        assert result.built, result.error
    return two_villages


@pytest.fixture
def postgres_url():
    """A throwaway PostgreSQL cluster on a free localhost port, removed afterwards."""
    try:
        with throwaway_postgres() as url:
            yield url
    except PostgresMissing as missing:
        pytest.fail(str(missing))
