"""Replace Wagtail's welcome page with Tremplin's home page as the site root."""

from django.db import migrations

from cms.homepage import homepage_ensure

def create_homepage(apps, schema_editor):
    homepage_ensure(
        ContentType=apps.get_model("contenttypes.ContentType"),
        Locale=apps.get_model("wagtailcore.Locale"),
        Page=apps.get_model("wagtailcore.Page"),
        Site=apps.get_model("wagtailcore.Site"),
        HomePage=apps.get_model("cms.HomePage"),
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
