"""Dutch names where Wagtail's first migrations left English ones: the image model, the
root of the page tree and the root of the image collections ("Root")."""

from django.db import migrations

ROOT_PAGE_TITLE = "Alle dorpen en wijken"
ROOT_COLLECTION_NAME = "Alle afbeeldingen"


def name_roots_in_dutch(apps, schema_editor):
    # Only the names Wagtail gave them: a name someone chose since is kept.
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    Page.objects.filter(depth=1, title="Root").update(title=ROOT_PAGE_TITLE,
                                                       draft_title=ROOT_PAGE_TITLE)
    Collection.objects.filter(depth=1, name="Root").update(name=ROOT_COLLECTION_NAME)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="portalimage",
            options={"verbose_name": "afbeelding", "verbose_name_plural": "afbeeldingen"},
        ),
        migrations.RunPython(name_roots_in_dutch, migrations.RunPython.noop),
    ]
