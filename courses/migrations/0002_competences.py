"""The reference framework: PIX / CRCN (5 domains, 16 competences) and basic skills."""

from django.db import migrations

from courses.framework import COMPETENCES, competences_ensure

def seed(apps, schema_editor):
    competences_ensure(apps.get_model("courses", "Competence"))


def unseed(apps, schema_editor):
    apps.get_model("courses", "Competence").objects.filter(
        code__in=[code for code, *_rest in COMPETENCES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
