"""The site root: Tremplin's home page, created by a migration."""

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


def homepage_ensure(*, ContentType, Locale, Page, Site, HomePage):  # noqa: N803
    """Make the home page the default site's root unless one exists; return nothing.

    Takes the models as arguments so that the migration passes its historical models and
    tests (after a flush) pass the real ones.
    """
    if HomePage.objects.exists():
        return
    # Wagtail's initial data: the root (depth 1) and a welcome page (depth 2) with a site.
    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    locale, _created = Locale.objects.get_or_create(language_code="fr")
    root = Page.objects.filter(depth=1).first()
    if root is None:  # a flushed test database has no tree at all
        page_type, _created = ContentType.objects.get_or_create(
            model="page", app_label="wagtailcore"
        )
        root = Page.objects.create(
            title="Root",
            draft_title="Root",
            slug="root",
            content_type=page_type,
            path="0001",
            depth=1,
            numchild=0,
            url_path="/",
            locale=locale,
        )
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
        hostname="localhost",
        port=80,
        root_page_id=homepage.pk,
        is_default_site=True,
        site_name="Tremplin",
    )
