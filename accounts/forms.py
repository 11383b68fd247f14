from allauth.account.forms import (
    ConfirmLoginCodeForm,
    RequestLoginCodeForm,
    SignupForm,
    VerifyPhoneForm,
)
from django import forms
from django.utils.translation import gettext_lazy as _

from core.phones import normalize_mobile
from core.roles import ROLES


class MobileField(forms.CharField):
    """An 11-digit mainland mobile number, typed on the numeric keyboard; cleans to E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "type": "tel",
                    "inputmode": "numeric",
                    "autocomplete": "tel-national",
                    "placeholder": _("11-digit mobile number"),
                    "class": "form-control form-control-lg",
                }
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_mobile(value) if value else value


class NumericCodeMixin:
    """The 6-digit SMS code on the numeric keyboard, filled in from the SMS where phones can."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("6-digit code")
        self.fields["code"].widget.attrs.update(
            {
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9]*",
                "maxlength": 6,
                "placeholder": _("6-digit code"),
                "class": "form-control form-control-lg",
            }
        )


class PhoneVerifyForm(NumericCodeMixin, VerifyPhoneForm):
    pass


class LoginCodeForm(NumericCodeMixin, ConfirmLoginCodeForm):
    pass


class PhoneSignupForm(SignupForm):
    """Sign-up by mobile number (verified by SMS code) or by e-mail: at least one of them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "email" in self.fields:
            self.fields["email"].label = _("E-mail (optional)")
        if "phone" in self.fields:
            self.fields["phone"].label = _("Mobile number")
        order = ["phone", "email", "password1", "password2"]
        self.order_fields(order + [name for name in self.fields if name not in order])

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("phone") and not cleaned.get("email") and not self.errors:
            raise forms.ValidationError(
                _("Enter your mobile number (or an e-mail address) to register.")
            )
        return cleaned


class PhoneLoginCodeRequestForm(RequestLoginCodeForm):
    """Ask for a login code: the mobile number first, e-mail as the alternative."""

    rate_limited = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "email" in self.fields:
            self.fields["email"].label = _("or e-mail")
        self.order_fields(["phone", "email"])

    def clean_phone(self) -> str:
        try:
            return super().clean_phone()
        except forms.ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            self.rate_limited = True  # the page counts down before the next try
            raise forms.ValidationError(
                _(
                    "Codes were requested for this number too often. Wait a minute before "
                    "asking again (at most 5 an hour and 10 a day)."
                ),
                code="rate_limited",
            ) from error


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=[(name, label) for name, (label, _perms) in ROLES.items()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
