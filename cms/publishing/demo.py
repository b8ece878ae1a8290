"""`portal demo`: everything a newcomer needs on localhost, started by one command.

`start_demo` does the work and is what browser tests use to run the real processes exactly
as the demo does: in a folder `base` it keeps a working copy of the content whose villages
point their `base_url` at the local portal server, a SQLite database (or the one
`DATABASE_URL` names), the built portals and a log per process; it prepares the database
the first time, builds, starts the CMS, its task worker, the scheduler and the portal
server, and returns once the CMS and the portals answer. `run_demo` is `make demo`: the
same in `var/demo/` (delete the folder to start afresh) on ports 8001 and 8000, with a
banner, until Ctrl+C.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
DEMO_DIR = REPO_ROOT / "var" / "demo"
HOST = "127.0.0.1"
PORTALS_PORT = 8000
CMS_PORT = 8001
DEMO_LOGINS = [
    # (role shown to the newcomer, username, password)
    ("gemeente (beheert alle dorpen)", "gemeente", "demo-gemeente-2026"),
    ("buurtverbinder van het eerste dorp", "verbinder", "demo-verbinder-2026"),
    ("organisatie (eigen pagina en activiteiten)", "organisatie", "demo-organisatie-2026"),
]
# The long-running processes, in the order they start; each logs to logs/<name>.log.
PROCESS_NAMES = ("cms", "worker", "scheduler", "portals")
BASE_URL_LINE = re.compile(r"^base_url:.*$", re.MULTILINE)


class DemoError(RuntimeError):
    """The demo could not start; the message (Dutch, for the newcomer) names the log."""


@dataclass
class RunningDemo:
    """The running processes of a demo and where to reach and read them.

    Addresses have no trailing slash: `cms_url + "/admin/"`, `portal_url + "/<village>/"`.
    """

    base: Path
    cms_url: str
    portal_url: str
    log_dir: Path
    build_dir: Path
    content_dir: Path
    villages: list[str]
    env: dict[str, str]  # the environment the processes run with
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)  # name -> process

    def log_of(self, name: str) -> Path:
        """The log file of process `name` (one of PROCESS_NAMES)."""
        return self.log_dir / f"{name}.log"

    def exited(self) -> list[str]:
        """The names of the processes that have stopped."""
        return [name for name, process in self.processes.items()
                if process.poll() is not None]

    def stop(self, timeout: float = 10) -> None:
        """Stop every process (SIGTERM, then SIGKILL after `timeout` seconds)."""
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self) -> RunningDemo:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def free_port() -> int:
    """A TCP port on localhost that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def port_is_free(port: int) -> bool:
    """True if nothing listens on `port` of localhost."""
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) != 0


def demo_environment(base: Path, cms_url: str, env_overrides: dict[str, str] | None = None,
                     portal_url: str = "") -> dict[str, str]:
    """The environment of every demo process: its database, folders and addresses."""
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{base / 'db.sqlite3'}",
        "PORTAL_CONTENT_ROOT": str(base / "content"),
        "PORTAL_MEDIA_ROOT": str(base / "media"),
        "PORTAL_BUILD_ROOT": str(base / "build"),
        "PORTAL_PREVIEW_ROOT": str(base / "preview"),
        "WAGTAILADMIN_BASE_URL": cms_url,
        # A village made with "Nieuw dorp" is served by the demo's portal server too.
        "PORTAL_BASE_URL_PATTERN": f"{portal_url}/{{slug}}/",
        "PYTHONUNBUFFERED": "1",  # log lines reach the log files as they happen
    })
    env.update(env_overrides or {})
    return env


def portal(*args: str) -> list[str]:
    return [sys.executable, "-m", "sitegen.cli", *args]


def manage(*args: str) -> list[str]:
    return [sys.executable, str(REPO_ROOT / "cms" / "manage.py"), *args]


def point_villages_at(content: Path, portal_url: str) -> bool:
    """Set each village's `base_url` in `content/<village>/site.yaml` to its address on the
    local portal server, changing only that line; True if any file changed."""
    changed = False
    for site_file in sorted(content.glob("*/site.yaml")):
        text = site_file.read_text("utf-8")
        line = f"base_url: {portal_url}/{site_file.parent.name}/"
        new = (BASE_URL_LINE.sub(line, text, count=1) if BASE_URL_LINE.search(text)
               else f"{line}\n{text}")
        if new != text:
            site_file.write_text(new, "utf-8")
            changed = True
    return changed


def prepare(base: Path, content: Path, portal_url: str, env: dict[str, str],
            report: TextIO | None = sys.stderr) -> None:
    """Create the database and import the demo content the first time; build every time.

    With SQLite a missing database file means "the first time"; with another database
    (`DATABASE_URL` in `env`) a missing working copy of the content does. The build needs
    only the files, so it runs beside the database work (`logs/build.log`); the output of
    the other steps goes to `logs/prepare.log`.
    """
    sqlite = env["DATABASE_URL"].startswith("sqlite:")
    working_copy = base / "content"
    fresh = not (base / "db.sqlite3").exists() if sqlite else not working_copy.is_dir()
    logs = base / "logs"

    def say(text: str) -> None:
        if report is not None:
            print(text, file=report, flush=True)

    def start(command: list[str], log: Path, mode: str = "a") -> subprocess.Popen:
        with log.open(mode, encoding="utf-8") as out:
            out.write(f"$ {' '.join(command)}\n")
            out.flush()
            return subprocess.Popen(command, env=env, cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=subprocess.STDOUT)

    def finish(process: subprocess.Popen, log: Path, ok: tuple[int, ...] = (0,)) -> None:
        if process.wait() not in ok:
            raise DemoError(f"Voorbereiden mislukt (code {process.returncode}): "
                            f"{' '.join(process.args[1:4])} ...; zie {log}")

    def step(command: list[str], ok: tuple[int, ...] = (0,)) -> None:
        finish(start(command, logs / "prepare.log"), logs / "prepare.log", ok)

    (logs / "prepare.log").write_text("", "utf-8")
    if fresh:
        for stale in ("content", "media", "build", "preview", "db.sqlite3",
                      "db.sqlite3-wal", "db.sqlite3-shm"):
            path = base / stale
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        shutil.copytree(content, working_copy)
    moved = point_villages_at(working_copy, portal_url)
    say("Portalen bouwen ...")
    build = start(portal("build", "--content", str(working_copy),
                         "--out", env["PORTAL_BUILD_ROOT"]), logs / "build.log", mode="w")
    try:
        if fresh:
            say("Database maken en de demo-inhoud importeren ...")
            step(portal("import", "--content", str(working_copy)), ok=(0, 1))
            step(manage("create_demo_users", *[f"{u}:{p}" for _r, u, p in DEMO_LOGINS]))
        else:
            step(manage("migrate", "--noinput", "-v0"))
            if moved:  # another portal address than last time: the CMS learns the new one
                say("Het adres van de portalen is veranderd; de inhoud opnieuw importeren ...")
                step(portal("import", "--content", str(working_copy)), ok=(0, 1))
    except BaseException:
        build.terminate()
        build.wait()
        raise
    finish(build, logs / "build.log", ok=(0, 1))


def answers(url: str) -> bool:
    """True once `url` gives any HTTP answer (a 404 or a redirect counts)."""
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def start_demo(base: Path, content: Path, cms_port: int = 0, portal_port: int = 0,
               env_overrides: dict[str, str] | None = None, timeout: float = 60,
               report: TextIO | None = sys.stderr) -> RunningDemo:
    """Prepare `base` from the content folder `content`, start the CMS, worker, scheduler
    and portal server, and return once the CMS and the portals answer HTTP.

    A port of 0 means a free one. `env_overrides` are added to the processes' environment
    (e.g. `DATABASE_URL=postgres://...`). Raises `DemoError`, naming the log to read, when
    a step fails, a process exits or nothing answers within `timeout` seconds; the
    processes already started are stopped then. Stop the demo with `stop()` or use it as
    a context manager.
    """
    base = Path(base).resolve()
    for port in (cms_port, portal_port):
        if port and not port_is_free(port):  # else another program's answers would fool us
            raise DemoError(f"Poort {port} is al in gebruik; stop het programma dat die "
                            "poort gebruikt (een eerdere demo?) en probeer het opnieuw")
    log_dir = base / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    cms_url = f"http://{HOST}:{cms_port or free_port()}"
    portal_url = f"http://{HOST}:{portal_port or free_port()}"
    env = demo_environment(base, cms_url, env_overrides, portal_url)
    prepare(base, Path(content).resolve(), portal_url, env, report)
    working_copy = base / "content"
    demo = RunningDemo(
        base=base, cms_url=cms_url, portal_url=portal_url, log_dir=log_dir,
        build_dir=Path(env["PORTAL_BUILD_ROOT"]), content_dir=working_copy,
        villages=sorted(p.parent.name for p in working_copy.glob("*/site.yaml")), env=env,
    )
    commands = {
        # serve_cms: runserver with room for bursts of clicks; no reloading, so a change
        # of code never interrupts a request or a build half-way.
        "cms": manage("serve_cms", cms_url.removeprefix("http://"), "--noreload"),
        "worker": manage("db_worker", "--no-reload", "--queue-name", "default,builds"),
        "scheduler": manage("run_scheduler"),
        "portals": portal("serve", "--site-root", str(demo.build_dir),
                          "--port", portal_url.rsplit(":", 1)[1]),
    }
    try:
        for name in PROCESS_NAMES:
            with demo.log_of(name).open("w", encoding="utf-8") as log:
                demo.processes[name] = subprocess.Popen(
                    commands[name], env=env, cwd=REPO_ROOT, stdin=subprocess.DEVNULL,
                    stdout=log, stderr=subprocess.STDOUT, preexec_fn=die_with_parent)
        wait_until_answering(demo, timeout)
    except BaseException:
        demo.stop()
        raise
    return demo


def wait_until_answering(demo: RunningDemo, timeout: float) -> None:
    """Wait until the CMS and the portal server answer; DemoError if a process exits or
    the time runs out."""
    waiting = {"cms": f"{demo.cms_url}/admin/login/", "portals": f"{demo.portal_url}/"}
    deadline = time.monotonic() + timeout
    while waiting:
        for name in demo.exited():
            raise DemoError(f"Het proces '{name}' is gestopt bij het starten; "
                            f"zie {demo.log_of(name)}")
        for name, url in list(waiting.items()):
            if answers(url):
                del waiting[name]
        if waiting and time.monotonic() > deadline:
            name = next(iter(waiting))
            raise DemoError(f"{waiting[name]} antwoordt niet na {timeout:.0f} s; "
                            f"zie {demo.log_of(name)}")
        if waiting:
            time.sleep(0.2)


def print_banner(demo: RunningDemo, out: TextIO) -> None:
    """The addresses, log-ins and logs of a running demo, for the newcomer."""
    print("\nbuurtportaal draait.\n", file=out)
    print(f"  CMS (Wagtail):  {demo.cms_url}/admin/", file=out)
    print(f"  Alle portalen:  {demo.portal_url}/", file=out)
    for slug in demo.villages:
        print(f"  Portaal:        {demo.portal_url}/{slug}/", file=out)
    print("\n  Inloggen in het CMS:", file=out)
    for role, username, password in DEMO_LOGINS:
        print(f"    {username:<12} {password:<24} {role}", file=out)
    print(f"\n  Logboeken in {demo.log_dir}/:", file=out)
    for name, what in zip(PROCESS_NAMES, ("het CMS", "de taakverwerker (bouwen)",
                                          "de planner (ingepland publiceren)",
                                          "de webserver van de portalen"), strict=True):
        print(f"    {name + '.log':<15} {what}", file=out)
    print(f"\n  Stoppen: Ctrl+C. Opnieuw beginnen: stop en verwijder {demo.base}\n",
          file=out, flush=True)


def die_with_parent() -> None:
    """In a child, before it runs: end when the demo's own process ends, however it ends
    (even killed), so no CMS or worker is left holding the ports and the database."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _stop_on_signal(signum, frame) -> None:
    raise KeyboardInterrupt  # the same orderly stop as Ctrl+C


def run_demo(content: Path, base: Path = DEMO_DIR) -> int:
    """`portal demo`: start everything on ports 8001 (CMS) and 8000 (portals), print the
    banner, and run until Ctrl+C, a TERM or HUP signal, or until one of the processes
    stops."""
    signal.signal(signal.SIGTERM, _stop_on_signal)
    signal.signal(signal.SIGHUP, _stop_on_signal)
    try:
        demo = start_demo(base, content, cms_port=CMS_PORT, portal_port=PORTALS_PORT)
    except DemoError as err:
        print(f"portal demo: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    with demo:
        print_banner(demo, sys.stderr)
        try:
            while not demo.exited():
                time.sleep(1)
        except KeyboardInterrupt:
            return 0
        for name in demo.exited():
            print(f"Het proces '{name}' is gestopt (code {demo.processes[name].returncode}); "
                  f"zie {demo.log_of(name)}. De demo stopt.", file=sys.stderr)
        return 1
