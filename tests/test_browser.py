"""What residents click, in headless Chromium: accessibility (axe-core), keyboard, search,
filters, the map, and the site without JavaScript or any third-party request."""

from __future__ import annotations

import json

import pytest
import yaml

from sitegen.headless import browser, serve
from tests.conftest import NOW_ARG, ROOT, run_portal

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGE_TYPES = {
    "home": "",
    "sociale kaart": "sociale-kaart/",
    "categorie": "sociale-kaart/categorie/ontmoeting/",
    "organisatie": "sociale-kaart/huisartsenpraktijk-de-linde/",
    "agenda": "agenda/",
    "activiteit": "agenda/koffieochtend/",
    "verhalen": "verhalen/",
    "verhaal": "verhalen/vrijwilliger-in-het-anker/",
    "pagina": "over/",
    "zoeken": "zoeken/?q=koffie",
    "404": "404.html",
}


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def site_url(golden_site):
    with serve(golden_site) as url:
        yield url


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]]


@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_type_passes_axe_wcag_aa(chromium, site_url, width):
    context = chromium.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = {}
    for name, path in PAGE_TYPES.items():
        page.goto(f"{site_url}/{path}")
        found = axe_violations(page)
        if found:
            problems[name] = found
        # Nothing sticks out sideways on a phone: no horizontal scrolling.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
    context.close()
    assert not problems, json.dumps(problems, indent=1)


def test_keyboard_user_skips_to_the_content(chromium, site_url):
    page = chromium.new_page()
    page.goto(f"{site_url}/agenda/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Naar de inhoud"
    assert page.evaluate("getComputedStyle(document.activeElement).top") != "-72px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    page.keyboard.press("Tab")
    # The next stop is inside the main content, not back in the header.
    assert page.evaluate("document.getElementById('inhoud').contains(document.activeElement)")
    page.close()


def test_search_from_the_header_shows_ranked_links(chromium, site_url):
    page = chromium.new_page()
    page.goto(f"{site_url}/agenda/")
    page.fill("#kop-zoeken", "koffie")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/?q=koffie")
    links = page.locator("#search-results a")
    links.first.wait_for()
    titles = links.all_text_contents()
    assert titles[0] == "Koffieochtend"
    assert "Buurthuis Het Anker" in titles
    page.fill("#zoekterm", "huisarts")
    page.wait_for_function(
        "document.querySelector('#search-results a')?.textContent.includes('Huisarts')")
    # Announced to screen readers once typing pauses, not at every key.
    page.wait_for_function(
        "document.querySelector('[data-search-status]').textContent.includes('huisarts')")
    assert "resultaat" in page.text_content("[data-search-status]")
    page.close()


def test_social_map_filter_narrows_the_list_as_you_type(chromium, site_url):
    page = chromium.new_page()
    page.goto(f"{site_url}/sociale-kaart/")
    page.fill("[data-filter-input]", "fiets")
    visible = page.locator(".az-group .org-card:visible .card-title").all_text_contents()
    assert visible == ["Fietsenwerkplaats Lindeveld"]
    assert page.text_content("#filter-status") == "1 organisatie gevonden"
    page.close()


def test_without_javascript_everything_is_still_reachable(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/zoeken/?q=koffie")
    fallback = page.locator("[data-search-fallback]")
    assert fallback.is_visible()
    assert "Huisartsenpraktijk De Linde" in fallback.text_content()
    page.goto(f"{site_url}/sociale-kaart/")
    assert page.locator(".org-card").count() == 3
    page.click("text=Sport en bewegen")
    assert page.locator("h1").text_content() == "Sport en bewegen"
    context.close()


def test_no_request_leaves_the_portal_by_default(chromium, site_url):
    page = chromium.new_page()
    hosts = set()
    page.on("request", lambda r: hosts.add(r.url.split("/")[2]))
    for path in PAGE_TYPES.values():
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
    page.close()
    assert hosts == {site_url.split("/")[2]}


def test_every_file_a_page_asks_for_is_there(chromium, site_url):
    page = chromium.new_page()
    missing = []
    page.on("response", lambda r: r.status >= 400 and missing.append(f"{r.status} {r.url}"))
    for path in PAGE_TYPES.values():
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
    page.close()
    assert not missing


def test_map_appears_only_when_the_village_configures_tiles(chromium, golden_content, tmp_path):
    site_yaml = golden_content / "lindeveld" / "site.yaml"
    settings = yaml.safe_load(site_yaml.read_text())
    # A tile server on this machine (nothing listens there: tiles fail, markers still show).
    settings["map"]["tiles"] = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    settings["map"]["attribution"] = "Testkaart"
    site_yaml.write_text(yaml.safe_dump(settings, allow_unicode=True))
    out = tmp_path / "out"
    result = run_portal("build", "--content", str(golden_content), "--out", str(out),
                        "--now", NOW_ARG)
    assert result.returncode == 0, result.stderr
    assert (out / "lindeveld/theme/vendor/leaflet/leaflet.js").is_file()
    with serve(out / "lindeveld") as url:
        page = chromium.new_page()
        page.goto(f"{url}/sociale-kaart/")
        page.wait_for_selector(".leaflet-marker-icon")
        assert page.locator("[data-map]").is_visible()
        # Two of the three organisations have a position.
        assert page.locator(".leaflet-marker-icon").count() == 2
        assert page.locator(".az-group .org-card").count() == 3  # the list stays as well
        page.close()


def test_a_pale_village_colour_still_reads_at_aa_contrast(chromium, golden_content, tmp_path):
    site_yaml = golden_content / "lindeveld" / "site.yaml"
    settings = yaml.safe_load(site_yaml.read_text())
    settings["branding"]["primary_color"] = "#ffe14d"  # a pale yellow an editor might pick
    site_yaml.write_text(yaml.safe_dump(settings, allow_unicode=True))
    out = tmp_path / "out"
    assert run_portal("build", "--content", str(golden_content), "--out", str(out),
                      "--now", NOW_ARG).returncode == 0
    with serve(out / "lindeveld") as url:
        page = chromium.new_page()
        page.goto(f"{url}/")
        violations = [v for v in axe_violations(page) if v["id"] == "color-contrast"]
        page.close()
    assert not violations, violations



def test_demo_content_fits_a_320px_phone_on_every_page(chromium, tmp_path):
    out = tmp_path / "out"
    result = run_portal("build", "--content", str(ROOT / "content"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    for village in ("oosterlinde", "wildebeke"):
        with serve(out / village) as url:
            context = chromium.new_context(viewport={"width": 320, "height": 700})
            page = context.new_page()
            pages = ["", "sociale-kaart/", "agenda/", "verhalen/", "zoeken/", "over/"]
            pages += [f"sociale-kaart/{p.name}/" for p in (out / village / "sociale-kaart")
                      .iterdir() if p.is_dir() and p.name != "categorie"]
            pages += [f"agenda/{p.name}/" for p in (out / village / "agenda").iterdir()
                      if p.is_dir()]
            pages += [f"verhalen/{p.name}/" for p in (out / village / "verhalen").iterdir()
                      if p.is_dir()]
            for path in pages:
                page.goto(f"{url}/{path}")
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{village}/{path} scrolls sideways by {overflow}px"
            context.close()
