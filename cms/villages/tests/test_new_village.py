"""A municipality admin creates a village with "Nieuw dorp": complete, or not at all."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Collection, Page, Site, Workflow, WorkflowPage

from cms.accounts.roles import create_connector
from cms.agenda.models import AgendaIndexPage
from cms.publishing.models import BuildRequest
from cms.socialmap.models import SocialMapIndexPage
from cms.stories.models import StoryIndexPage
from cms.villages.models import Category, VillageHomePage
from cms.villages.setup import STARTING_CATEGORIES, ascii_slug
from sitegen.build import BuildOptions, build_village

PASSWORD = "een-lang-wachtwoord-42"
NEW_VILLAGE = reverse("villages_new")


def form_data(**changes) -> dict[str, str]:
    data = {"title": "Nieuwdorp", "municipality": "Nieuwegein",
            "timezone": "Europe/Amsterdam", "base_url": "https://nieuwdorp.buurtportaal.example",
            "categories": "\n".join(STARTING_CATEGORIES)}
    data.update(changes)
    return data


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_village_created_with_nieuw_dorp_gets_everything_at_once(db, admin_client):
    response = admin_client.post(NEW_VILLAGE, form_data(timezone="Europe/Brussels"))
    home = VillageHomePage.objects.get(slug="nieuwdorp")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=[home.pk])
    assert home.live and home.has_unpublished_changes is False
    assert home.get_parent().is_root()
    assert (home.municipality, home.timezone) == ("Nieuwegein", "Europe/Brussels")
    assert SocialMapIndexPage.objects.child_of(home).live().get().slug == "sociale-kaart"
    assert AgendaIndexPage.objects.child_of(home).live().get().slug == "agenda"
    assert StoryIndexPage.objects.child_of(home).live().get().slug == "verhalen"
    assert Site.objects.get(root_page=home).hostname == "nieuwdorp.buurtportaal.example"
    assert list(home.categories.order_by("sort_order").values_list("slug", "name")) == [
        ("zorg-en-welzijn", "Zorg en welzijn"), ("wonen", "Wonen"),
        ("sport-en-bewegen", "Sport en bewegen"), ("cultuur-en-ontmoeten", "Cultuur en ontmoeten"),
        ("jeugd-en-gezin", "Jeugd en gezin"), ("vrijwilligerswerk", "Vrijwilligerswerk"),
        ("vervoer", "Vervoer"), ("geld-en-werk", "Geld en werk")]
    roles = home.roles
    assert roles.connectors.name == "Buurtverbinders Nieuwdorp"
    # The Dutch approval workflow of the village, not Wagtail's "Moderators approval".
    assert home.get_workflow() == roles.workflow
    assert roles.workflow.name == "Goedkeuring Nieuwdorp"
    assert roles.task.name == "Goedkeuring door de buurtverbinders van Nieuwdorp"
    assert list(roles.task.groups.all()) == [roles.connectors]
    assert texts(response) == [
        "Dorp Nieuwdorp is aangemaakt. Het portaal wordt gebouwd; het staat over enkele "
        "minuten op https://nieuwdorp.buurtportaal.example. Voeg nu buurtverbinders toe aan "
        "de groep “Buurtverbinders Nieuwdorp” en vul samen de sociale kaart."]
    explore = admin_client.get(response.url)
    assert b"Sociale kaart" in explore.content


def test_the_form_starts_with_categories_and_suggests_an_address(db, admin_client):
    response = admin_client.get(NEW_VILLAGE)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zorg en welzijn\nWonen\nSport en bewegen" in page
    assert "https://{slug}.buurtportaal.nl" in page  # the live suggestion while typing
    # Left empty, the address is made from the name, in ASCII.
    response = admin_client.post(NEW_VILLAGE, form_data(title="Café Ærø 🌳", base_url="",
                                                        categories="Straße\nZorg & welzijn"))
    assert response.status_code == 302
    home = VillageHomePage.objects.get(title="Café Ærø 🌳")
    assert home.slug == "cafe-aero"
    assert home.base_url == "https://cafe-aero.buurtportaal.nl"
    assert list(home.categories.values_list("slug", flat=True)) == ["strasse", "zorg-welzijn"]


@pytest.mark.parametrize(("text", "slug"), [
    ("Café de Kroon", "cafe-de-kroon"), ("Groß Gerau", "gross-gerau"),
    ("Sint-Oedenrode 🌳", "sint-oedenrode"), ("’s-Hertogenbosch", "s-hertogenbosch"),
    ("Oud_West", "oud-west"), ("🌳", ""),
])
def test_slugs_are_ascii(text, slug):
    assert ascii_slug(text) == slug


def test_an_existing_village_is_refused_by_name(db, admin_client):
    assert admin_client.post(NEW_VILLAGE, form_data()).status_code == 302
    response = admin_client.post(NEW_VILLAGE, form_data(title="Níeuwdorp",
                                                        base_url="https://ander.example"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["title"]
    assert errors["title"][0].startswith("Naam: er bestaat al een dorp met de naam")
    assert "nieuwdorp" in errors["title"][0]
    assert VillageHomePage.objects.count() == 1


def test_a_village_made_meanwhile_is_refused_by_name(db, admin_client, monkeypatch):
    # Another admin created it between the check of the form and the transaction.
    monkeypatch.setattr("cms.villages.forms.village_slug_taken", lambda slug: False)
    admin_client.post(NEW_VILLAGE, form_data())
    response = admin_client.post(NEW_VILLAGE, form_data(base_url="https://ander.example"))
    assert response.context["form"].errors["title"] == [
        "Naam: het dorp “Nieuwdorp” is zojuist al aangemaakt."]
    assert VillageHomePage.objects.count() == 1


def test_the_form_explains_what_is_wrong(db, admin_client):
    response = admin_client.post(NEW_VILLAGE, form_data(
        title="Hoogmeer", categories="Zorg\n\nzorg\n", base_url="https://nieuwdorp.example"))
    assert "“zorg” staat er twee keer in" in response.context["form"].errors["categories"][0]
    response = admin_client.post(NEW_VILLAGE, form_data(title="🌳", categories="  \n"))
    errors = response.context["form"].errors
    assert set(errors) == {"title", "categories"}
    assert "zonder categorieën kan het portaal niet worden gebouwd" in errors["categories"][0]
    assert not VillageHomePage.objects.exists()


def test_an_address_in_use_is_refused(two_villages, admin_client):
    response = admin_client.post(NEW_VILLAGE, form_data(base_url="http://lindeveld.localhost"))
    assert response.context["form"].errors["base_url"] == [
        "Webadres van het portaal: http://lindeveld.localhost is al in gebruik door "
        "“Lindeveld”. Kies een ander webadres."]


def test_portals_side_by_side_on_one_host_each_get_their_own_path(
        two_villages, admin_client, settings):
    """As in the demo: every portal at a path of one local server. Another path is free,
    the path of an existing village is not; an empty address follows the pattern."""
    settings.PORTAL_BASE_URL_PATTERN = "http://127.0.0.1:8000/{slug}/"
    lindeveld = two_villages[0].home
    lindeveld.base_url = "http://127.0.0.1:8000/lindeveld/"
    lindeveld.save()
    response = admin_client.post(NEW_VILLAGE, form_data(base_url="http://127.0.0.1:8000/lindeveld"))
    assert "al in gebruik door “Lindeveld”" in response.context["form"].errors["base_url"][0]
    response = admin_client.post(NEW_VILLAGE, form_data(base_url=""))
    assert response.status_code == 302
    assert VillageHomePage.objects.get(slug="nieuwdorp").base_url == \
        "http://127.0.0.1:8000/nieuwdorp"


def test_a_failing_step_leaves_nothing_behind(db, admin_client, monkeypatch,
                                              django_capture_on_commit_callbacks):
    def broken_roles(home):
        raise RuntimeError("database went away")

    # The last step fails, after page, Site, sections and categories were made.
    monkeypatch.setattr("cms.accounts.roles.setup_village", broken_roles)
    before = (Page.objects.count(), Site.objects.count(), Group.objects.count(),
              Collection.objects.count(), Workflow.objects.count())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = admin_client.post(NEW_VILLAGE, form_data())
    assert response.status_code == 200
    assert texts(response)[0].startswith("Het dorp Nieuwdorp kon niet worden aangemaakt: er "
                                         "ging iets mis. Er is niets opgeslagen")
    assert response.context["form"]["title"].value() == "Nieuwdorp"  # nothing to retype
    assert not VillageHomePage.objects.exists()
    assert not Category.objects.exists()
    assert not Site.objects.filter(hostname="nieuwdorp.buurtportaal.example").exists()
    assert not Group.objects.filter(name__contains="Nieuwdorp").exists()
    assert (Page.objects.count(), Site.objects.count(), Group.objects.count(),
            Collection.objects.count(), Workflow.objects.count()) == before
    # Nothing was written for the portal either.
    assert callbacks == []
    assert not (settings.PORTAL_CONTENT_ROOT / "nieuwdorp").exists()
    # The cause is fixed: the same form now creates the village.
    monkeypatch.undo()
    assert admin_client.post(NEW_VILLAGE, form_data()).status_code == 302
    assert VillageHomePage.objects.get(slug="nieuwdorp").roles


def test_the_new_village_is_written_and_builds(db, admin_client,
                                               django_capture_on_commit_callbacks):
    # Tests run build tasks at once: committing writes the files and builds the portal.
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(NEW_VILLAGE, form_data()).status_code == 302
    site_yaml = (settings.PORTAL_CONTENT_ROOT / "nieuwdorp" / "site.yaml").read_text("utf-8")
    assert "categories:" in site_yaml
    assert "slug: zorg-en-welzijn" in site_yaml and "name: Geld en werk" in site_yaml
    request = BuildRequest.objects.get(village="nieuwdorp")
    assert (request.status, request.report) == (0, "")
    assert (settings.PORTAL_BUILD_ROOT / "nieuwdorp" / "index.html").exists()
    # And again by hand, as `portal build` would: no problems at all.
    result = build_village(BuildOptions(content_root=settings.PORTAL_CONTENT_ROOT,
                                        out=settings.PORTAL_BUILD_ROOT), "nieuwdorp")
    assert result.built and result.problems == [], (result.problems, result.error)
    assert (settings.PORTAL_BUILD_ROOT / "nieuwdorp" / "sociale-kaart" / "categorie"
            / "zorg-en-welzijn" / "index.html").exists()


def test_connectors_of_the_new_village_edit_its_categories(db, admin_client, client):
    admin_client.post(NEW_VILLAGE, form_data())
    home = VillageHomePage.objects.get(slug="nieuwdorp")
    create_connector(home, "verbinder", "v@example.org", PASSWORD)
    client.login(username="verbinder", password=PASSWORD)
    category = home.categories.get(slug="wonen")
    edit = reverse("wagtailsnippets_villages_category:edit", args=[category.pk])
    assert client.get(edit).status_code == 200
    listing = client.get(reverse("wagtailsnippets_villages_category:list"))
    assert "Vrijwilligerswerk" in listing.content.decode()


def test_only_the_municipality_creates_villages(two_villages, admin_client, client):
    lindeveld, _hoogmeer = two_villages
    create_connector(lindeveld.home, "verbinder", "v@example.org", PASSWORD)
    client.login(username="verbinder", password=PASSWORD)
    # A connector may not open the form, nor post it, nor see the menu item.
    assert client.get(NEW_VILLAGE).status_code == 403
    assert client.post(NEW_VILLAGE, form_data()).status_code == 403
    assert NEW_VILLAGE not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert not VillageHomePage.objects.filter(slug="nieuwdorp").exists()
    # The municipality finds it in the menu and on the root of the page explorer.
    menu_item, button = f'"url": "{NEW_VILLAGE}"', f'<a href="{NEW_VILLAGE}"'
    assert menu_item in admin_client.get(reverse("wagtailadmin_home")).content.decode()
    root = Page.get_first_root_node()
    explore = admin_client.get(reverse("wagtailadmin_explore", args=[root.pk])).content.decode()
    assert button in explore
    # Not on a village's own page: there the button would be out of place.
    explore = admin_client.get(reverse("wagtailadmin_explore", args=[lindeveld.home.pk]))
    assert button not in explore.content.decode()


def test_wagtails_add_page_for_a_village_leads_to_nieuw_dorp(db, admin_client):
    root = Page.get_first_root_node()
    add = reverse("wagtailadmin_pages:add", args=["villages", "villagehomepage", root.pk])
    response = admin_client.get(add)
    assert (response.status_code, response.url) == (302, NEW_VILLAGE)
    # A post of the old page form makes no half-made village either.
    response = admin_client.post(add, {"title": "Half", "slug": "half",
                                       "action-publish": "action-publish"})
    assert (response.status_code, response.url) == (302, NEW_VILLAGE)
    assert not VillageHomePage.objects.exists()
    assert not WorkflowPage.objects.exclude(page=root).exists()
    # "Add child page" on the root, with only one page type possible, ends up there too.
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[root.pk]),
                                follow=True)
    assert response.redirect_chain[-1][0] == NEW_VILLAGE
    # Other pages are still added with Wagtail's own form.
    admin_client.post(NEW_VILLAGE, form_data())
    home = VillageHomePage.objects.get(slug="nieuwdorp")
    add_plain = reverse("wagtailadmin_pages:add", args=["villages", "plainpage", home.pk])
    assert admin_client.get(add_plain).status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_suggested_address_is_spelled_as_the_server_will_make_it(live_server, monkeypatch):
    from django.contrib.auth import get_user_model

    from cms.testing import log_in_to_admin
    from sitegen.headless import browser

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's loop, ORM calls
    get_user_model().objects.create_superuser("gemeente", "g@example.org", PASSWORD)
    with browser() as chromium:
        page = chromium.new_page()
        log_in_to_admin(page, live_server.url, "gemeente", PASSWORD)
        page.goto(f"{live_server.url}{NEW_VILLAGE}")
        page.fill("#id_title", "Café Ærø 🌳 Straße")
        placeholder = page.get_attribute("#id_base_url", "placeholder")
    assert placeholder == settings.PORTAL_BASE_URL_PATTERN.format(slug="cafe-aero-strasse")
    assert ascii_slug("Café Ærø 🌳 Straße") == "cafe-aero-strasse"
