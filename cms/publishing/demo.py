"""`portal demo`: everything a newcomer needs on localhost, started by one command.

A working copy of the demo content and a SQLite database live in `var/demo/` (delete the
folder to start afresh). The CMS, its task worker, the scheduler and a static server for
the portals run as child processes until Ctrl+C.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
DEMO_DIR = REPO_ROOT / "var" / "demo"
PORTALS_PORT = 8000
CMS_PORT = 8001
DEMO_LOGINS = [
    # (role shown to the newcomer, username, password)
    ("gemeente (beheert alle dorpen)", "gemeente", "demo-gemeente-2026"),
    ("buurtverbinder van het eerste dorp", "verbinder", "demo-verbinder-2026"),
    ("organisatie (eigen pagina en activiteiten)", "organisatie", "demo-organisatie-2026"),
]


def demo_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{DEMO_DIR / 'db.sqlite3'}",
        "PORTAL_CONTENT_ROOT": str(DEMO_DIR / "content"),
        "PORTAL_MEDIA_ROOT": str(DEMO_DIR / "media"),
        "PORTAL_BUILD_ROOT": str(REPO_ROOT / "build"),
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{CMS_PORT}",
    })
    return env


def portal(*args: str) -> list[str]:
    return [sys.executable, "-m", "sitegen.cli", *args]


def manage(*args: str) -> list[str]:
    return [sys.executable, str(REPO_ROOT / "cms" / "manage.py"), *args]


def prepare(content: Path, env: dict[str, str]) -> None:
    """Create the database and import the demo content the first time; build every time."""
    if not (DEMO_DIR / "db.sqlite3").exists():
        shutil.rmtree(DEMO_DIR, ignore_errors=True)
        DEMO_DIR.mkdir(parents=True)
        shutil.copytree(content, DEMO_DIR / "content")
        print("Database maken en de demo-inhoud importeren ...", file=sys.stderr)
        subprocess.run(portal("import", "--content", str(DEMO_DIR / "content")), env=env,
                       check=True, cwd=REPO_ROOT)
        subprocess.run(manage("create_demo_users", *[f"{u}:{p}" for _r, u, p in DEMO_LOGINS]),
                       env=env, check=True, cwd=REPO_ROOT)
    else:
        subprocess.run(manage("migrate", "--noinput", "-v0"), env=env, check=True,
                       cwd=REPO_ROOT)
    print("Portalen bouwen ...", file=sys.stderr)
    subprocess.run(portal("build", "--content", str(DEMO_DIR / "content"),
                          "--out", env["PORTAL_BUILD_ROOT"]), env=env, cwd=REPO_ROOT)


def run_demo(content: Path) -> int:
    """Prepare, start the four processes, print addresses and log-ins, wait for Ctrl+C."""
    env = demo_environment()
    prepare(content, env)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    processes = [
        subprocess.Popen(manage("runserver", f"127.0.0.1:{CMS_PORT}", "--noreload"),
                         env=env, cwd=REPO_ROOT, **quiet),
        subprocess.Popen(manage("db_worker"), env=env, cwd=REPO_ROOT, **quiet),
        subprocess.Popen(manage("run_scheduler"), env=env, cwd=REPO_ROOT, **quiet),
        subprocess.Popen([sys.executable, "-m", "http.server", str(PORTALS_PORT), "--bind",
                          "127.0.0.1", "--directory", env["PORTAL_BUILD_ROOT"]],
                         env=env, cwd=REPO_ROOT, **quiet),
    ]
    villages = sorted(p.name for p in (DEMO_DIR / "content").iterdir()
                      if (p / "site.yaml").is_file())
    print("\nbuurtportaal draait.\n", file=sys.stderr)
    print(f"  CMS (Wagtail):  http://127.0.0.1:{CMS_PORT}/admin/", file=sys.stderr)
    for slug in villages:
        print(f"  Portaal:        http://127.0.0.1:{PORTALS_PORT}/{slug}/", file=sys.stderr)
    print("\n  Inloggen in het CMS:", file=sys.stderr)
    for role, username, password in DEMO_LOGINS:
        print(f"    {username:<12} {password:<24} {role}", file=sys.stderr)
    print(f"\n  Opnieuw beginnen: stop met Ctrl+C en verwijder {DEMO_DIR}\n", file=sys.stderr)
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(1)
        print("Een van de processen is gestopt; de demo stopt.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for p in processes:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in processes:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
