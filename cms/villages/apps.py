"""The villages app: each village a Wagtail Site with its home page, sections and categories."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Wagtail's list of Sites derives these column headings from field names, untranslated
# ("Site name", "Root page"); a municipality admin reads the list in Dutch.
SITE_COLUMN_LABELS = {"port": _("Poort"), "site_name": _("Naam van het portaal"),
                      "root_page": _("Startpagina")}


def label_site_columns() -> None:
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in SITE_COLUMN_LABELS:
            column.label = SITE_COLUMN_LABELS[column.name]


class VillagesConfig(AppConfig):
    name = "cms.villages"
    label = "villages"
    verbose_name = "Dorpen en wijken"

    def ready(self):
        label_site_columns()
