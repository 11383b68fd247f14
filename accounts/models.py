from django.contrib.auth.models import AbstractUser
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
