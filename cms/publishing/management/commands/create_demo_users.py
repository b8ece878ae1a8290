"""Create the three demo log-ins of `portal demo`: municipality, connector, organisation."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Maakt de demo-accounts: gemeente, buurtverbinder en organisatie."

    def add_arguments(self, parser):
        parser.add_argument("logins", nargs=3, metavar="USERNAME:PASSWORD",
                            help="municipality, connector and organisation, in that order")

    def handle(self, *args, logins, **options):
        from cms.accounts.roles import (
            create_connector,
            create_municipality_admin,
            create_organisation_account,
        )
        from cms.socialmap.models import OrganisationPage
        from cms.villages.models import VillageHomePage

        (admin, admin_pw), (connector, connector_pw), (org_user, org_pw) = (
            login.split(":", 1) for login in logins)
        village = VillageHomePage.objects.order_by("path").first()
        if village is None:
            raise CommandError("import content first: there is no village")
        organisation = OrganisationPage.objects.descendant_of(village).order_by("title").first()
        create_municipality_admin(admin, f"{admin}@demo.invalid", admin_pw)
        create_connector(village, connector, f"{connector}@demo.invalid", connector_pw)
        if organisation is not None:
            create_organisation_account(organisation, org_user, f"{org_user}@demo.invalid",
                                        org_pw)
        self.stdout.write(f"demo accounts for {village.title}"
                          + (f" and {organisation.title}" if organisation else ""))
