"""What `portal demo` prints and prepares: log-ins that work with their roles, the
addresses and logs in the banner, villages pointed at the local portal."""

from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from cms.publishing.demo import (
    DEMO_LOGINS,
    PROCESS_NAMES,
    REPO_ROOT,
    DemoError,
    RunningDemo,
    point_villages_at,
    print_banner,
    start_demo,
    wait_until_answering,
)


def test_the_printed_demo_log_ins_work_with_their_roles(two_villages):
    lindeveld, hoogmeer = two_villages
    call_command("create_demo_users", *[f"{user}:{password}" for _, user, password
                                        in DEMO_LOGINS])
    users = get_user_model().objects
    (_, admin, admin_pw), (_, connector, connector_pw), (_, org, org_pw) = DEMO_LOGINS
    for username, password in ((admin, admin_pw), (connector, connector_pw), (org, org_pw)):
        client = Client()
        assert client.login(username=username, password=password), username
        assert client.get("/admin/").status_code == 200, username

    assert users.get(username=admin).is_superuser
    connector_user = users.get(username=connector)
    assert lindeveld.home.permissions_for_user(connector_user).can_publish()
    assert not hoogmeer.home.permissions_for_user(connector_user).can_edit()
    org_user = users.get(username=org)
    first_org = min(lindeveld.organisations.values(), key=lambda o: o.title)
    assert first_org.permissions_for_user(org_user).can_edit()
    assert not first_org.permissions_for_user(org_user).can_publish()


def test_the_working_copy_points_each_village_at_the_local_portal(tmp_path):
    site = tmp_path / "lindeveld" / "site.yaml"
    site.parent.mkdir()
    site.write_text("name: Lindeveld\nbase_url: https://lindeveld.example  # live\n"
                    "categories:\n  - {slug: zorg, name: Zorg}\n", "utf-8")
    assert point_villages_at(tmp_path, "http://127.0.0.1:8000")
    assert site.read_text("utf-8") == (
        "name: Lindeveld\nbase_url: http://127.0.0.1:8000/lindeveld/\n"
        "categories:\n  - {slug: zorg, name: Zorg}\n")
    assert not point_villages_at(tmp_path, "http://127.0.0.1:8000")  # already there


def test_the_banner_names_the_addresses_and_every_log(tmp_path):
    demo = RunningDemo(base=tmp_path, cms_url="http://127.0.0.1:8001",
                       portal_url="http://127.0.0.1:8000", log_dir=tmp_path / "logs",
                       build_dir=tmp_path / "build", content_dir=tmp_path / "content",
                       villages=["lindeveld"], env={})
    out = io.StringIO()
    print_banner(demo, out)
    banner = out.getvalue()
    for text in ("http://127.0.0.1:8001/admin/", "http://127.0.0.1:8000/\n",
                 "http://127.0.0.1:8000/lindeveld/", str(tmp_path / "logs"),
                 *(f"{name}.log" for name in PROCESS_NAMES),
                 *(password for _, _, password in DEMO_LOGINS)):
        assert text in banner, text


def test_a_taken_port_or_a_stopped_process_is_named_with_its_log(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(DemoError, match=f"Poort {port} is al in gebruik"):
            start_demo(tmp_path, tmp_path, cms_port=port)

    demo = RunningDemo(base=tmp_path, cms_url="http://127.0.0.1:9",
                       portal_url="http://127.0.0.1:9", log_dir=tmp_path / "logs",
                       build_dir=tmp_path, content_dir=tmp_path,
                       villages=[], env={})
    demo.processes["worker"] = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    demo.processes["worker"].wait()
    with pytest.raises(DemoError, match=r"'worker' is gestopt.*logs/worker\.log"):
        wait_until_answering(demo, timeout=5)


def test_the_demos_processes_end_when_the_demo_is_killed(tmp_path):
    """A demo killed outright (not Ctrl+C) leaves no CMS or worker holding the ports."""

    pid_file = tmp_path / "child.pid"
    parent = subprocess.Popen([sys.executable, "-c", (
        "import subprocess, sys, time\n"
        "from cms.publishing.demo import die_with_parent\n"
        "child = subprocess.Popen(['sleep', '60'], preexec_fn=die_with_parent)\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(60)\n")], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    deadline = time.monotonic() + 20
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.1)
    child = int(pid_file.read_text())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(child):
        assert time.monotonic() < deadline, "the child outlived the demo"
        time.sleep(0.1)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False
