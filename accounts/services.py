import secrets

from allauth.account.models import EmailAddress
from django.db import transaction

from .models import User


@transaction.atomic
def staff_user_ensure(*, username: str, email: str) -> tuple[User, str | None]:
    """Create a verified secretariat user if missing; return it and its new password, if made."""
    user = User.objects.filter(username=username).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password,
            is_staff=True,
            first_name="秘书处",
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, password
