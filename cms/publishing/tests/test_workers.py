"""Builds spread over several workers through the one task queue on PostgreSQL, as a
municipality with many villages runs them (docs/DEPLOY.md, "Many villages"): two
`db_worker` processes take one village each and build them at the same time, each into its
own folder, without waiting for or disturbing the other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from sitegen.seed import seed

REPO = Path(__file__).resolve().parents[3]

QUEUE_BOTH = """
import django
django.setup()
from cms.publishing.builds import enqueue_build
for village in {villages!r}:
    enqueue_build(village)
"""

WHAT_WAS_BUILT = """
import json
import django
django.setup()
from django_tasks_db.models import DBTaskResult
from cms.publishing.models import BuildRequest
print(json.dumps({
    "requests": [
        {"village": r.village, "started": r.started_at.isoformat() if r.started_at else None,
         "finished": r.finished_at.isoformat() if r.finished_at else None,
         "status": r.status, "error": r.error}
        for r in BuildRequest.objects.order_by("village")],
    "tasks": [{"workers": t.worker_ids, "status": t.status, "args": t.args_kwargs}
              for t in DBTaskResult.objects.all()],
}))
"""


def test_two_workers_build_two_villages_at_once_on_postgresql(postgres_url, tmp_path):
    content = tmp_path / "seeded"
    summary = seed(content, villages=2, organisations=500, events=100, interviews=10, seed=3)
    villages = list(summary.village_slugs)
    env = {**os.environ, "DATABASE_URL": postgres_url,
           "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
           "PORTAL_MEDIA_ROOT": str(tmp_path / "media"),
           "PORTAL_CONTENT_ROOT": str(content),  # what was imported is what is published
           "PORTAL_BUILD_ROOT": str(tmp_path / "build"),
           "PORTAL_PREVIEW_ROOT": str(tmp_path / "preview")}

    def run(*args: str, timeout: int = 600) -> str:
        done = subprocess.run(list(args), env=env, cwd=REPO, capture_output=True, text=True,
                              timeout=timeout)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    run(sys.executable, "-m", "sitegen.cli", "import", "--content", str(content))
    # Build workers take the builds' queue only (Wagtail's reference-index tasks from the
    # import wait in "default"); each takes one task and ends, so the two villages are
    # built by two workers.
    workers = [subprocess.Popen(
        [sys.executable, str(REPO / "cms" / "manage.py"), "db_worker", "--no-reload",
         "--queue-name", "builds", "--no-startup-delay", "--max-tasks", "1",
         "--worker-id", f"worker-{n}"],
        env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for n in (1, 2)]
    try:
        run(sys.executable, "-c", QUEUE_BOTH.format(villages=villages))
        for worker in workers:
            worker.wait(timeout=300)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    assert [w.returncode for w in workers] == [0, 0], [
        w.stderr.read().decode()[-2000:] for w in workers]

    built = json.loads(run(sys.executable, "-c", WHAT_WAS_BUILT))
    builds = [t for t in built["tasks"] if t["workers"]]
    assert sorted(w for t in builds for w in t["workers"]) == ["worker-1", "worker-2"]
    assert sorted(a for t in builds for a in t["args"]["args"]) == sorted(villages)
    assert all(t["status"] == "SUCCESSFUL" for t in builds), builds
    # Wagtail's own tasks were left to the default queue's worker.
    assert any(not t["workers"] for t in built["tasks"])
    requests = built["requests"]
    assert [r["village"] for r in requests] == sorted(villages)
    assert all(r["status"] == 0 and r["error"] == "" for r in requests), requests
    first, second = ((datetime.fromisoformat(r["started"]), datetime.fromisoformat(r["finished"]))
                     for r in requests)
    assert first[0] < second[1] and second[0] < first[1], "the two builds did not overlap"
    for village in villages:
        site = tmp_path / "build" / village
        assert (site / "index.html").is_file()
        assert (site / "zoeken" / "index" / "meta.json").is_file()
        # Its own organisations, every one, and none of the other village's.
        own = {p.stem for p in (content / village / "organisations").glob("*.md")}
        pages = {p.parent.name for p in (site / "sociale-kaart").glob("*/index.html")}
        assert pages - {"categorie"} == own, village

    # A worker of both queues (as `portal demo` runs one) takes a build before the
    # reference-index tasks that waited longer: a publish does not queue behind them.
    run(sys.executable, "-c", QUEUE_BOTH.format(villages=villages[:1]))
    run(sys.executable, str(REPO / "cms" / "manage.py"), "db_worker", "--no-reload",
        "--queue-name", "default,builds", "--no-startup-delay", "--max-tasks", "1",
        "--worker-id", "worker-3")
    after = json.loads(run(sys.executable, "-c", WHAT_WAS_BUILT))
    [third] = [t for t in after["tasks"] if t["workers"] == ["worker-3"]]
    assert third["args"]["args"] == villages[:1] and third["status"] == "SUCCESSFUL"
