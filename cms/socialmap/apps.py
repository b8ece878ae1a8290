from django.apps import AppConfig


class SocialmapConfig(AppConfig):
    name = "cms.socialmap"
    label = "socialmap"
    verbose_name = "Sociale kaart"
