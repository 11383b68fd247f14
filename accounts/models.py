from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A portal user: secretariat staff (is_staff), a member representative or an applicant."""

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_representative(self) -> bool:
        return self.representations.exists()

    def home_url_name(self) -> str:
        if self.is_staff:
            return "staff_dashboard"
        if self.is_representative:
            return "member_home"
        return "applicant_home"

    def __str__(self) -> str:
        return self.get_full_name() or self.email or self.username


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
