"""The strict script policy of the CMS (cms/core/csp.py; issue 11, finding 8): no inline
script runs except on the admin views whose Wagtail widgets start inline, and those are
exactly the ones relaxed.

The header tests use the test client; the last test opens the strict pages in headless
Chromium and listens for every violation the browser reports.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from cms.accounts.models import Invitation
from cms.accounts.tests.test_admin_url_matrix import ROUTES, admin_routes
from cms.core.csp import INLINE_SCRIPT

PASSWORD = "een-lang-wachtwoord-42"


def script_src(response) -> list[str]:
    header = response.headers.get("Content-Security-Policy", "")
    for directive in header.split(";"):
        name, _, sources = directive.strip().partition(" ")
        if name == "script-src":
            return sources.split()
    return []


def assert_strict(response) -> None:
    """Script files of the CMS only, and the page needs no other."""
    assert script_src(response) == ["'self'"]
    inline = INLINE_SCRIPT.findall(response.content.decode())
    assert not inline, f"an inline script on a strict page: {inline[0][:80]}"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("gemeente", "g@example.org", PASSWORD)


# --------------------------------------------------------------------------------------
# Strict pages, by header (each failed with script-src 'self' 'unsafe-inline' before)


@pytest.mark.parametrize("route", ["wagtailadmin_login", "wagtailadmin_password_reset",
                                   "wagtailadmin_password_reset_done",
                                   "wagtailadmin_password_reset_complete"])
def test_log_in_and_password_reset_pages_are_strict(client, db, route):
    response = client.get(reverse(route))
    assert response.status_code == 200
    assert_strict(response)


def test_a_refused_log_in_and_a_bad_reset_link_are_strict(client, superuser):
    refused = client.post(reverse("wagtailadmin_login"),
                          {"username": "gemeente", "password": "fout"})
    bad_link = client.get(reverse("wagtailadmin_password_reset_confirm",
                                  args=["MQ", "set-password"]), follow=True)
    for response in (refused, bad_link):
        assert response.status_code == 200
        assert_strict(response)


@override_settings(AXES_ENABLED=True)
def test_the_lockout_page_is_strict(client, superuser):
    for _attempt in range(6):
        response = client.post(reverse("wagtailadmin_login"),
                               {"username": "gemeente", "password": "fout"})
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.text
    assert_strict(response)


def test_invitation_pages_are_strict(client, two_villages):
    organisation = two_villages[0].organisations["buurthuis"]
    _invitation, token = Invitation.create(organisation, "info@buurthuis.nl")
    for url, status in ((reverse("accounts:accept", args=[token]), 200),
                        (reverse("accounts:accept", args=["onzin"]), 404)):
        response = client.get(url)
        assert response.status_code == status
        assert_strict(response)


@pytest.mark.parametrize("route", [
    "wagtailadmin_home", "villages_new", "wagtailimages:index", "wagtailimages:add",
    "wagtailadmin_pages:search", "wagtailusers_users:add", "wagtailadmin_collections:index",
    "wagtailsnippets_villages_category:list", "wagtailadmin_account",
])
def test_the_dashboard_nieuw_dorp_and_listings_are_strict(client, superuser, route):
    client.force_login(superuser)
    response = client.get(reverse(route))
    assert response.status_code == 200
    assert_strict(response)


def test_the_page_editor_stays_relaxed_for_its_widgets(client, two_villages, superuser):
    client.force_login(superuser)
    organisation = two_villages[0].organisations["buurthuis"]
    response = client.get(reverse("wagtailadmin_pages:edit", args=[organisation.pk]))
    assert response.status_code == 200
    assert script_src(response) == ["'self'", "'unsafe-inline'"]


def test_the_preview_keeps_its_own_policy(client, db):
    from django.http import HttpResponse
    from django.test import RequestFactory

    from cms.core.csp import ContentSecurityPolicyMiddleware

    own = "default-src 'none'; sandbox allow-scripts"
    response = HttpResponse()
    response.headers["Content-Security-Policy"] = own
    request = RequestFactory().get("/voorvertoning/x/")
    middleware = ContentSecurityPolicyMiddleware(lambda request: response)
    assert middleware(request).headers["Content-Security-Policy"] == own


# --------------------------------------------------------------------------------------
# Every admin page, both ways: relaxed exactly when it writes an inline script


SKIPPED_ROUTES = {
    "wagtailadmin_error_test": "raises on purpose (Wagtail's own error page test)",
}


@pytest.fixture
def admin_world(two_villages, settings, tmp_path):
    """The municipality's superuser and one object of each kind the admin URL matrix
    (cms/accounts/tests/test_admin_url_matrix.py) names, so every admin page has content."""
    from datetime import date

    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Site

    from cms.accounts.roles import create_municipality_admin, create_organisation_account
    from cms.agenda.models import EventPage
    from cms.testing import add_page

    settings.MEDIA_ROOT = tmp_path / "media"
    village = two_villages[0]
    admin = create_municipality_admin("gemeente", "g@example.org", PASSWORD)
    organisation = village.organisations["buurthuis"]
    owner = create_organisation_account(organisation, "buurthuis", "b@example.org", PASSWORD)
    draft = add_page(village.agenda, EventPage(title="Eigen concept", slug="eigen-concept",
                                               owner=owner, start_date=date(2026, 12, 5)),
                     publish=False, user=owner)
    review = add_page(village.agenda, EventPage(title="Ter beoordeling", slug="beoordeling",
                                                owner=owner, start_date=date(2026, 12, 6)),
                      publish=False, user=owner)
    workflow_state = review.get_workflow().start(review, owner)
    image = get_image_model().objects.create(
        title="Foto buurthuis", file=get_test_image_file(),
        collection=village.roles.collection, uploaded_by_user=owner)
    objects = SimpleNamespace(
        org=organisation, org_revision=organisation.latest_revision, draft=draft,
        draft_revision=draft.latest_revision, category=village.categories["zorg"],
        author=village.author, image=image, collection=village.roles.collection,
        workflow=village.roles.workflow, task=village.roles.task,
        group=village.roles.connectors, user=owner, site=Site.objects.get(root_page=village.home),
        agenda=village.agenda, home=village.home, review=review, workflow_state=workflow_state,
        task_state=workflow_state.current_task_state)
    return admin, objects


def admin_urls(objects) -> dict[str, str]:
    """Every GET route under /admin/: those without arguments and the matrix's."""
    urls = {}
    for name, arguments in admin_routes():
        if not arguments and name not in SKIPPED_ROUTES:
            try:
                urls[name] = reverse(name)
            except NoReverseMatch:  # a route that needs query arguments only
                continue
    for key, (build, method) in ROUTES.items():
        try:
            arguments = build(objects)
        except AttributeError:  # an object the matrix added since; the count below holds
            continue
        if method == "get":
            # "name#case": the matrix asks one route about several objects.
            urls[key] = reverse(key.split("#")[0], args=arguments)
    urls["wagtailadmin_pages:add"] = reverse("wagtailadmin_pages:add",
                                             args=["agenda", "eventpage", objects.agenda.pk])
    return urls


def test_relaxed_exactly_where_wagtail_writes_inline_scripts(client, admin_world):
    admin, objects = admin_world
    checked, mismatches = 0, []
    for name, url in sorted(admin_urls(objects).items()):
        client.force_login(admin)  # a route may log the user out
        response = client.get(url)
        content_type = response.headers.get("Content-Type", "")
        if response.status_code != 200:
            continue
        if content_type.startswith("application/json"):
            # A modal's HTML is inserted into the page that opened it, which may be strict.
            data = json.loads(response.content)
            html = data.get("html") if isinstance(data, dict) else None
            if isinstance(html, str) and INLINE_SCRIPT.search(html):
                mismatches.append(f"{name} {url}: a modal with an inline script")
            continue
        if not content_type.startswith("text/html"):
            continue
        checked += 1
        needs = bool(INLINE_SCRIPT.search(response.text))
        relaxed = "'unsafe-inline'" in script_src(response)
        if needs != relaxed:
            mismatches.append(f"{name} {url}: "
                              + ("inline scripts, but strict" if needs
                                 else "relaxed without an inline script"))
    assert checked > 80
    assert not mismatches, "\n".join(mismatches)


# --------------------------------------------------------------------------------------
# In a real browser: the strict pages work and Chromium reports no violation

# Recorded before any script of the page runs (Playwright injects it outside the policy).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_strict_pages_work_in_chromium(live_server, settings, monkeypatch):
    from cms.testing import build_village
    from sitegen.headless import browser

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, ORM calls
    settings.AXES_ENABLED = True  # the real log-in, throttled as in production
    tree = build_village()
    get_user_model().objects.create_superuser("gemeente", "g@example.org", PASSWORD)
    _invitation, token = Invitation.create(tree.organisation, "info@buurthuis.nl")
    violations: list[str] = []

    def open_page(context):
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", lambda message: violations.append(f"{page.url}: {message.text}")
                if "Refused to" in message.text or "Content Security Policy" in message.text
                else None)
        return page

    def visit(page, path: str) -> None:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        sources = response.headers["content-security-policy"].split("script-src ")[1]
        assert "'unsafe-inline'" not in sources.split(";")[0], path
        seen(page)

    def seen(page) -> None:
        page.wait_for_load_state("load")
        violations.extend(f"{page.url}: {v}" for v in page.evaluate("window.__violations"))

    with browser() as chromium:
        visitor = chromium.new_context(locale="nl-NL")
        page = open_page(visitor)
        # An invitation, opened by someone not logged in.
        visit(page, reverse("accounts:accept", args=[token]))
        assert page.locator("#id_password1").count() == 1
        # A password reset is asked for and confirmed.
        visit(page, reverse("wagtailadmin_password_reset"))
        page.fill("input[name=email]", "g@example.org")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}{reverse('wagtailadmin_password_reset_done')}")
        seen(page)
        # Six wrong passwords for another name: the lock-out page.
        for _attempt in range(6):
            visit(page, reverse("wagtailadmin_login"))
            page.fill("input[name=username]", "iemand")
            page.fill("input[name=password]", "fout")
            page.click("button[type=submit]")
            page.wait_for_load_state("load")
            seen(page)
        assert "Te veel mislukte pogingen" in page.content()
        visitor.close()

        context = chromium.new_context(locale="nl-NL")
        page = open_page(context)
        # The log-in form submits and lands on the dashboard, whose scripts build the menu.
        visit(page, reverse("wagtailadmin_login"))
        page.fill("input[name=username]", "gemeente")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}{reverse('wagtailadmin_home')}")
        seen(page)
        page.locator(".sidebar-menu-item").first.wait_for()
        # "Nieuw dorp": its script (a static file) suggests the address.
        visit(page, reverse("villages_new"))
        page.fill("#id_title", "Oud Beijerland")
        assert page.get_attribute("#id_base_url", "placeholder") == \
            settings.PORTAL_BASE_URL_PATTERN.format(slug="oud-beijerland")
        # Listings and forms without widgets that start inline.
        for route in ("wagtailadmin_home", "wagtailimages:index", "wagtailimages:add",
                      "wagtailadmin_pages:search", "wagtailusers_users:add",
                      "wagtailsnippets_villages_category:list", "wagtailadmin_account"):
            visit(page, reverse(route))
        page.wait_for_timeout(300)  # late reports
        seen(page)
        context.close()

    assert violations == [], "\n".join(violations)
