"""Replace Wagtail's welcome page with Tremplin's home page as the site root."""

from django.db import migrations

INTRO = (
    "Tremplin accompagne les personnes éloignées du numérique : un diagnostic pour "
    "connaître son niveau, des séances en petit groupe avec un formateur ou une formatrice, "
    "des exercices simples sur téléphone, et souvent un ordinateur reconditionné remis à la "
    "dernière séance."
)
BODY = (
    "<h2>Pour qui ?</h2>"
    "<ul>"
    "<li>Les personnes qui veulent apprendre à se servir d'un ordinateur ou d'un téléphone.</li>"
    "<li>Les parents d'élèves qui veulent suivre la scolarité de leurs enfants (Pronote, ENT).</li>"
    "<li>Les personnes en recherche d'emploi qui ont besoin du numérique pour leurs démarches.</li>"
    "</ul>"
    "<h2>Pour les structures</h2>"
    "<p>Les associations, les collèges, les services sociaux et les financeurs suivent les "
    "parcours, les présences et le matériel remis, avec des bilans honnêtes.</p>"
)


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")

    if HomePage.objects.exists():
        return
    # Wagtail's initial data: the root (depth 1) and a welcome page (depth 2) with a site.
    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)
    locale, _created = Locale.objects.get_or_create(language_code="fr")
    content_type, _created = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    sibling_paths = Page.objects.filter(depth=2).values_list("path", flat=True)
    next_index = max((int(p[4:8]) for p in sibling_paths), default=0) + 1
    homepage = HomePage.objects.create(
        title="Tremplin, le numérique pour tous",
        draft_title="Tremplin, le numérique pour tous",
        slug="accueil",
        content_type=content_type,
        path=f"{root.path}{next_index:04d}",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=locale,
        live=True,
        intro=INTRO,
        body=BODY,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page_id=homepage.pk, is_default_site=True,
        site_name="Tremplin",
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
