from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "cms.publishing"
    label = "publishing"
    verbose_name = "Publiceren"

    def ready(self):
        from cms.publishing import pipeline

        pipeline.connect()
