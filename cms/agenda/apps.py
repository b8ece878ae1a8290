from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "cms.agenda"
    label = "agenda"
    verbose_name = "Agenda"
