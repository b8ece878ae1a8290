"""Admin hooks of the villages app: a new village is complete as soon as it is created."""

from wagtail import hooks

from cms.villages.models import VillageHomePage
from cms.villages.setup import complete_village


@hooks.register("after_create_page")
def new_village_gets_its_site_and_sections(request, page):
    if isinstance(page.specific, VillageHomePage):
        complete_village(page.specific)
