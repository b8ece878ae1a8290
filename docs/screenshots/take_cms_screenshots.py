"""Walk the running `portal demo` as an organisation, a connector and the municipality,
with screenshots.

The organisation logs in, changes its entry (opening hours too) and submits it; the
connector compares the change with what is live (in plain Dutch), approves it, and sees
on the page and on the dashboard when the portal has it; the worker rebuilds the village
and the portal shows the change. The municipality creates a village with "Nieuw dorp".
Usage, while `make demo` runs:
    .venv/bin/python docs/screenshots/take_cms_screenshots.py docs/screenshots
"""

from __future__ import annotations

import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sitegen.headless import browser  # noqa: E402

CMS = "http://127.0.0.1:8001"
PORTAL = "http://127.0.0.1:8000/oosterlinde"
ORGANISATION = ("organisatie", "demo-organisatie-2026")
CONNECTOR = ("verbinder", "demo-verbinder-2026")
NEW_SUMMARY = "Boeken lenen, koffie drinken en elke woensdag voorlezen voor kinderen."
NEW_HOURS = "ma-vr 10:00-17:00\nza 10:00-13:00"
MUNICIPALITY = ("gemeente", "demo-gemeente-2026")


def log_in(page, username: str, password: str) -> None:
    page.goto(f"{CMS}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{CMS}/admin/")


def open_footer_actions(page) -> None:
    """Open the menu beside the main button at the bottom of Wagtail's editor."""
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()


def shot(page, out: Path, name: str) -> None:
    page.screenshot(path=str(out / f"cms-{name}.png"), full_page=False)


def walk(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with browser() as b:
        context = b.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        log_in(page, *ORGANISATION)
        shot(page, out, "organisatie-dashboard")
        page.click("text=Gegevens aanpassen")
        page.wait_for_selector("#id_summary")
        shot(page, out, "organisatie-bewerken")
        page.fill("#id_summary", NEW_SUMMARY)
        page.fill("#id_opening_hours", NEW_HOURS)
        open_footer_actions(page)
        page.click("button[name='action-submit']")
        page.wait_for_load_state("networkidle")
        shot(page, out, "organisatie-ingediend")
        context.close()

        context = b.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        log_in(page, *CONNECTOR)
        shot(page, out, "verbinder-dashboard")
        page.click("text=Bibliotheek Oosterlinde")
        page.wait_for_load_state("networkidle")
        shot(page, out, "verbinder-beoordelen")
        edit_url = page.url
        page_id = edit_url.rstrip("/").split("/")[-2]
        page.goto(f"{CMS}/admin/pages/{page_id}/revisions/compare/live...latest/")
        page.wait_for_load_state("networkidle")
        shot(page, out, "verbinder-vergelijken")
        page.goto(edit_url)
        open_footer_actions(page)
        page.click("button:has-text('Goedkeuren')")
        page.wait_for_load_state("networkidle")
        shot(page, out, "verbinder-goedgekeurd")
        page.goto(edit_url)
        page.wait_for_selector("#portal-status")
        shot(page, out, "status-bijwerken")
        page.wait_for_function("document.querySelector('#portal-status')"
                               ".textContent.includes('Staat op het portaal')", timeout=120000)
        shot(page, out, "status-op-het-portaal")
        page.goto(f"{CMS}/admin/")
        shot(page, out, "dashboard-portalen")
        context.close()

        context = b.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        log_in(page, *MUNICIPALITY)
        page.goto(f"{CMS}/admin/nieuw-dorp/")
        page.fill("#id_title", "Lindeveld aan de Linge")
        page.fill("#id_municipality", "Lingedal")
        shot(page, out, "nieuw-dorp")
        page.click("button:has-text('Dorp aanmaken')")
        page.wait_for_load_state("networkidle")
        shot(page, out, "nieuw-dorp-aangemaakt")
        context.close()

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        html = urllib.request.urlopen(f"{PORTAL}/sociale-kaart/").read().decode()
        if NEW_SUMMARY in html:
            print("the portal shows the approved change")
            return
        time.sleep(2)
    raise SystemExit("the portal did not show the approved change within 2 minutes")


if __name__ == "__main__":
    walk(Path(sys.argv[1]))
