"""A page's live URL is its address on the static portal: the village's base_url plus the
path the build publishes it at, in the admin ("Live", "Bekijk live") as everywhere else."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from cms.testing import build_village
from cms.villages.models import PlainPage

BASE = "http://127.0.0.1:8123/lindeveld/"


@pytest.fixture
def village(db):
    tree = build_village()
    tree.home.base_url = BASE
    tree.home.save()
    return tree


def test_every_kind_of_page_has_the_address_the_build_gives_it(village):
    about = PlainPage(title="Over ons", slug="over-ons")
    village.home.add_child(instance=about)
    expected = {
        village.home: BASE,
        village.socialmap: BASE + "sociale-kaart/",
        village.organisation: BASE + f"sociale-kaart/{village.organisation.slug}/",
        village.agenda: BASE + "agenda/",
        village.event: BASE + "agenda/koffieochtend/",
        village.stories: BASE + "verhalen/",
        village.story: BASE + "verhalen/verhaal/",
        about: BASE + "over-ons/",
    }
    for page, address in expected.items():
        page = page.specific
        assert page.full_url == address, page
        # Never a path on the CMS's own host, whatever site the request is for.
        assert page.url == address, page
        assert page.get_url(current_site=page.get_site()) == address, page
        assert page.relative_url(page.get_site()) == address, page


def test_a_base_url_without_slash_and_the_site_of_a_page_still_work(village):
    village.home.base_url = "https://lindeveld.example.org"
    village.home.save()
    org = village.organisation
    org.refresh_from_db()
    assert org.full_url == "https://lindeveld.example.org/sociale-kaart/buurthuis/"
    assert org.get_site().root_page_id == village.home.pk


def test_the_admin_links_live_to_the_portal(village, admin_client):
    org = village.organisation
    address = BASE + f"sociale-kaart/{org.slug}/"
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[org.pk]))
    assert edit.status_code == 200
    live_tags = re.findall(r'<a\s+href="([^"]*)"[^>]*class="[^"]*page-status-tag',
                           edit.content.decode())
    assert live_tags and {unescape(href) for href in live_tags} == {address}

    listing = admin_client.get(reverse("wagtailadmin_explore", args=[village.socialmap.pk]))
    html = listing.content.decode()
    view_live = re.findall(r'<a\s[^>]*href="([^"]*)"[^>]*>(?:(?!</a>).)*Bekijk live', html,
                           re.DOTALL)
    assert address in {unescape(href) for href in view_live}
