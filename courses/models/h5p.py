"""H5P exercises: the libraries stored once per version, platform-wide, and the activities
(one `.h5p` package each) linked to the session plans that use them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .curriculum import Competence, SessionPlanPage


class H5PLibrary(models.Model):
    """An H5P library (machine name + major.minor) unpacked once and shared by every package
    that uses it, under `libraries/<Machine.Name-1.2>/<patch>-<random>/` in the H5P storage
    (settings.H5P_ROOT). Its digest tells whether another package carries the same files."""

    machine_name = models.CharField(_("nom machine"), max_length=127)
    major_version = models.PositiveSmallIntegerField(_("version majeure"))
    minor_version = models.PositiveSmallIntegerField(_("version mineure"))
    patch_version = models.PositiveSmallIntegerField(_("correctif"), default=0)
    title = models.CharField(_("titre"), max_length=255)
    runnable = models.BooleanField(_("jouable seule"), default=False)
    folder = models.CharField(_("dossier"), max_length=255, blank=True)
    digest = models.CharField(_("empreinte des fichiers"), max_length=64, blank=True)
    stored_at = models.DateTimeField(_("enregistrée le"), auto_now=True)

    class Meta:
        verbose_name = _("bibliothèque H5P")
        verbose_name_plural = _("bibliothèques H5P")
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"],
                name="h5p_library_once_per_version",
            )
        ]

    def __str__(self):
        return f"{self.machine_name} {self.major_version}.{self.minor_version}"

    @property
    def directory(self):
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"


def _h5p_package_path(activity, filename):
    return f"h5p/packages/{activity.key}.h5p"


class H5PActivity(index.Indexed, models.Model):
    """An exercise: one `.h5p` package, checked and unpacked by `courses.h5p.packages`,
    played in a sandboxed frame, linked to the session plans that use it."""

    key = models.UUIDField(_("clé"), default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("titre"), max_length=200)
    instructions = models.TextField(
        _("consigne pour l'apprenant"),
        blank=True,
        help_text=_("Une ou deux phrases simples, lues avant de commencer."),
    )
    competences = models.ManyToManyField(
        Competence, verbose_name=_("compétences"), blank=True, related_name="exercises"
    )
    session_plans = models.ManyToManyField(
        SessionPlanPage,
        verbose_name=_("séances qui l'utilisent"),
        blank=True,
        related_name="exercises",
    )
    package = models.FileField(_("paquet H5P"), upload_to=_h5p_package_path, max_length=255)
    main_library = models.CharField(_("type de contenu"), max_length=140, editable=False)
    language = models.CharField(_("langue"), max_length=10, blank=True, editable=False)
    libraries = models.ManyToManyField(
        H5PLibrary, verbose_name=_("bibliothèques"), related_name="activities", editable=False
    )
    content_bytes = models.PositiveIntegerField(_("poids du contenu"), default=0, editable=False)
    content_folder = models.CharField(
        _("dossier du contenu"), max_length=255, blank=True, editable=False
    )
    is_active = models.BooleanField(
        _("proposé aux apprenants"),
        default=True,
        help_text=_("Décochez pour retirer l'exercice sans perdre les résultats."),
    )
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ajouté par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("exercice H5P")
        verbose_name_plural = _("exercices H5P")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def storage_prefix(self):
        """Where the unpacked h5p.json and content/ live in the H5P storage (settings.H5P_ROOT).
        Each upload gets a new folder, so that a failed replacement leaves the old one."""
        return self.content_folder
