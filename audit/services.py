from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from .context import client_ip
from .models import Act, AuditEntry


def _entry(*, act: Act, user, obj: models.Model | None, detail: str) -> AuditEntry:
    return AuditEntry(
        act=act,
        user=user if user is not None and user.is_authenticated else None,
        user_name=user.get_username() if user is not None and user.is_authenticated else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        detail=detail[:500],
        ip=client_ip.get(),
    )


def audit_record(
    *, act: Act, user, obj: models.Model | None = None, detail: str = ""
) -> AuditEntry:
    """Write one entry; call it inside the transaction of the act it records."""
    entry = _entry(act=act, user=user, obj=obj, detail=detail)
    entry.save()
    return entry


def audit_record_many(*, act: Act, user, objects: Iterable[models.Model], detail: str = "") -> None:
    AuditEntry.objects.bulk_create(
        [_entry(act=act, user=user, obj=obj, detail=detail) for obj in objects]
    )


def entries_for(obj: models.Model):
    return AuditEntry.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("user")


def audit_purge(*, now=None) -> int:
    """Delete the entries older than AUDIT_RETENTION_DAYS (the only way entries ever go)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _per_model = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
