"""Devices from donation to hand-over: the refurbishing chain, erasure records, hand-overs
with their formula (donation, loan, sale) and who pays for them."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.scoping import EQUIPMENT_ROLES, OrganisationScopedQuerySet


class DonorQuerySet(OrganisationScopedQuerySet):
    """Donors of the organisations whose stock the actor reads."""

    scope_path = "organisation"
    scope_roles = EQUIPMENT_ROLES


class Donor(models.Model):
    """A company or an administration that gives devices to the structure."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="donors",
    )
    name = models.CharField(_("nom"), max_length=200)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = DonorQuerySet.as_manager()

    class Meta:
        verbose_name = _("donateur")
        verbose_name_plural = _("donateurs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="equipment_donor_once")
        ]

    def __str__(self):
        return self.name


class DeviceQuerySet(OrganisationScopedQuerySet):
    """Devices of the organisations whose stock the actor reads."""

    scope_path = "organisation"
    scope_roles = EQUIPMENT_ROLES


class Device(models.Model):
    """One machine, known by the structure's inventory code (on its label) and the
    manufacturer's serial number."""

    class Kind(models.TextChoices):
        LAPTOP = "laptop", _("Ordinateur portable")
        DESKTOP = "desktop", _("Ordinateur fixe")
        TABLET = "tablet", _("Tablette")
        SMARTPHONE = "smartphone", _("Smartphone")
        BASIC_PHONE = "basic_phone", _("Téléphone simple")
        SCREEN = "screen", _("Écran")
        OTHER = "other", _("Autre")

    class Grade(models.TextChoices):
        A = "A", _("A — comme neuf")
        B = "B", _("B — traces d'usage")
        C = "C", _("C — marques visibles")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Reçu")
        IDENTIFIED = "identified", _("Identifié")
        ERASED = "erased", _("Données effacées")
        REPAIRED = "repaired", _("Réparé et testé")
        READY = "ready", _("Prêt")
        RESERVED = "reserved", _("Réservé")
        HANDED_OVER = "handed_over", _("Remis")
        RECYCLED = "recycled", _("Recyclé (DEEE)")
        RETURNED = "returned", _("Rendu")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="devices",
    )
    inventory_code = models.CharField(_("code d'inventaire"), max_length=20, unique=True)
    serial_number = models.CharField(_("numéro de série"), max_length=100, blank=True)
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    brand = models.CharField(_("marque"), max_length=100, blank=True)
    model = models.CharField(_("modèle"), max_length=150, blank=True)
    processor = models.CharField(_("processeur"), max_length=150, blank=True)
    memory_gb = models.PositiveSmallIntegerField(_("mémoire vive (Go)"), null=True, blank=True)
    storage_gb = models.PositiveIntegerField(_("stockage (Go)"), null=True, blank=True)
    operating_system = models.CharField(_("système installé"), max_length=100, blank=True)
    grade = models.CharField(_("état esthétique"), max_length=1, choices=Grade.choices, blank=True)
    donor = models.ForeignKey(
        Donor,
        verbose_name=_("donateur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="devices",
    )
    collected_on = models.DateField(_("collecté le"), null=True, blank=True)
    batch = models.CharField(_("lot"), max_length=100, blank=True)
    price = models.DecimalField(
        _("prix solidaire (€)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("étape"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("à cette étape depuis"), auto_now_add=True)
    reserved_for = models.ForeignKey(
        "cohorts.Enrolment",
        verbose_name=_("réservé pour"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reserved_devices",
    )
    weee_reference = models.CharField(_("référence d'enlèvement DEEE"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    objects = DeviceQuerySet.as_manager()

    class Meta:
        verbose_name = _("appareil")
        verbose_name_plural = _("appareils")
        ordering = ["inventory_code"]
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "serial_number"],
                condition=~models.Q(serial_number=""),
                name="equipment_serial_once_per_organisation",
            )
        ]

    def __str__(self):
        label = " ".join(part for part in (self.brand, self.model) if part)
        return f"{self.inventory_code} — {label or self.get_kind_display()}"


class DeviceEventQuerySet(OrganisationScopedQuerySet):
    """The history of the devices the actor reads."""

    scope_path = "device__organisation"
    scope_roles = EQUIPMENT_ROLES


class DeviceEvent(models.Model):
    """One step of a device's history: who moved it, from where to where, when."""

    device = models.ForeignKey(
        Device, verbose_name=_("appareil"), on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(
        _("de"), max_length=12, choices=Device.Status.choices, blank=True
    )
    to_status = models.CharField(_("vers"), max_length=12, choices=Device.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("le"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = DeviceEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("étape d'un appareil")
        verbose_name_plural = _("historique des appareils")
        ordering = ["device", "at", "pk"]

    def __str__(self):
        return f"{self.device.inventory_code}: {self.from_status or '—'} → {self.to_status}"


class ErasureRecordQuerySet(OrganisationScopedQuerySet):
    """Erasures of the devices the actor reads."""

    scope_path = "device__organisation"
    scope_roles = EQUIPMENT_ROLES


class ErasureRecord(models.Model):
    """How a device's data were erased, by whom, and the certificate large donors ask for."""

    class Method(models.TextChoices):
        BLANCCO = "blancco", _("Blancco")
        NWIPE = "nwipe", _("nwipe")
        SHREDOS = "shredos", _("ShredOS")
        SECURE_ERASE = "secure_erase", _("Effacement sécurisé du fabricant")
        CRYPTO_ERASE = "crypto_erase", _("Effacement cryptographique")
        PHYSICAL = "physical", _("Destruction physique du support")
        OTHER = "other", _("Autre méthode")

    class Standard(models.TextChoices):
        NIST_CLEAR = "nist_clear", _("NIST 800-88 Clear")
        NIST_PURGE = "nist_purge", _("NIST 800-88 Purge")
        NIST_DESTROY = "nist_destroy", _("NIST 800-88 Destroy")
        IEEE_2883 = "ieee_2883", _("IEEE 2883")
        OTHER = "other", _("Autre")

    class Result(models.TextChoices):
        SUCCESS = "success", _("Réussi")
        FAILURE = "failure", _("Échoué")

    device = models.ForeignKey(
        Device, verbose_name=_("appareil"), on_delete=models.CASCADE, related_name="erasures"
    )
    method = models.CharField(_("logiciel ou méthode"), max_length=15, choices=Method.choices)
    standard = models.CharField(_("norme"), max_length=15, choices=Standard.choices)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opérateur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    performed_on = models.DateField(_("date"))
    result = models.CharField(_("résultat"), max_length=10, choices=Result.choices)
    certificate = models.FileField(
        _("certificat (PDF)"), upload_to="effacements/%Y/%m/", blank=True
    )
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)

    objects = ErasureRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("effacement des données")
        verbose_name_plural = _("effacements des données")
        ordering = ["device", "-performed_on", "-pk"]

    def __str__(self):
        return f"{self.device.inventory_code} — {self.get_method_display()} — {self.result}"


class HandoverQuerySet(OrganisationScopedQuerySet):
    """Hand-overs of the devices the actor reads."""

    scope_path = "device__organisation"
    scope_roles = EQUIPMENT_ROLES


class Handover(models.Model):
    """A device handed over to a learner at the last meeting: a donation, a loan or a
    solidarity sale, with who pays what."""

    class Formula(models.TextChoices):
        DONATION = "donation", _("Don")
        LOAN = "loan", pgettext_lazy("formule de remise", "Prêt")
        SALE = "sale", _("Vente solidaire")

    class Status(models.TextChoices):
        ACTIVE = "active", _("En cours")
        RETURNED = "returned", _("Rendu")
        BOUGHT = "bought", _("Acheté en fin de prêt")

    device = models.ForeignKey(
        Device, verbose_name=_("appareil"), on_delete=models.PROTECT, related_name="handovers"
    )
    enrolment = models.ForeignKey(
        "cohorts.Enrolment",
        verbose_name=_("inscription"),
        on_delete=models.PROTECT,
        related_name="handovers",
    )
    formula = models.CharField(_("formule"), max_length=10, choices=Formula.choices)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    handed_over_at = models.DateTimeField(_("remis le"), auto_now_add=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("remis par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    loan_ends_on = models.DateField(_("fin du prêt"), null=True, blank=True)
    buyout_price = models.DecimalField(
        _("prix d'achat en fin de prêt (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    price = models.DecimalField(
        _("prix de vente (€)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    learner_share = models.DecimalField(
        _("part payée par l'apprenant (€)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    at_home = models.BooleanField(_("remis à domicile"), default=False)
    reminder_sent_on = models.DateField(_("rappel envoyé le"), null=True, blank=True)
    ended_on = models.DateField(_("terminé le"), null=True, blank=True)
    learner_signature = models.FileField(
        _("signature de l'apprenant"), upload_to="remises/%Y/%m/", blank=True
    )
    learner_signed_at = models.DateTimeField(_("signé le"), null=True, blank=True)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        verbose_name = _("remise d'un appareil")
        verbose_name_plural = _("remises d'appareils")
        ordering = ["-handed_over_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["device"],
                condition=models.Q(status="active"),
                name="equipment_one_active_handover_per_device",
            )
        ]

    def __str__(self):
        return f"{self.device.inventory_code} → {self.enrolment.learner} ({self.formula})"

    @property
    def funders_total(self):
        return sum((share.amount for share in self.funding_shares.all()), Decimal("0"))


class FundingShare(models.Model):
    """The part of a sale (or of a device's cost) a funder pays, tied to its programme."""

    handover = models.ForeignKey(
        Handover,
        verbose_name=_("remise"),
        on_delete=models.CASCADE,
        related_name="funding_shares",
    )
    programme = models.ForeignKey(
        "cohorts.Programme",
        verbose_name=_("dispositif"),
        on_delete=models.PROTECT,
        related_name="funding_shares",
    )
    amount = models.DecimalField(
        _("montant (€)"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("part d'un financeur")
        verbose_name_plural = _("parts des financeurs")

    def __str__(self):
        return f"{self.programme} — {self.amount} €"


class InventoryPrefix(models.Model):
    """One row per inventory-code prefix (PN, TR…), locked while a code is drawn.

    Codes are unique platform-wide and made of the structure's initials, so two structures
    with the same initials share one numbering: the lock that keeps two registrations from
    drawing the same number is the prefix's, not the structure's."""

    prefix = models.CharField(_("préfixe"), max_length=3, unique=True)
    drawn_at = models.DateTimeField(_("dernier code tiré le"))

    class Meta:
        verbose_name = _("préfixe d'inventaire")
        verbose_name_plural = _("préfixes d'inventaire")

    def __str__(self):
        return self.prefix
