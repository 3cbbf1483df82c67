"""Forms of the workshop pages: they parse input; the services decide."""

from decimal import InvalidOperation

from django import forms
from django.forms.models import fields_for_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.numbers import CENT, parse_decimal
from equipment.models import Device, Donor, ErasureRecord
from equipment.services import AMOUNT_INVALID

REGISTER_FIELDS = [
    "kind",
    "serial_number",
    "brand",
    "model",
    "processor",
    "memory_gb",
    "storage_gb",
    "operating_system",
    "grade",
    "collected_on",
    "batch",
    "price",
    "notes",
]


class EurosField(forms.Field):
    """An amount in euros as typed: "45", "12,50", "45 €" → Decimal("45.00"); empty → None.
    What is not an amount, or is negative, is refused with AMOUNT_INVALID, quoting it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    @staticmethod
    def number(value):
        """The number typed in `value` ("12,5", "45 €"), None when there is none."""
        return parse_decimal(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        amount = self.number(value)
        try:
            if amount is None or amount < 0:
                raise InvalidOperation
            return amount.quantize(CENT)
        except InvalidOperation as error:  # also an amount too long to count in cents
            raise forms.ValidationError(
                _(AMOUNT_INVALID) % {"value": value}, code="invalid"
            ) from error


class DeviceRegisterForm(forms.Form):
    """A device received by the workshop; the donor is picked or typed as a new name."""

    organisation = forms.ModelChoiceField(label=_("Structure"), queryset=None)
    donor = forms.ModelChoiceField(label=_("Donateur"), queryset=None, required=False)
    new_donor = forms.CharField(
        label=_("Ou nouveau donateur"),
        max_length=200,
        required=False,
        help_text=_("Le nom de l'entreprise ou de l'administration, s'il n'est pas dans la liste."),
    )

    def __init__(self, *args, organisations, donors, **kwargs):
        super().__init__(*args, **kwargs)
        fields = fields_for_model(Device, fields=REGISTER_FIELDS)
        for name in REGISTER_FIELDS:
            self.fields[name] = fields[name]
        self.order_fields(["organisation", *REGISTER_FIELDS[:9], "donor", "new_donor"])
        self.fields["organisation"].queryset = organisations
        self.fields["donor"].queryset = donors.select_related("organisation")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0]
            self.fields["organisation"].widget = forms.HiddenInput()
        else:
            self.fields["donor"].label_from_instance = lambda d: f"{d.name} ({d.organisation})"
        self.fields["collected_on"].widget = forms.DateInput(
            attrs={"type": "date"}, format="%Y-%m-%d"
        )
        self.fields["collected_on"].initial = timezone.localdate
        self.fields["serial_number"].widget.attrs.update(autocomplete="off", autocapitalize="off")
        self.fields["notes"].widget.attrs["rows"] = 3
        for name in ("memory_gb", "storage_gb", "price"):
            self.fields[name].widget.attrs["inputmode"] = (
                "decimal" if name == "price" else "numeric"
            )

    def clean(self):
        data = super().clean()
        donor, new_donor = data.get("donor"), (data.get("new_donor") or "").strip()
        organisation = data.get("organisation")
        if donor and new_donor:
            raise forms.ValidationError(
                _("Choisissez un donateur dans la liste ou tapez un nouveau nom, pas les deux.")
            )
        if donor and organisation and donor.organisation_id != organisation.pk:
            self.add_error("donor", _("Ce donateur n'est pas un donateur de cette structure."))
        data["new_donor"] = new_donor
        return data

    def device_fields(self, donor):
        """The keyword arguments of `device_register` (without actor, organisation)."""
        fields = {name: self.cleaned_data[name] for name in REGISTER_FIELDS}
        for name, value in list(fields.items()):
            if value is None and not Device._meta.get_field(name).null:
                fields[name] = ""
        fields["donor"] = donor
        return fields


class ErasureForm(forms.Form):
    method = forms.ChoiceField(label=_("Logiciel ou méthode"), choices=ErasureRecord.Method)
    standard = forms.ChoiceField(label=_("Norme"), choices=ErasureRecord.Standard)
    performed_on = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    result = forms.ChoiceField(
        label=_("Résultat"),
        choices=ErasureRecord.Result,
        initial=ErasureRecord.Result.SUCCESS,
        widget=forms.RadioSelect,
    )
    certificate = forms.FileField(
        label=_("Certificat (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
        help_text=_(
            "Le rapport produit par le logiciel d'effacement : les gros donateurs le demandent."
        ),
    )
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)


class DeviceFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Étape"), choices=[("", _("Toutes"))] + list(Device.Status.choices), required=False
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Tous"))] + list(Device.Kind.choices), required=False
    )
    donor = forms.ModelChoiceField(
        label=_("Donateur"), queryset=Donor.objects.none(), required=False, empty_label=_("Tous")
    )

    def __init__(self, *args, donors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = donors

    def filter(self, devices):
        if not self.is_valid():
            return devices
        data = self.cleaned_data
        if data["status"]:
            devices = devices.filter(status=data["status"])
        if data["kind"]:
            devices = devices.filter(kind=data["kind"])
        if data["donor"]:
            devices = devices.filter(donor=data["donor"])
        return devices
