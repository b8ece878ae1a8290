"""Shared pytest set-up for every CMS test: Django with the test settings, and fixtures.

pytest-django provides `db`, `client`, `settings` and friends; the test settings are named
here as well as in pyproject.toml so `pytest cms/...` works from anywhere.
"""

from __future__ import annotations

import copy
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


class SharedVillages:
    """Lindeveld and Hoogmeer built once and shared by the tests that ask for them, the way
    Django's `TestCase.setUpTestData` shares a class's data.

    The villages are built in an outer transaction that stays open; each test runs in a
    savepoint inside it (pytest-django's `db`) that is rolled back after the test, and
    gets its own deep copies of the page objects. So no row and no object a test changes
    reaches the next test. A test that uses the database without the villages, or
    transactionally (`transactional_db`, `live_server`), first has the outer transaction
    rolled back (`pytest_runtest_setup` below): it sees an empty database, as before; the
    next test that asks for the villages builds them again.
    """

    def __init__(self, blocker, folder):
        self.blocker = blocker
        self.folder = folder  # the portal folders while building: nothing may land there
        self.atomic = None
        self.trees = None
        self.pending: list[tuple] = []  # what the build left for after commit

    def open(self) -> None:
        """Build the villages in an outer transaction, unless that is open already."""
        from django.db import connection, transaction
        from django.test import override_settings

        from cms.testing import build_two_villages

        if self.atomic is not None and connection.in_atomic_block:
            return
        self.atomic = self.trees = None  # a transaction the connection lost is gone
        with self.blocker.unblock():
            if connection.in_atomic_block:
                raise RuntimeError("two_villages must be built before the test's own "
                                   "transaction: ask for it with `db`, not the django_db mark")
            atomic = transaction.atomic()
            atomic._from_testcase = True  # as TestCase's: durable blocks may nest in it
            atomic.__enter__()
            self.atomic = atomic
            try:
                with override_settings(PORTAL_CONTENT_ROOT=self.folder / "content",
                                       PORTAL_BUILD_ROOT=self.folder / "build",
                                       PORTAL_PREVIEW_ROOT=self.folder / "preview"):
                    self.trees = build_two_villages()
            except BaseException:
                self.close()
                raise
            # The publishes queued their content files for after a commit that never
            # comes; each test gets them queued again inside its own transaction.
            self.pending = list(connection.run_on_commit)
            connection.run_on_commit.clear()
        assert not any(self.folder.iterdir()), "building the villages wrote files"

    def close(self) -> None:
        """Roll the villages back, leaving the database as the migrations made it."""
        from django.db import connection, transaction

        if self.atomic is not None and connection.in_atomic_block:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
        self.atomic = self.trees = None
        self.pending = []

    def for_test(self):
        """The villages for one test, inside its transaction: fresh copies of the objects,
        the build's after-commit work queued again and no cache of an earlier test."""
        from django.core.cache import caches
        from django.db import connection, transaction

        from cms.publishing.batch import PublishBatch

        blocks = connection.atomic_blocks
        if self.atomic is None or len(blocks) < 2 or blocks[0] is not self.atomic:
            raise RuntimeError("two_villages: the test's transaction is not inside the "
                               "villages' one")
        for cache in caches.all():
            cache.clear()  # rolled back rows of an earlier test may be cached (site roots)
        for _savepoints, callback, robust in self.pending:
            if isinstance(callback, PublishBatch):
                batch = PublishBatch()  # a test adds to the batch: each has its own
                batch.operations, batch.villages = (list(callback.operations),
                                                    list(callback.villages))
                callback = batch
            transaction.on_commit(callback, robust=robust)
        return copy.deepcopy(self.trees)


_SHARED_VILLAGES = pytest.StashKey[SharedVillages]()


def _transactional(item) -> bool:
    from pytest_django.plugin import validate_django_db

    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    marked = validate_django_db(marker) if marker else None
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(names)
                or (marked and (marked.transaction or marked.reset_sequences)))


def _shares_villages(item) -> bool:
    return "two_villages" in getattr(item, "fixturenames", ()) and not _transactional(item)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture of a test that uses the database without the shared villages,
    roll them back: it must not see them, and a transactional test cannot run inside them."""
    shared = item.config.stash.get(_SHARED_VILLAGES, None)
    names = getattr(item, "fixturenames", ())
    uses_database = ("_django_db_helper" in names or "live_server" in names
                     or item.get_closest_marker("django_db") is not None)
    if shared is not None and uses_database and not _shares_villages(item):
        shared.close()


@pytest.fixture(scope="session")
def _shared_villages(request, django_db_setup, django_db_blocker, tmp_path_factory):
    shared = SharedVillages(django_db_blocker, tmp_path_factory.mktemp("shared-villages"))
    request.config.stash[_SHARED_VILLAGES] = shared
    yield shared
    shared.close()
    del request.config.stash[_SHARED_VILLAGES]


@pytest.fixture(autouse=True)
def _open_shared_villages(request):
    """Autouse fixtures run before the others of their scope, so the villages' transaction
    is open before pytest-django's `db` opens the test's own inside it."""
    if _shares_villages(request.node):
        request.getfixturevalue("_shared_villages").open()


@pytest.fixture
def two_villages(request, db):
    """Two small villages, Lindeveld and Hoogmeer, with roles (see cms.testing): built
    once per test process (`SharedVillages`), fresh objects and rows for every test."""
    if _transactional(request.node):
        from cms.testing import build_two_villages

        return build_two_villages()  # its rows are flushed after the test: build them now
    return request.getfixturevalue("_shared_villages").for_test()


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
