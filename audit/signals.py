"""Staff logins: the login signal is the one place every way of logging in passes."""

from allauth.mfa import signals as mfa_signals
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .models import Act
from .services import audit_record


@receiver(user_logged_in, dispatch_uid="audit_staff_login")
def _staff_logged_in(sender, request, user, **kwargs):
    if user.is_staff:
        audit_record(act=Act.STAFF_LOGIN, user=user)


def _mfa_changed(detail: str):
    def receiver_(sender, request, user, authenticator=None, **kwargs):
        kind = authenticator.type if authenticator is not None else ""
        audit_record(act=Act.MFA_CHANGE, user=user, obj=user, detail=f"{detail} {kind}".strip())

    return receiver_


_on_added = _mfa_changed("added")
_on_removed = _mfa_changed("removed")
_on_reset = _mfa_changed("reset")
mfa_signals.authenticator_added.connect(_on_added, dispatch_uid="audit_mfa_added")
mfa_signals.authenticator_removed.connect(_on_removed, dispatch_uid="audit_mfa_removed")
mfa_signals.authenticator_reset.connect(_on_reset, dispatch_uid="audit_mfa_reset")
