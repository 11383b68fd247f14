from django import forms
from django.utils.translation import gettext_lazy as _

from .roles import ROLES


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(name, label) for name, (label, _perms) in ROLES.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
