"""The running demo the acceptance tests drive: the real processes of `portal demo` (CMS,
worker, scheduler, portal server) on free ports, once per test run and database backend."""

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


@pytest.fixture(scope="session")
def running_demos(tmp_path_factory):
    """The demos started so far in this test process, by backend, all stopped at its end.

    Kept here rather than in a parametrized fixture: pytest keeps one parameter of a
    fixture at a time and xdist runs other tests between these on the same worker, so a
    parametrized demo was stopped and started again two or three times per backend in
    `make test` (60-120 s each). A demo is started the first time a test asks for it."""
    with contextlib.ExitStack() as stack:
        demos: dict = {}

        def start(backend: str):
            if backend not in demos:
                folder = tmp_path_factory.mktemp(f"demo-{backend}")
                content = folder / "repo-content"
                shutil.copytree(REPO_ROOT / "content", content)
                overrides = {}
                if backend == "postgresql":
                    try:
                        overrides["DATABASE_URL"] = stack.enter_context(throwaway_postgres())
                    except PostgresMissing as missing:
                        pytest.fail(str(missing))
                running = start_demo(folder / "var", content, env_overrides=overrides,
                                     timeout=120, report=None)
                stack.callback(running.stop)
                demos[backend] = running
            return demos[backend]

        yield start


@pytest.fixture(params=BACKENDS)
def demo(request, running_demos):
    """A running demo with SQLite (the demo's own database) or a throwaway PostgreSQL."""
    return running_demos(request.param)
