from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.phones import mask_mobile, national_mobile


class User(AbstractUser):
    """A portal user: secretariat staff (is_staff), a member representative or an applicant."""

    # E.164 (+8613800138000); NULL when none, so that the unique index allows many without.
    phone = models.CharField(_("mobile phone"), max_length=16, unique=True, null=True, blank=True)
    phone_verified = models.BooleanField(_("mobile phone verified"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_representative(self) -> bool:
        return self.representations.exists()

    @property
    def verified_mobile(self) -> str:
        """The 11-digit number once verified by SMS code, else ''."""
        return national_mobile(self.phone) if self.phone and self.phone_verified else ""

    @property
    def phone_masked(self) -> str:
        return mask_mobile(self.phone) if self.phone else ""

    def home_url_name(self) -> str:
        if self.is_staff:
            return "staff_dashboard"
        if self.is_representative:
            return "member_home"
        return "applicant_home"

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.phone_masked or self.username


def user_display(user) -> str:
    """How allauth names the user ("Signed in as ..."): never a username made up at sign-up."""
    return str(user)


class TokenActivity(models.Model):
    """When and from where an API token was last used (written at most once a minute)."""

    token = models.OneToOneField(
        "authtoken.Token", on_delete=models.CASCADE, primary_key=True, related_name="activity"
    )
    last_used_at = models.DateTimeField(_("last used"))
    last_used_ip = models.GenericIPAddressField(_("last used from"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")

    def __str__(self) -> str:
        return f"{self.token_id[:6]}… {self.last_used_at:%Y-%m-%d %H:%M}"
