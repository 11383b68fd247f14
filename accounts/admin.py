from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Lists show the mobile number masked; searching by the full number still finds it."""

    list_display = ["username", "email", "phone_masked", "first_name", "is_staff"]
    search_fields = [*DjangoUserAdmin.search_fields, "=phone"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Mobile phone"), {"fields": ["phone", "phone_verified"]}),
    )

    @admin.display(description=_("mobile phone"))
    def phone_masked(self, user):
        return user.phone_masked
