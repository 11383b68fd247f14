"""Staff API tokens expire and record their last use; the user and the secretary-general revoke
them. The token endpoint itself is left alone: `ExpiringTokenAuthentication` refuses (and
deletes) an expired staff token, so the next `POST /api/v1/auth/token/` issues a new one."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from audit.context import client_ip
from audit.models import Act
from audit.services import audit_record

from .models import TokenActivity, User

TOUCH_EVERY = timedelta(minutes=1)


def expires_at(token: Token):
    """When a staff user's token stops working; None for other users' tokens."""
    if not token.user.is_staff:
        return None
    return token.created + timedelta(days=settings.STAFF_TOKEN_DAYS)


def is_expired(token: Token, now=None) -> bool:
    expiry = expires_at(token)
    return expiry is not None and expiry <= (now or timezone.now())


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if is_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed(
                _("This API token has expired: ask for a new one.")
            )
        _touch(token)
        return user, token


def _touch(token: Token) -> None:
    """Record the use, at most once a minute per token (the cache says when it was written)."""
    key = "token-used:" + hashlib.sha256(token.key.encode()).hexdigest()[:32]
    if cache.add(key, 1, TOUCH_EVERY.total_seconds()):
        use = {"last_used_at": timezone.now(), "last_used_ip": client_ip.get()}
        if not TokenActivity.objects.filter(token=token).update(**use):
            TokenActivity.objects.bulk_create(
                [TokenActivity(token=token, **use)], ignore_conflicts=True
            )


@transaction.atomic
def token_issue(*, user: User) -> Token:
    """A fresh token for the user, replacing any other (the endpoint may use this too)."""
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    audit_record(act=Act.TOKEN_CHANGE, user=user, obj=user, detail="issued")
    return token


@transaction.atomic
def token_revoke(*, owner: User, by: User) -> bool:
    deleted, _per_model = Token.objects.filter(user=owner).delete()
    if deleted:
        audit_record(act=Act.TOKEN_CHANGE, user=by, obj=owner, detail="revoked")
    return bool(deleted)


def tokens_purge_expired(now=None) -> int:
    cutoff = (now or timezone.now()) - timedelta(days=settings.STAFF_TOKEN_DAYS)
    deleted, _per_model = Token.objects.filter(user__is_staff=True, created__lte=cutoff).delete()
    return deleted
