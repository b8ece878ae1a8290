"""The running demo the acceptance tests drive: the real processes of `portal demo` (CMS,
worker, scheduler, portal server) on free ports, once per module and database backend."""

from __future__ import annotations

import contextlib
import shutil

import pytest

from cms.publishing.demo import REPO_ROOT, start_demo
from cms.testing_postgres import PostgresMissing, throwaway_postgres

BACKENDS = ["sqlite", "postgresql"]


def pytest_collection_modifyitems(items):
    """Each backend's tests run on one xdist worker (`--dist loadgroup` in the Makefile), so
    each demo is started once; the two backends may run side by side."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("demo") in BACKENDS:
            item.add_marker(pytest.mark.xdist_group(f"e2e-{callspec.params['demo']}"))


@pytest.fixture(scope="module", params=BACKENDS)
def demo(request, tmp_path_factory):
    """A running demo with SQLite (the demo's own database) or a throwaway PostgreSQL."""
    folder = tmp_path_factory.mktemp(f"demo-{request.param}")
    content = folder / "repo-content"
    shutil.copytree(REPO_ROOT / "content", content)
    with contextlib.ExitStack() as stack:
        overrides = {}
        if request.param == "postgresql":
            try:
                overrides["DATABASE_URL"] = stack.enter_context(throwaway_postgres())
            except PostgresMissing as missing:
                pytest.fail(str(missing))
        running = start_demo(folder / "var", content, env_overrides=overrides, timeout=120,
                             report=None)
        stack.callback(running.stop)
        yield running
