from django.apps import AppConfig


class VillagesConfig(AppConfig):
    name = "cms.villages"
    label = "villages"
    verbose_name = "Dorpen en wijken"
