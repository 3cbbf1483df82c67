"""The learner's log-in form: the code on their card and a PIN of 4 to 6 digits."""

from django import forms
from django.utils.translation import gettext_lazy as _


class LearnerLoginForm(forms.Form):
    code = forms.CharField(
        label=_("Mon code"),
        max_length=20,
        help_text=_("Les 6 lettres et chiffres sur ma carte."),
        widget=forms.TextInput(
            attrs={
                "class": "big",
                "autocomplete": "username",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
    pin = forms.RegexField(
        label=_("Mon code PIN"),
        regex=r"^\d{4,6}$",
        help_text=_("4 à 6 chiffres."),
        error_messages={"invalid": _("Le code PIN a 4 à 6 chiffres.")},
        widget=forms.PasswordInput(
            attrs={
                "class": "big",
                "inputmode": "numeric",
                "autocomplete": "current-password",
                "pattern": "[0-9]*",
            }
        ),
    )
